#include "models/storage/mappingrepository.h"

#include "models/storage/mappinghistory.h"
#include "models/storage/sqlerror.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <tuple>

namespace fulfillsync {

namespace {
QList<MappingRule> sortedRules(QList<MappingRule> rules)
{
    std::sort(rules.begin(), rules.end(), [](const MappingRule &a, const MappingRule &b) {
        return std::tuple(int(a.kind), a.sourceKey) < std::tuple(int(b.kind), b.sourceKey);
    });
    return rules;
}
} // namespace

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

bool MappingRepository::recordChanges(qint64 connectorId, const QList<MappingRule> &before,
                                      const QList<MappingRule> &after, const QString &changedBy)
{
    MappingHistoryRepository history(m_db);
    if (history.record(connectorId, diffMappingRules(before, after),
                       changedBy.isEmpty() ? currentUserName() : changedBy,
                       QDateTime::currentDateTimeUtc()))
        return true;
    m_error = history.lastError();
    return false;
}

bool MappingRepository::upsert(qint64 connectorId, const MappingRule &rule,
                               const QString &changedBy)
{
    Transaction transaction(m_db);
    m_error.clear();
    const QList<MappingRule> all = rules(connectorId);
    if (!m_error.isEmpty())
        return false;
    QList<MappingRule> before;
    for (const MappingRule &r : all)
        if (r.kind == rule.kind && r.sourceKey == rule.sourceKey)
            before << r;
    if (!upsertInTransaction(connectorId, rule) ||
        !recordChanges(connectorId, before, {rule}, changedBy))
        return false;
    return transaction.commit(&m_error);
}

bool MappingRepository::replace(qint64 connectorId, const QList<MappingRule> &rules,
                                const QString &changedBy)
{
    return replaceChecked(connectorId, nullptr, rules, changedBy);
}

bool MappingRepository::replaceIfUnchanged(qint64 connectorId, const QList<MappingRule> &expected,
                                           const QList<MappingRule> &rules,
                                           const QString &changedBy)
{
    return replaceChecked(connectorId, &expected, rules, changedBy);
}

bool MappingRepository::replaceChecked(qint64 connectorId, const QList<MappingRule> *expected,
                                       const QList<MappingRule> &rules, const QString &changedBy)
{
    Transaction transaction(m_db);
    m_error.clear();
    m_changedElsewhere = false;
    // Two admins saving the same connector on PostgreSQL take turns here, so the second one
    // reads the first one's rules below. (SQLite has one writer at a time anyway.)
    if (m_db.driverName() == u"QPSQL") {
        QSqlQuery lock(m_db);
        if (!runQuery(lock, QStringLiteral("SELECT id FROM connectors WHERE id = ? FOR UPDATE"),
                      {connectorId}, &m_error))
            return false;
    }
    const QList<MappingRule> before = this->rules(connectorId);
    if (!m_error.isEmpty())
        return false;
    if (expected && sortedRules(before) != sortedRules(*expected)) {
        m_changedElsewhere = true;
        m_error = QCoreApplication::translate(
            "MappingRepository",
            "The mappings were changed elsewhere since they were read (see History).");
        return false;
    }
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
    if (!recordChanges(connectorId, before, rules, changedBy))
        return false;
    return transaction.commit(&m_error);
}

} // namespace fulfillsync
