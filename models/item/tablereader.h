#pragma once

#include "models/item/tablepage.h"
#include "models/item/tablepagequery.h"

#include <QObject>
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
    // The count first (cheap with an index), then the anchors (one index walk).
    void countRows(quint64 generation, const fulfillsync::TablePageQuery &query, int anchorStride);
    void closeConnection();

Q_SIGNALS:
    void pageLoaded(const fulfillsync::TablePage &page);
    void countLoaded(quint64 generation, qint64 count);
    void anchorsLoaded(const fulfillsync::TableAnchors &anchors);

private:
    bool isStale(quint64 generation) const { return generation != m_latest.load(); }

    Database &m_database;
    std::atomic<quint64> m_latest{0};
};

} // namespace fulfillsync
