#include "models/storage/mappinghistory.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>

namespace fulfillsync {

namespace {

using RuleKey = QPair<QString, QString>; // kind key, source key

QMap<RuleKey, MappingRule> byKey(const QList<MappingRule> &rules)
{
    QMap<RuleKey, MappingRule> map;
    for (const MappingRule &rule : rules)
        map.insert({mappingKindKey(rule.kind), rule.sourceKey}, rule);
    return map;
}

QString ruleJson(const std::optional<MappingRule> &rule)
{
    if (!rule)
        return {};
    const QJsonObject o{{QStringLiteral("sourceName"), rule->sourceName},
                        {QStringLiteral("target"), rule->target},
                        {QStringLiteral("extra"), rule->extra}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<MappingRule> ruleFromJson(MappingKind kind, const QString &sourceKey,
                                        const QString &json)
{
    if (json.isEmpty())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    return MappingRule{kind, sourceKey, o.value(QLatin1String("sourceName")).toString(),
                       o.value(QLatin1String("target")).toString(),
                       o.value(QLatin1String("extra")).toString()};
}

MappingChangeAction actionFromKey(const QString &key)
{
    if (key == u"removed")
        return MappingChangeAction::Removed;
    if (key == u"changed")
        return MappingChangeAction::Changed;
    return MappingChangeAction::Added;
}

} // namespace

QString mappingChangeActionKey(MappingChangeAction action)
{
    switch (action) {
    case MappingChangeAction::Added:
        return QStringLiteral("added");
    case MappingChangeAction::Changed:
        return QStringLiteral("changed");
    case MappingChangeAction::Removed:
        return QStringLiteral("removed");
    }
    return {};
}

QList<MappingChange> diffMappingRules(const QList<MappingRule> &before,
                                      const QList<MappingRule> &after)
{
    const auto old = byKey(before);
    const auto now = byKey(after);
    QList<MappingChange> changes;
    for (auto it = old.cbegin(); it != old.cend(); ++it) {
        const auto n = now.constFind(it.key());
        MappingChange change;
        change.kind = it->kind;
        change.sourceKey = it->sourceKey;
        change.before = *it;
        if (n == now.cend()) {
            change.action = MappingChangeAction::Removed;
        } else if (*n != *it) {
            change.action = MappingChangeAction::Changed;
            change.after = *n;
        } else {
            continue;
        }
        changes << change;
    }
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (old.contains(it.key()))
            continue;
        MappingChange change;
        change.kind = it->kind;
        change.sourceKey = it->sourceKey;
        change.action = MappingChangeAction::Added;
        change.after = *it;
        changes << change;
    }
    return changes;
}

QString currentUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME"); // Windows
    if (name.isEmpty())
        name = QSysInfo::machineHostName();
    return name;
}

MappingHistoryRepository::MappingHistoryRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

bool MappingHistoryRepository::record(qint64 connectorId, const QList<MappingChange> &changes,
                                      const QString &changedBy, const QDateTime &changedAt)
{
    if (changes.isEmpty())
        return true;
    Transaction transaction(m_db);
    QSqlQuery q(m_db);
    if (!prepareOrReport(q,
                         QStringLiteral("INSERT INTO mapping_changes (connector_id, changed_at, "
                                        "changed_by, kind, source_key, action, before_json, "
                                        "after_json) VALUES (?,?,?,?,?,?,?,?)"),
                         &m_error))
        return false;
    const QString at = toStorageTime(changedAt);
    for (const MappingChange &change : changes) {
        q.bindValue(0, connectorId);
        q.bindValue(1, at);
        q.bindValue(2, changedBy);
        q.bindValue(3, mappingKindKey(change.kind));
        q.bindValue(4, change.sourceKey);
        q.bindValue(5, mappingChangeActionKey(change.action));
        q.bindValue(6, ruleJson(change.before));
        q.bindValue(7, ruleJson(change.after));
        if (!execOrReport(q, &m_error))
            return false;
    }
    return transaction.commit(&m_error);
}

QList<MappingChange> MappingHistoryRepository::changes(qint64 connectorId, int limit)
{
    QList<MappingChange> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!runQuery(q,
                  QStringLiteral("SELECT id, changed_at, changed_by, kind, source_key, action, "
                                 "before_json, after_json FROM mapping_changes WHERE "
                                 "connector_id = ? ORDER BY id DESC LIMIT ?"),
                  {connectorId, limit}, &m_error))
        return result;
    while (q.next()) {
        MappingChange change;
        change.id = q.value(0).toLongLong();
        change.connectorId = connectorId;
        change.changedAt = fromStorageTime(q.value(1).toString());
        change.changedBy = q.value(2).toString();
        change.kind = mappingKindFromKey(q.value(3).toString()).value_or(MappingKind::ShipMethod);
        change.sourceKey = q.value(4).toString();
        change.action = actionFromKey(q.value(5).toString());
        change.before = ruleFromJson(change.kind, change.sourceKey, q.value(6).toString());
        change.after = ruleFromJson(change.kind, change.sourceKey, q.value(7).toString());
        result << change;
    }
    return result;
}

qint64 MappingHistoryRepository::version(qint64 connectorId)
{
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM mapping_changes WHERE "
                                 "connector_id = ?"),
                  {connectorId}, &m_error) ||
        !q.next())
        return 0;
    return q.value(0).toLongLong();
}

} // namespace fulfillsync
