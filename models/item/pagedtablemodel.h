#pragma once

#include "models/item/tablepage.h"
#include "models/item/tablepagequery.h"

#include <QAbstractTableModel>
#include <QThread>
#include <optional>

namespace fulfillsync {

class Database;
class TableReader;

// A table over a large SQL table, loaded in keyset pages by a TableReader on its own thread
// (architecture.md §7.5): a generation token drops stale pages after every reset, one fetch is
// in flight at a time, the total count arrives later, and data() never touches the database.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedTableModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole, // the stored value, for sorting, copying and delegates
        RowIdRole,                   // the row's primary key
    };

    PagedTableModel(Database &database, TablePageQuery query, QObject *parent = nullptr);
    ~PagedTableModel() override;

    const TablePageQuery &query() const { return m_query; }
    void setQuery(const TablePageQuery &query);
    void refresh(); // same query, reloaded from the first page

    std::optional<qint64> totalCount() const { return m_totalCount; }
    bool isLoading() const { return m_fetchInFlight; }
    qint64 rowId(int row) const;
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void pageRequested(quint64 generation, const fulfillsync::TablePageQuery &query,
                       const QVariantList &cursor, int limit);
    void countRequested(quint64 generation, const fulfillsync::TablePageQuery &query);
    void loadingChanged(bool loading);
    void totalCountChanged(qint64 count);
    void loadFailed(const QString &message);

protected:
    // Column 0 of every row is the id and is not shown; view column c is row value c + 1.
    virtual QString columnTitle(int column) const = 0;
    virtual QVariant displayValue(const QVariantList &row, int column) const;
    virtual QVariant decorationValue(const QVariantList &row, int column) const;
    virtual bool isNumeric(int column) const;

private:
    void acceptPage(const fulfillsync::TablePage &page);
    void acceptCount(quint64 generation, qint64 count);
    void requestNextPage();

    TablePageQuery m_query;
    QThread m_thread;
    TableReader *m_reader = nullptr;
    QList<QVariantList> m_rows;
    QVariantList m_cursor;
    quint64 m_generation = 0;
    bool m_atEnd = false;
    bool m_fetchInFlight = false;
    std::optional<qint64> m_totalCount;
    int m_pageSize = 200;
};

} // namespace fulfillsync
