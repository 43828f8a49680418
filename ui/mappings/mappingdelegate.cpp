#include "ui/mappings/mappingdelegate.h"

#include "ui/mappings/mappingtablemodel.h"

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>

namespace fulfillsync {

QWidget *MappingDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    const QStringList choices = index.data(MappingTableModel::ChoicesRole).toStringList();
    const QString header = index.model()->headerData(index.column(), Qt::Horizontal).toString();
    if (choices.isEmpty()) {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            line->setAccessibleName(header);
            connect(line, &QLineEdit::textEdited, this,
                    [this, line] { Q_EMIT const_cast<MappingDelegate *>(this)->commitData(line); });
        }
        return editor;
    }
    auto *combo = new QComboBox(parent);
    combo->setAccessibleName(header);
    combo->addItems(choices);
    if (index.data(MappingTableModel::FreeTextRole).toBool()) {
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
        combo->completer()->setFilterMode(Qt::MatchContains);
        connect(combo, &QComboBox::editTextChanged, this,
                [this, combo] { Q_EMIT const_cast<MappingDelegate *>(this)->commitData(combo); });
    } else {
        connect(combo, &QComboBox::currentIndexChanged, this,
                [this, combo] { Q_EMIT const_cast<MappingDelegate *>(this)->commitData(combo); });
    }
    return combo;
}

void MappingDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    // The model re-announces its data after every committed keystroke; leave an editor that
    // already shows the value alone so the cursor stays where the admin is typing.
    const QString text = index.data(Qt::EditRole).toString();
    auto *combo = qobject_cast<QComboBox *>(editor);
    if (!combo) {
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line || line->text() != text)
            QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    if (combo->currentText() == text)
        return;
    const QSignalBlocker block(combo);
    if (combo->isEditable())
        combo->setEditText(text);
    else
        combo->setCurrentIndex(combo->findText(text));
}

void MappingDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                   const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, combo->currentText());
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace fulfillsync
