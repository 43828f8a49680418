#pragma once

#include <QJsonObject>
#include <QString>

namespace fulfillsync::test {

// A fulfillsync-scenario/1 with `orders` sales orders (one or two lines), every one shipped: most
// in one item fulfillment, a quarter in two (partial shipments), each fulfillment with its own
// tracking number and mapped ship method (UPS Ground). shippedFulfillments receives how many
// fulfillments that is (about 1.25 per order). plan: standard, advanced, plus or unlimited.
// round: a later batch of the same shape, with its own ids and tracking numbers and changed a
// day later per round (so an incremental pass finds it after the earlier rounds).
QJsonObject shippedOrdersScenario(int orders, const QString &plan, int *shippedFulfillments,
                                  int round = 0);

// shippedOrdersScenario's orders spread over `stores` Shopify stores: store k (1-based) is
// "store-k" (shop acme-k, NetSuite channel "Shopify k"), holding every stores-th order.
QJsonObject teamScenario(int stores, int orders, int *shippedFulfillments, int round = 0);

// `orders` open sales orders (none fulfilled yet) at the "East Coast 3PL" location (2), with
// their Shopify orders: work for the demo's 3PL connector (configureDemoThreePl), which sends
// them to the 3PL and brings its shipments back.
QJsonObject threePlOrdersScenario(int orders);

} // namespace fulfillsync::test
