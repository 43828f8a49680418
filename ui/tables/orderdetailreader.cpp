#include "ui/tables/orderdetailreader.h"

#include "models/domain/domain.h"
#include "models/storage/database.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "sync/engine/explainer.h"

#include <QCoreApplication>

namespace fulfillsync {

namespace {
// The pane's words: translated under its context, whichever thread reads.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(fulfillsync::OrderDetailPane)
};
} // namespace

OrderDetail readOrderDetail(Database &database, qint64 orderId)
{
    OrderDetail detail;
    detail.orderId = orderId;
    QSqlDatabase db = database.connection();
    OrderRepository orders(db);
    const std::optional<SalesOrder> order = orders.order(orderId);
    if (!order) {
        detail.title = Text::tr("This order is not in the local copy any more.");
        return detail;
    }
    detail.found = true;
    detail.title = Text::tr("<b>%1</b> · %2 · %3 · %4 order %5")
                       .arg(order->tranId.toHtmlEscaped(), order->customer.toHtmlEscaped(),
                            SalesOrderStatus::displayName(order->status),
                            order->channel.toHtmlEscaped(), order->channelOrder.toHtmlEscaped());
    QStringList lines;
    lines << Text::tr("Lines (ordered / shipped)");
    for (const SalesOrderLine &l : order->lines)
        lines << QStringLiteral("  %1  %2 / %3")
                     .arg(l.itemName, -24)
                     .arg(l.quantity)
                     .arg(l.quantityShipped);
    const QList<ItemFulfillment> fulfillments = orders.fulfillmentsOfOrder(orderId);
    lines << QString() << Text::tr("Item fulfillments");
    for (const ItemFulfillment &f : fulfillments) {
        lines << QStringLiteral("  %1  %2%3  %4  %5")
                     .arg(f.tranId, ShipStatus::displayName(f.shipStatus),
                          f.voided ? Text::tr(" (voided)") : QString(), f.shipMethodName,
                          f.trackingNumbers.join(QStringLiteral(", ")));
        for (const ItemFulfillmentLine &l : f.lines)
            lines << QStringLiteral("      %1 × %2").arg(l.quantity).arg(l.itemName);
    }
    if (fulfillments.isEmpty())
        lines << Text::tr("  none yet");
    LedgerRepository ledger(db);
    for (const ConnectorExplanation &e : Explainer::explainStored(db, *order, fulfillments)) {
        lines << QString() << Text::tr("Explain — connector %1").arg(e.connector.name)
              << (e.connector.isThreePl() ? e.threePl : e.explanation.toText());
        if (!e.connector.isThreePl())
            detail.proofs << OrderDetail::ChannelProof{e.connector.id, e.connector.name,
                                                       e.threeWay};
        for (const LedgerEntry &entry : ledger.entriesOfOrder(e.connector.id, orderId))
            if (entry.state == LedgerState::Attention)
                detail.flagged = true;
    }
    detail.text = lines.join(u'\n');
    return detail;
}

} // namespace fulfillsync
