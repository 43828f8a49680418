#pragma once

#include <QHash>
#include <QObject>

class QTimer;

namespace fulfillsync {

class Database;
class SyncWorker;

// Runs each enabled connector at its own interval (default 5 minutes, at least 1).
// Every trigger that starts a scheduled pass:
//   1. start(): each enabled connector runs once, a few seconds after start-up;
//   2. the connector's interval timer, restarted after each of its scheduled passes is queued;
//   3. reload(): called after connectors were added, edited, enabled or disabled — timers of
//      removed or disabled connectors stop, new ones start (and run once, as in 1).
// Manual "Sync now", resync and replay do not go through the scheduler and do not move its
// timers. A connector that is still running when its timer fires is not run twice: the worker
// coalesces it into one follow-up pass.
class SyncScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncScheduler)

public:
    SyncScheduler(Database &database, SyncWorker &worker, QObject *parent = nullptr);

    // Tests shorten a minute; the interval is still counted in the connector's minutes.
    void setMinuteMs(int ms) { m_minuteMs = ms; }
    void setStartDelayMs(int ms) { m_startDelayMs = ms; }

    void start();
    void reload();
    void stop();
    QList<qint64> scheduledConnectors() const { return m_timers.keys(); }

Q_SIGNALS:
    void triggered(qint64 connectorId);

private:
    void fire(qint64 connectorId);

    Database &m_database;
    SyncWorker &m_worker;
    QHash<qint64, QTimer *> m_timers;
    int m_minuteMs = 60 * 1000;
    int m_startDelayMs = 3000;
};

} // namespace fulfillsync
