#include "ui/tables/tablepanel.h"

#include "models/item/pagedtablemodel.h"
#include "ui/tables/columnchooser.h"
#include "ui/tables/csvexportrunner.h"
#include "ui/tables/tablefilterbar.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace fulfillsync {

TablePanel::TablePanel(Database &database, PagedTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_store(model->query().table)
{
    m_filterBar = new TableFilterBar(model->query().table, this);
    m_viewsBox = new QComboBox(this);
    m_viewsBox->setAccessibleName(tr("Saved views"));
    m_viewsBox->setToolTip(tr("Saved views: filters, sort and columns"));
    m_viewsBox->setMinimumContentsLength(12);
    auto *saveView = new QToolButton(this);
    saveView->setText(tr("Save view…"));
    saveView->setAccessibleName(tr("Save view"));
    auto *deleteView = new QToolButton(this);
    deleteView->setText(tr("Delete view"));
    deleteView->setAccessibleName(tr("Delete view"));
    m_exportAction = new QAction(tr("Export CSV…"), this);
    m_exportAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+E")));
    m_exportAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_exportAction->setToolTip(tr("Export the rows of this view as CSV (Ctrl+Shift+E)"));
    addAction(m_exportAction);
    auto *exportButton = new QToolButton(this);
    exportButton->setDefaultAction(m_exportAction);

    m_view = new QTableView(this);
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setDefaultSectionSize(120);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    m_columns = new ColumnChooser(m_view);

    m_copy = new QAction(tr("Copy row as JSON"), m_view);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_copy);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_copy, &QAction::triggered, this, &TablePanel::copyCurrentRowAsJson);
    m_view->installEventFilter(this); // the view copies one cell on Ctrl+C by itself

    m_rows = new QLabel(this);
    m_rows->setAccessibleName(tr("Rows in this view"));
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_viewsBox);
    tools->addWidget(saveView);
    tools->addWidget(deleteView);
    tools->addStretch(1);
    tools->addWidget(m_rows);
    tools->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addLayout(tools);
    layout->addWidget(m_view, 1);
    setTabOrder(m_filterBar, m_viewsBox);
    setTabOrder(m_viewsBox, saveView);
    setTabOrder(saveView, deleteView);
    setTabOrder(deleteView, exportButton);
    setTabOrder(exportButton, m_view);

    m_export = new CsvExportRunner(database, this);
    connect(m_export, &CsvExportRunner::finished, this,
            [this](bool, const QString &message, bool error) {
                Q_EMIT statusMessage(message);
                if (error && isVisible())
                    QMessageBox::warning(this, tr("Export CSV"), message);
            });

    connect(m_filterBar, &TableFilterBar::filtersChanged, this, &TablePanel::applyFilters);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &TablePanel::onSortIndicatorChanged);
    connect(m_columns, &ColumnChooser::columnsChanged, this, &TablePanel::rememberLayout);
    connect(saveView, &QToolButton::clicked, this, &TablePanel::askViewName);
    connect(deleteView, &QToolButton::clicked, this, [this] {
        if (m_viewsBox->currentIndex() > 0)
            this->deleteView(m_viewsBox->currentText());
    });
    connect(m_viewsBox, &QComboBox::activated, this, [this](int index) {
        if (index <= 0)
            return;
        if (const auto view = m_store.view(m_viewsBox->itemText(index)))
            applyLayout(*view);
    });
    connect(m_exportAction, &QAction::triggered, this, &TablePanel::chooseExportFile);

    // The detail pane wants the row's id, which exists once its page is in (a jump to the end
    // selects a row that is still loading).
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_highlighting)
                    return;
                m_locatedRow = -1;
                m_pendingRow = current.isValid() ? current.row() : -1;
                emitCurrentIfLoaded();
            });
    connect(model, &QAbstractItemModel::dataChanged, this, [this] {
        emitCurrentIfLoaded();
        keepRecordHighlighted();
        highlightLocatedRow();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &TablePanel::highlightLocatedRow);
    connect(model, &PagedTableModel::rowLocated, this, [this](qint64 id, int row) {
        if (id != m_shownId)
            return;
        if (row < 0) {
            // Not in this view any more (a filter no longer matches it): highlight nothing
            // rather than another record; the details stay on it.
            highlightRow(-1);
            return;
        }
        m_locatedRow = row;
        highlightLocatedRow();
    });
    connect(m_view, &QAbstractItemView::activated, this, &TablePanel::rowActivated);
    // A new filter or sort highlights nothing: the details say so instead of showing a row
    // that is no longer highlighted (and acting on it).
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_pendingRow = -1;
        m_locatedRow = -1;
        if (m_shownId != 0) {
            m_shownId = 0;
            Q_EMIT currentRowIdChanged(0);
        }
    });
    // Fit the columns to the first page once it has values (the count may come first, with
    // placeholders only); after that the admin's widths stay.
    const auto fitOnce = [this] {
        if (m_fitted || !m_model->isRowLoaded(0))
            return;
        m_fitted = true;
        for (int c = 0; c < m_model->columnCount(); ++c) {
            if (m_view->isColumnHidden(c))
                continue;
            m_view->resizeColumnToContents(c);
            m_view->setColumnWidth(c, std::min(m_view->columnWidth(c) + 12, 360));
        }
    };
    connect(model, &QAbstractItemModel::rowsInserted, m_view, fitOnce);
    connect(model, &QAbstractItemModel::dataChanged, m_view, fitOnce);

    // The count arrives after the first page: until then the label says "at least".
    const auto showRows = [this] {
        const auto total = m_model->totalCount();
        m_rows->setText(total ? tr("%L1 rows").arg(*total)
                              : tr("at least %L1 rows…").arg(m_model->rowCount()));
    };
    connect(model, &PagedTableModel::totalCountChanged, this, showRows);
    connect(model, &QAbstractItemModel::modelReset, this, showRows);
    connect(model, &QAbstractItemModel::rowsInserted, this, showRows);

    reloadViewNames();
    // A restart keeps the columns and the sort; filters come back only through a saved view, so
    // a forgotten filter never hides rows from the admin after a restart.
    if (auto last = m_store.lastLayout()) {
        TablePageQuery query = m_model->query();
        query.sortColumn = last->query.sortColumn;
        query.ascending = last->query.ascending;
        last->query = query;
        applyLayout(*last);
    } else {
        showSortIndicator();
    }
}

bool TablePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        m_copy->trigger();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

SavedView TablePanel::currentLayout() const
{
    SavedView view;
    view.query = m_model->query();
    view.hiddenColumns = m_columns->hiddenColumns();
    return view;
}

void TablePanel::applyLayout(const SavedView &view)
{
    m_restoring = true;
    m_filterBar->showFilters(view.query);
    m_columns->setHiddenColumns(view.hiddenColumns);
    TablePageQuery query = view.query;
    query.table = m_model->query().table;
    if (!(query == m_model->query()))
        m_model->setQuery(query);
    showSortIndicator();
    m_restoring = false;
    rememberLayout();
}

void TablePanel::applyFilters()
{
    TablePageQuery query = m_model->query();
    m_filterBar->applyTo(query);
    if (query == m_model->query())
        return;
    m_model->setQuery(query);
    rememberLayout();
}

void TablePanel::showSortIndicator()
{
    const TablePageQuery &query = m_model->query();
    const QSignalBlocker blocker(m_view->horizontalHeader());
    m_view->horizontalHeader()->setSortIndicator(
        query.sortColumn >= 0 ? query.sortColumn : query.sortColumnIndex() - 1,
        query.ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
}

void TablePanel::onSortIndicatorChanged(int section, Qt::SortOrder order)
{
    if (!m_model->query().isSortable(section)) {
        // Sorting without an index would read the whole table: keep the current order.
        showSortIndicator();
        Q_EMIT statusMessage(tr("%1 cannot be sorted; sort by a column with an index instead.")
                                 .arg(m_model->columnName(section)));
        return;
    }
    m_model->sort(section, order);
    rememberLayout();
}

void TablePanel::rememberLayout()
{
    if (!m_restoring)
        m_store.saveLastLayout(currentLayout());
}

void TablePanel::reloadViewNames(const QString &select)
{
    const QSignalBlocker blocker(m_viewsBox);
    m_viewsBox->clear();
    m_viewsBox->addItem(tr("Views"));
    m_viewsBox->addItems(m_store.names());
    m_viewsBox->setCurrentIndex(std::max(0, m_viewsBox->findText(select)));
}

void TablePanel::saveViewAs(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    SavedView view = currentLayout();
    view.name = trimmed;
    m_store.save(view);
    reloadViewNames(trimmed);
    Q_EMIT statusMessage(tr("View \"%1\" saved.").arg(trimmed));
}

void TablePanel::deleteView(const QString &name)
{
    m_store.remove(name);
    reloadViewNames();
    Q_EMIT statusMessage(tr("View \"%1\" deleted.").arg(name));
}

void TablePanel::askViewName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save view"),
        tr("Name of this view (filters, sort and "
           "columns):"),
        QLineEdit::Normal, m_viewsBox->currentIndex() > 0 ? m_viewsBox->currentText() : QString(),
        &ok);
    if (ok)
        saveViewAs(name);
}

void TablePanel::exportCsv(const QString &path, bool withBodies)
{
    CsvExportRequest request;
    request.query = m_model->query();
    request.path = path;
    request.withBodies = withBodies;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (m_view->isColumnHidden(column))
            continue;
        request.columns << column;
        request.headers << m_model->columnName(column);
    }
    m_export->start(request);
}

void TablePanel::chooseExportFile()
{
    if (m_export->isRunning())
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"),
                                                      folder + QStringLiteral("/fulfillsync.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    bool withBodies = false;
    if (m_model->query().hasBodies())
        withBodies = QMessageBox::question(
                         this, tr("Export CSV"),
                         tr("Include the recorded requests and responses? They are redacted "
                            "(no tokens or secrets) but can make the file large."),
                         QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    exportCsv(path, withBodies);
}

QString TablePanel::copyCurrentRowAsJson()
{
    const QModelIndex current = m_view->currentIndex();
    const QVariantList values =
        current.isValid() ? m_model->rowValues(current.row()) : QVariantList();
    if (values.isEmpty()) {
        Q_EMIT statusMessage(tr("Nothing to copy yet: select a row that has loaded."));
        return {};
    }
    const QStringList names = m_model->query().columns();
    QJsonObject object;
    for (qsizetype i = 0; i < names.size() && i < values.size(); ++i)
        object.insert(names.at(i), QJsonValue::fromVariant(values.at(i)));
    const QString json = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    QGuiApplication::clipboard()->setText(json);
    Q_EMIT statusMessage(tr("Row copied as JSON."));
    return json;
}

void TablePanel::focusFilter()
{
    m_filterBar->textEdit()->setFocus();
    m_filterBar->textEdit()->selectAll();
}

void TablePanel::emitCurrentIfLoaded()
{
    if (m_pendingRow < 0)
        return;
    const qint64 id = m_model->rowId(m_pendingRow);
    if (id <= 0)
        return;
    m_pendingRow = -1;
    m_shownId = id;
    Q_EMIT currentRowIdChanged(id);
}

void TablePanel::keepRecordHighlighted()
{
    // A refresh during a sync moves rows under the highlight (new rows come in on top): the
    // highlight moves with its record, so the details and Replay or Resync never slip to
    // another one in silence.
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || m_pendingRow >= 0 || m_shownId == 0 || m_locatedRow >= 0)
        return;
    const qint64 id = m_model->rowId(current.row());
    if (id <= 0 || id == m_shownId)
        return;
    const int row = m_model->loadedRowOf(m_shownId);
    if (row >= 0)
        highlightRow(row);
    else
        m_model->locateRow(m_shownId); // further away than the pages at hand
}

void TablePanel::highlightLocatedRow()
{
    if (m_locatedRow < 0)
        return;
    if (m_locatedRow >= m_model->rowCount())
        return; // the count has not caught up yet; rowsInserted brings us back
    if (!m_model->isRowLoaded(m_locatedRow)) {
        m_model->requestRow(m_locatedRow);
        return;
    }
    const int row = m_model->rowId(m_locatedRow) == m_shownId ? m_locatedRow : -1;
    m_locatedRow = -1;
    highlightRow(row); // moved again meanwhile: nothing rather than another record
}

void TablePanel::highlightRow(int row)
{
    m_highlighting = true;
    if (row < 0) {
        m_view->selectionModel()->clear();
    } else {
        const QModelIndex target =
            m_model->index(row, std::max(0, m_view->currentIndex().column()));
        m_view->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    }
    m_highlighting = false;
}

} // namespace fulfillsync
