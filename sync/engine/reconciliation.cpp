#include "sync/engine/reconciliation.h"

#include <QCoreApplication>
#include <QSet>
#include <algorithm>

namespace fulfillsync::Reconciliation {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Reconciliation)
};

// A fulfillment the channel cancelled or failed stands for nothing.
bool counts(const ChannelOrderSnapshot::Fulfillment &f)
{
    return f.status != u"cancelled" && f.status != u"error" && f.status != u"failure";
}

QSet<QString> asSet(const QStringList &list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

QString quantities(const QHash<QString, double> &bySku)
{
    QStringList parts;
    for (auto it = bySku.cbegin(); it != bySku.cend(); ++it)
        parts << QStringLiteral("%1 × %2").arg(it.value()).arg(it.key());
    parts.sort();
    return parts.join(QStringLiteral(", "));
}

bool sameQuantities(const QHash<QString, double> &a, const QHash<QString, double> &b)
{
    QSet<QString> skus(a.keyBegin(), a.keyEnd());
    skus.unite(QSet<QString>(b.keyBegin(), b.keyEnd()));
    return std::all_of(skus.cbegin(), skus.cend(), [&](const QString &sku) {
        return qFuzzyCompare(1.0 + a.value(sku), 1.0 + b.value(sku));
    });
}

} // namespace

QString verdictKey(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Matched:
        return QStringLiteral("matched");
    case Verdict::MissingInChannel:
        return QStringLiteral("missing");
    case Verdict::QuantityDiffers:
        return QStringLiteral("quantity_differs");
    case Verdict::TrackingDiffers:
        return QStringLiteral("tracking_differs");
    case Verdict::ExtraInChannel:
        return QStringLiteral("extra");
    case Verdict::OrderCancelled:
        return QStringLiteral("order_cancelled");
    }
    return {};
}

QList<Row> classify(const QList<Shipped> &shipped, const QList<LedgerEntry> &ledger,
                    const ChannelOrderSnapshot &channel)
{
    QList<Row> rows;
    // The order's own state where the read carries it (a reconciliation read asks for nothing
    // else); a read with fulfillment orders speaks through theirs.
    const bool cancelled =
        channel.cancelled ||
        (!channel.groups.isEmpty() && std::all_of(channel.groups.cbegin(), channel.groups.cend(),
                                                  [](const ChannelOrderSnapshot::Group &g) {
                                                      return g.status == u"cancelled";
                                                  }));
    const bool closed = !cancelled && channel.closed;
    QHash<QString, const ChannelOrderSnapshot::Fulfillment *> byId;
    for (const ChannelOrderSnapshot::Fulfillment &f : channel.fulfillments)
        if (counts(f))
            byId.insert(f.id, &f);
    QSet<QString> explained;
    for (const Shipped &s : shipped) {
        Row row;
        row.fulfillmentId = s.fulfillmentId;
        row.tranId = s.tranId;
        const auto entry = std::find_if(ledger.cbegin(), ledger.cend(), [&](const LedgerEntry &e) {
            return e.fulfillmentId == s.fulfillmentId;
        });
        if (entry != ledger.cend())
            row.ledger = entry->state;
        // The ledger's own record first; then a tracking number in common (another tool's, or
        // a push whose answer was lost).
        const ChannelOrderSnapshot::Fulfillment *found = nullptr;
        if (entry != ledger.cend() && !entry->channelFulfillmentId.isEmpty())
            found = byId.value(entry->channelFulfillmentId);
        if (!found && !s.trackingNumbers.isEmpty()) {
            const QSet<QString> ours = asSet(s.trackingNumbers);
            for (const ChannelOrderSnapshot::Fulfillment &f : channel.fulfillments)
                if (counts(f) && !explained.contains(f.id) &&
                    asSet(f.trackingNumbers).intersects(ours)) {
                    found = &f;
                    break;
                }
        }
        if (!found) {
            row.verdict = cancelled || closed ? Verdict::OrderCancelled : Verdict::MissingInChannel;
            row.detail =
                cancelled ? Text::tr("%1 shipped in NetSuite; the channel order is cancelled.")
                                .arg(s.tranId)
                : closed ? Text::tr("%1 shipped in NetSuite and is not in the channel; the "
                                    "channel order is closed.")
                               .arg(s.tranId)
                : entry != ledger.cend() && entry->state == LedgerState::Pushed
                    ? Text::tr("%1 is recorded as pushed (channel fulfillment %2), but the "
                               "channel does not show it.")
                          .arg(s.tranId, entry->channelFulfillmentId)
                : entry != ledger.cend() && entry->state == LedgerState::Adopted
                    ? Text::tr("%1 was adopted as another tool's channel fulfillment %2, but the "
                               "channel does not show it any more.")
                          .arg(s.tranId, entry->channelFulfillmentId)
                    : Text::tr("%1 shipped in NetSuite and is not in the channel.").arg(s.tranId);
            rows << row;
            continue;
        }
        explained.insert(found->id);
        row.channelFulfillmentId = found->id;
        row.channelTracking = found->trackingNumbers;
        row.channelQuantityBySku = found->quantityBySku;
        if (!sameQuantities(s.quantityBySku, found->quantityBySku)) {
            row.verdict = Verdict::QuantityDiffers;
            row.detail =
                Text::tr("NetSuite shipped %1; the channel's fulfillment %2 has %3.")
                    .arg(quantities(s.quantityBySku), found->id, quantities(found->quantityBySku));
        } else if (asSet(s.trackingNumbers) != asSet(found->trackingNumbers)) {
            row.verdict = Verdict::TrackingDiffers;
            row.detail = Text::tr("NetSuite's tracking %1; the channel's fulfillment %2 has %3.")
                             .arg(s.trackingNumbers.join(QStringLiteral(", ")), found->id,
                                  found->trackingNumbers.isEmpty()
                                      ? Text::tr("none")
                                      : found->trackingNumbers.join(QStringLiteral(", ")));
        }
        rows << row;
    }
    for (const ChannelOrderSnapshot::Fulfillment &f : channel.fulfillments) {
        if (!counts(f) || explained.contains(f.id))
            continue;
        Row row;
        row.verdict = Verdict::ExtraInChannel;
        row.channelFulfillmentId = f.id;
        row.channelTracking = f.trackingNumbers;
        row.channelQuantityBySku = f.quantityBySku;
        row.detail = Text::tr("The channel's fulfillment %1 (%2) stands for no shipped item "
                              "fulfillment: made by hand, by another tool, or a duplicate.")
                         .arg(f.id, quantities(f.quantityBySku));
        rows << row;
    }
    return rows;
}

bool allMatched(const QList<Row> &rows)
{
    return std::all_of(rows.cbegin(), rows.cend(),
                       [](const Row &r) { return r.verdict == Verdict::Matched; });
}

} // namespace fulfillsync::Reconciliation
