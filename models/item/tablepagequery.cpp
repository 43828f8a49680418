#include "models/item/tablepagequery.h"

#include "models/domain/timestamps.h"

#include <QTimeZone>

namespace fulfillsync {

namespace {

struct TableSpec
{
    QString table;
    QString defaultSort;
    QStringList columns;
    QStringList textColumns;
    QString stateColumn;
    QString statusColumn;
    QString connectorColumn;
    QString dateColumn;
    bool dateIsTimestamp = false;
    QList<int> sortable; // model columns; each has a (column, id) index (migration 0007)
    // Free text also finds rows through this (one LIKE parameter), e.g. orders by tracking.
    QString textSubquery;
    // Sorted by another column than shown: the order number by NetSuite's internal id, which
    // NetSuite hands out in the order it numbers transactions (so SO99999 comes before
    // SO100000, where text would put it after).
    QHash<int, QString> sortKeys = {};
    // With useFts5: the FTS5 trigram table that finds rows by free text (migration 0016), and
    // the ids of matching rows it does not hold yet (kept in bulk, see TextIndex): %1 stands
    // for the LIKE terms over textColumns; each '?' of its own takes the LIKE pattern too.
    QString textIndex = {};
    QString textNotIndexed = {};
    QString textStale = {}; // ids whose index entry may be out of date (they are in the above)
};

const TableSpec &specOf(TablePageQuery::Table table)
{
    static const TableSpec orders{
        QStringLiteral("sales_orders"),
        QStringLiteral("tran_date"),
        {QStringLiteral("id"), QStringLiteral("tran_id"), QStringLiteral("tran_date"),
         QStringLiteral("customer"), QStringLiteral("channel"), QStringLiteral("channel_order"),
         QStringLiteral("status"), QStringLiteral("ordered_qty"), QStringLiteral("shipped_qty"),
         QStringLiteral("pushed_qty"), QStringLiteral("sync_state"),
         QStringLiteral("last_attempt_at"), QStringLiteral("sync_message")},
        {QStringLiteral("tran_id"), QStringLiteral("customer"), QStringLiteral("channel_order")},
        QStringLiteral("sync_state"),
        QStringLiteral("status"),
        QStringLiteral("channel"),
        QStringLiteral("tran_date"),
        false,
        {0, 1, 10}, // order number, date, last attempt
        // The order's packages: uncorrelated, so the packages are scanned once per query.
        QStringLiteral("id IN (SELECT f.order_id FROM item_fulfillments f JOIN packages p ON "
                       "p.fulfillment_id = f.id WHERE LOWER(p.tracking_number) LIKE ? "
                       "ESCAPE '\\')"),
        {{0, QStringLiteral("id")}},
        QStringLiteral("sales_orders_text"),
        // CROSS JOIN keeps this order: the few pending orders first, not a scan of them all.
        QStringLiteral("SELECT o.id FROM order_text_pending q CROSS JOIN sales_orders o ON o.id "
                       "= q.order_id WHERE (%1) OR o.id IN (SELECT f.order_id FROM "
                       "item_fulfillments f JOIN packages p ON p.fulfillment_id = f.id WHERE "
                       "f.order_id = o.id AND LOWER(p.tracking_number) LIKE ? ESCAPE '\\')"),
        QStringLiteral("SELECT order_id FROM order_text_pending")};
    static const TableSpec history{
        QStringLiteral("sync_attempts"),
        QStringLiteral("occurred_at"),
        {QStringLiteral("id"), QStringLiteral("occurred_at"), QStringLiteral("connector_name"),
         QStringLiteral("order_tran_id"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("trigger_kind"), QStringLiteral("outcome"), QStringLiteral("error_class"),
         QStringLiteral("duration_ms"), QStringLiteral("message"),
         QStringLiteral("tracking_numbers")},
        {QStringLiteral("order_tran_id"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("message"), QStringLiteral("tracking_numbers")},
        QStringLiteral("outcome"),
        QStringLiteral("trigger_kind"),
        QStringLiteral("connector_name"),
        QStringLiteral("occurred_at"),
        true,
        {0, 2, 7}, // time, order, duration
        {},
        {{2, QStringLiteral("order_id")}},
        QStringLiteral("sync_attempts_text"),
        QStringLiteral("SELECT id FROM sync_attempts WHERE id > (SELECT CAST(value AS INTEGER) "
                       "FROM meta WHERE key = 'history_text_indexed_to') AND (%1)")};
    static const TableSpec inbox{
        QStringLiteral("inbox_items"),
        QStringLiteral("updated_at"),
        {QStringLiteral("id"), QStringLiteral("updated_at"), QStringLiteral("connector_name"),
         QStringLiteral("order_tran_id"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("problem"), QStringLiteral("state"), QStringLiteral("message"),
         QStringLiteral("opened_at"), QStringLiteral("resolution")},
        {QStringLiteral("order_tran_id"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("message"), QStringLiteral("resolution")},
        QStringLiteral("state"),
        QStringLiteral("problem"),
        QStringLiteral("connector_name"),
        QStringLiteral("updated_at"),
        true,
        {0, 2}, // updated, order
        {},
        {{2, QStringLiteral("order_id")}}};
    // The stored readings of the last reconciliations (migration 0028's view joins each to its
    // order, connector and any decision about it). verdict and checked_at have (column, id)
    // indexes on the readings.
    static const TableSpec reconciliation{
        QStringLiteral("reconciliation_view"),
        QStringLiteral("checked_at"),
        {QStringLiteral("id"), QStringLiteral("checked_at"), QStringLiteral("connector_name"),
         QStringLiteral("order_tran_id"), QStringLiteral("channel_order"),
         QStringLiteral("customer"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("channel_fulfillment_id"), QStringLiteral("verdict"),
         QStringLiteral("detail"), QStringLiteral("resolution"),
         // Not shown as columns: what the resolution column and the row actions need.
         QStringLiteral("resolution_state"), QStringLiteral("resolved_by"),
         QStringLiteral("resolved_db_user"), QStringLiteral("resolved_at"),
         QStringLiteral("order_id"), QStringLiteral("connector_id"),
         QStringLiteral("fulfillment_id")},
        {QStringLiteral("order_tran_id"), QStringLiteral("channel_order"),
         QStringLiteral("customer"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("channel_fulfillment_id"), QStringLiteral("detail"),
         QStringLiteral("resolution")},
        QStringLiteral("verdict"),
        QString(),
        QStringLiteral("connector_name"),
        QStringLiteral("checked_at"),
        true,
        {0, 7}, // checked, verdict
        {}};
    switch (table) {
    case TablePageQuery::Table::Orders:
        return orders;
    case TablePageQuery::Table::Reconciliation:
        return reconciliation;
    case TablePageQuery::Table::History:
        return history;
    case TablePageQuery::Table::Inbox:
        return inbox;
    }
    return history;
}

QString escapeLike(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'%', QStringLiteral("\\%"));
    text.replace(u'_', QStringLiteral("\\_"));
    return text;
}

// The needle as one FTS5 phrase: a substring match with the trigram tokenizer. Inside double
// quotes only a double quote is special, and doubling it is FTS5's escape.
QString ftsPhrase(QString text)
{
    text.replace(u'"', QStringLiteral("\"\""));
    return u'"' + text + u'"';
}

// The trigram index finds substrings of three characters or more; shorter ones are LIKE's.
bool trigramsCanFind(const QString &needle)
{
    return needle.toUcs4().size() >= 3;
}

QString sortColumnName(const TablePageQuery &query)
{
    const TableSpec &spec = specOf(query.table);
    if (query.sortColumn >= 0 && spec.sortable.contains(query.sortColumn))
        return spec.sortKeys.value(query.sortColumn, spec.columns.value(query.sortColumn + 1));
    return spec.defaultSort;
}

// Bounds of a local calendar day range as stored values: dates for orders, UTC timestamps for
// history (the admin means their own days).
QVariant lowerBound(const TableSpec &spec, const QDate &day)
{
    if (!spec.dateIsTimestamp)
        return day.toString(Qt::ISODate);
    return toStorageTime(QDateTime(day, QTime(0, 0), QTimeZone::systemTimeZone()));
}

} // namespace

QStringList TablePageQuery::columns() const
{
    return specOf(table).columns;
}

QList<int> TablePageQuery::sortableColumns(Table table)
{
    return specOf(table).sortable;
}

bool TablePageQuery::isSortable(int modelColumn) const
{
    return specOf(table).sortable.contains(modelColumn);
}

int TablePageQuery::sortColumnIndex() const
{
    return int(specOf(table).columns.indexOf(sortColumnName(*this)));
}

QString TablePageQuery::whereClause(QVariantList &values) const
{
    const TableSpec &spec = specOf(table);
    QStringList conditions;
    const auto equals = [&](const QString &column, const QString &value) {
        if (value.isEmpty() || column.isEmpty())
            return;
        if (value.startsWith(u'!')) {
            conditions << column + QStringLiteral(" <> ?");
            values << value.mid(1);
            return;
        }
        conditions << column + QStringLiteral(" = ?");
        values << value;
    };
    equals(spec.stateColumn, state);
    equals(spec.statusColumn, status);
    equals(spec.connectorColumn, connector);
    if (from.isValid()) {
        conditions << spec.dateColumn + QStringLiteral(" >= ?");
        values << lowerBound(spec, from);
    }
    if (to.isValid()) {
        conditions << spec.dateColumn + QStringLiteral(" < ?");
        values << lowerBound(spec, to.addDays(1));
    }
    const QString needle = text.trimmed();
    if (!needle.isEmpty())
        conditions << textCondition(needle, values);
    return conditions.isEmpty()
               ? QString()
               : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QString TablePageQuery::textCondition(const QString &needle, QVariantList &values) const
{
    const TableSpec &spec = specOf(table);
    const QVariant pattern(u'%' + escapeLike(needle.toLower()) + u'%');
    const auto likeAnyColumn = [&] {
        QStringList terms;
        for (const QString &column : spec.textColumns) {
            terms << QStringLiteral("LOWER(%1) LIKE ? ESCAPE '\\'").arg(column);
            values << pattern;
        }
        return terms.join(QStringLiteral(" OR "));
    };
    if (useFts5 && !spec.textIndex.isEmpty() && trigramsCanFind(needle)) {
        values << ftsPhrase(needle);
        const QString notIndexed = spec.textNotIndexed.arg(likeAnyColumn());
        for (qsizetype i = 0; i < spec.textNotIndexed.count(u'?'); ++i)
            values << pattern;
        const QString fresh = spec.textStale.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" AND rowid NOT IN (%1)").arg(spec.textStale);
        return QStringLiteral("id IN (SELECT rowid FROM %1 WHERE %1 MATCH ?%2 UNION ALL %3)")
            .arg(spec.textIndex, fresh, notIndexed);
    }
    QString any = likeAnyColumn();
    if (!spec.textSubquery.isEmpty()) {
        any += QStringLiteral(" OR ") + spec.textSubquery;
        values << pattern;
    }
    return u'(' + any + u')';
}

QString TablePageQuery::orderBy(bool reverse) const
{
    const QString direction = ascending != reverse ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return QStringLiteral(" ORDER BY %1 %2, id %2").arg(sortColumnName(*this), direction);
}

TablePageQuery::Sql TablePageQuery::pageSql(const Seek &seek) const
{
    const TableSpec &spec = specOf(table);
    Sql sql;
    QString where = whereClause(sql.values);
    if (seek.anchor.size() == 2) {
        // Keyset seek. The leading range term (s <= ?) lets SQLite and PostgreSQL start the index
        // scan at the anchor; the OR form alone would make SQLite walk from the first row.
        const bool up = ascending != seek.reverse;
        const QString column = sortColumnName(*this);
        where += where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
        where += up ? QStringLiteral("%1 >= ? AND (%1 > ? OR id > ?)").arg(column)
                    : QStringLiteral("%1 <= ? AND (%1 < ? OR id < ?)").arg(column);
        sql.values << seek.anchor.at(0) << seek.anchor.at(0) << seek.anchor.at(1);
    }
    sql.text = QStringLiteral("SELECT ") + spec.columns.join(QStringLiteral(", ")) +
               QStringLiteral(" FROM ") + spec.table + where + orderBy(seek.reverse) +
               QStringLiteral(" LIMIT ? OFFSET ?");
    sql.values << seek.limit << seek.offset;
    return sql;
}

std::optional<TablePageQuery::Sql> TablePageQuery::indexedMatchesSql() const
{
    const TableSpec &spec = specOf(table);
    const QString needle = text.trimmed();
    if (!useFts5 || spec.textIndex.isEmpty() || !trigramsCanFind(needle))
        return std::nullopt;
    return Sql{QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM %1 WHERE %1 MATCH ? LIMIT %2)")
                   .arg(spec.textIndex)
                   .arg(kDenseMatches),
               {ftsPhrase(needle)}};
}

TablePageQuery::Sql TablePageQuery::countSql() const
{
    const TableSpec &spec = specOf(table);
    Sql sql;
    const QString where = whereClause(sql.values);
    sql.text = QStringLiteral("SELECT COUNT(*) FROM ") + spec.table + where;
    return sql;
}

TablePageQuery::Sql TablePageQuery::anchorSql(int stride) const
{
    const TableSpec &spec = specOf(table);
    Sql sql;
    const QString column = sortColumnName(*this);
    const QString where = whereClause(sql.values);
    // Window functions run inside the engine (SQLite 3.25+, PostgreSQL): one index walk, no
    // million rows through the driver.
    sql.text =
        QStringLiteral("SELECT k, id, n FROM (SELECT %1 AS k, id, ROW_NUMBER() OVER (%2) - 1 "
                       "AS n FROM %3%4) AS numbered WHERE n % ? = 0 ORDER BY n")
            .arg(column, orderBy(false).trimmed(), spec.table, where);
    sql.values << stride;
    return sql;
}

TablePageQuery::Sql TablePageQuery::positionSql(qint64 id) const
{
    const TableSpec &spec = specOf(table);
    const QString column = sortColumnName(*this);
    const auto withCondition = [](const QString &where, const QString &condition) -> QString {
        return where + (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
               condition;
    };
    // The row's own sort value is read in SQL: it may have changed since the page was read.
    const QString key = QStringLiteral("(SELECT %1 FROM %2 WHERE id = ?)").arg(column, spec.table);
    const QString before = ascending ? QStringLiteral("<") : QStringLiteral(">");
    Sql sql;
    const QString countWhere = withCondition(
        whereClause(sql.values),
        QStringLiteral("(%1 %3 %2 OR (%1 = %2 AND id %3 ?))").arg(column, key, before));
    sql.values << id << id << id;
    const QString existsWhere = withCondition(whereClause(sql.values), QStringLiteral("id = ?"));
    sql.values << id;
    sql.text = QStringLiteral("SELECT (SELECT COUNT(*) FROM %1%2), "
                              "(SELECT COUNT(*) FROM %1%3)")
                   .arg(spec.table, countWhere, existsWhere);
    return sql;
}

TablePageQuery::Sql TablePageQuery::exportSql(bool withBodies) const
{
    const TableSpec &spec = specOf(table);
    Sql sql;
    const QString where = whereClause(sql.values);
    QStringList columns = spec.columns;
    if (withBodies && hasBodies())
        columns << QStringLiteral("request") << QStringLiteral("response");
    sql.text = QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")) +
               QStringLiteral(" FROM ") + spec.table + where + orderBy(false);
    return sql;
}

} // namespace fulfillsync
