#pragma once

#include "models/domain/domain.h"
#include "models/storage/sqlerror.h"

#include <QSqlDatabase>

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
    int netSuiteRequests = 0;
    int channelRequests = 0;
    bool cancelled = false;
    bool dryRun = false;
    QString error;
    QString skipped;
};

class RunRepository final
{
public:
    explicit RunRepository(QSqlDatabase db);

    bool record(const SyncRun &run);
    QList<SyncRun> latest(int limit); // newest first

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
