#include "sync/engine/inboxactions.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "models/storage/sqlerror.h"
#include "sync/engine/flagresolution.h"

#include <QCoreApplication>
#include <QMap>
#include <QSqlQuery>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(InboxActions)
};
// What resolving leaves the engine to do, said in the history line.
QString acknowledgement(const InboxItem &item)
{
    if (item.subject == InboxSubject::ThreePlShipment && item.problem == InboxProblem::Held)
        return Text::tr("Resolved by %1: %2 (the shipment stays held: no item fulfillment is "
                        "created for it unless it is retried)");
    if (item.subject == InboxSubject::ThreePlShipment && item.problem == InboxProblem::Flagged)
        return Text::tr("Resolved by %1: %2 (the item fulfillment of the voided label is left as "
                        "it is)");
    if (item.subject == InboxSubject::ThreePlOrder && item.problem == InboxProblem::Held)
        return Text::tr("Resolved by %1: %2 (the order is not sent to the 3PL while the same "
                        "thing stops it; a different reason opens it again)");
    return Text::tr("Acknowledged by %1: %2 (still retried; a new failure opens it again)");
}

// The history line of a person's decision about an item: nothing was sent.
SyncAttempt personsAttempt(const InboxItem &item, const QDateTime &now, const QString &message)
{
    SyncAttempt attempt;
    attempt.occurredAt = now;
    attempt.connectorId = item.connectorId;
    attempt.connectorName = item.connectorName;
    attempt.orderId = item.orderId;
    attempt.orderTranId = item.orderTranId;
    attempt.fulfillmentId = item.fulfillmentId;
    attempt.fulfillmentTranId = item.fulfillmentTranId;
    attempt.trigger = SyncTrigger::Manual;
    attempt.outcome = SyncOutcome::Skipped;
    attempt.message = message;
    return attempt;
}

} // namespace

QList<qint64> InboxActions::idsMatching(QSqlDatabase db, const TablePageQuery &filter,
                                        QString *error)
{
    QList<qint64> ids;
    const TablePageQuery::Sql sql = filter.exportSql();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!prepareOrReport(q, sql.text, error))
        return ids;
    for (const QVariant &value : sql.values)
        q.addBindValue(value);
    if (!execOrReport(q, error))
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

InboxActions::Outcome InboxActions::resolve(QSqlDatabase db, const QList<qint64> &itemIds,
                                            const QString &reason, const QString &who)
{
    Outcome outcome;
    const QString why = reason.trimmed();
    if (why.isEmpty()) {
        outcome.error = Text::tr("Say why: the reason is kept in the inbox and the history.");
        return outcome;
    }
    InboxRepository inbox(db);
    ConnectorRepository connectors(db);
    HistoryRepository history(db);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const InboxItem &item : inbox.items(itemIds)) {
        if (item.state != InboxState::Open) {
            ++outcome.skipped;
            continue;
        }
        const std::optional<Connector> connector = connectors.byId(item.connectorId);
        QString error;
        if (item.problem == InboxProblem::Flagged && item.subject == InboxSubject::Fulfillment &&
            connector) {
            // Closes the ledger's flag and the item, and writes the history line.
            if (FlagResolution::resolve(db, *connector, item.orderId, item.fulfillmentId, why, who,
                                        &error) > 0)
                ++outcome.resolved;
            else if (outcome.error.isEmpty())
                outcome.error = error;
            continue;
        }
        Transaction transaction(db);
        const SyncAttempt attempt = personsAttempt(item, now, acknowledgement(item).arg(who, why));
        const QString resolution = Text::tr("%1: %2").arg(who, why);
        if (history.append(attempt) == 0 || !inbox.resolve(item.id, resolution, now) ||
            !transaction.commit(&error)) {
            if (outcome.error.isEmpty())
                outcome.error = error.isEmpty() ? history.lastError() + inbox.lastError() : error;
            continue;
        }
        ++outcome.resolved;
    }
    if (outcome.error.isEmpty() && !inbox.lastError().isEmpty())
        outcome.error = inbox.lastError();
    return outcome;
}

QList<SyncRequest> InboxActions::retryRequests(QSqlDatabase db, const QList<qint64> &itemIds)
{
    QMap<qint64, QList<qint64>> ordersByConnector;
    for (const InboxItem &item : InboxRepository(db).items(itemIds)) {
        if (item.problem == InboxProblem::Flagged || item.state == InboxState::AutoResolved)
            continue;
        QList<qint64> &orders = ordersByConnector[item.connectorId];
        if (!orders.contains(item.orderId))
            orders << item.orderId;
    }
    QList<SyncRequest> requests;
    for (auto it = ordersByConnector.cbegin(); it != ordersByConnector.cend(); ++it) {
        SyncRequest request;
        request.connectorId = it.key();
        request.trigger = SyncTrigger::Resync;
        request.orderIds = it.value();
        requests << request;
    }
    return requests;
}

QList<ReconciliationReading> InboxActions::adoptionCandidates(QSqlDatabase db, qint64 itemId)
{
    QList<ReconciliationReading> candidates;
    const QList<InboxItem> items = InboxRepository(db).items({itemId});
    if (items.isEmpty() || items.first().subject != InboxSubject::Fulfillment)
        return candidates;
    const InboxItem &item = items.first();
    QStringList claimed;
    for (const LedgerEntry &e : LedgerRepository(db).entriesOfOrder(item.connectorId, item.orderId))
        claimed << e.channelFulfillmentId;
    for (const ReconciliationReading &r :
         ReconciliationRepository(db).ofOrder(item.connectorId, item.orderId))
        if (r.fulfillmentId == 0 && !r.channelFulfillmentId.isEmpty() &&
            !claimed.contains(r.channelFulfillmentId))
            candidates << r;
    return candidates;
}

QString InboxActions::adopt(QSqlDatabase db, qint64 itemId, const QString &channelFulfillmentId,
                            const QString &reason, const QString &who)
{
    const QString why = reason.trimmed();
    if (why.isEmpty())
        return Text::tr("Say why: the reason is kept in the inbox and the history.");
    InboxRepository inbox(db);
    const QList<InboxItem> items = inbox.items({itemId});
    if (items.isEmpty())
        return Text::tr("Inbox item %1 does not exist.").arg(itemId);
    const InboxItem &item = items.first();
    if (item.state != InboxState::Open || item.subject != InboxSubject::Fulfillment ||
        item.problem == InboxProblem::Flagged)
        return Text::tr("Only an open failed or held item fulfillment can be adopted.");
    const QList<ReconciliationReading> candidates = adoptionCandidates(db, itemId);
    const auto chosen =
        std::find_if(candidates.cbegin(), candidates.cend(), [&](const ReconciliationReading &r) {
            return r.channelFulfillmentId == channelFulfillmentId;
        });
    if (chosen == candidates.cend())
        return Text::tr("Channel fulfillment %1 is not one of order %2's that nothing explains in "
                        "its last reading. Read the channel again (order pane: Read the channel "
                        "now) and choose from what it shows.")
            .arg(channelFulfillmentId, item.orderTranId);
    OrderRepository orders(db);
    const std::optional<SalesOrder> order = orders.order(item.orderId);
    double quantity = 0;
    for (const ItemFulfillment &f : orders.fulfillmentsOfOrder(item.orderId))
        if (f.id == item.fulfillmentId)
            quantity = f.totalQuantity();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    LedgerEntry adopted;
    adopted.connectorId = item.connectorId;
    adopted.fulfillmentId = item.fulfillmentId;
    adopted.orderId = item.orderId;
    adopted.channelOrder = order ? order->channelOrder : QString();
    adopted.channelFulfillmentId = channelFulfillmentId;
    // What the channel holds: where NetSuite's tracking differs, the pass sends NetSuite's.
    adopted.trackingNumbers = chosen->channelTracking;
    adopted.quantity = quantity;
    const SyncAttempt attempt =
        personsAttempt(item, now,
                       Text::tr("Adopted channel fulfillment %1 made by another tool, chosen by "
                                "%2: %3. Nothing sent.")
                           .arg(channelFulfillmentId, who, why));
    LedgerRepository ledger(db);
    QuarantineRepository quarantine(db);
    HistoryRepository history(db);
    QString error;
    Transaction transaction(db);
    bool exists = false;
    if (!ledger.insertAdopted(adopted, now, &exists))
        return exists ? Text::tr("%1 is in the ledger already: a pass recorded it meanwhile.")
                            .arg(item.fulfillmentTranId)
                      : ledger.lastError();
    // The decision changes what the order's other held fulfillments could be (one of two was
    // this one): the next pass takes them up again.
    if (!quarantine.clear(item.connectorId, item.fulfillmentId) ||
        !quarantine.retryOrderNow(item.connectorId, item.orderId) || history.append(attempt) == 0 ||
        !inbox.resolve(item.id, Text::tr("%1: adopted %2 — %3").arg(who, channelFulfillmentId, why),
                       now) ||
        !transaction.commit(&error))
        return error.isEmpty() ? quarantine.lastError() + history.lastError() + inbox.lastError()
                               : error;
    return {};
}

} // namespace fulfillsync
