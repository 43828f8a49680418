#include "sandbox/threepl/shipstationservice.h"

#include <QJsonDocument>
#include <QUuid>
#include <algorithm>
#include <cmath>

namespace fulfillsync::sandbox {

namespace {

const QString kPrefix = QStringLiteral("/shipstation/");

HttpReply invalid(int status, const QString &message)
{
    // ASP.NET Web API's error shape, which ShipStation answers with.
    return HttpReply::json(status, QJsonObject{{QStringLiteral("Message"), message}});
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz0000"));
}

// "2026-12-06 10:00:00", "2026-12-06T10:00:00(.fff)" or "2026-12-06", as UTC.
QDateTime parseTime(const QString &text)
{
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("yyyy-MM-ddTHH:mm:ss"),
          QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"), QStringLiteral("yyyy-MM-dd")}) {
        QDateTime time = QDateTime::fromString(text, format);
        if (time.isValid()) {
            time.setTimeSpec(Qt::UTC);
            return time;
        }
    }
    return {};
}

bool isOpen(const QString &status)
{
    return status == u"awaiting_payment" || status == u"awaiting_shipment" || status == u"on_hold";
}

// Why an Address model cannot be used ("" when it can). `forLabel`: what a warehouse needs to
// buy a label for it; otherwise only the shape (an object whose fields are text).
QString addressProblem(const QJsonValue &value, const QString &field, bool forLabel)
{
    if (!value.isObject())
        return QStringLiteral("%1: required (an Address)").arg(field);
    const QJsonObject address = value.toObject();
    for (auto it = address.begin(); it != address.end(); ++it)
        if (!it->isString() && !it->isNull() && !(it.key() == u"residential" && it->isBool()))
            return QStringLiteral("%1.%2: must be text").arg(field, it.key());
    if (!forLabel)
        return {};
    // Where addresses have postal codes a label needs one; Hong Kong's have none (the one such
    // country the scenarios and tests use).
    const bool postal = address.value(QStringLiteral("country")).toString() != u"HK";
    QStringList missing;
    for (const char *key : {"name", "street1", "city", "postalCode"})
        if (address.value(QLatin1String(key)).toString().trimmed().isEmpty() &&
            (postal || qstrcmp(key, "postalCode") != 0))
            missing << QLatin1String(key);
    if (!missing.isEmpty())
        return QStringLiteral("%1: %2 required").arg(field, missing.join(QStringLiteral(", ")));
    const QString country = address.value(QStringLiteral("country")).toString();
    if (country.size() != 2 || !country.at(0).isUpper() || !country.at(1).isUpper())
        return QStringLiteral("%1.country: the two-letter ISO country code is required").arg(field);
    return {};
}

QString lineKeyOf(const QJsonObject &item, int index)
{
    const QString key = item.value(QStringLiteral("lineItemKey")).toString();
    return key.isEmpty() ? QStringLiteral("line-%1").arg(index + 1) : key;
}

} // namespace

QString ShipStationService::endpointOf(const HttpRequest &request)
{
    const QString rest = request.path.mid(kPrefix.size() - 1);
    if (request.method == u"POST" && rest == u"/orders/createorder")
        return QStringLiteral("shipstation.createorder");
    if (request.method == u"POST" && rest == u"/orders/createorders")
        return QStringLiteral("shipstation.createorders");
    if (request.method == u"GET" && rest.startsWith(u"/orders/"))
        return QStringLiteral("shipstation.orders.get");
    if (request.method == u"GET" && rest == u"/shipments")
        return QStringLiteral("shipstation.shipments");
    return QStringLiteral("shipstation.other");
}

bool ShipStationService::admit(const QDateTime &now, HttpReply *refusal)
{
    if (!m_windowStart.isValid() || m_windowStart.msecsTo(now) >= 60 * 1000) {
        m_windowStart = now;
        m_used = 0;
    }
    if (m_used >= kRequestsPerMinute) {
        *refusal = invalid(429, QStringLiteral("Too Many Requests"));
        addRateHeaders(*refusal, now);
        return false;
    }
    ++m_used;
    return true;
}

void ShipStationService::addRateHeaders(HttpReply &reply, const QDateTime &now) const
{
    const qint64 leftMs = std::max<qint64>(0, 60 * 1000 - m_windowStart.msecsTo(now));
    reply.addHeader("X-Rate-Limit-Limit", QByteArray::number(kRequestsPerMinute));
    reply.addHeader("X-Rate-Limit-Remaining",
                    QByteArray::number(std::max(0, kRequestsPerMinute - m_used)));
    reply.addHeader("X-Rate-Limit-Reset", QByteArray::number((leftMs + 999) / 1000));
}

HttpReply ShipStationService::handle(const HttpRequest &request, const QDateTime &now)
{
    const QByteArray expected = "Basic " + (m_key + u':' + m_secret).toUtf8().toBase64();
    if (request.header("authorization") != expected)
        return invalid(401, QStringLiteral("Authorization has been denied for this request."));
    HttpReply reply;
    if (!admit(now, &reply))
        return reply;
    const QString endpoint = endpointOf(request);
    const QString rest = request.path.mid(kPrefix.size() - 1);
    if (endpoint == u"shipstation.createorder" || endpoint == u"shipstation.createorders") {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
        if (pe.error != QJsonParseError::NoError)
            reply =
                invalid(400, QStringLiteral("The request is invalid: %1").arg(pe.errorString()));
        else if (endpoint == u"shipstation.createorder" && doc.isObject())
            reply = createOrder(doc.object());
        else if (endpoint == u"shipstation.createorders" && doc.isArray())
            reply = createOrders(doc.array());
        else
            reply = invalid(400, QStringLiteral("The request is invalid."));
    } else if (endpoint == u"shipstation.orders.get") {
        bool ok = false;
        const qint64 id = rest.mid(QStringLiteral("/orders/").size()).toLongLong(&ok);
        reply = ok && m_orders.contains(id)
                    ? HttpReply::json(200, orderJson(m_orders.value(id)))
                    : invalid(404, QStringLiteral("No order was found with that id."));
    } else if (endpoint == u"shipstation.shipments") {
        reply = shipments(request);
    } else {
        reply = invalid(404, QStringLiteral("No HTTP resource was found that matches the request "
                                            "URI."));
    }
    addRateHeaders(reply, now);
    return reply;
}

ShipStationService::Order *ShipStationService::orderByKey(const QString &key)
{
    if (key.isEmpty())
        return nullptr;
    for (Order &order : m_orders)
        if (order.orderKey == key)
            return &order;
    return nullptr;
}

HttpReply ShipStationService::createOrder(const QJsonObject &body)
{
    const QString number = body.value(QStringLiteral("orderNumber")).toString();
    const QString status = body.value(QStringLiteral("orderStatus")).toString();
    const QJsonValue items = body.value(QStringLiteral("items"));
    if (number.isEmpty() || number.size() > 50)
        return invalid(400, QStringLiteral("orderNumber: required, at most 50 characters"));
    if (body.value(QStringLiteral("orderDate")).toString().isEmpty())
        return invalid(400, QStringLiteral("orderDate: required"));
    if (!isOpen(status) && status != u"cancelled")
        return invalid(400, QStringLiteral("orderStatus: awaiting_payment, awaiting_shipment, "
                                           "on_hold or cancelled"));
    if (!items.isUndefined() && !items.isArray())
        return invalid(400, QStringLiteral("items: must be an array"));
    for (const QJsonValue &item : items.toArray()) {
        const double quantity = item[QLatin1String("quantity")].toDouble(-1);
        if (!item.isObject() || quantity <= 0 || std::floor(quantity) != quantity)
            return invalid(400, QStringLiteral("items: each needs a whole quantity above 0"));
    }
    // billTo may be a name only (ShipStation's own examples send one); shipTo is where the
    // label goes while the order is open.
    for (const QString &problem :
         {addressProblem(body.value(QStringLiteral("billTo")), QStringLiteral("billTo"), false),
          addressProblem(body.value(QStringLiteral("shipTo")), QStringLiteral("shipTo"),
                         isOpen(status))})
        if (!problem.isEmpty())
            return invalid(400, problem);
    const QString key = body.value(QStringLiteral("orderKey")).toString();
    Order *order = orderByKey(key);
    if (order && !isOpen(order->orderStatus))
        return invalid(400, QStringLiteral("Order %1 is %2 and cannot be updated.")
                                .arg(order->orderNumber, order->orderStatus));
    if (!order) {
        Order created;
        created.orderId = m_nextOrderId++;
        created.orderKey = key.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : key;
        order = &m_orders.insert(created.orderId, created).value();
    }
    // An update replaces the whole order, as ShipStation's does; what has shipped stays.
    order->orderNumber = number;
    order->orderStatus = status;
    order->orderDate = body.value(QStringLiteral("orderDate")).toString();
    order->carrierCode = body.value(QStringLiteral("carrierCode")).toString();
    order->serviceCode = body.value(QStringLiteral("serviceCode")).toString();
    order->customerEmail = body.value(QStringLiteral("customerEmail")).toString();
    order->shipTo = body.value(QStringLiteral("shipTo")).toObject();
    order->billTo = body.value(QStringLiteral("billTo")).toObject();
    order->items = items.toArray();
    return HttpReply::json(200, orderJson(*order));
}

HttpReply ShipStationService::createOrders(const QJsonArray &orders)
{
    if (orders.size() > kMaxBulkOrders)
        return invalid(400, QStringLiteral("At most %1 orders at once.").arg(kMaxBulkOrders));
    QJsonArray results;
    bool hasErrors = false;
    for (const QJsonValue &value : orders) {
        const HttpReply one = value.isObject()
                                  ? createOrder(value.toObject())
                                  : invalid(400, QStringLiteral("not an order object"));
        const QJsonObject answer = QJsonDocument::fromJson(one.body).object();
        const bool ok = one.status == 200;
        hasErrors |= !ok;
        results.append(QJsonObject{
            {QStringLiteral("orderId"), ok ? answer.value(QStringLiteral("orderId")) : 0},
            {QStringLiteral("orderNumber"), value[QLatin1String("orderNumber")]},
            {QStringLiteral("orderKey"),
             ok ? answer.value(QStringLiteral("orderKey")) : value[QLatin1String("orderKey")]},
            {QStringLiteral("success"), ok},
            {QStringLiteral("errorMessage"),
             ok ? QJsonValue() : answer.value(QStringLiteral("Message"))}});
    }
    return HttpReply::json(200, QJsonObject{{QStringLiteral("hasErrors"), hasErrors},
                                            {QStringLiteral("results"), results}});
}

HttpReply ShipStationService::shipments(const HttpRequest &request) const
{
    const QUrlQuery &q = request.query;
    const auto time = [&q](const char *name, QDateTime *out) {
        const QString text = q.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
        *out = text.isEmpty() ? QDateTime() : parseTime(text);
        return text.isEmpty() || out->isValid();
    };
    QDateTime createStart, createEnd, shipStart, shipEnd, voidStart, voidEnd;
    if (!time("createDateStart", &createStart) || !time("createDateEnd", &createEnd) ||
        !time("shipDateStart", &shipStart) || !time("shipDateEnd", &shipEnd) ||
        !time("voidDateStart", &voidStart) || !time("voidDateEnd", &voidEnd))
        return invalid(400, QStringLiteral("The request is invalid: a date cannot be read."));
    bool pageOk = true;
    bool sizeOk = true;
    const QString pageText = q.queryItemValue(QStringLiteral("page"));
    const QString sizeText = q.queryItemValue(QStringLiteral("pageSize"));
    const int page = pageText.isEmpty() ? 1 : pageText.toInt(&pageOk);
    const int pageSize = sizeText.isEmpty() ? 100 : sizeText.toInt(&sizeOk);
    if (!pageOk || !sizeOk || page < 1 || pageSize < 1 || pageSize > kMaxPageSize)
        return invalid(400, QStringLiteral("page: 1 or more; pageSize: 1 to %1").arg(kMaxPageSize));
    const QString number = q.queryItemValue(QStringLiteral("orderNumber"));
    const bool withItems = q.queryItemValue(QStringLiteral("includeShipmentItems"))
                               .compare(u"true", Qt::CaseInsensitive) == 0;
    const bool descending =
        q.queryItemValue(QStringLiteral("sortDir")).compare(u"DESC", Qt::CaseInsensitive) == 0;

    QList<const Shipment *> matching;
    for (const Shipment &s : m_shipments) {
        const QDateTime shipDay(s.created.date(), QTime(0, 0), Qt::UTC);
        if ((createStart.isValid() && s.created < createStart) ||
            (createEnd.isValid() && s.created > createEnd) ||
            (shipStart.isValid() && shipDay < shipStart) ||
            (shipEnd.isValid() && shipDay > shipEnd) ||
            ((voidStart.isValid() || voidEnd.isValid()) && !s.voided.isValid()) ||
            (voidStart.isValid() && s.voided < voidStart) ||
            (voidEnd.isValid() && s.voided > voidEnd) ||
            (!number.isEmpty() && m_orders.value(s.orderId).orderNumber != number))
            continue;
        matching << &s;
    }
    std::stable_sort(matching.begin(), matching.end(), [descending](auto a, auto b) {
        return descending
                   ? std::tie(b->created, b->shipmentId) < std::tie(a->created, a->shipmentId)
                   : std::tie(a->created, a->shipmentId) < std::tie(b->created, b->shipmentId);
    });
    QJsonArray list;
    for (qsizetype i = qsizetype(page - 1) * pageSize;
         i < matching.size() && i < qsizetype(page) * pageSize; ++i)
        list.append(shipmentJson(*matching.at(i), withItems));
    const qsizetype total = matching.size();
    return HttpReply::json(
        200, QJsonObject{{QStringLiteral("shipments"), list},
                         {QStringLiteral("total"), total},
                         {QStringLiteral("page"), page},
                         {QStringLiteral("pages"), (total + pageSize - 1) / pageSize}});
}

HttpReply ShipStationService::ship(const QJsonObject &body, const QDateTime &now)
{
    Order *order = orderByKey(body.value(QStringLiteral("orderKey")).toString());
    if (!order)
        return invalid(404, QStringLiteral("orderKey: no such order"));
    if (order->orderStatus != u"awaiting_shipment")
        return invalid(409, QStringLiteral("Order %1 is %2: only awaiting_shipment ships.")
                                .arg(order->orderNumber, order->orderStatus));
    const QString tracking = body.value(QStringLiteral("trackingNumber")).toString();
    if (tracking.isEmpty())
        return invalid(400, QStringLiteral("trackingNumber: required"));
    struct Line
    {
        QString sku;
        double left = 0; // ordered, less what has shipped
    };
    QMap<QString, Line> lines; // by lineItemKey
    for (int i = 0; i < order->items.size(); ++i) {
        const QJsonObject item = order->items.at(i).toObject();
        const QString key = lineKeyOf(item, i);
        lines.insert(
            key, {item.value(QStringLiteral("sku")).toString(),
                  item.value(QStringLiteral("quantity")).toDouble() - order->shipped.value(key)});
    }
    QMap<QString, double> wanted; // by lineItemKey; all that is left unless items are given
    if (body.contains(QStringLiteral("items")))
        for (const QJsonValue &v : body.value(QStringLiteral("items")).toArray())
            wanted.insert(v[QLatin1String("lineItemKey")].toString(),
                          v[QLatin1String("quantity")].toDouble());
    else
        for (auto it = lines.cbegin(); it != lines.cend(); ++it)
            wanted.insert(it.key(), it->left);
    Shipment shipment;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (it.value() <= 0)
            continue;
        const Line line = lines.value(it.key());
        if (it.value() > line.left)
            return invalid(400, QStringLiteral("%1: %2 left to ship, not %3")
                                    .arg(it.key())
                                    .arg(line.left)
                                    .arg(it.value()));
        shipment.items.append(QJsonObject{{QStringLiteral("lineItemKey"), it.key()},
                                          {QStringLiteral("sku"), line.sku},
                                          {QStringLiteral("quantity"), it.value()}});
    }
    if (shipment.items.isEmpty())
        return invalid(400, QStringLiteral("nothing left to ship"));
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) // all of it fits: now it ships
        if (it.value() > 0) {
            order->shipped[it.key()] += it.value();
            lines[it.key()].left -= it.value();
        }
    if (std::all_of(lines.cbegin(), lines.cend(), [](const Line &l) { return l.left <= 0; }))
        order->orderStatus = QStringLiteral("shipped");
    shipment.shipmentId = m_nextShipmentId++;
    shipment.orderId = order->orderId;
    shipment.created = now.toUTC();
    shipment.trackingNumber = tracking;
    shipment.carrierCode = body.value(QStringLiteral("carrierCode")).toString(order->carrierCode);
    shipment.serviceCode = body.value(QStringLiteral("serviceCode")).toString(order->serviceCode);
    m_shipments << shipment;
    return HttpReply::json(200, shipmentJson(shipment, true));
}

bool ShipStationService::holdsOrder(const QString &orderKey) const
{
    return std::any_of(m_orders.cbegin(), m_orders.cend(),
                       [&orderKey](const Order &o) { return o.orderKey == orderKey; });
}

HttpReply ShipStationService::shipNext(const QDateTime &now)
{
    const auto open = std::find_if(m_orders.cbegin(), m_orders.cend(), [](const Order &o) {
        return o.orderStatus == u"awaiting_shipment";
    });
    if (open == m_orders.cend())
        return invalid(404, QStringLiteral("nothing waits to ship"));
    QJsonObject body{{QStringLiteral("orderKey"), open->orderKey},
                     {QStringLiteral("trackingNumber"),
                      QStringLiteral("9400%1%2")
                          .arg(m_random.bounded(100000000u), 9, 10, QLatin1Char('0'))
                          .arg(m_random.bounded(1000000000u), 9, 10, QLatin1Char('0'))}};
    // One order in four ships in two parts: first one piece of its first line.
    const QJsonObject first =
        open->items.isEmpty() ? QJsonObject() : open->items.first().toObject();
    const QString key = lineKeyOf(first, 0);
    const double left =
        first.value(QStringLiteral("quantity")).toDouble() - open->shipped.value(key);
    if (left >= 2 && open->shipped.isEmpty() && m_random.bounded(4) == 0)
        body.insert(QStringLiteral("items"),
                    QJsonArray{QJsonObject{{QStringLiteral("lineItemKey"), key},
                                           {QStringLiteral("quantity"), 1}}});
    return ship(body, now);
}

HttpReply ShipStationService::voidShipment(const QJsonObject &body, const QDateTime &now)
{
    const qint64 id = body.value(QStringLiteral("shipmentId")).toInteger();
    for (Shipment &s : m_shipments) {
        if (s.shipmentId != id)
            continue;
        if (s.voided.isValid())
            return invalid(409, QStringLiteral("shipment %1 is voided already").arg(id));
        s.voided = now.toUTC();
        return HttpReply::json(200, shipmentJson(s, true));
    }
    return invalid(404, QStringLiteral("shipmentId: no such shipment"));
}

QJsonObject ShipStationService::orderJson(const Order &order) const
{
    return {{QStringLiteral("orderId"), order.orderId},
            {QStringLiteral("orderKey"), order.orderKey},
            {QStringLiteral("orderNumber"), order.orderNumber},
            {QStringLiteral("orderStatus"), order.orderStatus},
            {QStringLiteral("orderDate"), order.orderDate},
            {QStringLiteral("carrierCode"), order.carrierCode},
            {QStringLiteral("serviceCode"), order.serviceCode},
            {QStringLiteral("customerEmail"),
             order.customerEmail.isEmpty() ? QJsonValue() : QJsonValue(order.customerEmail)},
            {QStringLiteral("shipTo"), order.shipTo},
            {QStringLiteral("billTo"), order.billTo},
            {QStringLiteral("items"), order.items}};
}

QJsonObject ShipStationService::shipmentJson(const Shipment &s, bool withItems) const
{
    const Order order = m_orders.value(s.orderId);
    return {{QStringLiteral("shipmentId"), s.shipmentId},
            {QStringLiteral("orderId"), s.orderId},
            {QStringLiteral("orderKey"), order.orderKey},
            {QStringLiteral("orderNumber"), order.orderNumber},
            {QStringLiteral("createDate"), isoUtc(s.created)},
            {QStringLiteral("shipDate"), s.created.date().toString(Qt::ISODate)},
            {QStringLiteral("trackingNumber"), s.trackingNumber},
            {QStringLiteral("carrierCode"), s.carrierCode},
            {QStringLiteral("serviceCode"), s.serviceCode},
            {QStringLiteral("voided"), s.voided.isValid()},
            {QStringLiteral("voidDate"),
             s.voided.isValid() ? QJsonValue(isoUtc(s.voided)) : QJsonValue()},
            {QStringLiteral("shipmentItems"), withItems ? QJsonValue(s.items) : QJsonValue()}};
}

QJsonObject ShipStationService::state() const
{
    QJsonArray orders;
    for (const Order &order : m_orders)
        orders.append(orderJson(order));
    QJsonArray shipments;
    for (const Shipment &s : m_shipments)
        shipments.append(shipmentJson(s, true));
    return {{QStringLiteral("orders"), orders},
            {QStringLiteral("shipments"), shipments},
            {QStringLiteral("requestsThisMinute"), m_used}};
}

} // namespace fulfillsync::sandbox
