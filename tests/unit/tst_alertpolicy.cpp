// The rules of decideAlerts(): down once, up once, digests at most every N minutes, and only
// passes that say something about the connector count.

#include "sync/alerts/alertpolicy.h"

#include <QTest>

using namespace fulfillsync;

namespace {

const QDateTime kStart(QDate(2026, 12, 6), QTime(8, 0), Qt::UTC);

SyncRunSummary pass(int failed = 0, int held = 0, const QString &error = {})
{
    SyncRunSummary summary;
    summary.connectorId = 1;
    summary.trigger = SyncTrigger::Schedule;
    summary.failed = failed;
    summary.held = held;
    summary.error = error;
    return summary;
}

} // namespace

class TestAlertPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aQuietPassSaysNothing()
    {
        const AlertDecision d = decideAlerts(AlertState{}, pass(), 60, kStart);
        QVERIFY(!d.sendDown && !d.sendUp && !d.sendDigest);
        QCOMPARE(d.next, AlertState{});
    }

    void downIsSaidOnceAndBackUpOnce()
    {
        AlertState state;
        int downs = 0, ups = 0;
        for (int i = 0; i < 3; ++i) {
            const AlertDecision d =
                decideAlerts(state, pass(0, 0, QStringLiteral("NetSuite refused the login")), 60,
                             kStart.addSecs(60 * i));
            downs += d.sendDown;
            state = d.next;
        }
        QCOMPARE(downs, 1);
        QVERIFY(state.down);
        QCOMPARE(state.downReason, QStringLiteral("NetSuite refused the login"));
        for (int i = 0; i < 2; ++i) {
            const AlertDecision d = decideAlerts(state, pass(), 60, kStart.addSecs(600 + 60 * i));
            ups += d.sendUp;
            state = d.next;
        }
        QCOMPARE(ups, 1);
        QVERIFY(!state.down);
        QVERIFY(state.downReason.isEmpty());
    }

    void theFirstProblemsGoAtOnceThenAtMostEveryInterval()
    {
        AlertDecision d = decideAlerts(AlertState{}, pass(2, 1), 30, kStart);
        QVERIFY(d.sendDigest);
        QCOMPARE(d.digestFailed, 2);
        QCOMPARE(d.digestHeld, 1);
        QCOMPARE(d.digestSince, kStart);
        QCOMPARE(d.next.failed, 0);
        QCOMPARE(d.next.lastDigestAt, kStart);

        // Ten minutes later: collected, not sent.
        d = decideAlerts(d.next, pass(1, 0), 30, kStart.addSecs(600));
        QVERIFY(!d.sendDigest);
        QCOMPARE(d.next.failed, 1);
        QCOMPARE(d.next.pendingSince, kStart.addSecs(600));
        d = decideAlerts(d.next, pass(0, 3), 30, kStart.addSecs(1200));
        QVERIFY(!d.sendDigest);
        // Thirty minutes after the last digest, a pass without new problems sends what waited.
        d = decideAlerts(d.next, pass(), 30, kStart.addSecs(1800));
        QVERIFY(d.sendDigest);
        QCOMPARE(d.digestFailed, 1);
        QCOMPARE(d.digestHeld, 3);
        QCOMPARE(d.digestSince, kStart.addSecs(600));
        QVERIFY(!d.next.pendingSince.isValid());
    }

    void nothingNewMeansNoDigest()
    {
        AlertState state;
        state.lastDigestAt = kStart.addDays(-1);
        const AlertDecision d = decideAlerts(state, pass(), 30, kStart);
        QVERIFY(!d.sendDigest);
    }

    void onlyPassesThatSaySomethingCount_data()
    {
        QTest::addColumn<SyncRunSummary>("summary");
        SyncRunSummary dry = pass(1, 0, QStringLiteral("x"));
        dry.dryRun = true;
        SyncRunSummary cancelled = pass(1, 0, QStringLiteral("x"));
        cancelled.cancelled = true;
        SyncRunSummary skipped = pass(1, 0, QStringLiteral("x"));
        skipped.skipped = QStringLiteral("another worker has it");
        SyncRunSummary replay = pass(1, 0, QStringLiteral("x"));
        replay.trigger = SyncTrigger::Replay;
        SyncRunSummary resync = pass(1, 0, QStringLiteral("x"));
        resync.trigger = SyncTrigger::Resync;
        QTest::newRow("dry run") << dry;
        QTest::newRow("cancelled") << cancelled;
        QTest::newRow("skipped") << skipped;
        QTest::newRow("replay") << replay;
        QTest::newRow("resync") << resync;
    }
    void onlyPassesThatSaySomethingCount()
    {
        QFETCH(SyncRunSummary, summary);
        const AlertDecision d = decideAlerts(AlertState{}, summary, 60, kStart);
        QVERIFY(!d.sendDown && !d.sendDigest);
        QCOMPARE(d.next, AlertState{});
    }

    void aManualSyncCountsLikeAScheduledOne()
    {
        SyncRunSummary manual = pass(0, 1);
        manual.trigger = SyncTrigger::Manual; // `fulfillsync-worker sync --once` from cron
        QVERIFY(decideAlerts(AlertState{}, manual, 60, kStart).sendDigest);
    }
};

QTEST_GUILESS_MAIN(TestAlertPolicy)
#include "tst_alertpolicy.moc"
