#pragma once

#include "sync/engine/syncmessages.h"

#include <QObject>
#include <QThread>

namespace fulfillsync {

class Database;
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

Q_SIGNALS:
    void progressed(const fulfillsync::SyncProgress &progress);
    void passFinished(const fulfillsync::SyncRunSummary &summary);
    void historyAdvanced(qint64 newestAttemptId);
    void requestPlanned(const fulfillsync::PlannedRequest &request); // dry runs
    void failedToStart(const QString &message);
    void busyChanged(bool busy);

    // Internal hops into the worker thread.
    void requestRun(const fulfillsync::SyncRequest &request);
    void requestCredentials(const fulfillsync::SyncCredentials &credentials);

private:
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    bool m_busy = false;
};

} // namespace fulfillsync
