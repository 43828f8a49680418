// The pass state machine against an in-process fake NetSuite and Shopify: fast, deterministic,
// and able to fail exactly the request a rule is about. Never-a-duplicate is the centre.

#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/engine/syncpass.h"
#include "testutils/fakenetworkaccessmanager.h"
#include "testutils/tempdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

namespace {

enum class CreateMode { Normal, CommitThenFail, FailWithoutCommit, Hang, UserError };

// Just enough Shopify for one order: line items, one fulfillment order, created fulfillments.
struct FakeShop
{
    CreateMode mode = CreateMode::Normal;
    QJsonArray fulfillments;
    int fulfillable901 = 2;
    int fulfillable902 = 1;

    QByteArray order() const
    {
        return "{\"order\":{\"id\":5001,\"line_items\":[{\"id\":9001,\"sku\":\"TSHIRT-RED-M\","
               "\"quantity\":2},"
               "{\"id\":9002,\"sku\":\"MUG-BLUE\",\"quantity\":1}]}}";
    }
    QByteArray fulfillmentOrders() const
    {
        const bool open = fulfillable901 + fulfillable902 > 0;
        return QJsonDocument(
                   QJsonObject{{QStringLiteral("fulfillment_orders"),
                                QJsonArray{QJsonObject{
                                    {QStringLiteral("id"), 801},
                                    {QStringLiteral("status"),
                                     open ? QStringLiteral("open") : QStringLiteral("closed")},
                                    {QStringLiteral("assigned_location_id"), 7001},
                                    {QStringLiteral("line_items"),
                                     QJsonArray{QJsonObject{{QStringLiteral("id"), 901},
                                                            {QStringLiteral("line_item_id"), 9001},
                                                            {QStringLiteral("fulfillable_quantity"),
                                                             fulfillable901}},
                                                QJsonObject{{QStringLiteral("id"), 902},
                                                            {QStringLiteral("line_item_id"), 9002},
                                                            {QStringLiteral("fulfillable_quantity"),
                                                             fulfillable902}}}}}}}})
            .toJson();
    }
    FakeResponse create(const FakeRequest &request)
    {
        const QJsonObject f =
            QJsonDocument::fromJson(request.body)
                .object()[QStringLiteral("variables")][QStringLiteral("fulfillment")]
                .toObject();
        if (mode == CreateMode::Hang)
            return {0, {}, {}, true};
        if (mode == CreateMode::UserError)
            return {200, "{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":null,\"userErrors\":[{"
                         "\"field\":[\"x\"],\"message\":\"Fulfillment order is closed\"}]}}}"};
        if (mode != CreateMode::FailWithoutCommit) {
            QJsonArray lines;
            for (const QJsonValue &group :
                 f[QStringLiteral("lineItemsByFulfillmentOrder")].toArray())
                for (const QJsonValue &item :
                     group[QStringLiteral("fulfillmentOrderLineItems")].toArray()) {
                    const bool first = item[QStringLiteral("id")].toString().endsWith(u"/901");
                    const int qty = item[QStringLiteral("quantity")].toInt();
                    (first ? fulfillable901 : fulfillable902) -= qty;
                    lines.append(
                        QJsonObject{{QStringLiteral("sku"), first ? QStringLiteral("TSHIRT-RED-M")
                                                                  : QStringLiteral("MUG-BLUE")},
                                    {QStringLiteral("quantity"), qty}});
                }
            const int id = 700 + int(fulfillments.size());
            fulfillments.append(
                QJsonObject{{QStringLiteral("id"), id},
                            {QStringLiteral("status"), QStringLiteral("success")},
                            {QStringLiteral("tracking_numbers"),
                             f[QStringLiteral("trackingInfo")][QStringLiteral("numbers")]},
                            {QStringLiteral("line_items"), lines}});
            if (mode == CreateMode::Normal)
                return {200,
                        QStringLiteral("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":{\"id\":"
                                       "\"gid://shopify/Fulfillment/%1\"},\"userErrors\":[]}}}")
                            .arg(id)
                            .toUtf8()};
        }
        return {502, "<html>Bad gateway</html>"};
    }
};

QJsonObject suiteQlEnvelope(const QJsonArray &items)
{
    return {{QStringLiteral("links"), QJsonArray()},
            {QStringLiteral("count"), items.size()},
            {QStringLiteral("hasMore"), false},
            {QStringLiteral("offset"), 0},
            {QStringLiteral("totalResults"), items.size()},
            {QStringLiteral("items"), items}};
}

} // namespace

class TestSyncPass : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    FakeShop m_shop;
    QString m_ifStatus = QStringLiteral("C");
    QString m_shipMethodName = QStringLiteral("UPS Ground");
    QString m_tracking = QStringLiteral("1Z1");
    QString m_voided = QStringLiteral("F");
    QString m_shirtQuantity = QStringLiteral("2");
    QList<QJsonObject> m_trackingUpdates;
    Connector m_connector;

    QJsonArray fulfillmentRows() const
    {
        QJsonArray rows;
        const QList<QPair<QString, QString>> lines = {{QStringLiteral("11"), QStringLiteral("1")},
                                                      {QStringLiteral("12"), QStringLiteral("2")}};
        for (const auto &[ifLine, soLine] : lines) {
            rows.append(QJsonObject{
                {QStringLiteral("links"), QJsonArray()},
                {QStringLiteral("if_id"), QStringLiteral("2001")},
                {QStringLiteral("if_tranid"), QStringLiteral("IF2001")},
                {QStringLiteral("if_status"), m_ifStatus},
                {QStringLiteral("if_lmd"), QStringLiteral("2026-11-19T15:04:05")},
                {QStringLiteral("if_date"), QStringLiteral("2026-11-19")},
                {QStringLiteral("so_id"), QStringLiteral("1001")},
                {QStringLiteral("so_tranid"), QStringLiteral("SO1001")},
                {QStringLiteral("so_status"), QStringLiteral("F")},
                {QStringLiteral("channel"), QStringLiteral("Shopify")},
                {QStringLiteral("channel_order"), QStringLiteral("5001")},
                {QStringLiteral("if_line"), ifLine},
                {QStringLiteral("so_line"), soLine},
                {QStringLiteral("item"),
                 soLine == u"1" ? QStringLiteral("501") : QStringLiteral("502")},
                {QStringLiteral("item_name"),
                 soLine == u"1" ? QStringLiteral("TSHIRT-RED-M") : QStringLiteral("MUG-BLUE")},
                {QStringLiteral("quantity"),
                 soLine == u"1" ? m_shirtQuantity : QStringLiteral("1")},
                {QStringLiteral("if_void"), m_voided},
                {QStringLiteral("ship_method"), QStringLiteral("12")},
                {QStringLiteral("ship_method_name"), m_shipMethodName},
                {QStringLiteral("tracking_id"), QStringLiteral("1")},
                {QStringLiteral("tracking_number"), m_tracking}});
        }
        return rows;
    }

    QJsonArray orderRows() const
    {
        QJsonArray rows;
        for (const char *line : {"1", "2"}) {
            rows.append(
                QJsonObject{{QStringLiteral("so_id"), QStringLiteral("1001")},
                            {QStringLiteral("so_tranid"), QStringLiteral("SO1001")},
                            {QStringLiteral("so_status"), QStringLiteral("F")},
                            {QStringLiteral("so_lmd"), QStringLiteral("2026-11-19T15:04:05")},
                            {QStringLiteral("channel"), QStringLiteral("Shopify")},
                            {QStringLiteral("channel_order"), QStringLiteral("5001")},
                            {QStringLiteral("so_line"), QString::fromLatin1(line)},
                            {QStringLiteral("item"), QStringLiteral("501")},
                            {QStringLiteral("quantity"),
                             qstrcmp(line, "1") == 0 ? QStringLiteral("2") : QStringLiteral("1")}});
        }
        return rows;
    }

    QDateTime m_now = QDateTime::currentDateTimeUtc();

    QList<PlannedRequest> m_planned;

    qint64 m_replayFulfillment = 0;
    QByteArray m_replayBody;

    SyncRunSummary replay(const SyncAttempt &attempt, bool asRecorded)
    {
        m_replayFulfillment = attempt.fulfillmentId;
        m_replayBody =
            asRecorded
                ? QJsonDocument::fromJson(attempt.request.toUtf8()).toJson(QJsonDocument::Compact)
                : QByteArray();
        const SyncRunSummary summary = runPass(SyncTrigger::Replay, {attempt.orderId});
        m_replayFulfillment = 0;
        m_replayBody.clear();
        return summary;
    }

    SyncRunSummary runPass(SyncTrigger trigger = SyncTrigger::Manual,
                           const QList<qint64> &onlyOrders = {}, bool dryRun = false,
                           const QList<MappingRule> &extraRules = {})
    {
        SyncPass::Config config;
        config.replayFulfillmentId = m_replayFulfillment;
        config.replayBody = m_replayBody;
        config.trigger = trigger;
        config.onlyOrders = onlyOrders;
        config.dryRun = dryRun;
        config.clock = [this] {
            return m_now;
        };
        config.connector = m_connector;
        config.rules = {
            {MappingKind::ShipMethod, QStringLiteral("UPS Ground"), {}, QStringLiteral("UPS"), {}}};
        config.netsuite.accountId = QStringLiteral("1234567_SB1");
        config.netsuite.baseUrl = QUrl(QStringLiteral("http://ns.test"));
        config.netsuite.credentials = {QStringLiteral("ck"), QStringLiteral("cs"),
                                       QStringLiteral("ti"), QStringLiteral("ts")};
        config.shopify.baseUrl = QUrl(QStringLiteral("http://shop.test"));
        config.shopify.accessToken = QStringLiteral("shpat_secret");
        config.shopify.timeoutMs = 300;
        config.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        config.rules += extraRules;
        SyncPass pass(*m_network, m_temp->database(), config);
        connect(&pass, &SyncPass::requestPlanned, this,
                [this](const PlannedRequest &r) { m_planned << r; });
        QSignalSpy finished(&pass, &SyncPass::finished);
        pass.start();
        if (!finished.wait(10000))
            return {};
        return finished.first().first().value<SyncRunSummary>();
    }

    int creates() const { return m_network->count("POST", QStringLiteral("graphql.json$")); }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_connector = Connector{};
        m_connector.name = QStringLiteral("main-store");
        m_connector.endpoint = QStringLiteral("http://shop.test");
        ConnectorRepository connectors(m_temp->database().connection());
        QVERIFY(connectors.save(m_connector));
        m_shop = FakeShop{};
        m_tracking = QStringLiteral("1Z1");
        m_voided = QStringLiteral("F");
        m_shirtQuantity = QStringLiteral("2");
        m_trackingUpdates.clear();
        m_ifStatus = QStringLiteral("C");
        m_shipMethodName = QStringLiteral("UPS Ground");
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_network->route("POST", QStringLiteral("/suiteql$"), [this](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            const bool orders = q.contains(QStringLiteral("sl.mainline"));
            return FakeResponse{
                200,
                QJsonDocument(suiteQlEnvelope(orders ? orderRows() : fulfillmentRows())).toJson()};
        });
        m_network->route("GET", QStringLiteral("/orders/5001.json$"), [this](const FakeRequest &) {
            return FakeResponse{200, m_shop.order()};
        });
        m_network->route("GET", QStringLiteral("/fulfillment_orders.json$"),
                         [this](const FakeRequest &) {
                             return FakeResponse{200, m_shop.fulfillmentOrders()};
                         });
        m_network->route(
            "GET", QStringLiteral("/orders/5001/fulfillments.json$"), [this](const FakeRequest &) {
                return FakeResponse{200, QJsonDocument(QJsonObject{{QStringLiteral("fulfillments"),
                                                                    m_shop.fulfillments}})
                                             .toJson()};
            });
        m_network->route("POST", QStringLiteral("/graphql.json$"), [this](const FakeRequest &r) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (!body[QStringLiteral("query")].toString().contains(
                    QStringLiteral("fulfillmentTrackingInfoUpdate")))
                return m_shop.create(r);
            m_trackingUpdates << body[QStringLiteral("variables")].toObject();
            return FakeResponse{200,
                                "{\"data\":{\"fulfillmentTrackingInfoUpdate\":{\"fulfillment\":{"
                                "\"id\":\"gid://shopify/Fulfillment/700\"},\"userErrors\":[]}}}"};
        });
    }

    void cleanup()
    {
        m_network.reset();
        m_temp.reset();
    }

    void pushesOnceAndSignsEveryNetSuiteRequest()
    {
        const SyncRunSummary first = runPass();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.pushed, 1);
        QCOMPARE(m_shop.fulfillments.size(), 1);
        QCOMPARE(m_shop.fulfillments.first()[QStringLiteral("tracking_numbers")]
                     .toArray()
                     .first()
                     .toString(),
                 QStringLiteral("1Z1"));
        for (const FakeRequest &r : m_network->journal()) {
            if (r.url.host() == u"ns.test") {
                const auto auth =
                    std::find_if(r.headers.cbegin(), r.headers.cend(),
                                 [](const auto &h) { return h.first == "Authorization"; });
                QVERIFY(auth != r.headers.cend() &&
                        auth->second.startsWith("OAuth realm=\"1234567_SB1\""));
                QVERIFY(r.url.query().contains(QStringLiteral("limit=1000")));
            }
        }
        const SyncRunSummary second = runPass();
        QCOMPARE(second.pushed, 0);
        QCOMPARE(second.alreadyPushed, 1);
        QCOMPARE(creates(), 1);
        // Nothing secret reached the history.
        for (const SyncAttempt &a : HistoryRepository(m_temp->database().connection()).latest(10)) {
            QVERIFY(!a.request.contains(QStringLiteral("shpat_secret")));
            QVERIFY(!a.response.contains(QStringLiteral("shpat_secret")));
        }
    }

    void committedThenFailedIsFoundByReadingBack()
    {
        m_shop.mode = CreateMode::CommitThenFail;
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QCOMPARE(
            LedgerRepository(m_temp->database().connection()).entry(m_connector.id, 2001)->state,
            LedgerState::Ambiguous);
        m_shop.mode = CreateMode::Normal;
        m_now = m_now.addSecs(30); // past the first quarantine step (25 s)
        const SyncRunSummary second = runPass();
        QCOMPARE(second.pushed, 1);
        QCOMPARE(creates(), 1); // read back, found, never sent again
        QCOMPARE(m_shop.fulfillments.size(), 1);
        QCOMPARE(LedgerRepository(m_temp->database().connection())
                     .entry(m_connector.id, 2001)
                     ->channelFulfillmentId,
                 QStringLiteral("700"));
    }

    void failedWithoutCommitIsSentAgainAfterReadingBack()
    {
        m_shop.mode = CreateMode::FailWithoutCommit;
        QCOMPARE(runPass().failed, 1);
        m_shop.mode = CreateMode::Normal;
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(creates(), 2);
        QCOMPARE(m_shop.fulfillments.size(), 1);
        QCOMPARE(m_network->count("GET", QStringLiteral("/orders/5001/fulfillments.json$")), 1);
    }

    void failuresAreRetriedAfterTheOverlapWindowHasPassed()
    {
        m_shop.mode = CreateMode::FailWithoutCommit;
        QCOMPARE(runPass().failed, 1);
        // NetSuite now reports nothing new: the fulfillment is outside the watermark window.
        m_network->route("POST", QStringLiteral("/suiteql$"), [](const FakeRequest &) {
            return FakeResponse{200, QJsonDocument(suiteQlEnvelope({})).toJson()};
        });
        m_shop.mode = CreateMode::Normal;
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(m_shop.fulfillments.size(), 1);
    }

    void quarantineGrowsIsSkippedAndIsWipedOnSuccess()
    {
        m_shop.mode = CreateMode::FailWithoutCommit;
        QCOMPARE(runPass().failed, 1);
        QuarantineRepository quarantine(m_temp->database().connection());
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->retryCount, 1);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->ignoreUntil, m_now.addSecs(25));
        // Within the quarantine: no request at all.
        const int before = int(m_network->journal().size());
        const SyncRunSummary waiting = runPass();
        QCOMPARE(waiting.deferred, 1);
        QCOMPARE(waiting.failed, 0);
        QCOMPARE(creates(), 1);
        QVERIFY(m_network->journal().size() > before); // NetSuite was still read
        // After it: tried again, fails again, waits five times longer.
        m_now = m_now.addSecs(26);
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->retryCount, 2);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->ignoreUntil, m_now.addSecs(125));
        // A resync ignores the quarantine; success wipes it.
        m_shop.mode = CreateMode::Normal;
        QCOMPARE(runPass(SyncTrigger::Resync).pushed, 1);
        QVERIFY(!quarantine.entry(m_connector.id, 2001));
    }

    void quarantinePolicy_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<int>("errorClass");
        QTest::addColumn<int>("seconds");
        QTest::newRow("first") << 1 << int(ErrorClass::Transient) << 25;
        QTest::newRow("second") << 2 << int(ErrorClass::Transient) << 125;
        QTest::newRow("fifth") << 5 << int(ErrorClass::Transient) << 15625;
        QTest::newRow("capped at a day") << 9 << int(ErrorClass::Validation) << 86400;
        QTest::newRow("auth capped at an hour") << 6 << int(ErrorClass::Auth) << 3600;
    }
    void quarantinePolicy()
    {
        QFETCH(int, retry);
        QFETCH(int, errorClass);
        QFETCH(int, seconds);
        QCOMPARE(QuarantinePolicy{}.delaySeconds(retry, ErrorClass(errorClass)), seconds);
    }

    void trackingChangedAfterPushIsSentOn()
    {
        QCOMPARE(runPass().pushed, 1);
        m_tracking = QStringLiteral("1Z9-CORRECTED");
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.pushed, 1);
        QCOMPARE(creates(), 2); // the create, then one tracking update; no second fulfillment
        QCOMPARE(m_shop.fulfillments.size(), 1);
        QCOMPARE(m_trackingUpdates.size(), 1);
        QCOMPARE(m_trackingUpdates.first()[QStringLiteral("fulfillmentId")].toString(),
                 QStringLiteral("gid://shopify/Fulfillment/700"));
        QCOMPARE(m_trackingUpdates
                     .first()[QStringLiteral("trackingInfoInput")][QStringLiteral("numbers")]
                     .toArray()
                     .first()
                     .toString(),
                 QStringLiteral("1Z9-CORRECTED"));
        QCOMPARE(LedgerRepository(m_temp->database().connection())
                     .entry(m_connector.id, 2001)
                     ->trackingNumbers,
                 QStringList{QStringLiteral("1Z9-CORRECTED")});
        QCOMPARE(runPass().pushed, 0); // settled: nothing more
        QCOMPARE(m_trackingUpdates.size(), 1);
    }

    void trackingUpdatesCanBeSwitchedOff()
    {
        m_connector.updateTracking = false;
        QCOMPARE(runPass().pushed, 1);
        m_tracking = QStringLiteral("1Z9");
        QCOMPARE(runPass().pushed, 0);
        QVERIFY(m_trackingUpdates.isEmpty());
    }

    void voidedAfterPushIsFlaggedOnceNeverCancelled()
    {
        QCOMPARE(runPass().pushed, 1);
        m_voided = QStringLiteral("T");
        const SyncRunSummary flagged = runPass();
        QCOMPARE(flagged.failed, 1);
        const auto attempt = HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(attempt.errorClass, ErrorClass::Conflict);
        QVERIFY(attempt.message.contains(QStringLiteral("voided")));
        QCOMPARE(
            LedgerRepository(m_temp->database().connection()).entry(m_connector.id, 2001)->state,
            LedgerState::Attention);
        QCOMPARE(m_shop.fulfillments.size(), 1); // nothing cancelled, nothing new
        QCOMPARE(runPass().failed, 0);           // flagged once, not every pass
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 2);
    }

    void reducedAfterPushIsFlagged()
    {
        QCOMPARE(runPass().pushed, 1);
        m_shirtQuantity = QStringLiteral("1");
        QCOMPARE(runPass().failed, 1);
        QVERIFY(HistoryRepository(m_temp->database().connection())
                    .latest(1)
                    .first()
                    .message.contains(QStringLiteral("reduced")));
        QCOMPARE(creates(), 1);
    }

    void voidedBeforePushIsNeverSent()
    {
        m_voided = QStringLiteral("T");
        QCOMPARE(runPass().pushed, 0);
        QCOMPARE(creates(), 0);
    }

    void dryRunShowsTheExactRequestAndWritesNothing()
    {
        m_planned.clear();
        const SyncRunSummary summary = runPass(SyncTrigger::Manual, {1001}, true);
        QVERIFY(summary.error.isEmpty());
        QCOMPARE(creates(), 0);
        QCOMPARE(m_planned.size(), 1);
        QCOMPARE(m_planned.first().method, QStringLiteral("POST"));
        QVERIFY(m_planned.first().url.endsWith(QStringLiteral("/admin/api/2024-10/graphql.json")));
        QVERIFY(m_planned.first().body.contains(
            QStringLiteral("gid://shopify/FulfillmentOrderLineItem/901")));
        QVERIFY(m_planned.first().body.contains(QStringLiteral("1Z1")));
        QVERIFY(!m_planned.first().body.contains(QStringLiteral("shpat_secret")));
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 0);
        QVERIFY(!LedgerRepository(m_temp->database().connection()).entry(m_connector.id, 2001));
        // The real pass afterwards still reads everything (no watermark was stored).
        QCOMPARE(runPass().pushed, 1);
    }

    void dryRunNamesWhatWouldStopIt()
    {
        m_planned.clear();
        m_shipMethodName = QStringLiteral("Local Courier");
        runPass(SyncTrigger::Manual, {1001}, true);
        QCOMPARE(m_planned.size(), 1);
        QVERIFY(m_planned.first().problem.contains(QStringLiteral("Local Courier")));
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 0);
    }

    void resyncPushesWhatWasHeldOnceTheMappingIsFixed()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        QCOMPARE(runPass().held, 1);
        // An incremental pass with nothing new in NetSuite leaves held orders alone.
        m_network->route("POST", QStringLiteral("/suiteql$"), [this](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            if (!q.contains(QStringLiteral("so.id IN (1001)")))
                return FakeResponse{200, QJsonDocument(suiteQlEnvelope({})).toJson()};
            const bool orders = q.contains(QStringLiteral("sl.mainline"));
            return FakeResponse{
                200,
                QJsonDocument(suiteQlEnvelope(orders ? orderRows() : fulfillmentRows())).toJson()};
        });
        QCOMPARE(runPass().held, 0);
        const MappingRule courier{MappingKind::ShipMethod,
                                  QStringLiteral("Local Courier"),
                                  {},
                                  QStringLiteral("Local Courier"),
                                  QStringLiteral("https://courier.example/t/{number}")};
        const SyncRunSummary resync = runPass(SyncTrigger::Resync, {1001}, false, {courier});
        QCOMPARE(resync.pushed, 1);
        QCOMPARE(creates(), 1);
    }

    void replayRebuiltSendsWhatIsMissingAfterALiveCheck()
    {
        m_shop.mode = CreateMode::FailWithoutCommit;
        QCOMPARE(runPass().failed, 1);
        const SyncAttempt failed =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        m_shop.mode = CreateMode::Normal;
        const SyncRunSummary summary = replay(failed, false);
        QCOMPARE(summary.pushed, 1);
        QCOMPARE(m_shop.fulfillments.size(), 1);
        QCOMPARE(m_network->count("GET", QStringLiteral("/orders/5001/fulfillments.json$")),
                 1); // the live check
        QCOMPARE(HistoryRepository(m_temp->database().connection()).latest(1).first().trigger,
                 SyncTrigger::Replay);
    }

    void replayAsRecordedNeverDuplicates()
    {
        QCOMPARE(runPass().pushed, 1);
        const SyncAttempt pushed =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QVERIFY(pushed.request.contains(QStringLiteral("fulfillmentCreate")));
        const SyncRunSummary summary = replay(pushed, true);
        QCOMPARE(creates(), 1); // found by reading back: nothing sent
        QCOMPARE(m_shop.fulfillments.size(), 1);
        QVERIFY(HistoryRepository(m_temp->database().connection())
                    .latest(1)
                    .first()
                    .message.contains(QStringLiteral("Already in Shopify")));
        QCOMPARE(summary.failed, 0);
    }

    void replayAsRecordedSendsTheRecordedBodyWhenMissing()
    {
        m_shop.mode = CreateMode::FailWithoutCommit;
        QCOMPARE(runPass().failed, 1);
        const SyncAttempt failed =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        m_shop.mode = CreateMode::Normal;
        QCOMPARE(replay(failed, true).pushed, 1);
        QCOMPARE(m_network->journal().last().body,
                 QJsonDocument::fromJson(failed.request.toUtf8()).toJson(QJsonDocument::Compact));
        QCOMPARE(m_shop.fulfillments.size(), 1);
    }

    void hungCreateTimesOutAndIsTreatedAsUnknown()
    {
        m_shop.mode = CreateMode::Hang;
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QCOMPARE(
            LedgerRepository(m_temp->database().connection()).entry(m_connector.id, 2001)->state,
            LedgerState::Ambiguous);
        QCOMPARE(HistoryRepository(m_temp->database().connection()).latest(1).first().errorClass,
                 ErrorClass::Transient);
    }

    void refusedCreateLeavesNoLedgerEntry()
    {
        m_shop.mode = CreateMode::UserError;
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QVERIFY(!LedgerRepository(m_temp->database().connection()).entry(m_connector.id, 2001));
        const auto attempt = HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(attempt.errorClass, ErrorClass::Validation);
        QVERIFY(attempt.message.contains(QStringLiteral("Fulfillment order is closed")));
    }

    void pickedIsShownButNeverPushedUntilShipped()
    {
        m_ifStatus = QStringLiteral("A");
        const SyncRunSummary picked = runPass();
        QCOMPARE(picked.pushed, 0);
        QCOMPARE(creates(), 0);
        QCOMPARE(OrderRepository(m_temp->database().connection())
                     .fulfillmentsOfOrder(1001)
                     .first()
                     .shipStatus,
                 QStringLiteral("A"));
        m_ifStatus = QStringLiteral("C");
        QCOMPARE(runPass().pushed, 1);
    }

    void unmappedShipMethodIsHeldWithAClearMessage()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.held, 1);
        QCOMPARE(creates(), 0);
        const auto attempt = HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(attempt.outcome, SyncOutcome::Held);
        QVERIFY(attempt.message.contains(QStringLiteral("Local Courier")));
    }

    void alreadyFulfilledInShopifyIsAConflictNotADuplicate()
    {
        m_shop.fulfillable901 = 0;
        m_shop.fulfillable902 = 0;
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.failed, 1);
        QCOMPARE(creates(), 0);
        QCOMPARE(HistoryRepository(m_temp->database().connection()).latest(1).first().errorClass,
                 ErrorClass::Conflict);
    }

    void malformedNetSuiteAnswerStopsTheRunCleanly()
    {
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_network->route("POST", QStringLiteral("/suiteql$"), [](const FakeRequest &) {
            return FakeResponse{200, "{\"items\": [1, 2"};
        });
        const SyncRunSummary summary = runPass();
        QVERIFY(summary.error.contains(QStringLiteral("cannot read")));
        QCOMPARE(summary.pushed, 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncPass)
#include "tst_syncpass.moc"
