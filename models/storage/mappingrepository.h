#pragma once

#include "models/domain/domain.h"

#include <QSqlDatabase>

namespace fulfillsync {

// Per-connector mapping tables (ship methods → carriers, items → SKUs, locations, custom
// fields). Every write also records what changed in mapping_changes, in the same transaction
// (see MappingHistoryRepository); changedBy empty means the OS user running this process.
class MappingRepository final
{
public:
    explicit MappingRepository(QSqlDatabase db);

    QList<MappingRule> rules(qint64 connectorId);
    // Replaces the connector's rules of the given kinds in one transaction (explicit Save).
    bool replace(qint64 connectorId, const QList<MappingRule> &rules,
                 const QString &changedBy = {});
    // Like replace(), but only while the stored rules are still `expected` (what the editor
    // loaded, in any order); otherwise nothing is written and changedElsewhere() is true.
    bool replaceIfUnchanged(qint64 connectorId, const QList<MappingRule> &expected,
                            const QList<MappingRule> &rules, const QString &changedBy = {});
    bool upsert(qint64 connectorId, const MappingRule &rule, const QString &changedBy = {});

    QString lastError() const { return m_error; }
    bool changedElsewhere() const { return m_changedElsewhere; }

private:
    bool replaceChecked(qint64 connectorId, const QList<MappingRule> *expected,
                        const QList<MappingRule> &rules, const QString &changedBy);
    bool upsertInTransaction(qint64 connectorId, const MappingRule &rule);
    bool recordChanges(qint64 connectorId, const QList<MappingRule> &before,
                       const QList<MappingRule> &after, const QString &changedBy);

    QSqlDatabase m_db;
    QString m_error;
    bool m_changedElsewhere = false;
};

} // namespace fulfillsync
