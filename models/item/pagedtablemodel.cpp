#include "models/item/pagedtablemodel.h"

#include "models/item/tablereader.h"

#include <algorithm>
#include <limits>

namespace fulfillsync {

namespace {

constexpr int kMaxWantedPages = 8; // a scrollbar drag asks for many; only the latest matter
constexpr int kAnchorStride = 1024;

} // namespace

PagedTableModel::PagedTableModel(Database &database, TablePageQuery query, QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(std::move(query))
{
    qRegisterMetaType<fulfillsync::TablePage>();
    qRegisterMetaType<fulfillsync::TableAnchors>();
    qRegisterMetaType<fulfillsync::TablePageQuery>();
    qRegisterMetaType<fulfillsync::TablePageQuery::Seek>();
    m_thread.setObjectName(QStringLiteral("table-reader"));
    m_reader = new TableReader(database);
    m_reader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    connect(this, &PagedTableModel::pageRequested, m_reader, &TableReader::readPage,
            Qt::QueuedConnection);
    connect(m_reader, &TableReader::pageLoaded, this, &PagedTableModel::acceptPage,
            Qt::QueuedConnection);
    m_countThread.setObjectName(QStringLiteral("table-counter"));
    m_counter = new TableReader(database);
    m_counter->moveToThread(&m_countThread);
    connect(&m_countThread, &QThread::finished, m_counter, &QObject::deleteLater);
    connect(this, &PagedTableModel::countRequested, m_counter, &TableReader::countRows,
            Qt::QueuedConnection);
    connect(m_counter, &TableReader::countLoaded, this, &PagedTableModel::acceptCount,
            Qt::QueuedConnection);
    connect(m_counter, &TableReader::anchorsLoaded, this, &PagedTableModel::acceptAnchors,
            Qt::QueuedConnection);
    connect(this, &PagedTableModel::locateRequested, m_counter, &TableReader::locateRow,
            Qt::QueuedConnection);
    connect(m_counter, &TableReader::rowLocated, this, &PagedTableModel::acceptLocated,
            Qt::QueuedConnection);
    m_thread.start();
    m_countThread.start();
    setQuery(m_query);
}

PagedTableModel::~PagedTableModel()
{
    // Skip whatever is still queued, then let each thread close its own connection.
    for (auto [reader, thread] : {std::pair{m_reader, &m_thread}, {m_counter, &m_countThread}}) {
        reader->setLatestGeneration(0);
        QMetaObject::invokeMethod(reader, &TableReader::closeConnection,
                                  Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
    }
}

void PagedTableModel::startGeneration()
{
    ++m_generation;
    m_reader->setLatestGeneration(m_generation);
    m_counter->setLatestGeneration(m_generation);
    m_pages.clear();
    m_keys.clear();
    m_wanted.clear();
    m_inFlight = -1;
    m_countCurrent = false;
    m_anchorsReady = false;
    if (m_locating != 0) // the answer of the last generation will be dropped: ask again
        QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation] {
                if (generation == m_generation && m_locating != 0)
                    Q_EMIT locateRequested(m_generation, m_query, m_locating);
            },
            Qt::QueuedConnection);
}

void PagedTableModel::setQuery(const TablePageQuery &query)
{
    beginResetModel();
    m_query = query;
    startGeneration();
    m_previous.clear();
    m_rowCount = 0;
    m_totalCount.reset();
    endResetModel();
    m_wanted = {0};
    requestNextWanted();
    m_anchorsRequested = true;
    Q_EMIT countRequested(m_generation, m_query, kAnchorStride);
}

void PagedTableModel::refresh()
{
    if (m_rowCount == 0) {
        setQuery(m_query);
        return;
    }
    // Re-read in place: keep the rows (the view keeps its scroll position) and show the old
    // values until the new ones arrive, so a refresh every half second does not flicker; reload
    // first the pages the admin was looking at.
    QList<std::pair<quint64, int>> recent;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
        recent.append({it->lastUsed, it.key()});
    std::sort(recent.begin(), recent.end());
    QHash<int, Page> previous = std::move(m_pages);
    for (auto it = m_previous.cbegin(); it != m_previous.cend(); ++it)
        if (!previous.contains(it.key()) && previous.size() < m_maxPages)
            previous.insert(it.key(), it.value()); // a refresh before the last one finished
    startGeneration();
    m_previous = std::move(previous);
    m_wanted = {0};
    for (qsizetype i = std::max<qsizetype>(0, recent.size() - 3); i < recent.size(); ++i)
        if (!m_wanted.contains(recent.at(i).second))
            m_wanted.append(recent.at(i).second);
    requestNextWanted();
    // A refresh runs every half second during a sync: count only, and walk for anchors later if
    // the admin jumps far (see requestNextWanted).
    m_anchorsRequested = false;
    Q_EMIT countRequested(m_generation, m_query, 0);
}

void PagedTableModel::setPageSize(int rows)
{
    m_pageSize = std::max(rows, 1);
    setQuery(m_query);
}

void PagedTableModel::sort(int column, Qt::SortOrder order)
{
    if (!m_query.isSortable(column))
        return; // only indexed columns: a sort without an index would scan the whole table
    TablePageQuery query = m_query;
    query.sortColumn = column;
    query.ascending = order == Qt::AscendingOrder;
    if (!(query == m_query))
        setQuery(query);
}

void PagedTableModel::requestRow(int row) const
{
    if (row < 0)
        return;
    const int page = row / m_pageSize;
    if (m_pages.contains(page) || m_inFlight == page)
        return;
    m_wanted.removeOne(page);
    m_wanted.append(page);
    while (m_wanted.size() > kMaxWantedPages)
        m_wanted.removeFirst();
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    // data() is const and may run inside a paint: the request leaves from the event loop.
    auto *self = const_cast<PagedTableModel *>(this);
    QMetaObject::invokeMethod(
        self,
        [self] {
            self->m_flushQueued = false;
            self->requestNextWanted();
        },
        Qt::QueuedConnection);
}

int PagedTableModel::loadedRowOf(qint64 id) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
        for (qsizetype i = 0; i < it->rows.size(); ++i)
            if (it->rows.at(i).value(0).toLongLong() == id)
                return int(qint64(it.key()) * m_pageSize + i);
    return -1;
}

void PagedTableModel::locateRow(qint64 id)
{
    m_locating = id;
    Q_EMIT locateRequested(m_generation, m_query, id);
}

void PagedTableModel::acceptLocated(quint64 generation, qint64 id, qint64 row)
{
    if (generation != m_generation || id != m_locating)
        return;
    m_locating = 0;
    // The count may not have caught up yet: the row may lie past rowCount() for a moment.
    Q_EMIT rowLocated(id, row >= 0 && row <= std::numeric_limits<int>::max() ? int(row) : -1);
}

void PagedTableModel::requestNextWanted()
{
    while (m_inFlight < 0 && !m_wanted.isEmpty()) {
        const int page = m_wanted.takeLast();
        if (m_pages.contains(page) || (page > 0 && qint64(page) * m_pageSize >= m_rowCount))
            continue;
        m_inFlight = page;
        const TablePageQuery::Seek seek = seekFor(page);
        Q_EMIT loadingChanged(true);
        Q_EMIT pageRequested(m_generation, m_query, page, seek);
        if (!m_anchorsRequested && m_countCurrent && seek.offset > 8 * kAnchorStride) {
            m_anchorsRequested = true;
            Q_EMIT countRequested(m_generation, m_query, kAnchorStride);
        }
    }
}

TablePageQuery::Seek PagedTableModel::seekFor(int pageIndex) const
{
    const qint64 first = qint64(pageIndex) * m_pageSize;
    TablePageQuery::Seek best;
    best.limit = m_pageSize;
    best.offset = first; // from the start
    // Forward from the nearest known key before the page.
    auto before = m_keys.lowerBound(first);
    if (before != m_keys.cbegin()) {
        --before;
        if (first - before.key() - 1 < best.offset) {
            best.anchor = before.value();
            best.offset = first - before.key() - 1;
        }
    }
    // Backward from the end or from the nearest known key after the page. Only with this
    // generation's count: a stale count would shift every row.
    if (m_countCurrent) {
        const qint64 total = *m_totalCount;
        const int limit = int(std::min<qint64>(m_pageSize, std::max<qint64>(total - first, 0)));
        if (limit > 0 && total - first - limit < best.offset) {
            best = {};
            best.reverse = true;
            best.limit = limit;
            best.offset = total - first - limit;
        }
    }
    auto after = m_keys.lowerBound(first + m_pageSize);
    if (after != m_keys.cend() && after.key() - first - m_pageSize < best.offset) {
        best = {};
        best.reverse = true;
        best.anchor = after.value();
        best.limit = m_pageSize;
        best.offset = after.key() - first - m_pageSize;
    }
    return best;
}

void PagedTableModel::acceptPage(const TablePage &page)
{
    if (page.generation != m_generation)
        return; // from before the last reset or refresh
    m_inFlight = -1;
    if (!page.error.isEmpty()) {
        m_wanted.clear();
        Q_EMIT loadingChanged(false);
        Q_EMIT loadFailed(page.error);
        return;
    }
    const qint64 first = qint64(page.index) * m_pageSize;
    Page cached;
    cached.rows = page.rows;
    cached.lastUsed = ++m_useClock;
    m_pages.insert(page.index, cached);
    m_previous.remove(page.index);
    rememberEdges(page.index, page.rows);
    const qint64 end = first + page.rows.size();
    if (page.atEnd) {
        acceptCount(m_generation, end); // nothing after this page: the count is exact
    } else if (end > m_rowCount && !m_totalCount) {
        setRowCountTo(int(end));
    }
    const int last = int(std::min<qint64>(end, m_rowCount)) - 1;
    if (last >= first)
        Q_EMIT dataChanged(index(int(first), 0), index(last, columnCount() - 1));
    evictPages();
    requestNextWanted();
    if (!isLoading())
        Q_EMIT loadingChanged(false);
}

void PagedTableModel::acceptCount(quint64 generation, qint64 count)
{
    if (generation != m_generation)
        return;
    m_countCurrent = true;
    setRowCountTo(int(std::min<qint64>(count, std::numeric_limits<int>::max())));
    if (m_totalCount != count) {
        m_totalCount = count;
        Q_EMIT totalCountChanged(count);
    }
}

void PagedTableModel::acceptAnchors(const TableAnchors &anchors)
{
    if (anchors.generation != m_generation)
        return;
    for (qsizetype i = 0; i < anchors.keys.size(); ++i)
        m_keys.insert(qint64(i) * anchors.stride, anchors.keys.at(i));
    m_anchorsReady = true;
}

void PagedTableModel::setRowCountTo(int rows)
{
    if (rows > m_rowCount) {
        beginInsertRows({}, m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        beginRemoveRows({}, rows, m_rowCount - 1);
        m_rowCount = rows;
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            if (qint64(it.key()) * m_pageSize >= rows)
                it = m_pages.erase(it);
            else
                ++it;
        }
        m_keys.erase(m_keys.lowerBound(rows), m_keys.end());
        m_previous.clear(); // rows went away: old values may no longer line up
        endRemoveRows();
    }
}

void PagedTableModel::evictPages()
{
    while (m_pages.size() > m_maxPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
            if (it->lastUsed < oldest->lastUsed)
                oldest = it;
        m_pages.erase(oldest);
    }
}

QVariantList PagedTableModel::keyOf(const QVariantList &row) const
{
    return {row.value(m_query.sortColumnIndex()), row.value(0)};
}

void PagedTableModel::rememberEdges(int pageIndex, const QList<QVariantList> &rows)
{
    if (rows.isEmpty())
        return;
    const qint64 first = qint64(pageIndex) * m_pageSize;
    m_keys.insert(first, keyOf(rows.first()));
    m_keys.insert(first + rows.size() - 1, keyOf(rows.last()));
}

const QVariantList *PagedTableModel::previousRow(int row) const
{
    const auto it = m_previous.constFind(row / m_pageSize);
    return it != m_previous.cend() && row % m_pageSize < it->rows.size()
               ? &it->rows.at(row % m_pageSize)
               : nullptr;
}

const QVariantList *PagedTableModel::cachedRow(int row) const
{
    const auto it = m_pages.constFind(row / m_pageSize);
    if (it == m_pages.cend())
        return nullptr;
    const int offset = row % m_pageSize;
    if (offset >= it->rows.size())
        return nullptr;
    it->lastUsed = ++m_useClock;
    return &it->rows.at(offset);
}

bool PagedTableModel::isRowLoaded(int row) const
{
    return cachedRow(row) != nullptr;
}

qint64 PagedTableModel::rowId(int row) const
{
    const QVariantList *values = cachedRow(row);
    return values ? values->at(0).toLongLong() : 0;
}

QVariantList PagedTableModel::rowValues(int row) const
{
    const QVariantList *values = cachedRow(row);
    return values ? *values : QVariantList();
}

int PagedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int PagedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_query.columns().size()) - 1;
}

QVariant PagedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList *row = cachedRow(index.row());
    if (!row) {
        if (role == Qt::DisplayRole) {
            requestRow(index.row());
            const QVariantList *old = previousRow(index.row());
            return old ? displayValue(*old, index.column()) : QVariant(QStringLiteral("…"));
        }
        return role == LoadedRole ? QVariant(false) : QVariant();
    }
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(*row, index.column());
    case Qt::DecorationRole:
        return decorationValue(*row, index.column());
    case Qt::TextAlignmentRole:
        return isNumeric(index.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case RawValueRole:
        return row->value(index.column() + 1);
    case RowIdRole:
        return row->value(0);
    case LoadedRole:
        return true;
    default:
        return {};
    }
}

QVariant PagedTableModel::displayValue(const QVariantList &row, int column) const
{
    return row.value(column + 1);
}

QVariant PagedTableModel::decorationValue(const QVariantList &, int) const
{
    return {};
}

bool PagedTableModel::isNumeric(int) const
{
    return false;
}

QVariant PagedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return columnTitle(section);
    if (role == Qt::ToolTipRole)
        return m_query.isSortable(section)
                   ? tr("Click to sort by %1").arg(columnTitle(section))
                   : tr("%1 (not sortable: no index on this column)").arg(columnTitle(section));
    return {};
}

Qt::ItemFlags PagedTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace fulfillsync
