// The scheduler's triggers, with a minute shortened to 20 ms.

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
                fastRuns += args.first().toLongLong() == fast.id;
                slowRuns += args.first().toLongLong() == slow.id;
            }
            return slowRuns;
        };
        QTRY_VERIFY_WITH_TIMEOUT(count() >= 3, 20000);
        for (const auto &args : std::as_const(triggered))
            QVERIFY(args.first().toLongLong() != off.id);
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
};

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_syncscheduler.moc"
