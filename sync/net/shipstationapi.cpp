#include "sync/net/shipstationapi.h"

#include "sync/net/httpcall.h"
#include "sync/net/leakybucketpacer.h"
#include "sync/net/strictnumber.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace fulfillsync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ShipStationApi", text);
}

// "2026-12-06T10:00:00.1230000" (seven fractional digits, as ShipStation writes them), with
// or without the fraction, read as UTC.
QDateTime readTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text.left(19), QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (!time.isValid())
        return {};
    if (text.size() > 20 && text.at(19) == u'.')
        time = time.addMSecs(text.mid(20, 3).leftJustified(3, u'0').toInt());
    time.setTimeSpec(Qt::UTC);
    return time;
}

// Ids arrive as JSON numbers; a text id is taken as it is.
QString idText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return value.toString();
}

} // namespace

namespace {

QUrl resourceUrl(const ThreePlEndpoint &endpoint, const QString &path)
{
    QUrl url = endpoint.baseUrl;
    QString base = url.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

HttpCall *makeCall(QNetworkAccessManager &network, const ThreePlEndpoint &endpoint, const QUrl &url,
                   const QByteArray &verb, const QByteArray &body, QObject *parent)
{
    const QByteArray authorization =
        "Basic " + (endpoint.apiKey + u':' + endpoint.apiSecret).toUtf8().toBase64();
    auto factory = [url, verb, body, authorization] {
        HttpCall::Prepared prepared;
        prepared.request.setUrl(url);
        prepared.request.setRawHeader("Authorization", authorization);
        prepared.request.setRawHeader("Accept", "application/json");
        if (!body.isEmpty())
            prepared.request.setHeader(QNetworkRequest::ContentTypeHeader,
                                       QByteArray("application/json"));
        prepared.verb = verb;
        prepared.body = body;
        return prepared;
    };
    // Both calls are safe to repeat: a read, and an upsert by orderKey.
    auto *call = new HttpCall(network, factory, true, parent);
    call->setTimeoutMs(endpoint.timeoutMs);
    return call;
}

} // namespace

HttpCall *ShipStationApi::listShipments(QNetworkAccessManager &network,
                                        const ThreePlEndpoint &endpoint, const QDateTime &since,
                                        int page, QObject *parent, bool voids)
{
    QUrl url = resourceUrl(endpoint, QStringLiteral("/shipments"));
    QUrlQuery query;
    // Voids are always asked by date: without one the list would hold every shipment.
    const QDateTime from =
        since.isValid() ? since : QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
    if (since.isValid() || voids)
        query.addQueryItem(voids ? QStringLiteral("voidDateStart")
                                 : QStringLiteral("createDateStart"),
                           from.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    query.addQueryItem(QStringLiteral("includeShipmentItems"), QStringLiteral("true"));
    query.addQueryItem(QStringLiteral("sortBy"), QStringLiteral("CreateDate"));
    query.addQueryItem(QStringLiteral("sortDir"), QStringLiteral("ASC"));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("pageSize"), QString::number(kPageSize));
    url.setQuery(query);
    return makeCall(network, endpoint, url, "GET", {}, parent);
}

HttpCall *ShipStationApi::createOrders(QNetworkAccessManager &network,
                                       const ThreePlEndpoint &endpoint, const QJsonArray &orders,
                                       QObject *parent)
{
    return makeCall(network, endpoint, createOrdersUrl(endpoint), "POST",
                    QJsonDocument(orders).toJson(QJsonDocument::Compact), parent);
}

std::optional<QHash<QString, ShipStationApi::OrderResult>>
ShipStationApi::readCreateOrdersAnswer(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue results = doc.object().value(QLatin1String("results"));
    if (!doc.isObject() || !results.isArray())
        return std::nullopt;
    QHash<QString, OrderResult> byKey;
    for (const QJsonValue &value : results.toArray()) {
        const QJsonObject o = value.toObject();
        const QJsonValue success = o.value(QLatin1String("success"));
        const QString key = o.value(QLatin1String("orderKey")).toString();
        if (!success.isBool() || key.isEmpty())
            return std::nullopt;
        byKey.insert(key, {success.toBool(), idText(o.value(QLatin1String("orderId"))),
                           o.value(QLatin1String("errorMessage")).toString()});
    }
    return byKey;
}

std::optional<ShipStationApi::ShipmentPage> ShipStationApi::readShipmentPage(const QByteArray &body,
                                                                             QString *problem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    const QJsonObject root = doc.object();
    const QJsonValue list = root.value(QLatin1String("shipments"));
    if (error.error != QJsonParseError::NoError || !doc.isObject() || !list.isArray() ||
        !root.value(QLatin1String("pages")).isDouble()) {
        *problem = tr("The 3PL's shipment list could not be read.");
        return std::nullopt;
    }
    ShipmentPage page;
    page.page = root.value(QLatin1String("page")).toInt();
    page.pages = root.value(QLatin1String("pages")).toInt();
    for (const QJsonValue &value : list.toArray()) {
        const QJsonObject o = value.toObject();
        ThreePlShipment s;
        s.shipmentId = idText(o.value(QLatin1String("shipmentId")));
        s.orderKey = o.value(QLatin1String("orderKey")).toString();
        s.orderNumber = o.value(QLatin1String("orderNumber")).toString();
        s.createdAt = readTime(o.value(QLatin1String("createDate")).toString());
        s.trackingNumber = o.value(QLatin1String("trackingNumber")).toString();
        s.carrierCode = o.value(QLatin1String("carrierCode")).toString();
        s.serviceCode = o.value(QLatin1String("serviceCode")).toString();
        s.voided = o.value(QLatin1String("voided")).toBool();
        s.voidedAt = readTime(o.value(QLatin1String("voidDate")).toString());
        // No items at all (null: a label made outside an order) is readable, and held by the
        // planner; items of the wrong type are not.
        const QJsonValue items = o.value(QLatin1String("shipmentItems"));
        if (s.shipmentId.isEmpty() || !s.createdAt.isValid() ||
            !(items.isArray() || items.isNull() || items.isUndefined())) {
            *problem = tr("The 3PL sent a shipment without an id or a creation time, or with "
                          "items that cannot be read.");
            return std::nullopt;
        }
        for (const QJsonValue &itemValue : o.value(QLatin1String("shipmentItems")).toArray()) {
            const QJsonObject item = itemValue.toObject();
            const QJsonValue quantity = item.value(QLatin1String("quantity"));
            if (!quantity.isDouble() || quantity.toDouble() <= 0) {
                *problem =
                    tr("Shipment %1 has an item without a readable quantity.").arg(s.shipmentId);
                return std::nullopt;
            }
            s.items.append({idText(item.value(QLatin1String("lineItemKey"))),
                            item.value(QLatin1String("sku")).toString(), quantity.toDouble()});
        }
        page.shipments.append(s);
    }
    return page;
}

LeakyBucketPacer ShipStationApi::makePacer()
{
    return LeakyBucketPacer(kRequestsPerMinute / 60.0, kRequestsPerMinute, 1);
}

void ShipStationApi::observeRateLimit(LeakyBucketPacer &pacer, const HttpResult &result,
                                      qint64 nowMs)
{
    // Read strictly: a window of at most an hour, at most 10,000 requests in it.
    const auto header = [&result](const char *name, qint64 max) {
        return StrictNumber::integer(result.header(name).trimmed(), 0, max);
    };
    const std::optional<qint64> limit = header("X-Rate-Limit-Limit", 10000);
    const std::optional<qint64> remaining = header("X-Rate-Limit-Remaining", 10000);
    const std::optional<qint64> reset = header("X-Rate-Limit-Reset", 3600);
    // The window is fixed: once it is spent nothing goes before it starts again.
    if (reset && (result.status == 429 || (remaining && *remaining <= 1))) {
        pacer.observeRetryAfter(nowMs, int(std::max<qint64>(1, *reset)) * 1000);
        return;
    }
    if (result.status == 429) {
        pacer.observeFull(nowMs);
        return;
    }
    if (limit && remaining && *limit > 0 && *remaining <= *limit)
        pacer.observeLevel(double(*limit - *remaining), int(*limit), double(*limit) / 60.0, nowMs);
}

void ShipStationApi::pace(HttpCall &call, LeakyBucketPacer *pacer)
{
    if (pacer)
        call.setPacer(pacer, 1, [](LeakyBucketPacer &p, const HttpResult &answer) {
            observeRateLimit(p, answer, QDateTime::currentMSecsSinceEpoch());
        });
}

HttpCall *ShipStationApi::getOrder(QNetworkAccessManager &network, const ThreePlEndpoint &endpoint,
                                   const QString &orderId, QObject *parent)
{
    bool numeric = !orderId.isEmpty() && orderId.size() <= 18;
    for (const QChar c : orderId)
        numeric = numeric && c >= u'0' && c <= u'9';
    if (!numeric)
        return nullptr;
    return makeCall(network, endpoint, resourceUrl(endpoint, QStringLiteral("/orders/") + orderId),
                    "GET", {}, parent);
}

std::optional<QString> ShipStationApi::readOrderStatus(const QByteArray &body)
{
    const QJsonValue status =
        QJsonDocument::fromJson(body).object().value(QLatin1String("orderStatus"));
    if (!status.isString() || status.toString().isEmpty())
        return std::nullopt;
    return status.toString();
}

QUrl ShipStationApi::createOrdersUrl(const ThreePlEndpoint &endpoint)
{
    return resourceUrl(endpoint, QStringLiteral("/orders/createorders"));
}

} // namespace fulfillsync
