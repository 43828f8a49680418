#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace fulfillsync {

// What a big table shows: which table, which filter. Turned into SQL with bound values only;
// table and column names come from the fixed specs in tablepagequery.cpp, never from input.
struct TablePageQuery
{
    enum class Table { Orders, History };

    Table table = Table::History;
    QString text;  // free text, matched against the table's text columns
    QString state; // Orders: sync_state key; History: outcome key; empty = all

    struct Sql
    {
        QString text;
        QVariantList values;
    };

    QStringList columns() const; // database column names, in model column order (first = id)
    int sortColumnIndex() const;
    // Newest first, keyed on (sort column, id). cursor: empty for the first page.
    Sql pageSql(const QVariantList &cursor, int limit) const;
    Sql countSql() const;

    bool operator==(const TablePageQuery &) const = default;

private:
    QString whereClause(QVariantList &values) const;
};

} // namespace fulfillsync
