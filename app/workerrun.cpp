// fulfillsync-worker: the commands that run the engine (sync, resync, dry-run, replay).

#include "app/workercli.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/orderrepository.h"
#include "sync/alerts/alertnotifier.h"
#include "sync/engine/reconcilescheduler.h"
#include "sync/engine/syncscheduler.h"
#include "sync/engine/syncworker.h"

#include <QCoreApplication>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace fulfillsync {

namespace {

using namespace WorkerCli;

void printSummary(const SyncRunSummary &s)
{
    if (!s.skipped.isEmpty()) {
        out() << s.skipped << Qt::endl;
        return;
    }
    out() << tr("%1: %2 pushed, %3 failed, %4 held, %5 already pushed, %6 deferred; %7 NetSuite "
                "and %8 channel requests in %9 ms")
                 .arg(s.connectorName)
                 .arg(s.pushed)
                 .arg(s.failed)
                 .arg(s.held)
                 .arg(s.alreadyPushed)
                 .arg(s.deferred)
                 .arg(s.netSuiteRequests)
                 .arg(s.channelRequests)
                 .arg(s.durationMs)
          << Qt::endl;
    if (s.adopted > 0)
        out() << QStringLiteral("  ")
              << tr("%n fulfillment(s) another tool had put in the channel were adopted; nothing "
                    "was sent for them.",
                    s.adopted)
              << Qt::endl;
    if (s.trackingUpdated > 0)
        out() << QStringLiteral("  ")
              << tr("%n fulfillment(s) pushed before got their new tracking numbers.",
                    s.trackingUpdated)
              << Qt::endl;
    if (s.stillOwed > 0)
        out() << QStringLiteral("  ")
              << tr("%n fulfillment(s) or order(s) still owed: in quarantine, unconfirmed or open "
                    "in the Inbox (fulfillsync-worker quarantine list, inbox list).",
                    s.stillOwed)
              << Qt::endl;
    for (const QString &warning : s.warnings)
        out() << QStringLiteral("  ") << warning << Qt::endl;
}

void printPlanned(const PlannedRequest &r)
{
    out() << tr("%1 / %2:").arg(r.orderTranId, r.fulfillmentTranId) << Qt::endl;
    if (r.action == PlannedRequest::Action::Adopt)
        out() << QStringLiteral("  ") << r.problem << Qt::endl;
    else if (!r.problem.isEmpty())
        out() << QStringLiteral("  ") << tr("nothing would be sent: %1").arg(r.problem) << Qt::endl;
    else
        out() << QStringLiteral("  %1 %2\n").arg(r.method, r.url) << r.body << Qt::endl;
}

// ORDER arguments: NetSuite numbers (SO1002) or internal ids, resolved in the local copy.
bool resolveOrders(Database &database, const QStringList &refs, QList<qint64> *ids)
{
    OrderRepository orders(database.connection());
    for (const QString &ref : refs) {
        std::optional<SalesOrder> order = orders.orderByTranId(ref);
        bool isId = false;
        const qint64 id = ref.toLongLong(&isId);
        if (!order && isId)
            order = orders.order(id);
        if (!order) {
            fail(ExitCannotStart,
                 tr("Order %1 is not in the local copy; run a sync first.").arg(ref));
            return false;
        }
        *ids << order->id;
    }
    return true;
}

int withCredentials(Database &database, const QCommandLineParser &parser,
                    const std::function<int(const SyncCredentials &)> &run)
{
    SyncCredentials credentials;
    QString error;
    if (!loadCredentials(database, parser.value(QStringLiteral("credentials")), &credentials,
                         &error))
        return fail(ExitCannotStart, error);
    return run(credentials);
}

std::optional<qint64> connectorOption(Database &database, const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("connector")))
        return qint64(0);
    const auto connector = ConnectorRepository(database.connection())
                               .byName(parser.value(QStringLiteral("connector")));
    if (!connector) {
        fail(ExitCannotStart,
             tr("No connector named %1.").arg(parser.value(QStringLiteral("connector"))));
        return std::nullopt;
    }
    return connector->id;
}

// Alerts go out from the worker as from the window; their delivery is reported, never fatal.
void connectAlerts(SyncWorker &worker, AlertNotifier &alerts)
{
    QObject::connect(&worker, &SyncWorker::passFinished, &alerts, &AlertNotifier::passFinished);
    QObject::connect(&alerts, &AlertNotifier::delivered,
                     [](qint64, const QString &kind, const QString &route) {
                         out() << tr("Alert sent (%1, by %2).").arg(kind, route) << Qt::endl;
                     });
    QObject::connect(&alerts, &AlertNotifier::deliveryFailed, [](qint64, const QString &message) {
        err() << "fulfillsync-worker: " << tr("Alert not sent: %1").arg(message) << Qt::endl;
    });
}

int s_signalPipe[2] = {-1, -1};

void onTerminate(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalPipe[0], &byte, 1);
}

} // namespace

int WorkerCli::runRequest(Database &database, const SyncCredentials &credentials,
                          const SyncRequest &request, bool printPlannedRequests)
{
    SyncWorker worker(database);
    worker.setCredentials(credentials);
    AlertNotifier alerts(database);
    alerts.setCredentials(credentials);
    if (!request.dryRun)
        connectAlerts(worker, alerts);
    int exitCode = ExitSynced;
    QObject::connect(&worker, &SyncWorker::failedToStart, [&](const QString &message) {
        fail(ExitCannotStart, message);
        exitCode = ExitCannotStart;
    });
    QMap<PlannedRequest::Action, QStringList> told; // a dry run's fulfillments, by action
    QObject::connect(&worker, &SyncWorker::requestPlanned, [&](const PlannedRequest &r) {
        if (printPlannedRequests)
            printPlanned(r);
        told[r.action] << r.orderTranId + u'/' + r.fulfillmentTranId;
    });
    QObject::connect(&worker, &SyncWorker::passFinished, [&](const SyncRunSummary &s) {
        if (!s.error.isEmpty()) {
            fail(ExitRunFailed, s.connectorName + QStringLiteral(": ") + s.error);
            exitCode = std::max<int>(exitCode, ExitRunFailed);
            return;
        }
        if (!request.dryRun)
            printSummary(s);
        if (!s.ok()) // failed, held, skipped, or anything still owed: not all synced
            exitCode = std::max<int>(exitCode, ExitSomeFailed);
    });
    QObject::connect(
        &worker, &SyncWorker::idle, qApp,
        [&alerts] {
            if (alerts.deliveriesInFlight() == 0)
                QCoreApplication::exit(0);
            else // the alerts this run raised go out before the process ends
                QObject::connect(&alerts, &AlertNotifier::settled, qApp,
                                 [] { QCoreApplication::exit(0); });
        },
        Qt::QueuedConnection);
    worker.run(request);
    QCoreApplication::exec();
    worker.shutdown();
    if (request.dryRun && exitCode != ExitCannotStart) {
        // Switching over: the first pass's dry run tells what it would push and adopt.
        const auto list = [&](PlannedRequest::Action action) {
            QStringList names = told.value(action);
            names.sort();
            return names.isEmpty() ? tr("none") : names.join(QStringLiteral(", "));
        };
        out() << tr("Would push %1: %2")
                     .arg(told.value(PlannedRequest::Action::Send).size())
                     .arg(list(PlannedRequest::Action::Send))
              << Qt::endl
              << tr("Would adopt %1: %2")
                     .arg(told.value(PlannedRequest::Action::Adopt).size())
                     .arg(list(PlannedRequest::Action::Adopt))
              << Qt::endl
              << tr("Would send nothing for %1: %2")
                     .arg(told.value(PlannedRequest::Action::Nothing).size())
                     .arg(list(PlannedRequest::Action::Nothing))
              << Qt::endl;
    }
    return exitCode;
}

int WorkerCli::runDaemon(Database &database, const SyncCredentials &credentials,
                         const QString &credentialsPath, const LeaseKeeper::Timing &leases)
{
    // SIGTERM/SIGINT end the daemon between events: the handler only writes to a socket.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe) != 0)
        return fail(ExitCannotStart, tr("Cannot set up signal handling."));
    QSocketNotifier notifier(s_signalPipe[1], QSocketNotifier::Read);
    SyncWorker worker(database);
    worker.setCredentials(credentials);
    worker.leases().setTiming(leases);
    worker.leases().start(); // announced before the first tick, so the spread counts this one
    AlertNotifier alerts(database);
    alerts.setCredentials(credentials);
    connectAlerts(worker, alerts);
    SyncScheduler scheduler(database, worker);
    bool reloadMsSet = false;
    const int reloadMs =
        qEnvironmentVariableIntValue("FULFILLSYNC_SCHEDULE_RELOAD_MS", &reloadMsSet);
    if (reloadMsSet && reloadMs > 0) // tests; the default notices changes within 30 s
        scheduler.setReloadIntervalMs(reloadMs);
    bool minuteMsSet = false;
    const int minuteMs =
        qEnvironmentVariableIntValue("FULFILLSYNC_SCHEDULE_MINUTE_MS", &minuteMsSet);
    if (minuteMsSet && minuteMs > 0) // tests: a team of daemons on one-minute schedules, faster
        scheduler.setMinuteMs(minuteMs);
    // A connector added while the daemon runs needs its token: the secrets are read again
    // (once per burst) whenever the schedule gains a connector.
    QSet<qint64> scheduled;
    bool reloadQueued = false;
    QObject::connect(&scheduler, &SyncScheduler::nextRunChanged, qApp,
                     [&](qint64 connectorId, const QDateTime &due) {
                         if (!due.isValid()) {
                             scheduled.remove(connectorId);
                             return;
                         }
                         if (scheduled.contains(connectorId))
                             return;
                         scheduled.insert(connectorId);
                         if (reloadQueued)
                             return;
                         reloadQueued = true;
                         QTimer::singleShot(0, qApp, [&] {
                             reloadQueued = false;
                             SyncCredentials fresh;
                             QString error;
                             if (loadCredentials(database, credentialsPath, &fresh, &error)) {
                                 worker.setCredentials(fresh);
                                 alerts.setCredentials(fresh);
                             } else
                                 fail(ExitCannotStart, error); // keeps the secrets it has
                         });
                     });
    // Each channel connector's nightly reconciliation, claimed per night so that of several
    // daemons (and windows) on this database exactly one runs it.
    ReconcileScheduler reconcileScheduler(database, worker.leases().holder());
    QObject::connect(&reconcileScheduler, &ReconcileScheduler::triggered, &worker,
                     &SyncWorker::reconcile);
    QObject::connect(&worker, &SyncWorker::reconcileFinished, [](const ReconcileSummary &s) {
        if (!s.error.isEmpty()) {
            fail(ExitRunFailed, s.connectorName + QStringLiteral(": ") + s.error);
            return;
        }
        out() << tr("%1: reconciled the orders shipped %2 to %3: %4 compared, %5 fulfillment(s) "
                    "did not match, %6 order(s) unreadable.")
                     .arg(s.connectorName, s.since.toString(Qt::ISODate),
                          s.until.toString(Qt::ISODate))
                     .arg(s.orders)
                     .arg(s.notMatched())
                     .arg(s.unreadable)
              << Qt::endl;
    });
    QObject::connect(&notifier, &QSocketNotifier::activated, qApp, [&] {
        char byte;
        [[maybe_unused]] const auto read = ::read(s_signalPipe[1], &byte, 1);
        out() << tr("Stopping after the current requests…") << Qt::endl;
        scheduler.stop();
        reconcileScheduler.stop();
        worker.cancelReconcile(0);
        worker.cancel();
        if (worker.runningPasses() == 0)
            QCoreApplication::exit(0);
        else
            QObject::connect(&worker, &SyncWorker::idle, qApp, [] { QCoreApplication::exit(0); });
    });
    QObject::connect(&worker, &SyncWorker::passFinished, [](const SyncRunSummary &s) {
        if (s.error.isEmpty())
            printSummary(s);
        else
            fail(ExitRunFailed, s.connectorName + QStringLiteral(": ") + s.error);
    });
    std::signal(SIGTERM, onTerminate);
    std::signal(SIGINT, onTerminate);
    scheduler.start();
    reconcileScheduler.start();
    out() << tr("Running %1 connector(s) on their schedules; stop with Ctrl+C or SIGTERM.")
                 .arg(scheduler.scheduledConnectors().size())
          << Qt::endl;
    QCoreApplication::exec();
    worker.shutdown();
    return ExitSynced;
}

std::optional<LeaseKeeper::Timing> WorkerCli::leaseTimingOption(const QCommandLineParser &parser)
{
    LeaseKeeper::Timing timing;
    const auto seconds = [&](const QString &name, int *target, int max) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        const int value = parser.value(name).toInt(&ok);
        if (!ok || value < 1 || value > max)
            return false;
        *target = value;
        return true;
    };
    int heartbeat = timing.heartbeatMs / 1000;
    if (!seconds(QStringLiteral("heartbeat"), &heartbeat, 600) ||
        !seconds(QStringLiteral("lease"), &timing.leaseSeconds, 3600)) {
        fail(ExitCannotStart, tr("--heartbeat and --lease want whole seconds (1 to 600, 1 to "
                                 "3600)."));
        return std::nullopt;
    }
    timing.heartbeatMs = heartbeat * 1000;
    if (timing.leaseSeconds < 2 * heartbeat + 1) {
        fail(ExitCannotStart, tr("--lease must be more than twice --heartbeat, or a busy worker "
                                 "would lose its connectors between two renewals."));
        return std::nullopt;
    }
    return timing;
}

int WorkerCli::timeoutOption(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("timeout")))
        return 0;
    bool ok = false;
    const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 900) {
        fail(ExitCannotStart, tr("--timeout wants seconds between 0 and 900."));
        return -1;
    }
    return int(seconds * 1000);
}

int WorkerCli::syncCommand(Database &database, const QCommandLineParser &parser,
                           const QStringList &)
{
    const bool once = parser.isSet(QStringLiteral("once"));
    const bool daemon = parser.isSet(QStringLiteral("daemon"));
    if (once == daemon)
        return fail(ExitCannotStart, tr("sync needs exactly one of --once or --daemon"));
    SyncRequest request;
    request.dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (request.dryRun && daemon)
        return fail(ExitCannotStart, tr("--dry-run goes with sync --once only"));
    const auto connector = connectorOption(database, parser);
    if (!connector)
        return ExitCannotStart;
    request.connectorId = *connector;
    request.timeoutMs = timeoutOption(parser);
    if (request.timeoutMs < 0)
        return ExitCannotStart;
    if (parser.isSet(QStringLiteral("since"))) {
        request.firstPassSince =
            QDateTime::fromString(parser.value(QStringLiteral("since")), Qt::ISODate);
        if (!request.firstPassSince.isValid())
            return fail(ExitCannotStart, tr("--since wants an ISO date such as 2026-11-01."));
        request.firstPassSince.setTimeSpec(Qt::UTC);
    }
    const std::optional<LeaseKeeper::Timing> leases = leaseTimingOption(parser);
    if (!leases)
        return ExitCannotStart;
    return withCredentials(database, parser, [&](const SyncCredentials &credentials) {
        return daemon ? runDaemon(database, credentials,
                                  parser.value(QStringLiteral("credentials")), *leases)
                      : runRequest(database, credentials, request, request.dryRun);
    });
}

int WorkerCli::resyncCommand(Database &database, const QCommandLineParser &parser,
                             const QStringList &args)
{
    if (args.isEmpty())
        return fail(ExitCannotStart, tr("resync needs at least one ORDER"));
    SyncRequest request;
    request.trigger = SyncTrigger::Resync;
    if (!resolveOrders(database, args, &request.orderIds))
        return ExitCannotStart;
    const auto connector = connectorOption(database, parser);
    if (!connector)
        return ExitCannotStart;
    request.connectorId = *connector;
    return withCredentials(database, parser, [&](const SyncCredentials &credentials) {
        return runRequest(database, credentials, request);
    });
}

int WorkerCli::dryRunCommand(Database &database, const QCommandLineParser &parser,
                             const QStringList &args)
{
    if (args.isEmpty())
        return fail(ExitCannotStart, tr("dry-run needs at least one ORDER"));
    SyncRequest request;
    request.dryRun = true;
    if (!resolveOrders(database, args, &request.orderIds))
        return ExitCannotStart;
    const auto connector = connectorOption(database, parser);
    if (!connector)
        return ExitCannotStart;
    request.connectorId = *connector;
    return withCredentials(database, parser, [&](const SyncCredentials &credentials) {
        return runRequest(database, credentials, request, true);
    });
}

int WorkerCli::replayCommand(Database &database, const QCommandLineParser &parser,
                             const QStringList &args)
{
    bool ok = false;
    const qint64 attempt = args.value(0).toLongLong(&ok);
    if (args.size() != 1 || !ok)
        return fail(ExitCannotStart, tr("replay needs one ATTEMPT id (see: history)"));
    SyncRequest request;
    request.trigger = SyncTrigger::Replay;
    request.replayAttemptId = attempt;
    request.replayAsRecorded = parser.isSet(QStringLiteral("as-recorded"));
    return withCredentials(database, parser, [&](const SyncCredentials &credentials) {
        return runRequest(database, credentials, request);
    });
}

} // namespace fulfillsync
