#pragma once

#include "sync/engine/syncmessages.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace fulfillsync {

class Database;
class HistoryTableModel;
class OrderTableModel;
class PagedTableModel;
class SyncController;

// The shell: two tables, the Sync now / Cancel actions and the status line. It routes user
// actions to the SyncController and refreshes the tables from the database; no business logic.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Database &database, SyncController &sync, SyncRequest syncTemplate,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    QAction *syncNowAction() const { return m_syncNow; }
    QAction *cancelAction() const { return m_cancel; }
    HistoryTableModel *historyModel() const { return m_historyModel; }
    OrderTableModel *orderModel() const { return m_orderModel; }
    QTableView *historyView() const { return m_historyView; }
    QTableView *orderView() const { return m_orderView; }
    QTabWidget *tabs() const { return m_tabs; }
    QString statusText() const;

    void showStatus(const QString &text);

private:
    void syncNow();
    void onBusyChanged(bool busy);
    void onProgress(const fulfillsync::SyncProgress &progress);
    void onPassFinished(const fulfillsync::SyncRunSummary &summary);
    void onFailedToStart(const QString &message);
    void applyFilter();
    void refreshTables();
    QTableView *makeView(PagedTableModel *model);
    void updateCounts();

    SyncController &m_sync;
    SyncRequest m_syncTemplate;
    OrderTableModel *m_orderModel = nullptr;
    HistoryTableModel *m_historyModel = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_orderView = nullptr;
    QTableView *m_historyView = nullptr;
    QLineEdit *m_filter = nullptr;
    QTimer *m_filterDelay = nullptr;
    QTimer *m_refreshDelay = nullptr;
    QAction *m_syncNow = nullptr;
    QAction *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_counts = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

} // namespace fulfillsync
