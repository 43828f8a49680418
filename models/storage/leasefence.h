#pragma once

#include "models/storage/sqlerror.h"

#include <QSqlDatabase>
#include <QString>

namespace fulfillsync {

// The lease a pass acts under: its connector, holder and epoch. A worker paused past its lease
// (a stopped VM, a swapped-out host) wakes with passes half done while another worker holds the
// connector now; those passes must neither send nor write. So every send is preceded by
// verify(), and every write transaction begins with it (FencedTransaction). Once lost, a fence
// stays lost. Passes of one connector share it with the worker's heartbeat, which marks it lost
// as soon as a renewal fails.
class LeaseFence final
{
public:
    LeaseFence(qint64 connectorId, QString holder, qint64 epoch, int leaseSeconds);

    qint64 connectorId() const { return m_connectorId; }
    qint64 epoch() const { return m_epoch; }
    bool isLost() const { return m_lost; }
    // Why the fence fell, for the run's summary.
    QString lostReason() const { return m_reason; }
    void markLost(const QString &reason);

    // True while the database still gives the lease to this holder at this epoch. A lease with
    // less than half its time left is renewed first, so a send that follows cannot outlast it.
    // Inside a transaction on PostgreSQL the lease row stays locked FOR SHARE until it ends:
    // a takeover waits for the write instead of slipping in before it.
    bool verify(QSqlDatabase &db);

private:
    qint64 m_connectorId = 0;
    QString m_holder;
    qint64 m_epoch = 0;
    int m_leaseSeconds = 30;
    bool m_lost = false;
    QString m_reason;
};

// A write transaction under a fence: it begins by verifying the fence (when there is one), and
// the caller writes only when isHeld(). An inner one (a savepoint of an outer fenced
// transaction) relies on the outer check.
class FencedTransaction final
{
public:
    FencedTransaction(QSqlDatabase &db, LeaseFence *fence);
    bool isHeld() const { return m_held; }
    bool commit(QString *error) { return m_held && m_transaction.commit(error); }

private:
    Transaction m_transaction;
    bool m_held = false;
};

} // namespace fulfillsync
