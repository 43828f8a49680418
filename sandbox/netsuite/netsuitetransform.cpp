#include "sandbox/netsuite/netsuitetransform.h"

#include "sandbox/netsuite/netsuiterecords.h"
#include "sandbox/netsuite/netsuiteservice.h"
#include "sandbox/netsuite/netsuitestore.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace fulfillsync::sandbox {

namespace {

const QString kRecordRoot = QStringLiteral("/services/rest/record/v1");
const QRegularExpression kTransformPath(
    QStringLiteral("^/services/rest/record/v1/salesorder/([^/]+)/!transform/itemfulfillment$"),
    QRegularExpression::CaseInsensitiveOption);

HttpReply invalid(const QString &code, const QString &detail)
{
    return NetSuiteService::error(400, code, detail);
}

// A select or reference: "C", 12, {"id": "C"} or {"id": 12}.
QString idOf(const QJsonValue &value)
{
    const QJsonValue id = value.isObject() ? value.toObject().value(QLatin1String("id")) : value;
    if (id.isDouble())
        return QString::number(qint64(id.toDouble()));
    return id.toString();
}

// Field names are matched without regard to case, as NetSuite's own example writes
// "itemreceive" where the schema says "itemReceive".
QJsonValue field(const QJsonObject &o, const QString &name)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    return QJsonValue(QJsonValue::Undefined);
}

struct RequestedLine
{
    double quantity = -1; // -1: not given, the remaining quantity
    bool receive = true;
    qint64 location = -1; // -1: the order line's
};

} // namespace

bool NetSuiteTransform::isTransformPath(const QString &path)
{
    return kTransformPath.match(path).hasMatch();
}

HttpReply NetSuiteTransform::handle(const HttpRequest &request, NetSuiteStore &store,
                                    const QDateTime &now)
{
    if (request.method != QLatin1String("POST"))
        return NetSuiteService::error(
            405, QStringLiteral("INVALID_METHOD"),
            QStringLiteral("The %1 method is not supported for a transform; use POST.")
                .arg(request.method));
    if (!request.header("content-type").toLower().startsWith("application/json"))
        return NetSuiteService::error(415, QStringLiteral("INVALID_CONTENT_TYPE"),
                                      QStringLiteral("Invalid content type. You can only use "
                                                     "application/json with this request."));
    bool numeric = false;
    const qint64 orderId = kTransformPath.match(request.path).captured(1).toLongLong(&numeric);
    const SalesOrder *order = numeric ? store.salesOrder(orderId) : nullptr;
    if (!order)
        return NetSuiteService::error(404, QStringLiteral("NONEXISTENT_ID"),
                                      QStringLiteral("The record instance does not exist. "
                                                     "Provide a valid record instance ID."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(QStringLiteral("INVALID_CONTENT"),
                       QStringLiteral("The request body is not a valid JSON object."));
    const QJsonObject body = doc.object();

    ItemFulfillment f;
    f.createdFrom = order->id;
    f.tranDate = now.date();
    f.shipMethod = order->shipMethod;
    f.source = QStringLiteral("Web Services");
    f.shipStatus = store.data().features.pickPackShip ? QStringLiteral("A") : QStringLiteral("C");

    const QJsonValue externalId = field(body, QStringLiteral("externalId"));
    if (!externalId.isUndefined()) {
        static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]+$"));
        f.externalId = externalId.toString();
        if (!allowed.match(f.externalId).hasMatch())
            return invalid(QStringLiteral("INVALID_FLD_VALUE"),
                           QStringLiteral("Invalid externalId value. Use only letters, digits, "
                                          "underscores and hyphens."));
        if (store.fulfillmentByExternalId(f.externalId))
            return invalid(QStringLiteral("DUP_RCRD"),
                           QStringLiteral("This record already exists. A transaction with the "
                                          "external ID %1 exists.")
                               .arg(f.externalId));
    }
    const QJsonValue shipStatus = field(body, QStringLiteral("shipStatus"));
    if (!shipStatus.isUndefined()) {
        f.shipStatus = idOf(shipStatus);
        const bool known = f.shipStatus == QLatin1String("A") ||
                           f.shipStatus == QLatin1String("B") || f.shipStatus == QLatin1String("C");
        if (!known || (!store.data().features.pickPackShip && f.shipStatus != QLatin1String("C")))
            return invalid(
                QStringLiteral("INVALID_FLD_VALUE"),
                QStringLiteral("Invalid shipStatus reference key %1.").arg(f.shipStatus));
    }
    const QJsonValue tranDate = field(body, QStringLiteral("tranDate"));
    if (!tranDate.isUndefined()) {
        f.tranDate = QDate::fromString(tranDate.toString(), Qt::ISODate);
        if (!f.tranDate.isValid())
            return invalid(QStringLiteral("INVALID_FLD_VALUE"),
                           QStringLiteral("Invalid tranDate value %1; use YYYY-MM-DD.")
                               .arg(tranDate.toString()));
    }
    const QJsonValue shipMethod = field(body, QStringLiteral("shipMethod"));
    if (!shipMethod.isUndefined()) {
        f.shipMethod = idOf(shipMethod).toLongLong();
        if (store.shipMethodName(f.shipMethod).isEmpty())
            return invalid(
                QStringLiteral("INVALID_KEY_OR_REF"),
                QStringLiteral("Invalid shipMethod reference key %1.").arg(idOf(shipMethod)));
    }

    QHash<int, RequestedLine> requested;
    const QJsonArray items =
        field(field(body, QStringLiteral("item")).toObject(), QStringLiteral("items")).toArray();
    for (const QJsonValue &value : items) {
        const QJsonObject line = value.toObject();
        const QJsonValue orderLine = field(line, QStringLiteral("orderLine"));
        const int number = orderLine.isDouble() ? orderLine.toInt() : orderLine.toString().toInt();
        const bool known =
            std::any_of(order->lines.begin(), order->lines.end(),
                        [number](const SalesOrderLine &l) { return l.line == number; });
        if (!known)
            return invalid(QStringLiteral("INVALID_FLD_VALUE"),
                           QStringLiteral("Invalid orderLine %1: sales order %2 has no such line.")
                               .arg(idOf(orderLine), order->tranId));
        RequestedLine r;
        const QJsonValue receive = field(line, QStringLiteral("itemReceive"));
        r.receive = receive.isUndefined() || receive.toBool();
        const QJsonValue quantity = field(line, QStringLiteral("quantity"));
        if (!quantity.isUndefined()) {
            if (!quantity.isDouble() || quantity.toDouble() <= 0)
                return invalid(QStringLiteral("INVALID_FLD_VALUE"),
                               QStringLiteral("Invalid quantity for orderLine %1: a positive "
                                              "number is required.")
                                   .arg(number));
            r.quantity = quantity.toDouble();
        }
        const QJsonValue location = field(line, QStringLiteral("location"));
        if (!location.isUndefined())
            r.location = idOf(location).toLongLong();
        requested.insert(number, r);
    }
    const bool replaceItems = request.query.queryItemValue(QStringLiteral("replace"))
                                  .split(QLatin1Char(','))
                                  .contains(QLatin1String("item"), Qt::CaseInsensitive);

    const QString status = store.statusOf(order->id);
    const bool fulfillable = status == QLatin1String("B") || status == QLatin1String("D") ||
                             status == QLatin1String("E");
    for (const SalesOrderLine &l : order->lines) {
        const double left = l.quantity - store.quantityFulfilled(order->id, l.line);
        const auto wanted = requested.constFind(l.line);
        if (wanted == requested.cend() && replaceItems)
            continue;
        const RequestedLine r = wanted == requested.cend() ? RequestedLine() : *wanted;
        if (!r.receive || (wanted == requested.cend() && left <= 1e-9))
            continue;
        const double quantity = r.quantity < 0 ? left : r.quantity;
        if (quantity > left + 1e-9)
            return invalid(QStringLiteral("USER_ERROR"),
                           QStringLiteral("You cannot fulfill more than the remaining quantity. "
                                          "Order line %1 of %2 has %3 left; %4 were requested.")
                               .arg(l.line)
                               .arg(order->tranId)
                               .arg(std::max(0.0, left))
                               .arg(quantity));
        f.lines.append({l.line, l.item, quantity, r.location < 0 ? l.location : r.location});
    }
    if (!fulfillable || f.lines.isEmpty())
        return invalid(QStringLiteral("VALID_LINE_ITEM_REQD"),
                       QStringLiteral("You must have at least one valid line item for this "
                                      "transaction."));

    // Packages: the sublist the ship method uses, or the plain one.
    const QString carrierSublist =
        NetSuiteRecords::packageSublist(store.shipMethodName(f.shipMethod));
    const QString suffix = carrierSublist == QLatin1String("packageUps") ? QStringLiteral("Ups")
                           : carrierSublist == QLatin1String("packageFedex")
                               ? QStringLiteral("FedEx")
                           : carrierSublist == QLatin1String("packageUsps") ? QStringLiteral("Usps")
                                                                            : QString();
    for (const QString &name : {QStringLiteral("package"), QStringLiteral("packageUps"),
                                QStringLiteral("packageFedex"), QStringLiteral("packageUsps")}) {
        const QJsonValue sublist = field(body, name);
        if (sublist.isUndefined())
            continue;
        if (name != QLatin1String("package") && name.compare(carrierSublist, Qt::CaseInsensitive))
            return invalid(QStringLiteral("INVALID_FLD_VALUE"),
                           QStringLiteral("The sublist %1 is not available for ship method %2.")
                               .arg(name, store.shipMethodName(f.shipMethod)));
        const QString fieldSuffix = name == QLatin1String("package") ? QString() : suffix;
        for (const QJsonValue &value :
             field(sublist.toObject(), QStringLiteral("items")).toArray()) {
            const QJsonObject line = value.toObject();
            Package p;
            p.trackingNumber =
                field(line, QStringLiteral("packageTrackingNumber") + fieldSuffix).toString();
            const QJsonValue weight = field(line, QStringLiteral("packageWeight") + fieldSuffix);
            p.hasWeight = weight.isDouble();
            p.weight = weight.toDouble();
            f.packages.append(p);
        }
    }

    const qint64 id = store.addFulfillment(f, now);
    QUrl location = request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
    location.setPath(kRecordRoot + QStringLiteral("/itemFulfillment/") + QString::number(id));
    HttpReply reply;
    reply.status = 204;
    reply.contentType.clear();
    reply.addHeader("Location", location.toString().toUtf8());
    return reply;
}

} // namespace fulfillsync::sandbox
