// The nightly reconciliation's schedule, driven by an injected clock: due at the connector's
// time, over its range, at most once a night across several workers on one database.

#include "models/storage/connectorrepository.h"
#include "models/storage/migrations.h"
#include "models/storage/reconciliationschedules.h"
#include "sync/engine/reconcilescheduler.h"
#include "sync/synccontroller.h"
#include "testutils/tempdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

class TestReconcileScheduler : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    Connector m_store;
    QDateTime m_now;

    static QDateTime at(int day, int hour, int minute)
    {
        return QDateTime(QDate(2026, 12, day), QTime(hour, minute));
    }
    std::unique_ptr<ReconcileScheduler> scheduler(const QString &holder)
    {
        auto s = std::make_unique<ReconcileScheduler>(m_temp->database(), holder);
        s->setClock([this] { return m_now; });
        return s;
    }
    // The requests of one tick at `when`.
    QList<ReconcileRequest> tickAt(ReconcileScheduler &s, const QDateTime &when)
    {
        m_now = when;
        QSignalSpy triggered(&s, &ReconcileScheduler::triggered);
        s.tick();
        QList<ReconcileRequest> requests;
        for (const auto &args : std::as_const(triggered))
            requests << args.first().value<ReconcileRequest>();
        return requests;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        m_temp = std::make_unique<TempDatabase>(engine);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        ConnectorRepository repo(m_temp->database().connection());
        m_store = Connector{};
        m_store.name = QStringLiteral("store");
        m_store.endpoint = QStringLiteral("https://store.myshopify.com");
        QVERIFY(repo.save(m_store));
        Connector warehouse;
        warehouse.name = QStringLiteral("warehouse");
        warehouse.kind = Connector::threePlKind(); // no channel to read back: never reconciled
        QVERIFY(repo.save(warehouse));
        Connector off;
        off.name = QStringLiteral("off");
        off.enabled = false;
        QVERIFY(repo.save(off));
    }

    void cleanup() { m_temp.reset(); }

    // Default: 02:30 local time over the last 30 days, once that night, whatever ticks after.
    void runsOnceANightAtItsTime()
    {
        auto s = scheduler(QStringLiteral("worker-a"));
        QVERIFY(tickAt(*s, at(8, 2, 29)).isEmpty());
        const QList<ReconcileRequest> due = tickAt(*s, at(8, 2, 30));
        QCOMPARE(due.size(), 1); // not the 3PL, not the disabled one
        QCOMPARE(due.first().connectorId, m_store.id);
        QCOMPARE(due.first().until, QDate(2026, 12, 8));
        QCOMPARE(due.first().since, QDate(2026, 11, 9)); // 30 days, both ends included
        QCOMPARE(due.first().trigger, SyncTrigger::Schedule);
        QVERIFY(tickAt(*s, at(8, 2, 31)).isEmpty());
        QVERIFY(tickAt(*s, at(8, 5, 0)).isEmpty());
        // The next night again.
        QVERIFY(tickAt(*s, at(9, 2, 0)).isEmpty());
        QCOMPARE(tickAt(*s, at(9, 2, 45)).size(), 1);
    }

    // Two workers (or a window beside a daemon), and a worker restarted the same night: the
    // night is run by the first to claim it, only.
    void twoWorkersRunANightOnce()
    {
        auto a = scheduler(QStringLiteral("worker-a"));
        auto b = scheduler(QStringLiteral("worker-b"));
        QCOMPARE(tickAt(*b, at(8, 2, 31)).size(), 1);
        QVERIFY(tickAt(*a, at(8, 2, 31)).isEmpty());
        auto restarted = scheduler(QStringLiteral("worker-b-again"));
        QVERIFY(tickAt(*restarted, at(8, 3, 10)).isEmpty());
        QCOMPARE(tickAt(*a, at(9, 2, 31)).size(), 1);
        QVERIFY(tickAt(*b, at(9, 2, 32)).isEmpty());
    }

    // A connector's own time and range, or none at all.
    void followsTheConnectorsSchedule()
    {
        ReconciliationSchedules schedules(m_temp->database().connection());
        ReconcileSchedule own = schedules.of(m_store.id);
        QCOMPARE(own.atMinute, 150); // the default: 02:30
        own.atMinute = 23 * 60;
        own.rangeDays = 7;
        QVERIFY2(schedules.save(own), qPrintable(schedules.lastError()));
        QCOMPARE(schedules.of(m_store.id), own);
        auto s = scheduler(QStringLiteral("worker-a"));
        QVERIFY(tickAt(*s, at(8, 2, 31)).isEmpty());
        const QList<ReconcileRequest> due = tickAt(*s, at(8, 23, 1));
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().since, QDate(2026, 12, 2));
        QCOMPARE(due.first().until, QDate(2026, 12, 8));
        own.enabled = false;
        QVERIFY(schedules.save(own));
        QVERIFY(tickAt(*s, at(9, 23, 1)).isEmpty());
    }

    // A worker that was down at 02:30 still runs that night's within six hours, not in the
    // afternoon.
    void aMissedNightIsCaughtUpOnlyThatNight()
    {
        auto s = scheduler(QStringLiteral("worker-a"));
        QVERIFY(tickAt(*s, at(8, 14, 0)).isEmpty());
        QCOMPARE(tickAt(*s, at(9, 8, 0)).size(), 1);
    }

    // The results migration came after 0025-0027 on some databases (written as 0024, shipped as
    // 0028): run again over its own tables, it keeps them and what they hold.
    void theResultsMigrationRunsAgainHarmlessly()
    {
        QSqlDatabase db = m_temp->database().connection();
        ReconciliationSchedules schedules(db);
        ReconcileSchedule own = schedules.of(m_store.id);
        own.rangeDays = 9;
        QVERIFY(schedules.save(own));
        const int current = Migrations::currentVersion(db);
        QSqlQuery query(db);
        const auto setVersion = [&](int version) {
            query.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"));
            query.addBindValue(QString::number(version));
            return query.exec();
        };
        QVERIFY(setVersion(27));
        const auto dialect = db.driverName() == u"QSQLITE" ? Migrations::Dialect::Sqlite
                                                           : Migrations::Dialect::Postgres;
        QString error;
        QVERIFY2(Migrations::apply(db, dialect, &error, 28), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db), 28);
        QVERIFY(setVersion(current)); // the later ones stay applied
        QCOMPARE(schedules.of(m_store.id).rangeDays, 9);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM reconciliation_view")));
    }

    // A run asked for by the window goes to the sync thread and comes back as a summary: the
    // call returns at once, a refusal is said in words, a run with nothing shipped is empty.
    void aRunGoesToTheSyncThreadAndComesBackAsASummary()
    {
        SyncController controller(m_temp->database());
        QSignalSpy started(&controller, &SyncController::reconcileStarted);
        QSignalSpy finished(&controller, &SyncController::reconcileFinished);
        ReconcileRequest request;
        request.connectorId = m_store.id;
        request.since = QDate(2026, 11, 1);
        request.until = QDate(2026, 11, 30);
        controller.reconcile(request);
        QCOMPARE(started.count(), 1);
        QCOMPARE(finished.count(), 0); // nothing ran on this thread
        QVERIFY(finished.wait(10000));
        auto summary = finished.first().first().value<ReconcileSummary>();
        QCOMPARE(summary.connectorName, QStringLiteral("store"));
        QVERIFY2(summary.error.contains(QStringLiteral("access token")), qPrintable(summary.error));

        SyncCredentials credentials;
        credentials.channelTokens.insert(m_store.id, QStringLiteral("shpat_test"));
        controller.setCredentials(credentials);
        controller.reconcile(request);
        QVERIFY(finished.wait(10000));
        summary = finished.last().first().value<ReconcileSummary>();
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.orders, 0); // nothing shipped in the range: nothing to read
        QCOMPARE(summary.since, request.since);
        QCOMPARE(summary.until, request.until);
    }
};

QTEST_GUILESS_MAIN(TestReconcileScheduler)
#include "tst_reconcilescheduler.moc"
