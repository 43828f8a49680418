#include "models/storage/mappingrepository.h"

#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

MappingRepository::MappingRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<MappingRule> MappingRepository::rules(qint64 connectorId)
{
    QList<MappingRule> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!prepareOrReport(
            q,
            QStringLiteral("SELECT kind, source_key, source_name, target, extra FROM "
                           "mappings WHERE connector_id = ? ORDER BY kind, source_key"),
            &m_error))
        return result;
    q.addBindValue(connectorId);
    if (!execOrReport(q, &m_error))
        return result;
    while (q.next()) {
        result << MappingRule{
            mappingKindFromKey(q.value(0).toString()).value_or(MappingKind::ShipMethod),
            q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString()};
    }
    return result;
}

bool MappingRepository::upsertInTransaction(qint64 connectorId, const MappingRule &rule)
{
    QSqlQuery q(m_db);
    if (!prepareOrReport(
            q,
            QStringLiteral("INSERT INTO mappings (connector_id, kind, source_key, source_name, "
                           "target, extra) VALUES (?,?,?,?,?,?) ON CONFLICT (connector_id, kind, "
                           "source_key) DO UPDATE SET source_name = excluded.source_name, "
                           "target = excluded.target, extra = excluded.extra"),
            &m_error))
        return false;
    q.addBindValue(connectorId);
    q.addBindValue(mappingKindKey(rule.kind));
    q.addBindValue(rule.sourceKey);
    q.addBindValue(rule.sourceName);
    q.addBindValue(rule.target);
    q.addBindValue(rule.extra);
    return execOrReport(q, &m_error);
}

bool MappingRepository::upsert(qint64 connectorId, const MappingRule &rule)
{
    return upsertInTransaction(connectorId, rule);
}

bool MappingRepository::replace(qint64 connectorId, const QList<MappingRule> &rules)
{
    Transaction transaction(m_db);
    QSqlQuery q(m_db);
    if (!prepareOrReport(q, QStringLiteral("DELETE FROM mappings WHERE connector_id = ?"),
                         &m_error))
        return false;
    q.addBindValue(connectorId);
    if (!execOrReport(q, &m_error))
        return false;
    for (const MappingRule &rule : rules) {
        if (!upsertInTransaction(connectorId, rule))
            return false;
    }
    return transaction.commit(&m_error);
}

} // namespace fulfillsync
