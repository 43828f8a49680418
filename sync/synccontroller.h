#pragma once

#include "sync/engine/reconcilemessages.h"
#include "sync/engine/syncmessages.h"

#include <QObject>
#include <QThread>

namespace fulfillsync {

class AlertNotifier;
class Database;
class ReconcileScheduler;
class SyncScheduler;
class SyncWorker;

// The GUI thread's handle on the sync worker thread, and the only sync type ui/ uses. Requests
// go in and results come out as values through queued connections; the worker never touches a
// widget and the window never waits for the network.
class SyncController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)

public:
    explicit SyncController(Database &database, QObject *parent = nullptr);
    ~SyncController() override; // cancels, then quits and joins the thread

    void setCredentials(const fulfillsync::SyncCredentials &credentials);
    void runNow(const fulfillsync::SyncRequest &request);
    void cancel();
    void cancelConnector(qint64 connectorId); // one connector's pass; the others go on
    bool isBusy() const { return m_busy; }
    // Runs every enabled connector on its own interval from the sync thread (as the daemon
    // does), and re-reads the connectors when told they changed.
    void startSchedule();
    void reloadSchedule();
    // A reconciliation on the sync thread (SyncWorker::reconcile); the window never waits.
    void reconcile(const fulfillsync::ReconcileRequest &request);
    void cancelReconcile(qint64 connectorId); // 0: every one under way

Q_SIGNALS:
    void progressed(const fulfillsync::SyncProgress &progress);
    void passFinished(const fulfillsync::SyncRunSummary &summary);
    void historyAdvanced(qint64 newestAttemptId);
    void requestPlanned(const fulfillsync::PlannedRequest &request); // dry runs
    void failedToStart(const QString &message);
    void busyChanged(bool busy);
    void runRequested(const fulfillsync::SyncRequest &request);    // by the user or the schedule
    void nextRunChanged(qint64 connectorId, const QDateTime &due); // invalid: not scheduled
    void alertNotDelivered(const QString &message); // a webhook or mail alert did not go out
    // A reconciliation began (asked for here, or by the nightly schedule), read one more
    // order, or ended.
    void reconcileStarted(const fulfillsync::ReconcileRequest &request);
    void reconcileProgressed(qint64 connectorId, int done, int total);
    void reconcileFinished(const fulfillsync::ReconcileSummary &summary);

    // Internal hops into the worker thread.
    void requestRun(const fulfillsync::SyncRequest &request);
    void requestCredentials(const fulfillsync::SyncCredentials &credentials);

private:
    void markBusy();

    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    SyncScheduler *m_scheduler = nullptr;               // lives in m_thread, beside the worker
    AlertNotifier *m_alerts = nullptr;                  // too
    ReconcileScheduler *m_reconcileScheduler = nullptr; // too
    bool m_busy = false;
    bool m_scheduling = false;
};

} // namespace fulfillsync
