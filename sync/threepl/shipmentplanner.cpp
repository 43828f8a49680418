#include "sync/threepl/shipmentplanner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fulfillsync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ShipmentPlanner", text);
}

const SalesOrderLine *lineFor(const SalesOrder &order, const ThreePlShipmentItem &item)
{
    bool numeric = false;
    const qint64 key = item.lineItemKey.toLongLong(&numeric);
    for (const SalesOrderLine &l : order.lines)
        if (numeric && l.lineId == key)
            return &l;
    return nullptr;
}

} // namespace

QString ShipmentPlanner::orderKeyFor(const QString &accountId, qint64 salesOrderId)
{
    return QStringLiteral("ns-%1-%2").arg(accountId).arg(salesOrderId);
}

qint64 ShipmentPlanner::salesOrderOf(const QString &orderKey, const QString &accountId)
{
    const QString prefix = QStringLiteral("ns-%1-").arg(accountId);
    if (!orderKey.startsWith(prefix, Qt::CaseInsensitive))
        return 0;
    bool ok = false;
    const qint64 id = orderKey.mid(prefix.size()).toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

QString ShipmentPlanner::externalIdFor(const QString &shipmentId)
{
    QString safe;
    for (const QChar c : shipmentId)
        safe += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_' ? c : u'_';
    return QStringLiteral("fs3pl-") + safe;
}

ShipmentPlanner::Plan ShipmentPlanner::plan(const ThreePlShipment &shipment,
                                            const SalesOrder &order, const QString &externalId,
                                            const QHash<qint64, double> &alreadyTaken,
                                            qint64 shipMethodId)
{
    Plan result;
    if (shipment.items.isEmpty()) {
        result.holdReason =
            tr("The 3PL reported shipment %1 without items.").arg(shipment.shipmentId);
        return result;
    }
    for (const ThreePlShipmentItem &item : shipment.items) {
        const SalesOrderLine *line = lineFor(order, item);
        if (!line) {
            result.holdReason =
                tr("Shipment %1 ships \"%2\" (line key \"%3\"), which is not a line of %4.")
                    .arg(shipment.shipmentId, item.sku, item.lineItemKey, order.tranId);
            return result;
        }
        result.quantities[line->lineId] += item.quantity;
    }
    QJsonArray lines;
    for (const SalesOrderLine &l : order.lines) {
        const double shipped = result.quantities.value(l.lineId);
        const double left = l.quantity - l.quantityShipped - alreadyTaken.value(l.lineId);
        if (shipped > left + 1e-9) {
            result.holdReason = tr("Shipment %1 ships %2 of %3 on %4, but only %5 are left to "
                                   "fulfil. Someone may have fulfilled it in NetSuite already.")
                                    .arg(shipment.shipmentId)
                                    .arg(shipped)
                                    .arg(l.itemName, order.tranId)
                                    .arg(std::max(0.0, left));
            result.overQuantity = true;
            result.quantities.clear();
            return result;
        }
        QJsonObject line{{QStringLiteral("orderLine"), l.lineId},
                         {QStringLiteral("itemReceive"), shipped > 0}};
        if (shipped > 0)
            line.insert(QStringLiteral("quantity"), shipped);
        lines.append(line);
    }
    QJsonObject body{
        {QStringLiteral("externalId"), externalId},
        {QStringLiteral("shipStatus"), QJsonObject{{QStringLiteral("id"), QStringLiteral("C")}}},
        {QStringLiteral("tranDate"), shipment.createdAt.date().toString(Qt::ISODate)},
        {QStringLiteral("item"), QJsonObject{{QStringLiteral("items"), lines}}}};
    if (shipMethodId > 0)
        body.insert(QStringLiteral("shipMethod"),
                    QJsonObject{{QStringLiteral("id"), QString::number(shipMethodId)}});
    if (!shipment.trackingNumber.isEmpty())
        body.insert(QStringLiteral("package"),
                    QJsonObject{{QStringLiteral("items"),
                                 QJsonArray{QJsonObject{{QStringLiteral("packageTrackingNumber"),
                                                         shipment.trackingNumber}}}}});
    result.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return result;
}

qint64 ShipmentPlanner::shipMethodFor(const ThreePlShipment &shipment,
                                      const QList<MappingRule> &rules)
{
    if (shipment.carrierCode.isEmpty())
        return 0;
    const QString service = shipment.carrierCode + u'/' + shipment.serviceCode;
    QList<const MappingRule *> exact, carrierOnly;
    for (const MappingRule &r : rules) {
        if (r.kind != MappingKind::ShipMethod)
            continue;
        if (!shipment.serviceCode.isEmpty() && r.target.compare(service, Qt::CaseInsensitive) == 0)
            exact << &r;
        else if (r.target.compare(shipment.carrierCode, Qt::CaseInsensitive) == 0)
            carrierOnly << &r;
    }
    const QList<const MappingRule *> &found = exact.isEmpty() ? carrierOnly : exact;
    if (found.size() != 1)
        return 0;
    bool numeric = false;
    const qint64 id = found.first()->sourceKey.toLongLong(&numeric);
    return numeric && id > 0 ? id : 0;
}

} // namespace fulfillsync
