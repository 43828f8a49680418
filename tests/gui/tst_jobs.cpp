// The Jobs tab: a running pass shows up with its progress, its own Cancel ends it as cancelled,
// and the window keeps answering meanwhile. Offscreen, with the real worker thread and a demo
// sandbox whose store is slow (2 calls a second after a burst of 40).

#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "models/storage/connectorrepository.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/synccontroller.h"
#include "testutils/tempdatabase.h"
#include "ui/dashboard/dashboardmodels.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/jobs/joblistmodel.h"
#include "ui/jobs/jobspage.h"
#include "ui/tables/orderdetailpane.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestJobs : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<SyncController> m_sync;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_connector = 0;

    void startWith(int demoOrders, bool withThreePl = false)
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        m_sandbox->loadDemo(demoOrders, 7);
        QVERIFY(m_sandbox->listen(0) != 0);
        const DemoTarget target = demoTargetOf(*m_sandbox);
        QString error;
        m_connector = configureDemo(m_temp->database().connection(), target, &error);
        QVERIFY2(m_connector > 0, qPrintable(error));
        SyncCredentials credentials = demoCredentials(target, m_connector);
        if (withThreePl)
            QVERIFY2(configureDemoThreePl(m_temp->database().connection(), target, &credentials,
                                          &error) > 0,
                     qPrintable(error));
        m_sync = std::make_unique<SyncController>(m_temp->database());
        m_sync->setCredentials(credentials);
        SyncRequest syncTemplate;
        syncTemplate.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        m_window = std::make_unique<MainWindow>(m_temp->database(), *m_sync, syncTemplate);
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
                 m_window->jobs()->model(), m_window->dashboard()->connectorModel(),
                 m_window->dashboard()->failureModel()})
            new QAbstractItemModelTester(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    int finishedJobs() const
    {
        JobListModel *jobs = m_window->jobs()->model();
        int finished = 0;
        for (int row = 0; row < jobs->rowCount(); ++row)
            finished += !jobs->job(row).running();
        return finished;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_window.reset();
        m_sync.reset();
        m_sandbox.reset();
        m_temp.reset();
    }

    void cancellingARunningSync()
    {
        startWith(600);
        JobsPage *jobs = m_window->jobs();
        JobListModel *model = jobs->model();
        m_window->tabs()->setCurrentWidget(jobs);
        QCOMPARE(model->rowCount(), 0);
        m_window->syncNowAction()->trigger();

        // The pass appears with its connector and trigger, and its progress moves.
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
        QCOMPARE(model->index(0, JobListModel::Connector).data().toString(),
                 ConnectorRepository(m_temp->database().connection()).byId(m_connector)->name);
        QCOMPARE(model->job(0).connectorId, m_connector);
        QCOMPARE(model->index(0, JobListModel::Trigger).data().toString(),
                 QStringLiteral("Sync now"));
        QVERIFY(model->job(0).running());
        QCOMPARE(model->index(0, JobListModel::Action).data().toString(), QStringLiteral("Cancel"));
        QTRY_VERIFY_WITH_TIMEOUT(model->job(0).total > 0 && model->job(0).done > 0, 30000);
        QVERIFY2(model->index(0, JobListModel::Progress)
                     .data()
                     .toString()
                     .endsWith(QStringLiteral(" / %1").arg(model->job(0).total)),
                 qPrintable(model->index(0, JobListModel::Progress).data().toString()));
        QVERIFY(!model->index(0, JobListModel::Phase).data().toString().isEmpty());

        // The list repaints while the worker runs (how long the GUI thread may pause is
        // measured in bench_tables, not asserted here).
        for (int i = 0; i < 5; ++i) {
            jobs->view()->viewport()->repaint();
            QTest::qWait(20);
        }
        QVERIFY(model->job(0).running()); // 600 orders at 2 calls a second are far from done

        // The row's own Cancel button ends this pass as cancelled.
        const QRect cancelCell = jobs->view()->visualRect(model->index(0, JobListModel::Action));
        QVERIFY(!cancelCell.isEmpty());
        QTest::mouseClick(jobs->view()->viewport(), Qt::LeftButton, {}, cancelCell.center());
        QVERIFY(model->job(0).cancelling);
        QCOMPARE(model->index(0, JobListModel::Phase).data().toString(),
                 QStringLiteral("Cancelling…"));
        QVERIFY(!jobs->cancelButton()->isEnabled()); // asked once already
        QTRY_VERIFY_WITH_TIMEOUT(!model->job(0).running(), 30000);
        QVERIFY(model->job(0).summary.has_value());
        QVERIFY(model->job(0).summary->cancelled);
        QCOMPARE(model->index(0, JobListModel::Phase).data().toString(),
                 QStringLiteral("Cancelled"));
        QVERIFY2(model->index(0, JobListModel::Result)
                     .data()
                     .toString()
                     .startsWith(QStringLiteral("Cancelled")),
                 qPrintable(model->index(0, JobListModel::Result).data().toString()));
        QVERIFY(model->job(0).summary->pushed < 100);
        QVERIFY(model->index(0, JobListModel::Action).data().toString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->syncNowAction()->isEnabled(), 10000);
        QCOMPARE(model->rowCount(), 1);
    }

    // A window opened later (or after a restart) lists the passes that ran before it,
    // whichever window or worker ran them.
    void theListSurvivesARestart()
    {
        startWith(20);
        QSignalSpy finished(m_sync.get(), &SyncController::passFinished);
        m_window->syncNowAction()->trigger();
        QVERIFY(finished.wait(30000));
        QTRY_COMPARE(m_window->jobs()->model()->rowCount(), 1);
        const QString result =
            m_window->jobs()->model()->index(0, JobListModel::Result).data().toString();
        m_window.reset();
        SyncRequest syncTemplate;
        m_window = std::make_unique<MainWindow>(m_temp->database(), *m_sync, syncTemplate);
        JobListModel *model = m_window->jobs()->model();
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(!model->job(0).running());
        QCOMPARE(model->index(0, JobListModel::Connector).data().toString(),
                 QStringLiteral("main-store"));
        QCOMPARE(model->index(0, JobListModel::Trigger).data().toString(),
                 QStringLiteral("Sync now"));
        QCOMPARE(model->index(0, JobListModel::Result).data().toString(), result);
    }

    // Resync and dry run of one order run the connectors that own it, no other connector's
    // whole pass; Jobs says which was a dry run; the status line sums up every connector.
    void resyncRunsOnlyTheConnectorsOfTheOrder()
    {
        startWith(20, true);
        JobListModel *jobs = m_window->jobs()->model();
        m_window->syncNowAction()->trigger();
        // Both connectors, then the store again for what the 3PL created (when it did).
        QTRY_VERIFY_WITH_TIMEOUT(finishedJobs() >= 2 && m_window->syncNowAction()->isEnabled(),
                                 60000);
        const int afterSyncNow = finishedJobs();
        QVERIFY2(m_window->statusText().contains(QStringLiteral("main-store:")) &&
                     m_window->statusText().contains(QStringLiteral("Warehouse 3PL:")),
                 qPrintable(m_window->statusText()));

        // An order of the store that the 3PL never had.
        QSqlQuery q(m_temp->database().connection());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT id FROM sales_orders WHERE id NOT IN (SELECT sales_order_id FROM "
            "threepl_orders) AND id NOT IN (SELECT sales_order_id FROM threepl_shipments) "
            "ORDER BY id LIMIT 1")));
        QVERIFY(q.next());
        const qint64 order = q.value(0).toLongLong();
        q.finish(); // an open read would keep this connection on an old snapshot

        Q_EMIT m_window->orderDetail()->resyncRequested(order);
        QTRY_COMPARE_WITH_TIMEOUT(finishedJobs(), afterSyncNow + 1, 60000);
        QTRY_VERIFY(m_window->syncNowAction()->isEnabled()); // nothing else runs
        QCOMPARE(jobs->rowCount(), afterSyncNow + 1);
        QCOMPARE(jobs->index(0, JobListModel::Connector).data().toString(),
                 QStringLiteral("main-store"));
        QCOMPARE(jobs->index(0, JobListModel::Trigger).data().toString(), QStringLiteral("Resync"));

        Q_EMIT m_window->orderDetail()->dryRunRequested(order);
        QTRY_COMPARE_WITH_TIMEOUT(finishedJobs(), afterSyncNow + 2, 60000);
        QTRY_VERIFY(m_window->syncNowAction()->isEnabled());
        QCOMPARE(jobs->rowCount(), afterSyncNow + 2);
        QCOMPARE(jobs->index(0, JobListModel::Connector).data().toString(),
                 QStringLiteral("main-store"));
        QCOMPARE(jobs->index(0, JobListModel::Trigger).data().toString(),
                 QStringLiteral("Dry run"));
        // Still a dry run when read back from sync_runs by a later window.
        m_window.reset();
        m_window = std::make_unique<MainWindow>(m_temp->database(), *m_sync, SyncRequest{});
        QCOMPARE(m_window->jobs()->model()->index(0, JobListModel::Trigger).data().toString(),
                 QStringLiteral("Dry run"));
    }

    void listKeepsPassesPerConnectorNewestFirst()
    {
        // The model alone, with values as the controller delivers them: two connectors at once,
        // one refused, and the oldest finished rows dropped beyond the limit.
        JobListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxFinished(2);
        SyncRequest manual;
        manual.connectorId = 7;
        manual.trigger = SyncTrigger::Resync;
        model.noteRequest(manual);
        model.applyProgress(
            SyncProgress{7, QStringLiteral("Seven"), QStringLiteral("Reading"), 0, 0});
        model.applyProgress(
            SyncProgress{8, QStringLiteral("Eight"), QStringLiteral("Pushing"), 2, 10});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.job(0).connectorName, QStringLiteral("Eight"));
        QCOMPARE(model.index(0, JobListModel::Trigger).data().toString(),
                 QStringLiteral("Schedule"));
        QCOMPARE(model.index(1, JobListModel::Trigger).data().toString(), QStringLiteral("Resync"));
        QCOMPARE(model.index(0, JobListModel::Progress).data().toString(),
                 QStringLiteral("2 / 10"));
        QVERIFY(
            model.index(1, JobListModel::Progress).data().toString().isEmpty()); // unknown total
        model.applyProgress(
            SyncProgress{7, QStringLiteral("Seven"), QStringLiteral("Pushing"), 1, 4});
        QCOMPARE(model.rowCount(), 2); // the same pass, updated
        QCOMPARE(model.job(1).total, 4);

        SyncRunSummary seven;
        seven.connectorId = 7;
        seven.connectorName = QStringLiteral("Seven");
        seven.pushed = 3;
        seven.failed = 1;
        seven.durationMs = 1500;
        model.applySummary(seven);
        QVERIFY(!model.job(1).running());
        QVERIFY(model.job(0).running());
        QCOMPARE(model.index(1, JobListModel::Result).data().toString(),
                 QStringLiteral("3 pushed, 1 failed, 0 held, 0 already in the channel"));
        QCOMPARE(model.index(1, JobListModel::Duration).data().toString(), QStringLiteral("1.5 s"));

        SyncRunSummary refused;
        refused.connectorId = 9;
        refused.connectorName = QStringLiteral("Nine");
        refused.error = QStringLiteral("The access token of connector Nine is missing.");
        model.applySummary(refused);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, JobListModel::Phase).data().toString(),
                 QStringLiteral("Could not run"));
        QCOMPARE(model.index(0, JobListModel::Result).data().toString(), refused.error);

        // A third finished pass: the oldest finished row goes, the running one stays.
        model.applyProgress(
            SyncProgress{7, QStringLiteral("Seven"), QStringLiteral("Reading"), 0, 0});
        model.applySummary(seven);
        QCOMPARE(model.rowCount(), 3);
        int running = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            running += model.job(row).running();
        QCOMPARE(running, 1);
        QCOMPARE(model.job(model.rowCount() - 1).connectorName, QStringLiteral("Eight"));
        QCOMPARE(model.job(0).connectorName, QStringLiteral("Seven"));
        QCOMPARE(model.job(1).connectorName, QStringLiteral("Nine"));
    }
};

QTEST_MAIN(TestJobs)
#include "tst_jobs.moc"
