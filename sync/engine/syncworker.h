#pragma once

#include "sync/engine/syncmessages.h"

#include <QObject>
#include <QPointer>
#include <QQueue>

class QNetworkAccessManager;

namespace fulfillsync {

class Database;
class SyncPass;

// Runs sync requests one connector pass after another. Lives in the sync worker thread in the
// app (SyncController) and on the main thread in fulfillsync-worker; it owns its network
// manager, created on first use in the thread it runs in.
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    explicit SyncWorker(Database &database, QObject *parent = nullptr);
    ~SyncWorker() override;

    void setCredentials(const fulfillsync::SyncCredentials &credentials);
    void run(const fulfillsync::SyncRequest &request);
    void cancel();
    void shutdown(); // closes this thread's database connection

Q_SIGNALS:
    void progressed(const fulfillsync::SyncProgress &progress);
    void passFinished(const fulfillsync::SyncRunSummary &summary);
    void historyAdvanced(qint64 newestAttemptId);
    void idle(); // the queue is empty
    void failedToStart(const QString &message);

private:
    void startNextPass();

    Database &m_database;
    SyncCredentials m_credentials;
    QNetworkAccessManager *m_network = nullptr;
    struct PendingPass
    {
        qint64 connectorId;
        SyncRequest request;
    };
    QQueue<PendingPass> m_queue;
    QPointer<SyncPass> m_pass;
};

} // namespace fulfillsync
