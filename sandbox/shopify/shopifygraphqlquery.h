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
// Types served: QueryRoot (order, nodes, orders, node and currentBulkOperation for bulk
// operations), BulkOperation, Order, FulfillmentOrder, FulfillmentOrderLineItem,
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
    // nowMs: the shop's clock (bulk operations' state); bulk: connections return every node
    // (a bulk operation's own paging) and lists ignore their page sizes.
    static Result run(const ShopifyStore &store, const ShopifyStore::Shop &shop,
                      const GraphQlDocument &document, qint64 nowMs = 0, bool bulk = false);
    // Shopify's search syntax for orders(query:), the part the sandbox serves: terms on id,
    // created_at and updated_at with :, :>, :>=, :<, :<= (values bare or quoted; dates or
    // ISO times), ANDed by spaces (or AND), alternatives joined by OR. Other terms are ignored,
    // as Shopify ignores a filter it does not know (it reports it in extensions.search).
    static bool matchesSearch(const ShopifyStore::Order &order, const QString &query);
    // What a field of a served type is (for checking a bulk query): None when it does not
    // exist; childType: the type of its object, list items or connection nodes.
    enum class FieldKind { None, Scalar, Object, Connection, List };
    static FieldKind fieldKind(const QString &type, const QString &field, QString *childType);
};

} // namespace fulfillsync::sandbox
