// The Dashboard tab as an admin uses it: the counts per connector with a stuck warning, the
// chart of attempts, and a failure that opens its order under Sales Orders. Offscreen, with
// known rows written straight into a temporary database.

#include "models/domain/timestamps.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/leaserepository.h"
#include "sync/synccontroller.h"
#include "testutils/tempdatabase.h"
#include "ui/dashboard/dashboardmodels.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/jobs/joblistmodel.h"
#include "ui/jobs/jobspage.h"
#include "ui/tables/orderdetailpane.h"
#include "ui/tables/tablefilterbar.h"
#include "ui/tables/tablepanel.h"
#include "ui/window/firststart.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestDashboard : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<SyncController> m_sync;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_connector = 0;

    QSqlDatabase db() { return m_temp->database().connection(); }

    void addOrder(qint64 id, const QString &status, const QString &state, qint64 ageSeconds)
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("INSERT INTO sales_orders (id, tran_id, tran_date, customer, "
                                 "channel, status, sync_state, last_modified) "
                                 "VALUES (?,?,?,?,?,?,?,?)"));
        q.addBindValue(id);
        q.addBindValue(QStringLiteral("SO%1").arg(id));
        q.addBindValue(QStringLiteral("2026-11-01"));
        q.addBindValue(QStringLiteral("Customer %1").arg(id));
        q.addBindValue(QStringLiteral("Shopify"));
        q.addBindValue(status);
        q.addBindValue(state);
        q.addBindValue(toStorageTime(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds)));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    void addAttempt(qint64 orderId, const QString &outcome, qint64 ageSeconds,
                    const QString &message)
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral(
            "INSERT INTO sync_attempts (occurred_at, connector_id, connector_name, order_id, "
            "order_tran_id, trigger_kind, outcome, error_class, message) "
            "VALUES (?,?,?,?,?,?,?,?,?)"));
        q.addBindValue(toStorageTime(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds)));
        q.addBindValue(m_connector);
        q.addBindValue(QStringLiteral("Main store"));
        q.addBindValue(orderId);
        q.addBindValue(QStringLiteral("SO%1").arg(orderId));
        q.addBindValue(QStringLiteral("schedule"));
        q.addBindValue(outcome);
        q.addBindValue(outcome == u"failed" ? QStringLiteral("validation") : QString(""));
        q.addBindValue(message);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        Connector c;
        c.name = QStringLiteral("Main store");
        c.channel = QStringLiteral("Shopify");
        c.endpoint = QStringLiteral("https://main.example");
        c.intervalMinutes = 5;
        ConnectorRepository connectors(db());
        QVERIFY2(connectors.save(c), qPrintable(connectors.lastError()));
        m_connector = c.id;
        // 3 synced, 1 partially, 2 waiting (one due for 3 hours: stuck), 1 failed, 1 held.
        for (qint64 id : {101, 102, 103})
            addOrder(id, QStringLiteral("F"), QStringLiteral("synced"), 7200);
        addOrder(104, QStringLiteral("E"), QStringLiteral("partially_synced"), 7200);
        addOrder(105, QStringLiteral("F"), QStringLiteral("waiting"), 3 * 3600);
        addOrder(106, QStringLiteral("B"), QStringLiteral("waiting"), 9 * 3600); // not due yet
        addOrder(107, QStringLiteral("F"), QStringLiteral("failed"), 3600);
        addOrder(108, QStringLiteral("F"), QStringLiteral("held"), 3600);
        for (qint64 id : {101, 102, 103, 104})
            addAttempt(id, QStringLiteral("pushed"), 1800, QString(""));
        addAttempt(108, QStringLiteral("held"), 1700, QStringLiteral("Ship method not mapped"));
        addAttempt(103, QStringLiteral("failed"), 2 * 3600, QStringLiteral("Old failure"));
        addAttempt(107, QStringLiteral("failed"), 120, QStringLiteral("Line item is not found"));

        m_sync = std::make_unique<SyncController>(m_temp->database());
        m_window = std::make_unique<MainWindow>(m_temp->database(), *m_sync, SyncRequest{});
        DashboardPage *page = m_window->dashboard();
        QVERIFY(page);
        new QAbstractItemModelTester(page->connectorModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     page->connectorModel());
        new QAbstractItemModelTester(page->failureModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     page->failureModel());
        new QAbstractItemModelTester(m_window->jobs()->model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window->jobs()->model());
        new QAbstractItemModelTester(m_window->orderModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window->orderModel());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_sync.reset();
        m_temp.reset();
    }

    void showsCountsStuckOrderAndChart()
    {
        DashboardPage *page = m_window->dashboard();
        QCOMPARE(m_window->tabs()->currentWidget(), page); // the first thing the admin sees
        ConnectorSummaryModel *model = page->connectorModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 5000);
        auto cell = [model](int column) {
            return model->index(0, column).data();
        };
        QCOMPARE(cell(ConnectorSummaryModel::Name).toString(), QStringLiteral("Main store"));
        QCOMPARE(cell(ConnectorSummaryModel::Enabled).toString(), QStringLiteral("On"));
        QCOMPARE(cell(ConnectorSummaryModel::Synced).toInt(), 4);
        QCOMPARE(cell(ConnectorSummaryModel::Waiting).toInt(), 2);
        QCOMPARE(cell(ConnectorSummaryModel::Failed).toInt(), 1);
        QCOMPARE(cell(ConnectorSummaryModel::Held).toInt(), 1);
        QCOMPARE(cell(ConnectorSummaryModel::LastRun).toString(), QStringLiteral("2 min ago"));
        // This window does not sync by itself (its schedule was not started): it promises no
        // next run, whatever the last attempt and the interval would suggest.
        QCOMPARE(cell(ConnectorSummaryModel::NextRun).toString(),
                 QStringLiteral("not scheduled here"));
        // On a team, the worker that holds the connector's lease runs it: said instead.
        LeaseRepository leases(db());
        QVERIFY(leases.acquire(m_connector, QStringLiteral("wh-2 pid 4711 (1a2b3c4d)"),
                               QDateTime::currentDateTimeUtc(), 300));
        page->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(cell(ConnectorSummaryModel::NextRun).toString(),
                                  QStringLiteral("run by wh-2 pid 4711"), 5000);
        QVERIFY(model->index(0, ConnectorSummaryModel::NextRun)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("holds this connector")));
        QVERIFY(leases.release(m_connector, QStringLiteral("wh-2 pid 4711 (1a2b3c4d)")));
        page->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(cell(ConnectorSummaryModel::NextRun).toString(),
                                  QStringLiteral("not scheduled here"), 5000);
        // SO105 is due and has waited 3 h > 2 × 5 min + 1 h; SO106 is older but not due yet.
        const QString oldest = cell(ConnectorSummaryModel::OldestWaiting).toString();
        QVERIFY2(oldest.contains(QStringLiteral("SO105")) &&
                     oldest.contains(QStringLiteral("stuck")),
                 qPrintable(oldest));
        QVERIFY(model->index(0, 0).data(ConnectorSummaryModel::StuckRole).toBool());

        // The chart's 24 hourly bars hold the 7 attempts, 4 of them pushed.
        auto *series = qobject_cast<QStackedBarSeries *>(page->chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->barSets().size(), 4);
        qreal all = 0;
        for (QBarSet *set : series->barSets()) {
            QCOMPARE(set->count(), 24);
            all += set->sum();
        }
        QCOMPARE(all, 7.0);
        QCOMPARE(series->barSets().at(0)->label(), QStringLiteral("Pushed"));
        QCOMPARE(series->barSets().at(0)->sum(), 4.0);
        QCOMPARE(series->barSets().at(2)->sum(), 2.0); // failed

        // The latest failures, newest first.
        RecentFailureModel *failures = page->failureModel();
        QCOMPARE(failures->rowCount(), 2);
        QCOMPARE(failures->index(0, RecentFailureModel::Order).data().toString(),
                 QStringLiteral("SO107"));
        QCOMPARE(failures->index(0, RecentFailureModel::Message).data().toString(),
                 QStringLiteral("Line item is not found"));
    }

    void theWindowSyncsOnItsOwnScheduleAndSaysWhen()
    {
        ConnectorSummaryModel *model = m_window->dashboard()->connectorModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 5000);
        const auto nextRun = [model] {
            return model->index(0, ConnectorSummaryModel::NextRun).data().toString();
        };
        QSignalSpy requested(m_sync.get(), &SyncController::runRequested);
        QSignalSpy finished(m_sync.get(), &SyncController::passFinished);
        m_sync->startSchedule();
        // The first scheduled pass starts by itself a few seconds after start-up …
        QTRY_VERIFY_WITH_TIMEOUT(!requested.isEmpty(), 15000);
        const auto request = requested.first().first().value<SyncRequest>();
        QCOMPARE(request.connectorId, m_connector);
        QCOMPARE(request.trigger, SyncTrigger::Schedule);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
        // This database has no NetSuite account, so the pass cannot run: the schedule says so
        // in the status line, not in a dialog that would come back every interval.
        const auto summary = finished.first().first().value<SyncRunSummary>();
        QVERIFY(!summary.error.isEmpty());
        QCOMPARE(summary.trigger, SyncTrigger::Schedule);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->statusText().contains(summary.error),
                                  qPrintable(m_window->statusText()), 5000);
        QVERIFY(!QApplication::activeModalWidget());
        // … and the next one is promised one interval (5 min) later, as the scheduler set it.
        QTRY_VERIFY2_WITH_TIMEOUT(nextRun().startsWith(QStringLiteral("in 4 min")) ||
                                      nextRun().startsWith(QStringLiteral("in 5 min")),
                                  qPrintable(nextRun()), 5000);

        // Disabled in Connectors: the window stops scheduling it and says so.
        ConnectorRepository connectors(db());
        Connector c = *connectors.byId(m_connector);
        c.enabled = false;
        QVERIFY(connectors.save(c));
        m_sync->reloadSchedule();
        m_window->dashboard()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(nextRun(), QStringLiteral("disabled"), 5000);
    }

    void firstStartOffersSetUpAndTheDemo()
    {
        QVERIFY(!FirstStart::isNeeded(db())); // a connector is stored
        TempDatabase empty(TempDatabase::Engine::Sqlite);
        QVERIFY(FirstStart::isNeeded(empty.database().connection()));

        int launched = 0;
        m_window->setDemoLauncher([&launched] { ++launched; });
        FirstStart::offer(*m_window);
        auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("firstStart"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        auto *tryDemo = box->findChild<QPushButton *>(QStringLiteral("tryDemo"));
        QVERIFY(tryDemo);
        tryDemo->click();
        QCOMPARE(launched, 1); // the demo opens as its own window, on its own database
        // The same launcher is on the File menu.
        m_window->openDemoAction()->trigger();
        QCOMPARE(launched, 2);
    }

    void tabsSwitchFromAnywhereInTheWindow()
    {
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTabWidget *tabs = m_window->tabs();
        tabs->setCurrentIndex(1); // Sales Orders
        QLineEdit *filter = m_window->orderPanel()->filterBar()->findChild<QLineEdit *>();
        QVERIFY(filter);
        filter->setFocus();
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClick(filter, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
        const auto focused = [this]() -> QWidget * {
            QWidget *w = QApplication::focusWidget();
            return w ? w : m_window.get();
        };
        QTest::keyClick(focused(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 3);
        QTest::keyClick(focused(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
    }

    void tabLeavesTheDateFilter()
    {
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->tabs()->setCurrentIndex(1); // Sales Orders
        QDateEdit *from = m_window->orderPanel()->filterBar()->fromEdit();
        from->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(from->hasFocus());
        QTest::keyClick(from, Qt::Key_Tab);
        QWidget *now = QApplication::focusWidget();
        QVERIFY(now);
        QVERIFY2(now != from && !from->isAncestorOf(now), now->metaObject()->className());
        QTest::keyClick(now, Qt::Key_Backtab);
        QTRY_VERIFY(from->hasFocus() || from->isAncestorOf(QApplication::focusWidget()));
    }

    void activatingAFailureOpensItsOrder()
    {
        DashboardPage *page = m_window->dashboard();
        QTRY_COMPARE_WITH_TIMEOUT(page->failureModel()->rowCount(), 2, 5000);
        QTableView *view = page->failureView();
        view->setFocus();
        view->setCurrentIndex(page->failureModel()->index(0, RecentFailureModel::Message));
        QSignalSpy requested(page, &DashboardPage::orderRequested);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toLongLong(), 107);

        QCOMPARE(m_window->tabs()->currentWidget(), m_window->orderPanel()->parentWidget());
        QCOMPARE(m_window->orderPanel()->filterBar()->textEdit()->text(), QStringLiteral("SO107"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel()->rowCount(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->orderView()->currentIndex().isValid(), 5000);
        QCOMPARE(m_window->orderModel()->rowId(m_window->orderView()->currentIndex().row()), 107);
        // The detail pane shows this order (its title names the customer), read off the GUI
        // thread.
        const auto labels = m_window->orderDetail()->findChildren<QLabel *>();
        QTRY_VERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *label) {
            return label->text().contains(QStringLiteral("SO107")) &&
                   label->text().contains(QStringLiteral("Customer 107"));
        }));

        // Back on the dashboard, a double-click on the older failure opens that order too.
        m_window->tabs()->setCurrentWidget(page);
        const QRect second =
            view->visualRect(page->failureModel()->index(1, RecentFailureModel::Order));
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy doubleClicked(view, &QAbstractItemView::doubleClicked);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, second.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, second.center());
        QCOMPARE(doubleClicked.size(), 1);
        QCOMPARE(m_window->tabs()->currentWidget(), m_window->orderPanel()->parentWidget());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->orderView()->currentIndex().isValid() &&
                m_window->orderModel()->rowId(m_window->orderView()->currentIndex().row()) == 103,
            5000);
    }

    void newHistoryRefreshesThePage()
    {
        DashboardPage *page = m_window->dashboard();
        QTRY_COMPARE_WITH_TIMEOUT(page->failureModel()->rowCount(), 2, 5000);
        addAttempt(105, QStringLiteral("failed"), 1, QStringLiteral("Fresh failure"));
        QSignalSpy refreshed(page, &DashboardPage::refreshed);
        QSignalSpy loads(page, &DashboardPage::loadRequested);
        // Bursts of history coalesce into one refresh: one load asked for, none left pending.
        for (int i = 0; i < 20; ++i)
            Q_EMIT m_sync->historyAdvanced(1000 + i);
        QTRY_COMPARE_WITH_TIMEOUT(page->failureModel()->rowCount(), 3, 5000);
        QCOMPARE(page->failureModel()->index(0, RecentFailureModel::Order).data().toString(),
                 QStringLiteral("SO105"));
        QCOMPARE(refreshed.size(), 1);
        QCOMPARE(loads.size(), 1);
        QVERIFY(!page->refreshPending());

        // Behind another tab the page waits (nothing scheduled, nothing read), and catches up
        // when it is shown again.
        m_window->tabs()->setCurrentWidget(m_window->jobs());
        addAttempt(106, QStringLiteral("failed"), 1, QStringLiteral("While hidden"));
        Q_EMIT m_sync->historyAdvanced(2000);
        QVERIFY(!page->refreshPending());
        QCOMPARE(loads.size(), 1);
        QCOMPARE(page->failureModel()->rowCount(), 3);
        m_window->tabs()->setCurrentWidget(page);
        QTRY_COMPARE_WITH_TIMEOUT(page->failureModel()->rowCount(), 4, 5000);
        QCOMPARE(refreshed.size(), 2);
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
