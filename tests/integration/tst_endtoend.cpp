// End to end over real loopback HTTP: the sandbox serves basic.json, a pass runs, and the
// sandbox's own state says exactly what reached Shopify. Runs on SQLite and on PostgreSQL.

#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/mappinghistory.h"
#include "models/storage/mappingrepository.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/engine/syncworker.h"
#include "testutils/scenariobuilder.h"
#include "testutils/tempdatabase.h"

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

namespace {

struct ChannelFulfillment
{
    QMap<qint64, double> lines; // channel line item id → quantity
    QStringList trackingNumbers;
    QString company;
};

// Counts the channel requests open at the same time.
class CountingNetwork final : public QNetworkAccessManager
{
public:
    int open = 0;
    int mostOpen = 0;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *data) override
    {
        QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, data);
        if (request.url().path().contains(QLatin1String("/admin/api/"))) {
            mostOpen = std::max(mostOpen, ++open);
            connect(reply, &QNetworkReply::finished, this, [this] { --open; });
        }
        return reply;
    }
};

QJsonArray appended(QJsonArray array, const QJsonObject &value)
{
    array.append(value);
    return array;
}

// basic.json plus a kit: GIFT-SET (600) = 1 × TSHIRT-RED-M + 2 × MUG-BLUE, sold twice on
// SO1006, which the channel lists as its member lines (Shopify order 5006), and shipped.
QJsonObject basicWithKitOrder()
{
    QFile file(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
               QStringLiteral("/sandbox/scenarios/basic.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject s = QJsonDocument::fromJson(file.readAll()).object();
    const auto line = [](int line, int item, int quantity) {
        return QJsonObject{{QStringLiteral("line"), line},
                           {QStringLiteral("item"), item},
                           {QStringLiteral("quantity"), quantity},
                           {QStringLiteral("location"), 1}};
    };
    QJsonObject ns = s[QLatin1String("netsuite")].toObject();
    ns.insert(QStringLiteral("items"),
              appended(ns[QLatin1String("items")].toArray(),
                       QJsonObject{{QStringLiteral("id"), 600},
                                   {QStringLiteral("itemId"), QStringLiteral("GIFT-SET")},
                                   {QStringLiteral("type"), QStringLiteral("Kit")},
                                   {QStringLiteral("members"),
                                    QJsonArray{QJsonObject{{QStringLiteral("item"), 501},
                                                           {QStringLiteral("quantity"), 1}},
                                               QJsonObject{{QStringLiteral("item"), 502},
                                                           {QStringLiteral("quantity"), 2}}}}}));
    ns.insert(QStringLiteral("salesOrders"),
              appended(ns[QLatin1String("salesOrders")].toArray(),
                       QJsonObject{{QStringLiteral("id"), 1006},
                                   {QStringLiteral("tranId"), QStringLiteral("SO1006")},
                                   {QStringLiteral("tranDate"), QStringLiteral("2026-11-18")},
                                   {QStringLiteral("customer"), 77},
                                   {QStringLiteral("channel"), QStringLiteral("Shopify")},
                                   {QStringLiteral("channelOrder"), QStringLiteral("5006")},
                                   {QStringLiteral("shipMethod"), 12},
                                   {QStringLiteral("lines"), QJsonArray{line(1, 600, 2)}}}));
    ns.insert(QStringLiteral("itemFulfillments"),
              appended(ns[QLatin1String("itemFulfillments")].toArray(),
                       QJsonObject{
                           {QStringLiteral("id"), 2006},
                           {QStringLiteral("tranId"), QStringLiteral("IF2006")},
                           {QStringLiteral("createdFrom"), 1006},
                           {QStringLiteral("tranDate"), QStringLiteral("2026-11-19")},
                           {QStringLiteral("shipStatus"), QStringLiteral("C")},
                           {QStringLiteral("shipMethod"), 12},
                           {QStringLiteral("lastModified"), QStringLiteral("2026-11-19T17:00:00Z")},
                           {QStringLiteral("lines"),
                            QJsonArray{QJsonObject{{QStringLiteral("orderLine"), 1},
                                                   {QStringLiteral("item"), 600},
                                                   {QStringLiteral("quantity"), 2},
                                                   {QStringLiteral("location"), 1}}}},
                           {QStringLiteral("packages"),
                            QJsonArray{QJsonObject{
                                {QStringLiteral("trackingNumber"), QStringLiteral("KIT-1")}}}}}));
    s.insert(QStringLiteral("netsuite"), ns);
    QJsonArray channels = s[QLatin1String("channels")].toArray();
    QJsonObject shop = channels.at(0).toObject();
    const auto lineItem = [](int id, const char *sku, int quantity) {
        return QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("sku"), QLatin1String(sku)},
                           {QStringLiteral("quantity"), quantity}};
    };
    shop.insert(QStringLiteral("orders"),
                appended(shop[QLatin1String("orders")].toArray(),
                         QJsonObject{{QStringLiteral("id"), 5006},
                                     {QStringLiteral("name"), QStringLiteral("#1006")},
                                     {QStringLiteral("locationId"), 7001},
                                     {QStringLiteral("lineItems"),
                                      QJsonArray{lineItem(9061, "TSHIRT-RED-M", 2),
                                                 lineItem(9062, "MUG-BLUE", 4)}}}));
    channels.replace(0, shop);
    s.insert(QStringLiteral("channels"), channels);
    return s;
}

} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_network;
    DemoTarget m_target;
    qint64 m_connectorId = 0;

    QJsonObject fetchState()
    {
        QNetworkReply *reply = m_network.get(QNetworkRequest(
            m_sandbox->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/state")))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return {};
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    // channel order id → its fulfillments, read from /_sandbox/state
    QMap<qint64, QList<ChannelFulfillment>> channelFulfillments()
    {
        QMap<qint64, QList<ChannelFulfillment>> result;
        const QJsonObject state = fetchState();
        for (const QJsonValue &channel : state.value(QLatin1String("channels")).toArray()) {
            for (const QJsonValue &orderValue :
                 channel.toObject().value(QLatin1String("orders")).toArray()) {
                const QJsonObject order = orderValue.toObject();
                QList<ChannelFulfillment> list;
                for (const QJsonValue &fv : order.value(QLatin1String("fulfillments")).toArray()) {
                    const QJsonObject f = fv.toObject();
                    ChannelFulfillment cf;
                    for (const QJsonValue &li : f.value(QLatin1String("lineItems")).toArray())
                        cf.lines[li[QLatin1String("lineItemId")].toVariant().toLongLong()] +=
                            li[QLatin1String("quantity")].toDouble();
                    for (const QJsonValue &n : f.value(QLatin1String("trackingNumbers")).toArray())
                        cf.trackingNumbers << n.toString();
                    cf.company = f.value(QLatin1String("trackingCompany")).toString();
                    list << cf;
                }
                result.insert(order.value(QLatin1String("id")).toVariant().toLongLong(), list);
            }
        }
        return result;
    }

    // What the sandbox counted: fulfillment creates it received, whatever their answer.
    int createRequests()
    {
        const QJsonObject byEndpoint =
            fetchState()[QStringLiteral("requests")][QStringLiteral("byEndpoint")].toObject();
        return byEndpoint[QStringLiteral("shopify.graphql.fulfillmentCreate")]
                         [QStringLiteral("total")]
                             .toInt() +
               byEndpoint[QStringLiteral("shopify.fulfillments.post")][QStringLiteral("total")]
                   .toInt();
    }

    // A control request to the sandbox; its HTTP status (0: no answer).
    int control(const QByteArray &verb, const QString &path, const QJsonObject &body)
    {
        QNetworkRequest request(m_sandbox->baseUrl().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply =
            m_network.sendCustomRequest(request, verb, QJsonDocument(body).toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        const bool answered = done.wait(5000);
        reply->deleteLater();
        return answered ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    }

    // The sandbox serves `orders` generated shipped orders instead of basic.json; the
    // connector is configured for them. Returns how many fulfillments are shipped.
    int serveShippedOrders(int orders)
    {
        int shipped = 0;
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        if (!m_sandbox->loadScenario(
                test::shippedOrdersScenario(orders, QStringLiteral("unlimited"), &shipped),
                &error) ||
            m_sandbox->listen(0) == 0)
            return -1;
        m_target = demoTargetOf(*m_sandbox);
        // Another catalogue than basic.json's under the same item ids: its own mappings.
        if (!MappingRepository(m_temp->database().connection()).replace(m_connectorId, {}) ||
            configureDemo(m_temp->database().connection(), m_target, &error) != m_connectorId)
            return -1;
        return shipped;
    }

    SyncRequest firstPassRequest() const
    {
        SyncRequest request;
        request.connectorId = m_connectorId;
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        return request;
    }

    SyncRunSummary runPass(const SyncCredentials &credentials)
    {
        SyncWorker worker(m_temp->database());
        worker.setCredentials(credentials);
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        worker.run(firstPassRequest());
        if (!QTest::qWaitFor([&] { return idle.count() > 0; }, 60000))
            return {};
        return finished.isEmpty() ? SyncRunSummary{}
                                  : finished.first().first().value<SyncRunSummary>();
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
        m_connectorId = configureDemo(m_temp->database().connection(), m_target, &error);
        QVERIFY2(m_connectorId > 0, qPrintable(error));
    }

    void cleanup()
    {
        m_sandbox.reset();
        m_temp.reset();
    }

    void exactlyTheShippedFulfillmentsArriveOnce()
    {
        const SyncRunSummary first = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.pushed, 3);
        QCOMPARE(first.failed, 0);
        QCOMPARE(first.held, 0);

        auto channel = channelFulfillments();
        // SO1001: fully shipped in IF2001, one package.
        QCOMPARE(channel.value(5001).size(), 1);
        const ChannelFulfillment f1 = channel.value(5001).first();
        QCOMPARE(f1.lines, (QMap<qint64, double>{{9001, 2}, {9002, 1}}));
        QCOMPARE(f1.trackingNumbers, QStringList{QStringLiteral("1Z999AA10123456784")});
        QCOMPARE(f1.company, QStringLiteral("UPS"));
        // SO1002: IF2002 (shipped by the 3PL) arrives; IF2003 is only picked.
        QCOMPARE(channel.value(5002).size(), 1);
        QCOMPARE(channel.value(5002).first().lines, (QMap<qint64, double>{{9003, 2}}));
        QCOMPARE(channel.value(5002).first().trackingNumbers,
                 QStringList{QStringLiteral("794698727210")});
        QCOMPARE(channel.value(5002).first().company, QStringLiteral("FedEx"));
        // SO1003 unshipped, SO1004 cancelled: nothing.
        QVERIFY(channel.value(5003).isEmpty());
        QVERIFY(channel.value(5004).isEmpty());
        // SO1005: two packages → both tracking numbers on one fulfillment.
        QCOMPARE(channel.value(5005).size(), 1);
        QCOMPARE(channel.value(5005).first().lines, (QMap<qint64, double>{{9007, 1}, {9008, 2}}));
        QStringList numbers = channel.value(5005).first().trackingNumbers;
        numbers.sort();
        QCOMPARE(numbers, (QStringList{QStringLiteral("1Z999AA10123456785"),
                                       QStringLiteral("1Z999AA10123456786")}));

        LedgerRepository ledger(m_temp->database().connection());
        QCOMPARE(ledger.countInState(LedgerState::Pushed), 3);
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 3);

        const int createsAfterFirst = createRequests();
        QCOMPARE(createsAfterFirst, 3);
        // A second pass over unchanged data sends nothing and costs one NetSuite request: the
        // probe finds NetSuite's digest of the window equal to what the first pass read.
        const SyncRunSummary second = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        QCOMPARE(second.pushed, 0);
        QCOMPARE(second.failed, 0);
        QVERIFY(second.idle);
        QCOMPARE(second.netSuiteRequests, 1);
        QCOMPARE(second.channelRequests, 0);
        // A fulfillment NetSuite changes afterwards makes the next pass (a while later) read
        // again.
        QCOMPARE(control("PATCH", QStringLiteral("/_sandbox/netsuite/itemFulfillments/2003"),
                         {{QStringLiteral("shipStatus"), QStringLiteral("C")}}),
                 200);
        QCOMPARE(control("POST", QStringLiteral("/_sandbox/clock"),
                         {{QStringLiteral("advanceSeconds"), 30}}),
                 200);
        const SyncRunSummary third = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY(!third.idle);
        QCOMPARE(third.pushed, 1);
        QCOMPARE(createRequests(), createsAfterFirst + 1);
        // A pass that reads costs the probe, the orders and the fulfillments, and no closing
        // probe: the local copy's digest of the window is what the next pass compares with.
        QCOMPARE(third.netSuiteRequests, 3);
        const SyncRunSummary fourth = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY(fourth.idle);
        QCOMPARE(fourth.netSuiteRequests, 1);

        // A change committed late, stamped inside the window already read (NetSuite's time is
        // when a save begins): NetSuite's count of the window differs from the local copy's,
        // so the window is read whole and the fulfillment arrives.
        QCOMPARE(control("POST", QStringLiteral("/_sandbox/clock"),
                         {{QStringLiteral("advanceSeconds"), -120}}),
                 200);
        QCOMPARE(control("POST", QStringLiteral("/_sandbox/netsuite/itemFulfillments"),
                         {{QStringLiteral("createdFrom"), 1003},
                          {QStringLiteral("tranDate"), QStringLiteral("2026-11-20")},
                          {QStringLiteral("shipStatus"), QStringLiteral("C")},
                          {QStringLiteral("lines"),
                           QJsonArray{QJsonObject{{QStringLiteral("orderLine"), 1},
                                                  {QStringLiteral("quantity"), 4}}}},
                          {QStringLiteral("packages"),
                           QJsonArray{QJsonObject{
                               {QStringLiteral("trackingNumber"), QStringLiteral("9400111")}}}}}),
                 201);
        QCOMPARE(control("POST", QStringLiteral("/_sandbox/clock"),
                         {{QStringLiteral("advanceSeconds"), 120}}),
                 200);
        const SyncRunSummary late = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY2(late.error.isEmpty(), qPrintable(late.error));
        QCOMPARE(late.pushed, 1);
        QCOMPARE(channelFulfillments().value(5003).size(), 1);
        QVERIFY(runPass(demoCredentials(m_target, m_connectorId)).idle);

        // A busy pass reads what changed from the watermark on, not the whole overlap window
        // again: IF2001 changed; IF2003 and the late fulfillment of SO1003, settled before the
        // watermark, are not read again.
        QCOMPARE(control("PATCH", QStringLiteral("/_sandbox/netsuite/itemFulfillments/2001"),
                         {{QStringLiteral("tranDate"), QStringLiteral("2026-11-19")}}),
                 200);
        const SyncRunSummary busy = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY2(busy.error.isEmpty(), qPrintable(busy.error));
        QCOMPARE(busy.pushed, 0);
        QCOMPARE(busy.detectedFulfillments, 1);

        channel = channelFulfillments();
        int total = 0;
        for (const auto &list : std::as_const(channel))
            total += int(list.size());
        QCOMPARE(total, 5);
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 5);
    }

    // NetSuite stamps lastmodifieddate to the second. A fulfillment read as Picked and set to
    // Shipped within that same second keeps its count, id and time: no digest tells the two
    // apart. It is pushed by the next pass all the same, and the passes after it are idle again.
    void aChangeInTheSecondOfTheReadIsPushed()
    {
        const auto pass = [this] {
            return runPass(demoCredentials(m_target, m_connectorId));
        };
        QCOMPARE(pass().pushed, 3);
        QVERIFY(pass().idle);
        const QString second = QStringLiteral("2026-11-20T13:00:00Z"); // an hour on
        const auto atThatSecond = [&] {
            return control("POST", QStringLiteral("/_sandbox/clock"),
                           {{QStringLiteral("now"), second}});
        };
        const auto shipStatus = [this](const char *status) {
            return control("PATCH", QStringLiteral("/_sandbox/netsuite/itemFulfillments/2003"),
                           {{QStringLiteral("shipStatus"), QLatin1String(status)}});
        };
        QCOMPARE(atThatSecond(), 200);
        QCOMPARE(shipStatus("A"), 200); // picked again, in that second
        const SyncRunSummary picked = pass();
        QVERIFY2(picked.error.isEmpty(), qPrintable(picked.error));
        QCOMPARE(picked.pushed, 0);
        QCOMPARE(atThatSecond(), 200); // still the second the pass read in
        QCOMPARE(shipStatus("C"), 200);
        const SyncRunSummary shipped = pass();
        QVERIFY2(shipped.error.isEmpty(), qPrintable(shipped.error));
        QCOMPARE(shipped.pushed, 1);
        QCOMPARE(channelFulfillments().value(5002).size(), 2);
        // Once NetSuite's clock is past that second, nothing there is unsettled: idle, one request.
        QCOMPARE(control("POST", QStringLiteral("/_sandbox/clock"),
                         {{QStringLiteral("advanceSeconds"), 10}}),
                 200);
        const SyncRunSummary settled = pass();
        QCOMPARE(settled.pushed, 0);
        QVERIFY(pass().idle);
        QCOMPARE(pass().netSuiteRequests, 1);
    }

    // The connector's kit rule, location mapping and a custom field, against the sandbox.
    void kitMembersLocationsAndCustomFieldsReachTheChannel()
    {
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        const QJsonObject scenario = basicWithKitOrder();
        QVERIFY(!scenario.isEmpty());
        QVERIFY2(m_sandbox->loadScenario(scenario, &error), qPrintable(error));
        QVERIFY(m_sandbox->listen(0) != 0);
        m_target = demoTargetOf(*m_sandbox);
        QCOMPARE(configureDemo(m_temp->database().connection(), m_target, &error), m_connectorId);
        ConnectorRepository connectors(m_temp->database().connection());
        Connector connector = *connectors.byId(m_connectorId);
        connector.kitRule = KitRule::Members;
        QVERIFY(connectors.save(connector));
        MappingRepository mappings(m_temp->database().connection());
        QVERIFY(mappings.upsert(m_connectorId, {MappingKind::Location,
                                                QStringLiteral("1"),
                                                QStringLiteral("Main Warehouse"),
                                                QStringLiteral("7001"),
                                                {}}));
        QVERIFY(mappings.upsert(m_connectorId,
                                {MappingKind::CustomField, QStringLiteral("trackingInfo.company"),
                                 QStringLiteral("fulfillment.shipMethod"), QStringLiteral("lookup"),
                                 QStringLiteral("UPS Ground=UPS; *=Other")}));

        const SyncRunSummary summary = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.failed, 0);
        QCOMPARE(summary.held, 0);
        QCOMPARE(summary.pushed, 4);
        const auto channel = channelFulfillments();
        QCOMPARE(channel.value(5006).size(), 1);
        // Two kits shipped: 2 × 1 shirt and 2 × 2 mugs, as the channel lists them.
        QCOMPARE(channel.value(5006).first().lines, (QMap<qint64, double>{{9061, 2}, {9062, 4}}));
        QCOMPARE(channel.value(5006).first().trackingNumbers, QStringList{QStringLiteral("KIT-1")});
        QCOMPARE(channel.value(5006).first().company, QStringLiteral("UPS"));
        QCOMPARE(channel.value(5002).first().company, QStringLiteral("Other")); // FedEx 2Day
        // Every attempt names the mapping version it was built with.
        const qint64 version =
            MappingHistoryRepository(m_temp->database().connection()).version(m_connectorId);
        QVERIFY(version > 0);
        for (const SyncAttempt &a : HistoryRepository(m_temp->database().connection()).latest(10))
            QCOMPARE(a.mappingVersion, version);
    }

    // Several jobs in flight (the pass's limit, 4), all arriving exactly once.
    void severalJobsRunSideBySide()
    {
        const int shipped = serveShippedOrders(60);
        QVERIFY(shipped > 0);

        CountingNetwork *network = nullptr;
        SyncWorker worker(m_temp->database());
        worker.setNetworkFactory([&network](QObject *parent) {
            network = new CountingNetwork;
            network->setParent(parent);
            return network;
        });
        worker.setCredentials(demoCredentials(m_target, m_connectorId));
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        worker.run(firstPassRequest());
        QVERIFY(QTest::qWaitFor([&] { return idle.count() > 0; }, 60000));
        const auto summary = finished.first().first().value<SyncRunSummary>();
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QVERIFY2(summary.pushed == shipped,
                 qPrintable(QStringLiteral("pushed %1 of %2, held %3, failed %4, idle %5")
                                .arg(summary.pushed)
                                .arg(shipped)
                                .arg(summary.held)
                                .arg(summary.failed)
                                .arg(summary.idle)));
        QVERIFY(network);
        QVERIFY2(network->mostOpen > 1, "the jobs ran one at a time");
        // Up to four creates at once, plus the batched reads planning them.
        QVERIFY2(network->mostOpen <= 6, qPrintable(QString::number(network->mostOpen)));
        // One read serves several orders: well under two requests per fulfillment.
        QVERIFY2(summary.channelRequests <= shipped * 6 / 5,
                 qPrintable(QStringLiteral("%1 channel requests for %2 fulfillments")
                                .arg(summary.channelRequests)
                                .arg(shipped)));
        int total = 0;
        for (const auto &list : channelFulfillments())
            total += int(list.size());
        QCOMPARE(total, shipped);
        QCOMPARE(createRequests(), shipped);
    }

    // The intents of a whole planning read are written in one synced commit, before any of
    // their sends may leave. A pass cancelled meanwhile deletes the intents of what never left
    // (those are no unknowns) and keeps those of the creates that did.
    void aCancelledPassKeepsOnlyTheIntentsOfWhatLeft()
    {
        QVERIFY(serveShippedOrders(40) > 0);
        // Every create hangs: the four send slots fill and stay full.
        QCOMPARE(
            control("POST", QStringLiteral("/_sandbox/faults"),
                    {{QStringLiteral("match"), QStringLiteral("shopify.graphql.fulfillmentCreate")},
                     {QStringLiteral("hang"), true},
                     {QStringLiteral("count"), 1000}}),
            201);

        SyncWorker worker(m_temp->database());
        worker.setCredentials(demoCredentials(m_target, m_connectorId));
        QSignalSpy finished(&worker, &SyncWorker::passFinished);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        worker.run(firstPassRequest());
        LedgerRepository ledger(m_temp->database().connection());
        QVERIFY(QTest::qWaitFor(
            [&] { return createRequests() >= 4 && ledger.countInState(LedgerState::Pending) > 4; },
            30000));
        worker.cancel();
        QVERIFY(QTest::qWaitFor([&] { return idle.count() > 0; }, 30000));
        QVERIFY(finished.first().first().value<SyncRunSummary>().cancelled);
        const int sent = createRequests();
        QCOMPARE(sent, 4);
        QCOMPARE(ledger.countInState(LedgerState::Pending) +
                     ledger.countInState(LedgerState::Ambiguous),
                 sent);
    }

    // Two workers on one database (two machines of a team) start the same connector at once:
    // one runs it, the other skips it without failing anything, nothing arrives twice.
    void twoWorkersNeverRunOneConnectorTogether()
    {
        SyncWorker first(m_temp->database());
        SyncWorker second(m_temp->database());
        QList<SyncRunSummary> summaries;
        int idle = 0;
        for (SyncWorker *worker : {&first, &second}) {
            worker->setCredentials(demoCredentials(m_target, m_connectorId));
            connect(worker, &SyncWorker::passFinished, this,
                    [&summaries](const SyncRunSummary &s) { summaries << s; });
            connect(worker, &SyncWorker::idle, this, [&idle] { ++idle; });
        }
        const SyncRequest request = firstPassRequest();
        first.run(request);
        second.run(request);
        QVERIFY(QTest::qWaitFor([&] { return idle >= 2; }, 60000));
        QCOMPARE(summaries.size(), 2);
        const auto ran = std::find_if(summaries.cbegin(), summaries.cend(),
                                      [](const SyncRunSummary &s) { return s.skipped.isEmpty(); });
        const auto skipped =
            std::find_if(summaries.cbegin(), summaries.cend(),
                         [](const SyncRunSummary &s) { return !s.skipped.isEmpty(); });
        QVERIFY(ran != summaries.cend() && skipped != summaries.cend());
        QVERIFY2(ran->error.isEmpty(), qPrintable(ran->error));
        QCOMPARE(ran->pushed, 3);
        QVERIFY(skipped->error.isEmpty());
        QVERIFY(skipped->skipped.contains(QStringLiteral("another fulfillsync worker")));
        QCOMPARE(createRequests(), 3);
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 3);
        // The lease stays with the worker that ran it while it lives (its heartbeat renews it);
        // a person's run in the other worker borrows it while no pass of it is under way.
        summaries.clear();
        idle = 0;
        second.run(request);
        QVERIFY(QTest::qWaitFor([&] { return idle >= 1; }, 60000));
        QCOMPARE(summaries.size(), 1);
        QVERIFY2(summaries.first().skipped.isEmpty(), qPrintable(summaries.first().skipped));
        QCOMPARE(summaries.first().pushed, 0);
        first.shutdown();
        second.shutdown();
    }

    void wrongCredentialsFailClearlyAndSendNothing()
    {
        SyncCredentials credentials = demoCredentials(m_target, m_connectorId);
        credentials.netsuite.tokenSecret = QStringLiteral("wrong");
        const SyncRunSummary summary = runPass(credentials);
        QVERIFY(summary.error.contains(QStringLiteral("refused the login")));
        QCOMPARE(summary.pushed, 0);
        for (const auto &list : channelFulfillments())
            QVERIFY(list.isEmpty());
    }

    void wrongShopTokenFailsPerFulfillment()
    {
        SyncCredentials credentials = demoCredentials(m_target, m_connectorId);
        credentials.channelTokens[m_connectorId] = QStringLiteral("shpat_wrong");
        const SyncRunSummary summary = runPass(credentials);
        QVERIFY(summary.error.isEmpty());
        QCOMPARE(summary.pushed, 0);
        QCOMPARE(summary.failed, 3);
        const auto attempts = HistoryRepository(m_temp->database().connection()).latest(10);
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.first().errorClass, ErrorClass::Auth);
        QVERIFY(
            !attempts.first().message.contains(QStringLiteral("shpat"))); // no secrets in history
    }

    void deadServerIsOneClearError()
    {
        const quint16 port = m_sandbox->baseUrl().port();
        m_sandbox.reset(); // nothing listens there any more
        const SyncRunSummary summary = runPass(demoCredentials(m_target, m_connectorId));
        QVERIFY2(summary.error.contains(QStringLiteral("cannot be reached")),
                 qPrintable(summary.error));
        QVERIFY(port != 0);
    }
};

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
