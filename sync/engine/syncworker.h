#pragma once

#include "sync/engine/leasekeeper.h"
#include "sync/engine/reconcilemessages.h"
#include "sync/engine/syncmessages.h"

#include "sync/net/leakybucketpacer.h"
#include "sync/net/requestgate.h"
#include <QObject>
#include <QPointer>

#include <QHash>
#include <QSet>
#include <QTimer>
#include <functional>
#include <map>

class QNetworkAccessManager;

namespace fulfillsync {

class ConnectorPass;
class Database;
class ReconcileRun;
struct Connector;
struct NetSuiteEndpoint;

// Runs connector passes. Connectors are independent: each runs its own pass at the same time as
// the others, so one that fails, waits for a rate limit or is slow never delays another; a
// request for a connector that is already running is coalesced into one follow-up pass.
// All passes share one NetSuite request gate, because NetSuite limits concurrent requests per
// account. Lives in the sync thread in the app (SyncController) and on the main thread in
// fulfillsync-worker; it owns its network manager, created on first use in that thread.
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    explicit SyncWorker(Database &database, QObject *parent = nullptr);
    ~SyncWorker() override;

    // The seam for tests: where the worker's network manager comes from (created on first use,
    // in the worker's thread).
    using NetworkFactory = std::function<QNetworkAccessManager *(QObject *parent)>;
    void setNetworkFactory(NetworkFactory factory) { m_networkFactory = std::move(factory); }

    void setCredentials(const fulfillsync::SyncCredentials &credentials);
    void run(const fulfillsync::SyncRequest &request);
    void cancel();
    // Cancels that connector's pass and drops its queued follow-ups; other passes go on.
    void cancelConnector(qint64 connectorId);
    void shutdown(); // closes this thread's database connection
    // A reconciliation of one channel connector (ReconcileRun) beside its passes: it only
    // reads, through the connector's pacer that the passes share. One per connector at a time;
    // another request for it while one runs is refused with an error.
    void reconcile(const fulfillsync::ReconcileRequest &request);
    void cancelReconcile(qint64 connectorId); // 0: every reconciliation under way
    int runningReconciliations() const { return int(m_reconciling.size()); }

Q_SIGNALS:
    void progressed(const fulfillsync::SyncProgress &progress);
    void passFinished(const fulfillsync::SyncRunSummary &summary);
    void historyAdvanced(qint64 newestAttemptId);
    void requestPlanned(const fulfillsync::PlannedRequest &request);
    void idle(); // the queue is empty
    void reconcileProgressed(qint64 connectorId, int done, int total);
    void reconcileFinished(const fulfillsync::ReconcileSummary &summary);
    void failedToStart(const QString &message);

public:
    int runningPasses() const { return int(m_running.size()); }
    const RequestGate &netSuiteGate() const { return m_netSuiteGate; }
    void setNetSuiteConcurrency(int limit) { m_netSuiteGate = RequestGate(limit); }
    // No pass runs for ever, whatever a server does: past this it is cancelled (it keeps what it
    // read and sent; the next pass goes on from there), reported as an error, and its lease freed.
    void setPassDeadline(int ms) { m_passDeadlineMs = ms; }
    LeaseKeeper &leases() { return *m_leases; }

private:
    void startPass(qint64 connectorId, const SyncRequest &request);
    // The pass of a connector's kind: to a channel, or from a 3PL.
    ConnectorPass *channelPass(const Connector &connector, const NetSuiteEndpoint &netsuite,
                               const QString &token, const SyncRequest &request,
                               std::shared_ptr<LeaseFence> fence);
    ConnectorPass *threePlPass(const Connector &connector, const NetSuiteEndpoint &netsuite,
                               const QString &token, const SyncRequest &request,
                               std::shared_ptr<LeaseFence> fence);
    void passOverdue(qint64 connectorId);
    // The item fulfillments a 3PL pass created are owed to the channels now, not at their next
    // scheduled pass: their passes run again (or once more, after the one under way), so a run
    // ends "all synced" only once they have read them.
    void followWithChannels(const SyncRequest &request);
    void passEnded(qint64 connectorId);
    // Completed with what is still owed, recorded in sync_runs, then announced.
    void finishPass(SyncRunSummary summary);
    void emitIdleIfDone();

    Database &m_database;
    SyncCredentials m_credentials;
    NetworkFactory m_networkFactory;
    QNetworkAccessManager *m_network = nullptr;
    RequestGate m_netSuiteGate{2}; // leaves room for the account's other integrations
    QHash<qint64, ConnectorPass *> m_running;
    QSet<qint64> m_overdue; // cancelled by their deadline, not by a person
    int m_passDeadlineMs = 60 * 60 * 1000;
    QHash<qint64, QList<SyncRequest>> m_followUps;      // per connector, duplicates dropped
    std::map<qint64, LeakyBucketPacer> m_costBuckets;   // per connector, kept across passes
    std::map<qint64, LeakyBucketPacer> m_threePlPacers; // per 3PL connector, likewise
    // Connector leases on the shared database, kept by heartbeat; each pass acts under its
    // connector's fence.
    LeaseKeeper *m_leases = nullptr;
    QHash<qint64, ReconcileRun *> m_reconciling; // by connector
};

} // namespace fulfillsync
