#include "sync/engine/detectionqueries.h"

#include "sync/net/suiteql.h"

#include <QCoreApplication>
#include <cmath>
#include <map>

namespace fulfillsync {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DetectionQueries)
};

QString isoSeconds(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

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

QString DetectionQueries::probeSince(const QDateTime &since, const QDateTime &readTo)
{
    const QString from =
        QStringLiteral("t.lastmodifieddate >= ") + SuiteQl::timestampLiteral(readTo);
    const QString part = QStringLiteral("CASE WHEN %1 THEN 'from' ELSE 'upto' END").arg(from);
    return QStringLiteral("SELECT t.type AS kind, %1 AS part, COUNT(*) AS n, SUM(t.id) AS s, "
                          "TO_CHAR(MAX(t.lastmodifieddate), 'YYYY-MM-DD\"T\"HH24:MI:SS') AS m "
                          "FROM transaction t WHERE t.type IN ('ItemShip', 'SalesOrd') AND "
                          "t.lastmodifieddate >= ")
               .arg(part) +
           SuiteQl::timestampLiteral(since) +
           QStringLiteral(" GROUP BY t.type, %1 ORDER BY t.type").arg(part);
}

DetectionQueries::ProbeAnswer DetectionQueries::readProbe(const QList<QJsonObject> &rows)
{
    ProbeAnswer answer;
    for (const QJsonObject &row : rows) {
        bool countOk = false;
        bool sumOk = false;
        const QString kind = SuiteQlValue::text(row, "kind");
        const QString part = SuiteQlValue::text(row, "part");
        const double count = SuiteQlValue::number(row, "n", &countOk);
        const double sum = SuiteQlValue::number(row, "s", &sumOk);
        const QDateTime newest = SuiteQlValue::timestamp(row, "m");
        if ((kind != u"ItemShip" && kind != u"SalesOrd") || !countOk || !sumOk ||
            !newest.isValid() || count < 1)
            return {}; // unknown is never "nothing changed"
        if (!answer.newest.isValid() || newest > answer.newest)
            answer.newest = newest;
        const ChangeCount counted{qint64(count), qint64(std::llround(sum)), newest};
        if (part == u"upto")
            answer.upTo.insert(kind, counted);
        else if (part == u"from")
            answer.from.insert(kind, counted);
        else
            return {};
    }
    answer.readable = true;
    return answer;
}

void DetectionQueries::add(ChangeCount &sum, const ChangeCount &more)
{
    sum.count += more.count;
    sum.idSum += more.idSum;
    if (!sum.newest.isValid() || more.newest > sum.newest)
        sum.newest = more.newest;
}

QHash<QString, DetectionQueries::ChangeCount>
DetectionQueries::added(QHash<QString, ChangeCount> sum, const QHash<QString, ChangeCount> &more)
{
    for (auto it = more.cbegin(); it != more.cend(); ++it)
        add(sum[it.key()], it.value());
    return sum;
}

QString DetectionQueries::digest(const QHash<QString, ChangeCount> &byType)
{
    std::map<QString, QString> parts; // by type, so the text does not depend on the hash's order
    for (auto it = byType.cbegin(); it != byType.cend(); ++it)
        if (it->count > 0)
            parts[it.key()] = QStringLiteral("%1:%2:%3:%4")
                                  .arg(it.key())
                                  .arg(it->count)
                                  .arg(it->idSum)
                                  .arg(isoSeconds(it->newest));
    QStringList text;
    for (const auto &[kind, part] : parts)
        text << part;
    return text.join(u'|');
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

void UnreadableRows::note(const QDateTime &modified, const QString &problem)
{
    ++count;
    if (firstProblem.isEmpty())
        firstProblem = problem;
    if (!modified.isValid())
        undated = true;
    else if (!oldest.isValid() || modified < oldest)
        oldest = modified;
}

void UnreadableRows::merge(const UnreadableRows &other)
{
    if (other.count == 0)
        return;
    count += other.count;
    undated |= other.undated;
    if (firstProblem.isEmpty())
        firstProblem = other.firstProblem;
    if (other.oldest.isValid() && (!oldest.isValid() || other.oldest < oldest))
        oldest = other.oldest;
}

QDateTime UnreadableRows::cap(const QDateTime &newest, const QDateTime &current) const
{
    if (count == 0)
        return newest;
    if (undated)
        return current; // where it was: everything is read again
    // At the unreadable row itself, so the next pass (which reads from before it) sees it again.
    const QDateTime capped = newest.isValid() && newest < oldest ? newest : oldest;
    return current.isValid() && current > capped ? current : capped;
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

enum class Quantity { MayBeZero, Positive };

// A quantity NetSuite sends as a string: a finite, non-negative number, or a problem. A line of
// a saved item fulfillment is one that was fulfilled (a line not to fulfil, itemreceive F, is not
// kept), and we know of no source that documents a linked line with quantity 0: a 0 read there
// is taken as damaged, and the whole fulfillment is held, never pushed without that line.
double quantityOf(const QJsonObject &row, const char *key, Quantity rule, QString *problem)
{
    bool ok = false;
    const double q = SuiteQlValue::number(row, key, &ok);
    const QJsonValue raw = row.value(QLatin1String(key));
    if (!ok || q < 0)
        *problem = raw.isUndefined() || raw.isNull()
                       ? Text::tr("NetSuite sent no quantity")
                       : Text::tr("NetSuite sent the quantity \"%1\", which is not a number")
                             .arg(SuiteQlValue::text(row, key).left(40));
    else if (q == 0 && rule == Quantity::Positive)
        *problem =
            Text::tr("NetSuite sent the quantity 0, which a saved fulfillment line never has");
    return ok ? q : 0;
}

// Takes the entries of `order` (ids in arrival order) out of `items`, except the last `keep`.
template<typename T>
QList<T> takeFrom(QList<qint64> &order, QHash<qint64, T> &items, qsizetype keep)
{
    QList<T> result;
    const qsizetype n = std::max<qsizetype>(0, order.size() - keep);
    result.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        result << items.take(order.at(i));
    order.remove(0, n);
    return result;
}

} // namespace

void FulfillmentRowReader::holdIncomplete(ItemFulfillment &f)
{
    if (!f.problem.isEmpty())
        return;
    f.problem = Text::tr("%1 could not be read completely: NetSuite sent a row of it, or next to "
                         "it, without a readable id. It is held, never sent in part, and read "
                         "again on every run until NetSuite returns it whole.")
                    .arg(f.tranId);
    m_unreadable.note(f.lastModified, f.problem);
}

void FulfillmentRowReader::add(const QList<QJsonObject> &rows)
{
    for (const QJsonObject &row : rows) {
        bool idOk = false;
        bool orderOk = false;
        const qint64 id = SuiteQlValue::integer(row, "if_id", &idOk);
        SalesOrder header = orderHeaderOf(row, &orderOk);
        const QDateTime modified = SuiteQlValue::timestamp(row, "if_lmd");
        if (!idOk || !orderOk) {
            m_unreadable.note(modified, Text::tr("a fulfillment row without a readable "
                                                 "fulfillment or sales order id"));
            const qint64 owner = idOk ? id : m_lastId;
            if (auto it = m_fulfillments.find(owner); it != m_fulfillments.end())
                holdIncomplete(*it);
            m_nextIncomplete = true;
            continue;
        }
        const bool afterUnreadable = std::exchange(m_nextIncomplete, false) && id != m_lastId;
        m_lastId = id;
        // Everything but the ids: a damaged value holds the fulfillment instead of being
        // taken as empty (an empty channel would quietly make it another connector's).
        qint64 shipMethod = 0, orderLine = 0, location = 0;
        const bool typed = SuiteQlValue::wellTyped(row) &&
                           SuiteQlValue::optionalInteger(row, "ship_method", &shipMethod) &&
                           SuiteQlValue::optionalInteger(row, "so_line", &orderLine) &&
                           SuiteQlValue::optionalInteger(row, "location", &location);
        auto it = m_fulfillments.find(id);
        if (it == m_fulfillments.end()) {
            ItemFulfillment f;
            f.id = id;
            f.orderId = header.id;
            f.tranId = SuiteQlValue::text(row, "if_tranid");
            f.tranDate = SuiteQlValue::text(row, "if_date");
            f.shipStatus = SuiteQlValue::text(row, "if_status");
            f.shipMethodId = shipMethod;
            f.shipMethodName = SuiteQlValue::text(row, "ship_method_name");
            f.lastModified = modified;
            f.voided = SuiteQlValue::boolean(row, "if_void");
            if (f.tranId.isEmpty())
                f.tranId = QStringLiteral("IF#%1").arg(id);
            it = m_fulfillments.insert(id, f);
            m_order << id;
        }
        ItemFulfillment &f = it.value();
        if (afterUnreadable)
            holdIncomplete(f);
        QString problem;
        if (!typed)
            problem = Text::tr("NetSuite sent a value of the wrong type");
        else if (!modified.isValid())
            problem = Text::tr("NetSuite sent no readable last-modified time");
        else if (f.shipStatus.size() != 1 || !QStringLiteral("ABC").contains(f.shipStatus.at(0)))
            problem = Text::tr("NetSuite sent the ship status \"%1\"").arg(f.shipStatus.left(20));
        bool lineOk = false;
        bool itemOk = false;
        const qint64 lineId = SuiteQlValue::integer(row, "if_line", &lineOk);
        const qint64 itemId = SuiteQlValue::integer(row, "item", &itemOk);
        if (problem.isEmpty() && (!lineOk || !itemOk))
            problem = Text::tr("NetSuite sent a line without a readable line or item id");
        const bool knownLine = lineOk && std::any_of(f.lines.cbegin(), f.lines.cend(),
                                                     [lineId](const ItemFulfillmentLine &l) {
                                                         return l.lineId == lineId;
                                                     });
        if (lineOk && !knownLine) {
            ItemFulfillmentLine line;
            line.lineId = lineId;
            line.orderLine = orderLine;
            line.itemId = itemId;
            line.itemName = SuiteQlValue::text(row, "item_name");
            QString quantityProblem;
            line.quantity = quantityOf(row, "quantity", Quantity::Positive, &quantityProblem);
            if (problem.isEmpty() && !quantityProblem.isEmpty())
                problem = Text::tr("%1 for line %2 (%3)")
                              .arg(quantityProblem)
                              .arg(lineId)
                              .arg(line.itemName);
            line.locationId = location;
            line.locationName = SuiteQlValue::text(row, "location_name");
            line.itemType = SuiteQlValue::text(row, "item_type");
            f.lines << line;
        }
        if (!problem.isEmpty()) {
            if (f.problem.isEmpty())
                f.problem = Text::tr("%1 could not be read completely: %2. It is held, never "
                                     "sent in part, and read again on every run until NetSuite "
                                     "returns it whole.")
                                .arg(f.tranId, problem);
            m_unreadable.note(modified, f.problem);
        }
        const QString tracking = SuiteQlValue::text(row, "tracking_number").trimmed();
        if (!tracking.isEmpty() && !f.trackingNumbers.contains(tracking))
            f.trackingNumbers << tracking;
        if (modified.isValid() && (!m_newest.isValid() || modified > m_newest))
            m_newest = modified;
        if (typed) // a damaged row never overwrites the order's header
            m_orders.insert(header.id, header);
    }
}

QList<ItemFulfillment> FulfillmentRowReader::takeComplete()
{
    return takeFrom(m_order, m_fulfillments, 1);
}

QList<ItemFulfillment> FulfillmentRowReader::takeAll()
{
    return takeFrom(m_order, m_fulfillments, 0);
}

QList<SalesOrder> FulfillmentRowReader::takeOrderHeaders()
{
    QList<SalesOrder> headers = m_orders.values();
    m_orders.clear();
    return headers;
}

void OrderRowReader::add(const QList<QJsonObject> &rows)
{
    for (const QJsonObject &row : rows) {
        bool orderOk = false;
        bool lineOk = false;
        SalesOrder header = orderHeaderOf(row, &orderOk);
        const qint64 lineId = SuiteQlValue::integer(row, "so_line", &lineOk);
        const QDateTime modified = SuiteQlValue::timestamp(row, "so_lmd");
        QString quantityProblem;
        const double quantity = quantityOf(row, "quantity", Quantity::MayBeZero, &quantityProblem);
        bool shippedOk = false;
        const double shipped = SuiteQlValue::number(row, "quantity_shipped", &shippedOk);
        qint64 item = 0;
        const bool typed =
            SuiteQlValue::wellTyped(row) && SuiteQlValue::optionalInteger(row, "item", &item) &&
            (shippedOk || row.value(QLatin1String("quantity_shipped")).isUndefined());
        if (!orderOk || !lineOk || !modified.isValid() || !quantityProblem.isEmpty() || !typed) {
            m_unreadable.note(
                modified, Text::tr("sales order %1: a line could not be read").arg(header.tranId));
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
            order.lines << SalesOrderLine{lineId, item, SuiteQlValue::text(row, "item_name"),
                                          quantity, shipped};
        }
        if (!m_newest.isValid() || modified > m_newest)
            m_newest = modified;
    }
}

QList<SalesOrder> OrderRowReader::takeComplete()
{
    return takeFrom(m_order, m_orders, 1);
}

QList<SalesOrder> OrderRowReader::takeAll()
{
    return takeFrom(m_order, m_orders, 0);
}

} // namespace fulfillsync
