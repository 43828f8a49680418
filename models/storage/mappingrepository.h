#pragma once

#include "models/domain/domain.h"

#include <QSqlDatabase>

namespace fulfillsync {

// Per-connector mapping tables (ship methods → carriers, items → SKUs, locations).
class MappingRepository final
{
public:
    explicit MappingRepository(QSqlDatabase db);

    QList<MappingRule> rules(qint64 connectorId);
    // Replaces the connector's rules of the given kinds in one transaction (explicit Save).
    bool replace(qint64 connectorId, const QList<MappingRule> &rules);
    bool upsert(qint64 connectorId, const MappingRule &rule);

    QString lastError() const { return m_error; }

private:
    bool upsertInTransaction(qint64 connectorId, const MappingRule &rule);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
