#include "models/storage/historyrepository.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

namespace {
SyncTrigger triggerFromKey(const QString &key)
{
    for (auto t :
         {SyncTrigger::Schedule, SyncTrigger::Manual, SyncTrigger::Resync, SyncTrigger::Replay})
        if (syncTriggerKey(t) == key)
            return t;
    return SyncTrigger::Manual;
}
SyncOutcome outcomeFromKey(const QString &key)
{
    for (auto o :
         {SyncOutcome::Pushed, SyncOutcome::Skipped, SyncOutcome::Failed, SyncOutcome::Held})
        if (syncOutcomeKey(o) == key)
            return o;
    return SyncOutcome::Skipped;
}
ErrorClass errorClassFromKey(const QString &key)
{
    for (int i = int(ErrorClass::None); i <= int(ErrorClass::Storage); ++i)
        if (errorClassKey(ErrorClass(i)) == key)
            return ErrorClass(i);
    return ErrorClass::None;
}
} // namespace

HistoryRepository::HistoryRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_statements(m_db)
{}

qint64 HistoryRepository::append(const SyncAttempt &a)
{
    const auto statement = m_statements.prepare(
        QStringLiteral("INSERT INTO sync_attempts (occurred_at, connector_id, "
                       "connector_name, order_id, order_tran_id, fulfillment_id, "
                       "fulfillment_tran_id, trigger_kind, outcome, error_class, "
                       "duration_ms, message, request, response, mapping_version, "
                       "tracking_numbers) VALUES "
                       "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"),
        &m_error);
    if (!statement)
        return 0;
    QSqlQuery &q = statement.query();
    q.addBindValue(
        toStorageTime(a.occurredAt.isValid() ? a.occurredAt : QDateTime::currentDateTimeUtc()));
    q.addBindValue(a.connectorId);
    q.addBindValue(a.connectorName);
    q.addBindValue(a.orderId);
    q.addBindValue(a.orderTranId);
    q.addBindValue(a.fulfillmentId);
    q.addBindValue(a.fulfillmentTranId);
    q.addBindValue(syncTriggerKey(a.trigger));
    q.addBindValue(syncOutcomeKey(a.outcome));
    q.addBindValue(errorClassKey(a.errorClass));
    q.addBindValue(a.durationMs);
    q.addBindValue(StoredText::capped(a.message, StoredText::kMessage));
    q.addBindValue(StoredText::capped(a.request, StoredText::kBody));
    q.addBindValue(StoredText::capped(a.response, StoredText::kBody));
    q.addBindValue(a.mappingVersion);
    q.addBindValue(a.trackingNumbers);
    if (!execOrReport(q, &m_error) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

QList<SyncAttempt> HistoryRepository::select(const QString &tail, const QVariantList &values)
{
    QList<SyncAttempt> result;
    const auto statement = m_statements.prepare(
        QStringLiteral("SELECT id, occurred_at, connector_id, connector_name, "
                       "order_id, order_tran_id, fulfillment_id, fulfillment_tran_id, "
                       "trigger_kind, outcome, error_class, duration_ms, message, "
                       "request, response, mapping_version, tracking_numbers "
                       "FROM sync_attempts ") +
            tail,
        &m_error);
    if (!statement)
        return result;
    QSqlQuery &q = statement.query();
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!execOrReport(q, &m_error))
        return result;
    while (q.next()) {
        SyncAttempt a;
        a.id = q.value(0).toLongLong();
        a.occurredAt = fromStorageTime(q.value(1).toString());
        a.connectorId = q.value(2).toLongLong();
        a.connectorName = q.value(3).toString();
        a.orderId = q.value(4).toLongLong();
        a.orderTranId = q.value(5).toString();
        a.fulfillmentId = q.value(6).toLongLong();
        a.fulfillmentTranId = q.value(7).toString();
        a.trigger = triggerFromKey(q.value(8).toString());
        a.outcome = outcomeFromKey(q.value(9).toString());
        a.errorClass = errorClassFromKey(q.value(10).toString());
        a.durationMs = q.value(11).toLongLong();
        a.message = q.value(12).toString();
        a.request = q.value(13).toString();
        a.response = q.value(14).toString();
        a.mappingVersion = q.value(15).toLongLong();
        a.trackingNumbers = q.value(16).toString();
        result << a;
    }
    return result;
}

QList<SyncAttempt> HistoryRepository::latest(int limit)
{
    return select(QStringLiteral("ORDER BY occurred_at DESC, id DESC LIMIT ?"), {limit});
}

std::optional<SyncAttempt> HistoryRepository::byId(qint64 id)
{
    const auto list = select(QStringLiteral("WHERE id = ?"), {id});
    return list.isEmpty() ? std::nullopt : std::optional(list.first());
}

qint64 HistoryRepository::count()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM sync_attempts")) || !q.next()) {
        m_error = describeSqlError(q);
        return -1;
    }
    return q.value(0).toLongLong();
}

QHash<qint64, HistoryRepository::FulfillmentAttempts>
HistoryRepository::attemptsOfOrder(qint64 connectorId, qint64 orderId)
{
    QHash<qint64, FulfillmentAttempts> attempts;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT fulfillment_id, COUNT(*), MAX(id), MAX(occurred_at) FROM "
                       "sync_attempts WHERE order_id = ? AND connector_id = ? GROUP BY "
                       "fulfillment_id"),
        {orderId, connectorId}, &m_error);
    while (statement && statement.query().next()) {
        const QSqlQuery &q = statement.query();
        attempts.insert(q.value(0).toLongLong(),
                        {q.value(1).toInt(), q.value(2).toLongLong(),
                         fromStorageTime(q.value(3).toString())});
    }
    return attempts;
}

} // namespace fulfillsync
