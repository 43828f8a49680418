#include "sync/engine/syncdecision.h"

#include <QCoreApplication>
#include <QLocale>

namespace fulfillsync {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(SyncDecision)
};

using Action = SyncDecision::Action;

QString localTime(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

// Pushed earlier: flag what changed for the worse, send tracking changes, else nothing.
void afterPush(const DecisionInput &in, const LedgerEntry &entry, SyncDecision &d)
{
    const ItemFulfillment &f = in.fulfillment;
    const QString pushedAs = entry.channelFulfillmentId;
    QString problem;
    if (f.voided)
        problem = Text::tr("%1 was voided in NetSuite after it was pushed as channel fulfillment "
                           "%2. Nothing was cancelled in the channel: cancel it there if the "
                           "goods did not ship, then Resolve.")
                      .arg(f.tranId, pushedAs);
    else if (f.shipStatus != ShipStatus::Shipped)
        problem = Text::tr("%1 went back to %2 in NetSuite after it was pushed as channel "
                           "fulfillment %3. Nothing was changed in the channel; check the "
                           "shipment, then Resolve.")
                      .arg(f.tranId, ShipStatus::displayName(f.shipStatus), pushedAs);
    else if (entry.quantity > 0 && f.totalQuantity() + 1e-9 < entry.quantity)
        problem = Text::tr("%1 was reduced in NetSuite from %2 to %3 units after it was pushed as "
                           "channel fulfillment %4. Nothing was changed in the channel; check "
                           "the shipment, then Resolve.")
                      .arg(f.tranId)
                      .arg(entry.quantity)
                      .arg(f.totalQuantity())
                      .arg(pushedAs);
    if (!problem.isEmpty()) {
        d.gates << Gate{Text::tr("Unchanged since pushed"), false, problem};
        d.action = Action::Flag;
        d.errorClass = ErrorClass::Conflict;
        d.reason = problem;
        return;
    }
    QStringList now = f.trackingNumbers;
    QStringList pushed = entry.trackingNumbers;
    now.sort();
    pushed.sort();
    const bool trackingChanged = (now != pushed || in.resendTracking) && !now.isEmpty();
    if (entry.state == LedgerState::Adopted) {
        // Another tool's fulfillment: recognised, never sent again, not even its tracking.
        d.gates << Gate{
            Text::tr("Already in the channel"), false,
            Text::tr("adopted: channel fulfillment %1 was made by another tool").arg(pushedAs)};
        d.reason = Text::tr("already in the channel as fulfillment %1, made by another tool "
                            "(adopted)")
                       .arg(pushedAs);
        return;
    }
    if (!trackingChanged || (!in.connector.updateTracking && !in.resendTracking)) {
        d.gates << Gate{Text::tr("Already in the channel"), false,
                        Text::tr("pushed as channel fulfillment %1").arg(pushedAs)};
        d.reason = Text::tr("already in the channel as fulfillment %1").arg(pushedAs);
        return;
    }
    d.gates << Gate{Text::tr("Tracking numbers"), true,
                    now != pushed
                        ? Text::tr("changed in NetSuite from %1 to %2 since the push")
                              .arg(pushed.join(QStringLiteral(", ")), now.join(QStringLiteral(", ")))
                        : Text::tr("%1 sent again, as asked (the channel showed others)")
                              .arg(now.join(QStringLiteral(", ")))};
    if (in.quarantine && in.quarantine->ignoreUntil > in.now && !in.skipWaiting &&
        !in.quarantine->waitsForChange()) {
        d.reason = Text::tr("the tracking update failed %n time(s) (last: %1); next try after %2",
                            nullptr, in.quarantine->retryCount)
                       .arg(in.quarantine->lastError, localTime(in.quarantine->ignoreUntil));
        d.gates << Gate{Text::tr("Quarantine"), false, d.reason};
        d.action = Action::Wait;
        return;
    }
    if (!in.mapping.ok()) {
        d.reason = in.mapping.problems.join(u' ');
        d.gates << Gate{Text::tr("Mappings"), false, d.reason};
        d.action = Action::Hold;
        d.errorClass = ErrorClass::Mapping;
        return;
    }
    d.action = Action::UpdateTracking;
    d.mapped = in.mapping.mapped;
}

} // namespace

QString SyncDecision::verdict(const QString &tranId) const
{
    switch (action) {
    case Action::Push:
        return Text::tr("%1 is due and will be pushed on the next run.").arg(tranId);
    case Action::ReadBackFirst:
        return Text::tr("%1: the next run reads the channel back, then pushes it only if it is "
                        "not there.")
            .arg(tranId);
    case Action::UpdateTracking:
        return Text::tr("%1: the next run sends the changed tracking numbers.").arg(tranId);
    case Action::Flag:
        return Text::tr("%1 needs a person: %2").arg(tranId, reason);
    case Action::Hold:
        return Text::tr("%1 is held: %2 After the fix, the next run sends it.").arg(tranId, reason);
    case Action::Wait:
        return Text::tr("%1 waits: %2").arg(tranId, reason);
    case Action::Nothing:
        break;
    }
    return Text::tr("%1 is not pushed: %2").arg(tranId, reason);
}

SyncDecision SyncDecisions::decide(const DecisionInput &in)
{
    SyncDecision d;
    const Connector &connector = in.connector;
    const SalesOrder &order = in.order;
    const ItemFulfillment &f = in.fulfillment;
    auto stop = [&d](const QString &name, const QString &detail) {
        d.gates << Gate{name, false, detail};
        d.reason = detail;
        return d;
    };

    if (!connector.enabled)
        return stop(Text::tr("Connector"), Text::tr("%1 is disabled").arg(connector.name));
    d.gates << Gate{Text::tr("Connector"), true, Text::tr("%1 is enabled").arg(connector.name)};

    if (order.channel.compare(connector.channel, Qt::CaseInsensitive) != 0)
        return stop(Text::tr("Channel"),
                    Text::tr("the order came from \"%1\", this connector syncs \"%2\"")
                        .arg(order.channel, connector.channel));
    d.gates << Gate{Text::tr("Channel"), true,
                    Text::tr("the order came from %1").arg(order.channel)};

    bool channelOrderKnown = false;
    order.channelOrder.toLongLong(&channelOrderKnown);
    if (!channelOrderKnown) {
        stop(Text::tr("Channel order"),
             Text::tr("sales order %1 has no channel order id (custbody_fa_channel_order / "
                      "otherrefnum is \"%2\")")
                 .arg(order.tranId, order.channelOrder));
        d.action = Action::Hold;
        d.errorClass = ErrorClass::Mapping;
        return d;
    }
    d.gates << Gate{Text::tr("Channel order"), true,
                    Text::tr("order %1 in the channel").arg(order.channelOrder)};

    if (!f.problem.isEmpty()) {
        stop(Text::tr("NetSuite data"), f.problem);
        d.action = Action::Hold;
        d.errorClass = ErrorClass::Validation;
        return d;
    }
    d.gates << Gate{Text::tr("NetSuite data"), true, Text::tr("read completely")};

    if (in.ledger) {
        switch (in.ledger->state) {
        case LedgerState::Pushed:
        case LedgerState::Adopted:
            afterPush(in, *in.ledger, d);
            return d;
        case LedgerState::Attention:
            return stop(Text::tr("Already in the channel"),
                        Text::tr("flagged after it was pushed as channel fulfillment %1; a person "
                                 "decides (Resolve)")
                            .arg(in.ledger->channelFulfillmentId));
        case LedgerState::Resolved:
            return stop(Text::tr("Already in the channel"),
                        Text::tr("resolved by a person after it was pushed as channel "
                                 "fulfillment %1")
                            .arg(in.ledger->channelFulfillmentId));
        case LedgerState::Pending:
        case LedgerState::Ambiguous:
            // Whatever else holds now, the channel may have it: read back before anything else.
            d.gates << Gate{Text::tr("Already in the channel"), true,
                            Text::tr("an earlier attempt was not confirmed; the channel is read "
                                     "back before anything is sent")};
            d.action = Action::ReadBackFirst;
            d.reason = d.gates.last().detail;
            return d;
        }
    }
    d.gates << Gate{Text::tr("Already in the channel"), true, Text::tr("not yet")};

    if (!connector.triggerStatuses.contains(order.status))
        return stop(Text::tr("Order status"),
                    Text::tr("%1 is not one of this connector's trigger statuses")
                        .arg(SalesOrderStatus::displayName(order.status)));
    d.gates << Gate{
        Text::tr("Order status"), true,
        Text::tr("%1 is a trigger status").arg(SalesOrderStatus::displayName(order.status))};

    if (f.voided)
        return stop(Text::tr("Ship status"), Text::tr("voided in NetSuite"));
    if (f.shipStatus != ShipStatus::Shipped)
        return stop(Text::tr("Ship status"), Text::tr("%1: only Shipped fulfillments are sent")
                                                 .arg(ShipStatus::displayName(f.shipStatus)));
    d.gates << Gate{Text::tr("Ship status"), true, Text::tr("Shipped")};

    const std::optional<QuarantineEntry> &q = in.quarantine;
    const bool held = q && q->waitsForChange(); // decided again below, by the gates themselves
    if (q && !held && q->ignoreUntil > in.now && !in.skipWaiting) {
        d.reason = Text::tr("failed %n time(s), last: %1; next try after %2 (Resync tries at once)",
                            nullptr, q->retryCount)
                       .arg(q->lastError, localTime(q->ignoreUntil));
        d.gates << Gate{Text::tr("Quarantine"), false, d.reason};
        d.action = Action::Wait;
        return d;
    }
    d.gates << Gate{Text::tr("Quarantine"), true,
                    q && !held
                        ? Text::tr("failed %n time(s) before; due now", nullptr, q->retryCount)
                        : Text::tr("not in quarantine")};

    if (!in.mapping.ok()) {
        stop(Text::tr("Mappings"), in.mapping.problems.join(u' '));
        d.action = Action::Hold;
        d.errorClass = ErrorClass::Mapping;
        return d;
    }
    d.gates << Gate{Text::tr("Mappings"), true,
                    Text::tr("carrier %1, %n line(s)", nullptr, int(in.mapping.mapped.lines.size()))
                        .arg(in.mapping.mapped.carrier)};
    d.action = Action::Push;
    d.mapped = in.mapping.mapped;
    return d;
}

OrderStanding SyncDecisions::standingOf(
    const Connector &connector, const SalesOrder &order, const QList<ItemFulfillment> &fulfillments,
    const QList<LedgerEntry> &ledger, const std::optional<QPair<OrderSyncState, QString>> &problem)
{
    OrderStanding standing;
    double ordered = 0;
    for (const SalesOrderLine &line : order.lines)
        ordered += line.quantity;
    QHash<qint64, LedgerState> states;
    for (const LedgerEntry &e : ledger)
        states.insert(e.fulfillmentId, e.state);
    int shipped = 0;
    int pushedCount = 0;
    for (const ItemFulfillment &f : fulfillments) {
        if (f.shipStatus != ShipStatus::Shipped || f.voided)
            continue;
        ++shipped;
        const auto state = states.constFind(f.id);
        if (state != states.cend() &&
            (*state == LedgerState::Pushed || *state == LedgerState::Resolved ||
             *state == LedgerState::Adopted)) {
            ++pushedCount;
            standing.pushedQuantity += f.totalQuantity();
        }
    }
    const bool needsAttention = std::any_of(
        states.cbegin(), states.cend(), [](LedgerState s) { return s == LedgerState::Attention; });
    if (problem) {
        standing.state = problem->first;
        standing.message = problem->second;
    } else if (needsAttention) {
        standing.state = OrderSyncState::Failed;
        standing.message = Text::tr("A fulfillment changed in NetSuite after it was pushed; see "
                                    "the history and Resolve it.");
    } else if (!connector.triggerStatuses.contains(order.status) && pushedCount == 0) {
        // Not yet approved or fulfilled: it will sync when it ships. Cancelled, closed or any
        // other status outside the trigger set: it will not.
        const bool notYet = order.status == QLatin1Char(SalesOrderStatus::PendingApproval) ||
                            order.status == QLatin1Char(SalesOrderStatus::PendingFulfillment);
        standing.state = notYet ? OrderSyncState::Waiting : OrderSyncState::NotEligible;
    } else if (shipped > 0 && pushedCount == shipped) {
        standing.state = standing.pushedQuantity + 1e-9 >= ordered
                             ? OrderSyncState::Synced
                             : OrderSyncState::PartiallySynced;
    }
    return standing;
}

MappingResult SyncDecisions::mapForChannel(
    const FulfillmentMapper &mapper, const ItemFulfillment &f, const SalesOrder &order,
    const std::function<QStringList(const MappedFulfillment &)> &channelQuantityProblems)
{
    MappingResult result = mapper.map(f, order);
    if (result.ok() && channelQuantityProblems)
        result.problems << channelQuantityProblems(result.mapped);
    return result;
}

} // namespace fulfillsync
