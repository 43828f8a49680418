// NetSuite requests of the real worker as a one-minute daemon (`fulfillsync-worker sync
// --daemon`), counted by the sandbox: first on the demo account alone (the first pass, then
// passes that find nothing new), then while the sandbox's warehouse ships a few fulfillments
// every tick. The worker's own record of its runs gives the passes and what each pushed.
//
//   bench_daemon [demo orders, default 1000] [minutes per phase, default 4] [warehouse tick ms,
//                default 1000] [minutes of shipping, default: minutes per phase]
//                [store plan, default plus]
// (the first phase starts once the first pass is done; it is paced by the demo store's limits:
// "unlimited" takes them away, for large demos). With FULFILLSYNC_BASELINE_WORKER set to another
// build's fulfillsync-worker, the same run is measured with it first, side by side.

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/databaseurl.h"
#include "testutils/workerharness.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>

using namespace fulfillsync;

namespace {

struct Pass
{
    qint64 id = 0;
    int pushed = 0;
    int netSuiteRequests = 0;
};

// The passes the daemon finished after `afterId`, from its own record of runs.
QList<Pass> passesAfter(Database &database, qint64 afterId)
{
    QList<Pass> passes;
    QSqlQuery q(database.connection());
    q.prepare(QStringLiteral("SELECT id, pushed, netsuite_requests FROM sync_runs WHERE id > ? "
                             "AND finished_at <> '' ORDER BY id"));
    q.addBindValue(afterId);
    if (!q.exec()) { // unreadable is not "no passes yet": waiting on would measure nothing
        std::fprintf(stderr, "cannot read the worker's runs: %s\n",
                     qPrintable(q.lastError().text()));
        std::exit(1);
    }
    while (q.next())
        passes.append({q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt()});
    return passes;
}

void report(const char *phase, const QList<Pass> &passes, int sandboxNetSuite)
{
    int pushed = 0;
    int requests = 0;
    int idle = 0;
    int idleRequests = 0;
    for (const Pass &p : passes) {
        pushed += p.pushed;
        requests += p.netSuiteRequests;
        if (p.pushed == 0) {
            ++idle;
            idleRequests += p.netSuiteRequests;
        }
    }
    std::printf("%s\n  %lld passes, %d fulfillments pushed, %d NetSuite requests (the sandbox "
                "counted %d) = %.1f per 1,000 fulfillments\n  %d of the passes pushed nothing, "
                "at %.2f NetSuite requests each\n",
                phase, qint64(passes.size()), pushed, requests, sandboxNetSuite,
                pushed > 0 ? 1000.0 * requests / pushed : 0.0, idle,
                idle > 0 ? double(idleRequests) / idle : 0.0);
    for (const Pass &p : passes)
        std::printf("    pass %lld: %d pushed, %d NetSuite requests\n", p.id, p.pushed,
                    p.netSuiteRequests);
    std::fflush(stdout);
}

struct Phases
{
    QList<Pass> first;
    QList<Pass> shipping;
};

struct Options
{
    int orders = 1000;
    int minutes = 4;
    int tickMs = 1000;
    int shippingMinutes = 4;
    QString storePlan;
};

// One whole measurement with the given worker executable; nullopt when it could not start.
std::optional<Phases> measure(const QString &worker, const Options &o, const char *label)
{
    test::WorkerHarness harness(worker);
    QString error;
    if (!harness.startDemo(o.orders, 7, &error, o.storePlan)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        return std::nullopt;
    }
    {
        Database setup(DatabaseUrl::parse(harness.databaseUrl()));
        if (!setup.openAndMigrate(&error))
            return std::fprintf(stderr, "%s\n", qPrintable(error)), std::nullopt;
        {
            ConnectorRepository connectors(setup.connection());
            for (Connector c : connectors.all()) {
                c.intervalMinutes = 1; // what the figures are for: a one-minute daemon
                connectors.save(c);
            }
        }
        setup.closeThreadConnection();
    }
    std::printf("== %s (%s)\n", label, qPrintable(worker));
    std::fflush(stdout);

    Database database(DatabaseUrl::parse(harness.databaseUrl()));
    if (!database.openAndMigrate(&error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), std::nullopt;
    std::unique_ptr<QProcess> daemon(harness.startDaemon());
    // Phase 1: the first pass over the demo account (paced by its store), then `minutes` of
    // passes with nothing new.
    for (int waited = 0; passesAfter(database, 0).isEmpty() && waited < 3600; ++waited) {
        harness.serveFor(1000);
        if (daemon->state() == QProcess::NotRunning) { // e.g. a build older than the schema
            std::fprintf(stderr, "the worker stopped: %s\n", daemon->readAll().constData());
            return std::nullopt;
        }
    }
    harness.serveFor(o.minutes * 60 * 1000);
    Phases phases;
    phases.first = passesAfter(database, 0);
    const int netSuiteAfterFirst = harness.requestsTo(QStringLiteral("netsuite."));
    report("demo account: the first pass, then nothing new", phases.first, netSuiteAfterFirst);

    // Phase 2: the warehouse ships 1–3 fulfillments every tick.
    harness.startLive(std::chrono::milliseconds(o.tickMs), 11);
    harness.serveFor(o.shippingMinutes * 60 * 1000);
    phases.shipping = passesAfter(database, phases.first.isEmpty() ? 0 : phases.first.last().id);
    report("while the warehouse ships every tick", phases.shipping,
           harness.requestsTo(QStringLiteral("netsuite.")) - netSuiteAfterFirst);
    report("both phases", phases.first + phases.shipping,
           harness.requestsTo(QStringLiteral("netsuite.")));

    ::kill(pid_t(daemon->processId()), SIGTERM);
    daemon->waitForFinished(60000);
    std::printf("daemon exit code %d\n", daemon->exitCode());
    // The worker's own log, to see why a pass cost what it did.
    if (const QString path = qEnvironmentVariable("FULFILLSYNC_DAEMON_LOG"); !path.isEmpty()) {
        QFile log(path + u'.' + QString::fromLatin1(label).section(u' ', 0, 0));
        if (log.open(QIODevice::WriteOnly))
            log.write(daemon->readAll());
    }
    return phases;
}

// The shipping phase's passes that pushed something: their requests each, and per 1,000.
void summarizeBusy(const char *label, const QList<Pass> &passes)
{
    int busy = 0, requests = 0, pushed = 0;
    for (const Pass &p : passes)
        if (p.pushed > 0) {
            ++busy;
            requests += p.netSuiteRequests;
            pushed += p.pushed;
        }
    std::printf("  %-9s %3d passes that pushed, %6d pushed, %5.2f NetSuite requests per pass, "
                "%5.1f per 1,000 fulfillments\n",
                label, busy, pushed, busy > 0 ? double(requests) / busy : 0.0,
                pushed > 0 ? 1000.0 * requests / pushed : 0.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    Options o;
    o.orders = args.size() > 1 ? args.at(1).toInt() : 1000;
    o.minutes = args.size() > 2 ? args.at(2).toInt() : 4;
    o.tickMs = args.size() > 3 ? args.at(3).toInt() : 1000;
    o.shippingMinutes = args.size() > 4 ? args.at(4).toInt() : o.minutes;
    o.storePlan = args.size() > 5 ? args.at(5) : QString();
    if (o.orders <= 0 || o.minutes <= 0 || o.tickMs <= 0 || o.shippingMinutes <= 0) {
        std::fprintf(stderr, "usage: bench_daemon [demo orders] [minutes per phase] [tick ms] "
                             "[minutes of shipping] [store plan]\n");
        return 2;
    }
    std::printf("bench_daemon: demo account of %d orders, %d min idle, %d min shipping every %d "
                "ms, one-minute schedule\n",
                o.orders, o.minutes, o.shippingMinutes, o.tickMs);
    const QString baselineWorker = qEnvironmentVariable("FULFILLSYNC_BASELINE_WORKER");
    std::optional<Phases> baseline;
    if (!baselineWorker.isEmpty() && !(baseline = measure(baselineWorker, o, "baseline")))
        return 1;
    const std::optional<Phases> ours =
        measure(test::WorkerHarness::workerExecutable(app.applicationDirPath()), o, "this build");
    if (!ours)
        return 1;
    std::printf("while shipping, side by side:\n");
    if (baseline)
        summarizeBusy("baseline", baseline->shipping);
    summarizeBusy("this build", ours->shipping);
    return 0;
}
