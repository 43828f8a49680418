#include "sync/engine/explainer.h"

#include "sync/engine/fulfillmentmapper.h"

#include <QCoreApplication>
#include <QLocale>

namespace fulfillsync {

namespace {
// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Explainer)
};
} // namespace

bool FulfillmentExplanation::wouldPush() const
{
    return std::all_of(gates.cbegin(), gates.cend(), [](const Gate &g) { return g.passed; });
}

QString FulfillmentExplanation::verdict() const
{
    for (const Gate &gate : gates) {
        if (!gate.passed)
            return Text::tr("%1 is not pushed: %2").arg(fulfillmentTranId, gate.detail);
    }
    return Text::tr("%1 is due and will be pushed on the next run.").arg(fulfillmentTranId);
}

QString OrderExplanation::toText() const
{
    QStringList lines;
    for (const Gate &gate : orderGates)
        lines << QStringLiteral("[%1] %2: %3")
                     .arg(gate.passed ? QStringLiteral("ok") : QStringLiteral("--"), gate.name,
                          gate.detail);
    for (const FulfillmentExplanation &f : fulfillments) {
        lines << QString();
        lines << f.fulfillmentTranId;
        for (const Gate &gate : f.gates)
            lines << QStringLiteral("  [%1] %2: %3")
                         .arg(gate.passed ? QStringLiteral("ok") : QStringLiteral("--"), gate.name,
                              gate.detail);
        lines << QStringLiteral("  => ") + f.verdict();
    }
    if (fulfillments.isEmpty())
        lines << QString() << Text::tr("The order has no item fulfillments in NetSuite yet.");
    return lines.join(u'\n');
}

OrderExplanation Explainer::explain(const Connector &connector, const FulfillmentMapper &mapper,
                                    const SalesOrder &order,
                                    const QList<ItemFulfillment> &fulfillments,
                                    const QList<LedgerEntry> &ledger,
                                    const QList<QuarantineEntry> &quarantine, const QDateTime &now)
{
    OrderExplanation result;
    result.orderGates << Gate{Text::tr("Connector"), connector.enabled,
                              connector.enabled ? Text::tr("%1 is enabled").arg(connector.name)
                                                : Text::tr("%1 is disabled").arg(connector.name)};
    const bool channelMatches = order.channel.compare(connector.channel, Qt::CaseInsensitive) == 0;
    result.orderGates << Gate{
        Text::tr("Channel"), channelMatches,
        channelMatches ? Text::tr("the order came from %1").arg(order.channel)
                       : Text::tr("the order came from \"%1\", this connector syncs \"%2\"")
                             .arg(order.channel, connector.channel)};
    const bool statusTriggers = connector.triggerStatuses.contains(order.status);
    result.orderGates << Gate{
        Text::tr("Order status"), statusTriggers,
        statusTriggers
            ? Text::tr("%1 is a trigger status").arg(SalesOrderStatus::displayName(order.status))
            : Text::tr("%1 is not one of this connector's trigger statuses")
                  .arg(SalesOrderStatus::displayName(order.status))};
    bool channelOrderKnown = false;
    order.channelOrder.toLongLong(&channelOrderKnown);
    result.orderGates << Gate{Text::tr("Channel order"), channelOrderKnown,
                              channelOrderKnown
                                  ? Text::tr("order %1 in the channel").arg(order.channelOrder)
                                  : Text::tr("no channel order id on the sales order")};
    const bool orderPasses = std::all_of(result.orderGates.cbegin(), result.orderGates.cend(),
                                         [](const Gate &g) { return g.passed; });

    for (const ItemFulfillment &f : fulfillments) {
        FulfillmentExplanation e;
        e.fulfillmentId = f.id;
        e.fulfillmentTranId = f.tranId;
        if (!orderPasses)
            e.gates << Gate{Text::tr("Order"), false,
                            Text::tr("the order itself does not qualify (see above)")};
        const bool shipped = f.shipStatus == ShipStatus::Shipped;
        e.gates << Gate{Text::tr("Ship status"), shipped,
                        shipped ? Text::tr("Shipped")
                                : Text::tr("%1: only Shipped fulfillments are sent")
                                      .arg(ShipStatus::displayName(f.shipStatus))};
        const auto entry = std::find_if(ledger.cbegin(), ledger.cend(), [&](const LedgerEntry &l) {
            return l.fulfillmentId == f.id;
        });
        if (entry == ledger.cend()) {
            e.gates << Gate{Text::tr("Already pushed"), true, Text::tr("not yet in the channel")};
        } else if (entry->state == LedgerState::Pushed) {
            e.gates << Gate{Text::tr("Already pushed"), false,
                            Text::tr("already in the channel as fulfillment %1")
                                .arg(entry->channelFulfillmentId)};
        } else {
            e.gates << Gate{
                Text::tr("Already pushed"), true,
                Text::tr("an earlier attempt was not confirmed; the channel is read back "
                         "before sending")};
        }
        const auto waiting =
            std::find_if(quarantine.cbegin(), quarantine.cend(),
                         [&](const QuarantineEntry &q) { return q.fulfillmentId == f.id; });
        if (waiting != quarantine.cend() && waiting->ignoreUntil > now) {
            e.gates << Gate{
                Text::tr("Quarantine"), false,
                Text::tr("failed %n time(s), last: %1; next try after %2 (Resync tries at once)",
                         nullptr, waiting->retryCount)
                    .arg(waiting->lastError, QLocale().toString(waiting->ignoreUntil.toLocalTime(),
                                                                QLocale::ShortFormat))};
        } else {
            e.gates << Gate{Text::tr("Quarantine"), true, Text::tr("not in quarantine")};
        }
        const MappingResult mapping = mapper.map(f, order);
        e.gates << Gate{Text::tr("Mappings"), mapping.ok(),
                        mapping.ok() ? Text::tr("carrier %1, %n line(s)", nullptr,
                                                int(mapping.mapped.lines.size()))
                                           .arg(mapping.mapped.carrier)
                                     : mapping.problems.join(u' ')};
        result.fulfillments << e;
    }
    return result;
}

} // namespace fulfillsync
