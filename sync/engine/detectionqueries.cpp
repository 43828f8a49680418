#include "sync/engine/detectionqueries.h"

#include "sync/net/suiteql.h"

namespace fulfillsync {

namespace {
QString orderFilter(const char *column, const QList<qint64> &orderIds)
{
    if (orderIds.isEmpty())
        return {};
    QStringList literals;
    for (qint64 id : orderIds)
        literals << SuiteQl::integerLiteral(id);
    return QStringLiteral(" AND %1 IN (%2)")
        .arg(QLatin1String(column), literals.join(QStringLiteral(", ")));
}
} // namespace

QString DetectionQueries::fulfillmentsSince(const QDateTime &since, const QList<qint64> &orderIds)
{
    return QStringLiteral(
               "SELECT f.id AS if_id, f.tranid AS if_tranid, f.status AS if_status, "
               "TO_CHAR(f.lastmodifieddate, 'YYYY-MM-DD\"T\"HH24:MI:SS') AS if_lmd, "
               "TO_CHAR(f.trandate, 'YYYY-MM-DD') AS if_date, "
               "so.id AS so_id, so.tranid AS so_tranid, so.status AS so_status, "
               "TO_CHAR(so.trandate, 'YYYY-MM-DD') AS so_date, "
               "BUILTIN.DF(so.entity) AS customer, so.custbody_fa_channel AS channel, "
               "so.custbody_fa_channel_order AS channel_order, so.otherrefnum AS otherrefnum, "
               "fl.id AS if_line, ntll.previousline AS so_line, fl.item AS item, "
               "BUILTIN.DF(fl.item) AS item_name, fl.itemtype AS item_type, "
               "ABS(fl.quantity) AS quantity, "
               "fl.location AS location, BUILTIN.DF(fl.location) AS location_name, "
               "ts.shippingmethod AS ship_method, BUILTIN.DF(ts.shippingmethod) AS "
               "ship_method_name, "
               "tn.id AS tracking_id, tn.trackingnumber AS tracking_number, f.void AS if_void "
               "FROM transaction f "
               "JOIN NextTransactionLineLink ntll ON ntll.nextdoc = f.id AND ntll.linktype = "
               "'ShipRcpt' "
               "JOIN transactionline fl ON fl.transaction = f.id AND fl.id = ntll.nextline "
               "JOIN transaction so ON so.id = ntll.previousdoc "
               "LEFT JOIN TransactionShipment ts ON ts.doc = f.id "
               "LEFT JOIN TrackingNumberMap tnm ON tnm.transaction = f.id "
               "LEFT JOIN TrackingNumber tn ON tn.id = tnm.trackingnumber "
               "WHERE f.type = 'ItemShip' AND f.lastmodifieddate >= ") +
           SuiteQl::timestampLiteral(since) + orderFilter("so.id", orderIds) +
           QStringLiteral(" ORDER BY f.lastmodifieddate, f.id, fl.id, tn.id");
}

QString DetectionQueries::ordersSince(const QDateTime &since, const QList<qint64> &orderIds)
{
    return QStringLiteral(
               "SELECT so.id AS so_id, so.tranid AS so_tranid, so.status AS so_status, "
               "TO_CHAR(so.trandate, 'YYYY-MM-DD') AS so_date, "
               "TO_CHAR(so.lastmodifieddate, 'YYYY-MM-DD\"T\"HH24:MI:SS') AS so_lmd, "
               "BUILTIN.DF(so.entity) AS customer, so.custbody_fa_channel AS channel, "
               "so.custbody_fa_channel_order AS channel_order, so.otherrefnum AS otherrefnum, "
               "sl.id AS so_line, sl.item AS item, BUILTIN.DF(sl.item) AS item_name, "
               "ABS(sl.quantity) AS quantity, ABS(sl.quantityshiprecv) AS quantity_shipped "
               "FROM transaction so "
               "JOIN transactionline sl ON sl.transaction = so.id AND sl.mainline = 'F' "
               "AND sl.kitcomponent = 'F' "
               "WHERE so.type = 'SalesOrd' AND so.lastmodifieddate >= ") +
           SuiteQl::timestampLiteral(since) + orderFilter("so.id", orderIds) +
           QStringLiteral(" ORDER BY so.lastmodifieddate, so.id, sl.id");
}

QString DetectionQueries::kitMembers(const QList<qint64> &kitItemIds)
{
    QStringList literals;
    for (qint64 id : kitItemIds)
        literals << SuiteQl::integerLiteral(id);
    return QStringLiteral("SELECT im.parentitem AS kit, im.item AS item, BUILTIN.DF(im.item) AS "
                          "item_name, im.quantity AS quantity FROM itemmember im WHERE "
                          "im.parentitem IN (%1) ORDER BY im.parentitem, im.item")
        .arg(literals.join(QStringLiteral(", ")));
}

QList<KitMember> DetectionQueries::readKitMembers(const QList<QJsonObject> &rows)
{
    QList<KitMember> members;
    for (const QJsonObject &row : rows) {
        bool kitOk = false;
        bool itemOk = false;
        KitMember m;
        m.kitItemId = SuiteQlValue::integer(row, "kit", &kitOk);
        m.itemId = SuiteQlValue::integer(row, "item", &itemOk);
        m.itemName = SuiteQlValue::text(row, "item_name");
        m.quantity = SuiteQlValue::number(row, "quantity");
        if (kitOk && itemOk && m.quantity > 0)
            members << m;
    }
    return members;
}

namespace {

SalesOrder orderHeaderOf(const QJsonObject &row, bool *ok)
{
    SalesOrder order;
    order.id = SuiteQlValue::integer(row, "so_id", ok);
    order.tranId = SuiteQlValue::text(row, "so_tranid");
    order.status = SuiteQlValue::text(row, "so_status");
    order.tranDate = SuiteQlValue::text(row, "so_date");
    order.customer = SuiteQlValue::text(row, "customer");
    order.channel = SuiteQlValue::text(row, "channel");
    order.channelOrder = SuiteQlValue::text(row, "channel_order");
    if (order.channelOrder.isEmpty())
        order.channelOrder = SuiteQlValue::text(row, "otherrefnum");
    return order;
}

} // namespace

void FulfillmentRowReader::add(const QList<QJsonObject> &rows)
{
    for (const QJsonObject &row : rows) {
        bool idOk = false;
        bool orderOk = false;
        bool lineOk = false;
        const qint64 id = SuiteQlValue::integer(row, "if_id", &idOk);
        SalesOrder header = orderHeaderOf(row, &orderOk);
        const qint64 lineId = SuiteQlValue::integer(row, "if_line", &lineOk);
        const QString status = SuiteQlValue::text(row, "if_status");
        const QDateTime modified = SuiteQlValue::timestamp(row, "if_lmd");
        if (!idOk || !orderOk || !lineOk || status.size() != 1 || !modified.isValid()) {
            ++m_rejected;
            continue;
        }
        auto it = m_fulfillments.find(id);
        if (it == m_fulfillments.end()) {
            ItemFulfillment f;
            f.id = id;
            f.orderId = header.id;
            f.tranId = SuiteQlValue::text(row, "if_tranid");
            f.tranDate = SuiteQlValue::text(row, "if_date");
            f.shipStatus = status;
            f.shipMethodId = SuiteQlValue::integer(row, "ship_method");
            f.shipMethodName = SuiteQlValue::text(row, "ship_method_name");
            f.lastModified = modified;
            f.voided = SuiteQlValue::boolean(row, "if_void");
            it = m_fulfillments.insert(id, f);
            m_order << id;
        }
        ItemFulfillment &f = it.value();
        const bool knownLine =
            std::any_of(f.lines.cbegin(), f.lines.cend(),
                        [lineId](const ItemFulfillmentLine &l) { return l.lineId == lineId; });
        if (!knownLine) {
            ItemFulfillmentLine line;
            line.lineId = lineId;
            line.orderLine = SuiteQlValue::integer(row, "so_line");
            line.itemId = SuiteQlValue::integer(row, "item");
            line.itemName = SuiteQlValue::text(row, "item_name");
            line.quantity = SuiteQlValue::number(row, "quantity");
            line.locationId = SuiteQlValue::integer(row, "location");
            line.locationName = SuiteQlValue::text(row, "location_name");
            line.itemType = SuiteQlValue::text(row, "item_type");
            f.lines << line;
        }
        const QString tracking = SuiteQlValue::text(row, "tracking_number").trimmed();
        if (!tracking.isEmpty() && !f.trackingNumbers.contains(tracking))
            f.trackingNumbers << tracking;
        if (!m_newest.isValid() || modified > m_newest)
            m_newest = modified;
        m_orders.insert(header.id, header);
    }
}

QList<ItemFulfillment> FulfillmentRowReader::fulfillments() const
{
    QList<ItemFulfillment> result;
    result.reserve(m_order.size());
    for (qint64 id : m_order)
        result << m_fulfillments.value(id);
    return result;
}

QList<SalesOrder> FulfillmentRowReader::orderHeaders() const
{
    return m_orders.values();
}

void OrderRowReader::add(const QList<QJsonObject> &rows)
{
    for (const QJsonObject &row : rows) {
        bool orderOk = false;
        bool lineOk = false;
        SalesOrder header = orderHeaderOf(row, &orderOk);
        const qint64 lineId = SuiteQlValue::integer(row, "so_line", &lineOk);
        const QDateTime modified = SuiteQlValue::timestamp(row, "so_lmd");
        if (!orderOk || !lineOk || !modified.isValid()) {
            ++m_rejected;
            continue;
        }
        auto it = m_orders.find(header.id);
        if (it == m_orders.end()) {
            header.lastModified = modified;
            it = m_orders.insert(header.id, header);
            m_order << header.id;
        }
        SalesOrder &order = it.value();
        const bool knownLine =
            std::any_of(order.lines.cbegin(), order.lines.cend(),
                        [lineId](const SalesOrderLine &l) { return l.lineId == lineId; });
        if (!knownLine) {
            order.lines << SalesOrderLine{lineId, SuiteQlValue::integer(row, "item"),
                                          SuiteQlValue::text(row, "item_name"),
                                          SuiteQlValue::number(row, "quantity"),
                                          SuiteQlValue::number(row, "quantity_shipped")};
        }
        if (!m_newest.isValid() || modified > m_newest)
            m_newest = modified;
    }
}

QList<SalesOrder> OrderRowReader::orders() const
{
    QList<SalesOrder> result;
    result.reserve(m_order.size());
    for (qint64 id : m_order)
        result << m_orders.value(id);
    return result;
}

} // namespace fulfillsync
