#include "sync/threepl/threeplexplainer.h"

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
                   outbox.entriesOfOrder(connector.id, order.id), now);
}

QString ThreePlExplainer::explain(const SalesOrder &order, const QString &sentState,
                                  const QList<ThreePlShipmentEntry> &shipments,
                                  const QDateTime &now)
{
    QStringList lines;
    lines << Text::tr("To the 3PL")
          << QStringLiteral("  => ") + ThreePlOrderDecision::decide(order.status, sentState).reason;
    lines << Text::tr("Shipments from the 3PL");
    for (const ThreePlShipmentEntry &e : shipments)
        lines << Text::tr("  Shipment %1 (tracking %2): %3")
                     .arg(e.shipmentId, e.trackingNumber, shipmentState(e, now));
    if (shipments.isEmpty())
        lines << Text::tr("  none yet");
    return lines.join(u'\n');
}

} // namespace fulfillsync
