#include "ui/mappings/mappingspage.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/mappingfile.h"
#include "models/storage/mappinghistory.h"
#include "models/storage/mappingrepository.h"
#include "ui/mappings/mappingdelegate.h"
#include "ui/mappings/mappingfiltermodel.h"
#include "ui/mappings/mappinghistorymodel.h"
#include "ui/mappings/mappingtablemodel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace fulfillsync {

namespace {

QString kindTitle(MappingKind kind)
{
    switch (kind) {
    case MappingKind::ShipMethod:
        return MappingsPage::tr("Ship methods");
    case MappingKind::Item:
        return MappingsPage::tr("Items");
    case MappingKind::Location:
        return MappingsPage::tr("Locations");
    case MappingKind::CustomField:
        return MappingsPage::tr("Custom fields");
    }
    return {};
}

// One order for comparing what is in the tables with what was loaded.
QList<MappingRule> sorted(QList<MappingRule> rules)
{
    std::stable_sort(rules.begin(), rules.end(), [](const MappingRule &a, const MappingRule &b) {
        if (a.kind != b.kind)
            return int(a.kind) < int(b.kind);
        return a.sourceKey < b.sourceKey;
    });
    return rules;
}

QToolButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAccessibleName(action->text().remove(u'&').remove(QStringLiteral("…")));
    return button;
}

} // namespace

MappingsPage::MappingsPage(Database &database, QWidget *parent)
    : QWidget(parent)
    , m_database(database)
{
    qRegisterMetaType<fulfillsync::DiscoveryResult>();
    m_askUnsaved = [this](const QString &question) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved mappings"), question,
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return answer == QMessageBox::Save      ? UnsavedAnswer::Save
               : answer == QMessageBox::Discard ? UnsavedAnswer::Discard
                                                : UnsavedAnswer::Cancel;
    };

    m_chooseImport =
        [this](const MappingImportPlan &merge,
               const MappingImportPlan &replace) -> std::optional<MappingImportPlan::Mode> {
        QMessageBox box(QMessageBox::Question, tr("Import mappings"),
                        tr("Merge adds %1 and changes %2 row(s), and keeps every other row. "
                           "Replace also removes %3 row(s) the file does not have, in the tables "
                           "of the kinds it holds.\n\nNothing is saved until you Save.")
                            .arg(merge.added.size())
                            .arg(merge.changed.size())
                            .arg(replace.removed.size()),
                        QMessageBox::NoButton, this);
        box.setDetailedText(
            tr("Merge:\n%1\n\nReplace:\n%2").arg(describe(merge), describe(replace)));
        QPushButton *mergeButton = box.addButton(tr("&Merge"), QMessageBox::AcceptRole);
        QPushButton *replaceButton = box.addButton(tr("&Replace"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(mergeButton);
        box.exec();
        if (box.clickedButton() == mergeButton)
            return MappingImportPlan::Mode::Merge;
        if (box.clickedButton() == replaceButton)
            return MappingImportPlan::Mode::Replace;
        return std::nullopt;
    };

    m_confirmOverwrite = [this](const QString &question) {
        return QMessageBox::question(this, tr("Mappings changed elsewhere"), question) ==
               QMessageBox::Yes;
    };

    // Save, Discover, ... act anywhere on the page; Add/Remove row only in the tables (added to
    // each view in makeKindTab), so Del in the connector box removes nothing.
    auto makeAction = [this](const QString &text, const QKeySequence &key, const QString &tip,
                             bool pageWide = true) {
        auto *action = new QAction(text, this);
        if (!key.isEmpty())
            action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(
            key.isEmpty() ? tip : tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        if (pageWide)
            addAction(action);
        return action;
    };
    m_save = makeAction(tr("&Save"), QKeySequence::Save,
                        tr("Write all mapping tables of this connector in one step"));
    m_revert = makeAction(tr("Revert"), {}, tr("Forget the unsaved changes"));
    m_discover = makeAction(tr("Discover values"), QKeySequence(QStringLiteral("Ctrl+D")),
                            tr("List the ship methods, items and locations NetSuite used on "
                               "this connector's orders, with the orders each one holds"));
    m_addRow =
        makeAction(tr("Add row"), QKeySequence(Qt::Key_Insert), tr("Add a mapping row"), false);
    m_removeRow = makeAction(tr("Remove row"), QKeySequence(Qt::Key_Delete),
                             tr("Remove the selected rows"), false);
    m_import = makeAction(tr("Import…"), {}, tr("Read mappings from a CSV or JSON file"));
    m_export = makeAction(tr("Export…"), {}, tr("Write these mappings to a CSV or JSON file"));
    connect(m_save, &QAction::triggered, this, &MappingsPage::save);
    connect(m_revert, &QAction::triggered, this, &MappingsPage::revert);
    connect(m_discover, &QAction::triggered, this, &MappingsPage::discover);
    connect(m_addRow, &QAction::triggered, this, &MappingsPage::addRow);
    connect(m_removeRow, &QAction::triggered, this, &MappingsPage::removeSelectedRows);
    connect(m_import, &QAction::triggered, this, &MappingsPage::chooseImportFile);
    connect(m_export, &QAction::triggered, this, &MappingsPage::chooseExportFile);

    m_connectorBox = new QComboBox(this);
    m_connectorBox->setAccessibleName(tr("Connector"));
    m_connectorBox->setMinimumContentsLength(18);
    auto *connectorLabel = new QLabel(tr("&Connector:"), this);
    connectorLabel->setBuddy(m_connectorBox);
    connect(m_connectorBox, &QComboBox::activated, this, &MappingsPage::onConnectorChosen);

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setPlaceholderText(tr("Filter rows"));
    m_filterEdit->setAccessibleName(tr("Filter mapping rows"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMaximumWidth(220);
    m_attentionOnly = new QCheckBox(tr("&Only rows to look at"), this);
    m_attentionOnly->setToolTip(tr("Show only rows with a problem or without a target"));
    m_attentionOnly->setAccessibleName(tr("Only rows with a problem or without a target"));
    connect(m_filterEdit, &QLineEdit::textChanged, this, &MappingsPage::applyFilter);
    connect(m_attentionOnly, &QCheckBox::toggled, this, &MappingsPage::applyFilter);

    // Tab order follows the row left to right (the widgets were created in another order).
    const QList<QWidget *> row = {m_connectorBox,
                                  buttonFor(m_discover, this),
                                  buttonFor(m_import, this),
                                  buttonFor(m_export, this),
                                  m_filterEdit,
                                  m_attentionOnly,
                                  buttonFor(m_revert, this),
                                  buttonFor(m_save, this)};
    for (qsizetype i = 1; i < row.size(); ++i)
        setTabOrder(row.at(i - 1), row.at(i));
    auto *top = new QHBoxLayout;
    top->addWidget(connectorLabel);
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (i == 1 || i == 4)
            top->addSpacing(12);
        if (i == 6)
            top->addStretch(1);
        top->addWidget(row.at(i));
    }

    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Mapping tables"));
    for (MappingKind kind : allMappingKinds())
        m_tabs->addTab(makeKindTab(kind), kindTitle(kind));
    m_historyModel = new MappingHistoryModel(this);
    auto *historyView = new QTableView(this);
    historyView->setModel(m_historyModel);
    historyView->setAccessibleName(tr("Mapping change history"));
    historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    historyView->setWordWrap(false);
    historyView->verticalHeader()->hide();
    historyView->horizontalHeader()->setStretchLastSection(true);
    historyView->horizontalHeader()->setDefaultSectionSize(140);
    historyView->setColumnWidth(MappingHistoryModel::When, 190);
    historyView->verticalHeader()->setDefaultSectionSize(historyView->fontMetrics().height() + 10);
    m_tabs->addTab(historyView, tr("History"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        const bool table = currentKind().has_value();
        m_addRow->setEnabled(table && m_connector.id != 0);
        m_removeRow->setEnabled(table && m_connector.id != 0);
    });

    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setAccessibleName(tr("Mapping problems"));
    m_problems->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_unmapped = new QLabel(this);
    m_unmapped->setWordWrap(true);
    m_unmapped->setTextFormat(Qt::PlainText);
    m_unmapped->setAccessibleName(tr("Unmapped values"));
    m_unmapped->setStyleSheet(QStringLiteral("color: #7a4f00;"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Mappings status"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setAccessibleName(tr("Discovering values"));
    m_progress->setVisible(false);
    m_cancelDiscovery = new QPushButton(tr("Cancel"), this);
    m_cancelDiscovery->setAccessibleName(tr("Cancel discovery"));
    m_cancelDiscovery->setVisible(false);
    connect(m_cancelDiscovery, &QPushButton::clicked, this, &MappingsPage::cancelDiscovery);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_cancelDiscovery);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_unmapped);
    layout->addLayout(bottom);

    m_thread.setObjectName(QStringLiteral("mapping-discovery"));
    m_worker = new MappingDiscoveryWorker(database);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &MappingsPage::discoveryRequested, m_worker, &MappingDiscoveryWorker::run,
            Qt::QueuedConnection);
    connect(m_worker, &MappingDiscoveryWorker::finished, this, &MappingsPage::onDiscovered,
            Qt::QueuedConnection);
    m_thread.start();

    reloadConnectors();
}

MappingsPage::~MappingsPage()
{
    m_worker->setLatestGeneration(0); // skip a queued discovery
    QMetaObject::invokeMethod(m_worker, &MappingDiscoveryWorker::closeConnection,
                              Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QWidget *MappingsPage::makeKindTab(MappingKind kind)
{
    auto *model = new MappingTableModel(kind, this);
    auto *filter = new MappingFilterModel(this);
    filter->setSourceModel(model);
    auto *view = new QTableView(this);
    view->setModel(filter);
    view->setItemDelegate(new MappingDelegate(view));
    view->setAccessibleName(tr("%1 mappings").arg(kindTitle(kind)));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setDefaultSectionSize(200);
    // The widest text (template, argument, SKU, location id) gets the spare room; Orders is
    // a short number at the end.
    const int orders = model->columnOf(MappingTableModel::Field::Orders);
    const int wide = orders >= 0 ? orders - 1 : model->columnCount() - 1;
    view->horizontalHeader()->setSectionResizeMode(wide, QHeaderView::Stretch);
    if (orders >= 0)
        view->setColumnWidth(orders, 80);
    view->addAction(m_addRow);
    view->addAction(m_removeRow);
    connect(model, &MappingTableModel::rowsEdited, this, &MappingsPage::onRowsEdited);
    m_models.insert(kind, model);
    m_views.insert(kind, view);
    m_filters.insert(kind, filter);

    auto *tab = new QWidget(this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(buttonFor(m_addRow, tab));
    buttons->addWidget(buttonFor(m_removeRow, tab));
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(view, 1);
    layout->addLayout(buttons);
    return tab;
}

void MappingsPage::reloadConnectors()
{
    ConnectorRepository repo(m_database.connection());
    const QList<Connector> connectors = repo.all();
    const qint64 keep = m_connector.id;
    m_connectorBox->clear();
    for (const Connector &c : connectors)
        m_connectorBox->addItem(tr("%1 (channel %2)").arg(c.name, c.channel), c.id);
    if (connectors.isEmpty()) {
        m_connector = Connector{};
        showStatus(repo.lastError().isEmpty()
                       ? tr("There is no connector yet: add one, then map its values here.")
                       : tr("Could not read the connectors: %1").arg(repo.lastError()),
                   !repo.lastError().isEmpty());
        load();
        return;
    }
    const int index = std::max(0, m_connectorBox->findData(keep));
    m_connectorBox->setCurrentIndex(index);
    if (connectors.at(index).id != m_connector.id) {
        m_connector = connectors.at(index);
        load();
    } else {
        m_connector = connectors.at(index);
    }
}

void MappingsPage::showEvent(QShowEvent *event)
{
    // Connectors may have been added or renamed on another screen meanwhile.
    reloadConnectors();
    QWidget::showEvent(event);
}

bool MappingsPage::selectConnector(qint64 connectorId)
{
    const int index = m_connectorBox->findData(connectorId);
    if (index < 0)
        return false;
    m_connectorBox->setCurrentIndex(index);
    onConnectorChosen(index);
    return m_connector.id == connectorId;
}

void MappingsPage::onConnectorChosen(int index)
{
    const qint64 id = m_connectorBox->itemData(index).toLongLong();
    if (id == m_connector.id)
        return;
    if (!resolveUnsavedChanges()) {
        m_connectorBox->setCurrentIndex(m_connectorBox->findData(m_connector.id));
        return;
    }
    ConnectorRepository repo(m_database.connection());
    const auto connector = repo.byId(id);
    if (!connector) {
        showStatus(tr("Could not read the connector: %1").arg(repo.lastError()), true);
        m_connectorBox->setCurrentIndex(m_connectorBox->findData(m_connector.id));
        return;
    }
    m_connector = *connector;
    load();
}

bool MappingsPage::resolveUnsavedChanges()
{
    if (!isDirty())
        return true;
    const UnsavedAnswer answer = m_askUnsaved(
        tr("The mappings of %1 have unsaved changes. Save them first?").arg(m_connector.name));
    if (answer == UnsavedAnswer::Discard) {
        load();
        return true;
    }
    return answer == UnsavedAnswer::Save && save();
}

void MappingsPage::load()
{
    cancelDiscovery();
    m_discovered.clear();
    QList<MappingRule> rules;
    if (m_connector.id != 0) {
        MappingRepository repo(m_database.connection());
        rules = repo.rules(m_connector.id);
        if (!repo.lastError().isEmpty())
            showStatus(tr("Could not read the mappings: %1. Check the database connection and "
                          "choose the connector again.")
                           .arg(repo.lastError()),
                       true);
        else
            showStatus(
                tr("%n mapping(s) of %1.", nullptr, int(rules.size())).arg(m_connector.name));
    }
    m_loaded = sorted(rules);
    for (MappingTableModel *model : std::as_const(m_models)) {
        model->setTarget(mappingTargetOf(m_connector));
        model->setRules(rules);
    }
    refreshHistory();
    const bool any = m_connector.id != 0;
    for (QAction *action : {m_discover, m_import, m_export, m_addRow, m_removeRow})
        action->setEnabled(any);
    onRowsEdited();
}

void MappingsPage::refreshHistory()
{
    if (m_connector.id == 0) {
        m_historyModel->setChanges({});
        return;
    }
    MappingHistoryRepository history(m_database.connection());
    m_historyModel->setChanges(history.changes(m_connector.id));
}

QList<MappingRule> MappingsPage::editedRules() const
{
    QList<MappingRule> rules;
    for (const MappingTableModel *model : m_models)
        rules << model->savableRules();
    return sorted(rules);
}

bool MappingsPage::isDirty() const
{
    if (m_connector.id == 0)
        return false;
    // A stored rule without a target shows as an unmapped row and is not saved again: that
    // alone is not an unsaved change.
    QList<MappingRule> loaded = m_loaded;
    loaded.removeIf([](const MappingRule &rule) { return isUnmappedPlaceholder(rule); });
    return editedRules() != loaded;
}

bool MappingsPage::isValid() const
{
    return std::all_of(m_models.cbegin(), m_models.cend(),
                       [](const MappingTableModel *m) { return m->issues().isEmpty(); });
}

void MappingsPage::onRowsEdited()
{
    QStringList lines;
    int count = 0;
    for (const MappingTableModel *model : std::as_const(m_models)) {
        for (const MappingIssue &issue : model->issues()) {
            ++count;
            if (lines.size() < 5) {
                const int column = model->columnOf(MappingTableModel::Field(int(issue.field)));
                lines << tr("%1, row %2, %3: %4")
                             .arg(kindTitle(model->kind()))
                             .arg(issue.row + 1)
                             .arg(model->headerData(column, Qt::Horizontal).toString(), issue.text);
            }
        }
    }
    QString text;
    if (count > 0) {
        text = tr("%n problem(s) to fix before saving (red cells):", nullptr, count) + u'\n' +
               lines.join(u'\n');
        if (count > lines.size())
            text += u'\n' + tr("…and %n more.", nullptr, count - int(lines.size()));
    }
    QStringList unmapped;
    QStringList consequences;
    for (const MappingTableModel *model : std::as_const(m_models)) {
        if (model->unmappedCount() == 0)
            continue;
        // The kind as titled on its tab: lower-casing it would be wrong in German.
        unmapped << tr("%1: %2").arg(kindTitle(model->kind())).arg(model->unmappedCount());
        consequences << MappingTableModel::unmappedConsequence(model->kind());
    }
    QString unmappedText;
    if (!unmapped.isEmpty())
        unmappedText = tr("Not mapped yet (amber rows; Orders says how many orders use each): %1. "
                          "%2 Enter a target, or leave the row empty to decide later.")
                           .arg(unmapped.join(QStringLiteral(", ")), consequences.join(u' '));
    m_problems->setText(text);
    m_problems->setVisible(!text.isEmpty());
    m_unmapped->setText(unmappedText);
    m_unmapped->setVisible(!unmappedText.isEmpty());
    const bool dirty = isDirty();
    m_save->setEnabled(dirty && count == 0);
    m_revert->setEnabled(dirty);
    m_save->setStatusTip(count > 0 ? tr("Fix the red cells first") : QString());
}

bool MappingsPage::save()
{
    if (m_connector.id == 0 || !isValid()) {
        showStatus(tr("Nothing was saved: fix the red cells first."), true);
        return false;
    }
    const QList<MappingRule> rules = editedRules();
    MappingRepository repo(m_database.connection());
    // Another admin (shared PostgreSQL) or an import may have saved meanwhile: never replace
    // their work without asking.
    bool written = repo.replaceIfUnchanged(m_connector.id, m_loaded, rules);
    if (!written && repo.changedElsewhere()) {
        if (!m_confirmOverwrite(tr("Someone else saved the mappings of %1 after you opened them "
                                   "(see History). Save yours anyway, replacing theirs?")
                                    .arg(m_connector.name))) {
            refreshHistory();
            showStatus(tr("Not saved: the mappings were changed elsewhere. Revert to load "
                          "their version, or Save again to replace it with yours."),
                       true);
            return false;
        }
        written = repo.replace(m_connector.id, rules);
    }
    if (!written) {
        showStatus(tr("Could not save the mappings: %1. Nothing was changed; check the "
                      "database connection and save again.")
                       .arg(repo.lastError()),
                   true);
        return false;
    }
    const int before = m_historyModel->rowCount();
    m_loaded = rules;
    refreshHistory();
    showStatus(tr("Saved %n mapping(s) of %1; %2 change(s) recorded in History.", nullptr,
                  int(rules.size()))
                   .arg(m_connector.name)
                   .arg(m_historyModel->rowCount() - before));
    onRowsEdited();
    Q_EMIT saved(m_connector.id);
    return true;
}

void MappingsPage::revert()
{
    load();
    showStatus(tr("Unsaved changes discarded."));
}

void MappingsPage::discover()
{
    if (m_connector.id == 0)
        return;
    ++m_generation;
    m_worker->setLatestGeneration(m_generation);
    setDiscovering(true);
    showStatus(tr("Discovering the values NetSuite used on %1's orders…").arg(m_connector.name));
    Q_EMIT discoveryRequested(m_generation, m_connector.channel);
}

void MappingsPage::cancelDiscovery()
{
    if (m_progress->isHidden()) // not discovering (isVisible() is false on a hidden tab)
        return;
    ++m_generation; // its answer will be dropped
    m_worker->setLatestGeneration(m_generation);
    setDiscovering(false);
    showStatus(tr("Discovery cancelled."));
}

void MappingsPage::setDiscovering(bool running)
{
    m_progress->setVisible(running);
    m_cancelDiscovery->setVisible(running);
    m_discover->setEnabled(!running && m_connector.id != 0);
}

void MappingsPage::onDiscovered(const DiscoveryResult &result)
{
    if (result.generation != m_generation)
        return;
    setDiscovering(false);
    if (!result.error.isEmpty()) {
        showStatus(tr("Could not read the NetSuite values: %1. Check the database connection "
                      "and discover again.")
                       .arg(result.error),
                   true);
        return;
    }
    if (result.values.isEmpty()) {
        showStatus(tr("No fulfillment of channel \"%1\" is in the local cache yet: run a sync "
                      "first, then discover again.")
                       .arg(m_connector.channel));
        return;
    }
    m_discovered = result.values;
    int added = 0;
    for (MappingTableModel *model : std::as_const(m_models))
        added += model->applyDiscovery(result.values);
    showStatus(tr("Found %n value(s) NetSuite used in %1 s; %2 not mapped yet were added as amber "
                  "rows.",
                  nullptr, int(result.values.size()))
                   .arg(QLocale().toString(result.elapsedMs / 1000.0, 'f', 1))
                   .arg(added));
}

bool MappingsPage::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("Could not open %1: %2. Nothing was imported.")
                       .arg(QFileInfo(path).fileName(), file.errorString()),
                   true);
        return false;
    }
    const QByteArray data = file.readAll();
    QString error;
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    const auto rules =
        json ? MappingFile::fromJson(data, &error) : MappingFile::fromCsv(data, &error);
    if (!rules) {
        showStatus(
            tr("%1 was not imported, nothing changed. %2").arg(QFileInfo(path).fileName(), error),
            true);
        return false;
    }
    QList<MappingRule> current;
    for (MappingTableModel *model : std::as_const(m_models))
        current += model->rules();
    const auto merge = MappingImportPlan::make(current, *rules, MappingImportPlan::Mode::Merge);
    const auto replace = MappingImportPlan::make(current, *rules, MappingImportPlan::Mode::Replace);
    if (!merge.changesAnything() && !replace.changesAnything()) {
        showStatus(tr("%1 holds the mappings shown already; nothing changed.")
                       .arg(QFileInfo(path).fileName()));
        return true;
    }
    const std::optional<MappingImportPlan::Mode> mode = m_chooseImport(merge, replace);
    if (!mode) {
        showStatus(tr("Import cancelled; nothing changed."));
        return true;
    }
    const MappingImportPlan &plan = *mode == MappingImportPlan::Mode::Merge ? merge : replace;
    for (MappingTableModel *model : std::as_const(m_models)) {
        QList<MappingRule> ofKind;
        for (const MappingRule &rule : plan.result)
            if (rule.kind == model->kind())
                ofKind << rule;
        if (ofKind == model->rules())
            continue;
        model->setRules(ofKind);
        model->applyDiscovery(m_discovered);
    }
    showStatus(tr("Imported %1: %2 added, %3 changed, %4 removed. Check them, then Save.")
                   .arg(QFileInfo(path).fileName())
                   .arg(plan.added.size())
                   .arg(plan.changed.size())
                   .arg(plan.removed.size()));
    return true;
}

QString MappingsPage::describe(const MappingImportPlan &plan)
{
    const auto target = [](const MappingRule &rule) {
        return rule.target.isEmpty() ? tr("(not mapped)") : rule.target;
    };
    const auto source = [](const MappingRule &rule) {
        return rule.sourceName.isEmpty() || rule.sourceName == rule.sourceKey
                   ? rule.sourceKey
                   : QStringLiteral("%1 (%2)").arg(rule.sourceName, rule.sourceKey);
    };
    QStringList lines;
    for (const MappingRule &rule : plan.added)
        lines
            << QStringLiteral("+ %1 %2 → %3").arg(kindTitle(rule.kind), source(rule), target(rule));
    for (const MappingImportPlan::Change &change : plan.changed)
        lines << QStringLiteral("~ %1 %2: %3 → %4")
                     .arg(kindTitle(change.after.kind), source(change.after), target(change.before),
                          target(change.after));
    for (const MappingRule &rule : plan.removed)
        lines
            << QStringLiteral("− %1 %2 → %3").arg(kindTitle(rule.kind), source(rule), target(rule));
    if (lines.isEmpty())
        lines << tr("(no change)");
    return lines.join(u'\n');
}

bool MappingsPage::exportFile(const QString &path)
{
    const QList<MappingRule> rules = editedRules();
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(json ? MappingFile::toJson(rules) : MappingFile::toCsv(rules)) < 0 ||
        !file.commit()) {
        showStatus(tr("Could not write %1: %2. Choose another folder.")
                       .arg(QFileInfo(path).fileName(), file.errorString()),
                   true);
        return false;
    }
    showStatus(tr("Exported %n mapping(s) to %1.", nullptr, int(rules.size()))
                   .arg(QDir::toNativeSeparators(path)));
    return true;
}

void MappingsPage::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import mappings"), {},
                                                      tr("Mappings (*.csv *.json);;All files (*)"));
    if (!path.isEmpty() && !importFile(path))
        QMessageBox::warning(this, tr("Import mappings"), statusText());
}

void MappingsPage::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export mappings"), m_connector.name + QStringLiteral("-mappings.csv"),
        tr("CSV (*.csv);;JSON (*.json)"));
    if (!path.isEmpty() && !exportFile(path))
        QMessageBox::warning(this, tr("Export mappings"), statusText());
}

std::optional<MappingKind> MappingsPage::currentKind() const
{
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it)
        if (m_tabs->currentWidget() && m_tabs->currentWidget()->isAncestorOf(it.value()))
            return it.key();
    return std::nullopt;
}

void MappingsPage::applyFilter()
{
    for (MappingFilterModel *filter : std::as_const(m_filters))
        filter->setFilter(m_filterEdit->text().trimmed(), m_attentionOnly->isChecked());
}

void MappingsPage::addRow()
{
    const auto kind = currentKind();
    if (!kind || m_connector.id == 0)
        return;
    // A new, empty row matches no filter: show everything so it can be typed into.
    m_filterEdit->clear();
    m_attentionOnly->setChecked(false);
    applyFilter();
    const int row = m_models.value(*kind)->addRow();
    QTableView *view = m_views.value(*kind);
    const QModelIndex first =
        m_filters.value(*kind)->mapFromSource(m_models.value(*kind)->index(row, 0));
    view->setCurrentIndex(first);
    view->scrollTo(first);
    view->edit(first);
}

void MappingsPage::removeSelectedRows()
{
    const auto kind = currentKind();
    if (!kind)
        return;
    QTableView *view = m_views.value(*kind);
    MappingFilterModel *filter = m_filters.value(*kind);
    QModelIndexList selected = view->selectionModel()->selectedRows();
    if (selected.isEmpty() && view->currentIndex().isValid())
        selected << view->currentIndex();
    QList<int> rows;
    for (const QModelIndex &index : std::as_const(selected))
        rows << filter->mapToSource(index).row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        m_models.value(*kind)->removeRow(row);
}

void MappingsPage::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #a40000;") : QString());
}

QString MappingsPage::problemsText() const
{
    const QString problems = m_problems->text();
    const QString unmapped = m_unmapped->text();
    if (problems.isEmpty() || unmapped.isEmpty())
        return problems + unmapped;
    return problems + u'\n' + unmapped;
}

QString MappingsPage::statusText() const
{
    return m_status->text();
}

} // namespace fulfillsync
