#pragma once

#include "models/domain/domain.h"

#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

enum class MappingChangeAction { Added, Changed, Removed };
QString mappingChangeActionKey(MappingChangeAction action);

// One versioned change of one mapping row: who saved it, when, and the row before and after.
struct MappingChange
{
    qint64 id = 0;
    qint64 connectorId = 0;
    QDateTime changedAt;
    QString changedBy;
    MappingKind kind = MappingKind::ShipMethod;
    QString sourceKey;
    MappingChangeAction action = MappingChangeAction::Added;
    std::optional<MappingRule> before; // empty for Added
    std::optional<MappingRule> after;  // empty for Removed
    bool operator==(const MappingChange &) const = default;
};

// What turns `before` into `after`, one entry per (kind, source key) that differs. Only
// kind, sourceKey, action, before and after are filled.
QList<MappingChange> diffMappingRules(const QList<MappingRule> &before,
                                      const QList<MappingRule> &after);

// The name recorded as "who": the OS account running the app or the worker.
QString currentUserName();

// The mapping_changes table. record() joins the caller's transaction (MappingRepository writes
// the changes together with the rules they describe).
class MappingHistoryRepository final
{
public:
    explicit MappingHistoryRepository(QSqlDatabase db);

    bool record(qint64 connectorId, const QList<MappingChange> &changes, const QString &changedBy,
                const QDateTime &changedAt);
    // Newest first.
    QList<MappingChange> changes(qint64 connectorId, int limit = 1000);
    // The connector's mapping version: the id of its latest change, 0 before the first one. It
    // only grows, and a save that changes nothing keeps it (for "the mapping version used" of
    // a sync attempt).
    qint64 version(qint64 connectorId);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
