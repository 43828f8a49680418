#include "models/storage/reconciliationschedules.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

std::optional<QDate> ReconcileSchedule::dueNight(const QDateTime &localNow) const
{
    if (!enabled || !localNow.isValid())
        return std::nullopt;
    // A run missed by up to six hours (a worker restarted, a laptop woke) still runs that
    // night; later it waits for the next one rather than reading the channel in office hours.
    const QTime now = localNow.time();
    const int sinceDue = at().secsTo(now);
    if (sinceDue < 0 || sinceDue > 6 * 3600)
        return std::nullopt;
    return localNow.date();
}

ReconciliationSchedules::ReconciliationSchedules(QSqlDatabase db)
    : m_db(std::move(db))
{}

ReconcileSchedule ReconciliationSchedules::of(qint64 connectorId)
{
    m_error.clear();
    ReconcileSchedule schedule;
    schedule.connectorId = connectorId;
    QSqlQuery query(m_db);
    if (runQuery(query,
                 QStringLiteral("SELECT enabled, at_minute, range_days FROM "
                                "reconciliation_schedules WHERE connector_id = ?"),
                 {connectorId}, &m_error) &&
        query.next()) {
        schedule.enabled = query.value(0).toInt() != 0;
        schedule.atMinute = query.value(1).toInt();
        schedule.rangeDays = query.value(2).toInt();
    }
    return schedule;
}

bool ReconciliationSchedules::save(const ReconcileSchedule &s)
{
    m_error.clear();
    QSqlQuery query(m_db);
    return runQuery(query,
                    QStringLiteral("INSERT INTO reconciliation_schedules (connector_id, enabled, "
                                   "at_minute, range_days) VALUES (?, ?, ?, ?) ON CONFLICT "
                                   "(connector_id) DO UPDATE SET enabled = excluded.enabled, "
                                   "at_minute = excluded.at_minute, range_days = "
                                   "excluded.range_days"),
                    {s.connectorId, s.enabled ? 1 : 0, std::clamp(s.atMinute, 0, 24 * 60 - 1),
                     std::max(1, s.rangeDays)},
                    &m_error);
}

bool ReconciliationSchedules::claimNight(qint64 connectorId, const QDate &night,
                                         const QString &holder)
{
    m_error.clear();
    QSqlQuery query(m_db);
    // The primary key decides between workers in one statement; the loser inserts nothing.
    if (!runQuery(query,
                  QStringLiteral("INSERT INTO reconciliation_nights (connector_id, night, "
                                 "claimed_by, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT "
                                 "(connector_id, night) DO NOTHING"),
                  {connectorId, night.toString(Qt::ISODate), holder,
                   toStorageTime(QDateTime::currentDateTimeUtc())},
                  &m_error))
        return false;
    return query.numRowsAffected() == 1;
}

} // namespace fulfillsync
