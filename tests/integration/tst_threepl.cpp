// The 3PL connector over real loopback HTTP against the sandbox's NetSuite and ShipStation-style
// 3PL, on SQLite and PostgreSQL: shipments become Shipped item fulfillments exactly once,
// whatever answer the transform gets, and the Shopify connector then pushes them like any other.

#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/threeplrepository.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/engine/explainer.h"
#include "sync/engine/inboxactions.h"
#include "sync/engine/syncworker.h"
#include "sync/threepl/shipmentplanner.h"
#include "testutils/tempdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestThreePl : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_network;
    DemoTarget m_target;
    SyncCredentials m_credentials;
    QList<PlannedRequest> m_planned; // the last run's, when it was a dry run
    qint64 m_shopifyId = 0;
    qint64 m_threePlId = 0;

    struct Answer
    {
        int status = 0;
        QJsonObject json;
    };

    Answer send(const QByteArray &verb, const QString &path, const QJsonObject &body,
                const QByteArray &authorization = {})
    {
        QNetworkRequest request(m_sandbox->baseUrl().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        QNetworkReply *reply = m_network.sendCustomRequest(
            request, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        Answer answer;
        if (reply->isFinished() || done.wait(10000)) {
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        }
        reply->deleteLater();
        return answer;
    }

    QJsonObject state() { return send("GET", QStringLiteral("/_sandbox/state"), {}).json; }

    static QJsonObject item(const char *lineKey, const char *sku, double quantity)
    {
        return {{QStringLiteral("lineItemKey"), QLatin1String(lineKey)},
                {QStringLiteral("sku"), QLatin1String(sku)},
                {QStringLiteral("quantity"), quantity}};
    }

    void ship(qint64 salesOrderId, const QString &tracking, const QJsonArray &items,
              const QString &carrier = QStringLiteral("stamps_com"),
              const QString &service = QString())
    {
        QJsonObject shipment{
            {QStringLiteral("orderKey"),
             ShipmentPlanner::orderKeyFor(m_sandbox->credentials().accountId, salesOrderId)},
            {QStringLiteral("trackingNumber"), tracking},
            {QStringLiteral("carrierCode"), carrier},
            {QStringLiteral("items"), items}};
        if (!service.isEmpty())
            shipment.insert(QStringLiteral("serviceCode"), service);
        const Answer a = send("POST", QStringLiteral("/_sandbox/3pl/ship"), shipment);
        QVERIFY2(a.status == 200 || a.status == 201, qPrintable(QString::number(a.status)));
    }

    // Someone fulfils part of SO1003's only line (4 mugs) in NetSuite, outside the 3PL.
    Answer fulfilByHand(int quantity)
    {
        return send("POST", QStringLiteral("/_sandbox/netsuite/itemFulfillments"),
                    QJsonObject{{QStringLiteral("createdFrom"), 1003},
                                {QStringLiteral("tranDate"), QStringLiteral("2026-12-06")},
                                {QStringLiteral("lines"),
                                 QJsonArray{QJsonObject{{QStringLiteral("orderLine"), 1},
                                                        {QStringLiteral("quantity"), quantity}}}}});
    }

    void fault(const QJsonObject &fault)
    {
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/faults"), fault).status, 201);
    }

    // The item fulfillments of a sales order in the sandbox's NetSuite.
    QList<QJsonObject> fulfillmentsOf(qint64 salesOrderId)
    {
        QList<QJsonObject> list;
        for (const QJsonValue &f :
             state()[QLatin1String("netsuite")][QLatin1String("itemFulfillments")].toArray())
            if (f[QLatin1String("createdFrom")].toInteger() == salesOrderId)
                list << f.toObject();
        return list;
    }

    // Shopify's fulfillments of one channel order, as the sandbox's store holds them.
    QList<QJsonObject> channelFulfillmentsOf(qint64 channelOrderId)
    {
        QList<QJsonObject> list;
        for (const QJsonValue &channel : state()[QLatin1String("channels")].toArray())
            for (const QJsonValue &order : channel[QLatin1String("orders")].toArray())
                if (order[QLatin1String("id")].toInteger() == channelOrderId)
                    for (const QJsonValue &f : order[QLatin1String("fulfillments")].toArray())
                        list << f.toObject();
        return list;
    }

    // One run of the given connectors (0: every enabled one) in one worker.
    QList<SyncRunSummary> run(qint64 connectorId, qint64 replayAttemptId = 0)
    {
        SyncRequest request;
        request.connectorId = connectorId;
        request.replayAttemptId = replayAttemptId;
        return run(request);
    }

    QList<SyncRunSummary> run(SyncRequest request)
    {
        SyncWorker worker(m_temp->database());
        worker.setCredentials(m_credentials);
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        m_planned.clear();
        connect(&worker, &SyncWorker::requestPlanned, this,
                [this](const PlannedRequest &r) { m_planned << r; });
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        request.timeoutMs = 3000; // a hung request is given up quickly
        worker.run(request);
        QList<SyncRunSummary> summaries;
        if (!QTest::qWaitFor([&] { return idle.count() > 0; }, 60000))
            return summaries;
        for (const QList<QVariant> &args : std::as_const(finished))
            summaries << args.first().value<SyncRunSummary>();
        worker.shutdown();
        return summaries;
    }

    // A second 3PL connector on the same 3PL account, with the same key.
    qint64 addSecondThreePl()
    {
        Connector other;
        other.name = QStringLiteral("Second 3PL");
        other.kind = QStringLiteral("shipstation");
        other.channel = QString();
        other.endpoint = m_sandbox->threePlBaseUrl().toString();
        if (!ConnectorRepository(m_temp->database().connection()).save(other))
            return 0;
        m_credentials.channelTokens.insert(other.id,
                                           m_credentials.channelTokens.value(m_threePlId));
        return other.id;
    }

    SyncRunSummary runThreePl()
    {
        const QList<SyncRunSummary> s = run(m_threePlId);
        return s.isEmpty() ? SyncRunSummary{} : s.first();
    }

    // The basic scenario again with SO1010 released since the last run (the 3PL's side starts
    // empty again): the next run's orders out finds it.
    bool addReleasedOrder(double quantity)
    {
        QFile file(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
                   QStringLiteral("/sandbox/scenarios/basic.json"));
        if (!file.open(QIODevice::ReadOnly))
            return false;
        QJsonObject scenario = QJsonDocument::fromJson(file.readAll()).object();
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        scenario.insert(QStringLiteral("now"), now);
        QJsonObject netsuite = scenario[QLatin1String("netsuite")].toObject();
        QJsonArray orders = netsuite[QLatin1String("salesOrders")].toArray();
        orders.append(QJsonObject{
            {QStringLiteral("id"), 1010},
            {QStringLiteral("tranId"), QStringLiteral("SO1010")},
            {QStringLiteral("tranDate"), QStringLiteral("2026-11-20")},
            // Now, and the sandbox's clock with it: after anything an earlier run read (at the
            // basic scenario's time), and before what changes it later.
            {QStringLiteral("lastModified"), now},
            {QStringLiteral("customer"), 79},
            {QStringLiteral("channel"), QStringLiteral("Shopify")},
            {QStringLiteral("channelOrder"), QStringLiteral("5010")},
            {QStringLiteral("shipMethod"), 14},
            {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                             {QStringLiteral("item"), 502},
                                                             {QStringLiteral("quantity"), quantity},
                                                             {QStringLiteral("location"), 1}}}}});
        netsuite.insert(QStringLiteral("salesOrders"), orders);
        scenario.insert(QStringLiteral("netsuite"), netsuite);
        QString error;
        return m_sandbox->loadScenario(scenario, &error);
    }

    bool threePlHasOrder(const QString &tranId)
    {
        for (const QJsonValue &o :
             state()[QLatin1String("threePl")][QLatin1String("orders")].toArray())
            if (o[QLatin1String("orderNumber")].toString() == tranId)
                return true;
        return false;
    }

    // Explain's text for the 3PL connector, for a released (Pending Fulfillment) order.
    QString explainThreePl(qint64 orderId)
    {
        SalesOrder order;
        order.id = orderId;
        order.channel = QStringLiteral("Shopify");
        order.status = QStringLiteral("B");
        for (const ConnectorExplanation &e :
             Explainer::explainStored(m_temp->database().connection(), order, {}))
            if (e.connector.id == m_threePlId)
                return e.toText();
        return {};
    }

    // Retry in the Inbox: what the window sends to the worker for these items.
    SyncRunSummary retry(const QList<qint64> &itemIds)
    {
        const QList<SyncRequest> requests =
            InboxActions::retryRequests(m_temp->database().connection(), itemIds);
        if (requests.size() != 1)
            return {};
        const QList<SyncRunSummary> s = run(requests.first());
        return s.isEmpty() ? SyncRunSummary{} : s.first();
    }

    QList<InboxItem> openInboxItems(qint64 connectorId)
    {
        int total = 0;
        return InboxRepository(m_temp->database().connection()).openItems(connectorId, 50, &total);
    }

    std::optional<InboxItem> inboxItem(qint64 id)
    {
        const QList<InboxItem> items = InboxRepository(m_temp->database().connection()).items({id});
        return items.isEmpty() ? std::nullopt : std::optional(items.first());
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        m_temp = std::make_unique<TempDatabase>(engine);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        QVERIFY2(m_sandbox->loadScenarioFile(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
                                                 QStringLiteral("/sandbox/scenarios/basic.json"),
                                             &error),
                 qPrintable(error));
        QVERIFY(m_sandbox->listen(0) != 0);
        m_target = demoTargetOf(*m_sandbox);
        m_shopifyId = configureDemo(m_temp->database().connection(), m_target, &error);
        QVERIFY2(m_shopifyId > 0, qPrintable(error));
        Connector threePl;
        threePl.name = QStringLiteral("Warehouse 3PL");
        threePl.kind = QStringLiteral("shipstation");
        threePl.channel = QString();
        threePl.endpoint = m_sandbox->threePlBaseUrl().toString();
        QVERIFY(ConnectorRepository(m_temp->database().connection()).save(threePl));
        m_threePlId = threePl.id;
        // Its mappings, by internal id as Mappings stores them: NetSuite's USPS Priority Mail
        // (14) is the 3PL's stamps_com service, UPS Ground (12) its ups_ground, and MUG-BLUE
        // (502) is MUG-3PL in the 3PL's catalogue.
        QVERIFY(MappingRepository(m_temp->database().connection())
                    .replace(m_threePlId, {{MappingKind::ShipMethod,
                                            QStringLiteral("14"),
                                            QStringLiteral("USPS Priority Mail"),
                                            QStringLiteral("stamps_com/usps_priority_mail"),
                                            {}},
                                           {MappingKind::ShipMethod,
                                            QStringLiteral("12"),
                                            QStringLiteral("UPS Ground"),
                                            QStringLiteral("ups/ups_ground"),
                                            {}},
                                           {MappingKind::Item,
                                            QStringLiteral("502"),
                                            QStringLiteral("MUG-BLUE"),
                                            QStringLiteral("MUG-3PL"),
                                            {}}}));
        m_credentials = demoCredentials(m_target, m_shopifyId);
        const auto c = m_sandbox->credentials();
        m_credentials.channelTokens.insert(m_threePlId, c.threePlKey + u':' + c.threePlSecret);
        // The first run sends the released orders to the 3PL.
        const SyncRunSummary first = runThreePl();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.pushed, 0);
    }

    void cleanup()
    {
        m_sandbox.reset();
        m_temp.reset();
    }

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

    // An order the 3PL will not take is a failure in the history, and is sent again on every
    // run until it is taken, although NetSuite does not change it.
    void aRefusedOrderIsTriedAgain()
    {
        // Someone cancelled SO1003 in the 3PL by hand; a second 3PL connector on the same
        // account now sends it too, and a cancelled order cannot be updated.
        const auto c = m_sandbox->credentials();
        QCOMPARE(send("POST", QStringLiteral("/shipstation/orders/createorder"),
                      QJsonObject{{QStringLiteral("orderNumber"), QStringLiteral("SO1003")},
                                  {QStringLiteral("orderKey"),
                                   ShipmentPlanner::orderKeyFor(c.accountId, 1003)},
                                  {QStringLiteral("orderDate"), QStringLiteral("2026-12-06")},
                                  {QStringLiteral("orderStatus"), QStringLiteral("cancelled")}},
                      "Basic " + (c.threePlKey + u':' + c.threePlSecret).toUtf8().toBase64())
                     .status,
                 200);
        const qint64 other = addSecondThreePl();
        const auto creates = [this] {
            return state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                          [QLatin1String("shipstation.createorders")][QLatin1String("total")]
                              .toInt();
        };
        const int before = creates();
        QCOMPARE(run(other).first().failed, 1);
        QCOMPARE(creates(), before + 1);
        const SyncAttempt failed =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(failed.outcome, SyncOutcome::Failed);
        QCOMPARE(failed.connectorId, other);
        QVERIFY2(failed.message.contains(QLatin1String("cannot be updated")),
                 qPrintable(failed.message));
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .ordersInState(other, QStringLiteral("refused")),
                 QList<qint64>{1003});
        // In the Inbox as the order's, not a fulfillment's: it has none.
        const QList<InboxItem> open = openInboxItems(other);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().subject, InboxSubject::ThreePlOrder);
        QCOMPARE(open.first().problem, InboxProblem::Failed);
        QCOMPARE(open.first().orderId, 1003);
        QCOMPARE(run(other).first().failed, 1);
        QCOMPARE(openInboxItems(other).size(), 1); // the same item, not a second
        QCOMPARE(creates(), before + 2); // read by id and sent again, though NetSuite is as it was

        // Cancelled in NetSuite too: nothing left to send, and it is no longer tried.
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1003/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("C")}})
                     .status,
                 200);
        QCOMPARE(run(other).first().failed, 0);
        QCOMPARE(run(other).first().failed, 0);
        QCOMPARE(creates(), before + 2);
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::AutoResolved);
        QVERIFY(ThreePlRepository(m_temp->database().connection())
                    .ordersInState(other, QStringLiteral("refused"))
                    .isEmpty());
    }

    // An order the 3PL cannot take as it is (half a mug) waits in the Inbox for a person, once,
    // not as a new failure on every run; nothing of it is sent.
    void anOrderThatCannotBeSentIsHeldInTheInbox()
    {
        QVERIFY(addReleasedOrder(1.5));

        for (int run = 0; run < 2; ++run) {
            const SyncRunSummary s = runThreePl();
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QVERIFY2(s.warnings.join(u' ').contains(QLatin1String("whole quantities")),
                     qPrintable(s.warnings.join(u' ')));
        }
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().subject, InboxSubject::ThreePlOrder);
        QCOMPARE(open.first().problem, InboxProblem::Held);
        QCOMPARE(open.first().orderTranId, QStringLiteral("SO1010"));
        QVERIFY2(open.first().message.contains(QLatin1String("whole quantities")),
                 qPrintable(open.first().message));
        for (const SyncAttempt &a : HistoryRepository(m_temp->database().connection()).latest(20))
            QVERIFY(a.orderTranId != u"SO1010");
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));
        // Explain does not promise the next run.
        const QString held = explainThreePl(1010);
        QVERIFY2(held.contains(QLatin1String("Held in the Inbox")) &&
                     !held.contains(QLatin1String("sent on the next run")),
                 qPrintable(held));

        // Resolved by a person, it stays resolved while the same thing stops it: the run after
        // is all synced, with no warning, and does not ask again.
        const InboxActions::Outcome resolved =
            InboxActions::resolve(m_temp->database().connection(), {open.first().id},
                                  QStringLiteral("shipped by hand"), QStringLiteral("tester"));
        QCOMPARE(resolved.resolved, 1);
        const SyncRunSummary quiet = runThreePl();
        QVERIFY2(quiet.ok(), qPrintable(quiet.error));
        QVERIFY2(quiet.warnings.isEmpty(), qPrintable(quiet.warnings.join(u' ')));
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::Resolved);
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));

        // Changed in NetSuite so that something else stops it: asked again.
        QVERIFY(addReleasedOrder(2.5));
        const SyncRunSummary changed = runThreePl();
        QCOMPARE(changed.held, 1);
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::Open);
        QVERIFY2(inboxItem(open.first().id)->message.contains(QLatin1String("2.5")),
                 qPrintable(inboxItem(open.first().id)->message));

        // Cancelled in NetSuite: nothing is left to send, nor for a person.
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1010/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("C")}})
                     .status,
                 200);
        const SyncRunSummary settled = runThreePl();
        QVERIFY2(settled.ok(), qPrintable(settled.error));
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::AutoResolved);
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));
    }

    // A dry run reads and plans both legs and lists every request, or why none would go; it
    // sends and writes nothing, so the real run after it does all of it.
    void aDryRunListsBothLegsAndChangesNothing()
    {
        // Half of SO1003 fulfilled by hand, then the 3PL ships all of it in two parts: the
        // first can go, the second would over-fulfil.
        QCOMPARE(fulfilByHand(2).status, 201);
        ship(1003, QStringLiteral("9400100000000000000018"), QJsonArray{item("1", "MUG-BLUE", 2)});
        ship(1003, QStringLiteral("9400100000000000000019"), QJsonArray{item("1", "MUG-BLUE", 2)});
        const int historyBefore =
            int(HistoryRepository(m_temp->database().connection()).latest(100).size());
        SyncRequest dry;
        dry.connectorId = m_threePlId;
        dry.dryRun = true;
        const QList<SyncRunSummary> s = run(dry);
        QCOMPARE(s.size(), 1);
        QVERIFY2(s.first().error.isEmpty(), qPrintable(s.first().error));
        QVERIFY(s.first().dryRun);
        QCOMPARE(m_planned.size(), 2);
        QCOMPARE(m_planned[0].orderTranId, QStringLiteral("SO1003"));
        QVERIFY(
            m_planned[0].url.endsWith(QLatin1String("salesOrder/1003/!transform/itemFulfillment")));
        QVERIFY2(m_planned[0].problem.isEmpty(), qPrintable(m_planned[0].problem));
        QVERIFY(m_planned[0].body.contains(QLatin1String("\"quantity\":2")));
        QVERIFY2(m_planned[1].problem.contains(QLatin1String("would be held")),
                 qPrintable(m_planned[1].problem));
        // Nothing sent, nothing written.
        QCOMPARE(fulfillmentsOf(1003).size(), 1); // the person's
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .entriesOfOrder(m_threePlId, 1003)
                     .size(),
                 0);
        QVERIFY(openInboxItems(m_threePlId).isEmpty());
        QCOMPARE(int(HistoryRepository(m_temp->database().connection()).latest(100).size()),
                 historyBefore);
        // Asked about another order only: nothing of SO1003 is listed.
        SyncRequest other = dry;
        other.orderIds = {1002};
        QCOMPARE(run(other).size(), 1);
        QVERIFY(m_planned.isEmpty());
        const SyncRunSummary real = runThreePl();
        QCOMPARE(real.pushed, 1);
        QCOMPARE(real.held, 1);

        // Orders out: a new released order is listed, not sent; the real run sends it.
        QVERIFY(addReleasedOrder(2));
        QCOMPARE(run(dry).size(), 1);
        QCOMPARE(m_planned.size(), 1);
        QCOMPARE(m_planned.first().orderTranId, QStringLiteral("SO1010"));
        QVERIFY(m_planned.first().url.endsWith(QLatin1String("/orders/createorders")));
        QVERIFY(m_planned.first().body.contains(QLatin1String("ns-1234567_SB1-1010")));
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));
        runThreePl();
        QVERIFY(threePlHasOrder(QStringLiteral("SO1010")));
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

    // The transform is stored, then its answer is lost: the same pass reads it back by its
    // external id and never sends it twice. One that stays unconfirmed is in the Inbox and waits
    // (runs right after it leave it alone) until its wait is over or a person retries it.
    void aLostAnswerIsReadBackNotResent_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("passesToCreate");
        // Committed, then 502: found at once by the read-back.
        QTest::newRow("commit then 502")
            << QJsonObject{{QStringLiteral("match"), QStringLiteral("netsuite.record.transform")},
                           {QStringLiteral("status"), 502},
                           {QStringLiteral("commitThenFail"), true}}
            << 1;
        // Committed, then an answer that is not JSON at all.
        QTest::newRow("commit then html")
            << QJsonObject{{QStringLiteral("match"), QStringLiteral("netsuite.record.transform")},
                           {QStringLiteral("status"), 400},
                           {QStringLiteral("corrupt"), QStringLiteral("html")}}
            << 1;
        // Never acted on, never answered (the client gives up): absent on read-back, sent
        // again only after reading back once more. (A dropped connection is
        // not used: Qt's HTTP client sends a request again by itself when the connection closes
        // before any answer, so that case would test Qt.)
        QTest::newRow("hung") << QJsonObject{{QStringLiteral("match"),
                                              QStringLiteral("netsuite.record.transform")},
                                             {QStringLiteral("hang"), true}}
                              << 2;
    }

    void aLostAnswerIsReadBackNotResent()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, passesToCreate);
        this->fault(fault);
        ship(1003, QStringLiteral("9400100000000000000003"), QJsonArray{item("1", "MUG-BLUE", 4)});
        SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.pushed, passesToCreate == 1 ? 1 : 0);
        QCOMPARE(fulfillmentsOf(1003).size(), passesToCreate == 1 ? 1 : 0);
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), passesToCreate == 1 ? 0 : 1);
        if (passesToCreate > 1) {
            QCOMPARE(open.first().subject, InboxSubject::ThreePlShipment);
            QCOMPARE(open.first().problem, InboxProblem::Failed);
            QVERIFY2(open.first().fulfillmentTranId.startsWith(QLatin1String("Shipment ")),
                     qPrintable(open.first().fulfillmentTranId));
            // A run right after it leaves it to its wait: no read-back, no second transform.
            const int before = s.netSuiteRequests;
            s = runThreePl();
            QCOMPARE(s.pushed, 0);
            QCOMPARE(s.deferred, 1); // still waiting: not "all synced" (exit code 1)
            QVERIFY(!s.ok());
            QVERIFY2(s.netSuiteRequests < before, qPrintable(QString::number(s.netSuiteRequests)));
            QCOMPARE(ThreePlRepository(m_temp->database().connection())
                         .entry(m_threePlId, open.first().subjectKey)
                         ->tries,
                     1);
            // Explain (the order pane's and `fulfillsync-worker explain`'s) says so, and what
            // cuts the wait, for the 3PL connector beside the channel's.
            const QString explained = explainThreePl(1003);
            QVERIFY2(explained.contains(QLatin1String("did not confirm")) &&
                         explained.contains(QLatin1String("Retry in the Inbox does it now")),
                     qPrintable(explained));
            // Retry in the Inbox reads it back at once, then sends it, once.
            s = retry({open.first().id});
            QCOMPARE(s.trigger, SyncTrigger::Resync);
            QCOMPARE(s.pushed, 1);
            QCOMPARE(inboxItem(open.first().id)->state, InboxState::AutoResolved);
        }
        s = runThreePl();
        QCOMPARE(s.pushed, 0);
        QVERIFY2(s.ok(), qPrintable(s.error));
        s = runThreePl();
        QCOMPARE(s.pushed, 0);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
        const QJsonObject counts =
            state()[QLatin1String("requests")][QLatin1String("byEndpoint")].toObject();
        QCOMPARE(counts[QLatin1String("netsuite.record.transform")][QLatin1String("total")].toInt(),
                 passesToCreate);
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countInState(m_threePlId, ThreePlState::Created),
                 1);
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

    // A held shipment in the Inbox: resolved, it stays held (the person dealt with it, nothing
    // is created for it); retried after the fix, it is planned again and created once.
    void aHeldShipmentIsResolvedOrRetriedFromTheInbox()
    {
        // Fulfilled by hand in NetSuite meanwhile: the 3PL's shipment of it is held.
        QCOMPARE(fulfilByHand(4).status, 201);
        ship(1003, QStringLiteral("9400100000000000000014"), QJsonArray{item("1", "MUG-BLUE", 1)});
        QCOMPARE(runThreePl().held, 1);
        QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        const qint64 itemId = open.first().id;
        InboxActions::Outcome outcome = InboxActions::resolve(
            m_temp->database().connection(), {itemId}, QStringLiteral("entered by hand"), "admin");
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.resolved, 1);
        QCOMPARE(inboxItem(itemId)->state, InboxState::Resolved);
        const SyncAttempt said =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QVERIFY2(said.message.contains(QLatin1String("stays held")), qPrintable(said.message));
        QCOMPARE(runThreePl().pushed, 0);
        QCOMPARE(fulfillmentsOf(1003).size(), 1); // only the person's
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countInState(m_threePlId, ThreePlState::Held),
                 1);

        // Retried, unfixed: read and planned again, held again, the same item open again.
        const SyncRunSummary again = retry({itemId});
        QCOMPARE(again.trigger, SyncTrigger::Resync);
        QCOMPARE(again.held, 1);
        QCOMPARE(inboxItem(itemId)->state, InboxState::Open);
        QCOMPARE(openInboxItems(m_threePlId).size(), 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
    }

    // The 3PL voids a label after its item fulfillment was made: flagged for a person once,
    // nothing undone by itself.
    void aVoidedLabelIsFlaggedOnce()
    {
        ship(1003, QStringLiteral("9400100000000000000012"), QJsonArray{item("1", "MUG-BLUE", 4)});
        QCOMPARE(runThreePl().pushed, 1);
        const QString shipment =
            QString::number(state()[QLatin1String("threePl")][QLatin1String("shipments")][0]
                                   [QLatin1String("shipmentId")]
                                       .toInteger());
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/3pl/void"),
                      QJsonObject{{QStringLiteral("shipmentId"), shipment.toLongLong()}})
                     .status,
                 200);
        SyncRunSummary s = runThreePl();
        QCOMPARE(s.held, 1);
        const SyncAttempt flagged =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(flagged.outcome, SyncOutcome::Held);
        QCOMPARE(flagged.errorClass, ErrorClass::Conflict);
        QVERIFY2(flagged.message.contains(QLatin1String("voided the label")),
                 qPrintable(flagged.message));
        QCOMPARE(
            ThreePlRepository(m_temp->database().connection()).entry(m_threePlId, shipment)->state,
            ThreePlState::Flagged);
        QCOMPARE(runThreePl().held, 0); // once
        const QList<QJsonObject> fulfillments = fulfillmentsOf(1003);
        QCOMPARE(fulfillments.size(), 1);
        QCOMPARE(fulfillments.first()[QLatin1String("void")].toBool(), false); // not undone

        // In the Inbox, flagged; resolved with a reason, it stays flagged in the outbox and is
        // not flagged again.
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().problem, InboxProblem::Flagged);
        QCOMPARE(open.first().subjectKey, shipment);
        QVERIFY(InboxActions::retryRequests(m_temp->database().connection(), {open.first().id})
                    .isEmpty());
        const InboxActions::Outcome outcome =
            InboxActions::resolve(m_temp->database().connection(), {open.first().id},
                                  QStringLiteral("reshipped with a new label"), "admin");
        QCOMPARE(outcome.resolved, 1);
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::Resolved);
        QCOMPARE(runThreePl().held, 0);
        QVERIFY(openInboxItems(m_threePlId).isEmpty());
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
        QElapsedTimer clock;
        clock.start();
        QHash<qint64, qint64> finishedAfterMs;
        QList<SyncRunSummary> summaries;
        connect(&worker, &SyncWorker::passFinished, this, [&](const SyncRunSummary &s) {
            finishedAfterMs.insert(s.connectorId, clock.elapsed());
            summaries << s;
        });
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
        QVERIFY2(finishedAfterMs.value(m_shopifyId) < 2500,
                 qPrintable(QString::number(finishedAfterMs.value(m_shopifyId))));
        QVERIFY(finishedAfterMs.value(m_threePlId) >= 3000); // it did wait for its timeout
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
