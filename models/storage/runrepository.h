#pragma once

#include "models/domain/domain.h"
#include "models/storage/sqlerror.h"

#include <QSqlDatabase>

#include <optional>

namespace fulfillsync {

// One finished connector pass, as the Jobs list shows it after a restart.
struct SyncRun
{
    qint64 connectorId = 0;
    QString connectorName;
    SyncTrigger trigger = SyncTrigger::Manual;
    QDateTime startedAt;
    QDateTime finishedAt;
    int pushed = 0;
    int failed = 0;
    int held = 0;
    int alreadyPushed = 0;
    int deferred = 0;
    int adopted = 0;         // another tool's, recognised in the channel: nothing sent
    int trackingUpdated = 0; // pushed before, their tracking numbers updated
    int netSuiteRequests = 0;
    int channelRequests = 0;
    bool cancelled = false;
    bool dryRun = false;
    QString error;
    QString skipped;
};

// What a connector still owes, whatever its last pass looked at (an idle pass looks at
// nothing): fulfillments waiting in quarantine (failed, held), pushes not yet confirmed, and
// open Inbox items (flagged, refused, unconfirmed 3PL shipments). One thing may be in two.
struct OwedWork
{
    int quarantined = 0;
    int unconfirmed = 0;
    int openInInbox = 0;
    int total() const { return quarantined + unconfirmed + openInInbox; }
};

class RunRepository final
{
public:
    explicit RunRepository(QSqlDatabase db);

    bool record(const SyncRun &run);
    QList<SyncRun> latest(int limit);                     // newest first
    std::optional<OwedWork> owedWork(qint64 connectorId); // nullopt: could not be read

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
