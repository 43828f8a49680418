#include "ui/mappings/mappingfiltermodel.h"

#include "ui/mappings/mappingtablemodel.h"

namespace fulfillsync {

MappingFilterModel::MappingFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false);
}

void MappingFilterModel::setFilter(const QString &text, bool onlyNeedingAttention)
{
    if (text == m_text && onlyNeedingAttention == m_onlyNeedingAttention)
        return;
    m_text = text;
    m_onlyNeedingAttention = onlyNeedingAttention;
    invalidateFilter();
}

bool MappingFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const MappingTableModel *>(sourceModel());
    if (!model)
        return true;
    if (m_onlyNeedingAttention && !model->needsAttention(sourceRow))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString text = model->index(sourceRow, column, sourceParent).data().toString();
        if (text.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace fulfillsync
