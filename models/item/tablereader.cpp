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

} // namespace

// The query comes from the GUI, which does not know the engine; the reader does. On SQLite
// free text goes through the trigram index unless the needle is common enough for LIKE to find
// a page sooner (TablePageQuery::kDenseMatches). That is asked once per generation, not for
// every page.
TablePageQuery TableReader::forEngine(quint64 generation, TablePageQuery query, QSqlDatabase &db)
{
    query.useFts5 = m_database.isSqlite();
    if (generation != m_indexChoiceGeneration) {
        m_indexChoiceGeneration = generation;
        m_useIndex = true;
        if (const auto matches = query.indexedMatchesSql()) {
            QSqlQuery q(db);
            m_useIndex = !(run(q, *matches, nullptr) && q.next() &&
                           q.value(0).toInt() >= TablePageQuery::kDenseMatches);
        }
    }
    query.useFts5 = query.useFts5 && m_useIndex;
    return query;
}

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
    if (!run(q, forEngine(generation, query, db).pageSql(seek), &page.error)) {
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
    const TablePageQuery prepared = forEngine(generation, query, db);
    QSqlQuery count(db);
    if (!run(count, prepared.countSql(), nullptr) || !count.next())
        return;
    const qint64 total = count.value(0).toLongLong();
    if (anchorStride > 0 && total > anchorStride && m_database.isSqlite() &&
        prepared.text.trimmed().isEmpty()) {
        // The anchors before the count: when the scrollbar reaches the last row, a jump
        // anywhere already has a key nearby.
        TableAnchors anchors{generation, anchorStride,
                             hopAnchors(db, prepared, anchorStride, generation)};
        if (isStale(generation))
            return;
        if (!anchors.keys.isEmpty())
            Q_EMIT anchorsLoaded(anchors);
        Q_EMIT countLoaded(generation, total);
        return;
    }
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

void TableReader::locateRow(quint64 generation, const TablePageQuery &query, qint64 id)
{
    if (isStale(generation))
        return;
    QSqlDatabase db = m_database.connection();
    QSqlQuery q(db);
    if (!db.isOpen() || !run(q, forEngine(generation, query, db).positionSql(id), nullptr) ||
        !q.next()) {
        Q_EMIT rowLocated(generation, id, -1);
        return;
    }
    Q_EMIT rowLocated(generation, id, q.value(1).toLongLong() > 0 ? q.value(0).toLongLong() : -1);
}

QList<QVariantList> TableReader::hopAnchors(QSqlDatabase &db, const TablePageQuery &query,
                                            int stride, quint64 generation) const
{
    // From each anchor to the next by OFFSET: SQLite skips `stride` index entries inside one
    // statement and returns a single row, so a million rows take a thousand short statements
    // (0.2 s in bench_tables) instead of one window function over all of them (0.6–1.4 s). Not with
    // free text: its index subquery would run again for every hop.
    QList<QVariantList> keys;
    const int sortColumn = query.sortColumnIndex();
    TablePageQuery::Seek seek;
    seek.limit = 1;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    for (;;) {
        const TablePageQuery::Sql sql = query.pageSql(seek);
        if (keys.size() <= 1 && !prepareOrReport(q, sql.text, nullptr))
            return {}; // the first statement, then the one that hops (same text from then on)
        for (int i = 0; i < sql.values.size(); ++i)
            q.bindValue(i, sql.values.at(i));
        if (!q.exec())
            return {};
        if (!q.next())
            return keys;
        keys << QVariantList{q.value(sortColumn), q.value(0)};
        if (keys.size() % 64 == 0 && isStale(generation))
            return {};
        seek.anchor = keys.last();
        seek.offset = stride - 1;
    }
}

void TableReader::closeConnection()
{
    m_database.closeThreadConnection();
}

} // namespace fulfillsync
