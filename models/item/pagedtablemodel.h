#pragma once

#include "models/item/tablepage.h"
#include "models/item/tablepagequery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QMap>
#include <QThread>
#include <optional>

class TestTableModels;

namespace fulfillsync {

class Database;
class TableReader;

// A table over a large SQL table (architecture.md §7.5, with §7.5.10's sparse cache): the row
// count is the full count, so the scrollbar is true and any row can be reached at once. Pages
// are loaded on demand by a TableReader on its own thread; data() only reads the page cache and
// notes which pages are wanted ("…" until they arrive). A generation token drops stale pages,
// one page is in flight at a time, the count arrives later, and the cache keeps a bounded
// number of pages (least recently used out).
//
// A page is found fast wherever it is: from the nearest known key (page edges and the anchors
// the reader collects with the count) by keyset seek plus a short OFFSET, scanning backwards
// from the end for the second half of the table.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedTableModel)

public:
    // Roles: RawValueRole is the stored value (sorting, copying, export); RowIdRole the row's
    // primary key. Both are invalid while the row's page is loading.
    enum Role {
        RawValueRole = Qt::UserRole,
        RowIdRole,
        LoadedRole, // bool: the row's page is in the cache
    };

    PagedTableModel(Database &database, TablePageQuery query, QObject *parent = nullptr);
    ~PagedTableModel() override;

    const TablePageQuery &query() const { return m_query; }
    void setQuery(const TablePageQuery &query); // resets: new filter or sort
    // Same query, reloaded in place: the rows and scroll position stay, values are re-read.
    void refresh();

    std::optional<qint64> totalCount() const { return m_totalCount; }
    bool isLoading() const { return m_inFlight >= 0 || !m_wanted.isEmpty(); }
    bool isRowLoaded(int row) const;
    qint64 rowId(int row) const;           // 0 while the row is loading
    QVariantList rowValues(int row) const; // stored values, id first; empty while loading
    // Asks for the page holding `row` without waiting for a view to paint it.
    void requestRow(int row) const;
    // The row of a record in the pages at hand, -1 when none of them holds it.
    int loadedRowOf(qint64 id) const;
    // Finds the row of a record in the whole view (one COUNT on the counter's thread) and
    // answers with rowLocated: a highlighted record stays found when a refresh moves it.
    void locateRow(qint64 id);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);
    bool anchorsReady() const { return m_anchorsReady; } // jumps seek from a nearby key
    int cachedPageCount() const { return int(m_pages.size()); }
    void setMaxCachedPages(int pages) { m_maxPages = std::max(pages, 4); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order) override; // indexed columns only
    QString columnName(int column) const { return columnTitle(column); }

Q_SIGNALS:
    void pageRequested(quint64 generation, const fulfillsync::TablePageQuery &query, int index,
                       const fulfillsync::TablePageQuery::Seek &seek);
    void countRequested(quint64 generation, const fulfillsync::TablePageQuery &query,
                        int anchorStride);
    void loadingChanged(bool loading);
    void totalCountChanged(qint64 count);
    void loadFailed(const QString &message);
    void locateRequested(quint64 generation, const fulfillsync::TablePageQuery &query, qint64 id);
    void rowLocated(qint64 id, int row); // -1: the view does not hold it (any more)

protected:
    // Column 0 of every row is the id and is not shown; view column c is row value c + 1.
    virtual QString columnTitle(int column) const = 0;
    virtual QVariant displayValue(const QVariantList &row, int column) const;
    virtual QVariant decorationValue(const QVariantList &row, int column) const;
    virtual bool isNumeric(int column) const;

private:
    friend class ::TestTableModels; // hands the model late answers of an old generation

    struct Page
    {
        QList<QVariantList> rows;
        mutable quint64 lastUsed = 0;
    };

    void acceptPage(const fulfillsync::TablePage &page);
    void acceptCount(quint64 generation, qint64 count);
    void acceptAnchors(const fulfillsync::TableAnchors &anchors);
    void acceptLocated(quint64 generation, qint64 id, qint64 row);
    void startGeneration();
    void requestNextWanted();
    TablePageQuery::Seek seekFor(int pageIndex) const;
    void setRowCountTo(int rows);
    void evictPages();
    const QVariantList *cachedRow(int row) const;
    const QVariantList *previousRow(int row) const; // shown until a refresh's page arrives
    void rememberEdges(int pageIndex, const QList<QVariantList> &rows);
    QVariantList keyOf(const QVariantList &row) const;

    TablePageQuery m_query;
    // Pages and counts have a reader each, so a slow count or anchor walk (a free-text filter
    // over a million rows) never holds up the page the admin is waiting for.
    QThread m_thread;
    TableReader *m_reader = nullptr;
    QThread m_countThread;
    TableReader *m_counter = nullptr;
    QHash<int, Page> m_pages;
    QHash<int, Page> m_previous;       // the pages before an in-place refresh, for display only
    QMap<qint64, QVariantList> m_keys; // row position → {sort value, id}, for seeks
    mutable QList<int> m_wanted;       // pages asked for by data(), most recent last
    mutable bool m_flushQueued = false;
    mutable quint64 m_useClock = 0;
    int m_inFlight = -1; // page being read, -1 = none
    int m_rowCount = 0;
    quint64 m_generation = 0;
    std::optional<qint64> m_totalCount;
    bool m_anchorsReady = false;
    bool m_anchorsRequested = false; // this generation's anchor walk is queued or done
    bool m_countCurrent = false;     // m_totalCount belongs to this generation
    qint64 m_locating = 0;           // the record locateRow() is finding; asked again after a reset
    int m_pageSize = 200;
    int m_maxPages = 64;
};

} // namespace fulfillsync
