// A reconciliation of N shipped orders (default 10,000) on a Shopify plan (default standard),
// through the product's own path (ReconcileRun, with the worker's pacer for the store's cost
// bucket), three ways side by side:
//   (a) one order a request (the read-back the sync pass uses: the baseline),
//   (b) batched nodes(ids:) queries near the 1,000-point requested-cost cap,
//   (c) one bulk operation (the product's choice above Config::bulkThreshold orders).
// For each: requests, GraphQL points requested and charged, wall time, the time the store's
// bucket allows for the points charged ((points - bucket) / restore rate: the full bucket at the
// start is free), their ratio, 429/THROTTLED answers, and NetSuite requests (the run reads only
// the local copy: 0, with the copy's age). (a) and (b) take a long while on a Standard store
// (about 10-15 points an order at 50 a second): they read --sample orders (default 1,000) and
// are scaled to N, said so in the output.
//   bench_reconcile [orders=10000] [plan=standard] [--sample N] [--only a|b|c]

#include "bench/benchsupport.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/mappingrepository.h"
#include "sync/engine/reconcilerun.h"
#include "sync/net/leakybucketpacer.h"
#include "testutils/scenariobuilder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QThread>
#include <QTimer>
#include <cstdio>

using namespace fulfillsync;

namespace {

struct Figures
{
    QString mode;
    int orders = 0; // read
    int fulfillments = 0;
    int requests = 0;
    double requested = 0, actual = 0;
    double wallS = 0;
    int throttled = 0;
    int tooMany = 0; // HTTP 429 as the sandbox counted them
    QString problem;
    int notMatched = 0;
};

int status429(const bench::SandboxProcess &sandbox)
{
    return sandbox
        .state()[QStringLiteral("requests")][QStringLiteral("byStatus")][QStringLiteral("429")]
        .toInt();
}

Figures reconcile(bench::BenchDatabase &db, bench::SandboxProcess &sandbox, const QString &mode,
                  int sample, int bulkBelow)
{
    QNetworkAccessManager network;
    // The worker's own pacer for the store's GraphQL bucket (as `fulfillsync-worker reconcile`
    // makes it: Shopify's standard bucket until the first answer says otherwise).
    LeakyBucketPacer bucket(50.0, 1000, 20);
    ReconcileRun::Config config;
    config.connector = *ConnectorRepository(db.database().connection()).byId(db.connectorId());
    config.rules = MappingRepository(db.database().connection()).rules(db.connectorId());
    config.shopify.baseUrl = db.target().shopUrl;
    config.shopify.accessToken = db.target().accessToken;
    config.costBucket = &bucket;
    config.since = QDate(2000, 1, 1);
    config.until = QDate::currentDate().addDays(1);
    // The product's threshold (2,000 orders), or just below a smaller store's size.
    config.bulkThreshold = mode == u"bulk" ? std::min(2000, bulkBelow) : 0;
    config.ordersPerRequest = mode == u"one" ? 1 : 0;
    ReconcileRun run(network, db.database(), config);
    QEventLoop loop;
    QObject::connect(&run, &ReconcileRun::progressed, &run, [&](int done, int total) {
        if (sample > 0 && done >= sample)
            run.cancel();
        if (done % 1000 < (mode == u"one" ? 1 : 20) || done == total)
            std::fprintf(stderr, "  %s: %d of %d orders\r", qPrintable(mode), done, total);
    });
    QObject::connect(&run, &ReconcileRun::finished, &loop, &QEventLoop::quit);
    const int tooManyBefore = status429(sandbox);
    QElapsedTimer clock;
    clock.start();
    QTimer::singleShot(0, &run, &ReconcileRun::start);
    loop.exec();
    std::fprintf(stderr, "\n");
    Figures f;
    f.mode = mode;
    f.wallS = clock.elapsed() / 1000.0;
    const ReconciliationRunRecord r = run.record();
    f.orders = r.ordersDone;
    f.fulfillments = r.matched + r.notMatched();
    f.requests = r.channelRequests;
    f.requested = r.costRequested;
    f.actual = r.costActual;
    f.throttled = run.channelThrottled();
    f.tooMany = status429(sandbox) - tooManyBefore;
    f.problem = r.problem;
    f.notMatched = r.notMatched();
    return f;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int orders = 10000;
    QString plan = QStringLiteral("standard");
    int sample = 1000;
    QString only;
    QStringList positional;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == u"--sample" && i + 1 < argc)
            sample = QString::fromLocal8Bit(argv[++i]).toInt();
        else if (arg == u"--only" && i + 1 < argc)
            only = QString::fromLocal8Bit(argv[++i]);
        else
            positional << arg;
    }
    if (!positional.isEmpty())
        orders = positional.at(0).toInt();
    if (positional.size() > 1)
        plan = positional.at(1);
    sample = std::min(sample, orders);

    // The store is filled by the connector itself first, on an unlimited plan (pushing 12,500
    // fulfillments at a Standard store's pace would take most of an hour), then set to `plan`.
    int fulfillments = 0;
    const QJsonObject scenario =
        test::shippedOrdersScenario(orders, QStringLiteral("unlimited"), &fulfillments);
    bench::SandboxProcess sandbox;
    bench::BenchDatabase db;
    QString error;
    if (!sandbox.start(scenario, &error) || !db.open(scenario, sandbox.baseUrl(), &error)) {
        std::printf("bench_reconcile: cannot start: %s\n", qPrintable(error));
        return 1;
    }
    const bench::PassResult push = db.runPass();
    const QDateTime copyTime = QDateTime::currentDateTimeUtc();
    std::printf("store: %d orders, %d shipped fulfillments pushed in %.1f s (the local copy is as "
                "of then)\n",
                orders, push.summary.pushed, push.wallMs / 1000.0);
    const QString shop = db.target().shopUrl.path().section(u'/', -1);
    sandbox.post(QStringLiteral("/shopify/%1/_sandbox/plan").arg(shop),
                 {{QStringLiteral("plan"), plan}});
    const double bucketSize = plan == u"plus" ? 2000 : 1000;
    const double restore = plan == u"plus" ? 100 : 50;
    std::printf("plan %s: GraphQL bucket %.0f points restoring %.0f/s (the sandbox's figures); "
                "single query cap 1,000 points\n\n",
                qPrintable(plan), bucketSize, restore);
    std::fflush(stdout);

    QList<Figures> all;
    const QList<QPair<QString, QString>> modes = {{QStringLiteral("a"), QStringLiteral("one")},
                                                  {QStringLiteral("b"), QStringLiteral("batched")},
                                                  {QStringLiteral("c"), QStringLiteral("bulk")}};
    for (const auto &[key, mode] : modes) {
        if (!only.isEmpty() && only != key)
            continue;
        // Each starts with a full bucket, as a nightly run would.
        QThread::msleep(qint64(bucketSize / restore * 1000) + 1000);
        all << reconcile(db, sandbox, mode, mode == u"bulk" ? 0 : sample, orders - 1);
    }

    std::printf("%-28s %9s %9s %11s %11s %9s %10s %7s %9s %8s\n", "mode (orders read)", "requests",
                "req/1000", "pts asked", "pts charged", "wall s", "allowed s", "ratio", "429/THR",
                "→N wall");
    for (const Figures &f : std::as_const(all)) {
        const double scale = f.orders > 0 ? double(orders) / f.orders : 0;
        const double allowed = std::max(0.0, f.actual - bucketSize) / restore;
        const double ratio = allowed > 0 ? f.wallS / allowed : 0;
        const QString label = QStringLiteral("(%1) %2 (%3)")
                                  .arg(f.mode == u"one"       ? QStringLiteral("a")
                                       : f.mode == u"batched" ? QStringLiteral("b")
                                                              : QStringLiteral("c"),
                                       f.mode)
                                  .arg(f.orders);
        const QString ratioText =
            allowed > 0 ? QString::number(ratio, 'f', 2) : QStringLiteral("bucket");
        std::printf("%-28s %9d %9.1f %11.0f %11.0f %9.1f %10.1f %7s %4d/%-4d %8.0f\n",
                    qPrintable(label), f.requests, f.requests * 1000.0 / std::max(1, f.orders),
                    f.requested, f.actual, f.wallS, allowed, qPrintable(ratioText), f.tooMany,
                    f.throttled, f.wallS * scale);
        if (!f.problem.isEmpty())
            std::printf("    problem: %s\n", qPrintable(f.problem));
        if (f.notMatched > 0)
            std::printf("    not matched: %d of %d item fulfillments\n", f.notMatched,
                        f.fulfillments);
    }
    for (const Figures &f : std::as_const(all))
        if (f.orders < orders)
            std::printf("\n(%s) read %d of %d orders; scaled to %d: %.0f requests, %.0f points "
                        "charged, about %.0f s (%.1f min) at the plan's rate",
                        f.mode == u"one" ? "a" : "b", f.orders, orders, orders,
                        f.requests * double(orders) / std::max(1, f.orders),
                        f.actual * double(orders) / std::max(1, f.orders),
                        f.actual * double(orders) / std::max(1, f.orders) / restore,
                        f.actual * double(orders) / std::max(1, f.orders) / restore / 60);
    std::printf("\n\nNetSuite requests during the reconciliations: 0 (a run reads only the local "
                "copy of NetSuite, as of the last sync: %lld s before the last run ended; that "
                "sync pass itself made %d NetSuite requests for %d fulfillments = %.1f per "
                "1,000)\n",
                copyTime.secsTo(QDateTime::currentDateTimeUtc()), push.summary.netSuiteRequests,
                push.summary.pushed,
                push.summary.netSuiteRequests * 1000.0 / std::max(1, push.summary.pushed));
    return 0;
}
