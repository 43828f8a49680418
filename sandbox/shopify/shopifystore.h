#pragma once

#include "sandbox/scenario/scenario.h"
#include "sandbox/shopify/leakybucket.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace fulfillsync::sandbox {

// The Shopify shops of a scenario: orders, their fulfillment orders (one per order at its
// location, made at load) and the fulfillments the connector creates. Transport-free; the
// validation rules are shared by the REST and GraphQL create paths.
class ShopifyStore final
{
public:
    struct FulfillmentOrderLine
    {
        qint64 id = 0;
        qint64 lineItemId = 0;
        int quantity = 0;
        int fulfillable = 0;
    };
    struct FulfillmentOrder
    {
        qint64 id = 0;
        qint64 orderId = 0;
        qint64 locationId = 0;
        QString status; // open, in_progress, on_hold, scheduled, closed
        QList<FulfillmentOrderLine> lines;
        QDateTime createdAt, updatedAt;
    };
    struct FulfillmentLineItem
    {
        qint64 lineItemId = 0;
        QString sku;
        int quantity = 0;
    };
    struct Fulfillment
    {
        qint64 id = 0;
        qint64 orderId = 0;
        qint64 locationId = 0;
        QString name;
        QString trackingCompany;
        QStringList trackingNumbers, trackingUrls;
        QList<FulfillmentLineItem> lineItems;
        bool notifyCustomer = false;
        QDateTime createdAt;
    };
    struct Order
    {
        ChannelOrder source;
        QList<qint64> fulfillmentOrderIds;
        QList<Fulfillment> fulfillments;
        QDateTime createdAt, updatedAt; // updatedAt: any change to it or its fulfillments
        QDateTime cancelledAt;          // invalid: not cancelled
        bool closed = false;            // archived
    };
    // A bulk query operation (bulkOperationRunQuery): its result is made when it starts (the
    // data as of then) and becomes visible when it completes, objectsPerSecond of the shop's
    // clock later; a failure set with failNext ends it FAILED with that error code.
    struct BulkOperation
    {
        qint64 id = 0;
        QString query;
        qint64 createdMs = 0;
        qint64 durationMs = 0;
        QDateTime createdAt;
        QByteArray jsonl;
        qint64 objectCount = 0;
        QString errorCode;           // set: ends FAILED
        QString url, partialDataUrl; // where the sandbox serves the file
        QByteArray signature;        // the download's key (a signed URL needs no token)
        bool cancelled = false;
        QString statusAt(qint64 nowMs) const;
    };
    struct Shop
    {
        Channel channel;
        qint64 shopId = 0;
        QList<Order> orders;
        QHash<qint64, int> orderIndex;
        QHash<qint64, FulfillmentOrder> fulfillmentOrders;
        LeakyBucket rest;
        LeakyBucket graphql;
        QList<BulkOperation> bulkOperations;
        QString bulkFailNext; // ACCESS_DENIED, INTERNAL_SERVER_ERROR or TIMEOUT, once
        double bulkObjectsPerSecond = 20000;
    };

    // One fulfillment order in a create request; no lines = all that remains of it.
    struct RequestedOrder
    {
        qint64 fulfillmentOrderId = 0;
        QList<QPair<qint64, int>> lines; // fulfillment order line id, quantity
    };
    struct CreateRequest
    {
        QList<RequestedOrder> orders;
        QString company;
        QStringList numbers, urls;
        bool notifyCustomer = false;
    };
    struct CreateError
    {
        QStringList
            field; // GraphQL userErrors path below the input, e.g. lineItemsByFulfillmentOrder.0
        QString message;
    };

    ShopifyStore(const QList<Channel> &channels, const QDateTime &now);

    Shop *shop(const QString &name);
    const QList<Shop> &shops() const { return m_shops; }
    QList<QString> shopNames() const;
    const Order *order(const Shop &shop, qint64 orderId) const;

    bool createFulfillment(Shop &shop, const CreateRequest &request, const QDateTime &now,
                           Fulfillment *created, CreateError *error);
    // fulfillmentTrackingInfoUpdate: replaces company, numbers and URLs of one fulfillment.
    bool updateTracking(Shop &shop, qint64 fulfillmentId, const QString &company,
                        const QStringList &numbers, const QStringList &urls, Fulfillment *updated,
                        CreateError *error);

    // Holds, schedules or releases (open) an order's unfulfilled fulfillment orders.
    bool setFulfillmentOrderStatus(Shop &shop, qint64 orderId, const QString &status);
    // orderCancel (the order's open fulfillment orders are cancelled) and close (archive).
    bool cancelOrder(Shop &shop, qint64 orderId, const QDateTime &now);
    bool closeOrder(Shop &shop, qint64 orderId, const QDateTime &now);
    // The GraphQL cost bucket of a plan (standard, advanced, plus, unlimited).
    static void configureGraphQl(Shop &shop, const QString &plan);
    qint64 nextBulkOperationId() { return m_nextBulkOperationId++; }

    QJsonArray stateJson() const;

private:
    bool validate(const Shop &shop, const CreateRequest &request, CreateError *error) const;
    void addFulfillmentOrder(Shop &shop, FulfillmentOrder fo);

    QList<Shop> m_shops;
    QHash<QString, int> m_shopIndex;
    qint64 m_nextFulfillmentOrderId = 1046000001;
    qint64 m_nextFulfillmentOrderLineId = 1058000001;
    qint64 m_nextFulfillmentId = 4100000001;
    qint64 m_nextBulkOperationId = 7200000001;
};

} // namespace fulfillsync::sandbox
