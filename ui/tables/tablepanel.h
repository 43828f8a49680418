#pragma once

#include "ui/tables/savedviews.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTableView;
class QToolButton;

namespace fulfillsync {

class ColumnChooser;
class CsvExportRunner;
class Database;
class PagedTableModel;
class TableFilterBar;

// One big table with its tools: the filter bar, saved views, the column chooser (header context
// menu), sorting on indexed columns, Copy row as JSON (Ctrl+C), Export CSV (Ctrl+Shift+E). The
// layout in use is remembered across restarts.
class TablePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TablePanel)

public:
    TablePanel(Database &database, PagedTableModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    PagedTableModel *model() const { return m_model; }
    TableFilterBar *filterBar() const { return m_filterBar; }
    ColumnChooser *columnChooser() const { return m_columns; }
    QComboBox *viewsBox() const { return m_viewsBox; }
    CsvExportRunner *exportRunner() const { return m_export; }
    QAction *copyAction() const { return m_copy; }
    QAction *exportAction() const { return m_exportAction; }

    SavedView currentLayout() const;
    void applyLayout(const SavedView &view);
    void saveViewAs(const QString &name);
    void deleteView(const QString &name);
    void exportCsv(const QString &path, bool withBodies = false);
    QString copyCurrentRowAsJson(); // also puts it on the clipboard; empty while loading
    void focusFilter();

Q_SIGNALS:
    void currentRowIdChanged(qint64 id); // once the row's page has arrived; 0: no row
    void rowActivated();                 // Enter or double-click: open the details
    void statusMessage(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilters();
    void onSortIndicatorChanged(int section, Qt::SortOrder order);
    void showSortIndicator();
    void rememberLayout();
    void reloadViewNames(const QString &select = {});
    void chooseExportFile();
    void askViewName();
    void emitCurrentIfLoaded();
    void keepRecordHighlighted();
    void highlightLocatedRow();
    void highlightRow(int row);

    PagedTableModel *m_model;
    SavedViewStore m_store;
    TableFilterBar *m_filterBar = nullptr;
    QTableView *m_view = nullptr;
    ColumnChooser *m_columns = nullptr;
    QComboBox *m_viewsBox = nullptr;
    QLabel *m_rows = nullptr;
    CsvExportRunner *m_export = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_exportAction = nullptr;
    int m_pendingRow = -1;
    qint64 m_shownId = 0;        // the record whose details are shown: the highlight follows it
    int m_locatedRow = -1;       // where the model found m_shownId after a refresh moved it
    bool m_highlighting = false; // the highlight moves to its record, not the admin's choice
    bool m_restoring = false;
    bool m_fitted = false;
};

} // namespace fulfillsync
