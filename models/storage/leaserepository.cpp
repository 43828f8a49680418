#include "models/storage/leaserepository.h"

#include "models/domain/timestamps.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

LeaseRepository::LeaseRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_statements(m_db)
{}

bool LeaseRepository::acquire(qint64 connectorId, const QString &holder, const QDateTime &now,
                              int seconds, QString *otherHolder, qint64 *epoch)
{
    m_error.clear();
    // One statement, so two workers racing for a free or expired lease cannot both win: the
    // conditional DO UPDATE changes no row when someone else holds a valid lease. The epoch
    // grows only when the holder changes: a renewal keeps it.
    const auto statement = m_statements.run(
        QStringLiteral(
            "INSERT INTO connector_leases (connector_id, holder, expires_at, epoch) "
            "VALUES (?, ?, ?, 1) ON CONFLICT (connector_id) DO UPDATE SET "
            "holder = excluded.holder, expires_at = excluded.expires_at, "
            "epoch = CASE WHEN connector_leases.holder = excluded.holder "
            "THEN connector_leases.epoch ELSE connector_leases.epoch + 1 END, "
            "busy = CASE WHEN connector_leases.holder = excluded.holder "
            "THEN connector_leases.busy ELSE 0 END "
            "WHERE connector_leases.holder = excluded.holder OR connector_leases.expires_at < ?"),
        {connectorId, holder, toStorageTime(now.addSecs(seconds)), toStorageTime(now)}, &m_error);
    if (!statement)
        return false;
    if (statement.query().numRowsAffected() > 0) {
        const std::optional<qint64> current = epochOf(connectorId, holder);
        if (current && epoch)
            *epoch = *current;
        return current.has_value();
    }
    if (otherHolder) {
        if (const std::optional<LeaseState> current = state(connectorId))
            *otherHolder = current->holder;
    }
    return false;
}

bool LeaseRepository::renew(qint64 connectorId, const QString &holder, qint64 epoch,
                            const QDateTime &now, int seconds)
{
    // Also after expiry: as long as the epoch is unchanged, no one else has acted since.
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE connector_leases SET expires_at = ? "
                       "WHERE connector_id = ? AND holder = ? AND epoch = ?"),
        {toStorageTime(now.addSecs(seconds)), connectorId, holder, epoch}, &m_error);
    return statement && statement.query().numRowsAffected() > 0;
}

bool LeaseRepository::takeOver(qint64 connectorId, const QString &goneHolder, const QString &holder,
                               const QDateTime &now, int seconds, qint64 *epoch)
{
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE connector_leases SET holder = ?, expires_at = ?, epoch = epoch + 1, "
                       "busy = 0 WHERE connector_id = ? AND holder = ?"),
        {holder, toStorageTime(now.addSecs(seconds)), connectorId, goneHolder}, &m_error);
    if (!statement || statement.query().numRowsAffected() == 0)
        return false;
    const std::optional<qint64> current = epochOf(connectorId, holder);
    if (current && epoch)
        *epoch = *current;
    return current.has_value();
}

bool LeaseRepository::release(qint64 connectorId, const QString &holder)
{
    // The row stays, with its epoch: a later holder's epoch must be greater than every earlier.
    return bool(m_statements.run(
        QStringLiteral("UPDATE connector_leases SET holder = '', expires_at = '', busy = 0 "
                       "WHERE connector_id = ? AND holder = ?"),
        {connectorId, holder}, &m_error));
}

bool LeaseRepository::setBusy(qint64 connectorId, const QString &holder, qint64 epoch, bool busy)
{
    const auto statement =
        m_statements.run(QStringLiteral("UPDATE connector_leases SET busy = ? "
                                        "WHERE connector_id = ? AND holder = ? AND epoch = ?"),
                         {busy ? 1 : 0, connectorId, holder, epoch}, &m_error);
    return statement && statement.query().numRowsAffected() > 0;
}

bool LeaseRepository::borrow(qint64 connectorId, const QString &idleHolder, qint64 idleEpoch,
                             const QString &holder, const QDateTime &now, int seconds,
                             qint64 *epoch)
{
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE connector_leases SET holder = ?, expires_at = ?, epoch = epoch + 1, "
                       "busy = 0 WHERE connector_id = ? AND holder = ? AND epoch = ? AND busy = 0"),
        {holder, toStorageTime(now.addSecs(seconds)), connectorId, idleHolder, idleEpoch},
        &m_error);
    if (!statement || statement.query().numRowsAffected() == 0)
        return false;
    const std::optional<qint64> current = epochOf(connectorId, holder);
    if (current && epoch)
        *epoch = *current;
    return current.has_value();
}

bool LeaseRepository::touch(qint64 connectorId, const QString &holder, qint64 epoch)
{
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE connector_leases SET epoch = epoch "
                       "WHERE connector_id = ? AND holder = ? AND epoch = ?"),
        {connectorId, holder, epoch}, &m_error);
    return statement && statement.query().numRowsAffected() > 0;
}

std::optional<LeaseState> LeaseRepository::state(qint64 connectorId, bool forShare)
{
    const bool postgres = m_db.driverName() == u"QPSQL";
    const auto statement = m_statements.run(
        QStringLiteral("SELECT holder, epoch, expires_at, busy FROM connector_leases "
                       "WHERE connector_id = ?") +
            (forShare && postgres ? QStringLiteral(" FOR SHARE") : QString()),
        {connectorId}, &m_error);
    if (!statement)
        return std::nullopt;
    LeaseState lease;
    if (statement.query().next()) {
        lease.holder = statement.query().value(0).toString();
        lease.epoch = statement.query().value(1).toLongLong();
        lease.expiresAt = fromStorageTime(statement.query().value(2).toString());
        lease.busy = statement.query().value(3).toInt() != 0;
    }
    return lease;
}

std::optional<qint64> LeaseRepository::epochOf(qint64 connectorId, const QString &holder)
{
    const std::optional<LeaseState> lease = state(connectorId);
    if (!lease)
        return std::nullopt;
    if (lease->holder != holder) {
        m_error = QStringLiteral("the lease of connector %1 passed to %2 meanwhile")
                      .arg(connectorId)
                      .arg(lease->holder);
        return std::nullopt;
    }
    return lease->epoch;
}

QList<qint64> LeaseRepository::heldBy(const QString &holder, const QDateTime &now)
{
    QList<qint64> ids;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT connector_id FROM connector_leases WHERE holder = ? AND "
                       "expires_at >= ? ORDER BY connector_id"),
        {holder, toStorageTime(now)}, &m_error);
    while (statement && statement.query().next())
        ids << statement.query().value(0).toLongLong();
    return ids;
}

bool LeaseRepository::announce(const QString &holder, const QString &host, qint64 pid,
                               const QDateTime &now, int seconds)
{
    return bool(m_statements.run(
        QStringLiteral("INSERT INTO sync_workers (holder, host, pid, started_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (holder) DO UPDATE SET "
                       "expires_at = excluded.expires_at"),
        {holder, host, pid, toStorageTime(now), toStorageTime(now.addSecs(seconds))}, &m_error));
}

bool LeaseRepository::leave(const QString &holder)
{
    return bool(m_statements.run(QStringLiteral("DELETE FROM sync_workers WHERE holder = ?"),
                                 {holder}, &m_error));
}

QHash<QString, int> LeaseRepository::liveWorkerLoads(const QDateTime &now)
{
    QHash<QString, int> loads;
    const QString at = toStorageTime(now);
    const auto statement = m_statements.run(
        QStringLiteral("SELECT w.holder, COUNT(l.connector_id) FROM sync_workers w "
                       "LEFT JOIN connector_leases l ON l.holder = w.holder AND l.expires_at >= ? "
                       "WHERE w.expires_at >= ? GROUP BY w.holder"),
        {at, at}, &m_error);
    while (statement && statement.query().next())
        loads.insert(statement.query().value(0).toString(), statement.query().value(1).toInt());
    return loads;
}

} // namespace fulfillsync
