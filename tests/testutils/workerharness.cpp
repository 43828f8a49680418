#include "testutils/workerharness.h"

#include "app/embeddedsandbox.h"
#include "models/storage/database.h"
#include "testutils/scenariobuilder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace fulfillsync::test {

namespace {
// Runs this thread's event loop (the sandbox serves meanwhile) until done() or the timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QTimer deadline;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(10);
    deadline.start(timeoutMs);
    if (!done())
        loop.exec();
    return done();
}
} // namespace

WorkerHarness::WorkerHarness(QString workerExecutable)
    : m_worker(std::move(workerExecutable))
{}

WorkerHarness::~WorkerHarness() = default;

QString WorkerHarness::workerExecutable(const QString &binaryDir)
{
    return qEnvironmentVariableIsSet("FULFILLSYNC_WORKER")
               ? qEnvironmentVariable("FULFILLSYNC_WORKER")
               : QDir(binaryDir).filePath(QStringLiteral("../app/fulfillsync-worker"));
}

QString WorkerHarness::databaseUrl() const
{
    if (!m_databaseUrl.isEmpty())
        return m_databaseUrl;
    return QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("worker.db"));
}

QString WorkerHarness::credentialsPath() const
{
    return m_dir.filePath(QStringLiteral("credentials.json"));
}

bool WorkerHarness::start(const QJsonObject &scenario, QString *error)
{
    m_sandbox = std::make_unique<sandbox::SandboxServer>();
    if (!m_sandbox->loadScenario(scenario, error))
        return false;
    return configure(error);
}

bool WorkerHarness::startDemo(int orders, quint32 seed, QString *error, const QString &storePlan)
{
    m_sandbox = std::make_unique<sandbox::SandboxServer>();
    m_sandbox->loadDemo(orders, seed, storePlan);
    return configure(error);
}

void WorkerHarness::startLive(std::chrono::milliseconds interval, quint32 seed)
{
    m_sandbox->startLive(interval, seed);
}

void WorkerHarness::serveFor(int ms)
{
    waitFor([] { return false; }, ms);
}

int WorkerHarness::requestsTo(const QString &prefix)
{
    const QJsonObject byEndpoint =
        state()[QStringLiteral("requests")].toObject()[QStringLiteral("byEndpoint")].toObject();
    int total = 0;
    for (auto it = byEndpoint.begin(); it != byEndpoint.end(); ++it)
        if (it.key().startsWith(prefix))
            total += it.value().toObject()[QStringLiteral("total")].toInt();
    return total;
}

bool WorkerHarness::configure(QString *error)
{
    if (m_sandbox->listen(0) == 0) {
        *error = QStringLiteral("the sandbox cannot listen");
        return false;
    }
    Database database(DatabaseUrl::parse(databaseUrl()));
    if (!database.openAndMigrate(error))
        return false;
    const DemoTarget target = demoTargetOf(*m_sandbox);
    if (configureDemo(database.connection(), target, error) <= 0)
        return false;
    QJsonObject channels{{target.connectorName, target.accessToken}};
    // Every further store of the scenario is a connector of its own, configured alike.
    const auto shops = m_sandbox->credentials().shops;
    for (qsizetype i = 1; i < shops.size(); ++i) {
        DemoTarget store = target;
        store.connectorName = shops.at(i).name;
        store.channel = shops.at(i).channel;
        store.shopUrl = m_sandbox->shopifyBaseUrl(shops.at(i).shop);
        store.accessToken = shops.at(i).accessToken;
        if (configureDemo(database.connection(), store, error) <= 0)
            return false;
        channels.insert(store.connectorName, store.accessToken);
    }
    if (m_withThreePl) {
        SyncCredentials threePl;
        const qint64 id = configureDemoThreePl(database.connection(), target, &threePl, error);
        if (id <= 0)
            return false;
        channels.insert(QStringLiteral("Warehouse 3PL"), threePl.channelTokens.value(id));
    }
    database.closeThreadConnection();
    QFile credentials(credentialsPath());
    if (!credentials.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !credentials.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("cannot write the credentials");
        return false;
    }
    credentials.write(
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("netsuite"),
                 QJsonObject{{QStringLiteral("consumerKey"), target.netsuite.consumerKey},
                             {QStringLiteral("consumerSecret"), target.netsuite.consumerSecret},
                             {QStringLiteral("tokenId"), target.netsuite.tokenId},
                             {QStringLiteral("tokenSecret"), target.netsuite.tokenSecret}}},
                {QStringLiteral("channels"), channels}})
            .toJson());
    return true;
}

bool WorkerHarness::load(const QJsonObject &scenario, QString *error)
{
    return m_sandbox->loadScenario(scenario, error);
}

QProcess *WorkerHarness::startWorker()
{
    return startWorker({QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("sync"),
                        QStringLiteral("--once")});
}

QProcess *WorkerHarness::startDaemon(const QStringList &options)
{
    return startWorker(QStringList{QStringLiteral("sync"), QStringLiteral("--daemon")} + options);
}

QProcess *WorkerHarness::startWorker(const QStringList &command)
{
    auto *process = new QProcess;
    process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments{QStringLiteral("--database"), databaseUrl(),
                          QStringLiteral("--credentials"), credentialsPath()};
    if (!m_since.isEmpty())
        arguments << QStringLiteral("--since") << m_since;
    process->start(m_worker, arguments + command);
    return process;
}

WorkerHarness::Run WorkerHarness::runToEnd(int timeoutMs)
{
    return runToEnd({QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("sync"),
                     QStringLiteral("--once")},
                    timeoutMs);
}

WorkerHarness::Run WorkerHarness::runToEnd(const QStringList &command, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QProcess> process(startWorker(command));
    Run run;
    if (!waitFor([&] { return process->state() == QProcess::NotRunning; }, timeoutMs)) {
        process->kill();
        process->waitForFinished(5000);
        run.output = process->readAll() + "\n(did not finish in time)";
        run.hung = true;
        run.milliseconds = clock.elapsed();
        return run;
    }
    run.crashed = process->exitStatus() == QProcess::CrashExit;
    run.exitCode = process->exitCode();
    run.output = process->readAll();
    run.milliseconds = clock.elapsed();
    return run;
}

QList<WorkerHarness::Run> WorkerHarness::runSideBySide(const QStringList &connectorNames,
                                                       int timeoutMs)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const QString &name : connectorNames)
        processes.emplace_back(
            startWorker({QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("sync"),
                         QStringLiteral("--once"), QStringLiteral("--connector"), name}));
    waitFor(
        [&] {
            return std::all_of(processes.cbegin(), processes.cend(),
                               [](const auto &p) { return p->state() == QProcess::NotRunning; });
        },
        timeoutMs);
    QList<Run> runs;
    for (const auto &process : processes) {
        Run run;
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        } else {
            run.crashed = process->exitStatus() == QProcess::CrashExit;
            run.exitCode = process->exitCode();
        }
        run.output = process->readAll();
        runs << run;
    }
    return runs;
}

void WorkerHarness::killRepeatedly(int times, int maxDelayMs)
{
    for (int i = 0; i < times; ++i) {
        std::unique_ptr<QProcess> process(startWorker());
        const int delay = 30 + int(m_random.bounded(maxDelayMs));
        waitFor([] { return false; }, delay);
        process->kill(); // SIGKILL: no chance to clean up
        waitFor([&] { return process->state() == QProcess::NotRunning; }, 10000);
    }
}

void WorkerHarness::clearQuarantine()
{
    QProcess process;
    process.start(m_worker, {QStringLiteral("--database"), databaseUrl(),
                             QStringLiteral("quarantine"), QStringLiteral("clear")});
    waitFor([&] { return process.state() == QProcess::NotRunning; }, 30000);
}

QJsonObject WorkerHarness::call(const QByteArray &verb, const QString &path,
                                const QJsonObject &body)
{
    QNetworkRequest request(m_sandbox->baseUrl().resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(
        request, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    waitFor([reply] { return reply->isFinished(); }, 60000);
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

int WorkerHarness::shipThreePlOrders(bool partly, int limit)
{
    int shipments = 0;
    int shippedOrders = 0;
    const QJsonArray orders = state()[QLatin1String("threePl")][QLatin1String("orders")].toArray();
    for (int i = 0; i < orders.size(); ++i) {
        const QJsonObject order = orders.at(i).toObject();
        if (order[QLatin1String("orderStatus")].toString() != u"awaiting_shipment")
            continue;
        if (limit >= 0 && shippedOrders++ >= limit)
            break;
        QJsonObject body{
            {QStringLiteral("orderKey"), order[QLatin1String("orderKey")]},
            {QStringLiteral("trackingNumber"),
             QStringLiteral("9400TPL%1").arg(++m_threePlTracking, 8, 10, QLatin1Char('0'))}};
        const QJsonObject first = order[QLatin1String("items")].toArray().first().toObject();
        if (partly && i % 4 == 0 && first[QLatin1String("quantity")].toDouble() >= 2)
            body.insert(QStringLiteral("items"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("lineItemKey"), first[QLatin1String("lineItemKey")]},
                            {QStringLiteral("quantity"), 1}}});
        if (call("POST", QStringLiteral("/_sandbox/3pl/ship"), body)
                .contains(QStringLiteral("shipmentId")))
            ++shipments;
    }
    return shipments;
}

bool WorkerHarness::addFault(const QJsonObject &fault)
{
    return !call("POST", QStringLiteral("/_sandbox/faults"), fault)
                .contains(QStringLiteral("error"));
}

void WorkerHarness::clearFaults()
{
    call("DELETE", QStringLiteral("/_sandbox/faults"));
}

QJsonObject WorkerHarness::state()
{
    return call("GET", QStringLiteral("/_sandbox/state"));
}

int WorkerHarness::faultsInjected()
{
    return state().value(QStringLiteral("faultsInjected")).toInt();
}

WorkerHarness::Tally WorkerHarness::tally(double maxPerLine, int channel)
{
    Tally tally;
    QHash<QString, int> seen;
    const QJsonObject now = state();
    for (const QJsonValue &order :
         now[QStringLiteral("channels")][channel][QStringLiteral("orders")].toArray()) {
        QHash<qint64, double> fulfilled;
        const qsizetype lines = order[QStringLiteral("lineItems")].toArray().size();
        for (const QJsonValue &f : order[QStringLiteral("fulfillments")].toArray()) {
            ++tally.fulfillments;
            for (const QJsonValue &n : f[QStringLiteral("trackingNumbers")].toArray())
                ++seen[n.toString()];
            QSet<qint64> linesOfThis;
            for (const QJsonValue &li : f[QStringLiteral("lineItems")].toArray()) {
                fulfilled[li[QStringLiteral("lineItemId")].toInteger()] +=
                    li[QStringLiteral("quantity")].toDouble();
                linesOfThis.insert(li[QStringLiteral("lineItemId")].toInteger());
            }
            tally.partial += linesOfThis.size() < lines ? 1 : 0;
        }
        for (double quantity : std::as_const(fulfilled))
            tally.overFulfilledLines += quantity > maxPerLine ? 1 : 0;
    }
    for (int count : std::as_const(seen))
        tally.duplicates += count - 1;
    tally.distinctTracking = int(seen.size());
    return tally;
}

WorkerHarness::FuzzResult WorkerHarness::fuzz(int corruptedTarget, int ordersPerRound, quint32 seed,
                                              double rate)
{
    FuzzResult result;
    QElapsedTimer clock;
    clock.start();
    const int before = faultsInjected();
    for (int round = 0; result.corrupted < corruptedTarget; ++round) {
        int shipped = 0;
        QString error;
        if (!load(shippedOrdersScenario(ordersPerRound, QStringLiteral("unlimited"), &shipped,
                                        round + 1),
                  &error))
            break;
        result.expected += shipped;
        const QList<QJsonObject> faults = {
            {{QStringLiteral("match"), QStringLiteral("shopify.graphql.fulfillmentCreate")},
             {QStringLiteral("commitThenFail"), true},
             {QStringLiteral("status"), 503},
             {QStringLiteral("probability"), rate / 6},
             {QStringLiteral("count"), 1000000},
             {QStringLiteral("seed"), qint64(seed + round)}},
            {{QStringLiteral("match"), QStringLiteral("shopify.graphql.fulfillmentCreate")},
             {QStringLiteral("commitThenFail"), true},
             {QStringLiteral("status"), 599},
             {QStringLiteral("probability"), rate / 6},
             {QStringLiteral("count"), 1000000}},
            {{QStringLiteral("match"), QStringLiteral("*")},
             {QStringLiteral("corrupt"), QStringLiteral("random")},
             {QStringLiteral("probability"), rate},
             {QStringLiteral("count"), 1000000}}};
        for (const QJsonObject &fault : faults)
            addFault(fault);
        for (int run = 0; run < 4; ++run) {
            clearQuarantine();
            const Run r = runToEnd();
            ++result.workerRuns;
            result.crashes += r.crashed ? 1 : 0;
            result.hangs += r.hung ? 1 : 0;
        }
        clearFaults();
        bool converged = false;
        for (int run = 0; run < 4 && !converged; ++run) {
            clearQuarantine();
            const Run r = runToEnd();
            ++result.workerRuns;
            result.crashes += r.crashed ? 1 : 0;
            result.hangs += r.hung ? 1 : 0;
            converged = r.exitCode == 0 && !r.crashed;
            if (!converged) {
                // With what waits: the Inbox as the worker lists it.
                std::unique_ptr<QProcess> inbox(startWorker({QStringLiteral("inbox")}));
                inbox->waitForFinished(30000);
                result.unconvergedOutput = r.output + "Inbox:\n" + inbox->readAll();
            }
        }
        result.unconverged += converged ? 0 : 1;
        const Tally t = tally(2);

        result.arrived += t.fulfillments;
        result.duplicates += t.duplicates;
        result.overFulfilled += t.overFulfilledLines;
        result.partial += t.partial;
        result.corrupted = faultsInjected() - before;
        ++result.rounds;
    }
    result.milliseconds = clock.elapsed();
    return result;
}

} // namespace fulfillsync::test
