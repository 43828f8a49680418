#pragma once

#include "sync/channel/channelconnection.h"
#include "sync/engine/fulfillmentmapper.h"

#include <QList>
#include <QStringList>

namespace fulfillsync {

// Switching over from another connector: the channel already holds fulfillments another tool
// made for NetSuite fulfillments this connector never sent. Before a first push, the order's
// channel fulfillments that no ledger entry of this connector claims are compared with the
// fulfillment: by tracking numbers and lines, or, without tracking numbers, by lines and
// quantities — and then only when no other fulfillment of the order could be the one. Pure.
struct AdoptionMatch
{
    enum class Kind {
        None,      // nothing of another tool's matches: push as usual
        Adopt,     // exactly one matches, and nothing else could: record it, send nothing
        Ambiguous, // more than one could be it, or the tracking matches and the lines do not
    };
    Kind kind = Kind::None;
    QString channelFulfillmentId; // Adopt
    QStringList candidates;       // Ambiguous: the channel fulfillments it could be
    bool byTracking = false;      // Adopt: recognised by its tracking numbers
    QStringList trackingNumbers;  // Adopt: the channel fulfillment's
};

namespace Adoption {
// fulfillment: the one about to be pushed, mapped. others: the order's other fulfillments not
// yet in the ledger, mapped (they may be what a candidate belongs to). claimed: the channel
// fulfillment ids this connector's ledger already holds for the order. The snapshot must list
// the order's fulfillments (fulfillmentsKnown).
AdoptionMatch recognise(const MappedFulfillment &fulfillment,
                        const QList<MappedFulfillment> &others,
                        const ChannelOrderSnapshot &snapshot, const QStringList &claimed);
// The snapshot of a planning read shows that something of the order was fulfilled already
// (a closed or partly fulfilled group): the channel's fulfillments are worth reading first.
bool showsFulfilled(const ChannelOrderSnapshot &snapshot);
// The snapshot shows more of the order fulfilled than `explained` units (what this connector's
// ledger knows to be in the channel): another tool (or a person) fulfilled the rest. Where the
// groups do not say how much they hold, anything fulfilled counts as more.
bool showsMoreFulfilledThan(const ChannelOrderSnapshot &snapshot, double explained);
} // namespace Adoption

} // namespace fulfillsync
