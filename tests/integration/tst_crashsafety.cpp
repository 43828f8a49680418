// Never a duplicate, proven the hard way, with real fulfillsync-worker processes against the
// sandbox on loopback: killed with SIGKILL at random moments and restarted, again and again;
// the same with the sandbox failing 20 % of requests (429, 5xx, hangs, commit-then-fail); and
// a fuzz run where answers are damaged on their way back (truncated, wrong types, HTML, 4 MB,
// invalid UTF-8, 5xx after the create committed). At the end of each, every shipped
// fulfillment exists exactly once in the channel. bench/bench_fuzz runs the fuzz at 10,000
// damaged answers.

#include "testutils/scenariobuilder.h"
#include "testutils/workerharness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace fulfillsync;

class TestCrashSafety : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::WorkerHarness> m_harness;
    int m_expected = 0;

    // Every tracking number of the scenario exactly once in the channel, and never more units
    // fulfilled than ordered.
    void verifyExactlyOnce()
    {
        const test::WorkerHarness::Tally t = m_harness->tally(2);
        qInfo("channel fulfillments %d, expected %d, distinct tracking numbers %d, duplicates %d",
              t.fulfillments, m_expected, t.distinctTracking, t.duplicates);
        QCOMPARE(t.duplicates, 0);
        QCOMPARE(t.overFulfilledLines, 0);
        QCOMPARE(t.distinctTracking, m_expected);
        QCOMPARE(t.fulfillments, m_expected);
    }

    void converge(int maxRuns)
    {
        for (int run = 0; run < maxRuns; ++run) {
            m_harness->clearQuarantine();
            const test::WorkerHarness::Run r = m_harness->runToEnd();
            QVERIFY(!r.crashed);
            if (r.exitCode == 0)
                return;
            qInfo("worker exit %d: %s", r.exitCode, r.output.right(600).constData());
        }
        QFAIL("the worker did not converge");
    }

    // The channel tests' account: 420 shipped orders, more than 500 fulfillments. (The 3PL
    // tests build their own; starting this one for them cost seconds each.)
    bool startShippedOrders()
    {
        m_harness =
            std::make_unique<test::WorkerHarness>(qEnvironmentVariable("FULFILLSYNC_WORKER"));
        QString error;
        const bool started = m_harness->start(
            test::shippedOrdersScenario(420, QStringLiteral("unlimited"), &m_expected), &error);
        if (!started)
            qWarning("cannot start: %s", qPrintable(error));
        return started && m_expected >= 500;
    }

private Q_SLOTS:
    void cleanup() { m_harness.reset(); }

    // Both legs of the 3PL connector under SIGKILL, with the Shopify connector in the same
    // workers: orders go to the 3PL once, each 3PL shipment becomes one NetSuite item
    // fulfillment, and each of those reaches Shopify once.
    void bothLegsOfThe3plSurviveKills()
    {
        m_harness =
            std::make_unique<test::WorkerHarness>(qEnvironmentVariable("FULFILLSYNC_WORKER"));
        m_harness->setWithThreePl(true);
        const int orders = 60;
        QString error;
        QVERIFY2(m_harness->start(test::threePlOrdersScenario(orders), &error), qPrintable(error));
        // Leg 1 under kills: the orders reach the 3PL.
        m_harness->killRepeatedly(12, 900);
        converge(3);
        QJsonObject state = m_harness->state();
        QSet<QString> keys;
        for (const QJsonValue &o :
             state[QLatin1String("threePl")][QLatin1String("orders")].toArray())
            keys.insert(o[QLatin1String("orderKey")].toString());
        QCOMPARE(state[QLatin1String("threePl")][QLatin1String("orders")].toArray().size(), orders);
        QCOMPARE(keys.size(), orders);

        // Leg 2 under kills, in two waves of shipments (some orders ship in two parts).
        int shipments = m_harness->shipThreePlOrders(true);
        m_harness->killRepeatedly(12, 900);
        converge(3);
        shipments += m_harness->shipThreePlOrders(false);
        m_harness->killRepeatedly(12, 900);
        converge(3);
        QVERIFY(shipments > orders);

        state = m_harness->state();
        QSet<QString> externalIds;
        int fromThePl = 0;
        for (const QJsonValue &f :
             state[QLatin1String("netsuite")][QLatin1String("itemFulfillments")].toArray()) {
            const QString externalId = f[QLatin1String("externalId")].toString();
            if (!externalId.startsWith(QLatin1String("fs3pl-")))
                continue;
            ++fromThePl;
            externalIds.insert(externalId);
            QCOMPARE(f[QLatin1String("shipStatus")].toString(), QStringLiteral("C"));
        }
        qInfo("3PL shipments %d, item fulfillments from them %d", shipments, fromThePl);
        QCOMPARE(fromThePl, shipments);
        QCOMPARE(externalIds.size(), shipments);
        m_expected = shipments;
        verifyExactlyOnce();
    }

    // The 3PL connector and the Shopify connector in separate workers, side by side on one
    // database, while the 3PL ships in waves: every shipment one item fulfillment, and every one
    // of those in Shopify once.
    void theLegsInSeparateWorkers()
    {
        m_harness =
            std::make_unique<test::WorkerHarness>(qEnvironmentVariable("FULFILLSYNC_WORKER"));
        m_harness->setWithThreePl(true);
        QString error;
        QVERIFY2(m_harness->start(test::threePlOrdersScenario(40), &error), qPrintable(error));
        const QStringList both{QStringLiteral("Warehouse 3PL"), QStringLiteral("main-store")};
        int shipments = 0;
        for (int round = 0; round < 6; ++round) {
            for (const test::WorkerHarness::Run &r : m_harness->runSideBySide(both)) {
                QVERIFY(!r.crashed);
                QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.output.right(600).constData());
            }
            shipments += m_harness->shipThreePlOrders(round % 2 == 0, 10);
        }
        for (int round = 0; round < 3; ++round)
            m_harness->runSideBySide(both);
        m_expected = shipments;
        QVERIFY(shipments >= 40);
        verifyExactlyOnce();
    }

    void killedAtRandomPointsNeverDuplicates()
    {
        QVERIFY(startShippedOrders());
        m_harness->killRepeatedly(40, 900);
        converge(3);
        verifyExactlyOnce();
    }

    void twentyPercentFaultsNeverDuplicate()
    {
        QVERIFY(startShippedOrders());
        // Every kind of fault the issue names, each on a share of the requests it can hit.
        const QList<QJsonObject> faults = {
            {{QStringLiteral("match"), QStringLiteral("shopify.*")},
             {QStringLiteral("status"), 429},
             {QStringLiteral("probability"), 0.05},
             {QStringLiteral("count"), 100000},
             {QStringLiteral("seed"), 7}},
            {{QStringLiteral("match"), QStringLiteral("shopify.*")},
             {QStringLiteral("status"), 503},
             {QStringLiteral("probability"), 0.05},
             {QStringLiteral("count"), 100000}},
            {{QStringLiteral("match"), QStringLiteral("shopify.graphql.fulfillmentCreate")},
             {QStringLiteral("commitThenFail"), true},
             {QStringLiteral("status"), 502},
             {QStringLiteral("probability"), 0.06},
             {QStringLiteral("count"), 100000}},
            {{QStringLiteral("match"), QStringLiteral("shopify.graphql.fulfillmentCreate")},
             {QStringLiteral("hang"), true},
             {QStringLiteral("probability"), 0.02},
             {QStringLiteral("count"), 8}},
            {{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
             {QStringLiteral("status"), 503},
             {QStringLiteral("probability"), 0.2},
             {QStringLiteral("count"), 100000}},
        };
        for (const QJsonObject &fault : faults)
            QVERIFY2(m_harness->addFault(fault), "fault refused");
        m_harness->killRepeatedly(15, 1500);
        for (int run = 0; run < 6; ++run) { // with faults on: progress, but failures too
            m_harness->clearQuarantine();
            const test::WorkerHarness::Run r = m_harness->runToEnd();
            QVERIFY2(!r.crashed, r.output.right(2000).constData());
            QVERIFY2(r.exitCode != -1, r.output.right(2000).constData());
        }
        m_harness->clearFaults();
        converge(4);
        verifyExactlyOnce();
    }

    // Bounded here (about 300 damaged answers, seeded; the suite's 20-minute budget); bench_fuzz
    // runs 10,000.
    void damagedAnswersNeverDuplicateAndNeverCrash()
    {
        QVERIFY(startShippedOrders());
        converge(3); // the first batch, undamaged
        verifyExactlyOnce();
        const test::WorkerHarness::FuzzResult r = m_harness->fuzz(300, 90, 4242);
        qInfo("fuzz: %d damaged answers over %d rounds and %d worker runs in %lld ms: %d crashes, "
              "%d of %d fulfillments arrived, %d duplicates, %d over-fulfilled lines, %d partial "
              "pushes, %d rounds without convergence",
              r.corrupted, r.rounds, r.workerRuns, r.milliseconds, r.crashes, r.arrived, r.expected,
              r.duplicates, r.overFulfilled, r.partial, r.unconverged);
        if (r.unconverged > 0)
            qInfo("the last worker that did not converge said:\n%s",
                  r.unconvergedOutput.constData());
        QVERIFY(r.corrupted >= 300);
        QCOMPARE(r.crashes, 0);
        QCOMPARE(r.hangs, 0);
        QCOMPARE(r.duplicates, 0);
        QCOMPARE(r.overFulfilled, 0);
        QCOMPARE(r.partial, 0);
        QCOMPARE(r.unconverged, 0);
        QCOMPARE(r.arrived, r.expected);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
