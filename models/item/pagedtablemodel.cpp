#include "models/item/pagedtablemodel.h"

#include "models/item/tablereader.h"

namespace fulfillsync {

PagedTableModel::PagedTableModel(Database &database, TablePageQuery query, QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(std::move(query))
{
    qRegisterMetaType<fulfillsync::TablePage>();
    qRegisterMetaType<fulfillsync::TablePageQuery>();
    m_thread.setObjectName(QStringLiteral("table-reader"));
    m_reader = new TableReader(database);
    m_reader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    connect(this, &PagedTableModel::pageRequested, m_reader, &TableReader::readPage,
            Qt::QueuedConnection);
    connect(this, &PagedTableModel::countRequested, m_reader, &TableReader::countRows,
            Qt::QueuedConnection);
    connect(m_reader, &TableReader::pageLoaded, this, &PagedTableModel::acceptPage,
            Qt::QueuedConnection);
    connect(m_reader, &TableReader::countLoaded, this, &PagedTableModel::acceptCount,
            Qt::QueuedConnection);
    m_thread.start();
    refresh();
}

PagedTableModel::~PagedTableModel()
{
    m_reader->setLatestGeneration(0); // skip whatever is still queued
    QMetaObject::invokeMethod(m_reader, &TableReader::closeConnection,
                              Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void PagedTableModel::setQuery(const TablePageQuery &query)
{
    m_query = query;
    refresh();
}

void PagedTableModel::refresh()
{
    beginResetModel();
    ++m_generation;
    m_reader->setLatestGeneration(m_generation);
    m_rows.clear();
    m_cursor.clear();
    m_atEnd = false;
    m_fetchInFlight = false;
    m_totalCount.reset();
    endResetModel();
    requestNextPage();
    Q_EMIT countRequested(m_generation, m_query);
}

void PagedTableModel::requestNextPage()
{
    if (m_fetchInFlight || m_atEnd)
        return;
    m_fetchInFlight = true;
    Q_EMIT loadingChanged(true);
    Q_EMIT pageRequested(m_generation, m_query, m_cursor, m_pageSize);
}

void PagedTableModel::acceptPage(const TablePage &page)
{
    if (page.generation != m_generation)
        return; // from before the last reset
    m_fetchInFlight = false;
    Q_EMIT loadingChanged(false);
    if (!page.error.isEmpty()) {
        m_atEnd = true;
        Q_EMIT loadFailed(page.error);
        return;
    }
    m_atEnd = page.atEnd;
    if (!page.nextCursor.isEmpty())
        m_cursor = page.nextCursor;
    if (page.rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.rows.size()) - 1);
    m_rows += page.rows;
    endInsertRows();
}

void PagedTableModel::acceptCount(quint64 generation, qint64 count)
{
    if (generation != m_generation)
        return;
    m_totalCount = count;
    Q_EMIT totalCountChanged(count);
}

qint64 PagedTableModel::rowId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).at(0).toLongLong() : 0;
}

int PagedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PagedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_query.columns().size()) - 1;
}

QVariant PagedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case Qt::DecorationRole:
        return decorationValue(row, index.column());
    case Qt::TextAlignmentRole:
        return isNumeric(index.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case RawValueRole:
        return row.value(index.column() + 1);
    case RowIdRole:
        return row.value(0);
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
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return {};
    return columnTitle(section);
}

Qt::ItemFlags PagedTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetchInFlight;
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestNextPage();
}

} // namespace fulfillsync
