#pragma once

#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/engine/fulfillmentmapper.h"
#include "sync/engine/shopifyplanner.h"
#include "sync/engine/syncmessages.h"
#include "sync/net/httpresult.h"
#include "sync/net/netsuiteendpoint.h"
#include "sync/net/shopifyapi.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace fulfillsync {

class Database;
class HttpCall;
class RequestGate;
class LeakyBucketPacer;
class SuiteQlQuery;

// One incremental pass of one connector, event-driven (no blocking, no nested loops):
//   1. read sales orders changed since the watermark (minus an overlap) and cache them;
//   2. read item fulfillments changed since then, with lines and tracking numbers, and cache;
//   3. for each touched order of this connector's channel in a trigger status, each Shipped
//      fulfillment not yet in the ledger is mapped and pushed: ledger row first (the outbox),
//      then the order's line items and fulfillment orders, then fulfillmentCreate. Orders are
//      evaluated as the pushes go (the pass never holds 100,000 jobs) and several jobs are in
//      flight at once — never two of the same order — while the store's buckets set the pace;
//   4. order sync states are updated and the watermark moves to the newest change seen.
// A ledger row left Pending or Ambiguous by an earlier run is settled by reading the channel's
// fulfillments back before anything is sent again.
class SyncPass final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncPass)

public:
    struct Config
    {
        Connector connector;
        QList<MappingRule> rules;
        NetSuiteEndpoint netsuite;
        ShopifyEndpoint shopify;
        SyncTrigger trigger = SyncTrigger::Manual;
        QDateTime firstPassSince;
        int overlapSeconds = 600; // a fulfillment saved during a run, or a slow clock
        QuarantinePolicy quarantine;
        RequestGate *netSuiteGate = nullptr;      // shared by all passes on the same account
        LeakyBucketPacer *channelPacer = nullptr; // this connector's store, kept across passes
        LeakyBucketPacer *graphQlPacer = nullptr; // the store's GraphQL cost bucket
        // Resync: only these sales orders, read whole, quarantine and held state ignored, the
        // watermark left where it is.
        QList<qint64> onlyOrders;
        // Dry run: everything up to the create request, which is reported instead of sent;
        // nothing is written to the ledger, history, quarantine or watermark.
        bool dryRun = false;
        // Detection only: read NetSuite's changes into the cache, evaluate and send nothing
        // (benchmarks, and refreshing the local copy).
        bool detectOnly = false;
        // Replay of one fulfillment (onlyOrders holds its order): always after a live read-back
        // of the channel. replayBody empty: rebuilt with today's mappings; else sent as recorded.
        qint64 replayFulfillmentId = 0;
        QByteArray replayBody;
        // Channel jobs in flight at once. The pacers keep the rate; more in flight hides the
        // round trips (each fulfillment needs three calls).
        int maxJobsInFlight = 4;
        qint64 mappingVersion = 0; // recorded on every attempt of the pass
        std::function<QDateTime()> clock = [] {
            return QDateTime::currentDateTimeUtc();
        };
    };

    SyncPass(QNetworkAccessManager &network, Database &database, Config config,
             QObject *parent = nullptr);
    ~SyncPass() override;

    void start();
    void cancel();

Q_SIGNALS:
    void progressed(const fulfillsync::SyncProgress &progress);
    void historyAdvanced(qint64 newestAttemptId);
    void finished(const fulfillsync::SyncRunSummary &summary);
    // Dry run: the exact request a fulfillment would cause.
    void requestPlanned(const fulfillsync::PlannedRequest &request);

private:
    struct Job
    {
        enum class Kind { Create, UpdateTracking };
        Kind kind = Kind::Create;
        QString channelFulfillmentId; // UpdateTracking
        ItemFulfillment fulfillment;
        SalesOrder order;
        MappedFulfillment mapped;
        bool settleFirst = false; // a Pending/Ambiguous ledger row exists
        bool quarantined = true;  // may have a quarantine entry to clear on success
        QElapsedTimer clock;
        QJsonObject orderJson;
        QJsonObject fulfillmentOrdersJson;
        QByteArray requestBody;
        int throttledRetries = 0;
    };
    // Shared by the callbacks of the job's calls; freed when the last one is done.
    using JobPtr = std::shared_ptr<Job>;
    static constexpr int kMaxThrottledRetries = 20;

    using QueryBuilder = std::function<QString(const QDateTime &since)>;
    using RowSink = std::function<void(const QList<QJsonObject> &rows)>;
    void readWindowed(QueryBuilder build, const QDateTime &since, RowSink sink,
                      std::function<QDateTime()> newest, std::function<void()> done);
    void readOrders();
    void readFulfillments();
    void readKitMembers(const QList<ItemFulfillment> &fulfillments); // kit rule "members" only
    void evaluate();
    void evaluateOrder(qint64 orderId); // queues the order's jobs, records what is held
    void queue(Job job);
    void pump(); // starts queued jobs up to the in-flight limit; finishes when all are done
    void startJob(const JobPtr &job);
    void jobDone(const JobPtr &job);
    // A paced channel read; failures end the job through channelCallFailed().
    void readChannel(const JobPtr &job, HttpCall *call, const QString &what,
                     std::function<void(const fulfillsync::HttpResult &)> onSuccess);
    void settleByReadBack(const JobPtr &job);
    void fetchChannelOrder(const JobPtr &job);
    void fetchFulfillmentOrders(const JobPtr &job);
    void sendCreate(const JobPtr &job);
    void sendPrepared(const JobPtr &job); // the create with requestBody: ledger intent, then POST
    void postCreate(const JobPtr &job);
    void onCreateAnswered(const JobPtr &job, const fulfillsync::HttpResult &result);
    void sendTrackingUpdate(const JobPtr &job);
    void startGraphQlCall(HttpCall *call); // paced by the store's GraphQL cost bucket
    void startChannelCall(HttpCall *call); // paced by the store's REST leaky bucket
    void startPaced(HttpCall *call, LeakyBucketPacer *pacer, double cost,
                    std::function<void(const fulfillsync::HttpResult &)> observe);
    void planReplay(const SalesOrder &order, const ItemFulfillment &f);
    // Records the job's attempt and frees its slot for the next job.
    void completeJob(const JobPtr &job, SyncOutcome outcome, ErrorClass errorClass,
                     const QString &message, const QString &response = {});
    void recordAttempt(const Job &job, SyncOutcome outcome, ErrorClass errorClass,
                       const QString &message, const QString &response = {},
                       bool quarantine = true);
    // A fulfillment already pushed: flag voids and reductions, send tracking changes.
    void checkAfterPush(const SalesOrder &order, const ItemFulfillment &f,
                        const LedgerEntry &entry);
    // A body as stored in the history: compact JSON, anything else cut short.
    static QString readableJson(const QByteArray &body);
    void planned(const Job &job, const QString &method, const QString &url, const QByteArray &body,
                 const QString &problem = {});
    void updateOrderStates();
    void finish(const QString &error = {});
    HttpCall *track(HttpCall *call);
    bool channelCallFailed(const JobPtr &job, const HttpResult &result, const QString &what);
    void emitProgress(const QString &phase);

    QNetworkAccessManager &m_network;
    Database &m_database;
    // Kept for the whole pass so their prepared statements are reused (see StatementCache).
    std::optional<OrderRepository> m_orders;
    std::optional<LedgerRepository> m_ledger;
    std::optional<QuarantineRepository> m_quarantine;
    std::optional<HistoryRepository> m_history;
    Config m_config;
    SyncRunSummary m_summary;
    QElapsedTimer m_clock;
    QElapsedTimer m_lastAnnounce;
    QDateTime m_since;
    QDateTime m_newestChange;
    QSet<qint64> m_touchedOrders;
    // Evaluation and pushing, interleaved.
    std::unique_ptr<FulfillmentMapper> m_mapper;
    QList<qint64> m_orderIds; // to evaluate, in order
    qsizetype m_nextOrder = 0;
    bool m_resync = false;
    std::deque<JobPtr> m_queue;
    QSet<QString> m_busyChannelOrders; // channel orders with a job in flight
    int m_running = 0;
    int m_completed = 0;
    QPointer<SuiteQlQuery> m_query;
    QList<QPointer<HttpCall>> m_calls;                      // in flight, for cancel()
    QHash<qint64, QPair<QString, QString>> m_orderProblems; // order → (state, message)
    QHash<qint64, QDateTime> m_attemptTimes;
    bool m_netSuiteCredentialsProven = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace fulfillsync
