// The 3PL connector's two legs over real loopback HTTP against the sandbox's NetSuite and
// ShipStation-style 3PL, on SQLite and PostgreSQL: released orders go to the 3PL once, its
// shipments become Shipped item fulfillments exactly once whatever answer the transform gets,
// and the Shopify connector then pushes them like any other. (tst_threeplinbox: what is held
// for a person, Explain and the dry run.)

#include "threeplfixture.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/leaserepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/threeplrepository.h"
#include "models/storage/watermarkrepository.h"
#include "sync/engine/syncworker.h"
#include "sync/threepl/shipmentplanner.h"
#include "sync/threepl/threeplordersender.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {

// The network a pass talks through, with a hook that runs as a request leaves: what happens
// elsewhere (another worker taking the lease over) while that request is in flight.
class HookedNetwork final : public QNetworkAccessManager
{
public:
    std::function<void(const QUrl &)> onRequest;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        if (onRequest)
            onRequest(request.url());
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    }
};

} // namespace

class TestThreePl : public ThreePlFixture
{
    Q_OBJECT

    int endpointTotal(const char *endpoint)
    {
        return state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                      [QLatin1String(endpoint)][QLatin1String("total")]
                          .toInt();
    }

    // One 3PL pass as the worker builds it, under `fence`, through `network`.
    SyncRunSummary runFencedPass(QNetworkAccessManager &network, std::shared_ptr<LeaseFence> fence)
    {
        ThreePlPass::Config config;
        config.connector = *ConnectorRepository(m_temp->database().connection()).byId(m_threePlId);
        config.rules = MappingRepository(m_temp->database().connection()).rules(m_threePlId);
        config.netsuite.accountId = m_target.accountId;
        config.netsuite.baseUrl = m_target.netSuiteUrl;
        config.netsuite.credentials = m_credentials.netsuite;
        config.threePl.baseUrl = m_sandbox->threePlBaseUrl();
        config.threePl.apiKey = m_target.threePlKey;
        config.threePl.apiSecret = m_target.threePlSecret;
        config.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        config.fence = std::move(fence);
        ThreePlPass pass(network, m_temp->database(), config);
        QSignalSpy finished(&pass, &ConnectorPass::finished);
        pass.start();
        if (finished.isEmpty() && !finished.wait(60000))
            return {};
        return finished.first().first().value<SyncRunSummary>();
    }

    // A worker paused while its pass waits for the answer to the request `path` names; another
    // worker takes the 3PL connector's lease over meanwhile. Returns the new holder's fence.
    std::shared_ptr<LeaseFence> takenOverDuring(const QString &path, SyncRunSummary *woken)
    {
        const QString paused = QStringLiteral("host-a pid 1 (paused)");
        const QString next = QStringLiteral("host-b pid 2 (next)");
        qint64 epoch = 0;
        if (!LeaseRepository(m_temp->database().connection())
                 .acquire(m_threePlId, paused, QDateTime::currentDateTimeUtc(), 30, nullptr,
                          &epoch))
            return {};
        HookedNetwork network;
        qint64 nextEpoch = 0;
        network.onRequest = [&](const QUrl &url) {
            if (nextEpoch == 0 && url.path().contains(path))
                LeaseRepository(m_temp->database().connection())
                    .takeOver(m_threePlId, paused, next, QDateTime::currentDateTimeUtc(), 30,
                              &nextEpoch);
        };
        const auto fence = std::make_shared<LeaseFence>(m_threePlId, paused, epoch, 30);
        *woken = runFencedPass(network, fence);
        if (nextEpoch != epoch + 1 || !fence->isLost())
            return {};
        return std::make_shared<LeaseFence>(m_threePlId, next, nextEpoch, 30);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // Released orders go to the 3PL once, keyed and with NetSuite's line numbers; an order
    // cancelled in NetSuite afterwards is cancelled there.
    void releasedOrdersGoToThe3plOnce()
    {
        QJsonObject so1003;
        for (const QJsonValue &o :
             state()[QLatin1String("threePl")][QLatin1String("orders")].toArray())
            if (o[QLatin1String("orderNumber")].toString() == u"SO1003")
                so1003 = o.toObject();
        QCOMPARE(so1003[QLatin1String("orderKey")].toString(),
                 ShipmentPlanner::orderKeyFor(m_sandbox->credentials().accountId, 1003));
        QCOMPARE(so1003[QLatin1String("orderStatus")].toString(),
                 QStringLiteral("awaiting_shipment"));
        const QJsonArray items = so1003[QLatin1String("items")].toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0][QLatin1String("lineItemKey")].toString(), QStringLiteral("1"));
        QCOMPARE(items[0][QLatin1String("quantity")].toDouble(), 4.0);
        QCOMPARE(items[0][QLatin1String("sku")].toString(), QStringLiteral("MUG-3PL"));
        QCOMPARE(so1003[QLatin1String("carrierCode")].toString(), QStringLiteral("stamps_com"));
        QCOMPARE(so1003[QLatin1String("serviceCode")].toString(),
                 QStringLiteral("usps_priority_mail"));
        ThreePlRepository ledger(m_temp->database().connection());
        // SO1002 is released too, but its picked fulfillment IF2003 took what IF2002 left: the
        // 3PL would ship it twice. Only SO1003 goes.
        QCOMPARE(ledger.countOrders(m_threePlId, QStringLiteral("sent")), 1);
        for (const QJsonValue &o :
             state()[QLatin1String("threePl")][QLatin1String("orders")].toArray())
            QVERIFY(o[QLatin1String("orderNumber")].toString() != u"SO1002");
        const int creates =
            state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                   [QLatin1String("shipstation.createorders")][QLatin1String("total")]
                       .toInt();
        QCOMPARE(creates, 1);

        runThreePl();
        QCOMPARE(state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                        [QLatin1String("shipstation.createorders")][QLatin1String("total")]
                            .toInt(),
                 creates); // nothing new: nothing sent

        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1003/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("C")}})
                     .status,
                 200);
        runThreePl();
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countOrders(m_threePlId, QStringLiteral("cancelled")),
                 1);
        for (const QJsonValue &o :
             state()[QLatin1String("threePl")][QLatin1String("orders")].toArray())
            if (o[QLatin1String("orderNumber")].toString() == u"SO1003")
                QCOMPARE(o[QLatin1String("orderStatus")].toString(), QStringLiteral("cancelled"));
    }

    // A resync of one order (Retry in the Inbox, Replay) does that order only, on both legs:
    // another order released or shipped meanwhile waits for the next whole pass, which does it
    // once, and the resync moves none of the marks that pass starts from.
    void aResyncDoesOnlyItsOrder()
    {
        QVERIFY(addReleasedOrders(
            2, {{},
                QJsonObject{{QStringLiteral("id"), 1011},
                            {QStringLiteral("tranId"), QStringLiteral("SO1011")},
                            {QStringLiteral("channelOrder"), QStringLiteral("5011")}}}));
        SyncRequest resync;
        resync.connectorId = m_threePlId;
        resync.trigger = SyncTrigger::Resync;
        resync.orderIds = {1010};
        const auto marks = [this] {
            WatermarkRepository watermarks(m_temp->database().connection());
            QList<QDateTime> list;
            for (const QString &stream :
                 {ThreePlOrderSender::watermarkStream(), ThreePlPass::watermarkStream(),
                  ThreePlPass::voidsStream()})
                list << watermarks.value(m_threePlId, stream);
            return list;
        };

        // Orders out: the resync sends SO1010, not SO1011.
        QList<QDateTime> before = marks();
        QList<SyncRunSummary> s = run(resync);
        QCOMPARE(s.size(), 1);
        QVERIFY2(s.first().error.isEmpty(), qPrintable(s.first().error));
        QVERIFY(threePlHasOrder(QStringLiteral("SO1010")));
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1011")));
        QCOMPARE(marks(), before);
        QVERIFY(runThreePl().error.isEmpty());
        QVERIFY(threePlHasOrder(QStringLiteral("SO1011")));

        // Shipments in: a whole pass makes SO1010's first one, then both orders ship.
        ship(1010, QStringLiteral("9400100000000000000031"), QJsonArray{item("1", "MUG-BLUE", 1)});
        QCOMPARE(runThreePl().pushed, 1);
        ship(1010, QStringLiteral("9400100000000000000032"), QJsonArray{item("1", "MUG-BLUE", 1)});
        ship(1011, QStringLiteral("9400100000000000000033"), QJsonArray{item("1", "MUG-BLUE", 2)});
        before = marks();
        QVERIFY(before.at(1).isValid());
        s = run(resync);
        QCOMPARE(s.size(), 1);
        QVERIFY2(s.first().error.isEmpty(), qPrintable(s.first().error));
        QCOMPARE(s.first().pushed, 1);
        QCOMPARE(fulfillmentsOf(1010).size(), 2);
        QCOMPARE(fulfillmentsOf(1011).size(), 0);
        QVERIFY(ThreePlRepository(m_temp->database().connection())
                    .entriesOfOrder(m_threePlId, 1011)
                    .isEmpty()); // not even seen
        QCOMPARE(marks(), before);

        // The whole pass after it makes SO1011's, once.
        QCOMPARE(runThreePl().pushed, 1);
        QCOMPARE(fulfillmentsOf(1011).size(), 1);
        QCOMPARE(runThreePl().pushed, 0);
        QCOMPARE(fulfillmentsOf(1010).size(), 2);
        QCOMPARE(fulfillmentsOf(1011).size(), 1);
    }

    // Two connectors that read the same 3PL account meet on one item fulfillment per shipment:
    // the external id is the shipment's, so the second finds the first one's record.
    void twoConnectorsOnOne3plMakeOneFulfillment()
    {
        ship(1003, QStringLiteral("9400100000000000000010"), QJsonArray{item("1", "MUG-BLUE", 4)});
        const qint64 other = addSecondThreePl();
        QCOMPARE(run(other).first().pushed, 1);
        const SyncRunSummary first = runThreePl();
        QCOMPARE(first.pushed, 0);
        QCOMPARE(first.held, 0);
        QCOMPARE(first.alreadyPushed, 1); // found by its external id, not created again
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
        QCOMPARE(state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                        [QLatin1String("netsuite.record.transform")][QLatin1String("total")]
                            .toInt(),
                 1);
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countInState(m_threePlId, ThreePlState::Created),
                 1);
    }

    // Two shipments of one order: two Shipped item fulfillments with their tracking numbers,
    // each once, however often the connector runs.
    void shipmentsBecomeShippedFulfillmentsOnce()
    {
        ship(1003, QStringLiteral("9400100000000000000001"), QJsonArray{item("1", "MUG-BLUE", 3)});
        SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.pushed, 1);
        QCOMPARE(s.held, 0);
        QList<QJsonObject> created = fulfillmentsOf(1003);
        QCOMPARE(created.size(), 1);
        const QJsonObject f = created.first();
        QCOMPARE(f[QLatin1String("shipStatus")].toString(), QStringLiteral("C"));
        QCOMPARE(f[QLatin1String("lines")][0][QLatin1String("orderLine")].toInt(), 1);
        QCOMPARE(f[QLatin1String("lines")][0][QLatin1String("quantity")].toDouble(), 3.0);
        QCOMPARE(f[QLatin1String("packages")][0][QLatin1String("trackingNumber")].toString(),
                 QStringLiteral("9400100000000000000001"));
        QVERIFY(f[QLatin1String("externalId")].toString().startsWith(QStringLiteral("fs3pl-")));
        // The released-orders query, one order read, one transform; one page of shipments and
        // one of voided labels.
        QCOMPARE(s.netSuiteRequests, 3);
        QCOMPARE(s.channelRequests, 2);

        s = runThreePl();
        QCOMPARE(s.pushed, 0);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);

        ship(1003, QStringLiteral("9400100000000000000002"), QJsonArray{item("1", "MUG-BLUE", 1)});
        s = runThreePl();
        QCOMPARE(s.pushed, 1);
        created = fulfillmentsOf(1003);
        QCOMPARE(created.size(), 2);
        QCOMPARE(created.last()[QLatin1String("lines")][0][QLatin1String("quantity")].toDouble(),
                 1.0);
        ThreePlRepository outbox(m_temp->database().connection());
        QCOMPARE(outbox.countInState(m_threePlId, ThreePlState::Created), 2);
        QVERIFY(
            outbox.unsettled(m_threePlId, QDateTime::currentDateTimeUtc().addYears(1)).isEmpty());
        const QList<SyncAttempt> history =
            HistoryRepository(m_temp->database().connection()).latest(10);
        QCOMPARE(history.size(), 3); // SO1003 sent to the 3PL, then its two shipments
        QCOMPARE(history.last().message,
                 QStringLiteral("SO1003 sent to the 3PL as its order 7000001."));
        QCOMPARE(history.first().outcome, SyncOutcome::Pushed);
        QCOMPARE(history.first().orderTranId, QStringLiteral("SO1003"));
        QVERIFY(history.first().request.contains(QLatin1String("\"itemReceive\":true")));
    }

    // The 3PL shipped SO1003 (USPS in NetSuite) with UPS: the item fulfillment says UPS Ground,
    // so the channel gets the UPS tracking number with UPS; a service it was sent with keeps
    // the order's ship method.
    void theCarrierThatShippedIsOnTheFulfillment()
    {
        ship(1003, QStringLiteral("1Z999AA10123456784"), QJsonArray{item("1", "MUG-BLUE", 1)},
             QStringLiteral("ups"), QStringLiteral("ups_ground"));
        ship(1003, QStringLiteral("9400100000000000000016"), QJsonArray{item("1", "MUG-BLUE", 1)},
             QStringLiteral("stamps_com"), QStringLiteral("usps_priority_mail"));
        QCOMPARE(runThreePl().pushed, 2);
        const QList<QJsonObject> created = fulfillmentsOf(1003);
        QCOMPARE(created.size(), 2);
        QSet<qint64> methods;
        for (const QJsonObject &f : created)
            methods << f[QLatin1String("shipMethod")].toInteger();
        QCOMPARE(methods, (QSet<qint64>{12, 14}));
    }

    // Someone fulfilled the order in NetSuite meanwhile: the 3PL's shipment would over-fulfil,
    // so it is held with the reason, and nothing is sent.
    void anOverShipmentIsHeldNotSent()
    {
        const Answer manual = fulfilByHand(4);
        QCOMPARE(manual.status, 201);
        ship(1003, QStringLiteral("9400100000000000000004"), QJsonArray{item("1", "MUG-BLUE", 2)});
        const SyncRunSummary s = runThreePl();
        QCOMPARE(s.pushed, 0);
        QCOMPARE(s.held, 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1); // only the person's
        const auto held = HistoryRepository(m_temp->database().connection()).latest(1);
        QCOMPARE(held.first().outcome, SyncOutcome::Held);
        QVERIFY2(held.first().message.contains(QLatin1String("only 0 are left")),
                 qPrintable(held.first().message));
        const SyncRunSummary again = runThreePl();
        QCOMPARE(again.held, 0);     // held once, not again every run
        QCOMPARE(again.deferred, 1); // but it waits for a person: not "all synced"
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().problem, InboxProblem::Held);
        QCOMPARE(open.first().subject, InboxSubject::ThreePlShipment);

        // The person voids their fulfillment and replays the held attempt: the shipment is
        // planned again and goes, once.
        QCOMPARE(send("DELETE",
                      QStringLiteral("/_sandbox/netsuite/itemFulfillments/%1")
                          .arg(manual.json[QLatin1String("id")].toInteger()),
                      {})
                     .status,
                 200);
        const QList<SyncRunSummary> replayed = run(m_threePlId, held.first().id);
        QCOMPARE(replayed.size(), 1);
        QVERIFY2(replayed.first().error.isEmpty(), qPrintable(replayed.first().error));
        QCOMPARE(replayed.first().pushed, 1);
        QCOMPARE(replayed.first().trigger, SyncTrigger::Replay);
        QCOMPARE(fulfillmentsOf(1003).size(), 2); // the voided one and the 3PL's
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::AutoResolved);
        QCOMPARE(runThreePl().pushed, 0);
        QCOMPARE(fulfillmentsOf(1003).size(), 2);
    }

    // Order → 3PL → shipment → NetSuite IF → Shopify fulfillment, with no configuration
    // between the two connectors; each fulfillment reaches Shopify once.
    void theShopifyConnectorPushesWhatThe3plCreated()
    {
        ship(1003, QStringLiteral("9400100000000000000005"), QJsonArray{item("1", "MUG-BLUE", 4)});
        QCOMPARE(runThreePl().pushed, 1);
        QList<SyncRunSummary> both = run(0);
        QCOMPARE(both.size(), 2);
        QCOMPARE(channelFulfillmentsOf(5003).size(), 1);
        QCOMPARE(
            channelFulfillmentsOf(5003).first()[QLatin1String("trackingNumbers")][0].toString(),
            QStringLiteral("9400100000000000000005"));
        both = run(0);
        QCOMPARE(channelFulfillmentsOf(5003).size(), 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
    }

    // One run of every connector ends only once what the 3PL created has reached the channel:
    // the channel's pass, done before the 3PL's created the item fulfillment, runs again.
    // (A `sync --once` exited 0 with the fulfillment still owed to the channel.)
    void oneRunCarriesA3plShipmentToTheChannel()
    {
        ship(1003, QStringLiteral("9400100000000000000007"), QJsonArray{item("1", "MUG-BLUE", 4)});
        // The 3PL answers slowly, so the channel's pass has read NetSuite before the IF exists.
        fault({{QStringLiteral("match"), QStringLiteral("shipstation.shipments")},
               {QStringLiteral("delayMs"), 1500}});
        const QList<SyncRunSummary> passes = run(0);
        QCOMPARE(passes.size(), 3); // channel, 3PL, then the channel again
        QCOMPARE(passes.last().connectorId, m_shopifyId);
        QCOMPARE(passes.last().pushed, 1);
        QCOMPARE(channelFulfillmentsOf(5003).size(), 1);
        QVERIFY(passes.last().ok());
    }

    // A 3PL that hangs keeps its own pass waiting and nothing else: the Shopify connector in
    // the same run has pushed everything before the 3PL's request even times out.
    void aHanging3plNeverDelaysTheChannel()
    {
        fault({{QStringLiteral("match"), QStringLiteral("shipstation.shipments")},
               {QStringLiteral("hang"), true}});
        // The 3PL's pass is asked for first, so a worker that ran passes one after the other
        // would make the channel wait for the 3PL's timeout (3 s).
        SyncWorker worker(m_temp->database());
        worker.setCredentials(m_credentials);
        QList<SyncRunSummary> summaries;
        connect(&worker, &SyncWorker::passFinished, this,
                [&](const SyncRunSummary &s) { summaries << s; });
        QSignalSpy idle(&worker, &SyncWorker::idle);
        for (const qint64 id : {m_threePlId, m_shopifyId}) {
            SyncRequest request;
            request.connectorId = id;
            request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
            request.timeoutMs = 3000;
            worker.run(request);
        }
        QVERIFY(QTest::qWaitFor([&] { return summaries.size() == 2; }, 60000));
        worker.shutdown();
        // The channel's pass, started second, ended first: it never waited for the 3PL's.
        QCOMPARE(summaries.first().connectorId, m_shopifyId);
        QCOMPARE(summaries.last().connectorId, m_threePlId);
        for (const SyncRunSummary &s : std::as_const(summaries)) {
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error)); // the 3PL's read was retried
            if (s.connectorId == m_shopifyId)
                QCOMPARE(s.pushed, 3);
        }
    }

    // Cancel while NetSuite does not answer the first leg's read: the pass ends at once, says
    // it was cancelled (not failed), and the next run does the work.
    void aCancelledPassEndsCleanly()
    {
        ship(1003, QStringLiteral("9400100000000000000011"), QJsonArray{item("1", "MUG-BLUE", 4)});
        fault({{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
               {QStringLiteral("hang"), true}});
        SyncWorker worker(m_temp->database());
        worker.setCredentials(m_credentials);
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        SyncRequest request;
        request.connectorId = m_threePlId;
        worker.run(request);
        QTest::qWait(500);
        QElapsedTimer clock;
        clock.start();
        worker.cancelConnector(m_threePlId);
        QVERIFY(QTest::qWaitFor([&] { return idle.count() > 0; }, 10000));
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        const SyncRunSummary s = finished.first().first().value<SyncRunSummary>();
        QVERIFY(s.cancelled);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        worker.shutdown();
        QCOMPARE(fulfillmentsOf(1003).size(), 0);
        QCOMPARE(runThreePl().pushed, 1);
    }

    // Issue 27 on the orders leg: the lease is taken over while the pass reads the released
    // orders from NetSuite. The woken pass sends no order to the 3PL, settles no shipment and
    // records nothing; the new holder does both, once.
    void aPassThatLostItsLeaseSendsNoOrders()
    {
        QVERIFY(addReleasedOrder(2)); // SO1010, for the 3PL
        ship(1003, QStringLiteral("9400100000000000000041"), QJsonArray{item("1", "MUG-BLUE", 4)});
        const int creates = endpointTotal("shipstation.createorders");
        const int transforms = endpointTotal("netsuite.record.transform");
        QSqlDatabase db = m_temp->database().connection();
        const int history = HistoryRepository(db).count();
        SyncRunSummary woken;
        const std::shared_ptr<LeaseFence> next =
            takenOverDuring(QStringLiteral("/suiteql"), &woken);
        QVERIFY(next);
        QCOMPARE(endpointTotal("shipstation.createorders"), creates);
        QCOMPARE(endpointTotal("netsuite.record.transform"), transforms);
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));
        QCOMPARE(HistoryRepository(db).count(), history);
        QCOMPARE(ThreePlRepository(db).countInState(m_threePlId, ThreePlState::Created), 0);
        QVERIFY2(woken.error.contains(QStringLiteral("host-b")), qPrintable(woken.error));
        QCOMPARE(woken.pushed, 0);

        HookedNetwork network;
        const SyncRunSummary taken = runFencedPass(network, next);
        QVERIFY2(taken.error.isEmpty(), qPrintable(taken.error));
        QVERIFY(threePlHasOrder(QStringLiteral("SO1010")));
        QCOMPARE(endpointTotal("shipstation.createorders"), creates + 1);
        QCOMPARE(endpointTotal("netsuite.record.transform"), transforms + 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
    }

    // Issue 27 on the shipments leg: the lease is taken over while the pass reads the 3PL's
    // shipments. The woken pass transforms nothing and writes no intent or history (no false
    // conflict for the new holder to find); the new holder creates the fulfillment once.
    void aPassThatLostItsLeaseTransformsNothing()
    {
        ship(1003, QStringLiteral("9400100000000000000042"), QJsonArray{item("1", "MUG-BLUE", 4)});
        const int transforms = endpointTotal("netsuite.record.transform");
        QSqlDatabase db = m_temp->database().connection();
        const int history = HistoryRepository(db).count();
        SyncRunSummary woken;
        const std::shared_ptr<LeaseFence> next =
            takenOverDuring(QStringLiteral("/shipments"), &woken);
        QVERIFY(next);
        QCOMPARE(endpointTotal("netsuite.record.transform"), transforms);
        QCOMPARE(fulfillmentsOf(1003).size(), 0);
        QCOMPARE(HistoryRepository(db).count(), history);
        ThreePlRepository outbox(db);
        QVERIFY(
            outbox.unsettled(m_threePlId, QDateTime::currentDateTimeUtc().addYears(1)).isEmpty());
        QCOMPARE(outbox.countInState(m_threePlId, ThreePlState::Created), 0);
        QVERIFY2(woken.error.contains(QStringLiteral("host-b")), qPrintable(woken.error));

        HookedNetwork network;
        const SyncRunSummary taken = runFencedPass(network, next);
        QVERIFY2(taken.error.isEmpty(), qPrintable(taken.error));
        QCOMPARE(taken.pushed, 1);
        QCOMPARE(endpointTotal("netsuite.record.transform"), transforms + 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
        QCOMPARE(outbox.countInState(m_threePlId, ThreePlState::Created), 1);
    }

    // The lease is taken over while the transform is on its way: NetSuite made the item
    // fulfillment, but the woken pass records nothing of its answer (no history, no Created).
    // Its intent, written before it sent, names it; the new holder reads it back, finds the
    // fulfillment by its external id and never transforms a second time.
    void anAnswerAfterATakeOverIsLeftToTheNewHolder()
    {
        ship(1003, QStringLiteral("9400100000000000000043"), QJsonArray{item("1", "MUG-BLUE", 4)});
        const int transforms = endpointTotal("netsuite.record.transform");
        QSqlDatabase db = m_temp->database().connection();
        const int history = HistoryRepository(db).count();
        SyncRunSummary woken;
        const std::shared_ptr<LeaseFence> next =
            takenOverDuring(QStringLiteral("/!transform/"), &woken);
        QVERIFY(next);
        QCOMPARE(endpointTotal("netsuite.record.transform"), transforms + 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
        QCOMPARE(HistoryRepository(db).count(), history);
        ThreePlRepository outbox(db);
        QCOMPARE(outbox.countInState(m_threePlId, ThreePlState::Created), 0);
        QCOMPARE(outbox.unsettled(m_threePlId, QDateTime::currentDateTimeUtc().addYears(1)).size(),
                 1);
        QCOMPARE(woken.pushed, 0);

        HookedNetwork network;
        const SyncRunSummary taken = runFencedPass(network, next);
        QVERIFY2(taken.error.isEmpty(), qPrintable(taken.error));
        QCOMPARE(endpointTotal("netsuite.record.transform"), transforms + 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
        QCOMPARE(outbox.countInState(m_threePlId, ThreePlState::Created), 1);
        QCOMPARE(HistoryRepository(db).count(), history + 1);
    }

    // A 3PL that refuses the key fails its own pass and nothing else: the Shopify connector in
    // the same worker run pushes all it owes.
    void aFailing3plNeverHoldsUpTheChannel()
    {
        m_credentials.channelTokens.insert(m_threePlId, QStringLiteral("wrong:key"));
        const QList<SyncRunSummary> both = run(0);
        QCOMPARE(both.size(), 2);
        for (const SyncRunSummary &s : both) {
            if (s.connectorId == m_threePlId) {
                QVERIFY(s.error.contains(QLatin1String("401")));
            } else {
                QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
                QCOMPARE(s.pushed, 3);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestThreePl)
#include "tst_threepl.moc"
