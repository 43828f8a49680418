#include "models/item/tablereader.h"

#include "models/storage/database.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>

namespace fulfillsync {

TableReader::TableReader(Database &database)
    : m_database(database)
{}

void TableReader::readPage(quint64 generation, const TablePageQuery &query,
                           const QVariantList &cursor, int limit)
{
    if (generation != m_latest.load())
        return;
    TablePage page;
    page.generation = generation;
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen()) {
        page.error = error;
        Q_EMIT pageLoaded(page);
        return;
    }
    const TablePageQuery::Sql sql = query.pageSql(cursor, limit);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!prepareOrReport(q, sql.text, &page.error)) {
        Q_EMIT pageLoaded(page);
        return;
    }
    for (const QVariant &value : sql.values)
        q.addBindValue(value);
    if (!execOrReport(q, &page.error)) {
        Q_EMIT pageLoaded(page);
        return;
    }
    const int columns = int(query.columns().size());
    while (q.next()) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row << q.value(c);
        page.rows << row;
    }
    page.atEnd = page.rows.size() < limit;
    if (!page.rows.isEmpty())
        page.nextCursor = {page.rows.last().at(query.sortColumnIndex()), page.rows.last().at(0)};
    Q_EMIT pageLoaded(page);
}

void TableReader::countRows(quint64 generation, const TablePageQuery &query)
{
    if (generation != m_latest.load())
        return;
    QSqlDatabase db = m_database.connection();
    if (!db.isOpen())
        return;
    const TablePageQuery::Sql sql = query.countSql();
    QSqlQuery q(db);
    if (!q.prepare(sql.text))
        return;
    for (const QVariant &value : sql.values)
        q.addBindValue(value);
    if (q.exec() && q.next())
        Q_EMIT countLoaded(generation, q.value(0).toLongLong());
}

void TableReader::closeConnection()
{
    m_database.closeThreadConnection();
}

} // namespace fulfillsync
