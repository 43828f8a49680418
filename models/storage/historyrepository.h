#pragma once

#include "models/domain/domain.h"
#include "models/storage/sqlerror.h"

#include <QHash>
#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// Append-only sync history. Reading for the big table goes through models/item's reader.
class HistoryRepository final
{
public:
    explicit HistoryRepository(QSqlDatabase db);

    // Returns the new row's id, or 0 on failure.
    qint64 append(const SyncAttempt &attempt);
    QList<SyncAttempt> latest(int limit);
    std::optional<SyncAttempt> byId(qint64 id);
    qint64 count();
    // How often each of the order's fulfillments was tried by the connector, and the last try.
    struct FulfillmentAttempts
    {
        int count = 0;
        qint64 lastAttemptId = 0;
        QDateTime lastAt;
    };
    QHash<qint64, FulfillmentAttempts> attemptsOfOrder(qint64 connectorId, qint64 orderId);

    QString lastError() const { return m_error; }

private:
    QList<SyncAttempt> select(const QString &tail, const QVariantList &values);

    QSqlDatabase m_db;
    StatementCache m_statements; // prepared once per repository object
    QString m_error;
};

} // namespace fulfillsync
