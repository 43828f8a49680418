#include "sync/engine/flagresolution.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "models/storage/sqlerror.h"
#include "sync/engine/syncdecision.h"

#include <QCoreApplication>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(FlagResolution)
};
} // namespace

int FlagResolution::resolve(QSqlDatabase db, const Connector &connector, qint64 orderId,
                            qint64 fulfillmentId, const QString &reason, const QString &who,
                            QString *error)
{
    if (reason.trimmed().isEmpty()) {
        *error = Text::tr("Say why the flag is resolved: the reason is kept in the history.");
        return 0;
    }
    OrderRepository orders(db);
    LedgerRepository ledger(db);
    const std::optional<SalesOrder> order = orders.order(orderId);
    if (!order) {
        *error = Text::tr("Order %1 is not in the local copy.").arg(orderId);
        return 0;
    }
    const QList<ItemFulfillment> fulfillments = orders.fulfillmentsOfOrder(orderId);
    Transaction transaction(db);
    HistoryRepository history(db);
    int resolved = 0;
    for (const LedgerEntry &entry : ledger.entriesOfOrder(connector.id, orderId)) {
        if (entry.state != LedgerState::Attention ||
            (fulfillmentId != 0 && entry.fulfillmentId != fulfillmentId))
            continue;
        if (!ledger.resolve(connector.id, entry.fulfillmentId)) {
            *error = ledger.lastError();
            return 0;
        }
        SyncAttempt attempt;
        attempt.occurredAt = QDateTime::currentDateTimeUtc();
        attempt.connectorId = connector.id;
        attempt.connectorName = connector.name;
        attempt.orderId = orderId;
        attempt.orderTranId = order->tranId;
        attempt.fulfillmentId = entry.fulfillmentId;
        for (const ItemFulfillment &f : fulfillments)
            if (f.id == entry.fulfillmentId)
                attempt.fulfillmentTranId = f.tranId;
        attempt.trigger = SyncTrigger::Manual;
        attempt.outcome = SyncOutcome::Skipped;
        attempt.message = Text::tr("Resolved by %1: %2 (channel fulfillment %3 left as it is)")
                              .arg(who, reason.trimmed(), entry.channelFulfillmentId);
        if (history.append(attempt) == 0) {
            *error = history.lastError();
            return 0;
        }
        QuarantineRepository(db).clear(connector.id, entry.fulfillmentId);
        InboxRepository inbox(db);
        if (const auto item = inbox.item(connector.id, entry.fulfillmentId);
            item && !inbox.resolve(item->id, attempt.message, attempt.occurredAt)) {
            *error = inbox.lastError();
            return 0;
        }
        ++resolved;
    }
    if (resolved == 0) {
        *error = Text::tr("Order %1 has no flagged fulfillment to resolve.").arg(order->tranId);
        return 0;
    }
    const OrderStanding standing = SyncDecisions::standingOf(
        connector, *order, fulfillments, ledger.entriesOfOrder(connector.id, orderId), {});
    if (!orders.updateSyncState(orderId, orderSyncStateKey(standing.state), standing.message,
                                standing.pushedQuantity, QDateTime::currentDateTimeUtc()) ||
        !transaction.commit(error))
        return 0;
    return resolved;
}

int FlagResolution::resolveOrder(QSqlDatabase db, const SalesOrder &order, const QString &reason,
                                 const QString &who, QString *error)
{
    int resolved = 0;
    QString lastError;
    for (const Connector &c : ConnectorRepository(db).all()) {
        if (c.channel.compare(order.channel, Qt::CaseInsensitive) != 0)
            continue;
        QString connectorError;
        const int n = resolve(db, c, order.id, 0, reason, who, &connectorError);
        resolved += n;
        if (n == 0)
            lastError = connectorError;
    }
    if (resolved == 0)
        *error = lastError.isEmpty() ? Text::tr("Nothing to resolve.") : lastError;
    return resolved;
}

} // namespace fulfillsync
