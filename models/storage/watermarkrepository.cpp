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

ReadResume WatermarkRepository::resume(qint64 connectorId, const QString &stream)
{
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT orders_from, fulfillments_from, evaluate_from FROM "
                                 "read_resume WHERE connector_id = ? AND stream = ?"),
                  {connectorId, stream}, &m_error) ||
        !q.next())
        return {};
    return {fromStorageTime(q.value(0).toString()), fromStorageTime(q.value(1).toString()),
            fromStorageTime(q.value(2).toString())};
}

bool WatermarkRepository::setResume(qint64 connectorId, const QString &stream,
                                    const ReadResume &resume)
{
    QSqlQuery q(m_db);
    return runQuery(
        q,
        QStringLiteral("INSERT INTO read_resume (connector_id, stream, orders_from, "
                       "fulfillments_from, evaluate_from) VALUES (?,?,?,?,?) ON CONFLICT "
                       "(connector_id, stream) DO UPDATE SET orders_from = excluded.orders_from, "
                       "fulfillments_from = excluded.fulfillments_from, evaluate_from = "
                       "excluded.evaluate_from"),
        {connectorId, stream, toStorageTime(resume.ordersFrom),
         toStorageTime(resume.fulfillmentsFrom), toStorageTime(resume.evaluateFrom)},
        &m_error);
}

bool WatermarkRepository::clearResume(qint64 connectorId, const QString &stream)
{
    QSqlQuery q(m_db);
    return runQuery(q,
                    QStringLiteral("DELETE FROM read_resume WHERE connector_id = ? AND stream = ?"),
                    {connectorId, stream}, &m_error);
}

} // namespace fulfillsync
