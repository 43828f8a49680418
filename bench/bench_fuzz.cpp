// Damaged answers at scale: real fulfillsync-worker processes sync round after round of fresh
// shipped orders while the sandbox damages a share of every answer on its way back (truncated,
// wrong types, HTML, 4 MB, invalid UTF-8, numbers that are NaN, inf, 1e309, -0 or 0, headers
// whose Retry-After, Date and rate limits are nonsense, 5xx and 599 after a create committed).
// Prints the crashes, hangs, duplicates, partial pushes and fulfillments that arrived;
// tst_crashsafety runs the same at ~300.
//
//   bench_fuzz [damaged answers, default 10000] [orders per round, default 120] [seed]

#include "testutils/scenariobuilder.h"
#include "testutils/workerharness.h"

#include <QCoreApplication>
#include <QStringList>
#include <cstdio>

using namespace fulfillsync;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int target = args.size() > 1 ? args.at(1).toInt() : 10000;
    const int ordersPerRound = args.size() > 2 ? args.at(2).toInt() : 120;
    const quint32 seed = args.size() > 3 ? args.at(3).toUInt() : 4242;
    const QString worker = test::WorkerHarness::workerExecutable(app.applicationDirPath());
    if (target <= 0 || ordersPerRound <= 0) {
        std::fprintf(stderr, "usage: bench_fuzz [damaged answers] [orders per round] [seed]\n");
        return 2;
    }

    test::WorkerHarness harness(worker);
    int firstBatch = 0;
    QString error;
    if (!harness.start(
            test::shippedOrdersScenario(ordersPerRound, QStringLiteral("unlimited"), &firstBatch),
            &error)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("bench_fuzz: %d damaged answers, %d orders per round, seed %u, worker %s\n", target,
                ordersPerRound, seed, qPrintable(worker));
    std::fflush(stdout);
    const test::WorkerHarness::FuzzResult r = harness.fuzz(target, ordersPerRound, seed);
    std::printf("damaged answers       %d\n"
                "rounds / worker runs  %d / %d\n"
                "crashes               %d\n"
                "hangs                 %d\n"
                "fulfillments arrived  %d of %d\n"
                "duplicates            %d\n"
                "over-fulfilled lines  %d\n"
                "partial pushes        %d\n"
                "rounds not converged  %d\n"
                "wall time             %.1f s\n",
                r.corrupted, r.rounds, r.workerRuns, r.crashes, r.hangs, r.arrived, r.expected,
                r.duplicates, r.overFulfilled, r.partial, r.unconverged, r.milliseconds / 1000.0);
    const bool clean = r.crashes == 0 && r.hangs == 0 && r.duplicates == 0 &&
                       r.overFulfilled == 0 && r.partial == 0 && r.unconverged == 0 &&
                       r.arrived == r.expected;
    std::printf("%s\n", clean ? "result: clean" : "result: NOT CLEAN");
    return clean ? 0 : 1;
}
