#pragma once

#include "models/storage/sqlerror.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// A connector's lease as the database holds it.
struct LeaseState
{
    QString holder; // empty: released
    qint64 epoch = 0;
    QDateTime expiresAt;
    bool busy = false; // the holder has a pass under way
};

// Connector leases: several fulfillsync-worker processes (and windows) on one shared database
// never run the same connector at once. A lease is fenced: its epoch grows by one whenever it
// passes to another holder, and never goes back (a released lease keeps its row), so a worker
// that was paused past its lease can tell, before it sends or writes, that someone else acts
// for the connector now (LeaseFence). The ledger's primary key still refuses a second intent.
// Workers also announce themselves here, so connectors can be spread over the live ones.
class LeaseRepository final
{
public:
    explicit LeaseRepository(QSqlDatabase db);

    // Takes or renews the lease until now + seconds; *epoch receives the lease's epoch. False
    // when another holder's lease is still valid (otherHolder then names it) or on a database
    // error (lastError()).
    bool acquire(qint64 connectorId, const QString &holder, const QDateTime &now, int seconds,
                 QString *otherHolder = nullptr, qint64 *epoch = nullptr);
    // Extends this holder's lease of this epoch. False when it is not theirs any more (or on a
    // database error): whatever they were doing for the connector must stop.
    bool renew(qint64 connectorId, const QString &holder, qint64 epoch, const QDateTime &now,
               int seconds);
    bool release(qint64 connectorId, const QString &holder);
    // Marks the holder's pass under way (or over). A lease that is not busy may be borrowed.
    bool setBusy(qint64 connectorId, const QString &holder, qint64 epoch, bool busy);
    // A person's run takes over an idle lease of a live holder (no pass of theirs under way);
    // the holder finds it lost at its next renewal. False when it is busy or changed meanwhile.
    bool borrow(qint64 connectorId, const QString &idleHolder, qint64 idleEpoch,
                const QString &holder, const QDateTime &now, int seconds, qint64 *epoch = nullptr);
    // Takes over a lease whose holder is known to be gone (a killed process on this machine).
    // False when someone else took or renewed it meanwhile.
    bool takeOver(qint64 connectorId, const QString &goneHolder, const QString &holder,
                  const QDateTime &now, int seconds, qint64 *epoch = nullptr);
    // A write that changes nothing, so that on SQLite the transaction it begins holds the
    // database's write lock from its first statement (a deferred transaction that reads first
    // cannot take it later while another process writes: "database is locked"). False when the
    // lease is not this holder's at this epoch.
    bool touch(qint64 connectorId, const QString &holder, qint64 epoch);
    // forShare: on PostgreSQL the row stays locked against a takeover until the transaction
    // this runs in ends (see FencedTransaction).
    std::optional<LeaseState> state(qint64 connectorId, bool forShare = false);
    // The connectors whose unexpired lease this holder has.
    QList<qint64> heldBy(const QString &holder, const QDateTime &now);

    // A worker's presence, renewed by its heartbeat.
    bool announce(const QString &holder, const QString &host, qint64 pid, const QDateTime &now,
                  int seconds);
    bool leave(const QString &holder);
    // Each live worker (presence not expired) with the number of unexpired leases it holds.
    QHash<QString, int> liveWorkerLoads(const QDateTime &now);

    QString lastError() const { return m_error; }

private:
    std::optional<qint64> epochOf(qint64 connectorId, const QString &holder);

    QSqlDatabase m_db;
    StatementCache m_statements;
    QString m_error;
};

} // namespace fulfillsync
