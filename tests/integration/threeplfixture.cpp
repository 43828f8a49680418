#include "threeplfixture.h"

#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/mappingrepository.h"
#include "sync/engine/explainer.h"
#include "sync/engine/inboxactions.h"
#include "sync/engine/syncworker.h"
#include "sync/threepl/shipmentplanner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

ThreePlFixture::ThreePlFixture(QObject *parent)
    : QObject(parent)
{}

ThreePlFixture::~ThreePlFixture() = default;

void ThreePlFixture::setUp()
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

void ThreePlFixture::tearDown()
{
    m_sandbox.reset();
    m_temp.reset();
}

ThreePlFixture::Answer ThreePlFixture::send(const QByteArray &verb, const QString &path,
                                            const QJsonObject &body,
                                            const QByteArray &authorization)
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

QJsonObject ThreePlFixture::state()
{
    return send("GET", QStringLiteral("/_sandbox/state"), {}).json;
}

QJsonObject ThreePlFixture::item(const char *lineKey, const char *sku, double quantity)
{
    return {{QStringLiteral("lineItemKey"), QLatin1String(lineKey)},
            {QStringLiteral("sku"), QLatin1String(sku)},
            {QStringLiteral("quantity"), quantity}};
}

void ThreePlFixture::ship(qint64 salesOrderId, const QString &tracking, const QJsonArray &items,
                          const QString &carrier, const QString &service)
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
ThreePlFixture::Answer ThreePlFixture::fulfilByHand(int quantity)
{
    return send("POST", QStringLiteral("/_sandbox/netsuite/itemFulfillments"),
                QJsonObject{{QStringLiteral("createdFrom"), 1003},
                            {QStringLiteral("tranDate"), QStringLiteral("2026-12-06")},
                            {QStringLiteral("lines"),
                             QJsonArray{QJsonObject{{QStringLiteral("orderLine"), 1},
                                                    {QStringLiteral("quantity"), quantity}}}}});
}

void ThreePlFixture::fault(const QJsonObject &fault)
{
    QCOMPARE(send("POST", QStringLiteral("/_sandbox/faults"), fault).status, 201);
}

// The item fulfillments of a sales order in the sandbox's NetSuite.
QList<QJsonObject> ThreePlFixture::fulfillmentsOf(qint64 salesOrderId)
{
    QList<QJsonObject> list;
    for (const QJsonValue &f :
         state()[QLatin1String("netsuite")][QLatin1String("itemFulfillments")].toArray())
        if (f[QLatin1String("createdFrom")].toInteger() == salesOrderId)
            list << f.toObject();
    return list;
}

// Shopify's fulfillments of one channel order, as the sandbox's store holds them.
QList<QJsonObject> ThreePlFixture::channelFulfillmentsOf(qint64 channelOrderId)
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
QList<SyncRunSummary> ThreePlFixture::run(qint64 connectorId, qint64 replayAttemptId)
{
    SyncRequest request;
    request.connectorId = connectorId;
    request.replayAttemptId = replayAttemptId;
    return run(request);
}

QList<SyncRunSummary> ThreePlFixture::run(SyncRequest request)
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
qint64 ThreePlFixture::addSecondThreePl()
{
    Connector other;
    other.name = QStringLiteral("Second 3PL");
    other.kind = QStringLiteral("shipstation");
    other.channel = QString();
    other.endpoint = m_sandbox->threePlBaseUrl().toString();
    if (!ConnectorRepository(m_temp->database().connection()).save(other))
        return 0;
    m_credentials.channelTokens.insert(other.id, m_credentials.channelTokens.value(m_threePlId));
    return other.id;
}

SyncRunSummary ThreePlFixture::runThreePl()
{
    const QList<SyncRunSummary> s = run(m_threePlId);
    return s.isEmpty() ? SyncRunSummary{} : s.first();
}

SyncRunSummary
ThreePlFixture::runThreePlPass(const std::function<void(ThreePlPass::Config &)> &adjust)
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
    adjust(config);
    ThreePlPass pass(m_network, m_temp->database(), config);
    QSignalSpy finished(&pass, &ConnectorPass::finished);
    pass.start();
    if (finished.isEmpty() && !finished.wait(60000))
        return {};
    return finished.first().first().value<SyncRunSummary>();
}

// The basic scenario again with SO1010 released since the last run (the 3PL's side starts
// empty again): the next run's orders out finds it.
bool ThreePlFixture::addReleasedOrder(double quantity, const QJsonObject &fields)
{
    return addReleasedOrders(quantity, {fields});
}

bool ThreePlFixture::addReleasedOrders(double quantity, const QList<QJsonObject> &fieldsOfEach)
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
    for (const QJsonObject &fields : fieldsOfEach) {
        QJsonObject order{
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
                                                             {QStringLiteral("location"), 1}}}}};
        for (auto it = fields.begin(); it != fields.end(); ++it)
            order.insert(it.key(), it.value());
        orders.append(order);
    }
    netsuite.insert(QStringLiteral("salesOrders"), orders);
    scenario.insert(QStringLiteral("netsuite"), netsuite);
    QString error;
    return m_sandbox->loadScenario(scenario, &error);
}

bool ThreePlFixture::threePlHasOrder(const QString &tranId)
{
    for (const QJsonValue &o : state()[QLatin1String("threePl")][QLatin1String("orders")].toArray())
        if (o[QLatin1String("orderNumber")].toString() == tranId)
            return true;
    return false;
}

// Explain's text for the 3PL connector, for a released (Pending Fulfillment) order.
QString ThreePlFixture::explainThreePl(qint64 orderId)
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
SyncRunSummary ThreePlFixture::retry(const QList<qint64> &itemIds)
{
    const QList<SyncRequest> requests =
        InboxActions::retryRequests(m_temp->database().connection(), itemIds);
    if (requests.size() != 1)
        return {};
    const QList<SyncRunSummary> s = run(requests.first());
    return s.isEmpty() ? SyncRunSummary{} : s.first();
}

QList<InboxItem> ThreePlFixture::openInboxItems(qint64 connectorId)
{
    int total = 0;
    return InboxRepository(m_temp->database().connection()).openItems(connectorId, 50, &total);
}

std::optional<InboxItem> ThreePlFixture::inboxItem(qint64 id)
{
    const QList<InboxItem> items = InboxRepository(m_temp->database().connection()).items({id});
    return items.isEmpty() ? std::nullopt : std::optional(items.first());
}
