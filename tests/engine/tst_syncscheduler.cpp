// The scheduler's triggers, with a minute shortened to 20 ms, and its reloads.

#include "models/storage/connectorrepository.h"
#include "sync/engine/syncscheduler.h"
#include "sync/engine/syncworker.h"
#include "testutils/tempdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

class TestSyncScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachConnectorAtItsOwnInterval()
    {
        TempDatabase temp(TempDatabase::Engine::Sqlite);
        ConnectorRepository repo(temp.database().connection());
        Connector fast;
        fast.name = QStringLiteral("fast");
        fast.intervalMinutes = 1;
        Connector slow;
        slow.name = QStringLiteral("slow");
        slow.intervalMinutes = 5;
        Connector off;
        off.name = QStringLiteral("off");
        off.enabled = false;
        QVERIFY(repo.save(fast) && repo.save(slow) && repo.save(off));

        SyncWorker worker(temp.database()); // no credentials: each pass ends at once, harmlessly
        SyncScheduler scheduler(temp.database(), worker);
        scheduler.setMinuteMs(20);
        scheduler.setStartDelayMs(0);
        QSignalSpy triggered(&scheduler, &SyncScheduler::triggered);
        scheduler.start();
        QCOMPARE(scheduler.scheduledConnectors().size(), 2); // the disabled one is not scheduled
        // Counted when the slow connector has had its third run, not after a fixed time, so a
        // loaded machine changes how long this takes, not what it finds.
        int fastRuns = 0;
        int slowRuns = 0;
        const auto count = [&] {
            fastRuns = slowRuns = 0;
            for (const auto &args : std::as_const(triggered)) {
                const qint64 id = args.first().value<SyncRequest>().connectorId;
                fastRuns += id == fast.id;
                slowRuns += id == slow.id;
            }
            return slowRuns;
        };
        QTRY_VERIFY_WITH_TIMEOUT(count() >= 3, 20000);
        for (const auto &args : std::as_const(triggered))
            QVERIFY(args.first().value<SyncRequest>().connectorId != off.id);
        // Start-up run plus one per interval: by the slow one's third run (2 intervals of 5),
        // the fast one has run about 11 times.
        QVERIFY2(fastRuns >= 2 * slowRuns,
                 qPrintable(QStringLiteral("fast %1, slow %2").arg(fastRuns).arg(slowRuns)));

        // Disabling a connector stops its timer on reload.
        fast.enabled = false;
        QVERIFY(repo.save(fast));
        scheduler.reload();
        QCOMPARE(scheduler.scheduledConnectors(), QList<qint64>{slow.id});
        scheduler.stop();
        worker.shutdown();
    }

    // A reload that finds nothing changed leaves the timers alone. (Restarting them on every
    // reload — the settings poll runs far more often than a long interval — postponed every
    // run for ever.)
    void reloadingDoesNotPostponeRuns()
    {
        TempDatabase temp(TempDatabase::Engine::Sqlite);
        ConnectorRepository repo(temp.database().connection());
        Connector c;
        c.name = QStringLiteral("store");
        c.intervalMinutes = 3;
        QVERIFY(repo.save(c));
        SyncWorker worker(temp.database());
        SyncScheduler scheduler(temp.database(), worker);
        scheduler.setMinuteMs(20);
        scheduler.setStartDelayMs(0);
        scheduler.setReloadIntervalMs(5); // a reload many times per interval (60 ms)
        QSignalSpy triggered(&scheduler, &SyncScheduler::triggered);
        scheduler.start();
        QTRY_VERIFY_WITH_TIMEOUT(triggered.size() >= 4, 20000); // start-up + 3 intervals
        scheduler.stop();
        worker.shutdown();
    }

    // Connectors changed by another process on the shared database (the window, config import)
    // reach a running daemon without a restart; the announced next run follows.
    void changesOnTheDatabaseAreNoticed()
    {
        TempDatabase temp(TempDatabase::Engine::Sqlite);
        ConnectorRepository repo(temp.database().connection());
        Connector first;
        first.name = QStringLiteral("first");
        first.intervalMinutes = 5;
        QVERIFY(repo.save(first));
        SyncWorker worker(temp.database());
        SyncScheduler scheduler(temp.database(), worker);
        scheduler.setMinuteMs(60 * 1000);
        scheduler.setStartDelayMs(60 * 1000);
        scheduler.setReloadIntervalMs(20);
        QSignalSpy announced(&scheduler, &SyncScheduler::nextRunChanged);
        scheduler.start();
        QCOMPARE(scheduler.scheduledConnectors(), QList<qint64>{first.id});
        QVERIFY(scheduler.nextRun(first.id).isValid());

        Connector second;
        second.name = QStringLiteral("second");
        QVERIFY(repo.save(second));
        first.enabled = false;
        QVERIFY(repo.save(first));
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.scheduledConnectors(), QList<qint64>{second.id}, 10000);
        QVERIFY(!scheduler.nextRun(first.id).isValid());
        bool firstWithdrawn = false;
        for (const auto &args : std::as_const(announced))
            firstWithdrawn |=
                args.at(0).toLongLong() == first.id && !args.at(1).toDateTime().isValid();
        QVERIFY(firstWithdrawn);

        // A changed interval re-arms the timer: from 5 minutes to 1, the next run comes within a
        // minute instead of waiting out the old interval.
        const QDateTime before = scheduler.nextRun(second.id);
        second.intervalMinutes = 1;
        QVERIFY(repo.save(second));
        QTRY_VERIFY_WITH_TIMEOUT(scheduler.nextRun(second.id) != before, 10000);
        QVERIFY(scheduler.nextRun(second.id) <= QDateTime::currentDateTimeUtc().addSecs(61));
        scheduler.stop();
        worker.shutdown();
    }
};

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_syncscheduler.moc"
