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
                              int seconds, QString *otherHolder)
{
    m_error.clear();
    // One statement, so two workers racing for a free or expired lease cannot both win: the
    // conditional DO UPDATE changes no row when someone else holds a valid lease.
    const auto statement = m_statements.run(
        QStringLiteral("INSERT INTO connector_leases (connector_id, holder, expires_at) "
                       "VALUES (?, ?, ?) ON CONFLICT (connector_id) DO UPDATE SET "
                       "holder = excluded.holder, expires_at = excluded.expires_at "
                       "WHERE connector_leases.holder = excluded.holder "
                       "OR connector_leases.expires_at < ?"),
        {connectorId, holder, toStorageTime(now.addSecs(seconds)), toStorageTime(now)}, &m_error);
    if (!statement)
        return false;
    if (statement.query().numRowsAffected() > 0)
        return true;
    if (otherHolder) {
        const auto current = m_statements.run(
            QStringLiteral("SELECT holder FROM connector_leases WHERE connector_id = ?"),
            {connectorId}, &m_error);
        if (current && current.query().next())
            *otherHolder = current.query().value(0).toString();
    }
    return false;
}

bool LeaseRepository::takeOver(qint64 connectorId, const QString &goneHolder, const QString &holder,
                               const QDateTime &now, int seconds)
{
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE connector_leases SET holder = ?, expires_at = ? "
                       "WHERE connector_id = ? AND holder = ?"),
        {holder, toStorageTime(now.addSecs(seconds)), connectorId, goneHolder}, &m_error);
    return statement && statement.query().numRowsAffected() > 0;
}

bool LeaseRepository::release(qint64 connectorId, const QString &holder)
{
    return bool(m_statements.run(
        QStringLiteral("DELETE FROM connector_leases WHERE connector_id = ? AND holder = ?"),
        {connectorId, holder}, &m_error));
}

} // namespace fulfillsync
