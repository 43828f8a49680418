#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <optional>

namespace fulfillsync {

// What a big table shows: which table, which filters, which sort. Turned into SQL with bound
// values only; table and column names come from the fixed specs in tablepagequery.cpp, never
// from input. Sorting is offered only on columns with a matching (column, id) index.
struct TablePageQuery
{
    enum class Table { Orders, History, Inbox, Reconciliation };

    Table table = Table::History;
    QString text;      // free text, matched against the table's text columns
    // Orders: sync_state key; History: outcome; Inbox: state; Reconciliation: verdict; empty =
    // all. A leading '!' means every value but this one ("!matched": whatever did not match).
    QString state;
    QString status;    // Orders: NetSuite status letter; History: trigger; Inbox: problem
    QString connector; // Orders: channel; History and Inbox: connector name; empty = all
    QDate from; // Orders: order date; History, Inbox, Reconciliation: day (local) of the attempt,
                // the change, the reading
    QDate to;          // inclusive
    int sortColumn = -1; // model column (see sortableColumns()); -1 = the table's default
    bool ascending = false;
    // Set by readers on SQLite: free text of three or more characters is matched through the
    // FTS5 trigram tables instead of LIKE '%…%', which scans the table. PostgreSQL keeps LIKE,
    // which its pg_trgm indexes answer.
    bool useFts5 = false;

    struct Sql
    {
        QString text;
        QVariantList values;
    };

    // Where a page starts: `offset` rows past `anchor` (the key of a row, exclusive) in scan
    // order, or past the start when anchor is empty. `reverse` scans against the view order, so
    // pages near the end cost as little as pages near the start.
    struct Seek
    {
        QVariantList anchor; // {sort value, id}
        qint64 offset = 0;
        int limit = 200;
        bool reverse = false;
    };

    QStringList columns() const; // database column names, in model column order (first = id)
    static QList<int> sortableColumns(Table table); // model columns (without the id column)
    bool isSortable(int modelColumn) const;
    int sortColumnIndex() const; // index into columns() of the effective sort column
    Sql pageSql(const Seek &seek) const;
    Sql countSql() const;
    // With useFts5: how many rows the index matches, counted up to kDenseMatches. A needle that
    // matches that many is better found by LIKE walking the sort order (a page lies within the
    // first few thousand rows) than by sorting every match; a reader switches useFts5 off then.
    static constexpr int kDenseMatches = 5000;
    std::optional<Sql> indexedMatchesSql() const;
    // The key of every `stride`-th row in view order (row 0, stride, 2*stride...).
    Sql anchorSql(int stride) const;
    // Where the row with this id is in view order: one row of (rows before it, whether it is in
    // this view at all). Finds a highlighted record again after a refresh moved it.
    Sql positionSql(qint64 id) const;
    // Every column (id first) in view order, for exports that stream straight from SQL; history
    // can add the recorded (redacted) request and response bodies as two last columns.
    Sql exportSql(bool withBodies = false) const;
    bool hasBodies() const { return table == Table::History; }

    bool operator==(const TablePageQuery &) const = default;

private:
    QString whereClause(QVariantList &values) const;
    QString textCondition(const QString &needle, QVariantList &values) const;
    QString orderBy(bool reverse) const;
};

} // namespace fulfillsync
