#pragma once

#include <QStyledItemDelegate>

namespace fulfillsync {

// Edits mapping cells: a combo box where the model offers choices (MappingTableModel::
// ChoicesRole, editable when FreeTextRole), a line edit otherwise. Both commit on every
// keystroke so the table checks the value as it is typed.
class MappingDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
};

} // namespace fulfillsync
