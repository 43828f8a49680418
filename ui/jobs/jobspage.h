#pragma once

#include <QWidget>

class QPushButton;
class QTableView;
class QTimer;

namespace fulfillsync {

class JobListModel;
class Database;
class SyncController;

// Running and recent connector passes with their progress, each with its own Cancel. Fed by the
// controller's signals only, so it never waits for the worker.
class JobsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsPage)

public:
    explicit JobsPage(Database &database, SyncController &sync, QWidget *parent = nullptr);

    JobListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *cancelButton() const { return m_cancel; }

    void cancelRow(int row);

private:
    void updateButtons();

    SyncController &m_sync;
    JobListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_cancel = nullptr;
    QTimer *m_tick = nullptr;
};

} // namespace fulfillsync
