#include "ui/reconciliation/reconciliationpage.h"

#include "models/item/reconciliationtablemodel.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/reconciliationrepository.h"
#include "models/storage/reconciliationresolutions.h"
#include "models/storage/reconciliationschedules.h"
#include "sync/engine/reconcileactions.h"
#include "ui/reconciliation/reconcilescheduledialog.h"
#include "ui/reconciliation/reconciliationreport.h"
#include "ui/tables/savedviews.h"
#include "ui/tables/tablefilterbar.h"
#include "ui/tables/tablepanel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace fulfillsync {

namespace {
using M = ReconciliationTableModel;

QString osUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME"); // Windows
#ifdef Q_OS_UNIX
    if (user.isEmpty()) // started without a login environment (a service, a script)
        if (const passwd *entry = ::getpwuid(::getuid()))
            user = QString::fromLocal8Bit(entry->pw_name);
#endif
    return user;
}
} // namespace

ReconciliationPage::ReconciliationPage(Database &database, QWidget *parent)
    : QWidget(parent)
    , m_database(database)
{
    m_model = new ReconciliationTableModel(database, this);
    // Opens on what needs a person, as the Inbox opens on what is open.
    TablePageQuery notMatched = m_model->query();
    notMatched.state = QStringLiteral("!matched");
    m_model->setQuery(notMatched);
    const bool firstTime = !SavedViewStore(TablePageQuery::Table::Reconciliation).lastLayout();
    m_panel = new TablePanel(database, m_model, this);
    m_panel->view()->setAccessibleName(tr("Reconciliation"));
    m_panel->view()->setSelectionMode(QAbstractItemView::SingleSelection);
    m_panel->filterBar()->showFilters(m_model->query());
    if (firstTime) {
        // The channel order and the customer are searched by the filter; shown, they would push
        // the detail out of sight. The column chooser brings them back.
        m_panel->view()->setColumnHidden(M::ChannelOrder, true);
        m_panel->view()->setColumnHidden(M::Customer, true);
    }

    // Run one connector over a range, now.
    m_connector = new QComboBox(this);
    m_connector->setAccessibleName(tr("Connector to reconcile"));
    m_connector->setMinimumContentsLength(14);
    m_connector->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    const QDate today = QDate::currentDate();
    const auto makeDate = [this](const QDate &date, const QString &name) {
        auto *edit = new QDateEdit(date, this);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setAccessibleName(name);
        return edit;
    };
    m_since = makeDate(today.addDays(-29), tr("Reconcile from"));
    m_until = makeDate(today, tr("Reconcile to"));
    m_run = new QPushButton(tr("&Run reconciliation"), this);
    m_run->setToolTip(tr("Read every order of this connector with an item fulfillment shipped in "
                         "the range back from the channel and compare it with NetSuite and the "
                         "ledger. Nothing is sent."));
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Reconciliation progress"));
    m_progress->setFormat(tr("%v of %m orders"));
    m_progress->setMinimumWidth(160);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop reading; what was read so far is kept."));
    m_cancel->setVisible(false);
    m_resume = new QPushButton(tr("Res&ume"), this);
    m_resume->setToolTip(tr("Go on with the last run of this connector where it stopped: only "
                            "the orders it had not read yet are read"));
    m_lastRun = new QLabel(this);
    m_lastRun->setAccessibleName(tr("Last reconciliation run"));
    m_scheduleLabel = new QLabel(this);
    m_scheduleLabel->setAccessibleName(tr("Nightly reconciliation"));
    m_schedule = new QPushButton(tr("Sc&hedule…"), this);
    m_schedule->setToolTip(tr("When this connector is reconciled by itself each night"));

    auto *runBar = new QHBoxLayout;
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    runBar->addWidget(label(tr("Co&nnector:"), m_connector));
    runBar->addWidget(m_connector);
    runBar->addWidget(label(tr("Shipped fr&om"), m_since));
    runBar->addWidget(m_since);
    runBar->addWidget(label(tr("t&o"), m_until));
    runBar->addWidget(m_until);
    runBar->addWidget(m_run);
    runBar->addWidget(m_progress);
    runBar->addWidget(m_cancel);
    runBar->addStretch(1);
    // Where the connector stands: its last run (resumable when cut short) and its schedule.
    auto *runInfo = new QHBoxLayout;
    runInfo->addWidget(m_lastRun);
    runInfo->addWidget(m_resume);
    runInfo->addStretch(1);
    runInfo->addWidget(m_scheduleLabel);
    runInfo->addWidget(m_schedule);

    // What to do about the current row.
    m_pushMissing = new QPushButton(tr("&Push what is missing"), this);
    m_resendTracking = new QPushButton(tr("Send trac&king again"), this);
    m_flag = new QPushButton(tr("&Flag…"), this);
    m_resolve = new QPushButton(tr("Re&solve…"), this);
    m_openOrder = new QPushButton(tr("Open or&der"), this);
    m_openOrder->setToolTip(tr("Show the order in Sales Orders, with its three-way view"));
    m_pdf = new QPushButton(tr("Save as &PDF…"), this);
    m_pdf->setToolTip(tr("A printable report of the connector and checked range the filters "
                         "show: totals per verdict, then every row that did not match"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Reconciliation message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_pushMissing);
    actions->addWidget(m_resendTracking);
    actions->addWidget(m_flag);
    actions->addWidget(m_resolve);
    actions->addWidget(m_openOrder);
    actions->addStretch(1);
    actions->addWidget(m_pdf);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(runBar);
    layout->addLayout(runInfo);
    layout->addWidget(m_panel, 1);
    layout->addLayout(actions);
    layout->addWidget(m_message);

    m_askReason = [this](const QString &title, const QString &question) {
        return QInputDialog::getText(this, title, question);
    };
    m_askPdfPath = [this] {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        return QFileDialog::getSaveFileName(
            this, tr("Save the reconciliation report"),
            folder + QStringLiteral("/reconciliation-%1.pdf")
                         .arg(QDate::currentDate().toString(Qt::ISODate)),
            tr("PDF files (*.pdf)"));
    };

    connect(m_run, &QPushButton::clicked, this, &ReconciliationPage::runReconciliation);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_running != 0)
            Q_EMIT cancelRequested(m_running);
    });
    connect(m_schedule, &QPushButton::clicked, this, &ReconciliationPage::editSchedule);
    connect(m_resume, &QPushButton::clicked, this, &ReconciliationPage::resumeLastRun);
    connect(m_connector, &QComboBox::currentIndexChanged, this,
            &ReconciliationPage::updateSchedule);
    connect(m_connector, &QComboBox::currentIndexChanged, this, &ReconciliationPage::updateLastRun);
    connect(m_pushMissing, &QPushButton::clicked, this, &ReconciliationPage::pushMissing);
    connect(m_resendTracking, &QPushButton::clicked, this, &ReconciliationPage::resendTracking);
    connect(m_flag, &QPushButton::clicked, this, &ReconciliationPage::flagExtra);
    connect(m_resolve, &QPushButton::clicked, this, &ReconciliationPage::resolveExtra);
    connect(m_pdf, &QPushButton::clicked, this, &ReconciliationPage::savePdfAsked);
    const auto openOrder = [this] {
        const QVariantList row = currentRow();
        if (row.value(M::OrderId).toLongLong() != 0)
            Q_EMIT orderRequested(row.value(M::OrderId).toLongLong(),
                                  row.value(M::Order + 1).toString());
    };
    connect(m_openOrder, &QPushButton::clicked, this, openOrder);
    connect(m_panel, &TablePanel::rowActivated, this, openOrder);
    connect(m_panel, &TablePanel::currentRowIdChanged, this, &ReconciliationPage::updateActions);
    connect(m_panel->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReconciliationPage::updateActions);
    connect(m_model, &PagedTableModel::modelReset, this, &ReconciliationPage::updateActions);
    connect(m_model, &PagedTableModel::dataChanged, this, &ReconciliationPage::updateActions);
    connect(m_panel, &TablePanel::statusMessage, this,
            [this](const QString &text) { showMessage(text); });
    reloadConnectors();
    updateActions();
}

void ReconciliationPage::reloadConnectors()
{
    const qint64 current = m_connector->currentData().toLongLong();
    QStringList names;
    {
        const QSignalBlocker blocker(m_connector);
        m_connector->clear();
        for (const Connector &c : ConnectorRepository(m_database.connection()).all()) {
            if (c.isThreePl())
                continue; // no channel to read back
            m_connector->addItem(c.name, c.id);
            names << c.name;
        }
        const int index = m_connector->findData(current);
        m_connector->setCurrentIndex(index >= 0 ? index : 0);
    }
    m_panel->filterBar()->setConnectors(names);
    m_run->setEnabled(m_running == 0 && m_connector->count() > 0);
    m_schedule->setEnabled(m_connector->count() > 0);
    updateSchedule();
    updateLastRun();
}

void ReconciliationPage::updateLastRun()
{
    m_resumable = 0;
    const qint64 id = m_connector->currentData().toLongLong();
    const QList<ReconciliationRunRecord> runs =
        id == 0 ? QList<ReconciliationRunRecord>()
                : ReconciliationRepository(m_database.connection()).runs(id, 1);
    if (runs.isEmpty()) {
        m_lastRun->setText(id == 0 ? QString() : tr("Not reconciled yet"));
        m_resume->setVisible(false);
        return;
    }
    const ReconciliationRunRecord &run = runs.first();
    const QString when =
        QLocale().toString(run.startedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
    QString state = run.state;
    if (run.state == u"finished")
        state = tr("finished, %n not matched", nullptr, run.notMatched());
    else if (run.state == u"cancelled")
        state = tr("cancelled after %1 of %2 orders").arg(run.ordersDone).arg(run.ordersTotal);
    else if (run.state == u"failed")
        state = tr("failed after %1 of %2 orders").arg(run.ordersDone).arg(run.ordersTotal);
    else if (run.state == u"running")
        state = tr("running, %1 of %2 orders").arg(run.ordersDone).arg(run.ordersTotal);
    m_lastRun->setText(tr("Last run %1: %2").arg(when, state));
    m_lastRun->setToolTip(run.problem);
    const bool resumable = run.state == u"cancelled" || run.state == u"failed";
    m_resumable = resumable ? run.id : 0;
    m_resume->setVisible(resumable);
    m_resume->setEnabled(resumable && m_running == 0);
}

void ReconciliationPage::resumeLastRun()
{
    const qint64 id = m_connector->currentData().toLongLong();
    if (m_resumable == 0 || id == 0 || m_running != 0)
        return;
    const std::optional<ReconciliationRunRecord> run =
        ReconciliationRepository(m_database.connection()).run(m_resumable);
    if (!run)
        return;
    ReconcileRequest request;
    request.connectorId = id;
    request.since = run->since;
    request.until = run->until;
    request.resumeRunId = run->id;
    Q_EMIT reconcileRequested(request);
}

void ReconciliationPage::refresh()
{
    m_model->refresh();
    m_lastRefresh.start();
}

QString ReconciliationPage::connectorName(qint64 connectorId) const
{
    const int index = m_connector->findData(connectorId);
    return index >= 0 ? m_connector->itemText(index) : tr("connector %1").arg(connectorId);
}

void ReconciliationPage::updateSchedule()
{
    const qint64 id = m_connector->currentData().toLongLong();
    if (id == 0) {
        m_scheduleLabel->clear();
        return;
    }
    const ReconcileSchedule s = ReconciliationSchedules(m_database.connection()).of(id);
    m_scheduleLabel->setText(s.enabled
                                 ? tr("Nightly at %1 over the last %n day(s)", nullptr, s.rangeDays)
                                       .arg(s.at().toString(QStringLiteral("HH:mm")))
                                 : tr("No nightly reconciliation"));
}

void ReconciliationPage::editSchedule()
{
    const qint64 id = m_connector->currentData().toLongLong();
    if (id == 0)
        return;
    ReconciliationSchedules schedules(m_database.connection());
    ReconcileScheduleDialog dialog(m_connector->currentText(), schedules.of(id), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!schedules.save(dialog.schedule()))
        showMessage(tr("The schedule could not be saved: %1").arg(schedules.lastError()), true);
    updateSchedule();
}

void ReconciliationPage::runReconciliation()
{
    const qint64 id = m_connector->currentData().toLongLong();
    if (id == 0) {
        showMessage(tr("There is no channel connector to reconcile. Add one under Connectors."),
                    true);
        return;
    }
    if (m_until->date() < m_since->date()) {
        showMessage(tr("The range ends before it starts."), true);
        return;
    }
    ReconcileRequest request;
    request.connectorId = id;
    request.since = m_since->date();
    request.until = m_until->date();
    request.trigger = SyncTrigger::Manual;
    Q_EMIT reconcileRequested(request);
}

void ReconciliationPage::setRunning(qint64 connectorId)
{
    m_running = connectorId;
    const bool running = connectorId != 0;
    m_run->setEnabled(!running && m_connector->count() > 0);
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_resume->setEnabled(!running && m_resumable != 0);
    m_lastRun->setVisible(!running);
    if (running) {
        m_progress->setRange(0, 0); // busy until the orders are counted
        m_lastRefresh.start();
    }
}

void ReconciliationPage::reconcileStarted(const ReconcileRequest &request)
{
    if (!request.orderIds.isEmpty()) {
        m_orderReads.insert(request.connectorId); // not a run of this tab: its rows only
        return;
    }
    if (m_running != 0 && m_running != request.connectorId)
        return; // this page follows one run at a time; the other still ends in the table
    setRunning(request.connectorId);
    showMessage(tr("Reconciling %1: reading the orders shipped %2 to %3 back from the "
                   "channel…")
                    .arg(connectorName(request.connectorId), request.since.toString(Qt::ISODate),
                         request.until.toString(Qt::ISODate)));
}

void ReconciliationPage::reconcileProgressed(qint64 connectorId, int done, int total)
{
    if (m_orderReads.contains(connectorId) && connectorId != m_running)
        return;
    if (m_running == 0)
        setRunning(connectorId); // a run started elsewhere (the nightly one)
    if (connectorId != m_running)
        return;
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(std::min(done, std::max(total, 1)));
    if (!m_lastRefresh.isValid() || m_lastRefresh.elapsed() >= 1000)
        refresh(); // the readings land in the table as they are stored
}

void ReconciliationPage::reconcileFinished(const ReconcileSummary &summary)
{
    if (m_orderReads.remove(summary.connectorId) && summary.connectorId != m_running) {
        refresh(); // one order read again: its new rows
        return;
    }
    if (summary.connectorId == m_running || m_running == 0)
        setRunning(0);
    refresh();
    updateLastRun();
    const QString name = summary.connectorName.isEmpty() ? connectorName(summary.connectorId)
                                                         : summary.connectorName;
    if (!summary.error.isEmpty()) {
        showMessage(tr("The reconciliation of %1 could not run: %2").arg(name, summary.error),
                    true);
        return;
    }
    QString text =
        tr("%1, shipped %2 to %3: %n order(s) compared", nullptr, summary.orders)
            .arg(name, summary.since.toString(Qt::ISODate), summary.until.toString(Qt::ISODate));
    text += QStringLiteral("; ") +
            tr("%n fulfillment(s) matched", nullptr, summary.rows.value(QStringLiteral("matched")));
    text += QStringLiteral(", ") + tr("%n did not.", nullptr, summary.notMatched());
    if (summary.unreadable > 0)
        text += u' ' + tr("%n order(s) could not be read from the channel: unknown, not matched.",
                          nullptr, summary.unreadable);
    if (summary.notKept > 0)
        text +=
            u' ' + tr("The readings of %n order(s) could not be stored.", nullptr, summary.notKept);
    if (summary.cancelled)
        text += u' ' + tr("Cancelled: the orders not read yet were left out.");
    if (!summary.alertProblem.isEmpty())
        text += u' ' + tr("The alert could not be sent: %1").arg(summary.alertProblem);
    showMessage(text, summary.notMatched() > 0 || summary.unreadable > 0 || summary.notKept > 0);
}

QVariantList ReconciliationPage::currentRow() const
{
    const QModelIndex index = m_panel->view()->currentIndex();
    if (!index.isValid() || !m_model->isRowLoaded(index.row()))
        return {};
    return m_model->rowValues(index.row());
}

void ReconciliationPage::updateActions()
{
    const QVariantList row = currentRow();
    const QString verdict = row.value(M::Verdict + 1).toString();
    const QString shown = M::verdictName(verdict);
    const QString order = row.value(M::Order + 1).toString();
    const auto set = [&](QPushButton *button, bool on, const QString &why, const QString &whyNot) {
        button->setEnabled(on);
        button->setToolTip(row.isEmpty() ? tr("Select a row of the table first.")
                           : on          ? why
                                         : whyNot);
    };
    const bool hasOrder = row.value(M::OrderId).toLongLong() != 0;
    set(m_pushMissing, hasOrder && (verdict == u"missing" || verdict == u"quantity_differs"),
        tr("Resync %1 through the outbox: it pushes what the ledger does not show as sent; what "
           "the ledger shows as sent is replayed, reading the channel back first. Never a second "
           "copy.")
            .arg(order),
        tr("Only for a fulfillment missing in the channel or with other quantities there; this "
           "row is: %1.")
            .arg(shown));
    set(m_resendTracking,
        hasOrder && verdict == u"tracking_differs" && row.value(M::FulfillmentId).toLongLong() != 0,
        tr("Resync %1 and send NetSuite's tracking numbers of %2 to the channel again, as a "
           "tracking update through the outbox.")
            .arg(order, row.value(M::Fulfillment + 1).toString()),
        tr("Only for a fulfillment whose tracking numbers differ in the channel; this row is: "
           "%1.")
            .arg(shown));
    const bool extra =
        verdict == u"extra" && !row.value(M::ChannelFulfillment + 1).toString().isEmpty();
    const QString extraOnly = tr("Only for an extra: a channel fulfillment no item fulfillment "
                                 "explains; this row is: %1.")
                                  .arg(shown);
    set(m_flag, extra,
        tr("Mark channel fulfillment %1 for a closer look, with a reason")
            .arg(row.value(M::ChannelFulfillment + 1).toString()),
        extraOnly);
    set(m_resolve, extra,
        tr("Accept channel fulfillment %1 as it is (made by hand, by another tool …), with a "
           "reason; kept across new readings")
            .arg(row.value(M::ChannelFulfillment + 1).toString()),
        extraOnly);
    m_openOrder->setEnabled(hasOrder);
}

void ReconciliationPage::pushMissing()
{
    const QVariantList row = currentRow();
    const QString verdict = row.value(M::Verdict + 1).toString();
    if (row.isEmpty() || (verdict != u"missing" && verdict != u"quantity_differs"))
        return;
    const ReconcileActions::Plan plan = ReconcileActions::pushMissing(
        m_database.connection(), row.value(M::ConnectorId).toLongLong(),
        row.value(M::OrderId).toLongLong(), row.value(M::FulfillmentId).toLongLong(),
        verdict == u"missing");
    Q_EMIT syncRequested(plan.request);
    showMessage(tr("%1: %2 Run the reconciliation again to see the result.")
                    .arg(row.value(M::Order + 1).toString(), plan.note));
}

void ReconciliationPage::resendTracking()
{
    const QVariantList row = currentRow();
    if (row.isEmpty() || row.value(M::Verdict + 1).toString() != u"tracking_differs")
        return;
    const ReconcileActions::Plan plan = ReconcileActions::resendTracking(
        row.value(M::ConnectorId).toLongLong(), row.value(M::OrderId).toLongLong(),
        row.value(M::FulfillmentId).toLongLong());
    Q_EMIT syncRequested(plan.request);
    showMessage(tr("%1: %2 Run the reconciliation again to see the result.")
                    .arg(row.value(M::Fulfillment + 1).toString(), plan.note));
}

void ReconciliationPage::flagExtra()
{
    decideExtra(QStringLiteral("flagged"));
}

void ReconciliationPage::resolveExtra()
{
    decideExtra(QStringLiteral("resolved"));
}

void ReconciliationPage::decideExtra(const QString &state)
{
    const QVariantList row = currentRow();
    const QString channelFulfillment = row.value(M::ChannelFulfillment + 1).toString();
    if (row.isEmpty() || row.value(M::Verdict + 1).toString() != u"extra" ||
        channelFulfillment.isEmpty())
        return;
    const bool flag = state == u"flagged";
    const QString reason =
        m_askReason(flag ? tr("Flag") : tr("Resolve"),
                    (flag ? tr("Why does channel fulfillment %1 of %2 need a closer look?")
                          : tr("Why is channel fulfillment %1 of %2 fine as it is?"))
                        .arg(channelFulfillment, row.value(M::Order + 1).toString()))
            .trimmed();
    if (reason.isEmpty())
        return;
    QSqlDatabase db = m_database.connection();
    ReconciliationResolutions resolutions(db);
    ReconciliationResolution decision;
    decision.connectorId = row.value(M::ConnectorId).toLongLong();
    decision.orderId = row.value(M::OrderId).toLongLong();
    decision.channelFulfillmentId = channelFulfillment;
    decision.state = state;
    decision.reason = reason;
    decision.osUser = osUser().isEmpty() ? tr("unknown user") : osUser();
    decision.dbUser = resolutions.databaseUser();
    decision.decidedAt = QDateTime::currentDateTimeUtc();
    if (!resolutions.record(decision)) {
        showMessage(tr("The decision could not be stored: %1").arg(resolutions.lastError()), true);
        return;
    }
    showMessage(flag ? tr("Flagged %1; the reason stays with it through new readings.")
                           .arg(channelFulfillment)
                     : tr("Resolved %1; the reason stays with it through new readings.")
                           .arg(channelFulfillment));
    refresh();
}

QString ReconciliationPage::whoAmI()
{
    const QString os = osUser().isEmpty() ? tr("unknown user") : osUser();
    const QString db = ReconciliationResolutions(m_database.connection()).databaseUser();
    return db.isEmpty() ? os : tr("%1 (database user %2)").arg(os, db);
}

QString ReconciliationPage::reportHtml(QString *error)
{
    ReconciliationReport::Scope scope = ReconciliationReport::scopeOf(m_model->query());
    scope.generatedAt = QDateTime::currentDateTime();
    scope.generatedBy = whoAmI();
    return ReconciliationReport::html(m_database.connection(), scope, error);
}

bool ReconciliationPage::savePdf(const QString &path, QString *error)
{
    QString problem;
    const QString html = reportHtml(&problem);
    if (html.isEmpty()) {
        if (error)
            *error = tr("The readings could not be read: %1").arg(problem);
        return false;
    }
    return ReconciliationReport::writePdf(html, path, error);
}

void ReconciliationPage::savePdfAsked()
{
    const QString path = m_askPdfPath();
    if (path.isEmpty())
        return;
    QString error;
    if (savePdf(path, &error))
        showMessage(tr("Saved the report to %1.").arg(QDir::toNativeSeparators(path)));
    else
        showMessage(tr("The report was not saved: %1").arg(error), true);
}

void ReconciliationPage::showMessage(const QString &text, bool problem)
{
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c0392b;") : QString());
    m_message->setText(text);
}

} // namespace fulfillsync
