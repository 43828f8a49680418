#include "sync/engine/adoption.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace fulfillsync {

namespace {

QHash<QString, double> linesOf(const MappedFulfillment &mapped)
{
    QHash<QString, double> lines;
    for (const MappedFulfillment::Line &line : mapped.lines)
        lines[line.sku] += line.quantity;
    return lines;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

bool sameLines(const QHash<QString, double> &a, const QHash<QString, double> &b)
{
    if (a.size() != b.size())
        return false;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const auto other = b.constFind(it.key());
        if (other == b.cend() || std::abs(*other - it.value()) > 1e-9)
            return false;
    }
    return true;
}

bool counts(const ChannelOrderSnapshot::Fulfillment &f)
{
    return f.status != u"cancelled" && f.status != u"error" && f.status != u"failure";
}

} // namespace

AdoptionMatch Adoption::recognise(const MappedFulfillment &fulfillment,
                                  const QList<MappedFulfillment> &others,
                                  const ChannelOrderSnapshot &snapshot, const QStringList &claimed)
{
    AdoptionMatch match;
    const QHash<QString, double> wanted = linesOf(fulfillment);
    const QStringList numbers = sorted(fulfillment.trackingNumbers);
    QList<ChannelOrderSnapshot::Fulfillment> unclaimed;
    for (const ChannelOrderSnapshot::Fulfillment &f : snapshot.fulfillments)
        if (counts(f) && !claimed.contains(f.id))
            unclaimed << f;

    if (!numbers.isEmpty()) {
        // Tracking numbers name a shipment: the one carrying them is this one, if its lines
        // agree. Should they not, or two carry them, a person decides.
        QStringList tracked;
        for (const auto &f : std::as_const(unclaimed))
            if (sorted(f.trackingNumbers) == numbers)
                tracked << f.id;
        if (tracked.isEmpty())
            return match;
        const auto it = std::find_if(unclaimed.cbegin(), unclaimed.cend(),
                                     [&](const auto &f) { return f.id == tracked.first(); });
        if (tracked.size() == 1 && sameLines(it->quantityBySku, wanted)) {
            match.kind = AdoptionMatch::Kind::Adopt;
            match.channelFulfillmentId = it->id;
            match.byTracking = true;
            match.trackingNumbers = it->trackingNumbers;
            return match;
        }
        match.kind = AdoptionMatch::Kind::Ambiguous;
        match.candidates = tracked;
        return match;
    }

    // No tracking numbers: only the lines and quantities tell, and only when exactly one channel
    // fulfillment has them and no other fulfillment of the order has the same.
    QSet<QString> othersNumbers;
    bool anotherLooksTheSame = false;
    for (const MappedFulfillment &other : others) {
        for (const QString &n : other.trackingNumbers)
            othersNumbers.insert(n);
        if (sameLines(linesOf(other), wanted))
            anotherLooksTheSame = true;
    }
    QStringList candidates;
    for (const auto &f : std::as_const(unclaimed)) {
        const bool anothersShipment =
            std::any_of(f.trackingNumbers.cbegin(), f.trackingNumbers.cend(),
                        [&](const QString &n) { return othersNumbers.contains(n); });
        if (!anothersShipment && sameLines(f.quantityBySku, wanted))
            candidates << f.id;
    }
    if (candidates.isEmpty())
        return match;
    if (candidates.size() == 1 && !anotherLooksTheSame) {
        const auto it = std::find_if(unclaimed.cbegin(), unclaimed.cend(),
                                     [&](const auto &f) { return f.id == candidates.first(); });
        match.kind = AdoptionMatch::Kind::Adopt;
        match.channelFulfillmentId = it->id;
        match.trackingNumbers = it->trackingNumbers;
        return match;
    }
    match.kind = AdoptionMatch::Kind::Ambiguous;
    match.candidates = candidates;
    return match;
}

bool Adoption::showsFulfilled(const ChannelOrderSnapshot &snapshot)
{
    return std::any_of(snapshot.groups.cbegin(), snapshot.groups.cend(), [](const auto &g) {
        return g.status == u"closed" || g.status == u"in_progress" || g.status == u"incomplete";
    });
}

bool Adoption::showsMoreFulfilledThan(const ChannelOrderSnapshot &snapshot, double explained)
{
    double fulfilled = 0;
    for (const ChannelOrderSnapshot::Group &g : snapshot.groups)
        for (const ChannelOrderSnapshot::Line &line : g.lines) {
            if (line.total < 0)
                return showsFulfilled(snapshot);
            fulfilled += double(line.total - line.remaining);
        }
    return fulfilled > explained + 1e-9;
}

} // namespace fulfillsync
