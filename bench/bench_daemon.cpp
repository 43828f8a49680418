// NetSuite requests of the real worker as a one-minute daemon (`fulfillsync-worker sync
// --daemon`), counted by the sandbox: first on the demo account alone (the first pass, then
// passes that find nothing new), then while the sandbox's warehouse ships a few fulfillments
// every second. The worker's own record of its runs gives the passes and what each pushed.
//
//   bench_daemon [demo orders, default 1000] [minutes per phase, default 4] [warehouse tick ms]
// (the first phase starts once the first pass is done; it is paced by the demo store's limits)

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/databaseurl.h"
#include "testutils/workerharness.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <csignal>
#include <cstdio>
#include <cstdlib>

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int orders = args.size() > 1 ? args.at(1).toInt() : 1000;
    const int minutes = args.size() > 2 ? args.at(2).toInt() : 4;
    const int tickMs = args.size() > 3 ? args.at(3).toInt() : 1000;
    const QString worker = test::WorkerHarness::workerExecutable(app.applicationDirPath());
    if (orders <= 0 || minutes <= 0 || tickMs <= 0) {
        std::fprintf(stderr, "usage: bench_daemon [demo orders] [minutes per phase] [tick ms]\n");
        return 2;
    }

    test::WorkerHarness harness(worker);
    QString error;
    if (!harness.startDemo(orders, 7, &error)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        return 1;
    }
    {
        Database setup(DatabaseUrl::parse(harness.databaseUrl()));
        if (!setup.openAndMigrate(&error))
            return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
        {
            ConnectorRepository connectors(setup.connection());
            for (Connector c : connectors.all()) {
                c.intervalMinutes = 1; // what the figures are for: a one-minute daemon
                connectors.save(c);
            }
        }
        setup.closeThreadConnection();
    }
    std::printf("bench_daemon: demo account of %d orders, %d min per phase, one-minute schedule\n",
                orders, minutes);
    std::fflush(stdout);

    Database database(DatabaseUrl::parse(harness.databaseUrl()));
    if (!database.openAndMigrate(&error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    std::unique_ptr<QProcess> daemon(harness.startDaemon());
    // Phase 1: the first pass over the demo account (paced by its store), then `minutes` of
    // passes with nothing new.
    for (int waited = 0; passesAfter(database, 0).isEmpty() && waited < 3600; ++waited)
        harness.serveFor(1000);
    harness.serveFor(minutes * 60 * 1000);
    const QList<Pass> first = passesAfter(database, 0);
    const int netSuiteAfterFirst = harness.requestsTo(QStringLiteral("netsuite."));
    report("demo account: the first pass, then nothing new", first, netSuiteAfterFirst);

    // Phase 2: the warehouse ships 1–3 fulfillments every tick.
    harness.startLive(std::chrono::milliseconds(tickMs), 11);
    harness.serveFor(minutes * 60 * 1000);
    const QList<Pass> second = passesAfter(database, first.isEmpty() ? 0 : first.last().id);
    report("while the warehouse ships every tick", second,
           harness.requestsTo(QStringLiteral("netsuite.")) - netSuiteAfterFirst);
    QList<Pass> all = first + second;
    report("both phases", all, harness.requestsTo(QStringLiteral("netsuite.")));

    ::kill(pid_t(daemon->processId()), SIGTERM);
    daemon->waitForFinished(60000);
    std::printf("daemon exit code %d\n", daemon->exitCode());
    return 0;
}
