// The /_sandbox/ control endpoints of SandboxServer (scenario-format.md): the test or demo
// driver acts as the warehouse, the clock, or a failing network.

#include "sandbox/netsuite/netsuiteservice.h"
#include "sandbox/netsuite/netsuitestore.h"
#include "sandbox/scenario/demogenerator.h"
#include "sandbox/scenario/scenarioloader.h"
#include "sandbox/server/faultinjector.h"
#include "sandbox/server/httpexchange.h"
#include "sandbox/server/requeststats.h"
#include "sandbox/server/sandboxclock.h"
#include "sandbox/server/sandboxserver.h"
#include "sandbox/shopify/shopifystore.h"
#include "sandbox/threepl/shipstationservice.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace fulfillsync::sandbox {

namespace {

const QString kFulfillments = QStringLiteral("/_sandbox/netsuite/itemFulfillments");

HttpReply failure(int status, const QString &message)
{
    return HttpReply::json(status, QJsonObject{{QStringLiteral("error"), message}});
}

bool bodyObject(const HttpRequest &request, QJsonObject *out, HttpReply *reply)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *reply = failure(400, QStringLiteral("the body must be a JSON object"));
        return false;
    }
    *out = doc.object();
    return true;
}

} // namespace

HttpReply SandboxServer::handleControl(const HttpRequest &request)
{
    const QString &path = request.path;
    const QString &method = request.method;
    if (path == QLatin1String("/_sandbox/state") && method == QLatin1String("GET"))
        return HttpReply::json(200, state());
    if (path == QLatin1String("/_sandbox/scenario") && method == QLatin1String("POST")) {
        Scenario parsed;
        QString error;
        if (!ScenarioLoader::parseBytes(request.body, &parsed, &error))
            return failure(400, error);
        install(std::move(parsed));
        return HttpReply::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == QLatin1String("/_sandbox/demo") && method == QLatin1String("POST")) {
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        const int orders = body.value(QStringLiteral("orders")).toInt(100);
        if (orders < 0 || orders > 1000000)
            return failure(400, QStringLiteral("orders: must be 0..1000000"));
        loadDemo(orders, quint32(body.value(QStringLiteral("seed")).toInt(42)));
        return HttpReply::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == kFulfillments || path.startsWith(kFulfillments + QLatin1Char('/')))
        return controlFulfillments(request);
    static const QRegularExpression orderStatus(
        QStringLiteral("^/_sandbox/netsuite/salesOrders/(\\d+)/status$"));
    if (const QRegularExpressionMatch m = orderStatus.match(path);
        m.hasMatch() && method == QLatin1String("POST")) {
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        if (!m_netsuiteStore)
            return failure(409, QStringLiteral("no scenario is loaded"));
        if (!m_netsuiteStore->withdrawOrder(m.captured(1).toLongLong(),
                                            body.value(QStringLiteral("status")).toString(),
                                            m_clock->now()))
            return failure(400, QStringLiteral("status: C (cancelled) or H (closed), of an "
                                               "existing sales order"));
        return HttpReply::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == QLatin1String("/_sandbox/3pl/ship") && method == QLatin1String("POST")) {
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        return m_shipstation->ship(body, m_clock->now());
    }
    if (path == QLatin1String("/_sandbox/3pl/void") && method == QLatin1String("POST")) {
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        return m_shipstation->voidShipment(body, m_clock->now());
    }
    if (path == QLatin1String("/_sandbox/clock"))
        return controlClock(request);
    if (path == QLatin1String("/_sandbox/faults"))
        return controlFaults(request);
    if (path == QLatin1String("/_sandbox/netsuite/settings"))
        return controlSettings(request);
    if (path == QLatin1String("/_sandbox/shopify/fulfillmentOrders") &&
        method == QLatin1String("POST")) {
        // {"shop": "acme", "order": 5001, "status": "on_hold" | "scheduled" | "open"}
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        const QString status = body.value(QStringLiteral("status")).toString();
        ShopifyStore::Shop *shop =
            m_shopifyStore ? m_shopifyStore->shop(body.value(QStringLiteral("shop")).toString())
                           : nullptr;
        if (!shop)
            return failure(404, QStringLiteral("shop: no such shop"));
        if (status != QLatin1String("open") && status != QLatin1String("on_hold") &&
            status != QLatin1String("scheduled"))
            return failure(400, QStringLiteral("status: open, on_hold or scheduled"));
        if (!m_shopifyStore->setFulfillmentOrderStatus(
                *shop, body.value(QStringLiteral("order")).toInteger(), status))
            return failure(404, QStringLiteral("order: no such order"));
        return HttpReply::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == QLatin1String("/_sandbox/requests") && method == QLatin1String("DELETE")) {
        m_stats->clear();
        return HttpReply::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    return failure(404, QStringLiteral("no control endpoint %1 %2").arg(method, path));
}

HttpReply SandboxServer::controlFulfillments(const HttpRequest &request)
{
    if (!m_netsuiteStore)
        return failure(409, QStringLiteral("no scenario is loaded"));
    NetSuiteStore &store = *m_netsuiteStore;
    const QDateTime now = m_clock->now();
    if (request.path == kFulfillments) {
        if (request.method != QLatin1String("POST"))
            return failure(405, QStringLiteral("use POST to add a fulfillment"));
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        return createFulfillment(body);
    }
    bool ok = false;
    const qint64 id = request.path.mid(kFulfillments.size() + 1).toLongLong(&ok);
    const ItemFulfillment *existing = ok ? store.fulfillment(id) : nullptr;
    if (!existing)
        return failure(404, QStringLiteral("no item fulfillment %1")
                                .arg(request.path.mid(kFulfillments.size() + 1)));
    if (request.method == QLatin1String("DELETE")) {
        store.voidFulfillment(id, now);
        return HttpReply::json(200, ScenarioLoader::itemFulfillmentToJson(*store.fulfillment(id)));
    }
    if (request.method != QLatin1String("PATCH"))
        return failure(405, QStringLiteral("use PATCH or DELETE on a fulfillment"));
    QJsonObject patch;
    HttpReply reply;
    if (!bodyObject(request, &patch, &reply))
        return reply;
    return patchFulfillment(id, patch);
}

// The warehouse's two moves, shared by the control endpoints and the live demo.
HttpReply SandboxServer::createFulfillment(const QJsonObject &body)
{
    NetSuiteStore &store = *m_netsuiteStore;
    ItemFulfillment f;
    QString error;
    if (!ScenarioLoader::parseItemFulfillment(body, QStringLiteral("itemFulfillment"), store.data(),
                                              0, &f, &error))
        return failure(400, error);
    const qint64 id = store.addFulfillment(f, m_clock->now());
    return HttpReply::json(201, ScenarioLoader::itemFulfillmentToJson(*store.fulfillment(id)));
}

HttpReply SandboxServer::patchFulfillment(qint64 id, const QJsonObject &patch)
{
    NetSuiteStore &store = *m_netsuiteStore;
    const ItemFulfillment *existing = store.fulfillment(id);
    if (!existing)
        return failure(404, QStringLiteral("no item fulfillment %1").arg(id));
    // A PATCH changes the given fields of the current record; the result is validated whole.
    QJsonObject merged = ScenarioLoader::itemFulfillmentToJson(*existing);
    for (auto it = patch.begin(); it != patch.end(); ++it)
        merged.insert(it.key(), it.value());
    merged.insert(QStringLiteral("id"), id);
    merged.remove(QStringLiteral("lastModified"));
    ItemFulfillment f;
    QString error;
    if (!ScenarioLoader::parseItemFulfillment(merged, QStringLiteral("itemFulfillment"),
                                              store.data(), id, &f, &error))
        return failure(400, error);
    store.replaceFulfillment(f, m_clock->now());
    return HttpReply::json(200, ScenarioLoader::itemFulfillmentToJson(*store.fulfillment(id)));
}

HttpReply SandboxServer::controlClock(const HttpRequest &request)
{
    if (request.method == QLatin1String("POST")) {
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        if (body.contains(QStringLiteral("now"))) {
            const QDateTime now =
                QDateTime::fromString(body.value(QStringLiteral("now")).toString(), Qt::ISODate);
            if (!now.isValid())
                return failure(400, QStringLiteral("now: expected an ISO-8601 time"));
            m_clock->setNow(now.toUTC());
        } else if (body.value(QStringLiteral("advanceSeconds")).isDouble()) {
            m_clock->advance(qint64(body.value(QStringLiteral("advanceSeconds")).toDouble()));
        } else {
            return failure(400, QStringLiteral("give \"now\" or \"advanceSeconds\""));
        }
    } else if (request.method != QLatin1String("GET")) {
        return failure(405, QStringLiteral("use GET or POST"));
    }
    return HttpReply::json(
        200, QJsonObject{{QStringLiteral("now"), ScenarioLoader::isoUtc(m_clock->now())}});
}

// The account's governance at run time: GET shows it, POST changes the given keys (all or
// nothing). Latency is what makes requests overlap, so it belongs with the gate.
HttpReply SandboxServer::controlSettings(const HttpRequest &request)
{
    if (!m_netsuiteStore)
        return failure(409, QStringLiteral("no scenario is loaded"));
    NetSuiteStore &store = *m_netsuiteStore;
    if (request.method == QLatin1String("POST") || request.method == QLatin1String("PATCH")) {
        QJsonObject body;
        HttpReply reply;
        if (!bodyObject(request, &body, &reply))
            return reply;
        NetSuiteScenario settings;
        settings.concurrencyLimit = store.data().concurrencyLimit;
        settings.concurrencyRejection = store.data().concurrencyRejection;
        settings.latencyMs = store.data().latencyMs;
        QString error;
        if (!ScenarioLoader::parseGovernance(body, &settings, &error))
            return failure(400, error);
        store.setGovernance(settings.concurrencyLimit, settings.concurrencyRejection,
                            settings.latencyMs);
    } else if (request.method != QLatin1String("GET")) {
        return failure(405, QStringLiteral("use GET or POST"));
    }
    return HttpReply::json(
        200, QJsonObject{{QStringLiteral("concurrencyLimit"), store.data().concurrencyLimit},
                         {QStringLiteral("concurrencyRejection"),
                          QString::number(store.data().concurrencyRejection)},
                         {QStringLiteral("latencyMs"), store.data().latencyMs}});
}

HttpReply SandboxServer::controlFaults(const HttpRequest &request)
{
    if (request.method == QLatin1String("GET"))
        return HttpReply::json(200, QJsonObject{{QStringLiteral("faults"), m_faults->toJson()}});
    if (request.method == QLatin1String("DELETE")) {
        m_faults->clear();
        return HttpReply::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    QJsonObject body;
    HttpReply reply;
    if (!bodyObject(request, &body, &reply))
        return reply;
    QString error;
    int id = 0;
    if (!m_faults->add(body, &error, &id))
        return failure(400, error);
    return HttpReply::json(201, QJsonObject{{QStringLiteral("id"), id}});
}

} // namespace fulfillsync::sandbox
