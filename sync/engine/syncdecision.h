#pragma once

#include "models/domain/domain.h"
#include "sync/engine/fulfillmentmapper.h"

#include <QList>
#include <QString>
#include <optional>

namespace fulfillsync {

// One gate of the decision, as Explain shows it.
struct Gate
{
    QString name; // short, translated
    bool passed = false;
    QString detail; // what was found, in words
};

// What the engine does with one NetSuite fulfillment for one connector, now. The pass acts on
// it and Explain shows it: one function, so the two can never disagree.
struct SyncDecision
{
    enum class Action {
        Nothing,        // not eligible, or already done: nothing to send
        Push,           // create it in the channel
        ReadBackFirst,  // an earlier attempt was not confirmed: read the channel, then decide
        UpdateTracking, // pushed; NetSuite's tracking numbers changed since
        Flag,           // pushed, then voided, reduced or moved back: for a person
        Hold,           // a mapping or data problem: waits for the fix
        Wait,           // failed before: waits in quarantine for its next try
    };
    Action action = Action::Nothing;
    QList<Gate> gates; // every gate, in the order the engine applies them
    QString reason;    // one sentence: why this action (for Nothing, Hold, Flag, Wait)
    ErrorClass errorClass = ErrorClass::None;
    MappedFulfillment mapped; // Push, UpdateTracking

    bool sends() const { return action == Action::Push || action == Action::UpdateTracking; }
    // For Explain: what happens on the next run, in one sentence.
    QString verdict(const QString &fulfillmentTranId) const;
};

struct DecisionInput
{
    const Connector &connector;
    const SalesOrder &order;
    const ItemFulfillment &fulfillment;
    std::optional<LedgerEntry> ledger;
    std::optional<QuarantineEntry> quarantine;
    // The connector's mappings applied, plus the channel's limits on quantities.
    MappingResult mapping;
    QDateTime now;
    bool skipWaiting = false; // a resync or replay: quarantine waits are skipped
    // A person asked to send the tracking numbers again (the channel shows others): an update
    // even when the ledger already has NetSuite's numbers, or tracking updates are off.
    bool resendTracking = false;
};

// Where an order stands with a connector: from its fulfillments, what the ledger holds, and the
// worst problem the last evaluation ran into (if any).
struct OrderStanding
{
    OrderSyncState state = OrderSyncState::Waiting;
    QString message;
    double pushedQuantity = 0;
};

namespace SyncDecisions {
OrderStanding standingOf(const Connector &connector, const SalesOrder &order,
                         const QList<ItemFulfillment> &fulfillments,
                         const QList<LedgerEntry> &ledger,
                         const std::optional<QPair<OrderSyncState, QString>> &problem);
SyncDecision decide(const DecisionInput &input);
// The mapping result the decision needs: mappings, then the channel's quantity rules.
MappingResult
mapForChannel(const FulfillmentMapper &mapper, const ItemFulfillment &f, const SalesOrder &order,
              const std::function<QStringList(const MappedFulfillment &)> &channelQuantityProblems);
} // namespace SyncDecisions

} // namespace fulfillsync
