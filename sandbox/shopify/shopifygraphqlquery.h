#pragma once

#include "sandbox/shopify/graphqldocument.h"
#include "sandbox/shopify/shopifystore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fulfillsync::sandbox {

// Runs a GraphQL query against one shop of the store, the way Shopify's Admin API answers it:
// only the fields asked for, connections with pageInfo, unknown fields as errors, and the
// query's cost — requested (from the `first` arguments, before running) and actual (from what
// came back): object 1, connection 2 + its nodes, list items 1 each, scalars and enums 0.
// Types served: QueryRoot (order, nodes), Order, FulfillmentOrder, FulfillmentOrderLineItem,
// LineItem, Location, Fulfillment, FulfillmentTrackingInfo, FulfillmentLineItem.
class ShopifyGraphQlQuery final
{
public:
    struct Result
    {
        QJsonValue data; // null when errors stopped it
        QJsonArray errors;
        double requestedCost = 0;
        double actualCost = 0;
    };

    // The requested cost, or an error (unknown fields, missing page sizes).
    static bool requestedCost(const GraphQlDocument &document, double *cost, QString *error);
    static Result run(const ShopifyStore &store, const ShopifyStore::Shop &shop,
                      const GraphQlDocument &document);
};

} // namespace fulfillsync::sandbox
