#pragma once

#include "sync/channel/channelconnection.h"

namespace fulfillsync {

// Shopify fulfills fulfillment-order line items, not order lines. The planner turns a mapped
// fulfillment into lineItemsByFulfillmentOrder against the order's *current* fulfillment orders
// (a snapshot read in the same pass): only open ones, never more than their remaining quantity,
// one location per fulfillment (Shopify's rule). Held and scheduled fulfillment orders are
// named as such, never taken for "fulfilled already". Pure functions.
namespace ShopifyPlanner {
// Shopify's quantities are whole units in a 32-bit Int.
QStringList quantityProblems(const MappedFulfillment &mapped);
ChannelPlan plan(const MappedFulfillment &mapped, const ChannelOrderSnapshot &snapshot);
QByteArray fulfillmentCreateBody(const ChannelPlan &plan, const MappedFulfillment &mapped);
// fulfillmentTrackingInfoUpdate for a fulfillment already in Shopify: safe to repeat.
QByteArray trackingUpdateBody(const QString &channelFulfillmentId, const MappedFulfillment &mapped);
// The channel fulfillment that already carries this fulfillment (same tracking numbers, or,
// without tracking numbers, the same SKUs and quantities); Unknown unless the snapshot lists
// every fulfillment of the order.
ExistingFulfillment findExisting(const MappedFulfillment &mapped,
                                 const ChannelOrderSnapshot &snapshot,
                                 const QStringList &idsClaimedElsewhere = {});
// After a confirmed create: the remaining quantities it took, the fulfillment it made. A
// fulfillment order left partly open may be split by Shopify, so the snapshot goes stale.
void applyCreated(ChannelOrderSnapshot &snapshot, const ChannelPlan &plan,
                  const QString &channelFulfillmentId, const MappedFulfillment &mapped);
} // namespace ShopifyPlanner

} // namespace fulfillsync
