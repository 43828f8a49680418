#include "models/storage/watermarkrepository.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

WatermarkRepository::WatermarkRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QDateTime WatermarkRepository::value(qint64 connectorId, const QString &stream)
{
    QSqlQuery q(m_db);
    if (!runQuery(
            q, QStringLiteral("SELECT value FROM watermarks WHERE connector_id = ? AND stream = ?"),
            {connectorId, stream}, &m_error) ||
        !q.next())
        return {};
    return fromStorageTime(q.value(0).toString());
}

bool WatermarkRepository::setValue(qint64 connectorId, const QString &stream,
                                   const QDateTime &value, const QString &probe)
{
    QSqlQuery q(m_db);
    return runQuery(q,
                    QStringLiteral("INSERT INTO watermarks (connector_id, stream, value, probe) "
                                   "VALUES (?,?,?,?) ON CONFLICT (connector_id, stream) DO UPDATE "
                                   "SET value = excluded.value, probe = excluded.probe"),
                    {connectorId, stream, toStorageTime(value), probe}, &m_error);
}

QString WatermarkRepository::probe(qint64 connectorId, const QString &stream)
{
    QSqlQuery q(m_db);
    if (!runQuery(
            q, QStringLiteral("SELECT probe FROM watermarks WHERE connector_id = ? AND stream = ?"),
            {connectorId, stream}, &m_error) ||
        !q.next())
        return {};
    return q.value(0).toString();
}

} // namespace fulfillsync
