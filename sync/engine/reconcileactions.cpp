#include "sync/engine/reconcileactions.h"

#include "models/storage/ledgerrepository.h"
#include "models/storage/sqlerror.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ReconcileActions)
};

SyncRequest resyncOf(qint64 connectorId, qint64 orderId)
{
    SyncRequest request;
    request.trigger = SyncTrigger::Resync;
    request.connectorId = connectorId;
    request.orderIds = {orderId};
    return request;
}

// The newest attempt about this fulfillment: what a replay starts from.
qint64 lastAttempt(QSqlDatabase db, qint64 connectorId, qint64 orderId, qint64 fulfillmentId)
{
    QSqlQuery query(db);
    QString error;
    if (!runQuery(query,
                  QStringLiteral("SELECT MAX(id) FROM sync_attempts WHERE order_id = ? AND "
                                 "connector_id = ? AND fulfillment_id = ?"),
                  {orderId, connectorId, fulfillmentId}, &error) ||
        !query.next())
        return 0;
    return query.value(0).toLongLong();
}
} // namespace

ReconcileActions::Plan ReconcileActions::pushMissing(QSqlDatabase db, qint64 connectorId,
                                                     qint64 orderId, qint64 fulfillmentId,
                                                     bool missing)
{
    Plan plan{resyncOf(connectorId, orderId),
              Text::tr("Resyncing the order through the outbox: what the ledger does not show as "
                       "sent is pushed.")};
    if (!missing || fulfillmentId == 0)
        return plan;
    const std::optional<LedgerEntry> entry = LedgerRepository(db).entry(connectorId, fulfillmentId);
    if (!entry || (entry->state != LedgerState::Pushed && entry->state != LedgerState::Adopted))
        return plan; // not sent, or not settled yet: the resync pushes or settles it
    const qint64 attempt = lastAttempt(db, connectorId, orderId, fulfillmentId);
    if (attempt == 0) {
        plan.note = Text::tr("The ledger records it as sent and no attempt of it is left to "
                             "replay; the resync reads the order but sends nothing again.");
        return plan;
    }
    plan.request.trigger = SyncTrigger::Replay;
    plan.request.orderIds.clear();
    plan.request.replayAttemptId = attempt;
    plan.note = Text::tr("The ledger records it as sent, so it is replayed: the channel is read "
                         "back first and it is sent again only if it is not there.");
    return plan;
}

ReconcileActions::Plan ReconcileActions::resendTracking(qint64 connectorId, qint64 orderId,
                                                        qint64 fulfillmentId)
{
    Plan plan{resyncOf(connectorId, orderId),
              Text::tr("Sending NetSuite's tracking numbers again through the outbox, as a "
                       "tracking update.")};
    plan.request.resendTracking = {fulfillmentId};
    return plan;
}

} // namespace fulfillsync
