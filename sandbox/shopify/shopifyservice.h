#pragma once

#include "sandbox/server/httpexchange.h"
#include "sandbox/shopify/shopifystore.h"

namespace fulfillsync::sandbox {

// Shopify's Admin API under /shopify/{shop}/admin/api/{version}/ (apis.md §3.1): REST
// fulfillment orders and fulfillments, the GraphQL fulfillmentCreate mutation, bulk query
// operations (ShopifyBulk; their files at /shopify/{shop}/bulk/{id}.jsonl), access-token
// auth and both rate limits (REST leaky bucket with X-Shopify-Shop-Api-Call-Limit, GraphQL
// cost bucket with extensions.cost.throttleStatus). /shopify/{shop}/_sandbox/… are the shop's
// control endpoints (see control()).
class ShopifyService final
{
public:
    void setStore(ShopifyStore *store) { m_store = store; }

    // shopify.fulfillment_orders.get, shopify.fulfillments.get, shopify.fulfillments.post,
    // shopify.graphql.query, shopify.graphql.fulfillmentCreate,
    // shopify.graphql.bulkOperationRunQuery, shopify.bulk.download, shopify.control,
    // shopify.graphql.fulfillmentTrackingInfoUpdate, shopify.graphql.other, shopify.other
    static QString endpointOf(const HttpRequest &request);

    HttpReply handle(const HttpRequest &request, qint64 clockMs, const QDateTime &clockNow);

private:
    struct Route
    {
        QString shop;
        QStringList rest; // path segments after /admin/api/{version}/
    };
    static bool parse(const HttpRequest &request, Route *route);

    // POST /shopify/{shop}/_sandbox/plan {"plan"}, …/bulk {"failNext", "objectsPerSecond"},
    // …/orders/{id}/cancel and …/close: a shop's plan, bulk failures and order states.
    HttpReply control(ShopifyStore::Shop &shop, const QStringList &path, const HttpRequest &request,
                      const QDateTime &now);
    HttpReply rest(ShopifyStore::Shop &shop, const Route &route, const HttpRequest &request,
                   const QDateTime &now);
    HttpReply createRest(ShopifyStore::Shop &shop, const HttpRequest &request,
                         const QDateTime &now);
    HttpReply trackingUpdate(ShopifyStore::Shop &shop, const QJsonObject &body, qint64 clockMs);
    // Queries (orders, fulfillment orders, fulfillments) with Shopify's cost rules.
    HttpReply runQuery(ShopifyStore::Shop &shop, const QJsonObject &body, qint64 clockMs);
    HttpReply graphql(ShopifyStore::Shop &shop, const HttpRequest &request, qint64 clockMs,
                      const QDateTime &now);

    QJsonObject fulfillmentOrderJson(const ShopifyStore::Shop &shop,
                                     const ShopifyStore::FulfillmentOrder &fo) const;
    static QJsonObject fulfillmentJson(const ShopifyStore::Fulfillment &f);

    ShopifyStore *m_store = nullptr;
};

} // namespace fulfillsync::sandbox
