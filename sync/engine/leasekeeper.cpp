#include "sync/engine/leasekeeper.h"

#include "models/domain/leaseholder.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/leaserepository.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTimer>
#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

Q_LOGGING_CATEGORY(lcLeases, "fulfillsync.sync.leases", QtInfoMsg)

namespace fulfillsync {

namespace {

// A holder named by a process of this machine that no longer exists (killed, crashed): its
// lease need not be waited out.
bool holderIsGone(const QString &holder)
{
#ifdef Q_OS_UNIX
    const std::optional<LeaseHolder> who = LeaseHolder::parse(holder);
    if (!who || !who->isThisMachine() || who->isThisProcess())
        return false;
    return ::kill(pid_t(who->pid), 0) != 0 && errno == ESRCH;
#else
    Q_UNUSED(holder)
    return false;
#endif
}

// On PostgreSQL a lease statement waits at most a second for a row lock: a paused worker's
// open transaction (which the server ends, see start()) must not stall this worker's other
// connectors while it lasts. The next heartbeat tries again.
class LockWaitLimit final
{
public:
    explicit LockWaitLimit(QSqlDatabase &db)
        : m_db(db)
        , m_postgres(db.driverName() == u"QPSQL")
    {
        if (m_postgres)
            QSqlQuery(m_db).exec(QStringLiteral("SET lock_timeout = '1000ms'"));
    }
    ~LockWaitLimit()
    {
        if (m_postgres)
            QSqlQuery(m_db).exec(QStringLiteral("RESET lock_timeout"));
    }
    Q_DISABLE_COPY_MOVE(LockWaitLimit)

private:
    QSqlDatabase &m_db;
    bool m_postgres = false;
};

} // namespace

LeaseKeeper::LeaseKeeper(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_holder(LeaseHolder::thisProcess().toString())
    , m_heartbeat(new QTimer(this))
{
    m_heartbeat->setInterval(m_timing.heartbeatMs);
    connect(m_heartbeat, &QTimer::timeout, this, &LeaseKeeper::heartbeat);
}

LeaseKeeper::~LeaseKeeper()
{
    if (!m_held.isEmpty()) // a worker that ends without shutdown(): no one waits out its leases
        releaseAll();
}

void LeaseKeeper::setTiming(Timing timing)
{
    // A renewal must come well before expiry: at least two chances per lease.
    timing.heartbeatMs = std::max(100, timing.heartbeatMs);
    timing.leaseSeconds = std::max(timing.leaseSeconds, 2 * timing.heartbeatMs / 1000 + 1);
    m_timing = timing;
    m_heartbeat->setInterval(timing.heartbeatMs);
}

void LeaseKeeper::start()
{
    if (m_heartbeat->isActive())
        return;
    QSqlDatabase db = m_database.connection();
    if (db.driverName() == u"QPSQL") {
        // A worker stopped inside a transaction (a paused VM) holds its row locks, the lease
        // row's among them, until the server ends that transaction: no later than the lease
        // itself would have expired, so the takeover is not held up by more than a heartbeat.
        QSqlQuery(db).exec(QStringLiteral("SET idle_in_transaction_session_timeout = %1")
                               .arg(qint64(m_timing.leaseSeconds) * 1000));
    }
    LeaseRepository(db).announce(m_holder, QSysInfo::machineHostName(),
                                 QCoreApplication::applicationPid(),
                                 QDateTime::currentDateTimeUtc(), m_timing.leaseSeconds);
    m_heartbeat->start();
}

bool LeaseKeeper::mayTakeMore(const QHash<QString, int> &loads) const
{
    const int mine = int(m_held.size());
    int least = mine;
    for (auto it = loads.cbegin(); it != loads.cend(); ++it)
        if (it.key() != m_holder)
            least = std::min(least, it.value());
    return mine <= least;
}

std::shared_ptr<LeaseFence> LeaseKeeper::take(qint64 connectorId, qint64 epoch)
{
    auto fence = std::make_shared<LeaseFence>(connectorId, m_holder, epoch, m_timing.leaseSeconds);
    m_held.insert(connectorId, fence);
    return fence;
}

LeaseKeeper::Claim LeaseKeeper::claim(qint64 connectorId, bool balanced)
{
    Claim result;
    QSqlDatabase db = m_database.connection();
    const LockWaitLimit limit(db);
    const std::shared_ptr<LeaseFence> held = m_held.value(connectorId);
    if (held && held->verify(db)) { // a person's run elsewhere may have borrowed it meanwhile
        result.fence = held;
        return result;
    }
    m_held.remove(connectorId);
    LeaseRepository leases(db);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::optional<LeaseState> current = leases.state(connectorId);
    if (!current) {
        result.refusal = Refusal::Error;
        result.error = leases.lastError();
        return result;
    }
    const bool free = current->holder.isEmpty() || current->expiresAt < now;
    if (free && balanced && !mayTakeMore(leases.liveWorkerLoads(now))) {
        result.refusal = Refusal::LeftToOthers;
        return result;
    }
    qint64 epoch = 0;
    QString other;
    const bool idleElsewhere = !balanced && !free && !current->busy;
    if (leases.acquire(connectorId, m_holder, now, m_timing.leaseSeconds, &other, &epoch) ||
        (holderIsGone(other) &&
         leases.takeOver(connectorId, other, m_holder, now, m_timing.leaseSeconds, &epoch)) ||
        (idleElsewhere && other == current->holder &&
         leases.borrow(connectorId, other, current->epoch, m_holder, now, m_timing.leaseSeconds,
                       &epoch))) {
        result.fence = take(connectorId, epoch);
        return result;
    }
    if (other.isEmpty() && leases.lastError().contains(u"55P03")) {
        // The lease row is locked by another worker's open transaction (one paused mid-write,
        // say) past the one-second lock_timeout: someone holds it, which is not an error of
        // this run. The heartbeat tries again.
        result.refusal = Refusal::HeldElsewhere;
        result.holder = QCoreApplication::translate(
            "LeaseKeeper", "a worker whose transaction holds the lease right now");
    } else if (other.isEmpty()) {
        result.refusal = Refusal::Error;
        result.error = leases.lastError();
    } else {
        result.refusal = Refusal::HeldElsewhere;
        result.holder = other;
    }
    return result;
}

void LeaseKeeper::heartbeat()
{
    QSqlDatabase db = m_database.connection();
    if (!db.isOpen())
        return; // the passes find out themselves; the next beat tries again
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const LockWaitLimit limit(db);
    LeaseRepository leases(db);
    leases.announce(m_holder, QSysInfo::machineHostName(), QCoreApplication::applicationPid(), now,
                    m_timing.leaseSeconds);
    renewHeld(now);
    QHash<QString, int> loads = leases.liveWorkerLoads(now);
    // A worker of this machine whose process is gone counts no more, at once: its presence
    // would otherwise hold the others back from its connectors until it expires.
    for (auto it = loads.begin(); it != loads.end();) {
        if (holderIsGone(it.key())) {
            leases.leave(it.key());
            it = loads.erase(it);
        } else {
            ++it;
        }
    }
    letOneGo(loads);
    adoptFree(loads, now);
}

void LeaseKeeper::renewHeld(const QDateTime &now)
{
    LeaseRepository leases(m_database.connection());
    const auto held = m_held;
    for (auto it = held.cbegin(); it != held.cend(); ++it) {
        const std::shared_ptr<LeaseFence> &fence = it.value();
        if (leases.renew(it.key(), m_holder, fence->epoch(), now, m_timing.leaseSeconds))
            continue;
        if (!leases.lastError().isEmpty())
            continue; // unknown: the fence's own check decides before anything is sent
        // verify() names the new holder in the fence's reason.
        QSqlDatabase db = m_database.connection();
        fence->verify(db);
        fence->markLost(tr("The connector's lease was lost."));
        m_held.remove(it.key());
        qCWarning(lcLeases) << "lost the lease of connector" << it.key() << fence->lostReason();
        Q_EMIT lost(it.key(), fence->lostReason());
    }
}

void LeaseKeeper::letOneGo(const QHash<QString, int> &loads)
{
    int least = int(m_held.size());
    for (auto it = loads.cbegin(); it != loads.cend(); ++it)
        least = std::min(least, it.value());
    if (int(m_held.size()) <= least + 1)
        return;
    QList<qint64> ids = m_held.keys();
    std::sort(ids.begin(), ids.end(), std::greater<>());
    for (qint64 id : std::as_const(ids)) {
        if (m_running && m_running(id))
            continue;
        m_held.take(id)->markLost(tr("Let go to a less busy worker."));
        LeaseRepository(m_database.connection()).release(id, m_holder);
        qCInfo(lcLeases) << "let connector" << id << "go to a less busy worker";
        return;
    }
}

void LeaseKeeper::adoptFree(QHash<QString, int> loads, const QDateTime &now)
{
    QSqlDatabase db = m_database.connection();
    LeaseRepository leases(db);
    for (const Connector &connector : ConnectorRepository(db).all()) {
        if (!connector.enabled || m_held.contains(connector.id))
            continue;
        const std::optional<LeaseState> lease = leases.state(connector.id);
        if (!lease)
            return;
        // Only a lease someone held and no longer keeps (let go, expired, or its process gone):
        // one never held waits for its schedule.
        const bool abandoned =
            lease->epoch > 0 && (lease->holder.isEmpty() || lease->expiresAt < now);
        const bool gone = !abandoned && holderIsGone(lease->holder);
        if ((!abandoned && !gone) || !mayTakeMore(loads))
            continue;
        qint64 epoch = 0;
        QString other;
        const bool taken = abandoned ? leases.acquire(connector.id, m_holder, now,
                                                      m_timing.leaseSeconds, &other, &epoch)
                                     : leases.takeOver(connector.id, lease->holder, m_holder, now,
                                                       m_timing.leaseSeconds, &epoch);
        if (!taken)
            continue;
        take(connector.id, epoch);
        loads[m_holder] = int(m_held.size());
        qCInfo(lcLeases) << "adopted connector" << connector.id << "from" << lease->holder;
        Q_EMIT adopted(connector.id);
    }
}

void LeaseKeeper::setBusy(qint64 connectorId, bool busy)
{
    if (const std::shared_ptr<LeaseFence> fence = m_held.value(connectorId))
        LeaseRepository(m_database.connection())
            .setBusy(connectorId, m_holder, fence->epoch(), busy);
}

void LeaseKeeper::release(qint64 connectorId)
{
    if (const std::shared_ptr<LeaseFence> fence = m_held.take(connectorId)) {
        fence->markLost(tr("The lease was let go."));
        LeaseRepository(m_database.connection()).release(connectorId, m_holder);
    }
}

void LeaseKeeper::releaseAll()
{
    m_heartbeat->stop();
    QSqlDatabase db = m_database.connection();
    LeaseRepository leases(db);
    for (auto it = m_held.cbegin(); it != m_held.cend(); ++it) {
        it.value()->markLost(tr("The worker stopped."));
        leases.release(it.key(), m_holder);
    }
    m_held.clear();
    leases.leave(m_holder);
}

} // namespace fulfillsync
