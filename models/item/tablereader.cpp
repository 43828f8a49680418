#include "models/item/tablereader.h"

#include "models/storage/database.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <algorithm>

namespace fulfillsync {

namespace {

bool run(QSqlQuery &q, const TablePageQuery::Sql &sql, QString *error)
{
    q.setForwardOnly(true);
    if (!prepareOrReport(q, sql.text, error))
        return false;
    for (const QVariant &value : sql.values)
        q.addBindValue(value);
    return execOrReport(q, error);
}

// The query comes from the GUI, which does not know the engine; the reader does. On SQLite
// free text goes through the trigram index unless the needle is common enough for LIKE to find
// a page sooner (TablePageQuery::kDenseMatches).
TablePageQuery forEngine(TablePageQuery query, const Database &database, QSqlDatabase &db)
{
    query.useFts5 = database.isSqlite();
    if (const auto matches = query.indexedMatchesSql()) {
        QSqlQuery q(db);
        if (run(q, *matches, nullptr) && q.next() &&
            q.value(0).toInt() >= TablePageQuery::kDenseMatches)
            query.useFts5 = false;
    }
    return query;
}

} // namespace

TableReader::TableReader(Database &database)
    : m_database(database)
{}

void TableReader::readPage(quint64 generation, const TablePageQuery &query, int index,
                           const TablePageQuery::Seek &seek)
{
    if (isStale(generation))
        return;
    TablePage page;
    page.generation = generation;
    page.index = index;
    QSqlDatabase db = m_database.connection(&page.error);
    if (!db.isOpen()) {
        Q_EMIT pageLoaded(page);
        return;
    }
    QSqlQuery q(db);
    if (!run(q, forEngine(query, m_database, db).pageSql(seek), &page.error)) {
        Q_EMIT pageLoaded(page);
        return;
    }
    const int columns = int(query.columns().size());
    page.rows.reserve(seek.limit);
    while (q.next()) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row << q.value(c);
        page.rows << row;
    }
    page.atEnd = !seek.reverse && page.rows.size() < seek.limit;
    if (seek.reverse)
        std::reverse(page.rows.begin(), page.rows.end());
    Q_EMIT pageLoaded(page);
}

void TableReader::countRows(quint64 generation, const TablePageQuery &query, int anchorStride)
{
    if (isStale(generation))
        return;
    QSqlDatabase db = m_database.connection();
    if (!db.isOpen())
        return;
    const TablePageQuery prepared = forEngine(query, m_database, db);
    QSqlQuery count(db);
    if (!run(count, prepared.countSql(), nullptr) || !count.next())
        return;
    const qint64 total = count.value(0).toLongLong();
    Q_EMIT countLoaded(generation, total);
    if (anchorStride <= 0 || total <= anchorStride || isStale(generation))
        return;
    TableAnchors anchors;
    anchors.generation = generation;
    anchors.stride = anchorStride;
    QSqlQuery q(db);
    if (!run(q, prepared.anchorSql(anchorStride), nullptr))
        return;
    while (q.next())
        anchors.keys << QVariantList{q.value(0), q.value(1)};
    Q_EMIT anchorsLoaded(anchors);
}

void TableReader::closeConnection()
{
    m_database.closeThreadConnection();
}

} // namespace fulfillsync
