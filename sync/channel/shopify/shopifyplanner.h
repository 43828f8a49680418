#pragma once

#include "sync/engine/fulfillmentmapper.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fulfillsync {

// Shopify fulfills fulfillment-order line items, not order lines. The planner turns a mapped
// fulfillment into lineItemsByFulfillmentOrder against the order's *current* fulfillment orders:
// only open ones, never more than their remaining fulfillable quantity, one location per
// fulfillment (Shopify's rule). Pure functions over the API's JSON.
struct ShopifyPlan
{
    struct Item
    {
        qint64 fulfillmentOrderLineItemId = 0;
        qint64 lineItemId = 0;
        QString sku;
        int quantity = 0;
    };
    struct Group
    {
        qint64 fulfillmentOrderId = 0;
        qint64 locationId = 0;
        QList<Item> items;
    };
    QList<Group> groups;
    QString problem;          // empty when the plan can be sent
    bool alreadyDone = false; // nothing left to fulfill for these lines: read back instead
};

namespace ShopifyPlanner {
ShopifyPlan plan(const MappedFulfillment &mapped, const QJsonObject &orderResponse,
                 const QJsonObject &fulfillmentOrdersResponse);
QByteArray fulfillmentCreateBody(const ShopifyPlan &plan, const MappedFulfillment &mapped);
// Finds the channel fulfillment that already carries this fulfillment (after an ambiguous
// outcome): same tracking numbers, or, without tracking numbers, the same SKUs and quantities.
// Returns the channel fulfillment id, or an empty string.
QString findExisting(const MappedFulfillment &mapped, const QJsonObject &fulfillmentsResponse,
                     const QStringList &idsClaimedElsewhere = {});
// The fulfillment id (numeric part) and user errors of a fulfillmentCreate answer.
struct CreateAnswer
{
    QString fulfillmentId;
    QStringList userErrors;
    QString malformed;      // set when the answer could not be read
    bool throttled = false; // THROTTLED: not executed; send again after retryAfterMs
    int retryAfterMs = 0;
    // extensions.cost.throttleStatus, when the answer carried it (for pacing)
    double maximumAvailable = 0;
    double currentlyAvailable = 0;
    double restoreRate = 0;
};
CreateAnswer readCreateAnswer(const QByteArray &body,
                              const QString &mutation = QStringLiteral("fulfillmentCreate"));
// fulfillmentTrackingInfoUpdate for a fulfillment already in Shopify: safe to repeat.
QByteArray trackingUpdateBody(const QString &channelFulfillmentId, const MappedFulfillment &mapped);
} // namespace ShopifyPlanner

} // namespace fulfillsync
