#pragma once

// The pass against an in-process NetSuite fake and the sandbox's own Shopify (mounted on the
// fake network): fast, deterministic, and able to fail exactly the request a rule is about.
// Shared by the engine tests that run whole passes (tst_syncpass, tst_inbox).

#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/leasefence.h"
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

namespace fulfillsync::test {

namespace syncpassfixture {

// NetSuite's clock as its answers tell it (the Date header): a few minutes after the data's
// newest change (15:04:05), so what was read had settled.
inline constexpr char kNetSuiteDate[] = "Thu, 19 Nov 2026 15:10:00 GMT";

inline QJsonObject suiteQlEnvelope(const QJsonArray &items)
{
    return {{QStringLiteral("links"), QJsonArray()},
            {QStringLiteral("count"), items.size()},
            {QStringLiteral("hasMore"), false},
            {QStringLiteral("offset"), 0},
            {QStringLiteral("totalResults"), items.size()},
            {QStringLiteral("items"), items}};
}

// Shopify order 5001: two shirts and a mug at Main Warehouse.
inline sandbox::ChannelOrder shopifyOrder()
{
    sandbox::ChannelOrder o;
    o.id = 5001;
    o.name = QStringLiteral("#1001");
    o.locationId = 7001;
    o.lineItems = {{9001, QStringLiteral("TSHIRT-RED-M"), 2, {}},
                   {9002, QStringLiteral("MUG-BLUE"), 1, {}}};
    return o;
}

inline bool isCreate(const FakeRequest &r)
{
    return r.body.contains("mutation fulfillmentCreate");
}

} // namespace syncpassfixture
using namespace syncpassfixture;

class SyncPassFixture : public QObject
{
protected:
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
    QStringList m_phases; // every progress phase of the passes run
    qint64 m_replayFulfillment = 0;
    QByteArray m_replayBody;
    QList<qint64> m_resendTracking; // fulfillments whose tracking a person asked to send again
    std::function<void(SyncPass &, const SyncProgress &)> m_onProgress; // e.g. to cancel
    std::shared_ptr<LeaseFence> m_fence; // the lease the passes act under (null: none)

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
                return FakeResponse{
                    200, QJsonDocument(suiteQlEnvelope({})).toJson(), {{"Date", kNetSuiteDate}}};
            const bool orders = q.contains(QStringLiteral("sl.mainline"));
            return FakeResponse{
                200,
                QJsonDocument(suiteQlEnvelope(orders ? orderRows() : fulfillmentRows())).toJson(),
                {{"Date", kNetSuiteDate}}};
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
        config.resendTracking = m_resendTracking;
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
        config.fence = m_fence;
        SyncPass pass(*m_network, m_temp->database(), config);
        connect(&pass, &SyncPass::requestPlanned, this,
                [this](const PlannedRequest &r) { m_planned << r; });
        connect(&pass, &SyncPass::progressed, this, [this, &pass](const SyncProgress &p) {
            m_phases << p.phase;
            if (m_onProgress)
                m_onProgress(pass, p);
        });
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
    // The SuiteQL text of every detection query sent whose text contains `marker`.
    QStringList suiteQl(const QString &marker) const
    {
        QStringList queries;
        for (const FakeRequest &r : m_network->journal()) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            if (q.contains(marker))
                queries << q;
        }
        return queries;
    }
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

protected:
    void setUp()
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
        m_phases.clear();
        m_onProgress = {};
        m_fence.reset();
        m_rules = rules();
        m_network = std::make_unique<FakeNetworkAccessManager>();
        routeNetSuite();
        m_shopify =
            std::make_unique<InProcessShopify>(QList<sandbox::ChannelOrder>{shopifyOrder()});
        m_shopify->mount(*m_network);
    }

    void tearDown()
    {
        m_network.reset();
        m_shopify.reset();
        m_temp.reset();
    }
};

} // namespace fulfillsync::test
