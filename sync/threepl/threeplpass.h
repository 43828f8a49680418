#pragma once

#include "models/domain/domain.h"
#include "models/domain/threepl.h"
#include "models/storage/leasefence.h"
#include "models/storage/quarantinerepository.h"
#include "sync/engine/connectorpass.h"
#include "sync/net/httpresult.h"
#include "sync/net/netsuiteendpoint.h"
#include "sync/net/shipstationapi.h"
#include "sync/threepl/threeplordersender.h"
#include "sync/threepl/threeplrecorder.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <deque>
#include <functional>

class QNetworkAccessManager;

namespace fulfillsync {

class Database;
class HttpCall;
class LeakyBucketPacer;
class RequestGate;

// One pass of a 3PL connector. First ThreePlOrderSender sends the orders released in NetSuite
// to the 3PL. Then the 3PL's shipments become NetSuite item fulfillments, Shipped, with their
// tracking numbers; any channel connector pushes those like any other shipped fulfillment, with
// no extra configuration. Event-driven, one request at a time:
//   1. settle: every intent whose outcome is unknown (the answer was lost, or the process died
//      between storing it and sending) is read back by its external id, in batches of one
//      SuiteQL query each, a bounded number a pass. Found: created. Not found: sent again.
//      Anything else: stays unknown, for a later pass;
//   2. read the shipments created since the watermark (minus an overlap), every page, through
//      the key's pacer;
//   2b. read the labels voided since then: one whose item fulfillment exists is flagged;
//   3. read the new shipments' sales orders with one SuiteQL query per 900 orders;
//   4. per new shipment: plan it (ShipmentPlanner), store the intent (or the hold), then send
//      the transform. Only a 204 proves it. Anything else is read back before it counts, and a
//      refusal is held for a person only once the read-back shows no record;
//   5. the watermark moves to the newest shipment read, only when every step finished.
// A resync (Replay, Retry in the Inbox: retryOrderIds) does all of it for those orders only:
// it reads the shipments from before their earliest held one, leaves every other order's
// shipments to the next whole pass, and moves no watermark.
class ThreePlPass final : public ConnectorPass
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreePlPass)

public:
    struct Config
    {
        Connector connector;
        NetSuiteEndpoint netsuite;
        ThreePlEndpoint threePl;
        QList<MappingRule> rules;                 // Location: NetSuite location -> 3PL warehouse
        RequestGate *netSuiteGate = nullptr;      // shared by all passes on the account
        LeakyBucketPacer *threePlPacer = nullptr; // the API key's, kept across passes
        RetryPolicy netSuiteRetry;
        SyncTrigger trigger = SyncTrigger::Manual;
        QDateTime firstPassSince; // invalid: 30 days back
        // Replay, or Retry in the Inbox: the pass does these orders only, on both legs. Their
        // held shipments are read and planned again (a person fixed what held them), their
        // unknown ones read back at once; no watermark moves.
        QList<qint64> retryOrderIds;
        QuarantinePolicy policy; // how long an unconfirmed shipment waits between read-backs
        // Read and plan both legs, list every request (ConnectorPass::requestPlanned) or why
        // none would go; send and write nothing.
        bool dryRun = false;
        QList<qint64> dryRunOrders; // a dry run's list: only these sales orders (empty: all)
        int overlapSeconds = 600;
        int readBackDelayMs = 1500; // after an unsure answer, before reading back
        // Unconfirmed shipments read back a pass (one SuiteQL query per 200): the rest wait
        // for the next, so a long backlog never keeps new shipments from going.
        int readBacksPerPass = 1000;
        // The lease this pass acts under (null: a dry run, or a test without leases). Checked
        // before every send on both legs and at the start of every write; once lost, the
        // pass stops without sending or recording more.
        std::shared_ptr<LeaseFence> fence;
        std::function<QDateTime()> clock = [] {
            return QDateTime::currentDateTimeUtc();
        };
    };

    ThreePlPass(QNetworkAccessManager &network, Database &database, Config config,
                QObject *parent = nullptr);
    ~ThreePlPass() override;

    void start() override;
    void cancel() override;

    static QString watermarkStream() { return QStringLiteral("threepl.shipments"); }
    static QString voidsStream() { return QStringLiteral("threepl.voids"); }

private:
    void sendOrders();
    using Done = std::function<void(const HttpResult &)>;

    void settleStart();
    void settleNext();
    void readShipmentsSinceWatermark();
    void readShipments(int page, bool voids = false);
    void onShipments(const HttpResult &result, int page);
    void onVoids(const HttpResult &result, int page);
    void readOrders();
    void readOrdersFrom(qsizetype from);
    void planShipments();
    void checkHolds();
    void sendNext();
    void transform(const ThreePlShipmentEntry &entry);
    void onTransformed(const ThreePlShipmentEntry &entry, const HttpResult &result,
                       qint64 elapsedMs);
    void readBack(const ThreePlShipmentEntry &entry, const HttpResult &answer, qint64 elapsedMs,
                  bool refused);
    void netSuiteCall(HttpCall *call, Done done);
    void lookUp(const ThreePlShipmentEntry &entry,
                std::function<void(const HttpResult &, qint64 id)> done);
    void confirmCreated(const ThreePlShipmentEntry &entry, qint64 id, const QString &message,
                        const QByteArray &response, qint64 elapsedMs);
    QDateTime nextTry(const ThreePlShipmentEntry &entry) const;
    QDateTime postpone(const ThreePlShipmentEntry &entry);
    // A shipment's outbox change with its history line and Inbox item, in one commit.
    bool recordShipment(const std::function<bool()> &outboxChange,
                        const ThreePlShipmentEntry &entry, SyncOutcome outcome,
                        ErrorClass errorClass, const QString &message, const QByteArray &response,
                        qint64 elapsedMs);
    std::optional<ShipStationApi::ShipmentPage> pageOrFinish(const HttpResult &result,
                                                             const QString &failed);
    void plan(qint64 salesOrderId, const QString &orderTranId, const QUrl &url, const QString &body,
              const QString &problem = QString());
    void hold(ThreePlShipmentEntry entry, const QString &reason);
    bool storeIntent(ThreePlShipmentEntry entry, bool *exists);
    bool isResync() const { return !m_onlyOrders.isEmpty(); }
    bool inScope(qint64 salesOrderId) const
    {
        return m_onlyOrders.isEmpty() || m_onlyOrders.contains(salesOrderId);
    }
    void progress(const QString &phase, int done, int total);
    void finish(const QString &error = QString());
    // The fence (Config::fence): verified before each request and before acting on each
    // answer; false, and the pass stops without writing more, once the lease is lost.
    bool mayAct();
    bool fenceLost() const { return m_config.fence && m_config.fence->isLost(); }

    QNetworkAccessManager &m_network;
    Database &m_database;
    Config m_config;
    SyncRunSummary m_summary;
    ThreePlRecorder m_recorder; // writes into m_summary
    QElapsedTimer m_clock;
    QPointer<HttpCall> m_call;
    QPointer<ThreePlOrderSender> m_sender;
    QString m_orderLegError; // the first leg failed; the second ran anyway
    QString m_recordError;   // a shipment's outcome could not be kept: the watermark stays
    bool m_cancelled = false;
    bool m_finished = false;

    QSet<qint64> m_onlyOrders; // a resync's orders (empty: a whole pass)
    QDateTime m_heldSince;     // a resync's: its orders' earliest held shipment
    QSet<QString> m_heldAgain; // held shipments planned again: their rows are replaced
    std::deque<ThreePlShipmentEntry> m_unsettled;
    QDateTime m_readSince;
    QDateTime m_newest;
    QDateTime m_voidsSince;
    QDateTime m_newestVoid;
    QList<ThreePlShipment> m_shipments;       // new ones: no outbox row yet
    QList<qint64> m_orderIds;                 // their sales orders
    QHash<qint64, SalesOrder> m_orders;       // as NetSuite has them now
    std::deque<ThreePlShipmentEntry> m_sends; // intents stored, to send in this order
    std::deque<std::pair<ThreePlShipmentEntry, QString>> m_holdChecks; // with the hold reason
    int m_sendTotal = 0;
    int m_notOurs = 0;
    int m_voided = 0;
    int m_ordersSent = 0;
    int m_ordersCancelled = 0;
};

} // namespace fulfillsync
