#include "sync/engine/syncscheduler.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "sync/engine/syncworker.h"

#include <QTimer>

namespace fulfillsync {

SyncScheduler::SyncScheduler(Database &database, SyncWorker &worker, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_worker(worker)
{}

void SyncScheduler::start()
{
    reload();
}

void SyncScheduler::stop()
{
    qDeleteAll(m_timers);
    m_timers.clear();
}

void SyncScheduler::reload()
{
    ConnectorRepository connectors(m_database.connection());
    QHash<qint64, int> wanted;
    for (const Connector &c : connectors.all())
        if (c.enabled)
            wanted.insert(c.id, std::max(1, c.intervalMinutes));

    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (!wanted.contains(it.key())) {
            delete it.value();
            it = m_timers.erase(it);
        } else {
            it.value()->setInterval(wanted.value(it.key()) * m_minuteMs);
            ++it;
        }
    }
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (m_timers.contains(it.key()))
            continue;
        const qint64 id = it.key();
        auto *timer = new QTimer(this);
        timer->setInterval(it.value() * m_minuteMs);
        connect(timer, &QTimer::timeout, this, [this, id] { fire(id); });
        m_timers.insert(id, timer);
        timer->start();
        QTimer::singleShot(m_startDelayMs, this, [this, id] {
            if (m_timers.contains(id))
                fire(id);
        });
    }
}

void SyncScheduler::fire(qint64 connectorId)
{
    Q_EMIT triggered(connectorId);
    SyncRequest request;
    request.connectorId = connectorId;
    request.trigger = SyncTrigger::Schedule;
    m_worker.run(request);
}

} // namespace fulfillsync
