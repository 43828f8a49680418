// Independent connectors: two channel connectors on one NetSuite account; one hangs, the other
// finishes anyway. And the shared NetSuite gate never exceeds its limit.

#include "models/storage/connectorrepository.h"
#include "models/storage/leaserepository.h"
#include "sync/engine/syncworker.h"
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

QJsonObject fulfillmentRow(const QString &ifId, const QString &soId, const QString &channel,
                           const QString &channelOrder)
{
    return {{QStringLiteral("if_id"), ifId},
            {QStringLiteral("if_tranid"), QString(QStringLiteral("IF") + ifId)},
            {QStringLiteral("if_status"), QStringLiteral("C")},
            {QStringLiteral("if_lmd"), QStringLiteral("2026-11-19T15:04:05")},
            {QStringLiteral("so_id"), soId},
            {QStringLiteral("so_tranid"), QString(QStringLiteral("SO") + soId)},
            {QStringLiteral("so_status"), QStringLiteral("F")},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("channel_order"), channelOrder},
            {QStringLiteral("if_line"), QStringLiteral("1")},
            {QStringLiteral("so_line"), QStringLiteral("1")},
            {QStringLiteral("item"), QStringLiteral("501")},
            {QStringLiteral("item_name"), QStringLiteral("TSHIRT")},
            {QStringLiteral("quantity"), QStringLiteral("1")},
            {QStringLiteral("ship_method_name"), QStringLiteral("UPS Ground")},
            {QStringLiteral("tracking_id"), QStringLiteral("1")},
            {QStringLiteral("tracking_number"), QString(QStringLiteral("1Z") + ifId)}};
}

QByteArray envelope(const QJsonArray &items)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("hasMore"), false}})
        .toJson();
}

} // namespace

class TestSyncWorker : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    FakeNetworkAccessManager *m_network = nullptr;
    std::unique_ptr<InProcessShopify> m_retailShop;
    std::unique_ptr<InProcessShopify> m_wholesaleShop;

    static sandbox::ChannelOrder channelOrder(qint64 id)
    {
        sandbox::ChannelOrder o;
        o.id = id;
        o.locationId = 7001;
        o.lineItems = {{id * 10 + 1, QStringLiteral("TSHIRT"), 1, {}}};
        return o;
    }

    // Both stores answer from their own in-process Shopify; `hang` stores never answer.
    void mountStores(FakeNetworkAccessManager &network, bool hangRetail, bool hangWholesale)
    {
        m_retailShop = std::make_unique<InProcessShopify>(
            QList<sandbox::ChannelOrder>{channelOrder(5001)}, QStringLiteral("unlimited"),
            QStringLiteral("retail"));
        m_wholesaleShop = std::make_unique<InProcessShopify>(
            QList<sandbox::ChannelOrder>{channelOrder(6001)}, QStringLiteral("unlimited"),
            QStringLiteral("wholesale"));
        const auto hang = [](const FakeRequest &, const QString &,
                             const std::function<FakeResponse()> &) {
            return FakeResponse{0, {}, {}, true};
        };
        if (hangRetail)
            m_retailShop->setInterceptor(hang);
        if (hangWholesale)
            m_wholesaleShop->setInterceptor(hang);
        m_retailShop->mount(network);
        m_wholesaleShop->mount(network);
    }
    qint64 m_retail = 0;
    qint64 m_wholesale = 0;

    // The worker's network: NetSuite's one shipped order per store, both stores mounted (a
    // hanging one never answers); `adjust` runs once they are, to intercept a store, say.
    void useFakeNetwork(SyncWorker &worker, bool hangRetail, bool hangWholesale,
                        std::function<void()> adjust = {})
    {
        worker.setNetworkFactory([=, this](QObject *parent) {
            m_network = new FakeNetworkAccessManager(parent);
            routeOneShippedOrderPerStore(*m_network);
            mountStores(*m_network, hangRetail, hangWholesale);
            if (adjust)
                adjust();
            return m_network;
        });
        worker.setCredentials(credentials());
    }

    SyncCredentials credentials() const
    {
        SyncCredentials c;
        c.netsuite = {QStringLiteral("ck"), QStringLiteral("cs"), QStringLiteral("t"),
                      QStringLiteral("ts")};
        c.channelTokens = {{m_retail, InProcessShopify::accessToken()},
                           {m_wholesale, InProcessShopify::accessToken()}};
        return c;
    }

    qint64 addConnector(const QString &name, const QString &channel, const QString &endpoint)
    {
        ConnectorRepository repo(m_temp->database().connection());
        Connector c;
        c.name = name;
        c.channel = channel;
        c.endpoint = endpoint;
        c.unmappedPolicy = UnmappedPolicy::UseDefault;
        c.defaultCarrier = QStringLiteral("UPS");
        repo.save(c);
        return c.id;
    }

    // NetSuite answers one shipped fulfillment for each store: retail's order 5001 and
    // wholesale's order 6001.
    static void routeOneShippedOrderPerStore(FakeNetworkAccessManager &network)
    {
        network.route("POST", QStringLiteral("/suiteql$"), [](const FakeRequest &r) {
            if (QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString().contains(
                    QStringLiteral("sl.mainline")))
                return FakeResponse{200, envelope({})};
            return FakeResponse{
                200, envelope({fulfillmentRow(QStringLiteral("2001"), QStringLiteral("1001"),
                                              QStringLiteral("Shopify"), QStringLiteral("5001")),
                               fulfillmentRow(QStringLiteral("3001"), QStringLiteral("1501"),
                                              QStringLiteral("Shopify-WholesaleShopify"),
                                              QStringLiteral("6001"))})};
        });
    }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY(m_temp->isValid());
        ConnectorRepository(m_temp->database().connection())
            .saveAccount({QStringLiteral("1234567"), QStringLiteral("http://ns.test")});
        m_retail = addConnector(QStringLiteral("retail"), QStringLiteral("Shopify"),
                                InProcessShopify::baseUrl(QStringLiteral("retail")).toString());
        m_wholesale =
            addConnector(QStringLiteral("wholesale"), QStringLiteral("Shopify-WholesaleShopify"),
                         InProcessShopify::baseUrl(QStringLiteral("wholesale")).toString());
    }

    void cleanup()
    {
        m_temp.reset();
        m_retailShop.reset();
        m_wholesaleShop.reset();
    }

    void aHungConnectorNeverDelaysAnother()
    {
        SyncWorker worker(m_temp->database());
        useFakeNetwork(worker, false, true);
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        SyncRequest request;
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        worker.run(request);

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto retail = finished.first().first().value<SyncRunSummary>();
        QCOMPARE(retail.connectorName, QStringLiteral("retail"));
        QCOMPARE(retail.pushed, 1);
        QCOMPARE(worker.runningPasses(), 1); // wholesale still waits for its store
        QCOMPARE(idle.count(), 0);
        QVERIFY(worker.netSuiteGate().highWater() <= worker.netSuiteGate().limit());

        // Asking again while it runs is coalesced, not doubled.
        worker.run(request);
        worker.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 10000);
        // Retail ran twice; wholesale once (its follow-up was coalesced, then cancelled).
        QCOMPARE(finished.count(), 3);
        int wholesaleRuns = 0;
        for (const auto &args : std::as_const(finished)) {
            const auto summary = args.first().value<SyncRunSummary>();
            if (summary.connectorName == u"wholesale") {
                ++wholesaleRuns;
                QVERIFY(summary.cancelled);
                QCOMPARE(summary.pushed, 0);
            }
        }
        QCOMPARE(wholesaleRuns, 1);
        worker.shutdown();
    }

    void cancellingOneConnectorLeavesTheOthersRunning()
    {
        SyncWorker worker(m_temp->database());
        useFakeNetwork(worker, true, true);
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        SyncRequest request;
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        worker.run(request);
        QCOMPARE(worker.runningPasses(), 2);
        worker.run(request); // a follow-up for each, which cancelling must drop too
        QTest::qWait(200);
        QCOMPARE(finished.count(), 0);

        worker.cancelConnector(m_wholesale);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto wholesale = finished.first().first().value<SyncRunSummary>();
        QCOMPARE(wholesale.connectorId, m_wholesale);
        QVERIFY(wholesale.cancelled);
        QTest::qWait(200);
        QCOMPARE(worker.runningPasses(), 1); // retail still runs, no wholesale follow-up
        QCOMPARE(finished.count(), 1);
        QCOMPARE(idle.count(), 0);

        worker.cancelConnector(m_retail);
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 10000);
        QCOMPARE(finished.count(), 2);
        QCOMPARE(finished.last().first().value<SyncRunSummary>().connectorId, m_retail);
        worker.shutdown();
    }

    // A resync of an order names no connector (the worker's `resync ORDER`): only the
    // connectors that own the order run, not every connector's whole pass.
    void aResyncOfAnOrderRunsOnlyItsConnectors()
    {
        SyncWorker worker(m_temp->database());
        useFakeNetwork(worker, false, false);
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        SyncRequest request;
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        worker.run(request); // both connectors store their orders
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 10000);
        QCOMPARE(finished.count(), 2);

        SyncRequest resync;
        resync.trigger = SyncTrigger::Resync;
        resync.orderIds = {1501}; // wholesale's order
        worker.run(resync);
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 2, 10000);
        QCOMPARE(finished.count(), 3);
        QCOMPARE(finished.last().first().value<SyncRunSummary>().connectorId, m_wholesale);

        QSignalSpy refused(&worker, &SyncWorker::failedToStart);
        resync.orderIds = {999999}; // nobody's
        worker.run(resync);
        QCOMPARE(refused.count(), 1);
        QCOMPARE(finished.count(), 3);
        worker.shutdown();
    }

    // Whatever a server does, no pass runs for ever: past its deadline it is cancelled, says
    // why, and frees its lease for the next pass or another worker.
    void aPassThatNeverEndsStopsAtItsDeadline()
    {
        SyncWorker worker(m_temp->database());
        worker.setPassDeadline(300);
        useFakeNetwork(worker, false, true); // wholesale never answers
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        SyncRequest request;
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        request.timeoutMs = 3600 * 1000; // no request timeout comes to the rescue
        worker.run(request);
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 20000);
        QCOMPARE(finished.count(), 2);
        for (const auto &args : std::as_const(finished)) {
            const auto summary = args.first().value<SyncRunSummary>();
            if (summary.connectorId == m_retail) {
                QCOMPARE(summary.pushed, 1);
                QVERIFY(summary.error.isEmpty());
            } else {
                QCOMPARE(summary.connectorId, m_wholesale);
                QVERIFY2(summary.error.contains(QStringLiteral("was stopped")),
                         qPrintable(summary.error));
                QVERIFY(!summary.cancelled); // a failure, alerted as one; no person cancelled it
                QVERIFY(!summary.ok());
            }
        }
        QCOMPARE(worker.runningPasses(), 0);
        LeaseRepository leases(m_temp->database().connection());
        QVERIFY(leases.acquire(m_wholesale, QStringLiteral("another worker"),
                               QDateTime::currentDateTimeUtc(), 60));
        worker.shutdown();
    }

    // A 429 whose Retry-After is "nan" (or inf, 1e309 …) waits a bounded backoff and the pass
    // ends; it used to become a timer of INT_MIN ms that Qt refuses, and the pass never ended.
    void aRetryAfterOfNanNeverHangsThePass()
    {
        SyncWorker worker(m_temp->database());
        auto once = std::make_shared<bool>(true);
        useFakeNetwork(worker, false, false, [this, once] {
            m_retailShop->setInterceptor([once](const FakeRequest &, const QString &endpoint,
                                                const std::function<FakeResponse()> &serve) {
                if (endpoint != u"shopify.graphql.fulfillmentCreate" ||
                    !std::exchange(*once, false))
                    return serve();
                return FakeResponse{
                    429, QByteArrayLiteral("{\"errors\":\"Throttled\"}"), {{"Retry-After", "nan"}}};
            });
        });
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        SyncRequest request;
        request.connectorId = m_retail;
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        worker.run(request);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const auto summary = finished.first().first().value<SyncRunSummary>();
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.pushed, 1);
        worker.shutdown();
    }
};

QTEST_GUILESS_MAIN(TestSyncWorker)
#include "tst_syncworker.moc"
