#pragma once

#include "sync/engine/syncmessages.h"

#include <QMainWindow>
#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace fulfillsync {

class ChangeNotifier;
class Database;
class HistoryTableModel;
class OrderTableModel;
class PagedTableModel;
class OrderDetailPane;
class AttemptDetailPane;
class DashboardPage;
class InboxPage;
class JobsPage;
class MappingsPage;
class ReconciliationPage;
class SyncController;
class ConnectorsPage;
class SecretStore;
class TablePanel;

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
    QTableView *historyView() const;
    QTableView *orderView() const;
    TablePanel *historyPanel() const { return m_historyPanel; }
    TablePanel *orderPanel() const { return m_orderPanel; }
    QTabWidget *tabs() const { return m_tabs; }
    OrderDetailPane *orderDetail() const { return m_orderDetail; }
    AttemptDetailPane *attemptDetail() const { return m_attemptDetail; }
    DashboardPage *dashboard() const { return m_dashboard; }
    JobsPage *jobs() const { return m_jobs; }
    InboxPage *inbox() const { return m_inbox; }
    ReconciliationPage *reconciliation() const { return m_reconciliation; }
    // Switches to Sales Orders filtered to this order, selects it and shows its detail.
    void showOrder(qint64 orderId, const QString &orderTranId);
    MappingsPage *mappingsPage() const { return m_mappingsPage; }
    // Asks the admin before a replay; tests answer without a dialog.
    using Confirm = std::function<bool(const QString &question)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    QString statusText() const;
    // One connector's part of the status line after a pass.
    static QString summaryLine(const fulfillsync::SyncRunSummary &summary);
    // Adds the Connectors tab and File → Settings… (they keep secrets in this store).
    void setSecretStore(SecretStore &secrets);
    ConnectorsPage *connectorsPage() const { return m_connectorsPage; }
    QAction *settingsAction() const { return m_settings; }
    // File → Try the demo…: another window, on the demo's own database. Tests replace the
    // launcher.
    QAction *openDemoAction() const { return m_openDemo; }
    void setDemoLauncher(std::function<void()> launch) { m_launchDemo = std::move(launch); }

    void showStatus(const QString &text);
    // This window is the demo's: a banner and a status badge say so, and its Settings are the
    // demo's own.
    void markAsDemo();
    QLabel *demoBanner() const { return m_demoBanner; } // null unless markAsDemo()
    // Connectors were added or changed outside the Connectors tab (the demo's, an import).
    void connectorsChanged();

protected:
    // Unsaved mappings are asked about (save, discard, or stay) before the window closes.
    void closeEvent(QCloseEvent *event) override;

private:
    void listConnectorsInFilters();
    void buildMenus();
    void syncNow();
    void onBusyChanged(bool busy);
    void onProgress(const fulfillsync::SyncProgress &progress);
    void onPassFinished(const fulfillsync::SyncRunSummary &summary);
    void onFailedToStart(const QString &message);
    void refreshTables();
    void updateCounts();
    void resync(qint64 orderId);
    void dryRun(qint64 orderId);
    void replay(qint64 attemptId, bool asRecorded);
    bool runForOrder(SyncRequest request, qint64 orderId);
    QString orderName(qint64 orderId) const;
    void selectPendingOrder();

    Database &m_database;
    SyncController &m_sync;
    SecretStore *m_secrets = nullptr;
    ConnectorsPage *m_connectorsPage = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_openDemo = nullptr;
    QMenu *m_fileMenu = nullptr;
    std::function<void()> m_launchDemo;
    SyncRequest m_syncTemplate;
    OrderTableModel *m_orderModel = nullptr;
    HistoryTableModel *m_historyModel = nullptr;
    QTabWidget *m_tabs = nullptr;
    TablePanel *m_orderPanel = nullptr;
    TablePanel *m_historyPanel = nullptr;
    OrderDetailPane *m_orderDetail = nullptr;
    AttemptDetailPane *m_attemptDetail = nullptr;
    MappingsPage *m_mappingsPage = nullptr;
    Confirm m_confirm;
    bool m_dryRunPending = false;
    int m_dryRunPlanned = 0;
    QTimer *m_refreshDelay = nullptr;
    ChangeNotifier *m_changes = nullptr;
    QAction *m_syncNow = nullptr;
    QAction *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_demoBanner = nullptr;
    QLabel *m_counts = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    DashboardPage *m_dashboard = nullptr;
    JobsPage *m_jobs = nullptr;
    InboxPage *m_inbox = nullptr;
    ReconciliationPage *m_reconciliation = nullptr;
    QList<SyncRunSummary> m_runSummaries; // the passes of the current run, one per connector
    qint64 m_pendingOrder = 0;            // showOrder() waits for the filtered page to arrive
};

} // namespace fulfillsync
