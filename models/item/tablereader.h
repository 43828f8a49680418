#pragma once

#include "models/item/tablepage.h"
#include "models/item/tablepagequery.h"

#include <QObject>
#include <QSqlDatabase>
#include <atomic>

namespace fulfillsync {

class Database;

// Runs a big table's queries on its own thread with its own connection (sqlitebrowser's
// RowLoader, QGIS's fetcher). Requests arrive queued; one whose generation is no longer the
// latest is skipped before it touches the database, and the model drops any stale answer.
class TableReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableReader)

public:
    explicit TableReader(Database &database);

    // Thread-safe: the model announces each new generation as it resets.
    void setLatestGeneration(quint64 generation) { m_latest.store(generation); }

    void readPage(quint64 generation, const fulfillsync::TablePageQuery &query, int index,
                  const fulfillsync::TablePageQuery::Seek &seek);
    // The count (cheap with an index) and, with a stride, the anchors (see hopAnchors): on
    // SQLite the anchors are sent first, elsewhere after the count.
    void countRows(quint64 generation, const fulfillsync::TablePageQuery &query, int anchorStride);
    // Emits rowLocated with the row of `id` in view order, -1 when the view does not hold it.
    void locateRow(quint64 generation, const fulfillsync::TablePageQuery &query, qint64 id);
    void closeConnection();

Q_SIGNALS:
    void pageLoaded(const fulfillsync::TablePage &page);
    void countLoaded(quint64 generation, qint64 count);
    void anchorsLoaded(const fulfillsync::TableAnchors &anchors);
    void rowLocated(quint64 generation, qint64 id, qint64 row);

private:
    bool isStale(quint64 generation) const { return generation != m_latest.load(); }
    TablePageQuery forEngine(quint64 generation, TablePageQuery query, QSqlDatabase &db);
    QList<QVariantList> hopAnchors(QSqlDatabase &db, const TablePageQuery &query, int stride,
                                   quint64 generation) const;

    Database &m_database;
    std::atomic<quint64> m_latest{0};
    quint64 m_indexChoiceGeneration = 0; // the generation m_useIndex was decided for
    bool m_useIndex = true;
};

} // namespace fulfillsync
