#include "models/storage/quarantinerepository.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>
#include <cmath>

namespace fulfillsync {

QuarantineRepository::QuarantineRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_statements(m_db)
{}

QList<QuarantineEntry> QuarantineRepository::select(const QString &where,
                                                    const QVariantList &values)
{
    QList<QuarantineEntry> result;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT connector_id, fulfillment_id, order_id, retry_count, "
                       "last_try_at, ignore_until, error_class, last_error, settings_version "
                       "FROM sync_quarantine WHERE ") +
            where + QStringLiteral(" ORDER BY fulfillment_id"),
        values, &m_error);
    if (!statement)
        return result;
    QSqlQuery &q = statement.query();
    while (q.next()) {
        result << QuarantineEntry{q.value(0).toLongLong(),
                                  q.value(1).toLongLong(),
                                  q.value(2).toLongLong(),
                                  q.value(3).toInt(),
                                  fromStorageTime(q.value(4).toString()),
                                  fromStorageTime(q.value(5).toString()),
                                  q.value(6).toString(),
                                  q.value(7).toString(),
                                  q.value(8).toLongLong()};
    }
    return result;
}

std::optional<QuarantineEntry> QuarantineRepository::entry(qint64 connectorId, qint64 fulfillmentId)
{
    const auto list = select(QStringLiteral("connector_id = ? AND fulfillment_id = ?"),
                             {connectorId, fulfillmentId});
    return list.isEmpty() ? std::nullopt : std::optional(list.first());
}

QList<QuarantineEntry> QuarantineRepository::entries(qint64 connectorId)
{
    return select(QStringLiteral("connector_id = ?"), {connectorId});
}

QList<QuarantineEntry> QuarantineRepository::entriesOfOrder(qint64 connectorId, qint64 orderId)
{
    return select(QStringLiteral("order_id = ? AND connector_id = ?"), {orderId, connectorId});
}

bool QuarantineRepository::save(const QuarantineEntry &e)
{
    const auto statement = m_statements.prepare(
        QStringLiteral("INSERT INTO sync_quarantine (connector_id, fulfillment_id, order_id, "
                       "retry_count, last_try_at, ignore_until, error_class, last_error, "
                       "settings_version) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (connector_id, "
                       "fulfillment_id) DO UPDATE SET order_id = excluded.order_id, "
                       "retry_count = excluded.retry_count, last_try_at = excluded.last_try_at, "
                       "ignore_until = excluded.ignore_until, error_class = "
                       "excluded.error_class, last_error = excluded.last_error, "
                       "settings_version = excluded.settings_version"),
        &m_error);
    if (!statement)
        return false;
    QSqlQuery &q = statement.query();
    q.addBindValue(e.connectorId);
    q.addBindValue(e.fulfillmentId);
    q.addBindValue(e.orderId);
    q.addBindValue(e.retryCount);
    q.addBindValue(toStorageTime(e.lastTryAt));
    q.addBindValue(toStorageTime(e.ignoreUntil));
    q.addBindValue(e.errorClass);
    q.addBindValue(StoredText::capped(e.lastError, StoredText::kMessage));
    q.addBindValue(e.settingsVersion);
    return execOrReport(q, &m_error);
}

QList<qint64> QuarantineRepository::dueOrderIds(qint64 connectorId, const QDateTime &now,
                                                qint64 settingsVersion)
{
    QList<qint64> ids;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT DISTINCT order_id FROM sync_quarantine WHERE connector_id = ? AND "
                       "((error_class <> 'mapping' AND ignore_until <= ?) OR "
                       "(error_class = 'mapping' AND settings_version < ?))"),
        {connectorId, toStorageTime(now), settingsVersion}, &m_error);
    if (!statement)
        return ids;
    QSqlQuery &q = statement.query();
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

QDateTime QuarantinePolicy::untilChanged()
{
    return QDateTime(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC);
}

bool QuarantineRepository::clear(qint64 connectorId, qint64 fulfillmentId)
{
    return bool(
        m_statements.run(QStringLiteral("DELETE FROM sync_quarantine WHERE connector_id = ? AND "
                                        "fulfillment_id = ?"),
                         {connectorId, fulfillmentId}, &m_error));
}

bool QuarantineRepository::retryAllNow(qint64 connectorId)
{
    // Due now rather than deleted: the entry is what brings a fulfillment whose change is
    // behind the watermark back into a pass. Deleting it would drop the retry.
    return bool(m_statements.run(
        QStringLiteral("UPDATE sync_quarantine SET ignore_until = ?, settings_version = -1 "
                       "WHERE connector_id = ?"),
        {toStorageTime(QDateTime::fromSecsSinceEpoch(0, Qt::UTC)), connectorId}, &m_error));
}

bool QuarantineRepository::retryOrderNow(qint64 connectorId, qint64 orderId)
{
    return bool(m_statements.run(
        QStringLiteral("UPDATE sync_quarantine SET ignore_until = ?, settings_version = -1 "
                       "WHERE connector_id = ? AND order_id = ?"),
        {toStorageTime(QDateTime::fromSecsSinceEpoch(0, Qt::UTC)), connectorId, orderId},
        &m_error));
}

int QuarantinePolicy::delaySeconds(int retryCount, ErrorClass errorClass) const
{
    const double grown = minSeconds * std::pow(double(factor), std::max(0, retryCount - 1));
    const int cap =
        errorClass == ErrorClass::Auth ? std::min(authMaxSeconds, maxSeconds) : maxSeconds;
    return int(std::min<double>(grown, cap));
}

} // namespace fulfillsync
