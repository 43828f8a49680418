#include "sync/channel/shopify/shopifyplanner.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <cmath>

namespace fulfillsync {

namespace {

// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ShopifyPlanner)
};

constexpr double kMaxShopifyQuantity = 2147483647.0; // GraphQL Int

bool isOpen(const QString &status)
{
    return status == u"open" || status == u"in_progress";
}

bool isWaiting(const QString &status)
{
    return status == u"on_hold" || status == u"scheduled";
}

QString waitingWords(const QString &status)
{
    return status == u"on_hold" ? Text::tr("on hold") : Text::tr("scheduled for later");
}

} // namespace

QStringList ShopifyPlanner::quantityProblems(const MappedFulfillment &mapped)
{
    QStringList problems;
    for (const MappedFulfillment::Line &line : mapped.lines) {
        const double q = line.quantity;
        if (!std::isfinite(q) || q != std::floor(q) || q < 1 || q > kMaxShopifyQuantity)
            problems << Text::tr("Quantity %1 of %2 cannot be sent: Shopify takes whole units "
                                 "from 1 to %3. Correct the fulfillment in NetSuite.")
                            .arg(QString::number(q, 'g', 12), line.sku)
                            .arg(qint64(kMaxShopifyQuantity));
    }
    return problems;
}

ChannelPlan ShopifyPlanner::plan(const MappedFulfillment &mapped,
                                 const ChannelOrderSnapshot &snapshot)
{
    ChannelPlan plan;
    struct Slot
    {
        QString groupId, lineId, locationId;
        qint64 remaining;
    };
    QHash<QString, QList<Slot>> openBySku; // open fulfillment order lines per SKU
    QHash<QString, qint64> waitingBySku;   // remaining on held or scheduled fulfillment orders
    QHash<QString, QString> waitingStatus; // …and which of the two
    QSet<QString> skusOnOrder;
    for (const ChannelOrderSnapshot::Group &group : snapshot.groups) {
        for (const ChannelOrderSnapshot::Line &line : group.lines) {
            skusOnOrder.insert(line.sku);
            if (line.remaining <= 0)
                continue;
            if (isOpen(group.status)) {
                openBySku[line.sku] << Slot{group.id, line.id, group.locationId, line.remaining};
            } else if (isWaiting(group.status)) {
                waitingBySku[line.sku] += line.remaining;
                waitingStatus.insert(line.sku, group.status);
            }
        }
    }

    const QString wantedLocation = mapped.channelLocationId.trimmed();
    QSet<QString> locations;
    int fulfilledLines = 0;
    for (const MappedFulfillment::Line &line : mapped.lines) {
        const qint64 wanted = qint64(line.quantity);
        if (!skusOnOrder.contains(line.sku)) {
            plan.problem = Text::tr("The Shopify order has no line with SKU %1.").arg(line.sku);
            return plan;
        }
        qint64 left = wanted;
        qint64 available = 0;
        qint64 elsewhere = 0; // open at a location other than the mapped one
        for (Slot &slot : openBySku[line.sku]) {
            if (left == 0)
                break;
            if (slot.remaining == 0)
                continue;
            if (!wantedLocation.isEmpty() && slot.locationId != wantedLocation) {
                elsewhere += slot.remaining;
                continue;
            }
            const qint64 take = std::min(left, slot.remaining);
            available += slot.remaining;
            slot.remaining -= take;
            left -= take;
            plan.allocations << ChannelPlan::Allocation{slot.groupId, slot.lineId, line.sku, take};
            locations.insert(slot.locationId);
        }
        if (left == 0)
            continue;
        if (waitingBySku.value(line.sku) > 0) {
            // Not fulfilled, only not yet fulfillable: says so, and is tried again later.
            plan.problem = Text::tr("Shopify holds %1 of %2 in a fulfillment order that is %3. "
                                    "Release it in Shopify; fulfillsync tries again on its "
                                    "next runs.")
                               .arg(waitingBySku.value(line.sku))
                               .arg(line.sku, waitingWords(waitingStatus.value(line.sku)));
            plan.problemClass = ErrorClass::Conflict;
            plan.allocations.clear();
            return plan;
        }
        if (elsewhere > 0) {
            plan.problem =
                Text::tr("Shopify holds %1 of %2 at another location than %3, where NetSuite "
                         "shipped from (location mapping). Move the fulfillment order in "
                         "Shopify, or correct the location mapping.")
                    .arg(elsewhere)
                    .arg(line.sku, wantedLocation);
            plan.allocations.clear();
            return plan;
        }
        if (left == wanted && available == 0) {
            ++fulfilledLines;
            continue;
        }
        plan.problem = Text::tr("Shopify has only %1 of %2 left to fulfill, NetSuite shipped %3. "
                                "Check the order in Shopify before resyncing.")
                           .arg(wanted - left)
                           .arg(line.sku)
                           .arg(wanted);
        plan.allocations.clear();
        return plan;
    }
    if (fulfilledLines > 0 && fulfilledLines == mapped.lines.size()) {
        plan.allocations.clear();
        plan.fulfilledElsewhere = true;
        plan.problem = Text::tr("Shopify shows these lines as fulfilled already, but not by this "
                                "connector. Nothing was sent; check the order in Shopify.");
        return plan;
    }
    if (fulfilledLines > 0) {
        plan.allocations.clear();
        plan.problem = Text::tr("Some lines of this fulfillment are already fulfilled in Shopify "
                                "and others are not. Check the order in Shopify.");
        return plan;
    }
    if (locations.size() > 1) {
        plan.allocations.clear();
        plan.problem = Text::tr("The lines are assigned to %1 different Shopify locations; one "
                                "fulfillment can only ship from one. Map the NetSuite location.")
                           .arg(locations.size());
        return plan;
    }
    plan.body = fulfillmentCreateBody(plan, mapped);
    return plan;
}

namespace {
QJsonObject trackingInput(const MappedFulfillment &mapped)
{
    QJsonObject tracking;
    if (!mapped.carrier.isEmpty())
        tracking.insert(QStringLiteral("company"), mapped.carrier);
    if (!mapped.trackingNumbers.isEmpty())
        tracking.insert(QStringLiteral("numbers"),
                        QJsonArray::fromStringList(mapped.trackingNumbers));
    if (!mapped.trackingUrl.isEmpty() && !mapped.trackingNumbers.isEmpty())
        tracking.insert(QStringLiteral("urls"), QJsonArray{mapped.trackingUrl});
    return tracking;
}
} // namespace

QByteArray ShopifyPlanner::trackingUpdateBody(const QString &channelFulfillmentId,
                                              const MappedFulfillment &mapped)
{
    static const QString mutation = QStringLiteral(
        "mutation fulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: "
        "FulfillmentTrackingInput!, $notifyCustomer: Boolean) { fulfillmentTrackingInfoUpdate("
        "fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: "
        "$notifyCustomer) { fulfillment { id trackingInfo { company number url } } userErrors { "
        "field message } } }");
    const QJsonObject variables{
        {QStringLiteral("fulfillmentId"),
         QString(QStringLiteral("gid://shopify/Fulfillment/") + channelFulfillmentId)},
        {QStringLiteral("trackingInfoInput"), trackingInput(mapped)},
        {QStringLiteral("notifyCustomer"), mapped.notifyCustomer}};
    return QJsonDocument(QJsonObject{{QStringLiteral("query"), mutation},
                                     {QStringLiteral("variables"), variables}})
        .toJson(QJsonDocument::Compact);
}

QByteArray ShopifyPlanner::fulfillmentCreateBody(const ChannelPlan &plan,
                                                 const MappedFulfillment &mapped)
{
    // The message argument is declared only when a custom field fills it.
    static const QString mutation =
        QStringLiteral("mutation fulfillmentCreate($fulfillment: FulfillmentInput!) { "
                       "fulfillmentCreate(fulfillment: $fulfillment) { "
                       "fulfillment { id status trackingInfo { company number url } } "
                       "userErrors { field message } } }");
    static const QString mutationWithMessage = QStringLiteral(
        "mutation fulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) { "
        "fulfillmentCreate(fulfillment: $fulfillment, message: $message) { "
        "fulfillment { id status trackingInfo { company number url } } "
        "userErrors { field message } } }");
    QJsonArray groups;
    QHash<QString, int> groupIndex;
    for (const ChannelPlan::Allocation &a : plan.allocations) {
        if (!groupIndex.contains(a.groupId)) {
            groupIndex.insert(a.groupId, int(groups.size()));
            groups.append(QJsonObject{
                {QStringLiteral("fulfillmentOrderId"),
                 QString(QStringLiteral("gid://shopify/FulfillmentOrder/") + a.groupId)},
                {QStringLiteral("fulfillmentOrderLineItems"), QJsonArray()}});
        }
        QJsonObject group = groups.at(groupIndex.value(a.groupId)).toObject();
        QJsonArray items = group.value(QStringLiteral("fulfillmentOrderLineItems")).toArray();
        items.append(QJsonObject{
            {QStringLiteral("id"),
             QString(QStringLiteral("gid://shopify/FulfillmentOrderLineItem/") + a.lineId)},
            {QStringLiteral("quantity"), a.quantity}});
        group.insert(QStringLiteral("fulfillmentOrderLineItems"), items);
        groups[groupIndex.value(a.groupId)] = group;
    }
    QJsonObject fulfillment{{QStringLiteral("lineItemsByFulfillmentOrder"), groups},
                            {QStringLiteral("trackingInfo"), trackingInput(mapped)},
                            {QStringLiteral("notifyCustomer"), mapped.notifyCustomer}};
    if (!mapped.originAddress.isEmpty()) {
        QJsonObject origin;
        for (auto it = mapped.originAddress.cbegin(); it != mapped.originAddress.cend(); ++it)
            origin.insert(it.key(), it.value());
        fulfillment.insert(QStringLiteral("originAddress"), origin);
    }
    QJsonObject variables{{QStringLiteral("fulfillment"), fulfillment}};
    if (!mapped.message.isEmpty())
        variables.insert(QStringLiteral("message"), mapped.message);
    const QJsonObject body{
        {QStringLiteral("query"), mapped.message.isEmpty() ? mutation : mutationWithMessage},
        {QStringLiteral("variables"), variables}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

ExistingFulfillment ShopifyPlanner::findExisting(const MappedFulfillment &mapped,
                                                 const ChannelOrderSnapshot &snapshot,
                                                 const QStringList &idsClaimedElsewhere)
{
    if (!snapshot.fulfillmentsKnown)
        return {ExistingFulfillment::Found::Unknown,
                {},
                Text::tr("the order's fulfillments in Shopify could not all be read")};
    QHash<QString, double> wantedLines;
    for (const auto &line : mapped.lines)
        wantedLines[line.sku] += line.quantity;
    QStringList wantedNumbers = mapped.trackingNumbers;
    wantedNumbers.sort();
    for (const ChannelOrderSnapshot::Fulfillment &f : snapshot.fulfillments) {
        if (idsClaimedElsewhere.contains(f.id))
            continue;
        if (f.status == u"cancelled" || f.status == u"error" || f.status == u"failure")
            continue;
        QStringList numbers = f.trackingNumbers;
        numbers.sort();
        if (!wantedNumbers.isEmpty()) {
            if (numbers == wantedNumbers)
                return {ExistingFulfillment::Found::Yes, f.id, {}};
            continue;
        }
        if (numbers.isEmpty() && f.quantityBySku == wantedLines)
            return {ExistingFulfillment::Found::Yes, f.id, {}};
    }
    return {ExistingFulfillment::Found::No, {}, {}};
}

void ShopifyPlanner::applyCreated(ChannelOrderSnapshot &snapshot, const ChannelPlan &plan,
                                  const QString &channelFulfillmentId,
                                  const MappedFulfillment &mapped)
{
    QSet<QString> touched;
    for (const ChannelPlan::Allocation &a : plan.allocations) {
        touched.insert(a.groupId);
        for (ChannelOrderSnapshot::Group &group : snapshot.groups)
            if (group.id == a.groupId)
                for (ChannelOrderSnapshot::Line &line : group.lines)
                    if (line.id == a.lineId)
                        line.remaining = std::max<qint64>(0, line.remaining - a.quantity);
    }
    for (ChannelOrderSnapshot::Group &group : snapshot.groups) {
        if (!touched.contains(group.id))
            continue;
        const bool left =
            std::any_of(group.lines.cbegin(), group.lines.cend(),
                        [](const ChannelOrderSnapshot::Line &l) { return l.remaining > 0; });
        if (left)
            snapshot.stale = true; // Shopify may move the rest to a new fulfillment order
        else
            group.status = QStringLiteral("closed");
    }
    if (snapshot.fulfillmentsKnown) {
        ChannelOrderSnapshot::Fulfillment made;
        made.id = channelFulfillmentId;
        made.status = QStringLiteral("success");
        made.trackingNumbers = mapped.trackingNumbers;
        for (const ChannelPlan::Allocation &a : plan.allocations)
            made.quantityBySku[a.sku] += double(a.quantity);
        snapshot.fulfillments << made;
    }
}

} // namespace fulfillsync
