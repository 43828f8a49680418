#pragma once

#include "models/domain/domain.h"

#include <QSqlDatabase>

namespace fulfillsync {

// Append-only sync history. Reading for the big table goes through models/item's reader.
class HistoryRepository final
{
public:
    explicit HistoryRepository(QSqlDatabase db);

    // Returns the new row's id, or 0 on failure.
    qint64 append(const SyncAttempt &attempt);
    QList<SyncAttempt> latest(int limit);
    qint64 count();

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
