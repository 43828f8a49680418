#include "models/storage/runrepository.h"

#include "models/domain/timestamps.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

RunRepository::RunRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

bool RunRepository::record(const SyncRun &run)
{
    QSqlQuery q(m_db);
    if (!prepareOrReport(
            q,
            QStringLiteral("INSERT INTO sync_runs (connector_id, connector_name, trigger_kind, "
                           "started_at, finished_at, pushed, failed, held, already_pushed, "
                           "deferred, netsuite_requests, channel_requests, cancelled, dry_run, "
                           "error, skipped, adopted, tracking_updated) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
            &m_error))
        return false;
    for (const QVariant &value :
         {QVariant(run.connectorId), QVariant(run.connectorName),
          QVariant(syncTriggerKey(run.trigger)), QVariant(toStorageTime(run.startedAt)),
          QVariant(toStorageTime(run.finishedAt)), QVariant(run.pushed), QVariant(run.failed),
          QVariant(run.held), QVariant(run.alreadyPushed), QVariant(run.deferred),
          QVariant(run.netSuiteRequests), QVariant(run.channelRequests),
          QVariant(run.cancelled ? 1 : 0), QVariant(run.dryRun ? 1 : 0), QVariant(run.error),
          QVariant(run.skipped), QVariant(run.adopted), QVariant(run.trackingUpdated)})
        q.addBindValue(value);
    return execOrReport(q, &m_error);
}

QList<SyncRun> RunRepository::latest(int limit)
{
    QList<SyncRun> runs;
    m_error.clear();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!prepareOrReport(
            q,
            QStringLiteral("SELECT connector_id, connector_name, trigger_kind, started_at, "
                           "finished_at, pushed, failed, held, already_pushed, deferred, "
                           "netsuite_requests, channel_requests, cancelled, dry_run, error, "
                           "skipped, adopted, tracking_updated FROM sync_runs ORDER BY finished_at "
                           "DESC, id DESC LIMIT ?"),
            &m_error))
        return runs;
    q.addBindValue(limit);
    if (!execOrReport(q, &m_error))
        return runs;
    while (q.next()) {
        SyncRun run;
        run.connectorId = q.value(0).toLongLong();
        run.connectorName = q.value(1).toString();
        run.trigger = syncTriggerFromKey(q.value(2).toString()).value_or(SyncTrigger::Manual);
        run.startedAt = fromStorageTime(q.value(3).toString());
        run.finishedAt = fromStorageTime(q.value(4).toString());
        run.pushed = q.value(5).toInt();
        run.failed = q.value(6).toInt();
        run.held = q.value(7).toInt();
        run.alreadyPushed = q.value(8).toInt();
        run.deferred = q.value(9).toInt();
        run.netSuiteRequests = q.value(10).toInt();
        run.channelRequests = q.value(11).toInt();
        run.cancelled = q.value(12).toInt() != 0;
        run.dryRun = q.value(13).toInt() != 0;
        run.error = q.value(14).toString();
        run.skipped = q.value(15).toString();
        run.adopted = q.value(16).toInt();
        run.trackingUpdated = q.value(17).toInt();
        runs << run;
    }
    return runs;
}

std::optional<OwedWork> RunRepository::owedWork(qint64 connectorId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!prepareOrReport(
            q,
            QStringLiteral(
                "SELECT (SELECT COUNT(*) FROM sync_quarantine WHERE connector_id = ?), "
                "(SELECT COUNT(*) FROM pushed_fulfillments WHERE connector_id = ? AND state IN "
                "('pending', 'ambiguous')), "
                "(SELECT COUNT(*) FROM inbox_items WHERE connector_id = ? AND state = 'open')"),
            &m_error))
        return std::nullopt;
    for (int i = 0; i < 3; ++i)
        q.addBindValue(connectorId);
    if (!execOrReport(q, &m_error) || !q.next())
        return std::nullopt;
    return OwedWork{q.value(0).toInt(), q.value(1).toInt(), q.value(2).toInt()};
}

} // namespace fulfillsync
