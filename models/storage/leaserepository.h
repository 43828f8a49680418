#pragma once

#include "models/storage/sqlerror.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace fulfillsync {

// Connector leases: several fulfillsync-worker processes (and windows) on one shared database
// never run the same connector at once. The ledger's primary key already refuses a second
// intent; the lease keeps a second worker from even trying, so it neither fails nor
// quarantines anything while the first one works.
class LeaseRepository final
{
public:
    explicit LeaseRepository(QSqlDatabase db);

    // Takes or renews the lease until now + seconds. False when another holder's lease is still
    // valid (otherHolder then names it) or on a database error (lastError()).
    bool acquire(qint64 connectorId, const QString &holder, const QDateTime &now, int seconds,
                 QString *otherHolder = nullptr);
    bool release(qint64 connectorId, const QString &holder);
    // Takes over a lease whose holder is known to be gone (a killed process on this machine).
    // False when someone else took or renewed it meanwhile.
    bool takeOver(qint64 connectorId, const QString &goneHolder, const QString &holder,
                  const QDateTime &now, int seconds);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    StatementCache m_statements;
    QString m_error;
};

} // namespace fulfillsync
