#include "sandbox/server/sandboxserver.h"

#include "sandbox/netsuite/netsuiteservice.h"
#include "sandbox/netsuite/netsuitestore.h"
#include "sandbox/scenario/demogenerator.h"
#include "sandbox/scenario/livewarehouse.h"
#include "sandbox/scenario/scenarioloader.h"
#include "sandbox/server/faultinjector.h"
#include "sandbox/server/httpexchange.h"
#include "sandbox/server/requeststats.h"
#include "sandbox/server/sandboxclock.h"
#include "sandbox/server/sandboxlogging.h"
#include "sandbox/shopify/shopifyservice.h"
#include "sandbox/shopify/shopifystore.h"
#include "sandbox/threepl/shipstationservice.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QLocale>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSandbox, "fulfillsync.sandbox", QtInfoMsg)

namespace fulfillsync::sandbox {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

HttpRequest toRequest(const QHttpServerRequest &req)
{
    HttpRequest r;
    r.method = methodName(req.method());
    for (const auto &[name, value] : req.headers())
        r.headers.insert(name.toLower(), value);
    const QUrl received = req.url();
    // The URL as the client addressed it, from its Host header: that is what it signed.
    QByteArray host = r.header("host");
    if (host.isEmpty())
        host = received.authority(QUrl::FullyEncoded).toUtf8();
    QString text =
        QStringLiteral("http://") + QString::fromUtf8(host) + received.path(QUrl::FullyEncoded);
    if (received.hasQuery())
        text += QLatin1Char('?') + received.query(QUrl::FullyEncoded);
    r.url = QUrl(text, QUrl::StrictMode);
    r.path = received.path();
    r.query = QUrlQuery(received);
    r.body = req.body();
    return r;
}

// `now` on the sandbox's clock, the one its data times run on: as NetSuite's Date and its
// lastmodifieddate share one clock (RFC 9110 §6.6.1: an origin server with a clock sends Date).
void writeReply(QHttpServerResponder &responder, const HttpReply &reply, const QDateTime &now)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    const bool dated = std::any_of(reply.headers.cbegin(), reply.headers.cend(), [](const auto &h) {
        return h.first.compare("Date", Qt::CaseInsensitive) == 0;
    });
    if (!dated) // a fault may have put a damaged one there
        responder.writeHeader(
            "Date", QLocale::c()
                        .toString(now.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                        .toLatin1());
    if (!reply.contentType.isEmpty())
        responder.writeHeader("Content-Type", reply.contentType);
    if (reply.status != 204) // RFC 9110 §8.6: a 204 carries no Content-Length
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeBody(reply.body);
}

} // namespace

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent)
    , m_clock(std::make_unique<SandboxClock>())
    , m_netsuite(std::make_unique<NetSuiteService>())
    , m_shopify(std::make_unique<ShopifyService>())
    , m_shipstation(std::make_unique<ShipStationService>())
    , m_faults(std::make_unique<FaultInjector>())
    , m_stats(std::make_unique<RequestStats>())
{
    m_liveTimer = new QTimer(this);
    connect(m_liveTimer, &QTimer::timeout, this, &SandboxServer::liveTick);
    m_http = new QHttpServer(this);
    m_http->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            dispatch(request, std::move(responder));
        });
}

SandboxServer::~SandboxServer()
{
    m_liveTimer->stop();
    // Hung responders refer to sockets the HTTP server owns: let go of them first.
    m_hung.clear();
    delete m_http;
    m_http = nullptr;
}

bool SandboxServer::loadScenario(const QJsonObject &scenario, QString *error)
{
    Scenario parsed;
    if (!ScenarioLoader::parse(scenario, &parsed, error))
        return false;
    install(std::move(parsed));
    return true;
}

bool SandboxServer::loadScenarioFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    Scenario parsed;
    if (!ScenarioLoader::parseBytes(file.readAll(), &parsed, error))
        return false;
    install(std::move(parsed));
    return true;
}

void SandboxServer::loadDemo(int orderCount, quint32 seed, const QString &storePlan)
{
    // Whole minutes keep a demo reproducible within a run while still looking current.
    const QDateTime now =
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() / 60 * 60, Qt::UTC);
    Scenario demo = DemoGenerator::generate(orderCount, seed, now);
    if (!storePlan.isEmpty())
        for (Channel &shop : demo.channels)
            shop.plan = storePlan;
    install(std::move(demo));
}

namespace {
// The fulfillments a scenario's store holds at load (another tool's), made through the same
// create path the API uses, so fulfillment orders and what is left to fulfil agree.
void fulfilBeforeLoad(ShopifyStore &store, const QList<Channel> &channels, const QDateTime &now)
{
    for (const Channel &c : channels) {
        ShopifyStore::Shop *shop = c.kind == QLatin1String("shopify") ? store.shop(c.shop) : nullptr;
        if (!shop)
            continue;
        for (const ChannelOrder &o : c.orders) {
            const ShopifyStore::Order *order = store.order(*shop, o.id);
            for (const ExistingFulfillment &existing : o.fulfillments) {
                ShopifyStore::CreateRequest request;
                request.company = existing.trackingCompany;
                request.numbers = existing.trackingNumbers;
                QMap<qint64, ShopifyStore::RequestedOrder> byFulfillmentOrder;
                for (const auto &[lineItem, quantity] : existing.lines)
                    for (qint64 foId : order->fulfillmentOrderIds)
                        for (const auto &line : shop->fulfillmentOrders.value(foId).lines)
                            if (line.lineItemId == lineItem && line.fulfillable >= quantity) {
                                byFulfillmentOrder[foId].fulfillmentOrderId = foId;
                                byFulfillmentOrder[foId].lines.append({line.id, quantity});
                            }
                request.orders = byFulfillmentOrder.values();
                ShopifyStore::Fulfillment created;
                ShopifyStore::CreateError error;
                if (!store.createFulfillment(*shop, request, now, &created, &error))
                    qCWarning(lcSandbox) << "order" << o.id
                                         << "cannot hold its fulfillment:" << error.message;
            }
        }
    }
}
} // namespace

void SandboxServer::install(Scenario scenario)
{
    const QDateTime now = scenario.now.isValid() ? scenario.now : QDateTime::currentDateTimeUtc();
    // Build the new state completely before touching the running one: never half-loaded.
    auto netsuite = std::make_unique<NetSuiteStore>(std::move(scenario.netsuite), now);
    if (!netsuite->isValid())
        qCWarning(lcSandbox) << "netsuite store:" << netsuite->error();
    auto shopify = std::make_unique<ShopifyStore>(scenario.channels, now);
    fulfilBeforeLoad(*shopify, scenario.channels, now);
    m_clock->setNow(now);
    m_netsuiteStore = std::move(netsuite);
    m_shopifyStore = std::move(shopify);
    m_netsuite->setStore(m_netsuiteStore.get());
    m_shopify->setStore(m_shopifyStore.get());
    m_faults->clear();
    m_stats->clear();
    qCDebug(lcSandbox) << "scenario loaded:" << m_netsuiteStore->data().salesOrders.size()
                       << "sales orders," << m_netsuiteStore->data().itemFulfillments.size()
                       << "fulfillments";
}

quint16 SandboxServer::listen(quint16 port)
{
    m_port = m_http->listen(QHostAddress::LocalHost, port);
    if (m_port == 0)
        qCWarning(lcSandbox) << "cannot listen on 127.0.0.1 port" << port;
    return m_port;
}

QUrl SandboxServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl SandboxServer::netSuiteBaseUrl() const
{
    return baseUrl();
}

QUrl SandboxServer::shopifyBaseUrl(const QString &shop) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/shopify/") + shop);
    return url;
}

QUrl SandboxServer::threePlBaseUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/shipstation"));
    return url;
}

SandboxCredentials SandboxServer::credentials() const
{
    SandboxCredentials c;
    if (m_netsuiteStore) {
        const NetSuiteScenario &a = m_netsuiteStore->data();
        c.accountId = a.accountId;
        c.consumerKey = a.consumerKey;
        c.consumerSecret = a.consumerSecret;
        c.tokenId = a.tokenId;
        c.tokenSecret = a.tokenSecret;
        for (const ScenarioItem &item : a.items)
            c.items.append({item.id, item.itemId});
    }
    if (m_shopifyStore) {
        for (const ShopifyStore::Shop &shop : m_shopifyStore->shops())
            if (shop.channel.kind == QLatin1String("shopify"))
                c.shops.append({shop.channel.name, shop.channel.shop, shop.channel.accessToken,
                                shop.channel.channel});
    }
    c.threePlKey = m_shipstation->apiKey();
    c.threePlSecret = m_shipstation->apiSecret();
    return c;
}

QJsonObject SandboxServer::state() const
{
    QJsonObject netsuite = m_netsuiteStore ? m_netsuiteStore->stateJson() : QJsonObject();
    QJsonArray audit;
    for (const OAuthVerifier::AuditEntry &e : m_netsuite->verifier().auditTrail())
        audit.append(QJsonObject{{QStringLiteral("time"), ScenarioLoader::isoUtc(e.time)},
                                 {QStringLiteral("reason"), e.reason},
                                 {QStringLiteral("detail"), e.detail}});
    netsuite.insert(QStringLiteral("loginAuditTrail"), audit);
    netsuite.insert(QStringLiteral("inFlight"), m_netsuite->inFlight());
    const QJsonObject live{{QStringLiteral("running"), isLive()},
                           {QStringLiteral("intervalMs"), isLive() ? m_liveTimer->interval() : 0},
                           {QStringLiteral("ticks"), m_liveStats.ticks},
                           {QStringLiteral("changes"), m_liveStats.changes},
                           {QStringLiteral("rejected"), m_liveStats.rejected}};
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("fulfillsync-sandbox-state/1")},
        {QStringLiteral("now"), ScenarioLoader::isoUtc(m_clock->now())},
        {QStringLiteral("netsuite"), netsuite},
        {QStringLiteral("channels"), m_shopifyStore ? m_shopifyStore->stateJson() : QJsonArray()},
        {QStringLiteral("threePl"), m_shipstation->state()},
        {QStringLiteral("requests"), m_stats->toJson()},
        {QStringLiteral("faults"), m_faults->toJson()},
        {QStringLiteral("faultsInjected"), m_faults->injected()},
        {QStringLiteral("live"), live}};
}

void SandboxServer::startLive(int intervalSeconds, quint32 seed)
{
    startLive(std::chrono::seconds(std::max(1, intervalSeconds)), seed);
}

void SandboxServer::startLive(std::chrono::milliseconds interval, quint32 seed)
{
    m_live = std::make_unique<LiveWarehouse>(seed);
    // What the 3PL holds is the 3PL's to ship (fulfillsync's order key, issue 11).
    m_live->setHandledElsewhere([this](qint64 salesOrderId) {
        return m_netsuiteStore &&
               m_shipstation->holdsOrder(QStringLiteral("ns-%1-%2")
                                             .arg(m_netsuiteStore->data().accountId)
                                             .arg(salesOrderId));
    });
    m_liveStats = {};
    m_liveTimer->start(std::max(interval, std::chrono::milliseconds(1)));
}

void SandboxServer::startThreePlWarehouse(std::chrono::milliseconds interval)
{
    if (!m_threePlTimer) {
        m_threePlTimer = new QTimer(this);
        connect(m_threePlTimer, &QTimer::timeout, this,
                [this] { m_shipstation->shipNext(m_clock->now()); });
    }
    m_threePlTimer->start(std::max(interval, std::chrono::milliseconds(1)));
}

void SandboxServer::stopLive()
{
    m_liveTimer->stop();
}

bool SandboxServer::isLive() const
{
    return m_liveTimer->isActive();
}

void SandboxServer::liveTick()
{
    int changes = 0;
    if (m_netsuiteStore && m_live) {
        const QDate today = m_clock->now().date();
        for (int n = m_live->actionsPerTick(); n > 0; --n) {
            const std::optional<LiveWarehouse::Action> action =
                m_live->next(*m_netsuiteStore, today);
            if (!action)
                break;
            const HttpReply reply = action->fulfillmentId != 0
                                        ? patchFulfillment(action->fulfillmentId, action->body)
                                        : createFulfillment(action->body);
            if (reply.status / 100 == 2) {
                ++changes;
            } else {
                // A planner bug, not a user error: count it so tests see it.
                ++m_liveStats.rejected;
                qCWarning(lcSandbox) << "live warehouse: refused:" << reply.body;
            }
        }
    }
    // The 3PL's warehouse ships one of its orders per tick.
    if (m_shipstation->shipNext(m_clock->now()).status == 200)
        ++changes;
    ++m_liveStats.ticks;
    m_liveStats.changes += changes;
    Q_EMIT liveTicked(changes);
}

HttpReply SandboxServer::faultReply(int status, const QJsonValue &body, bool netsuite) const
{
    if (body.isObject())
        return HttpReply::json(status, body.toObject());
    if (body.isString()) {
        HttpReply r;
        r.status = status;
        r.body = body.toString().toUtf8();
        r.contentType = "text/plain; charset=UTF-8";
        return r;
    }
    if (netsuite)
        return NetSuiteService::error(status, QStringLiteral("UNEXPECTED_ERROR"),
                                      QStringLiteral("An unexpected error occurred. Error ID: "
                                                     "sandbox-injected-fault"));
    return HttpReply::json(
        status, QJsonObject{{QStringLiteral("errors"), QStringLiteral("Internal Server Error")}});
}

HttpReply SandboxServer::serve(const HttpRequest &request, const QString &endpoint, bool netsuite,
                               bool *holdsSlot)
{
    Q_UNUSED(endpoint)
    *holdsSlot = false;
    if (request.path.startsWith(QLatin1String("/shipstation/")))
        return m_shipstation->handle(request, m_clock->now());
    if (!netsuite)
        return m_shopify->handle(request, m_clock->nowMs(), m_clock->now());
    if (!m_netsuiteStore)
        return NetSuiteService::error(503, QStringLiteral("UNEXPECTED_ERROR"),
                                      QStringLiteral("No scenario is loaded."));
    HttpReply reply;
    if (!m_netsuite->authenticate(request, QDateTime::currentSecsSinceEpoch(), &reply))
        return reply;
    if (!m_netsuite->acquireSlot(&reply))
        return reply;
    *holdsSlot = true;
    return m_netsuite->handle(request, m_clock->now());
}

void SandboxServer::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const HttpRequest r = toRequest(request);
    auto holder = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket = holder->socket();
    auto answer = [this, holder, socket](const HttpReply &reply) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            writeReply(*holder, reply, m_clock->now());
    };
    if (r.path.startsWith(QLatin1String("/_sandbox/"))) {
        answer(handleControl(r));
        return;
    }
    const bool netsuite = r.path.startsWith(QLatin1String("/services/rest/"));
    const bool threePl = r.path.startsWith(QLatin1String("/shipstation/"));
    if (!netsuite && !threePl && !r.path.startsWith(QLatin1String("/shopify/"))) {
        answer(
            HttpReply::json(404, QJsonObject{{QStringLiteral("error"),
                                              QString(QStringLiteral("Not Found: ") + r.path)}}));
        return;
    }
    const QString endpoint = netsuite  ? NetSuiteService::endpointOf(r)
                             : threePl ? ShipStationService::endpointOf(r)
                                       : ShopifyService::endpointOf(r);
    const std::optional<FaultInjector::Fault> fault = m_faults->take(endpoint);
    if (fault && (fault->hang || fault->drop)) {
        m_stats->record(endpoint, 0);
        if (fault->hang) {
            // Kept open without an answer until the client gives up and the socket goes.
            m_hung.push_back(holder);
            if (socket)
                connect(socket, &QObject::destroyed, this, [this, raw = holder.get()] {
                    std::erase_if(m_hung, [raw](const auto &h) { return h.get() == raw; });
                });
        } else {
            QTimer::singleShot(0, this, [socket] {
                if (socket)
                    socket->abort();
            });
        }
        return;
    }
    HttpReply reply;
    bool holdsSlot = false;
    if (fault && fault->status != 0 && !fault->commitThenFail && fault->corrupt.isEmpty()) {
        reply = faultReply(fault->status, fault->body, netsuite);
    } else {
        reply = serve(r, endpoint, netsuite, &holdsSlot);
        if (fault && fault->commitThenFail)
            reply = faultReply(fault->status, fault->body, netsuite);
        if (fault && !fault->corrupt.isEmpty()) {
            // Served (and committed), then damaged on the way back, as by a broken proxy.
            const QString kind = m_faults->damageKind(fault->corrupt);
            reply.body = m_faults->corrupted(kind, reply.body);
            m_faults->damageHeaders(kind, &reply.headers);
            if (fault->status != 0 && !fault->commitThenFail)
                reply.status = fault->status;
        }
    }
    m_stats->record(endpoint, reply.status);
    int delay = fault ? fault->delayMs : 0;
    if (holdsSlot && m_netsuiteStore)
        delay += m_netsuiteStore->data().latencyMs;
    if (delay <= 0) {
        answer(reply);
        if (holdsSlot)
            m_netsuite->releaseSlot();
        return;
    }
    // The slot stays taken while the answer is delayed: that is what makes the gate real.
    QTimer::singleShot(delay, this, [this, answer, reply, holdsSlot] {
        answer(reply);
        if (holdsSlot)
            m_netsuite->releaseSlot();
    });
}

} // namespace fulfillsync::sandbox
