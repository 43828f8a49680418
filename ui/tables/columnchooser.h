#pragma once

#include <QList>
#include <QObject>

class QMenu;
class QTableView;
class QWidget;

namespace fulfillsync {

// Shows and hides a table's columns from its header's context menu. The last visible column
// cannot be hidden.
class ColumnChooser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)

public:
    explicit ColumnChooser(QTableView *view);

    QList<int> hiddenColumns() const;
    void setHiddenColumns(const QList<int> &columns);
    void setColumnVisible(int column, bool visible);
    QMenu *makeMenu(QWidget *parent); // one checkable action per column

Q_SIGNALS:
    void columnsChanged();

private:
    QTableView *m_view;
};

} // namespace fulfillsync
