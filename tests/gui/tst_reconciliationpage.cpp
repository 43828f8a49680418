// The Reconciliation tab as an operator and an auditor use it: the stored readings with their
// verdicts in words, filtered; the PDF report with its totals; each row's actions only where
// they fit; a decision about an extra that outlives the next reading. On SQLite and PostgreSQL.

#include "models/item/reconciliationtablemodel.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/reconciliationrepository.h"
#include "models/storage/reconciliationresolutions.h"
#include "models/storage/reconciliationschedules.h"
#include "testutils/tempdatabase.h"
#include "ui/reconciliation/reconcilescheduledialog.h"
#include "ui/reconciliation/reconciliationpage.h"
#include "ui/tables/csvexportrunner.h"
#include "ui/tables/tablefilterbar.h"
#include "ui/tables/tablepanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestReconciliationPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<ReconciliationPage> m_page;
    Connector m_connector;

    static ReconciliationReading reading(qint64 fulfillmentId, const QString &verdict,
                                         const QString &channelFulfillment, const QDateTime &at)
    {
        ReconciliationReading r;
        r.fulfillmentId = fulfillmentId;
        r.fulfillmentTranId = fulfillmentId ? QStringLiteral("IF%1").arg(fulfillmentId) : QString();
        r.channelFulfillmentId = channelFulfillment;
        r.verdict = verdict;
        r.detail = QStringLiteral("detail of %1").arg(verdict);
        r.checkedAt = at;
        return r;
    }
    void store(qint64 orderId, const QList<ReconciliationReading> &readings)
    {
        ReconciliationRepository repository(m_temp->database().connection());
        QVERIFY2(repository.replaceOrder(m_connector.id, orderId, readings),
                 qPrintable(repository.lastError()));
    }
    bool waitForRows(int rows)
    {
        return QTest::qWaitFor(
            [&] {
                return m_page->model()->totalCount() == rows &&
                       (rows == 0 || m_page->model()->isRowLoaded(rows - 1));
            },
            5000);
    }
    int rowOf(const QString &verdictKey) const
    {
        ReconciliationTableModel *model = m_page->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->rowValues(row).value(ReconciliationTableModel::Verdict + 1) == verdictKey)
                return row;
        return -1;
    }
    void select(const QString &verdictKey)
    {
        const int row = rowOf(verdictKey);
        QVERIFY2(row >= 0, qPrintable(verdictKey));
        m_page->panel()->view()->setCurrentIndex(m_page->model()->index(row, 0));
    }
    QString shown(const QString &verdictKey, int column) const
    {
        return m_page->model()->index(rowOf(verdictKey), column).data(Qt::DisplayRole).toString();
    }
    void filter(const std::function<void(TableFilterBar *)> &set)
    {
        set(m_page->panel()->filterBar());
        m_page->panel()->filterBar()->applyNow();
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fulfillsync-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_reconciliationpage"));
    }

    void init()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        m_temp = std::make_unique<TempDatabase>(engine);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_connector = Connector{};
        m_connector.name = QStringLiteral("main-store");
        m_connector.channel = QStringLiteral("Shopify");
        m_connector.endpoint = QStringLiteral("https://acme.myshopify.com");
        QVERIFY(ConnectorRepository(m_temp->database().connection()).save(m_connector));
        OrderRepository orders(m_temp->database().connection());
        QList<SalesOrder> list;
        for (qint64 id : {1001, 1002, 1003}) {
            SalesOrder order;
            order.id = id;
            order.tranId = QStringLiteral("SO%1").arg(id);
            order.tranDate = QStringLiteral("2026-11-20");
            order.customer = QStringLiteral("Customer %1").arg(id);
            order.channel = m_connector.channel;
            order.channelOrder = QStringLiteral("#%1").arg(id - 1000 + 5000);
            order.status = QStringLiteral("G");
            list << order;
        }
        QVERIFY2(orders.upsertOrders(list), qPrintable(orders.lastError()));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime lastWeek = now.addDays(-7);
        store(1001, {reading(11, QStringLiteral("matched"), QStringLiteral("9011"), now),
                     reading(12, QStringLiteral("missing"), {}, now)});
        store(1002, {reading(21, QStringLiteral("quantity_differs"), QStringLiteral("9021"), now),
                     reading(22, QStringLiteral("tracking_differs"), QStringLiteral("9022"), now),
                     reading(0, QStringLiteral("extra"), QStringLiteral("9099"), now)});
        store(1003, {reading(31, QStringLiteral("order_cancelled"), {}, lastWeek)});
        m_page = std::make_unique<ReconciliationPage>(m_temp->database());
        m_page->resize(1200, 600);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        // It opens on what did not match, as the Inbox opens on what is open.
        QVERIFY(waitForRows(5));
        QCOMPARE(rowOf(QStringLiteral("matched")), -1);
        filter([](TableFilterBar *bar) { bar->stateBox()->setCurrentIndex(0); });
        QVERIFY(waitForRows(6));
    }

    void cleanup()
    {
        m_page.reset();
        m_temp.reset();
    }

    // Every stored reading is a row, with its order from the local copy and its verdict in
    // words, never the stored key.
    void showsTheStoredReadingsWithVerdictsInWords()
    {
        using M = ReconciliationTableModel;
        QAbstractItemModelTester tester(m_page->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_page->model()->columnCount(), int(M::ColumnCount));
        QCOMPARE(shown(QStringLiteral("missing"), M::Verdict),
                 QStringLiteral("Missing in the channel"));
        QCOMPARE(shown(QStringLiteral("extra"), M::Verdict),
                 QStringLiteral("Extra in the channel"));
        QCOMPARE(shown(QStringLiteral("tracking_differs"), M::Verdict),
                 QStringLiteral("Tracking differs"));
        QCOMPARE(shown(QStringLiteral("missing"), M::Order), QStringLiteral("SO1001"));
        QCOMPARE(shown(QStringLiteral("missing"), M::ChannelOrder), QStringLiteral("#5001"));
        QCOMPARE(shown(QStringLiteral("extra"), M::Customer), QStringLiteral("Customer 1002"));
        QCOMPARE(shown(QStringLiteral("extra"), M::ChannelFulfillment), QStringLiteral("9099"));
        QCOMPARE(shown(QStringLiteral("extra"), M::Connector), QStringLiteral("main-store"));
        // Newest first: last week's reading is the last row.
        QCOMPARE(rowOf(QStringLiteral("order_cancelled")), 5);
    }

    void filtersNarrowTheReadings()
    {
        // "Not matched" is every verdict but matched.
        filter([](TableFilterBar *bar) {
            bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("!matched")));
        });
        QVERIFY(waitForRows(5));
        QCOMPARE(rowOf(QStringLiteral("matched")), -1);
        filter([](TableFilterBar *bar) {
            bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("extra")));
        });
        QVERIFY(waitForRows(1));
        // Free text finds the order, its channel order or customer.
        filter([](TableFilterBar *bar) {
            bar->stateBox()->setCurrentIndex(0);
            bar->textEdit()->setText(QStringLiteral("Customer 1001"));
        });
        QVERIFY(waitForRows(2));
        // Checked since yesterday leaves last week's reading out.
        filter([](TableFilterBar *bar) {
            bar->textEdit()->clear();
            bar->fromEdit()->setDate(QDate::currentDate().addDays(-1));
        });
        QVERIFY(waitForRows(5));
        QCOMPARE(rowOf(QStringLiteral("order_cancelled")), -1);
        filter([](TableFilterBar *bar) {
            bar->fromEdit()->setDate(bar->fromEdit()->minimumDate());
            bar->connectorBox()->setCurrentText(QStringLiteral("another-store"));
        });
        QVERIFY(waitForRows(0));
    }

    // Each action only where it fits the row's verdict, and the others say why not.
    void actionsFitTheVerdict()
    {
        QPushButton *push = m_page->pushMissingButton();
        QPushButton *tracking = m_page->resendTrackingButton();
        QPushButton *flag = m_page->flagButton();
        QPushButton *resolve = m_page->resolveButton();
        QVERIFY(!push->isEnabled() && !tracking->isEnabled() && !flag->isEnabled());
        QVERIFY(push->toolTip().contains(QStringLiteral("Select a row")));

        const auto expect = [&](const QString &verdict, bool p, bool t, bool f) {
            select(verdict);
            QCOMPARE(push->isEnabled(), p);
            QCOMPARE(tracking->isEnabled(), t);
            QCOMPARE(flag->isEnabled(), f);
            QCOMPARE(resolve->isEnabled(), f);
        };
        expect(QStringLiteral("matched"), false, false, false);
        QVERIFY(push->toolTip().contains(QStringLiteral("this row is: Matched")));
        expect(QStringLiteral("missing"), true, false, false);
        QVERIFY(tracking->toolTip().contains(QStringLiteral("Missing in the channel")));
        expect(QStringLiteral("quantity_differs"), true, false, false);
        expect(QStringLiteral("tracking_differs"), false, true, false);
        expect(QStringLiteral("extra"), false, false, true);
        QVERIFY(push->toolTip().contains(QStringLiteral("Extra in the channel")));
        expect(QStringLiteral("order_cancelled"), false, false, false);
    }

    // Both go out as resyncs of the order, the normal outbox; tracking names its fulfillment.
    void actionsAskForResyncs()
    {
        QSignalSpy asked(m_page.get(), &ReconciliationPage::syncRequested);
        select(QStringLiteral("missing"));
        m_page->pushMissingButton()->click();
        QCOMPARE(asked.count(), 1);
        auto request = asked.at(0).at(0).value<SyncRequest>();
        QCOMPARE(request.trigger, SyncTrigger::Resync);
        QCOMPARE(request.connectorId, m_connector.id);
        QCOMPARE(request.orderIds, QList<qint64>{1001});
        QVERIFY(request.resendTracking.isEmpty());
        select(QStringLiteral("tracking_differs"));
        m_page->resendTrackingButton()->click();
        QCOMPARE(asked.count(), 2);
        request = asked.at(1).at(0).value<SyncRequest>();
        QCOMPARE(request.trigger, SyncTrigger::Resync);
        QCOMPARE(request.orderIds, QList<qint64>{1002});
        QCOMPARE(request.resendTracking, QList<qint64>{22});
    }

    // A fulfillment the ledger records as pushed but the channel no longer shows is not resynced
    // (the ledger would send nothing) but replayed from its last attempt: read back, then sent
    // only if absent.
    void pushingWhatTheLedgerSentReplaysIt()
    {
        QSqlDatabase db = m_temp->database().connection();
        LedgerEntry entry;
        entry.connectorId = m_connector.id;
        entry.fulfillmentId = 12;
        entry.orderId = 1001;
        entry.channelOrder = QStringLiteral("#5001");
        LedgerRepository ledger(db);
        QVERIFY2(ledger.insertPending(entry), qPrintable(ledger.lastError()));
        QSignalSpy asked(m_page.get(), &ReconciliationPage::syncRequested);
        select(QStringLiteral("missing"));
        m_page->pushMissingButton()->click(); // pending: a resync settles it
        QCOMPARE(asked.at(0).at(0).value<SyncRequest>().trigger, SyncTrigger::Resync);
        QVERIFY(ledger.markPushed(m_connector.id, 12, QStringLiteral("9012"),
                                  QDateTime::currentDateTimeUtc()));
        SyncAttempt attempt;
        attempt.connectorId = m_connector.id;
        attempt.orderId = 1001;
        attempt.fulfillmentId = 12;
        attempt.occurredAt = QDateTime::currentDateTimeUtc();
        attempt.outcome = SyncOutcome::Pushed;
        const qint64 attemptId = HistoryRepository(db).append(attempt);
        QVERIFY(attemptId > 0);
        m_page->pushMissingButton()->click();
        const auto request = asked.at(1).at(0).value<SyncRequest>();
        QCOMPARE(request.trigger, SyncTrigger::Replay);
        QCOMPARE(request.replayAttemptId, attemptId);
        QVERIFY(!request.replayAsRecorded);
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral("read back first")));
        // Other quantities in the channel: the fulfillment is there, a resync it is.
        select(QStringLiteral("quantity_differs"));
        m_page->pushMissingButton()->click();
        QCOMPARE(asked.at(2).at(0).value<SyncRequest>().trigger, SyncTrigger::Resync);
    }

    // The reason, the person and the time are kept with the channel fulfillment, and a new
    // reading of the order (which replaces its rows) still shows them.
    void resolvingAnExtraKeepsReasonAndWhoAcrossReadings()
    {
        qputenv("USER", "auditor-alice");
        QString question;
        m_page->setAskReason([&](const QString &, const QString &q) {
            question = q;
            return QStringLiteral("packed by hand at the store");
        });
        select(QStringLiteral("extra"));
        m_page->resolveButton()->click();
        QVERIFY(question.contains(QStringLiteral("9099")));
        const auto stored = ReconciliationResolutions(m_temp->database().connection())
                                .of(m_connector.id, 1002, QStringLiteral("9099"));
        QVERIFY(stored);
        QCOMPARE(stored->state, QStringLiteral("resolved"));
        QCOMPARE(stored->reason, QStringLiteral("packed by hand at the store"));
        QCOMPARE(stored->osUser, QStringLiteral("auditor-alice"));
        if (m_temp->database().connection().driverName() == u"QPSQL")
            QVERIFY(!stored->dbUser.isEmpty());
        const int column = ReconciliationTableModel::Resolution;
        QTRY_VERIFY(shown(QStringLiteral("extra"), column).contains(u"packed by hand"));
        QVERIFY(shown(QStringLiteral("extra"), column).startsWith(u"Resolved"));
        QVERIFY(shown(QStringLiteral("extra"), column).contains(u"auditor-alice"));

        // The next reconciliation reads the order again: new rows, the same decision.
        store(1002, {reading(21, QStringLiteral("matched"), QStringLiteral("9021"),
                             QDateTime::currentDateTimeUtc().addSecs(5)),
                     reading(0, QStringLiteral("extra"), QStringLiteral("9099"),
                             QDateTime::currentDateTimeUtc().addSecs(5))});
        m_page->refresh();
        QVERIFY(waitForRows(5));
        QTRY_VERIFY(shown(QStringLiteral("extra"), column).contains(u"packed by hand"));
        // Another channel fulfillment of the order is not covered by it.
        store(1002, {reading(0, QStringLiteral("extra"), QStringLiteral("9100"),
                             QDateTime::currentDateTimeUtc().addSecs(6))});
        m_page->refresh();
        QVERIFY(waitForRows(4));
        QTRY_VERIFY(m_page->model()->isRowLoaded(0));
        QCOMPARE(shown(QStringLiteral("extra"), column), QString());
    }

    // The report for an auditor: scope, totals per verdict, the rows that did not match; and a
    // PDF file of it.
    void reportHasTotalsAndIsSavedAsPdf()
    {
        qputenv("USER", "auditor-bob");
        filter([](TableFilterBar *bar) {
            bar->connectorBox()->setCurrentText(QStringLiteral("main-store"));
        });
        QVERIFY(waitForRows(6));
        QString error;
        const QString html = m_page->reportHtml(&error);
        QVERIFY2(!html.isEmpty(), qPrintable(error));
        QVERIFY(html.contains(QStringLiteral("Reconciliation report")));
        QVERIFY(html.contains(QStringLiteral("main-store")));
        QVERIFY(html.contains(QStringLiteral("auditor-bob")));
        const auto total = [&](const QString &name, int count) {
            return html.contains(QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                                     .arg(name)
                                     .arg(count));
        };
        QVERIFY(total(QStringLiteral("Matched"), 1));
        QVERIFY(total(QStringLiteral("Missing in the channel"), 1));
        QVERIFY(total(QStringLiteral("Quantity differs"), 1));
        QVERIFY(total(QStringLiteral("Tracking differs"), 1));
        QVERIFY(total(QStringLiteral("Extra in the channel"), 1));
        QVERIFY(html.contains(QStringLiteral("<b>6</b>")));
        // The not-matched rows are listed, the matched one is not.
        QVERIFY(html.contains(QStringLiteral("IF12")));
        QVERIFY(html.contains(QStringLiteral("9099")));
        QVERIFY(!html.contains(QStringLiteral("IF11")));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        m_page->setAskPdfPath([&] { return path; });
        m_page->pdfButton()->click();
        QFile pdf(path);
        QVERIFY2(pdf.open(QIODevice::ReadOnly), qPrintable(m_page->messageLabel()->text()));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.size() > 2000);
        QVERIFY(bytes.contains("/Title")); // the document's title, set by the report
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral("Saved the report")));
    }

    // A run is asked for with the chosen connector and range; progress and the end show.
    void runAsksTheSyncThreadAndShowsProgress()
    {
        QSignalSpy asked(m_page.get(), &ReconciliationPage::reconcileRequested);
        m_page->sinceEdit()->setDate(QDate(2026, 11, 1));
        m_page->untilEdit()->setDate(QDate(2026, 11, 30));
        m_page->runButton()->click();
        QCOMPARE(asked.count(), 1);
        const auto request = asked.at(0).at(0).value<ReconcileRequest>();
        QCOMPARE(request.connectorId, m_connector.id);
        QCOMPARE(request.since, QDate(2026, 11, 1));
        QCOMPARE(request.until, QDate(2026, 11, 30));
        m_page->reconcileStarted(request);
        QVERIFY(!m_page->runButton()->isEnabled());
        QVERIFY(m_page->cancelButton()->isVisible());
        QSignalSpy cancel(m_page.get(), &ReconciliationPage::cancelRequested);
        m_page->reconcileProgressed(m_connector.id, 3, 10);
        QCOMPARE(m_page->progressBar()->value(), 3);
        m_page->cancelButton()->click();
        QCOMPARE(cancel.count(), 1);
        ReconcileSummary summary;
        summary.connectorId = m_connector.id;
        summary.connectorName = m_connector.name;
        summary.error = QStringLiteral("The access token of connector main-store is missing.");
        m_page->reconcileFinished(summary);
        QVERIFY(m_page->runButton()->isEnabled());
        QVERIFY(!m_page->cancelButton()->isVisible());
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral("could not run")));
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral("token")));

        // The order pane's read of one order is not a run of this tab: no progress, no message.
        ReconcileRequest oneOrder = request;
        oneOrder.orderIds = {1001};
        m_page->reconcileStarted(oneOrder);
        m_page->reconcileProgressed(m_connector.id, 0, 1);
        QVERIFY(!m_page->cancelButton()->isVisible());
        QVERIFY(m_page->runButton()->isEnabled());
        summary.error.clear();
        summary.orders = 1;
        m_page->reconcileFinished(summary);
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral("token")));

        // A run that ends with differences says so, and says when its alert did not go out.
        m_page->reconcileStarted(request);
        summary.orders = 2;
        summary.rows = {{QStringLiteral("matched"), 3}, {QStringLiteral("missing"), 1}};
        summary.alertProblem = QStringLiteral("the webhook answered 500");
        m_page->reconcileFinished(summary);
        const QString text = m_page->messageLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("3 fulfillment(s) matched, 1 did not.")),
                 qPrintable(text));
        QVERIFY(
            text.contains(QStringLiteral("The alert could not be sent: the webhook answered 500")));
    }

    // The CSV carries the rows of the filter (not only those on screen) in the shown columns.
    void exportsTheFilteredRowsAsCsv()
    {
        filter([](TableFilterBar *bar) {
            bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("!matched")));
        });
        QVERIFY(waitForRows(5));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("reconciliation.csv"));
        QSignalSpy done(m_page->panel()->exportRunner(), &CsvExportRunner::finished);
        m_page->panel()->exportCsv(path);
        QVERIFY(done.wait(10000));
        QVERIFY2(done.first().first().toBool(), qPrintable(done.first().at(1).toString()));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 5);
        QVERIFY2(lines.first().contains(QStringLiteral("Verdict")), qPrintable(lines.first()));
        QVERIFY(!lines.first().contains(QStringLiteral("Customer"))); // hidden at first
        QVERIFY(lines.join(u'\n').contains(QStringLiteral("9099")));
        QVERIFY(!lines.join(u'\n').contains(QStringLiteral("IF11,")));
    }

    // The connector's last run, and a cancelled one goes on where it stopped.
    void showsTheLastRunAndResumesACancelledOne()
    {
        QCOMPARE(m_page->lastRunLabel()->text(), QStringLiteral("Not reconciled yet"));
        QVERIFY(m_page->resumeButton()->isHidden());
        ReconciliationRepository runs(m_temp->database().connection());
        ReconciliationRunRecord cancelled;
        cancelled.connectorId = m_connector.id;
        cancelled.since = QDate(2026, 11, 1);
        cancelled.until = QDate(2026, 11, 30);
        cancelled.startedAt = QDateTime::currentDateTimeUtc();
        cancelled.state = QStringLiteral("cancelled");
        cancelled.ordersTotal = 10;
        cancelled.ordersDone = 3;
        QVERIFY2(runs.createRun(&cancelled), qPrintable(runs.lastError()));
        QVERIFY(runs.updateRun(cancelled));
        m_page->reloadConnectors();
        QVERIFY2(m_page->lastRunLabel()->text().contains(QStringLiteral("cancelled after 3 of 10")),
                 qPrintable(m_page->lastRunLabel()->text()));
        QVERIFY(!m_page->resumeButton()->isHidden());
        QVERIFY(m_page->resumeButton()->isEnabled());
        QSignalSpy asked(m_page.get(), &ReconciliationPage::reconcileRequested);
        m_page->resumeButton()->click();
        QCOMPARE(asked.count(), 1);
        const auto request = asked.first().first().value<ReconcileRequest>();
        QCOMPARE(request.resumeRunId, cancelled.id);
        QCOMPARE(request.since, cancelled.since);
        QCOMPARE(request.until, cancelled.until);

        ReconciliationRunRecord finished = cancelled;
        finished.id = 0;
        finished.state = QStringLiteral("finished");
        finished.ordersDone = 10;
        finished.missing = 2;
        QVERIFY(runs.createRun(&finished));
        QVERIFY(runs.updateRun(finished));
        ReconcileSummary summary;
        summary.connectorId = m_connector.id;
        m_page->reconcileFinished(summary); // a run ended: the label follows
        QVERIFY2(m_page->lastRunLabel()->text().contains(QStringLiteral("finished, 2 not matched")),
                 qPrintable(m_page->lastRunLabel()->text()));
        QVERIFY(m_page->resumeButton()->isHidden());
    }

    // The tab says when the connector is reconciled by itself; the dialog edits exactly that.
    void showsAndEditsTheNightlySchedule()
    {
        QCOMPARE(m_page->scheduleLabel()->text(),
                 QStringLiteral("Nightly at 02:30 over the last 30 day(s)"));
        ReconciliationSchedules schedules(m_temp->database().connection());
        ReconcileScheduleDialog dialog(m_connector.name, schedules.of(m_connector.id));
        QVERIFY(dialog.enabledBox()->isChecked());
        dialog.timeEdit()->setTime(QTime(23, 15));
        dialog.daysBox()->setValue(7);
        QVERIFY(schedules.save(dialog.schedule()));
        m_page->reloadConnectors();
        QCOMPARE(m_page->scheduleLabel()->text(),
                 QStringLiteral("Nightly at 23:15 over the last 7 day(s)"));
        dialog.enabledBox()->setChecked(false);
        QVERIFY(!dialog.timeEdit()->isEnabled());
        QVERIFY(schedules.save(dialog.schedule()));
        QVERIFY(!schedules.of(m_connector.id).enabled);
        m_page->reloadConnectors();
        QCOMPARE(m_page->scheduleLabel()->text(), QStringLiteral("No nightly reconciliation"));
    }
};

QTEST_MAIN(TestReconciliationPage)
#include "tst_reconciliationpage.moc"
