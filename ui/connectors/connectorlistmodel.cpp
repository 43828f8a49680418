#include "ui/connectors/connectorlistmodel.h"

namespace fulfillsync {

void ConnectorListModel::setConnectors(const QList<Connector> &connectors)
{
    beginResetModel();
    m_connectors = connectors;
    endResetModel();
}

int ConnectorListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_connectors.size(); ++row)
        if (m_connectors[row].id == id)
            return row;
    return -1;
}

int ConnectorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_connectors.size());
}

int ConnectorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectorListModel::kindName(const QString &kind)
{
    if (kind == u"shopify")
        return tr("Shopify");
    if (kind == Connector::threePlKind())
        return tr("3PL (ShipStation)");
    return kind;
}

QVariant ConnectorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Connector &c = m_connectors[index.row()];
    if (role == Qt::CheckStateRole && index.column() == Enabled)
        return c.enabled ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole && index.column() == Enabled)
        return c.enabled ? tr("Runs on its schedule and with Sync now")
                         : tr("Paused: neither the schedule nor Sync now runs it");
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case Name:
        return c.name;
    case Kind:
        return kindName(c.kind);
    case Enabled:
        return c.enabled ? tr("Enabled") : tr("Disabled");
    case Schedule:
        // Two sentences rather than %n: English has no catalogue to pick the plural form.
        return c.intervalMinutes == 1 ? tr("Every minute")
                                      : tr("Every %1 minutes").arg(c.intervalMinutes);
    case Channel:
        return c.channel;
    case Endpoint:
        return c.endpoint;
    default:
        return {};
    }
}

QVariant ConnectorListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Enabled:
        return tr("Enabled");
    case Schedule:
        return tr("Schedule");
    case Channel:
        return tr("Channel");
    case Endpoint:
        return tr("Store address");
    default:
        return {};
    }
}

} // namespace fulfillsync
