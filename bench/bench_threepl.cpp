// The 3PL connector with the real worker (`fulfillsync-worker sync --once`) against the
// sandbox's NetSuite and ShipStation-style 3PL, counted by the worker's own record of runs and
// by the sandbox:
//   1. orders out: N released orders go to the 3PL (createorders, 100 per request);
//   2. shipments in, in bulk: the 3PL ships them all (a quarter in two parts) and one run turns
//      every shipment into a NetSuite item fulfillment;
//   3. the same, as a trickle (the baseline beside it): one shipment per run;
//   4. daemon mode: `sync --daemon` with both connectors on a one-minute schedule while the 3PL
//      ships one order every 15 s;
//   5. the Shopify connector pushes the fulfillments the 3PL leg created.
// Goals (issue 11): NetSuite requests per imported shipment <= 1.1; the 3PL's 40 requests a
// minute never exceeded: 0 answers 429.
//
//   bench_threepl [orders, default 1000] [trickle shipments, default 20] [daemon minutes, 3]

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/databaseurl.h"
#include "testutils/scenariobuilder.h"
#include "testutils/workerharness.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <csignal>
#include <cstdio>
#include <cstdlib>

using namespace fulfillsync;

namespace {

struct Totals
{
    int runs = 0;
    int created = 0; // item fulfillments created (3PL connector) or pushed (Shopify)
    int netSuite = 0;
    int remote = 0; // 3PL or Shopify requests
};

// The runs of one connector after run id `afterId`, from the worker's own record.
Totals runsOf(Database &database, const QString &connector, qint64 afterId, qint64 *lastId)
{
    Totals t;
    QSqlQuery q(database.connection());
    q.prepare(QStringLiteral("SELECT id, pushed, netsuite_requests, channel_requests FROM "
                             "sync_runs WHERE id > ? AND connector_name = ? ORDER BY id"));
    q.addBindValue(afterId);
    q.addBindValue(connector);
    if (!q.exec()) {
        std::fprintf(stderr, "cannot read the runs: %s\n", qPrintable(q.lastError().text()));
        std::exit(1);
    }
    while (q.next()) {
        ++t.runs;
        t.created += q.value(1).toInt();
        t.netSuite += q.value(2).toInt();
        t.remote += q.value(3).toInt();
        *lastId = std::max(*lastId, q.value(0).toLongLong());
    }
    return t;
}

int throttled(test::WorkerHarness &harness)
{
    int n = 0;
    const QJsonObject byEndpoint =
        harness.state()[QLatin1String("requests")][QLatin1String("byEndpoint")].toObject();
    for (auto it = byEndpoint.begin(); it != byEndpoint.end(); ++it)
        if (it.key().startsWith(QLatin1String("shipstation.")))
            n += it.value()[QLatin1String("byStatus")][QLatin1String("429")].toInt();
    return n;
}

bool runWorker(test::WorkerHarness &harness, qint64 *ms)
{
    const test::WorkerHarness::Run r = harness.runToEnd(1800000);
    *ms = r.milliseconds;
    if (r.crashed || (r.exitCode != 0 && r.exitCode != 1)) {
        std::fprintf(stderr, "worker exit %d: %s\n", r.exitCode, r.output.right(800).constData());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int orders = args.size() > 1 ? args.at(1).toInt() : 1000;
    const int trickle = args.size() > 2 ? args.at(2).toInt() : 20;
    const int daemonMinutes = args.size() > 3 ? args.at(3).toInt() : 3;
    constexpr int kDaemonShipEveryMs = 15000;
    const int daemonShipments = daemonMinutes * 60000 / kDaemonShipEveryMs;
    if (orders <= trickle + daemonShipments || trickle <= 0 || daemonMinutes < 0) {
        std::fprintf(stderr, "usage: bench_threepl [orders] [trickle shipments] [daemon "
                             "minutes]; orders > trickle + 4 per daemon minute\n");
        return 2;
    }
    test::WorkerHarness harness(test::WorkerHarness::workerExecutable(app.applicationDirPath()));
    harness.setWithThreePl(true);
    QString error;
    if (!harness.start(test::threePlOrdersScenario(orders), &error)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        return 1;
    }
    Database database(DatabaseUrl::parse(harness.databaseUrl()));
    if (!database.openAndMigrate(&error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    const QString threePl = QStringLiteral("Warehouse 3PL");
    std::printf("bench_threepl: %d released orders at the 3PL's location, real worker, "
                "sandbox on loopback\n",
                orders);

    // 1. Orders out.
    qint64 ms = 0, mark = 0;
    if (!runWorker(harness, &ms))
        return 1;
    Totals t = runsOf(database, threePl, 0, &mark);
    const int inThePl =
        int(harness.state()[QLatin1String("threePl")][QLatin1String("orders")].toArray().size());
    std::printf(
        "1. orders out: %d orders in the 3PL after %d run(s), %d 3PL requests "
        "(createorders of up to 100, plus the shipment and voided-label pages), %d NetSuite "
        "requests, "
        "%lld ms, 429 answers so far: %d\n",
        inThePl, t.runs, t.remote, t.netSuite, ms, throttled(harness));

    // 2. Shipments in, in bulk: every order but the trickle's (a quarter of them in part).
    const int bulk = harness.shipThreePlOrders(true, orders - trickle - daemonShipments);
    if (!runWorker(harness, &ms))
        return 1;
    t = runsOf(database, threePl, mark, &mark);
    std::printf("2. shipments in, bulk: %d shipments -> %d item fulfillments in %d run, %d "
                "NetSuite requests = %.3f per shipment (goal <= 1.1), %d 3PL requests, %lld ms "
                "(%.1f shipments/s)\n",
                bulk, t.created, t.runs, t.netSuite,
                t.created > 0 ? double(t.netSuite) / t.created : 0.0, t.remote, ms,
                ms > 0 ? 1000.0 * t.created / ms : 0.0);

    // 3. Baseline beside it: the same work as a trickle, one shipment per run (the rests of
    // the orders shipped in part come first).
    Totals trickleTotals;
    qint64 trickleMs = 0;
    for (int i = 0; i < trickle; ++i) {
        harness.shipThreePlOrders(false, 1);
        if (!runWorker(harness, &ms))
            return 1;
        trickleMs += ms;
        const Totals one = runsOf(database, threePl, mark, &mark);
        trickleTotals.runs += one.runs;
        trickleTotals.created += one.created;
        trickleTotals.netSuite += one.netSuite;
        trickleTotals.remote += one.remote;
    }
    std::printf("3. baseline, a trickle: %d shipments one per run -> %d item fulfillments, %d "
                "NetSuite requests = %.2f per shipment, %d 3PL requests = %.2f per run, %lld ms\n",
                trickle, trickleTotals.created, trickleTotals.netSuite,
                trickleTotals.created > 0 ? double(trickleTotals.netSuite) / trickleTotals.created
                                          : 0.0,
                trickleTotals.remote,
                trickleTotals.runs > 0 ? double(trickleTotals.remote) / trickleTotals.runs : 0.0,
                trickleMs);

    // 4. Daemon mode: the product as it runs for a team, one shipment every 15 s.
    if (daemonMinutes > 0) {
        {
            ConnectorRepository connectors(database.connection());
            for (Connector c : connectors.all()) {
                c.intervalMinutes = 1;
                connectors.save(c);
            }
        }
        const int throttledBefore = throttled(harness);
        const int threePlBefore = harness.requestsTo(QStringLiteral("shipstation."));
        std::unique_ptr<QProcess> daemon(harness.startDaemon());
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < daemonShipments; ++i) {
            harness.shipThreePlOrders(false, 1);
            harness.serveFor(kDaemonShipEveryMs);
        }
        harness.serveFor(75000); // the last shipment's pass
        ::kill(pid_t(daemon->processId()), SIGTERM);
        daemon->waitForFinished(60000);
        const double minutes = clock.elapsed() / 60000.0;
        Totals d;
        int idle = 0, idleNetSuite = 0;
        QSqlQuery q(database.connection());
        q.prepare(QStringLiteral("SELECT pushed, netsuite_requests, channel_requests FROM "
                                 "sync_runs WHERE id > ? AND connector_name = ? ORDER BY id"));
        q.addBindValue(mark);
        q.addBindValue(threePl);
        if (!q.exec())
            return std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text())), 1;
        while (q.next()) {
            ++d.runs;
            d.created += q.value(0).toInt();
            d.netSuite += q.value(1).toInt();
            d.remote += q.value(2).toInt();
            if (q.value(0).toInt() == 0) {
                ++idle;
                idleNetSuite += q.value(1).toInt();
            }
        }
        runsOf(database, threePl, mark, &mark);
        const int threePlRequests =
            harness.requestsTo(QStringLiteral("shipstation.")) - threePlBefore;
        std::printf("4. daemon mode (sync --daemon, one-minute schedule, %.1f min): %d shipments "
                    "-> %d item fulfillments over %d runs, %d NetSuite requests = %.2f per "
                    "shipment; %d runs created nothing, at %.1f NetSuite requests each; 3PL "
                    "requests %d = %.1f a minute (limit 40); 429 answers %d; daemon exit %d\n",
                    minutes, daemonShipments, d.created, d.runs, d.netSuite,
                    d.created > 0 ? double(d.netSuite) / d.created : 0.0, idle,
                    idle > 0 ? double(idleNetSuite) / idle : 0.0, threePlRequests,
                    minutes > 0 ? threePlRequests / minutes : 0.0,
                    throttled(harness) - throttledBefore, daemon->exitCode());
    }

    // 5. What the Shopify connector made of it (it ran in the same workers; one more run pushes
    // what the last run created).
    if (!runWorker(harness, &ms))
        return 1;
    qint64 none = 0;
    const Totals shop = runsOf(database, QStringLiteral("main-store"), 0, &none);
    const test::WorkerHarness::Tally tally = harness.tally(2);
    std::printf("5. Shopify: %d fulfillments pushed over %d runs; in the store %d, distinct "
                "tracking numbers %d, duplicates %d\n",
                shop.created, shop.runs, tally.fulfillments, tally.distinctTracking,
                tally.duplicates);
    std::printf("3PL answers 429 in all: %d (goal 0)\n", throttled(harness));
    return 0;
}
