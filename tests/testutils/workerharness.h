#pragma once

#include "app/demosetup.h"
#include "sandbox/server/sandboxserver.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <chrono>
#include <memory>

namespace fulfillsync::test {

// The real thing end to end, for the crash, fault and fuzz runs and their benchmark: an
// in-process sandbox on loopback, a SQLite database configured for it, a 0600 credentials file,
// and fulfillsync-worker processes run to their end or killed with SIGKILL. No QTest in here,
// so a benchmark can use it too.
class WorkerHarness final
{
public:
    explicit WorkerHarness(QString workerExecutable);
    // $FULFILLSYNC_WORKER, else the build tree's worker beside a benchmark in `binaryDir`.
    static QString workerExecutable(const QString &binaryDir);
    ~WorkerHarness();

    // Before start(): configure the demo's 3PL connector too (configureDemoThreePl).
    void setWithThreePl(bool on) { m_withThreePl = on; }
    // Where the workers' first pass starts (--since; empty: none, the connector decides).
    void setSince(const QString &isoDate) { m_since = isoDate; }
    // Before start(): this database (a team's PostgreSQL) instead of a SQLite file.
    void setDatabaseUrl(const QString &url) { m_databaseUrl = url; }
    bool start(const QJsonObject &scenario, QString *error);
    // The demo's generated account (as `fulfillsync-sandbox --demo N --seed S` serves it).
    bool startDemo(int orders, quint32 seed, QString *error, const QString &storePlan = {});
    // The sandbox's warehouse ships a few fulfillments every interval from now on.
    void startLive(std::chrono::milliseconds interval, quint32 seed);
    // `fulfillsync-worker sync --daemon` (with extra options), output merged; the caller ends it
    // (SIGTERM) and owns it.
    QProcess *startDaemon(const QStringList &options = {});
    // Runs this thread's event loop, so the sandbox serves, for that long.
    void serveFor(int ms);
    // Requests the sandbox answered on endpoints starting with prefix ("netsuite.", "shopify.").
    int requestsTo(const QString &prefix);
    // Replaces the sandbox's data with the next batch (faults are cleared with it).
    bool load(const QJsonObject &scenario, QString *error);

    struct Run
    {
        int exitCode = -1;
        bool crashed = false; // ended by a signal it did not get from us
        bool hung = false;    // still running at the timeout (then killed)
        qint64 milliseconds = 0;
        QByteArray output;
    };
    Run runToEnd(int timeoutMs = 180000); // sync --once
    Run runToEnd(const QStringList &command, int timeoutMs = 180000);
    // Several `sync --once --connector NAME` workers at once, one per name, each to its end.
    QList<Run> runSideBySide(const QStringList &connectorNames, int timeoutMs = 180000);
    // Starts workers and kills them with SIGKILL after 30..30+maxDelayMs ms.
    void killRepeatedly(int times, int maxDelayMs);
    void clearQuarantine();
    // The 3PL's warehouse ships every order waiting in it: all that is left, or (partly) one
    // piece of the first line of every fourth order it has not shipped from yet. Returns the
    // shipments made. limit: at most that many orders (-1: all).
    int shipThreePlOrders(bool partly, int limit = -1);

    bool addFault(const QJsonObject &fault);
    void clearFaults();
    QJsonObject state();
    int faultsInjected();

    struct Tally
    {
        int fulfillments = 0;       // channel fulfillments of the first shop
        int distinctTracking = 0;   // tracking numbers among them
        int duplicates = 0;         // tracking numbers seen more than once
        int overFulfilledLines = 0; // line items fulfilled beyond what was ordered
        // Fulfillments without every line of their order (each scenario fulfillment ships all).
        int partial = 0;
    };
    // A channel's fulfillments now (channel: its index in the scenario; every store of the
    // sandbox is configured as a connector). maxPerLine: what one line item may hold at most.
    Tally tally(double maxPerLine, int channel = 0);

    QString databaseUrl() const;

    // Rounds of fresh shipped orders, each synced while a share of every answer is damaged on
    // its way back (truncated, wrong types, HTML, 4 MB, invalid UTF-8; 5xx and 599 after the
    // create was committed), until `corruptedTarget` answers were damaged; after each round's
    // fault phase the faults stop and the worker must converge. Seeded: the same figures every
    // run on the same code.
    struct FuzzResult
    {
        int rounds = 0;
        int workerRuns = 0;
        int crashes = 0;
        int hangs = 0;      // worker runs that had not ended after three minutes
        int corrupted = 0;  // answers damaged by the sandbox
        int expected = 0;   // shipped fulfillments over all rounds
        int arrived = 0;    // channel fulfillments over all rounds
        int duplicates = 0; // tracking numbers in the channel more than once
        int overFulfilled = 0;
        int partial = 0;              // fulfillments pushed without some of their lines
        int unconverged = 0;          // rounds whose worker never exited 0 once the faults stopped
        QByteArray unconvergedOutput; // what the last such worker said
        qint64 milliseconds = 0;
    };
    FuzzResult fuzz(int corruptedTarget, int ordersPerRound, quint32 seed, double rate = 0.3);

private:
    QJsonObject call(const QByteArray &verb, const QString &path, const QJsonObject &body = {});
    QProcess *startWorker();
    QProcess *startWorker(const QStringList &command);
    bool configure(QString *error); // the database and credentials for the sandbox's account
    QString credentialsPath() const;

    QString m_worker;
    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_network;
    QRandomGenerator m_random{20261126};
    bool m_withThreePl = false;
    QString m_databaseUrl;
    QString m_since = QStringLiteral("2000-01-01");
    int m_threePlTracking = 0;
};

} // namespace fulfillsync::test
