// The pass against an in-process NetSuite fake and the sandbox's own Shopify (mounted on the
// fake network): fast, deterministic, and able to fail exactly the request a rule is about.
// Never-a-duplicate is the centre: every answer that does not prove success or refusal is
// read back, never taken for "not created".

#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/engine/explainer.h"
#include "sync/engine/flagresolution.h"
#include "sync/engine/syncpass.h"
#include "testutils/fakenetworkaccessmanager.h"
#include "testutils/inprocessshopify.h"
#include "testutils/tempdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

namespace {

QJsonObject suiteQlEnvelope(const QJsonArray &items)
{
    return {{QStringLiteral("links"), QJsonArray()},
            {QStringLiteral("count"), items.size()},
            {QStringLiteral("hasMore"), false},
            {QStringLiteral("offset"), 0},
            {QStringLiteral("totalResults"), items.size()},
            {QStringLiteral("items"), items}};
}

// Shopify order 5001: two shirts and a mug at Main Warehouse.
sandbox::ChannelOrder shopifyOrder()
{
    sandbox::ChannelOrder o;
    o.id = 5001;
    o.name = QStringLiteral("#1001");
    o.locationId = 7001;
    o.lineItems = {{9001, QStringLiteral("TSHIRT-RED-M"), 2, {}},
                   {9002, QStringLiteral("MUG-BLUE"), 1, {}}};
    return o;
}

bool isCreate(const FakeRequest &r)
{
    return r.body.contains("mutation fulfillmentCreate");
}

} // namespace

class TestSyncPass : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<InProcessShopify> m_shopify;
    QString m_ifStatus = QStringLiteral("C");
    QString m_shipMethodName = QStringLiteral("UPS Ground");
    QString m_tracking = QStringLiteral("1Z1");
    QString m_voided = QStringLiteral("F");
    QJsonValue m_shirtQuantity = QStringLiteral("2");
    Connector m_connector;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
    QList<PlannedRequest> m_planned;
    qint64 m_replayFulfillment = 0;
    QByteArray m_replayBody;

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
                 soLine == u"1" ? m_shirtQuantity : QJsonValue(QStringLiteral("1"))},
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

    // NetSuite answers every detection query from the rows above (or nothing, when `quiet`).
    void routeNetSuite(bool quiet = false)
    {
        m_network->route("POST", QStringLiteral("/suiteql$"), [this, quiet](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            const bool resync = q.contains(QStringLiteral("so.id IN (1001)"));
            if ((quiet && !resync) || q.contains(QStringLiteral("GROUP BY t.type")))
                return FakeResponse{200, QJsonDocument(suiteQlEnvelope({})).toJson()};
            const bool orders = q.contains(QStringLiteral("sl.mainline"));
            return FakeResponse{
                200,
                QJsonDocument(suiteQlEnvelope(orders ? orderRows() : fulfillmentRows())).toJson()};
        });
    }

    // The creates answer this way (the store still acts on them unless `commit` is false).
    void answerCreatesWith(int status, const QByteArray &body, bool commit = true, int times = 1)
    {
        auto left = std::make_shared<int>(times);
        m_shopify->setInterceptor([=](const FakeRequest &, const QString &endpoint,
                                      const std::function<FakeResponse()> &serve) {
            if (endpoint != u"shopify.graphql.fulfillmentCreate" || *left <= 0)
                return serve();
            --*left;
            if (commit)
                serve();
            if (status == 0)
                return FakeResponse{0, {}, {}, true}; // never answers
            if (status == 429) // "try again in no time": the test does not wait out backoff
                return FakeResponse{status, body, {{"Retry-After", "0"}}};
            return FakeResponse{status, body};
        });
        Q_UNUSED(isCreate)
    }

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

    QList<MappingRule> m_rules;

    static QList<MappingRule> rules()
    {
        return {
            {MappingKind::ShipMethod, QStringLiteral("UPS Ground"), {}, QStringLiteral("UPS"), {}},
            {MappingKind::Item, QStringLiteral("501"), {}, QStringLiteral("TSHIRT-RED-M"), {}},
            {MappingKind::Item, QStringLiteral("502"), {}, QStringLiteral("MUG-BLUE"), {}}};
    }

    SyncRunSummary runPass(SyncTrigger trigger = SyncTrigger::Manual,
                           const QList<qint64> &onlyOrders = {}, bool dryRun = false,
                           const QList<MappingRule> &extraRules = {}, qint64 settingsVersion = 0)
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
        config.rules = m_rules + extraRules;
        config.settingsVersion = settingsVersion;
        config.netsuite.accountId = QStringLiteral("1234567_SB1");
        config.netsuite.baseUrl = QUrl(QStringLiteral("http://ns.test"));
        config.netsuite.credentials = {QStringLiteral("ck"), QStringLiteral("cs"),
                                       QStringLiteral("ti"), QStringLiteral("ts")};
        config.netSuiteRetry.baseDelayMs = 1;
        config.shopify.baseUrl = InProcessShopify::baseUrl();
        config.shopify.accessToken = InProcessShopify::accessToken();
        config.shopify.timeoutMs = 300;
        config.readBackDelayMs = 0;
        config.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        SyncPass pass(*m_network, m_temp->database(), config);
        connect(&pass, &SyncPass::requestPlanned, this,
                [this](const PlannedRequest &r) { m_planned << r; });
        QSignalSpy finished(&pass, &SyncPass::finished);
        pass.start();
        if (!finished.wait(10000))
            return {};
        return finished.first().first().value<SyncRunSummary>();
    }

    int count(const char *marker) const
    {
        return int(
            std::count_if(m_network->journal().cbegin(), m_network->journal().cend(),
                          [marker](const FakeRequest &r) { return r.body.contains(marker); }));
    }
    int creates() const { return count("mutation fulfillmentCreate"); }
    int readBacks() const { return count("FulfillmentSyncReadBack"); }
    int channelFulfillments() const { return m_shopify->fulfillmentCount(); }
    std::optional<LedgerEntry> ledger() const
    {
        return LedgerRepository(m_temp->database().connection()).entry(m_connector.id, 2001);
    }
    SyncAttempt lastAttempt() const
    {
        return HistoryRepository(m_temp->database().connection()).latest(1).first();
    }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_connector = Connector{};
        m_connector.name = QStringLiteral("main-store");
        m_connector.endpoint = InProcessShopify::baseUrl().toString();
        ConnectorRepository connectors(m_temp->database().connection());
        QVERIFY(connectors.save(m_connector));
        m_tracking = QStringLiteral("1Z1");
        m_voided = QStringLiteral("F");
        m_shirtQuantity = QStringLiteral("2");
        m_ifStatus = QStringLiteral("C");
        m_shipMethodName = QStringLiteral("UPS Ground");
        m_now = QDateTime::currentDateTimeUtc();
        m_planned.clear();
        m_rules = rules();
        m_network = std::make_unique<FakeNetworkAccessManager>();
        routeNetSuite();
        m_shopify =
            std::make_unique<InProcessShopify>(QList<sandbox::ChannelOrder>{shopifyOrder()});
        m_shopify->mount(*m_network);
    }

    void cleanup()
    {
        m_network.reset();
        m_shopify.reset();
        m_temp.reset();
    }

    void pushesOnceInTwoRequestsAndSignsEveryNetSuiteRequest()
    {
        const SyncRunSummary first = runPass();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingNumbers,
                 QStringList{QStringLiteral("1Z1")});
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingCompany, QStringLiteral("UPS"));
        // One read of the order (what the plan needs), one create: nothing else.
        QCOMPARE(first.channelRequests, 2);
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

    // Whatever the create's answer was, if Shopify committed it, it is found by reading back
    // and never created a second time.
    void anAnswerThatProvesNothingIsReadBack_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        const QByteArray html("<html><body>Bad gateway</body></html>");
        QTest::newRow("502 html") << 502 << html;
        QTest::newRow("503") << 503 << QByteArray("{\"errors\":\"Service Unavailable\"}");
        QTest::newRow("599") << 599 << QByteArray();
        QTest::newRow("400 from a proxy") << 400 << html;
        QTest::newRow("404 from a proxy") << 404 << html;
        QTest::newRow("422") << 422 << QByteArray("{\"errors\":[\"Unprocessable\"]}");
        QTest::newRow("200 INTERNAL_SERVER_ERROR")
            << 200
            << QByteArray("{\"errors\":[{\"message\":\"Internal error\",\"extensions\":{\"code\":"
                          "\"INTERNAL_SERVER_ERROR\"}}]}");
        QTest::newRow("200 html") << 200 << html;
        QTest::newRow("200 truncated")
            << 200 << QByteArray("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":{\"id\":\"gid");
        QTest::newRow("200 id of the wrong type")
            << 200
            << QByteArray("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":{\"id\":4100000001},"
                          "\"userErrors\":[]}}}");
        QTest::newRow("no answer (timeout)") << 0 << QByteArray();
    }
    void anAnswerThatProvesNothingIsReadBack()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        answerCreatesWith(status, body);
        const SyncRunSummary first = runPass();
        // Read back at once in the same pass: found, recorded as pushed, nothing sent again.
        QCOMPARE(first.pushed, 1);
        QCOMPARE(first.failed, 0);
        QCOMPARE(readBacks(), 1);
        QCOMPARE(ledger()->state, LedgerState::Pushed);
        QCOMPARE(ledger()->channelFulfillmentId,
                 QString::number(m_shopify->fulfillments(5001).first().id));
        QVERIFY(!QuarantineRepository(m_temp->database().connection()).entry(m_connector.id, 2001));
        m_now = m_now.addSecs(3600);
        QCOMPARE(runPass().pushed, 0);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void onlyARefusalRemovesTheIntent_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("userErrors")
            << 200
            << QByteArray("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":null,\"userErrors\":"
                          "[{\"field\":[\"x\"],\"message\":\"Fulfillment order is closed\"}]}}}");
        QTest::newRow("429 every time") << 429 << QByteArray("{\"errors\":\"Throttled\"}");
    }
    void onlyARefusalRemovesTheIntent()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        answerCreatesWith(status, body, false, 1000);
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QVERIFY(!ledger()); // proven not created
        QCOMPARE(readBacks(), 0);
        QCOMPARE(channelFulfillments(), 0);
    }

    void notFoundAfterAnUnconfirmedCreateWaitsThenSendsOnce()
    {
        answerCreatesWith(502, "<html>Bad gateway</html>", false);
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QCOMPARE(ledger()->state, LedgerState::Ambiguous); // not seen yet is not "not created"
        QVERIFY(lastAttempt().message.contains(QStringLiteral("does not show")));
        // The next pass reads back first; then, with the quarantine wait over, sends once.
        m_now = m_now.addSecs(30);
        const SyncRunSummary second = runPass();
        QCOMPARE(second.pushed, 1);
        QCOMPARE(creates(), 2);
        QCOMPARE(readBacks(), 2);
        QCOMPARE(channelFulfillments(), 1);
    }

    // Unreadable is unknown, never absent: a damaged read-back keeps the intent.
    void anUnreadableReadBackKeepsTheIntent()
    {
        answerCreatesWith(502, "<html>Bad gateway</html>", false);
        QCOMPARE(runPass().failed, 1);
        m_shopify->setInterceptor(
            [](const FakeRequest &r, const QString &, const std::function<FakeResponse()> &serve) {
                FakeResponse response = serve();
                if (r.body.contains("FulfillmentSyncReadBack")) // a status of the wrong type
                    response.body.replace("\"SUCCESS\"", "7").replace("\"OPEN\"", "7");
                return response;
            });
        m_now = m_now.addSecs(3600);
        for (int i = 0; i < 3; ++i) {
            const SyncRunSummary summary = runPass();
            QCOMPARE(summary.failed, 1);
            QCOMPARE(ledger()->state, LedgerState::Ambiguous);
            m_now = m_now.addSecs(3600 * 24);
        }
        QCOMPARE(creates(), 1);
        m_shopify->setInterceptor({});
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void failuresAreRetriedAfterTheOverlapWindowHasPassed()
    {
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        routeNetSuite(true); // NetSuite now reports nothing new
        m_shopify->setInterceptor({});
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void quarantineGrowsIsSkippedAndIsWipedOnSuccess()
    {
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        QuarantineRepository quarantine(m_temp->database().connection());
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->retryCount, 1);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->ignoreUntil, m_now.addSecs(25));
        const int sends = creates();
        // Within the quarantine: no channel request at all.
        const SyncRunSummary waiting = runPass();
        QCOMPARE(waiting.deferred, 1);
        QCOMPARE(waiting.failed, 0);
        QCOMPARE(waiting.channelRequests, 0);
        QCOMPARE(creates(), sends);
        // After it: tried again, fails again, waits five times longer.
        m_now = m_now.addSecs(26);
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->retryCount, 2);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->ignoreUntil, m_now.addSecs(125));
        // A resync ignores the quarantine; success wipes it.
        m_shopify->setInterceptor({});
        QCOMPARE(runPass(SyncTrigger::Resync, {1001}).pushed, 1);
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
        QCOMPARE(creates(), 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingNumbers,
                 QStringList{QStringLiteral("1Z9-CORRECTED")});
        QCOMPARE(ledger()->trackingNumbers, QStringList{QStringLiteral("1Z9-CORRECTED")});
        QCOMPARE(runPass().pushed, 0); // settled: nothing more
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
    }

    void aFailedTrackingUpdateWaitsInQuarantine()
    {
        QCOMPARE(runPass().pushed, 1);
        m_tracking = QStringLiteral("1Z9");
        m_shopify->setInterceptor([](const FakeRequest &, const QString &endpoint,
                                     const std::function<FakeResponse()> &serve) {
            if (endpoint == u"shopify.graphql.fulfillmentTrackingInfoUpdate")
                return FakeResponse{503, "{}"};
            return serve();
        });
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
        // Not re-sent on every pass: it waits like any failure.
        const SyncRunSummary waiting = runPass();
        QCOMPARE(waiting.deferred, 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
        m_shopify->setInterceptor({});
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 2);
    }

    void trackingUpdatesCanBeSwitchedOff()
    {
        m_connector.updateTracking = false;
        QCOMPARE(runPass().pushed, 1);
        m_tracking = QStringLiteral("1Z9");
        QCOMPARE(runPass().pushed, 0);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 0);
    }

    void voidedAfterPushIsFlaggedOnceNeverCancelledAndCanBeResolved()
    {
        QCOMPARE(runPass().pushed, 1);
        m_voided = QStringLiteral("T");
        const SyncRunSummary flagged = runPass();
        QCOMPARE(flagged.failed, 1);
        QCOMPARE(lastAttempt().errorClass, ErrorClass::Conflict);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("voided")));
        QCOMPARE(ledger()->state, LedgerState::Attention);
        QCOMPARE(channelFulfillments(), 1); // nothing cancelled, nothing new
        QCOMPARE(runPass().failed, 0);      // flagged once, not every pass
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 2);

        // A person resolves it: recorded with the reason, the order is no longer failed.
        QSqlDatabase db = m_temp->database().connection();
        Connector stored = *ConnectorRepository(db).byId(m_connector.id);
        QString error;
        QCOMPARE(
            FlagResolution::resolve(db, stored, 1001, 0, QString(), QStringLiteral("ada"), &error),
            0); // a reason is required
        QCOMPARE(FlagResolution::resolve(db, stored, 1001, 0,
                                         QStringLiteral("cancelled in Shopify by hand"),
                                         QStringLiteral("ada"), &error),
                 1);
        QCOMPARE(ledger()->state, LedgerState::Resolved);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("ada")));
        QVERIFY(lastAttempt().message.contains(QStringLiteral("cancelled in Shopify by hand")));
        QCOMPARE(runPass().failed, 0);
        QCOMPARE(creates(), 1);
    }

    void reducedAfterPushIsFlagged()
    {
        QCOMPARE(runPass().pushed, 1);
        m_shirtQuantity = QStringLiteral("1");
        QCOMPARE(runPass().failed, 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("reduced")));
        QCOMPARE(creates(), 1);
    }

    void voidedBeforePushIsNeverSent()
    {
        m_voided = QStringLiteral("T");
        QCOMPARE(runPass().pushed, 0);
        QCOMPARE(creates(), 0);
    }

    // A quantity NetSuite sends unreadable holds the whole fulfillment (never a part of it),
    // and the watermark does not pass it: once NetSuite answers clean, it goes.
    void anUnreadableQuantityHoldsTheFulfillment_data()
    {
        QTest::addColumn<QJsonValue>("quantity");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("text") << QJsonValue(QStringLiteral("two"));
        QTest::newRow("an object") << QJsonValue(QJsonObject{});
    }
    void anUnreadableQuantityHoldsTheFulfillment()
    {
        QFETCH(QJsonValue, quantity);
        m_shirtQuantity = quantity;
        const SyncRunSummary held = runPass();
        QCOMPARE(held.held, 1);
        QCOMPARE(held.pushed, 0);
        QCOMPARE(creates(), 0);
        QVERIFY(!held.warnings.isEmpty());
        QVERIFY(lastAttempt().message.contains(QStringLiteral("IF2001")));
        m_shirtQuantity = QStringLiteral("2");
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().lineItems.size(), 2);
    }

    void aQuantityShopifyCannotTakeIsHeld()
    {
        m_shirtQuantity = QStringLiteral("3000000000");
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.held, 1);
        QCOMPARE(creates(), 0);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("3000000000")));
    }

    void dryRunShowsTheExactRequestAndWritesNothing()
    {
        const SyncRunSummary summary = runPass(SyncTrigger::Manual, {1001}, true);
        QVERIFY(summary.error.isEmpty());
        QCOMPARE(creates(), 0);
        QCOMPARE(m_planned.size(), 1);
        QCOMPARE(m_planned.first().method, QStringLiteral("POST"));
        QVERIFY(m_planned.first().url.endsWith(QStringLiteral("/admin/api/2024-10/graphql.json")));
        QVERIFY(m_planned.first().body.contains(
            QStringLiteral("gid://shopify/FulfillmentOrderLineItem/")));
        QVERIFY(m_planned.first().body.contains(QStringLiteral("1Z1")));
        QVERIFY(!m_planned.first().body.contains(QStringLiteral("shpat_secret")));
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 0);
        QVERIFY(!ledger());
        // The real pass afterwards still reads everything (no watermark was stored).
        QCOMPARE(runPass().pushed, 1);
    }

    void dryRunNamesWhatWouldStopIt()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        runPass(SyncTrigger::Manual, {1001}, true);
        QCOMPARE(m_planned.size(), 1);
        QVERIFY(m_planned.first().problem.contains(QStringLiteral("Local Courier")));
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 0);
    }

    // Held work goes by itself once the settings change: no resync needed, and no history row
    // per pass while nothing changes.
    void heldWorkGoesByItselfAfterAMappingChange()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        QCOMPARE(runPass().held, 1);
        routeNetSuite(true); // nothing new in NetSuite from now on
        QCOMPARE(runPass({}, {}, false, {}, 0).held, 0);
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 1);
        const MappingRule courier{MappingKind::ShipMethod,
                                  QStringLiteral("Local Courier"),
                                  {},
                                  QStringLiteral("Local Courier"),
                                  QStringLiteral("https://courier.example/t/{number}")};
        const SyncRunSummary next = runPass(SyncTrigger::Schedule, {}, false, {courier}, 1);
        QCOMPARE(next.pushed, 1);
        QCOMPARE(creates(), 1);
        QVERIFY(!QuarantineRepository(m_temp->database().connection()).entry(m_connector.id, 2001));
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingUrls.first(),
                 QStringLiteral("https://courier.example/t/1Z1"));
    }

    void anUnmappedItemIsHeldUnlessTheConnectorUsesDefaults()
    {
        m_rules.removeLast(); // no item mapping for the mug
        const SyncRunSummary held = runPass();
        QCOMPARE(held.held, 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("MUG-BLUE")));
        QCOMPARE(creates(), 0);
        m_connector.unmappedPolicy = UnmappedPolicy::UseDefault; // the NetSuite name as SKU
        QCOMPARE(runPass(SyncTrigger::Resync, {1001}).pushed, 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().lineItems.size(), 2);
    }

    void replayRebuiltSendsWhatIsMissingAfterALiveCheck()
    {
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        const SyncAttempt failed = lastAttempt();
        m_shopify->setInterceptor({});
        const SyncRunSummary summary = replay(failed, false);
        QCOMPARE(summary.pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(readBacks(), 1); // the live check
        QCOMPARE(lastAttempt().trigger, SyncTrigger::Replay);
    }

    void replayAsRecordedNeverDuplicates()
    {
        QCOMPARE(runPass().pushed, 1);
        const SyncAttempt pushed = lastAttempt();
        QVERIFY(pushed.request.contains(QStringLiteral("fulfillmentCreate")));
        const SyncRunSummary summary = replay(pushed, true);
        QCOMPARE(creates(), 1); // found by reading back: nothing sent
        QCOMPARE(channelFulfillments(), 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("Already in Shopify")));
        QCOMPARE(summary.failed, 0);
        // What was sent is what is counted: nothing pushed, one found in the channel.
        QCOMPARE(summary.pushed, 0);
        QCOMPARE(summary.alreadyPushed, 1);
        QCOMPARE(lastAttempt().outcome, SyncOutcome::Skipped);
    }

    void replayAsRecordedSendsTheRecordedBodyWhenMissing()
    {
        QCOMPARE(runPass(SyncTrigger::Manual, {1001}, true).pushed, 0);
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        const SyncAttempt failed = lastAttempt();
        QVERIFY(!failed.request.isEmpty());
        m_shopify->setInterceptor({});
        QCOMPARE(replay(failed, true).pushed, 1);
        const FakeRequest last =
            *std::find_if(m_network->journal().crbegin(), m_network->journal().crend(), isCreate);
        QCOMPARE(last.body,
                 QJsonDocument::fromJson(failed.request.toUtf8()).toJson(QJsonDocument::Compact));
        QCOMPARE(channelFulfillments(), 1);
    }

    void aHungCreateIsATimeoutAndIsReadBack()
    {
        answerCreatesWith(0, {}, false);
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QCOMPARE(ledger()->state, LedgerState::Ambiguous);
        QCOMPARE(readBacks(), 1);
        // Said as a timeout, not as "Operation canceled".
        QVERIFY2(lastAttempt().message.contains(QStringLiteral("no answer within")),
                 qPrintable(lastAttempt().message));
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
        QCOMPARE(summary.channelRequests, 0);
        QCOMPARE(lastAttempt().outcome, SyncOutcome::Held);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("Local Courier")));
    }

    void alreadyFulfilledInShopifyIsAConflictNotADuplicate()
    {
        sandbox::ShopifyStore::CreateRequest byHand;
        byHand.orders = {
            {m_shopify->store().order(m_shopify->shop(), 5001)->fulfillmentOrderIds.first(), {}}};
        sandbox::ShopifyStore::Fulfillment made;
        sandbox::ShopifyStore::CreateError error;
        QVERIFY(m_shopify->store().createFulfillment(
            m_shopify->shop(), byHand, QDateTime::currentDateTimeUtc(), &made, &error));
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.failed, 1);
        QCOMPARE(creates(), 0);
        QCOMPARE(lastAttempt().errorClass, ErrorClass::Conflict);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("not by this connector")));
    }

    // On hold and scheduled mean "not yet", never "fulfilled already": it goes once released.
    void aHeldFulfillmentOrderWaitsAndGoesWhenReleased()
    {
        QVERIFY(m_shopify->store().setFulfillmentOrderStatus(m_shopify->shop(), 5001,
                                                             QStringLiteral("on_hold")));
        const SyncRunSummary held = runPass();
        QCOMPARE(held.failed, 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("on hold")));
        QVERIFY(!lastAttempt().message.contains(QStringLiteral("already")));
        QVERIFY(m_shopify->store().setFulfillmentOrderStatus(m_shopify->shop(), 5001,
                                                             QStringLiteral("open")));
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void malformedNetSuiteAnswerStopsTheRunCleanly()
    {
        m_network->route("POST", QStringLiteral("/suiteql$"), [](const FakeRequest &) {
            return FakeResponse{200, "{\"items\": [1, 2"};
        });
        const SyncRunSummary summary = runPass();
        QVERIFY2(summary.error.contains(QStringLiteral("cannot read")), qPrintable(summary.error));
        QCOMPARE(summary.pushed, 0);
    }

    // Explain shows the decision the pass acts on: after each pass, what Explain says is what
    // the pass did.
    void explainAgreesWithThePass()
    {
        QSqlDatabase db = m_temp->database().connection();
        auto explained = [&] {
            OrderRepository orders(db);
            const SalesOrder order = *orders.order(1001);
            const QList<ItemFulfillment> fulfillments = orders.fulfillmentsOfOrder(1001);
            const Connector connector = *ConnectorRepository(db).byId(m_connector.id);
            const FulfillmentMapper mapper(connector, rules());
            const ExplainInput input{
                connector, mapper, [](const MappedFulfillment &) { return QStringList(); }, m_now};
            return Explainer::explain(input, order, fulfillments,
                                      LedgerRepository(db).entriesOfOrder(m_connector.id, 1001),
                                      QuarantineRepository(db).entriesOfOrder(m_connector.id, 1001))
                .fulfillments.first()
                .decision.action;
        };
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(explained(), SyncDecision::Action::Wait);
        QCOMPARE(runPass().deferred, 1);
        m_now = m_now.addSecs(30);
        QCOMPARE(explained(), SyncDecision::Action::Push);
        m_shopify->setInterceptor({});
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(explained(), SyncDecision::Action::Nothing);
        QCOMPARE(runPass().pushed, 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncPass)
#include "tst_syncpass.moc"
