#include "ui/window/mainwindow.h"

#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/changenotifier.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/historyrepository.h"
#include "models/storage/orderowners.h"
#include "models/storage/orderrepository.h"
#include "sync/synccontroller.h"
#include "ui/connectors/connectorspage.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/inbox/inboxpage.h"
#include "ui/jobs/jobspage.h"
#include "ui/mappings/mappingspage.h"
#include "ui/reconciliation/reconciliationpage.h"
#include "ui/settings/settingsdialog.h"
#include "ui/tables/attemptdetailpane.h"
#include "ui/tables/orderdetailpane.h"
#include "ui/tables/tablefilterbar.h"
#include "ui/tables/tablepanel.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace fulfillsync {

MainWindow::MainWindow(Database &database, SyncController &sync, SyncRequest syncTemplate,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_database(database)
    , m_sync(sync)
    , m_syncTemplate(std::move(syncTemplate))
{
    setWindowTitle(tr("fulfillsync — NetSuite fulfillment sync"));
    resize(1200, 720);
    restoreGeometry(QSettings().value(QStringLiteral("window/geometry")).toByteArray());

    m_orderModel = new OrderTableModel(database, this);
    m_historyModel = new HistoryTableModel(database, this);

    m_syncNow = new QAction(QIcon(QStringLiteral(":/icons/sync.svg")), tr("Sync now"), this);
    m_syncNow->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
    m_syncNow->setToolTip(
        tr("Read NetSuite now and push every shipped fulfillment that is due (Ctrl+R)"));
    m_cancel = new QAction(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), this);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("Stop the running sync after the current request (Esc)"));
    connect(m_syncNow, &QAction::triggered, this, &MainWindow::syncNow);
    connect(m_cancel, &QAction::triggered, &m_sync, &SyncController::cancel);

    auto *toolbar = addToolBar(tr("Sync"));
    toolbar->setObjectName(QStringLiteral("syncToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_syncNow);
    toolbar->addAction(m_cancel);
    // The filters, views, column chooser and export of each table live in its TablePanel.
    m_orderPanel = new TablePanel(database, m_orderModel, this);
    m_orderPanel->view()->setAccessibleName(tr("Sales orders"));
    m_historyPanel = new TablePanel(database, m_historyModel, this);
    m_historyPanel->view()->setAccessibleName(tr("Sync history"));
    m_tabs = new QTabWidget(this);
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, this, [this] {
        if (m_tabs->currentWidget() == m_inbox)
            m_inbox->panel()->focusFilter();
        else if (m_reconciliation && m_tabs->currentWidget() == m_reconciliation)
            m_reconciliation->panel()->focusFilter();
        else if (m_tabs->currentWidget() == m_historyPanel->parentWidget())
            m_historyPanel->focusFilter();
        else
            m_orderPanel->focusFilter();
    });
    addAction(focusFilter);
    m_inbox = new InboxPage(database, this);
    listConnectorsInFilters();
    m_orderDetail = new OrderDetailPane(database, this);
    m_attemptDetail = new AttemptDetailPane(database, this);
    auto *orders = new QSplitter(Qt::Vertical, this);
    orders->addWidget(m_orderPanel);
    orders->addWidget(m_orderDetail);
    orders->setStretchFactor(0, 3);
    orders->setStretchFactor(1, 2);
    auto *history = new QSplitter(Qt::Vertical, this);
    history->addWidget(m_historyPanel);
    history->addWidget(m_attemptDetail);
    history->setStretchFactor(0, 3);
    history->setStretchFactor(1, 2);
    m_tabs->addTab(orders, tr("Sales Orders"));
    m_tabs->addTab(history, tr("Sync History"));
    m_tabs->addTab(m_inbox, tr("Inbox"));
    connect(m_inbox, &InboxPage::orderRequested, this, &MainWindow::showOrder);
    connect(m_inbox, &InboxPage::retryRequested, this,
            [this](const SyncRequest &request) { m_sync.runNow(request); });
    connect(m_inbox, &InboxPage::resolved, this, [this](int) { refreshTables(); });
    connect(m_inbox->panel(), &TablePanel::statusMessage, this, &MainWindow::showStatus);
    // Reconciliation: runs and their results go through the sync thread, its row actions are
    // resyncs through the outbox like any other.
    m_reconciliation = new ReconciliationPage(database, this);
    m_tabs->addTab(m_reconciliation, tr("Reconciliation"));
    connect(m_reconciliation, &ReconciliationPage::reconcileRequested, &m_sync,
            &SyncController::reconcile);
    connect(m_reconciliation, &ReconciliationPage::cancelRequested, &m_sync,
            &SyncController::cancelReconcile);
    connect(&m_sync, &SyncController::reconcileStarted, m_reconciliation,
            &ReconciliationPage::reconcileStarted);
    connect(&m_sync, &SyncController::reconcileProgressed, m_reconciliation,
            &ReconciliationPage::reconcileProgressed);
    connect(&m_sync, &SyncController::reconcileFinished, m_reconciliation,
            &ReconciliationPage::reconcileFinished);
    connect(m_reconciliation, &ReconciliationPage::orderRequested, this, &MainWindow::showOrder);
    connect(m_reconciliation, &ReconciliationPage::syncRequested, this,
            [this](const SyncRequest &asked) {
                if (asked.replayAttemptId != 0) // the replay path, with its question first
                    return replay(asked.replayAttemptId, false);
                SyncRequest request = m_syncTemplate;
                request.trigger = asked.trigger;
                request.connectorId = asked.connectorId;
                request.orderIds = asked.orderIds;
                request.resendTracking = asked.resendTracking;
                m_sync.runNow(request);
            });
    m_dashboard = new DashboardPage(database, m_sync, this);
    m_tabs->insertTab(0, m_dashboard, tr("Dashboard"));
    m_tabs->setCurrentIndex(0);
    connect(m_dashboard, &DashboardPage::orderRequested, this, &MainWindow::showOrder);
    m_tabs->addTab(m_mappingsPage = new MappingsPage(database, this), tr("Mappings"));
    m_jobs = new JobsPage(database, m_sync, this);
    m_tabs->addTab(m_jobs, tr("Jobs"));
    connect(m_orderPanel, &TablePanel::currentRowIdChanged, m_orderDetail,
            &OrderDetailPane::showOrder);
    connect(m_historyPanel, &TablePanel::currentRowIdChanged, m_attemptDetail,
            &AttemptDetailPane::showAttempt);
    // Enter on a row moves the keyboard into its details (the first control there).
    const auto focusFirstIn = [](QWidget *pane) {
        for (QWidget *child : pane->findChildren<QWidget *>())
            if ((child->focusPolicy() & Qt::TabFocus) && child->isVisibleTo(pane)) {
                child->setFocus(Qt::OtherFocusReason);
                return;
            }
    };
    connect(m_orderPanel, &TablePanel::rowActivated, this,
            [this, focusFirstIn] { focusFirstIn(m_orderDetail); });
    connect(m_historyPanel, &TablePanel::rowActivated, this,
            [this, focusFirstIn] { focusFirstIn(m_attemptDetail); });
    connect(m_orderPanel, &TablePanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_historyPanel, &TablePanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_orderDetail, &OrderDetailPane::resyncRequested, this, &MainWindow::resync);
    connect(m_orderDetail, &OrderDetailPane::dryRunRequested, this, &MainWindow::dryRun);
    connect(m_orderDetail, &OrderDetailPane::flagsResolved, this, [this](qint64, int count) {
        showStatus(tr("Resolved %n flagged fulfillment(s); the reason is in the history.", nullptr,
                      count));
        refreshTables();
    });
    connect(m_orderDetail, &OrderDetailPane::channelReadRequested, this,
            [this](qint64 orderId, const QList<qint64> &connectorIds) {
                for (qint64 connectorId : connectorIds) {
                    ReconcileRequest request;
                    request.connectorId = connectorId;
                    request.since = request.until = QDate::currentDate();
                    request.orderIds = {orderId};
                    m_sync.reconcile(request);
                }
            });
    // A reading of the order on screen (asked for there, or by any run) shows at once.
    connect(&m_sync, &SyncController::reconcileFinished, this,
            [this](const ReconcileSummary &summary) {
                if (!summary.error.isEmpty())
                    showStatus(tr("%1: the channel could not be read: %2")
                                   .arg(summary.connectorName, summary.error));
                m_orderDetail->refresh();
            });
    connect(m_attemptDetail, &AttemptDetailPane::replayRequested, this, &MainWindow::replay);
    connect(&m_sync, &SyncController::requestPlanned, this, [this](const PlannedRequest &request) {
        if (!m_dryRunPending) // a connector's whole dry run is told on the Connectors page
            return;
        ++m_dryRunPlanned;
        m_orderDetail->showPlanned(request);
    });
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Replay"), question) == QMessageBox::Yes;
    };
    setCentralWidget(m_tabs);
    buildMenus();

    m_status = new QLabel(tr("Ready"), this);
    m_counts = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    m_progress->setAccessibleName(tr("Sync progress"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setVisible(false);
    connect(m_cancelButton, &QPushButton::clicked, m_cancel, &QAction::trigger);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);

    // History can grow by hundreds of rows a second during a big run: refresh at most every
    // 500 ms while it does.
    m_refreshDelay = new QTimer(this);
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(500);
    connect(m_refreshDelay, &QTimer::timeout, this, &MainWindow::refreshTables);
    // On a shared PostgreSQL database, other workers' results arrive as notifications.
    m_changes = new ChangeNotifier(database.connection(), this);
    connect(m_changes, &ChangeNotifier::changed, this, [this] {
        if (!m_refreshDelay->isActive())
            m_refreshDelay->start();
        m_dashboard->scheduleRefresh();
    });

    connect(&m_sync, &SyncController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(&m_sync, &SyncController::progressed, this, &MainWindow::onProgress);
    connect(&m_sync, &SyncController::passFinished, this, &MainWindow::onPassFinished);
    connect(&m_sync, &SyncController::failedToStart, this, &MainWindow::onFailedToStart);
    connect(&m_sync, &SyncController::alertNotDelivered, this, [this](const QString &message) {
        showStatus(tr("An alert could not be sent: %1").arg(message));
    });
    connect(&m_sync, &SyncController::historyAdvanced, this, [this] {
        if (!m_refreshDelay->isActive())
            m_refreshDelay->start();
    });
    connect(m_orderModel, &PagedTableModel::totalCountChanged, this, &MainWindow::updateCounts);
    connect(m_orderModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::selectPendingOrder);
    connect(m_orderModel, &QAbstractItemModel::dataChanged, this, &MainWindow::selectPendingOrder);
    connect(m_historyModel, &PagedTableModel::totalCountChanged, this, &MainWindow::updateCounts);
    for (PagedTableModel *model : {static_cast<PagedTableModel *>(m_orderModel),
                                   static_cast<PagedTableModel *>(m_historyModel)}) {
        connect(model, &PagedTableModel::loadFailed, this, [this](const QString &message) {
            showStatus(tr("Could not read the database: %1").arg(message));
        });
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_mappingsPage && !m_mappingsPage->resolveUnsavedChanges()) {
        m_tabs->setCurrentWidget(m_mappingsPage);
        event->ignore();
        return;
    }
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::buildMenus()
{
    m_launchDemo = [] {
        QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                {QStringLiteral("--demo")});
    };
    m_openDemo = new QAction(tr("Try the &demo…"), this);
    m_openDemo->setToolTip(tr("Open a second window on generated orders, in a database of the "
                              "demo's own; nothing here changes"));
    connect(m_openDemo, &QAction::triggered, this, [this] { m_launchDemo(); });
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->addAction(m_openDemo);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(quit);

    // Tabs switch from anywhere in the window, also while a table or a filter has the focus.
    const auto stepTabs = [this](int step) {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + m_tabs->count()) %
                                m_tabs->count());
    };
    const QList<std::pair<QList<QKeySequence>, int>> tabKeys = {
        {{QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)}, 1},
        {{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
          QKeySequence(Qt::CTRL | Qt::Key_PageUp)},
         -1}};
    for (const auto &[keys, step] : tabKeys) {
        auto *action = new QAction(this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [stepTabs, step = step] { stepTabs(step); });
        addAction(action);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    // The README the package installs beside the program (bin/../share/doc); a build tree has
    // none, and then the menu has no entry rather than a dead one.
    const QString readme =
        QDir(QCoreApplication::applicationDirPath())
            .absoluteFilePath(QStringLiteral("../share/doc/fulfillsync/README.md"));
    if (QFileInfo::exists(readme)) {
        help->addAction(tr("&Documentation"), this,
                        [readme] { QDesktopServices::openUrl(QUrl::fromLocalFile(readme)); });
    }
    help->addAction(tr("&About fulfillsync"), this, [this] {
        QMessageBox::about(
            this, tr("About fulfillsync"),
            tr("<h3>fulfillsync %1</h3><p>Pushes shipped NetSuite item fulfillments to the stores "
               "the orders came from: once each, and says why when it cannot.</p>")
                .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
    });
    help->addAction(tr("About &Qt"), this, [this] { QMessageBox::aboutQt(this); });
}

void MainWindow::setSecretStore(SecretStore &secrets)
{
    if (m_secrets)
        return;
    m_secrets = &secrets;
    m_connectorsPage = new ConnectorsPage(m_database, m_sync, secrets, this);
    m_connectorsPage->setRunTemplate(m_syncTemplate);
    m_tabs->insertTab(m_tabs->indexOf(m_mappingsPage), m_connectorsPage, tr("Connectors"));
    m_settings = new QAction(tr("&Settings…"), this);
    m_settings->setShortcut(QKeySequence(QStringLiteral("Ctrl+,")));
    m_settings->setMenuRole(QAction::PreferencesRole);
    connect(m_settings, &QAction::triggered, this, [this] {
        SettingsDialog dialog(m_database, *m_secrets, this);
        if (m_demoBanner)
            dialog.setDemoMode();
        dialog.exec();
    });
    m_fileMenu->insertAction(m_openDemo, m_settings);
}

QTableView *MainWindow::historyView() const
{
    return m_historyPanel->view();
}

QTableView *MainWindow::orderView() const
{
    return m_orderPanel->view();
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::markAsDemo()
{
    if (m_demoBanner)
        return;
    m_demoBanner = new QLabel(tr("<b>Demo</b> — generated orders served by the built-in sandbox, "
                                 "in a database of the demo's own. Nothing done here changes "
                                 "your real orders, settings or database."),
                              this);
    m_demoBanner->setWordWrap(true);
    m_demoBanner->setAccessibleName(tr("Demo"));
    m_demoBanner->setStyleSheet(
        QStringLiteral("QLabel { background: #e8f0fe; color: #1a3d7c; "
                       "border-bottom: 1px solid #aac4f0; padding: 6px; }"));
    auto *wrapper = new QWidget(this);
    auto *layout = new QVBoxLayout(wrapper);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_demoBanner);
    layout->addWidget(takeCentralWidget(), 1);
    setCentralWidget(wrapper);
    auto *badge = new QLabel(tr("DEMO"), this);
    badge->setAccessibleName(tr("Demo mode"));
    badge->setStyleSheet(QStringLiteral("QLabel { background: #1a73e8; color: white; "
                                        "font-weight: bold; padding: 1px 8px; }"));
    statusBar()->insertPermanentWidget(0, badge);
    m_openDemo->setVisible(false); // this is the demo already
}

void MainWindow::showStatus(const QString &text)
{
    m_status->setText(text);
}

void MainWindow::syncNow()
{
    SyncRequest request = m_syncTemplate;
    request.trigger = SyncTrigger::Manual;
    showStatus(tr("Starting sync…"));
    m_sync.runNow(request);
}

QString MainWindow::orderName(qint64 orderId) const
{
    const auto order = OrderRepository(m_database.connection()).order(orderId);
    return order ? order->tranId : tr("order %1").arg(orderId);
}

// A resync or dry run of one order runs the connectors that own it, never every connector's
// whole pass. Returns false (and says why) when none does.
bool MainWindow::runForOrder(SyncRequest request, qint64 orderId)
{
    request.orderIds = {orderId};
    const QList<qint64> owners = connectorsOwningOrders(m_database.connection(), {orderId});
    if (owners.isEmpty()) {
        const QString message = tr("No enabled connector handles %1: no connector has its channel "
                                   "and no 3PL connector has it.")
                                    .arg(orderName(orderId));
        showStatus(message);
        QMessageBox::information(this, tr("Nothing to run"), message);
        return false;
    }
    for (qint64 connectorId : owners) {
        request.connectorId = connectorId;
        m_sync.runNow(request);
    }
    return true;
}

void MainWindow::resync(qint64 orderId)
{
    SyncRequest request = m_syncTemplate;
    request.trigger = SyncTrigger::Resync;
    showStatus(tr("Resyncing %1…").arg(orderName(orderId)));
    runForOrder(request, orderId);
}

void MainWindow::dryRun(qint64 orderId)
{
    SyncRequest request = m_syncTemplate;
    request.dryRun = true;
    m_dryRunPlanned = 0;
    showStatus(tr("Dry run of %1: reading NetSuite and the channel, sending nothing…")
                   .arg(orderName(orderId)));
    m_dryRunPending = runForOrder(request, orderId);
}

void MainWindow::replay(qint64 attemptId, bool asRecorded)
{
    // Confirmed by what the admin knows the row as: its fulfillment, order and connector.
    const std::optional<SyncAttempt> attempt =
        HistoryRepository(m_database.connection()).byId(attemptId);
    if (!attempt) {
        showStatus(tr("This history row cannot be read any more; nothing was replayed."));
        return;
    }
    const QString what =
        attempt->fulfillmentTranId.isEmpty()
            ? tr("the held shipments of %1 from %2")
                  .arg(attempt->orderTranId, attempt->connectorName)
            : tr("%1 of %2 to %3")
                  .arg(attempt->fulfillmentTranId, attempt->orderTranId, attempt->connectorName);
    const QString question =
        asRecorded ? tr("Replay %1, sending the recorded request again?\n\nThe channel is read "
                        "back first: if the fulfillment is already there, nothing is sent.")
                         .arg(what)
                   : tr("Replay %1, built again with today's mappings?\n\nThe channel is read "
                        "back first: if the fulfillment is already there, nothing is sent.")
                         .arg(what);
    if (!m_confirm(question))
        return;
    SyncRequest request = m_syncTemplate;
    request.trigger = SyncTrigger::Replay;
    request.replayAttemptId = attemptId;
    request.replayAsRecorded = asRecorded;
    showStatus(tr("Replaying %1…").arg(what));
    m_sync.runNow(request);
}

void MainWindow::onBusyChanged(bool busy)
{
    m_syncNow->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        m_runSummaries.clear(); // a new run: its connectors' summaries from here on
    }
    if (!busy && m_dryRunPending) {
        m_dryRunPending = false;
        if (m_dryRunPlanned == 0)
            m_orderDetail->showPlanned(PlannedRequest{
                0,
                {},
                {},
                {},
                {},
                {},
                tr("everything due is already in the channel, or nothing is due yet.")});
    }
    refreshTables();
}

void MainWindow::onProgress(const SyncProgress &progress)
{
    if (progress.total > 0) {
        m_progress->setRange(0, progress.total);
        m_progress->setValue(progress.done);
    } else {
        m_progress->setRange(0, 0);
    }
    showStatus(tr("%1: %2").arg(progress.connectorName, progress.phase));
    // Orders are stored page by page while NetSuite is read: the tables and counts follow
    // (at most every half second) instead of showing 0 until the pass ends.
    if (!m_refreshDelay->isActive())
        m_refreshDelay->start();
}

QString MainWindow::summaryLine(const SyncRunSummary &summary)
{
    if (!summary.error.isEmpty())
        return tr("%1: the sync could not run. %2").arg(summary.connectorName, summary.error);
    if (!summary.skipped.isEmpty())
        return summary.skipped;
    if (summary.cancelled)
        return tr("%1: cancelled after %2 pushed.").arg(summary.connectorName).arg(summary.pushed);
    if (summary.dryRun)
        return tr("%1: dry run, nothing sent (%2 s).")
            .arg(summary.connectorName)
            .arg(summary.durationMs / 1000.0, 0, 'f', 1);
    QString line = tr("%1: %2 pushed, %3 failed, %4 held, %5 already in the channel (%6 s).")
                       .arg(summary.connectorName)
                       .arg(summary.pushed)
                       .arg(summary.failed)
                       .arg(summary.held)
                       .arg(summary.alreadyPushed)
                       .arg(summary.durationMs / 1000.0, 0, 'f', 1);
    // What waits from earlier passes too: a pass that found nothing new is not "all synced".
    if (summary.stillOwed > 0)
        line += u' ' + tr("%n still waiting (Inbox, quarantine or unconfirmed).", nullptr,
                          summary.stillOwed);
    else if (summary.stillOwed < 0)
        line += u' ' + tr("What is still owed could not be read.");
    return line;
}

void MainWindow::onPassFinished(const SyncRunSummary &summary)
{
    // Every connector of the run is in the status line, not only the one that ended last.
    m_runSummaries.removeIf(
        [&](const SyncRunSummary &s) { return s.connectorId == summary.connectorId; });
    m_runSummaries << summary;
    QStringList lines;
    for (const SyncRunSummary &s : std::as_const(m_runSummaries))
        lines << summaryLine(s);
    showStatus(lines.join(QStringLiteral("  ·  ")));
    // A person who asked gets a dialog; the schedule's failures stay in the status line,
    // the Jobs tab and the Dashboard instead of a box every few minutes.
    if (!summary.error.isEmpty() && summary.trigger != SyncTrigger::Schedule)
        QMessageBox::warning(
            this, tr("Sync failed"),
            tr("Connector %1 could not sync.\n\n%2").arg(summary.connectorName, summary.error));
    refreshTables();
}

void MainWindow::onFailedToStart(const QString &message)
{
    showStatus(message);
    QMessageBox::warning(this, tr("Sync could not start"), message);
}

void MainWindow::listConnectorsInFilters()
{
    QStringList connectorNames;
    QStringList channels;
    for (const Connector &connector : ConnectorRepository(m_database.connection()).all()) {
        connectorNames << connector.name;
        if (!channels.contains(connector.channel))
            channels << connector.channel;
    }
    m_historyPanel->filterBar()->setConnectors(connectorNames);
    m_inbox->setConnectors(connectorNames);
    if (m_reconciliation)
        m_reconciliation->reloadConnectors();
    m_orderPanel->filterBar()->setConnectors(channels);
}

void MainWindow::connectorsChanged()
{
    listConnectorsInFilters();
    if (m_connectorsPage)
        m_connectorsPage->reload(); // and the schedule with it
    else
        m_sync.reloadSchedule();
    m_mappingsPage->reloadConnectors();
    m_dashboard->scheduleRefresh();
    refreshTables();
}

void MainWindow::refreshTables()
{
    m_orderModel->refresh();
    m_historyModel->refresh();
    if (m_inbox)
        m_inbox->refresh();
    if (m_reconciliation)
        m_reconciliation->refresh(); // a resync from it, or a reading by another worker
    m_orderDetail->refresh();        // its Explain and states change with every pass
}

void MainWindow::showOrder(qint64 orderId, const QString &orderTranId)
{
    m_tabs->setCurrentWidget(m_orderPanel->parentWidget());
    m_orderDetail->showOrder(orderId);
    m_pendingOrder = orderId;
    m_orderPanel->filterBar()->textEdit()->setText(orderTranId);
    m_orderPanel->filterBar()->applyNow(); // reloads the orders unless this filter is already on
    selectPendingOrder();
}

void MainWindow::selectPendingOrder()
{
    if (m_pendingOrder == 0)
        return;
    // The filtered order is on the first page; rows past it may still be loading.
    for (int row = 0; row < m_orderModel->rowCount() && m_orderModel->isRowLoaded(row); ++row) {
        if (m_orderModel->rowId(row) != m_pendingOrder)
            continue;
        m_pendingOrder = 0;
        orderView()->setCurrentIndex(m_orderModel->index(row, 0));
        orderView()->scrollTo(orderView()->currentIndex());
        orderView()->setFocus();
        return;
    }
}

void MainWindow::updateCounts()
{
    const auto orders = m_orderModel->totalCount();
    const auto attempts = m_historyModel->totalCount();
    m_counts->setText(tr("%1 orders · %2 attempts")
                          .arg(orders ? QLocale().toString(*orders) : QStringLiteral("…"),
                               attempts ? QLocale().toString(*attempts) : QStringLiteral("…")));
}

} // namespace fulfillsync
