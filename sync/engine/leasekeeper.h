#pragma once

#include "models/storage/leasefence.h"

#include <QHash>
#include <QObject>
#include <functional>
#include <memory>

class QTimer;

namespace fulfillsync {

class Database;

// A worker's connector leases on the shared database, kept by heartbeat (default every 10 s,
// valid 30 s) for as long as the worker lives, not only while a pass runs:
//   - a worker that dies stops renewing, so its connectors are free once their leases expire
//     and a live worker adopts them at its next heartbeat (within a minute, whatever machine);
//   - a worker whose renewal fails (paused past its lease, taken over) marks the lease's fence
//     lost at once, so its passes stop before they send or write (LeaseFence);
//   - connectors are spread: a scheduled pass or an adoption takes a free connector only when
//     this worker holds no more than the least-loaded live worker, and a worker that holds
//     more than one above it lets one go between passes.
// Lives in the SyncWorker's thread; created there, or moved with it.
class LeaseKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaseKeeper)

public:
    struct Timing
    {
        int heartbeatMs = 10000;
        int leaseSeconds = 30;
    };
    enum class Refusal {
        None,
        HeldElsewhere, // another live holder's lease
        LeftToOthers,  // free, but a less loaded worker should take it
        Error,
    };
    struct Claim
    {
        std::shared_ptr<LeaseFence> fence; // null unless refusal is None
        Refusal refusal = Refusal::None;
        QString holder; // HeldElsewhere: who
        QString error;  // Error: the database's words
    };

    explicit LeaseKeeper(Database &database, QObject *parent = nullptr);
    ~LeaseKeeper() override;

    void setTiming(Timing timing);
    Timing timing() const { return m_timing; }
    QString holder() const { return m_holder; }
    // Which connectors have a pass under way: those are never let go for balance.
    void setRunningCheck(std::function<bool(qint64)> running) { m_running = std::move(running); }

    // The lease for a pass of this connector. balanced: a scheduled pass, which takes a free
    // connector only where the spread allows (see the class comment); a person's run takes it
    // whenever it is free, and from a live holder that has no pass of it under way.
    Claim claim(qint64 connectorId, bool balanced);
    QList<qint64> heldConnectors() const { return m_held.keys(); }
    // The holder's pass of this connector begins or ends (see LeaseRepository::setBusy).
    void setBusy(qint64 connectorId, bool busy);
    // Lets this connector go now (a pass that overran its deadline: another worker may try).
    void release(qint64 connectorId);
    // Announces this worker and starts the heartbeat (once).
    void start();
    // Lets every lease go and leaves the worker list (an orderly exit).
    void releaseAll();
    void heartbeat();

Q_SIGNALS:
    // The lease was renewed by no one but someone else: its passes must stop.
    void lost(qint64 connectorId, const QString &reason);
    // A free connector (its holder died or let it go) is this worker's now: run it.
    void adopted(qint64 connectorId);

private:
    bool mayTakeMore(const QHash<QString, int> &loads) const;
    std::shared_ptr<LeaseFence> take(qint64 connectorId, qint64 epoch);
    void renewHeld(const QDateTime &now);
    void letOneGo(const QHash<QString, int> &loads);
    void adoptFree(QHash<QString, int> loads, const QDateTime &now);

    Database &m_database;
    Timing m_timing;
    QString m_holder;
    QTimer *m_heartbeat = nullptr;
    QHash<qint64, std::shared_ptr<LeaseFence>> m_held;
    std::function<bool(qint64)> m_running;
};

} // namespace fulfillsync
