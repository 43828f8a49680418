#include "sync/engine/reconcilescheduler.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/reconciliationschedules.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcReconcileSchedule, "fulfillsync.sync.reconcileschedule", QtInfoMsg)

namespace fulfillsync {

ReconcileScheduler::ReconcileScheduler(Database &database, QString holder, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_holder(std::move(holder))
    , m_clock([] { return QDateTime::currentDateTime(); })
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(60 * 1000);
    connect(m_timer, &QTimer::timeout, this, &ReconcileScheduler::tick);
}

void ReconcileScheduler::setTickMs(int ms)
{
    m_timer->setInterval(ms);
}

void ReconcileScheduler::start()
{
    // The test suite's daemons and windows run at any hour, 02:30 included; a reading of the
    // channel they did not ask for would upset what they count. Set by tests/CMakeLists.txt.
    if (qEnvironmentVariable("FULFILLSYNC_NIGHTLY_RECONCILE") == u"off")
        return;
    m_timer->start();
    QTimer::singleShot(0, this, &ReconcileScheduler::tick);
}

void ReconcileScheduler::stop()
{
    m_timer->stop();
}

void ReconcileScheduler::tick()
{
    const QDateTime now = m_clock();
    QSqlDatabase db = m_database.connection();
    ConnectorRepository connectors(db);
    const QList<Connector> all = connectors.all();
    if (!connectors.lastError().isEmpty())
        return; // unreadable now: the next tick asks again
    ReconciliationSchedules schedules(db);
    for (const Connector &connector : all) {
        if (!connector.enabled || connector.isThreePl())
            continue; // a 3PL has no channel to read back
        const ReconcileSchedule schedule = schedules.of(connector.id);
        const std::optional<QDate> night = schedule.dueNight(now);
        if (!night)
            continue;
        const QString key = QStringLiteral("%1/%2").arg(connector.id).arg(night->toJulianDay());
        if (m_settled.contains(key))
            continue;
        const bool mine = schedules.claimNight(connector.id, *night, m_holder);
        if (!schedules.lastError().isEmpty()) {
            qCWarning(lcReconcileSchedule) << "could not claim the night's reconciliation of"
                                           << connector.name << ":" << schedules.lastError();
            continue; // asked again at the next tick
        }
        m_settled.insert(key);
        if (!mine)
            continue; // another worker (or an earlier run of this one) has it
        ReconcileRequest request;
        request.connectorId = connector.id;
        request.until = *night;
        request.since = night->addDays(1 - std::max(1, schedule.rangeDays));
        request.trigger = SyncTrigger::Schedule;
        Q_EMIT triggered(request);
    }
}

} // namespace fulfillsync
