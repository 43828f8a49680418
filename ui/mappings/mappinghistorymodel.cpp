#include "ui/mappings/mappinghistorymodel.h"

#include <QLocale>

namespace fulfillsync {

MappingHistoryModel::MappingHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void MappingHistoryModel::setChanges(const QList<MappingChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

QString MappingHistoryModel::kindName(MappingKind kind)
{
    switch (kind) {
    case MappingKind::ShipMethod:
        return tr("Ship method");
    case MappingKind::Item:
        return tr("Item");
    case MappingKind::Location:
        return tr("Location");
    case MappingKind::CustomField:
        return tr("Custom field");
    }
    return {};
}

QString MappingHistoryModel::summary(const std::optional<MappingRule> &rule)
{
    if (!rule)
        return {};
    if (rule->kind == MappingKind::CustomField)
        return rule->extra.isEmpty()
                   ? tr("%1 of %2").arg(rule->target, rule->sourceName)
                   : tr("%1 \"%2\" of %3").arg(rule->target, rule->extra, rule->sourceName);
    return rule->extra.isEmpty() ? rule->target : tr("%1 (%2)").arg(rule->target, rule->extra);
}

int MappingHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int MappingHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingHistoryModel::data(const QModelIndex &index, int role) const
{
    if ((!index.isValid() || index.model() != this || index.row() >= rowCount() ||
         index.column() >= columnCount()))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const MappingChange &change = m_changes.at(index.row());
    switch (index.column()) {
    case When:
        return QLocale().toString(change.changedAt.toLocalTime(), QLocale::ShortFormat);
    case Who:
        return change.changedBy;
    case Kind:
        return kindName(change.kind);
    case Key:
        return change.sourceKey;
    case Action:
        switch (change.action) {
        case MappingChangeAction::Added:
            return tr("added");
        case MappingChangeAction::Changed:
            return tr("changed");
        case MappingChangeAction::Removed:
            return tr("removed");
        }
        return {};
    case Before:
        return summary(change.before);
    case After:
        return summary(change.after);
    default:
        return {};
    }
}

QVariant MappingHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case Kind:
        return tr("Kind");
    case Key:
        return tr("NetSuite value");
    case Action:
        return tr("Change");
    case Before:
        return tr("Before");
    case After:
        return tr("After");
    default:
        return {};
    }
}

} // namespace fulfillsync
