#pragma once

#include "models/domain/domain.h"

#include <QAbstractTableModel>

namespace fulfillsync {

// The connectors as a table, from values handed to it (the page reads the repository); data()
// never touches the database.
class ConnectorListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Kind, Enabled, Schedule, Channel, Endpoint, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setConnectors(const QList<Connector> &connectors);
    const QList<Connector> &connectors() const { return m_connectors; }
    Connector connectorAt(int row) const { return m_connectors.value(row); }
    int rowOf(qint64 id) const; // -1 when absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString kindName(const QString &kind);

private:
    QList<Connector> m_connectors;
};

} // namespace fulfillsync
