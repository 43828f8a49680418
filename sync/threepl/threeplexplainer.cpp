#include "sync/threepl/threeplexplainer.h"

#include "models/storage/inboxrepository.h"
#include "models/storage/threeplrepository.h"
#include "sync/threepl/threeplorderdecision.h"

#include <QCoreApplication>
#include <QLocale>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ThreePlExplainer)
};

QString localTime(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString shipmentState(const ThreePlShipmentEntry &e, const QDateTime &now)
{
    switch (e.state) {
    case ThreePlState::Created:
        return Text::tr("item fulfillment #%1 created in NetSuite.").arg(e.fulfillmentId);
    case ThreePlState::Pending:
        return Text::tr("stored, not known to have reached NetSuite: the next run reads it back "
                        "by its external id %1, and sends it only if NetSuite does not have it.")
            .arg(e.externalId);
    case ThreePlState::Unknown:
        if (e.nextTryAt.isValid() && e.nextTryAt > now)
            return Text::tr("NetSuite did not confirm its item fulfillment (%n read-back(s) so "
                            "far). The first run after %1 reads it back; Retry in the Inbox "
                            "does it now.",
                            nullptr, e.tries)
                .arg(localTime(e.nextTryAt));
        return Text::tr("NetSuite did not confirm its item fulfillment: the next run reads it "
                        "back by its external id %1, and sends it only if NetSuite does not "
                        "have it.")
            .arg(e.externalId);
    case ThreePlState::Held:
        return Text::tr("held: %1 Nothing is sent for it until it is retried (Inbox or Sync "
                        "History ▸ Replay).")
            .arg(e.error);
    case ThreePlState::Flagged:
        return Text::tr("flagged: %1").arg(e.error);
    }
    return {};
}

} // namespace

QString ThreePlExplainer::explainStored(QSqlDatabase db, const Connector &connector,
                                        const SalesOrder &order, const QDateTime &now)
{
    ThreePlRepository outbox(db);
    return explain(order, outbox.sentOrders(connector.id, {order.id}).value(order.id),
                   outbox.entriesOfOrder(connector.id, order.id), now,
                   InboxRepository(db).item(connector.id, InboxSubject::ThreePlOrder,
                                            QString::number(order.id)));
}

QString ThreePlExplainer::explain(const SalesOrder &order, const QString &sentState,
                                  const QList<ThreePlShipmentEntry> &shipments,
                                  const QDateTime &now, const std::optional<InboxItem> &heldOrder)
{
    const ThreePlOrderDecision decision = ThreePlOrderDecision::decide(order.status, sentState);
    QString reason = decision.reason;
    // "Sent on the next run" is a promise: an order the last run could not send says why.
    if (decision.action == ThreePlOrderDecision::Action::Send && sentState.isEmpty() && heldOrder &&
        heldOrder->problem == InboxProblem::Held) {
        if (heldOrder->state == InboxState::Open)
            reason = Text::tr("Held in the Inbox: %1 It is sent once the order is changed in "
                              "NetSuite so that it can be; Resolve if it is dealt with otherwise.")
                         .arg(heldOrder->message);
        else if (heldOrder->state == InboxState::Resolved)
            reason = Text::tr("Not sent: %1 Resolved in the Inbox (%2); asked again only if "
                              "something else stops it.")
                         .arg(heldOrder->message, heldOrder->resolution);
    }
    QStringList lines;
    lines << Text::tr("To the 3PL") << QStringLiteral("  => ") + reason;
    lines << Text::tr("Shipments from the 3PL");
    for (const ThreePlShipmentEntry &e : shipments)
        lines << Text::tr("  Shipment %1 (tracking %2): %3")
                     .arg(e.shipmentId, e.trackingNumber, shipmentState(e, now));
    if (shipments.isEmpty())
        lines << Text::tr("  none yet");
    return lines.join(u'\n');
}

} // namespace fulfillsync
