#pragma once

#include "models/domain/domain.h"
#include "sync/channel/channelconnection.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace fulfillsync {

// The proof behind "pushed": one channel order compared three ways — what NetSuite shipped,
// what the connector sent (its ledger) and what the channel has now. A pure function, so the
// order pane, `fulfillsync-worker reconcile` and a nightly run classify alike (issue 23).
namespace Reconciliation {

// A shipped NetSuite item fulfillment as the channel should show it: its lines mapped to the
// channel's SKUs (FulfillmentMapper), its tracking numbers.
struct Shipped
{
    qint64 fulfillmentId = 0;
    QString tranId;
    QStringList trackingNumbers;
    QHash<QString, double> quantityBySku;
};

enum class Verdict {
    Matched,
    MissingInChannel, // nothing in the channel stands for this item fulfillment
    QuantityDiffers,  // found, with other quantities
    TrackingDiffers,  // found, with other tracking numbers
    ExtraInChannel,   // a channel fulfillment no item fulfillment explains
    OrderCancelled,   // the channel order is cancelled or closed (or all its groups cancelled)
};
QString verdictKey(Verdict verdict);

struct Row
{
    Verdict verdict = Verdict::Matched;
    qint64 fulfillmentId = 0; // 0 for an extra
    QString tranId;
    QString channelFulfillmentId; // empty when missing
    // Whose fulfillment it is by the ledger: pushed by this connector, adopted from another
    // tool, or none (the ledger does not know it).
    std::optional<LedgerState> ledger;
    QString detail; // the disagreement in words, for a person
    // What the channel's fulfillment shows (empty when missing), for the three-way view.
    QStringList channelTracking;
    QHash<QString, double> channelQuantityBySku;
};

// ledger: the connector's entries of this order. channel: a read with fulfillmentsKnown.
QList<Row> classify(const QList<Shipped> &shipped, const QList<LedgerEntry> &ledger,
                    const ChannelOrderSnapshot &channel);
bool allMatched(const QList<Row> &rows);

} // namespace Reconciliation
} // namespace fulfillsync
