#pragma once

#include "models/storage/leasefence.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/channel/channelconnection.h"
#include "sync/engine/attemptrecorder.h"
#include "sync/engine/connectorpass.h"
#include "sync/engine/netsuitereader.h"
#include "sync/engine/syncdecision.h"
#include "sync/engine/syncmessages.h"
#include "sync/net/httpresult.h"
#include "sync/net/netsuiteendpoint.h"
#include "sync/net/shopifyapi.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace fulfillsync {

class Database;
class RequestGate;
class LeakyBucketPacer;

// One incremental pass of one connector, event-driven (no blocking, no nested loops):
//   1. NetSuiteReader stores what changed since the watermark (or finds, with one request,
//      that nothing did);
//   2. the orders to look at — changed ones, unconfirmed pushes, quarantine entries that are
//      due, held fulfillments after a settings change — are evaluated one by one with
//      SyncDecisions::decide, the function Explain shows;
//   3. what must reach the channel goes through the ChannelConnection: orders are read in
//      batches (one request for several orders), each fulfillment is planned against that read,
//      written to the ledger (the outbox), then sent; several orders are in flight at once,
//      never two requests of one channel order, and the channel's pacer keeps the rate;
//   4. an answer that does not prove success or refusal is settled by reading back — at once,
//      and again on later passes until it is known;
//   5. order states are written and the watermark moves to the newest change read.
class SyncPass final : public ConnectorPass
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
        RequestGate *netSuiteGate = nullptr; // shared by all passes on the same account
        RetryPolicy netSuiteRetry;
        LeakyBucketPacer *costBucket = nullptr; // the store's GraphQL bucket, kept across passes
        int channelOrdersPerRead = 0;           // 0: as many as one request can carry
        int readBackDelayMs = 1500;             // after an unconfirmed create, before reading back
        // Resync: only these sales orders, read whole, quarantine waits skipped, the watermark
        // left where it is.
        QList<qint64> onlyOrders;
        // Of those, the fulfillments whose tracking numbers are sent again (see SyncRequest).
        QList<qint64> resendTracking;
        // Dry run: everything up to the send, which is reported instead; nothing is written.
        bool dryRun = false;
        // Detection only: read NetSuite's changes into the local copy, send nothing.
        bool detectOnly = false;
        // Replay of one fulfillment (onlyOrders holds its order): always after a live read-back
        // of the channel. replayBody empty: rebuilt with today's mappings; else sent as recorded.
        qint64 replayFulfillmentId = 0;
        QByteArray replayBody;
        // The lease this pass acts under (null: a dry run, or a test without leases). Checked
        // before every send and at the start of every write; once lost, the pass stops.
        std::shared_ptr<LeaseFence> fence;
        int maxJobsInFlight = 4;    // sends in flight at once
        qint64 mappingVersion = 0;  // recorded on every attempt
        qint64 settingsVersion = 0; // held fulfillments are tried again when it grows
        std::function<QDateTime()> clock = [] {
            return QDateTime::currentDateTimeUtc();
        };
    };

    SyncPass(QNetworkAccessManager &network, Database &database, Config config,
             QObject *parent = nullptr);
    ~SyncPass() override;

    void start() override;
    void cancel() override;

private:
    struct Job
    {
        enum class Kind { Push, ReadBack, UpdateTracking, Replay };
        Kind kind = Kind::Push;
        AttemptRecorder::Subject subject; // order, fulfillment, clock, request sent
        MappingResult mapping;
        std::optional<QuarantineEntry> quarantine;
        QString channelFulfillmentId;        // UpdateTracking
        QString unconfirmed;                 // ReadBack after this pass's own unconfirmed create
        std::optional<ChannelPlan> outbound; // a planned create: staged, then on disk, then sent
        // A push whose order the channel shows fulfilled in part or whole, not (only) by this
        // connector: its fulfillments are read before planning, to recognise another tool's.
        bool adoptionRead = false;     // waits for (or had) that read
        bool adoptionReadDone = false; // the read came back
        bool adoptionChecked = false;
    };
    // One channel order's jobs, run one after the other against one snapshot.
    struct OrderWork
    {
        QString channelOrder;
        // The NetSuite orders behind it (nearly always one) by id, with the fulfillments they
        // were evaluated with: their states are stored from those once the work is done.
        QHash<qint64, QPair<SalesOrder, QList<ItemFulfillment>>> orders;
        std::deque<Job> jobs;
        std::optional<ChannelOrderSnapshot> snapshot;
        bool busy = false; // queued for a read or a send slot, or one is under way
    };
    using WorkPtr = std::shared_ptr<OrderWork>;
    enum class Need { Nothing, Plan, ReadBack };

    // The NetSuite half and the choice of orders.
    void onRead(const NetSuiteReader::Result &result);
    void evaluateOrder(qint64 orderId);
    void decided(const SalesOrder &order, const ItemFulfillment &f, const SyncDecision &decision,
                 Job job);
    // The channel half (syncpasschannel.cpp).
    void pump();
    void advance(const WorkPtr &work);
    Need needOf(const OrderWork &work) const;
    void issueReads(bool flush);
    void onReads(const QList<WorkPtr> &works, bool readBack,
                 const QHash<QString, ChannelRead> &reads);
    void failChannelJobs(const WorkPtr &work, const ChannelRead &read);
    void runPush(const WorkPtr &work);
    // Switch-over (see Adoption): true when the job is settled (adopted or held) or waits for a
    // read of the order's fulfillments; false when it is pushed as usual.
    bool adoptFirst(const WorkPtr &work, const ChannelPlan &plan);
    void runReadBack(const WorkPtr &work);
    void runUpdate(const WorkPtr &work);
    void stageIntent(const WorkPtr &work, const ChannelPlan &plan);
    void storeIntents();
    void send(const WorkPtr &work, const ChannelPlan &plan);
    void dropUnsentIntents();
    void onSent(const WorkPtr &work, const ChannelPlan &plan, const ChannelAnswer &answer);
    void jobDone(const WorkPtr &work);
    void wakeForSlot();
    int window() const;
    void orderDone(const SalesOrder &order, const QList<ItemFulfillment> &fulfillments);
    // The fence (see Config::fence). write() runs body in a transaction that begins by proving
    // the lease; false (nothing written, the pass stopped) when it is lost. mayAct() is the
    // same check before a send.
    bool write(const std::function<void()> &body);
    bool mayAct();
    void stopFenced();
    bool fenceLost() const { return m_config.fence && m_config.fence->isLost(); }
    // Bookkeeping.
    void record(const Job &job, SyncOutcome outcome, ErrorClass errorClass, const QString &message,
                const QString &response, AttemptRecorder::Quarantine quarantine);
    void planned(const Job &job, const QString &body, const QString &problem = {},
                 PlannedRequest::Action action = PlannedRequest::Action::Nothing);
    void writeOrderStates();
    void finish(const QString &error = {});
    void emitProgress(const QString &phase);
    static QString readableJson(const QByteArray &body);

    QNetworkAccessManager &m_network;
    Database &m_database;
    Config m_config;
    SyncRunSummary m_summary;
    QElapsedTimer m_clock;
    QElapsedTimer m_lastAnnounce;
    // Kept for the whole pass so their prepared statements are reused (see StatementCache).
    std::optional<OrderRepository> m_orders;
    std::optional<LedgerRepository> m_ledger;
    std::optional<QuarantineRepository> m_quarantine;
    std::optional<AttemptRecorder> m_recorder;
    std::unique_ptr<FulfillmentMapper> m_mapper;
    NetSuiteReader::Result m_read;
    ReadResume m_resumed; // where a pass cut short stopped, as this one started
    QPointer<NetSuiteReader> m_reader;
    // Evaluation and the channel work, interleaved.
    QList<qint64> m_orderIds; // to evaluate, in order
    qsizetype m_nextOrder = 0;
    int m_ordersDone = 0;
    QHash<QString, WorkPtr> m_work;          // by channel order
    QList<WorkPtr> m_planReads, m_readBacks; // waiting for a read
    QList<WorkPtr> m_waitingForSlot;         // ready to send when a slot frees
    QList<WorkPtr> m_fresh;                  // created by the last evaluations
    QList<WorkPtr> m_staged;                 // planned creates whose intents are to be written
    int m_readsInFlight = 0;
    int m_sending = 0;
    int m_delays = 0;                       // read-back delays running
    QHash<qint64, OrderSyncState> m_states; // to write, in batches
    QHash<qint64, QString> m_stateMessages;
    QHash<qint64, double> m_pushedQuantities;
    bool m_cancelled = false;
    bool m_finished = false;
    // Last: destroyed first, so no answer arrives into a half-destroyed pass.
    std::unique_ptr<ChannelConnection> m_channel;
};

} // namespace fulfillsync
