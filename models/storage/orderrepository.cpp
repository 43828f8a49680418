#include "models/storage/orderrepository.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace fulfillsync {

namespace {
// NetSuite's copy is shared by every connector's passes, and each stores every order it reads,
// of every channel: rows are written in id order, so two passes storing overlapping pages take
// their locks in the same order and one waits for the other, instead of each holding a row the
// other needs next (a deadlock on PostgreSQL). Stable: a row listed twice is still stored last
// as listed last.
template<typename Row> QList<const Row *> inIdOrder(const QList<Row> &rows)
{
    QList<const Row *> sorted;
    sorted.reserve(rows.size());
    for (const Row &row : rows)
        sorted << &row;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Row *a, const Row *b) { return a->id < b->id; });
    return sorted;
}
} // namespace

OrderRepository::OrderRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_statements(m_db)
{}

bool OrderRepository::upsertHeader(const SalesOrder &o, bool withTotals)
{
    double ordered = 0;
    double shipped = 0;
    for (const SalesOrderLine &line : o.lines) {
        ordered += line.quantity;
        shipped += line.quantityShipped;
    }
    QString sql = QStringLiteral(
        "INSERT INTO sales_orders (id, tran_id, tran_date, customer, channel, channel_order, "
        "status, last_modified, ordered_qty, shipped_qty) VALUES (?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (id) DO UPDATE SET tran_id = excluded.tran_id, tran_date = "
        "excluded.tran_date, "
        "customer = excluded.customer, channel = excluded.channel, "
        "channel_order = excluded.channel_order, status = excluded.status, "
        "last_modified = CASE WHEN excluded.last_modified = '' THEN sales_orders.last_modified "
        "ELSE excluded.last_modified END");
    if (withTotals)
        sql += QStringLiteral(
            ", ordered_qty = excluded.ordered_qty, shipped_qty = excluded.shipped_qty");
    const auto statement = m_statements.prepare(sql, &m_error);
    if (!statement)
        return false;
    QSqlQuery &q = statement.query();
    q.addBindValue(o.id);
    q.addBindValue(o.tranId);
    q.addBindValue(o.tranDate);
    q.addBindValue(o.customer);
    q.addBindValue(o.channel);
    q.addBindValue(o.channelOrder);
    q.addBindValue(o.status);
    q.addBindValue(toStorageTime(o.lastModified));
    q.addBindValue(ordered);
    q.addBindValue(shipped);
    return execOrReport(q, &m_error);
}

bool OrderRepository::upsertOrders(const QList<SalesOrder> &orders)
{
    const QList<const SalesOrder *> sorted = inIdOrder(orders);
    return runTransaction(
        m_db, [&] { return storeOrders(sorted); }, &m_error);
}

bool OrderRepository::storeOrders(const QList<const SalesOrder *> &orders)
{
    QSqlQuery deleteLines(m_db);
    QSqlQuery insertLine(m_db);
    if (!prepareOrReport(deleteLines,
                         QStringLiteral("DELETE FROM sales_order_lines WHERE order_id = ?"),
                         &m_error) ||
        !prepareOrReport(
            insertLine,
            QStringLiteral("INSERT INTO sales_order_lines (order_id, line_id, item_id, "
                           "item_name, quantity, quantity_shipped) VALUES (?,?,?,?,?,?)"),
            &m_error))
        return false;
    // The header first: its row lock keeps a concurrent writer of the same order out of its
    // lines until this transaction ends.
    for (const SalesOrder *order : orders) {
        if (!upsertHeader(*order, true))
            return false;
        deleteLines.addBindValue(order->id);
        if (!execOrReport(deleteLines, &m_error))
            return false;
        for (const SalesOrderLine &line : order->lines) {
            insertLine.addBindValue(order->id);
            insertLine.addBindValue(line.lineId);
            insertLine.addBindValue(line.itemId);
            insertLine.addBindValue(line.itemName);
            insertLine.addBindValue(line.quantity);
            insertLine.addBindValue(line.quantityShipped);
            if (!execOrReport(insertLine, &m_error))
                return false;
        }
    }
    return true;
}

bool OrderRepository::upsertOrderHeaders(const QList<SalesOrder> &orders)
{
    const QList<const SalesOrder *> sorted = inIdOrder(orders);
    return runTransaction(
        m_db,
        [&] {
            for (const SalesOrder *order : sorted) {
                if (!upsertHeader(*order, false))
                    return false;
            }
            return true;
        },
        &m_error);
}

bool OrderRepository::upsertFulfillments(const QList<ItemFulfillment> &fulfillments)
{
    const QList<const ItemFulfillment *> sorted = inIdOrder(fulfillments);
    return runTransaction(
        m_db, [&] { return storeFulfillments(sorted); }, &m_error);
}

bool OrderRepository::storeFulfillments(const QList<const ItemFulfillment *> &fulfillments)
{
    QSqlQuery header(m_db);
    QSqlQuery deleteLines(m_db);
    QSqlQuery deletePackages(m_db);
    QSqlQuery insertLine(m_db);
    QSqlQuery insertPackage(m_db);
    if (!prepareOrReport(
            header,
            QStringLiteral(
                "INSERT INTO item_fulfillments (id, order_id, tran_id, tran_date, "
                "ship_status, ship_method_id, ship_method_name, last_modified, voided, problem) "
                "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET order_id = "
                "excluded.order_id, tran_id = excluded.tran_id, tran_date = "
                "excluded.tran_date, ship_status = excluded.ship_status, ship_method_id "
                "= excluded.ship_method_id, ship_method_name = excluded.ship_method_name, "
                "last_modified = excluded.last_modified, voided = excluded.voided, "
                "problem = excluded.problem"),
            &m_error) ||
        !prepareOrReport(
            deleteLines,
            QStringLiteral("DELETE FROM item_fulfillment_lines WHERE fulfillment_id = ?"),
            &m_error) ||
        !prepareOrReport(deletePackages,
                         QStringLiteral("DELETE FROM packages WHERE fulfillment_id = ?"),
                         &m_error) ||
        !prepareOrReport(
            insertLine,
            QStringLiteral("INSERT INTO item_fulfillment_lines (fulfillment_id, line_id, "
                           "order_line, item_id, item_name, quantity, location_id, "
                           "location_name, item_type) VALUES (?,?,?,?,?,?,?,?,?)"),
            &m_error) ||
        !prepareOrReport(insertPackage,
                         QStringLiteral("INSERT INTO packages (fulfillment_id, position, "
                                        "tracking_number) VALUES (?,?,?)"),
                         &m_error))
        return false;
    for (const ItemFulfillment *fulfillment : fulfillments) {
        const ItemFulfillment &f = *fulfillment;
        header.addBindValue(f.id);
        header.addBindValue(f.orderId);
        header.addBindValue(f.tranId);
        header.addBindValue(f.tranDate);
        header.addBindValue(f.shipStatus);
        header.addBindValue(f.shipMethodId);
        header.addBindValue(f.shipMethodName);
        header.addBindValue(toStorageTime(f.lastModified));
        header.addBindValue(f.voided ? 1 : 0);
        header.addBindValue(f.problem);
        if (!execOrReport(header, &m_error))
            return false;
        deleteLines.addBindValue(f.id);
        deletePackages.addBindValue(f.id);
        if (!execOrReport(deleteLines, &m_error) || !execOrReport(deletePackages, &m_error))
            return false;
        for (const ItemFulfillmentLine &line : f.lines) {
            insertLine.addBindValue(f.id);
            insertLine.addBindValue(line.lineId);
            insertLine.addBindValue(line.orderLine);
            insertLine.addBindValue(line.itemId);
            insertLine.addBindValue(line.itemName);
            insertLine.addBindValue(line.quantity);
            insertLine.addBindValue(line.locationId);
            insertLine.addBindValue(line.locationName);
            insertLine.addBindValue(line.itemType);
            if (!execOrReport(insertLine, &m_error))
                return false;
        }
        for (int i = 0; i < f.trackingNumbers.size(); ++i) {
            insertPackage.addBindValue(f.id);
            insertPackage.addBindValue(i);
            insertPackage.addBindValue(f.trackingNumbers.at(i));
            if (!execOrReport(insertPackage, &m_error))
                return false;
        }
    }
    return true;
}

std::optional<SalesOrder> OrderRepository::order(qint64 id)
{
    const auto statement = m_statements.prepare(
        QStringLiteral("SELECT id, tran_id, tran_date, customer, channel, "
                       "channel_order, status, last_modified FROM sales_orders "
                       "WHERE id = ?"),
        &m_error);
    if (!statement)
        return std::nullopt;
    QSqlQuery &q = statement.query();
    q.addBindValue(id);
    if (!execOrReport(q, &m_error) || !q.next())
        return std::nullopt;
    SalesOrder o;
    o.id = q.value(0).toLongLong();
    o.tranId = q.value(1).toString();
    o.tranDate = q.value(2).toString();
    o.customer = q.value(3).toString();
    o.channel = q.value(4).toString();
    o.channelOrder = q.value(5).toString();
    o.status = q.value(6).toString();
    o.lastModified = fromStorageTime(q.value(7).toString());

    const auto linesStatement = m_statements.prepare(
        QStringLiteral("SELECT line_id, item_id, item_name, quantity, "
                       "quantity_shipped FROM sales_order_lines WHERE order_id = ? "
                       "ORDER BY line_id"),
        &m_error);
    if (!linesStatement)
        return std::nullopt;
    QSqlQuery &lines = linesStatement.query();
    lines.addBindValue(id);
    if (!execOrReport(lines, &m_error))
        return std::nullopt;
    while (lines.next()) {
        o.lines << SalesOrderLine{lines.value(0).toLongLong(), lines.value(1).toLongLong(),
                                  lines.value(2).toString(), lines.value(3).toDouble(),
                                  lines.value(4).toDouble()};
    }
    return o;
}

std::optional<SalesOrder> OrderRepository::orderByTranId(const QString &tranId)
{
    const auto statement = m_statements.prepare(
        QStringLiteral("SELECT id FROM sales_orders WHERE tran_id = ?"), &m_error);
    if (!statement)
        return std::nullopt;
    QSqlQuery &q = statement.query();
    q.addBindValue(tranId);
    if (!execOrReport(q, &m_error) || !q.next())
        return std::nullopt;
    return order(q.value(0).toLongLong());
}

QList<ItemFulfillment> OrderRepository::fulfillmentsOfOrder(qint64 orderId)
{
    return selectFulfillments(QStringLiteral("order_id = ?"), orderId);
}

QList<ItemFulfillment> OrderRepository::selectFulfillments(const QString &where, qint64 value)
{
    QList<ItemFulfillment> result;
    const auto statement = m_statements.prepare(
        QStringLiteral("SELECT id, order_id, tran_id, tran_date, ship_status, "
                       "ship_method_id, ship_method_name, last_modified, voided, problem "
                       "FROM item_fulfillments WHERE ") +
            where + QStringLiteral(" ORDER BY id"),
        &m_error);
    if (!statement)
        return result;
    QSqlQuery &q = statement.query();
    q.addBindValue(value);
    if (!execOrReport(q, &m_error))
        return result;
    while (q.next()) {
        ItemFulfillment f;
        f.id = q.value(0).toLongLong();
        f.orderId = q.value(1).toLongLong();
        f.tranId = q.value(2).toString();
        f.tranDate = q.value(3).toString();
        f.shipStatus = q.value(4).toString();
        f.shipMethodId = q.value(5).toLongLong();
        f.shipMethodName = q.value(6).toString();
        f.lastModified = fromStorageTime(q.value(7).toString());
        f.voided = q.value(8).toInt() != 0;
        f.problem = q.value(9).toString();
        result << f;
    }
    const auto linesStatement = m_statements.prepare(
        QStringLiteral("SELECT line_id, order_line, item_id, item_name, quantity, location_id, "
                       "location_name, item_type FROM item_fulfillment_lines "
                       "WHERE fulfillment_id = ? ORDER BY line_id"),
        &m_error);
    const auto packagesStatement = m_statements.prepare(
        QStringLiteral("SELECT tracking_number FROM packages WHERE fulfillment_id = ? "
                       "ORDER BY position"),
        &m_error);
    if (!linesStatement || !packagesStatement)
        return {};
    QSqlQuery &lines = linesStatement.query();
    QSqlQuery &packages = packagesStatement.query();
    for (ItemFulfillment &f : result) {
        lines.addBindValue(f.id);
        if (!execOrReport(lines, &m_error))
            return {};
        while (lines.next()) {
            f.lines << ItemFulfillmentLine{lines.value(0).toLongLong(), lines.value(1).toLongLong(),
                                           lines.value(2).toLongLong(), lines.value(3).toString(),
                                           lines.value(4).toDouble(),   lines.value(5).toLongLong(),
                                           lines.value(6).toString(),   lines.value(7).toString()};
        }
        packages.addBindValue(f.id);
        if (!execOrReport(packages, &m_error))
            return {};
        while (packages.next())
            f.trackingNumbers << packages.value(0).toString();
    }
    return result;
}

bool OrderRepository::replaceKitMembers(const QList<qint64> &kitItemIds,
                                        const QList<KitMember> &members)
{
    QList<qint64> kits = kitItemIds;
    std::sort(kits.begin(), kits.end());
    QList<const KitMember *> sorted;
    for (const KitMember &m : members)
        sorted << &m;
    std::stable_sort(sorted.begin(), sorted.end(), [](const KitMember *a, const KitMember *b) {
        return std::pair(a->kitItemId, a->itemId) < std::pair(b->kitItemId, b->itemId);
    });
    return runTransaction(
        m_db,
        [&] {
            QSqlQuery remove(m_db);
            QSqlQuery insert(m_db);
            // A kit has no parent row to lock: another pass may store the same kit at the same
            // time, and a member it inserted meanwhile is updated here, not a duplicate key.
            if (!prepareOrReport(remove,
                                 QStringLiteral("DELETE FROM kit_members WHERE kit_item_id = ?"),
                                 &m_error) ||
                !prepareOrReport(
                    insert,
                    QStringLiteral("INSERT INTO kit_members (kit_item_id, member_item_id, "
                                   "member_name, quantity) VALUES (?,?,?,?) ON CONFLICT "
                                   "(kit_item_id, member_item_id) DO UPDATE SET member_name = "
                                   "excluded.member_name, quantity = excluded.quantity"),
                    &m_error))
                return false;
            for (qint64 kit : std::as_const(kits)) {
                remove.addBindValue(kit);
                if (!execOrReport(remove, &m_error))
                    return false;
            }
            for (const KitMember *m : std::as_const(sorted)) {
                insert.addBindValue(m->kitItemId);
                insert.addBindValue(m->itemId);
                insert.addBindValue(m->itemName);
                insert.addBindValue(m->quantity);
                if (!execOrReport(insert, &m_error))
                    return false;
            }
            return true;
        },
        &m_error);
}

QHash<qint64, QList<KitMember>> OrderRepository::kitMembers()
{
    return selectKitMembers({}, {});
}

QHash<qint64, QList<KitMember>>
OrderRepository::kitMembersOf(const QList<ItemFulfillment> &fulfillments)
{
    QVariantList kits;
    for (const ItemFulfillment &f : fulfillments)
        for (const ItemFulfillmentLine &line : f.lines)
            if (line.isKit() && !kits.contains(line.itemId))
                kits << line.itemId;
    if (kits.isEmpty())
        return {};
    QStringList marks(kits.size(), QStringLiteral("?"));
    return selectKitMembers(
        QStringLiteral("WHERE kit_item_id IN (%1) ").arg(marks.join(QStringLiteral(", "))), kits);
}

QHash<qint64, QList<KitMember>> OrderRepository::selectKitMembers(const QString &where,
                                                                  const QVariantList &values)
{
    QHash<qint64, QList<KitMember>> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!runQuery(q,
                  QStringLiteral("SELECT kit_item_id, member_item_id, member_name, quantity FROM "
                                 "kit_members ") +
                      where + QStringLiteral("ORDER BY kit_item_id, member_item_id"),
                  values, &m_error))
        return result;
    while (q.next()) {
        const KitMember m{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                          q.value(3).toDouble()};
        result[m.kitItemId] << m;
    }
    return result;
}

QList<qint64> OrderRepository::orderIdsChangedSince(const QDateTime &since, bool *ok)
{
    QList<qint64> ids;
    QSqlQuery q(m_db);
    const QString from = toStorageTime(since);
    const bool read =
        runQuery(q,
                 QStringLiteral("SELECT id FROM sales_orders WHERE last_modified >= ? UNION "
                                "SELECT order_id FROM item_fulfillments WHERE last_modified >= ?"),
                 {from, from}, &m_error);
    if (ok)
        *ok = read;
    if (!read)
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

QList<qint64> OrderRepository::ordersShippedBetween(const QString &channel, const QDate &from,
                                                    const QDate &until, bool *ok)
{
    QList<qint64> ids;
    QSqlQuery q(m_db);
    // tran_date is NetSuite's YYYY-MM-DD: it sorts as text.
    const bool read = runQuery(
        q,
        QStringLiteral("SELECT DISTINCT so.id FROM sales_orders so JOIN item_fulfillments f ON "
                       "f.order_id = so.id WHERE LOWER(so.channel) = LOWER(?) AND "
                       "f.ship_status = ? AND f.voided = 0 AND f.tran_date >= ? AND "
                       "f.tran_date <= ? ORDER BY so.id"),
        {channel, ShipStatus::Shipped, from.toString(Qt::ISODate), until.toString(Qt::ISODate)},
        &m_error);
    if (ok)
        *ok = read;
    while (read && q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

bool OrderRepository::storedChanges(const QDateTime &from, const QDateTime &to,
                                    StoredChanges *orders, StoredChanges *fulfillments)
{
    const QString range = QStringLiteral(
        " WHERE last_modified >= ? AND last_modified < ?"); // the stored form sorts as text
    const std::pair<const char *, StoredChanges *> tables[] = {{"sales_orders", orders},
                                                               {"item_fulfillments", fulfillments}};
    for (const auto &[table, result] : tables) {
        QSqlQuery q(m_db);
        if (!runQuery(q,
                      QStringLiteral("SELECT COUNT(*), COALESCE(SUM(id), 0), "
                                     "COALESCE(MAX(last_modified), '') FROM ") +
                          QLatin1String(table) + range,
                      {toStorageTime(from), toStorageTime(to)}, &m_error))
            return false;
        if (!q.next()) {
            m_error = QStringLiteral("no count of %1").arg(QLatin1String(table));
            return false;
        }
        result->count = q.value(0).toLongLong();
        result->idSum = q.value(1).toLongLong();
        result->newest = fromStorageTime(q.value(2).toString());
    }
    return true;
}

std::optional<QHash<qint64, QDateTime>> OrderRepository::storedModified(bool fulfillments,
                                                                        const QList<qint64> &ids)
{
    QHash<qint64, QDateTime> modified;
    constexpr qsizetype kPerQuery = 500;
    for (qsizetype from = 0; from < ids.size(); from += kPerQuery) {
        const QList<qint64> chunk = ids.mid(from, kPerQuery);
        const QStringList marks(chunk.size(), QStringLiteral("?"));
        QVariantList values;
        for (qint64 id : chunk)
            values << id;
        QSqlQuery q(m_db);
        if (!runQuery(q,
                      QStringLiteral("SELECT id, last_modified FROM ") +
                          (fulfillments ? QLatin1String("item_fulfillments")
                                        : QLatin1String("sales_orders")) +
                          QStringLiteral(" WHERE id IN (") + marks.join(u',') + u')',
                      values, &m_error))
            return std::nullopt;
        while (q.next())
            modified.insert(q.value(0).toLongLong(), fromStorageTime(q.value(1).toString()));
    }
    return modified;
}

QList<qint64> OrderRepository::kitItemsChangedSince(const QDateTime &since)
{
    QList<qint64> ids;
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT DISTINCT l.item_id FROM item_fulfillment_lines l JOIN "
                                 "item_fulfillments f ON f.id = l.fulfillment_id WHERE "
                                 "f.last_modified >= ? AND l.item_type = 'Kit'"),
                  {toStorageTime(since)}, &m_error))
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

QList<qint64> OrderRepository::orderIdsInSyncState(const QString &channel, const QString &state)
{
    QList<qint64> ids;
    const auto statement = m_statements.prepare(
        QStringLiteral("SELECT id FROM sales_orders WHERE LOWER(channel) = LOWER(?) "
                       "AND sync_state = ?"),
        &m_error);
    if (!statement)
        return ids;
    QSqlQuery &q = statement.query();
    q.addBindValue(channel);
    q.addBindValue(state);
    if (!execOrReport(q, &m_error))
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

bool OrderRepository::updateSyncState(qint64 orderId, const QString &state, const QString &message,
                                      double pushedQuantity, const QDateTime &lastAttemptAt)
{
    const auto statement = m_statements.prepare(
        QStringLiteral("UPDATE sales_orders SET sync_state = ?, sync_message = ?, "
                       "pushed_qty = ?, last_attempt_at = CASE WHEN ? = '' THEN "
                       "last_attempt_at ELSE ? END WHERE id = ?"),
        &m_error);
    if (!statement)
        return false;
    QSqlQuery &q = statement.query();
    const QString attempt = toStorageTime(lastAttemptAt);
    q.addBindValue(state);
    q.addBindValue(StoredText::capped(message, StoredText::kMessage));
    q.addBindValue(pushedQuantity);
    q.addBindValue(attempt);
    q.addBindValue(attempt);
    q.addBindValue(orderId);
    return execOrReport(q, &m_error);
}

} // namespace fulfillsync
