#include "sync/engine/shopifyplanner.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
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

qint64 idOf(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString()) {
        QString text = value.toString();
        return text.section(u'/', -1).toLongLong(); // also accepts gid://shopify/X/123
    }
    return 0;
}

bool isOpen(const QJsonObject &fo)
{
    const QString status = fo.value(QLatin1String("status")).toString();
    return status == u"open" || status == u"in_progress";
}

} // namespace

ShopifyPlan ShopifyPlanner::plan(const MappedFulfillment &mapped, const QJsonObject &orderResponse,
                                 const QJsonObject &fulfillmentOrdersResponse)
{
    ShopifyPlan plan;
    // SKU → the order's line item ids (a SKU may appear on several lines).
    QHash<QString, QList<qint64>> lineIdsBySku;
    const QJsonArray lineItems = orderResponse.value(QLatin1String("order"))
                                     .toObject()
                                     .value(QLatin1String("line_items"))
                                     .toArray();
    for (const QJsonValue &value : lineItems) {
        const QJsonObject line = value.toObject();
        const QString sku = line.value(QLatin1String("sku")).toString().trimmed();
        if (!sku.isEmpty())
            lineIdsBySku[sku] << idOf(line.value(QLatin1String("id")));
    }

    // Remaining fulfillable quantity per open FO line item, grouped by location.
    struct Slot
    {
        qint64 foId, foLineId, lineItemId, locationId;
        int remaining;
    };
    QList<Slot> slots;
    const qint64 wantedLocation =
        mapped.channelLocationId.isEmpty() ? 0 : idOf(QJsonValue(mapped.channelLocationId));
    const QJsonArray fos =
        fulfillmentOrdersResponse.value(QLatin1String("fulfillment_orders")).toArray();
    for (const QJsonValue &foValue : fos) {
        const QJsonObject fo = foValue.toObject();
        if (!isOpen(fo))
            continue;
        const qint64 foId = idOf(fo.value(QLatin1String("id")));
        const qint64 location = idOf(fo.value(QLatin1String("assigned_location_id")));
        for (const QJsonValue &liValue : fo.value(QLatin1String("line_items")).toArray()) {
            const QJsonObject li = liValue.toObject();
            const int remaining = li.value(QLatin1String("fulfillable_quantity")).toInt();
            if (remaining > 0)
                slots << Slot{foId, idOf(li.value(QLatin1String("id"))),
                              idOf(li.value(QLatin1String("line_item_id"))), location, remaining};
        }
    }

    QHash<qint64, int> groupIndexByFo;
    QSet<qint64> locations;
    int alreadyFulfilledLines = 0;
    for (const MappedFulfillment::Line &line : mapped.lines) {
        const double wanted = line.quantity;
        if (wanted != std::floor(wanted)) {
            plan.problem =
                Text::tr("Quantity %1 of %2 is not a whole number; Shopify fulfills whole "
                         "units only.")
                    .arg(wanted)
                    .arg(line.sku);
            return plan;
        }
        const QList<qint64> lineIds = lineIdsBySku.value(line.sku);
        if (lineIds.isEmpty()) {
            plan.problem = Text::tr("The Shopify order has no line with SKU %1.").arg(line.sku);
            return plan;
        }
        int left = int(wanted);
        int available = 0;
        int elsewhere = 0; // open at a location other than the mapped one
        for (Slot &slot : slots) {
            if (left == 0)
                break;
            if (!lineIds.contains(slot.lineItemId) || slot.remaining == 0)
                continue;
            if (wantedLocation != 0 && slot.locationId != wantedLocation) {
                elsewhere += slot.remaining;
                continue;
            }
            const int take = std::min(left, slot.remaining);
            available += slot.remaining;
            slot.remaining -= take;
            left -= take;
            if (!groupIndexByFo.contains(slot.foId)) {
                groupIndexByFo.insert(slot.foId, int(plan.groups.size()));
                plan.groups << ShopifyPlan::Group{slot.foId, slot.locationId, {}};
            }
            plan.groups[groupIndexByFo.value(slot.foId)].items
                << ShopifyPlan::Item{slot.foLineId, slot.lineItemId, line.sku, take};
            locations.insert(slot.locationId);
        }
        if (left > 0 && elsewhere > 0) {
            plan.problem =
                Text::tr("Shopify holds %1 of %2 at another location than %3, where NetSuite "
                         "shipped from (location mapping). Move the fulfillment order in "
                         "Shopify, or correct the location mapping.")
                    .arg(elsewhere)
                    .arg(line.sku)
                    .arg(mapped.channelLocationId);
            return plan;
        }
        if (left > 0) {
            if (left == int(wanted) && available == 0) {
                ++alreadyFulfilledLines;
                continue;
            }
            plan.problem =
                Text::tr("Shopify has only %1 of %2 left to fulfill, NetSuite shipped %3. "
                         "Check the order in Shopify before resyncing.")
                    .arg(int(wanted) - left)
                    .arg(line.sku)
                    .arg(wanted);
            return plan;
        }
    }
    if (alreadyFulfilledLines == mapped.lines.size()) {
        plan.groups.clear();
        plan.alreadyDone = true;
        return plan;
    }
    if (alreadyFulfilledLines > 0) {
        plan.problem =
            Text::tr("Some lines of this fulfillment are already fulfilled in Shopify and "
                     "others are not. Check the order in Shopify.");
        return plan;
    }
    if (locations.size() > 1) {
        plan.problem = Text::tr("The lines are assigned to %1 different Shopify locations; one "
                                "fulfillment can only ship from one. Map the NetSuite location.")
                           .arg(locations.size());
    }
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

QByteArray ShopifyPlanner::fulfillmentCreateBody(const ShopifyPlan &plan,
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
    for (const ShopifyPlan::Group &group : plan.groups) {
        QJsonArray items;
        for (const ShopifyPlan::Item &item : group.items) {
            items.append(QJsonObject{
                {QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1")
                                           .arg(item.fulfillmentOrderLineItemId)},
                {QStringLiteral("quantity"), item.quantity}});
        }
        groups.append(QJsonObject{
            {QStringLiteral("fulfillmentOrderId"),
             QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(group.fulfillmentOrderId)},
            {QStringLiteral("fulfillmentOrderLineItems"), items}});
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

QString ShopifyPlanner::findExisting(const MappedFulfillment &mapped, const QJsonObject &response,
                                     const QStringList &idsClaimedElsewhere)
{
    QHash<QString, double> wantedLines;
    for (const auto &line : mapped.lines)
        wantedLines[line.sku] += line.quantity;
    QStringList wantedNumbers = mapped.trackingNumbers;
    wantedNumbers.sort();

    for (const QJsonValue &value : response.value(QLatin1String("fulfillments")).toArray()) {
        const QJsonObject f = value.toObject();
        const QString id = QString::number(idOf(f.value(QLatin1String("id"))));
        if (idsClaimedElsewhere.contains(id))
            continue;
        if (f.value(QLatin1String("status")).toString() == u"cancelled")
            continue;
        QStringList numbers;
        for (const QJsonValue &n : f.value(QLatin1String("tracking_numbers")).toArray())
            numbers << n.toString();
        numbers.sort();
        if (!wantedNumbers.isEmpty()) {
            if (numbers == wantedNumbers)
                return id;
            continue;
        }
        QHash<QString, double> lines;
        for (const QJsonValue &li : f.value(QLatin1String("line_items")).toArray()) {
            const QJsonObject line = li.toObject();
            lines[line.value(QLatin1String("sku")).toString()] +=
                line.value(QLatin1String("quantity")).toDouble();
        }
        if (numbers.isEmpty() && lines == wantedLines)
            return id;
    }
    return {};
}

ShopifyPlanner::CreateAnswer ShopifyPlanner::readCreateAnswer(const QByteArray &body,
                                                              const QString &mutation)
{
    CreateAnswer answer;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        answer.malformed = parseError.errorString();
        return answer;
    }
    const QJsonObject root = document.object();
    const QJsonObject cost =
        root.value(QLatin1String("extensions")).toObject().value(QLatin1String("cost")).toObject();
    const QJsonObject throttle = cost.value(QLatin1String("throttleStatus")).toObject();
    answer.maximumAvailable = throttle.value(QLatin1String("maximumAvailable")).toDouble();
    answer.currentlyAvailable = throttle.value(QLatin1String("currentlyAvailable")).toDouble();
    answer.restoreRate = throttle.value(QLatin1String("restoreRate")).toDouble();
    for (const QJsonValue &error : root.value(QLatin1String("errors")).toArray()) {
        const QJsonObject e = error.toObject();
        if (e.value(QLatin1String("extensions"))
                .toObject()
                .value(QLatin1String("code"))
                .toString() == u"THROTTLED") {
            // Not executed. Wait until the bucket holds what this mutation costs.
            answer.throttled = true;
            const double needed =
                std::max(1.0, cost.value(QLatin1String("requestedQueryCost")).toDouble(10) -
                                  answer.currentlyAvailable);
            const double rate = answer.restoreRate > 0 ? answer.restoreRate : 50.0;
            answer.retryAfterMs = std::max(100, int(std::ceil(needed / rate * 1000.0)));
            continue;
        }
        answer.userErrors << e.value(QLatin1String("message")).toString();
    }
    if (answer.throttled)
        return answer;
    const QJsonObject payload =
        root.value(QLatin1String("data")).toObject().value(mutation).toObject();
    for (const QJsonValue &error : payload.value(QLatin1String("userErrors")).toArray())
        answer.userErrors << error.toObject().value(QLatin1String("message")).toString();
    const QJsonValue id =
        payload.value(QLatin1String("fulfillment")).toObject().value(QLatin1String("id"));
    if (id.isString())
        answer.fulfillmentId = QString::number(idOf(id));
    if (answer.fulfillmentId.isEmpty() && answer.userErrors.isEmpty())
        answer.malformed = Text::tr("no fulfillment id and no errors in the answer");
    return answer;
}

} // namespace fulfillsync
