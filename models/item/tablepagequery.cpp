#include "models/item/tablepagequery.h"

namespace fulfillsync {

namespace {

struct TableSpec
{
    QString table;
    QString sortColumn;
    QStringList columns;
    QStringList textColumns;
    QString stateColumn;
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
        QStringLiteral("sync_state")};
    static const TableSpec history{
        QStringLiteral("sync_attempts"),
        QStringLiteral("occurred_at"),
        {QStringLiteral("id"), QStringLiteral("occurred_at"), QStringLiteral("connector_name"),
         QStringLiteral("order_tran_id"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("trigger_kind"), QStringLiteral("outcome"), QStringLiteral("error_class"),
         QStringLiteral("duration_ms"), QStringLiteral("message")},
        {QStringLiteral("order_tran_id"), QStringLiteral("fulfillment_tran_id"),
         QStringLiteral("message")},
        QStringLiteral("outcome")};
    return table == TablePageQuery::Table::Orders ? orders : history;
}

QString escapeLike(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'%', QStringLiteral("\\%"));
    text.replace(u'_', QStringLiteral("\\_"));
    return text;
}

} // namespace

QStringList TablePageQuery::columns() const
{
    return specOf(table).columns;
}

int TablePageQuery::sortColumnIndex() const
{
    const TableSpec &spec = specOf(table);
    return int(spec.columns.indexOf(spec.sortColumn));
}

QString TablePageQuery::whereClause(QVariantList &values) const
{
    const TableSpec &spec = specOf(table);
    QStringList conditions;
    if (!state.isEmpty()) {
        conditions << spec.stateColumn + QStringLiteral(" = ?");
        values << state;
    }
    const QString needle = text.trimmed();
    if (!needle.isEmpty()) {
        QStringList any;
        for (const QString &column : spec.textColumns) {
            any << QStringLiteral("LOWER(%1) LIKE ? ESCAPE '\\'").arg(column);
            values << QVariant(QStringLiteral("%") + escapeLike(needle.toLower()) +
                               QStringLiteral("%"));
        }
        conditions << u'(' + any.join(QStringLiteral(" OR ")) + u')';
    }
    return conditions.isEmpty()
               ? QString()
               : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

TablePageQuery::Sql TablePageQuery::pageSql(const QVariantList &cursor, int limit) const
{
    const TableSpec &spec = specOf(table);
    Sql sql;
    QString where = whereClause(sql.values);
    if (cursor.size() == 2) {
        // Keyset continuation; the portable OR form works on SQLite and PostgreSQL alike.
        where += where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
        where += QStringLiteral("(%1 < ? OR (%1 = ? AND id < ?))").arg(spec.sortColumn);
        sql.values << cursor.at(0) << cursor.at(0) << cursor.at(1);
    }
    sql.text = QStringLiteral("SELECT ") + spec.columns.join(QStringLiteral(", ")) +
               QStringLiteral(" FROM ") + spec.table + where +
               QStringLiteral(" ORDER BY %1 DESC, id DESC LIMIT ?").arg(spec.sortColumn);
    sql.values << limit;
    return sql;
}

TablePageQuery::Sql TablePageQuery::countSql() const
{
    const TableSpec &spec = specOf(table);
    Sql sql;
    const QString where = whereClause(sql.values);
    sql.text = QStringLiteral("SELECT COUNT(*) FROM ") + spec.table + where;
    return sql;
}

} // namespace fulfillsync
