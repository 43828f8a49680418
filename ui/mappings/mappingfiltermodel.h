#pragma once

#include <QSortFilterProxyModel>

namespace fulfillsync {

// Narrows a mapping table (thousands of items) to the rows whose text contains the filter, and
// optionally to the rows that need the admin: a problem or no target yet. The filter applies
// when it changes, not on every edit, so a row never vanishes while it is being typed into.
class MappingFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingFilterModel)

public:
    explicit MappingFilterModel(QObject *parent = nullptr);

    void setFilter(const QString &text, bool onlyNeedingAttention);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_onlyNeedingAttention = false;
};

} // namespace fulfillsync
