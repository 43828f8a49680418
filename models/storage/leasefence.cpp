#include "models/storage/leasefence.h"

#include "models/storage/leaserepository.h"

#include <QCoreApplication>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(LeaseFence)
};
} // namespace

LeaseFence::LeaseFence(qint64 connectorId, QString holder, qint64 epoch, int leaseSeconds)
    : m_connectorId(connectorId)
    , m_holder(std::move(holder))
    , m_epoch(epoch)
    , m_leaseSeconds(leaseSeconds)
{}

void LeaseFence::markLost(const QString &reason)
{
    if (m_lost)
        return;
    m_lost = true;
    m_reason = reason;
}

bool LeaseFence::verify(QSqlDatabase &db)
{
    if (m_lost)
        return false;
    LeaseRepository leases(db);
    // SQLite: the write lock first (see touch()), then the same check as on PostgreSQL, whose
    // FOR SHARE below holds the row instead.
    if (db.driverName() == u"QSQLITE")
        leases.touch(m_connectorId, m_holder, m_epoch);
    const std::optional<LeaseState> lease = leases.state(m_connectorId, true);
    if (!lease) {
        // Unknown is not "still ours": nothing is sent or written on a guess.
        markLost(Text::tr("Could not check the connector's lease: %1").arg(leases.lastError()));
        return false;
    }
    if (lease->holder != m_holder || lease->epoch != m_epoch) {
        markLost(lease->holder.isEmpty()
                     ? Text::tr("This worker's lease of the connector lapsed and was released "
                                "(epoch %1 now); it stopped without sending or recording more.")
                           .arg(lease->epoch)
                     : Text::tr("Another worker (%1) took the connector over at epoch %2 while "
                                "this one was held up; it stopped without sending or recording "
                                "more.")
                           .arg(lease->holder)
                           .arg(lease->epoch));
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (lease->expiresAt.isValid() && now.secsTo(lease->expiresAt) > m_leaseSeconds / 2)
        return true;
    if (!leases.renew(m_connectorId, m_holder, m_epoch, now, m_leaseSeconds)) {
        markLost(Text::tr("Could not renew the connector's lease: %1")
                     .arg(leases.lastError().isEmpty() ? Text::tr("another worker has it")
                                                       : leases.lastError()));
        return false;
    }
    return true;
}

FencedTransaction::FencedTransaction(QSqlDatabase &db, LeaseFence *fence)
    : m_transaction(db)
{
    m_held = m_transaction.isActive() &&
             (!fence || (m_transaction.isNested() ? !fence->isLost() : fence->verify(db)));
}

} // namespace fulfillsync
