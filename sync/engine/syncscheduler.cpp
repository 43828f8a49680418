#include "sync/engine/syncscheduler.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "sync/engine/syncworker.h"

#include <QTimer>

#include <limits>

namespace fulfillsync {

SyncScheduler::SyncScheduler(Database &database, SyncWorker &worker, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_worker(worker)
    , m_reloadTimer(new QTimer(this))
{
    // Another process (the window, a second worker, config import) may change connectors on
    // the shared database; a cheap read of the connector list every half minute notices it.
    m_reloadTimer->setInterval(30 * 1000);
    connect(m_reloadTimer, &QTimer::timeout, this, &SyncScheduler::reload);
}

void SyncScheduler::setReloadIntervalMs(int ms)
{
    m_reloadTimer->setInterval(ms);
}

void SyncScheduler::start()
{
    reload();
    m_reloadTimer->start();
}

void SyncScheduler::stop()
{
    m_reloadTimer->stop();
    const QList<qint64> ids = m_timers.keys();
    for (qint64 id : ids)
        unschedule(id);
}

void SyncScheduler::reload()
{
    ConnectorRepository connectors(m_database.connection());
    const QList<Connector> all = connectors.all();
    if (!connectors.lastError().isEmpty())
        return; // an unreadable list is not "no connectors": keep what is scheduled
    QHash<qint64, int> wanted;
    for (const Connector &c : all)
        if (c.enabled)
            wanted.insert(c.id, std::max(1, c.intervalMinutes));

    const QList<qint64> scheduled = m_timers.keys();
    for (qint64 id : scheduled)
        if (!wanted.contains(id))
            unschedule(id);
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        const qint64 id = it.key();
        if (!m_timers.contains(id)) {
            auto *timer = new QTimer(this);
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this, [this, id] { fire(id); });
            m_timers.insert(id, timer);
            m_intervals.insert(id, it.value());
            arm(id, m_startDelayMs);
        } else if (m_intervals.value(id) != it.value()) {
            m_intervals.insert(id, it.value());
            const QDateTime last = m_lastFired.value(id);
            const qint64 sinceLast =
                last.isValid() ? last.msecsTo(QDateTime::currentDateTimeUtc()) : 0;
            arm(id, std::max<qint64>(0, qint64(it.value()) * m_minuteMs - sinceLast));
        }
        // An unchanged connector keeps its running timer: re-arming it on every reload would
        // push its next run away for ever.
    }
}

void SyncScheduler::arm(qint64 connectorId, qint64 delayMs)
{
    QTimer *timer = m_timers.value(connectorId);
    timer->start(int(std::min<qint64>(delayMs, std::numeric_limits<int>::max())));
    const QDateTime due = QDateTime::currentDateTimeUtc().addMSecs(delayMs);
    m_due.insert(connectorId, due);
    Q_EMIT nextRunChanged(connectorId, due);
}

void SyncScheduler::unschedule(qint64 connectorId)
{
    delete m_timers.take(connectorId);
    m_intervals.remove(connectorId);
    m_due.remove(connectorId);
    m_lastFired.remove(connectorId);
    Q_EMIT nextRunChanged(connectorId, QDateTime());
}

void SyncScheduler::fire(qint64 connectorId)
{
    m_lastFired.insert(connectorId, QDateTime::currentDateTimeUtc());
    arm(connectorId, qint64(m_intervals.value(connectorId)) * m_minuteMs);
    SyncRequest request;
    request.connectorId = connectorId;
    request.trigger = SyncTrigger::Schedule;
    Q_EMIT triggered(request);
    m_worker.run(request);
}

} // namespace fulfillsync
