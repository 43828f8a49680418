// Engine throughput with the store's limits off (fulfillments per second and peak memory for
// ~10,000 and ~100,000 fulfillments), then pacing efficiency against a store bucket set fast.
//   bench_engine [--only engine|sandbox|pacing] [orders...]
//   default sizes: 8000 80000 orders (about 1.25 fulfillments per order)

#include "bench/benchsupport.h"
#include "bench/fakestore.h"
#include "sync/net/leakybucketpacer.h"
#include "testutils/scenariobuilder.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <cstdio>

using namespace fulfillsync;

namespace {

void throughput(int orders)
{
    int fulfillments = 0;
    const QJsonObject scenario =
        test::shippedOrdersScenario(orders, QStringLiteral("unlimited"), &fulfillments);
    bench::SandboxProcess sandbox;
    bench::BenchDatabase db;
    QString error;
    if (!sandbox.start(scenario, &error) || !db.open(scenario, sandbox.baseUrl(), &error)) {
        std::printf("throughput %d: cannot start: %s\n", orders, qPrintable(error));
        return;
    }
    const bench::PassResult r = db.runPass();
    const double seconds = r.wallMs / 1000.0;
    std::printf("throughput: %6d fulfillments pushed of %6d in %7.2f s = %7.0f fulfillments/s "
                "(%d failed); NetSuite requests %d, channel requests %d; peak RSS %lld MB\n",
                r.summary.pushed, fulfillments, seconds,
                r.summary.pushed / std::max(seconds, 0.001), r.summary.failed,
                r.summary.netSuiteRequests, r.summary.channelRequests, bench::peakRssKb() / 1024);
    std::fflush(stdout);
}

void engineAlone(int orders)
{
    DemoTarget target;
    target.accountId = QStringLiteral("1234567");
    target.netSuiteUrl = QUrl(QStringLiteral("http://ns.invalid"));
    target.netsuite = {QStringLiteral("ck"), QStringLiteral("cs"), QStringLiteral("t"),
                       QStringLiteral("ts")};
    target.connectorName = QStringLiteral("main-store");
    target.channel = QStringLiteral("Shopify");
    target.shopUrl = QUrl(QStringLiteral("http://shop.invalid"));
    target.accessToken = QStringLiteral("token");
    target.items = {{501, QStringLiteral("SKU-501")}, {502, QStringLiteral("SKU-502")}};
    bench::BenchDatabase db;
    QString error;
    if (!db.open(target, &error)) {
        std::printf("engine alone: %s\n", qPrintable(error));
        return;
    }
    test::FakeNetworkAccessManager network;
    network.setJournalEnabled(false);
    bench::installFakeStore(network, orders);
    const bench::PassResult r = db.runPass({}, &network);
    const double seconds = r.wallMs / 1000.0;
    std::printf("engine alone (in-process store, no HTTP): %6d fulfillments in %6.2f s = %7.0f "
                "fulfillments/s (%d failed); peak RSS %lld MB\n",
                r.summary.pushed, seconds, r.summary.pushed / std::max(seconds, 0.001),
                r.summary.failed, bench::peakRssKb() / 1024);
    std::fflush(stdout);
}

void pacing()
{
    // Standard plan GraphQL bucket (1000 points, 50/s: 5 creates/s after a burst of 100) and a
    // REST bucket set to 40 @ 10/s (two reads per fulfillment: also 5/s, after a burst of 20).
    int fulfillments = 0;
    QJsonObject scenario =
        test::shippedOrdersScenario(220, QStringLiteral("standard"), &fulfillments);
    QJsonArray channels = scenario[QStringLiteral("channels")].toArray();
    QJsonObject shop = channels.at(0).toObject();
    shop.insert(QStringLiteral("rateLimit"), QJsonObject{{QStringLiteral("bucketSize"), 40},
                                                         {QStringLiteral("leakPerSecond"), 10}});
    channels[0] = shop;
    scenario.insert(QStringLiteral("channels"), channels);
    bench::SandboxProcess sandbox;
    bench::BenchDatabase db;
    QString error;
    if (!sandbox.start(scenario, &error) || !db.open(scenario, sandbox.baseUrl(), &error)) {
        std::printf("pacing: cannot start: %s\n", qPrintable(error));
        return;
    }
    LeakyBucketPacer graphql(50.0, 1000, 20);
    const bench::PassResult r =
        db.runPass([&](SyncPass::Config &config) { config.costBucket = &graphql; });
    const QJsonObject requests = sandbox.state()[QStringLiteral("requests")].toObject();
    const int tooMany = requests[QStringLiteral("byStatus")][QStringLiteral("429")].toInt();
    const double allowedPerSecond = 5.0;
    const int burst = 20; // the REST burst is the smaller one
    const double ideal = std::max(0, r.summary.pushed - burst) / allowedPerSecond;
    const double seconds = r.wallMs / 1000.0;
    std::printf(
        "pacing: %d fulfillments in %.1f s = %.2f/s against an allowed %.1f/s after a burst of %d; "
        "efficiency %.2f (ideal %.1f s); HTTP 429 answers %d, GraphQL THROTTLED %d\n",
        r.summary.pushed, seconds, r.summary.pushed / seconds, allowedPerSecond, burst,
        ideal / std::max(seconds, 0.001), ideal, tooMany, r.summary.channelThrottled);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QList<int> sizes;
    QString only; // --only engine|sandbox|pacing
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == u"--only" && i + 1 < argc)
            only = QString::fromLocal8Bit(argv[++i]);
        else
            sizes << arg.toInt();
    }
    if (sizes.isEmpty())
        sizes = {8000, 80000};
    if (only.isEmpty() || only == u"engine")
        for (int orders : sizes)
            engineAlone(orders * 5 / 4); // the same number of fulfillments as the sandbox runs
    if (only.isEmpty() || only == u"sandbox")
        for (int orders : sizes)
            throughput(orders);
    if (only.isEmpty() || only == u"pacing")
        pacing();
    return 0;
}
