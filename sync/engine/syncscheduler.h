#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>

class QTimer;

namespace fulfillsync {

class Database;
class SyncWorker;
struct SyncRequest;

// Runs each enabled connector at its own interval (default 5 minutes, at least 1), in the
// fulfillsync-worker daemon and in the window alike. Every trigger that starts a scheduled pass:
//   1. start(): each enabled connector runs once, a few seconds after start-up;
//   2. the connector's own timer, set again for one interval each time it fires;
//   3. reload(): connectors added, edited, enabled or disabled — here or by another process on
//      the shared database, which start() polls for — stop or start their timers (a new one runs
//      once, as in 1). A changed interval counts from the connector's last scheduled run.
// Manual "Sync now", resync and replay do not move the timers. The worker takes the connector's
// lease for every pass, so a window and a daemon never run one connector together, and a
// connector still running when its timer fires is coalesced into one follow-up pass.
// nextRunChanged() tells the truth the Dashboard shows: when this scheduler will next start it.
class SyncScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncScheduler)

public:
    SyncScheduler(Database &database, SyncWorker &worker, QObject *parent = nullptr);

    // Tests shorten a minute; the interval is still counted in the connector's minutes.
    void setMinuteMs(int ms) { m_minuteMs = ms; }
    void setStartDelayMs(int ms) { m_startDelayMs = ms; }
    void setReloadIntervalMs(int ms);

    void start();
    void reload();
    void stop();
    QList<qint64> scheduledConnectors() const { return m_timers.keys(); }
    QDateTime nextRun(qint64 connectorId) const { return m_due.value(connectorId); }

Q_SIGNALS:
    // Emitted just before the scheduled pass is handed to the worker.
    void triggered(const fulfillsync::SyncRequest &request);
    // due is invalid when the connector is no longer scheduled here.
    void nextRunChanged(qint64 connectorId, const QDateTime &due);

private:
    void fire(qint64 connectorId);
    void arm(qint64 connectorId, qint64 delayMs);
    void unschedule(qint64 connectorId);

    Database &m_database;
    SyncWorker &m_worker;
    QHash<qint64, QTimer *> m_timers;
    QHash<qint64, int> m_intervals; // minutes
    QHash<qint64, QDateTime> m_due;
    QHash<qint64, QDateTime> m_lastFired;
    QTimer *m_reloadTimer = nullptr;
    int m_minuteMs = 60 * 1000;
    int m_startDelayMs = 3000;
};

} // namespace fulfillsync
