#pragma once

#include <QStringList>

namespace fulfillsync {

// Exit codes of fulfillsync-worker.
enum WorkerExit {
    ExitSynced = 0,      // everything due was pushed (or nothing was due)
    ExitSomeFailed = 1,  // the run completed, but some fulfillments failed or are held
    ExitCannotStart = 2, // bad arguments, database, credentials or configuration
    ExitRunFailed = 3,   // a connector could not run (NetSuite unreachable, refused login, …)
};

int runWorkerCommand(const QStringList &arguments);

} // namespace fulfillsync
