#pragma once

#include "models/storage/mappinghistory.h"

#include <QAbstractTableModel>

namespace fulfillsync {

// The saved changes of one connector's mappings, newest first: who, when, kind, key,
// before → after. Read-only; the page refills it after each save and connector switch.
class MappingHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingHistoryModel)

public:
    enum Column { When, Who, Kind, Key, Action, Before, After, ColumnCount };

    explicit MappingHistoryModel(QObject *parent = nullptr);

    void setChanges(const QList<MappingChange> &changes);
    const QList<MappingChange> &changes() const { return m_changes; }

    static QString kindName(MappingKind kind);
    static QString summary(const std::optional<MappingRule> &rule);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<MappingChange> m_changes;
};

} // namespace fulfillsync
