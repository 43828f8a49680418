#pragma once

// Shared bits of fulfillsync-worker's commands (app/worker*.cpp).

#include "app/workercommands.h"
#include "sync/engine/leasekeeper.h"
#include "sync/engine/syncmessages.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <optional>

namespace fulfillsync {

class Database;

namespace WorkerCli {
QString tr(const char *text, int n = -1);
QTextStream &out();
QTextStream &err(); // every line starts with "fulfillsync-worker: "
int fail(int exitCode, const QString &message);

// Secrets for the headless worker: the credentials file (refused unless only its owner can read
// it), then the environment.
bool loadCredentials(Database &database, const QString &credentialsPath,
                     SyncCredentials *credentials, QString *error);
QString channelTokenVariable(const QString &connectorName);
QString alertWebhookVariable(const QString &connectorName);

// Runs one request to the end on this thread; prints a line per connector; returns the exit code.
int runRequest(Database &database, const SyncCredentials &credentials, const SyncRequest &request,
               bool printPlanned = false);
// Reads the secrets again from credentialsPath (and the environment) when connectors are added.
int runDaemon(Database &database, const SyncCredentials &credentials,
              const QString &credentialsPath, const LeaseKeeper::Timing &leases);

int syncCommand(Database &database, const QCommandLineParser &parser, const QStringList &args);
int resyncCommand(Database &database, const QCommandLineParser &parser, const QStringList &args);
int dryRunCommand(Database &database, const QCommandLineParser &parser, const QStringList &args);
int replayCommand(Database &database, const QCommandLineParser &parser, const QStringList &args);
int explainCommand(Database &database, const QStringList &args);
int resolveCommand(Database &database, const QCommandLineParser &parser, const QStringList &args);
int historyCommand(Database &database, const QCommandLineParser &parser);
int inboxCommand(Database &database, const QCommandLineParser &parser, const QStringList &args);
int configCommand(Database &database, const QStringList &args);
int reconcileCommand(Database &database, const QCommandLineParser &parser);
int quarantineCommand(Database &database, const QCommandLineParser &parser,
                      const QStringList &args);
// --heartbeat and --lease SECONDS; nullopt when invalid (already reported).
std::optional<LeaseKeeper::Timing> leaseTimingOption(const QCommandLineParser &parser);
// --timeout SECONDS as milliseconds; 0 when not given, -1 when invalid (already reported).
int timeoutOption(const QCommandLineParser &parser);
int setupSandboxCommand(Database &database, const QCommandLineParser &parser,
                        const QStringList &args);
} // namespace WorkerCli

} // namespace fulfillsync
