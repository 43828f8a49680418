#include "ui/tables/columnchooser.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace fulfillsync {

ColumnChooser::ColumnChooser(QTableView *view)
    : QObject(view)
    , m_view(view)
{
    QHeaderView *header = view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &at) {
        QMenu *menu = makeMenu(header);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header->mapToGlobal(at));
    });
}

QList<int> ColumnChooser::hiddenColumns() const
{
    QList<int> hidden;
    const int columns = m_view->model() ? m_view->model()->columnCount() : 0;
    for (int c = 0; c < columns; ++c)
        if (m_view->isColumnHidden(c))
            hidden << c;
    return hidden;
}

void ColumnChooser::setHiddenColumns(const QList<int> &columns)
{
    const int count = m_view->model() ? m_view->model()->columnCount() : 0;
    if (columns.size() >= count && count > 0)
        return; // never hide everything
    for (int c = 0; c < count; ++c)
        m_view->setColumnHidden(c, columns.contains(c));
    Q_EMIT columnsChanged();
}

void ColumnChooser::setColumnVisible(int column, bool visible)
{
    if (!visible && hiddenColumns().size() + 1 >= m_view->model()->columnCount())
        return;
    m_view->setColumnHidden(column, !visible);
    if (visible && m_view->columnWidth(column) < 20)
        m_view->setColumnWidth(column, 120);
    Q_EMIT columnsChanged();
}

QMenu *ColumnChooser::makeMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Columns"), parent);
    const int columns = m_view->model()->columnCount();
    const int visible = columns - int(hiddenColumns().size());
    for (int c = 0; c < columns; ++c) {
        QAction *action =
            menu->addAction(m_view->model()->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(c));
        action->setEnabled(m_view->isColumnHidden(c) || visible > 1);
        connect(action, &QAction::toggled, this,
                [this, c](bool checked) { setColumnVisible(c, checked); });
    }
    return menu;
}

} // namespace fulfillsync
