#pragma once

#include "sync/engine/reconcilemessages.h"

#include <QDate>
#include <QObject>
#include <QSet>
#include <functional>

class QTimer;

namespace fulfillsync {

class Database;

// Starts each channel connector's nightly reconciliation (ReconcileSchedule: default 02:30
// local time, over the last 30 days), in the fulfillsync-worker daemon and in the window alike.
// It looks once a minute; a run is started at most once per connector and night across every
// worker on the database: the first to claim the night (ReconciliationSchedules::claimNight, a
// primary key) runs it, the others see it taken. Unlike a lease, the claim does not expire, so
// a restart or a second window later that night does not run it again.
class ReconcileScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconcileScheduler)

public:
    using Clock = std::function<QDateTime()>; // local time
    // holder: who claims the nights (the worker's lease holder name: host and pid).
    ReconcileScheduler(Database &database, QString holder, QObject *parent = nullptr);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setTickMs(int ms);

    // Looks at once, then every tick; not at all with FULFILLSYNC_NIGHTLY_RECONCILE=off.
    void start();
    void stop();
    void tick();

Q_SIGNALS:
    // A scheduled run this scheduler claimed: hand it to the worker.
    void triggered(const fulfillsync::ReconcileRequest &request);

private:
    Database &m_database;
    QString m_holder;
    Clock m_clock;
    QTimer *m_timer = nullptr;
    QSet<QString> m_settled; // "connector/night" known to be claimed: not asked again
};

} // namespace fulfillsync
