#pragma once

#include "sandbox/server/httpexchange.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMap>
#include <QRandomGenerator>

namespace fulfillsync::sandbox {

// A ShipStation-style 3PL (API v1, docs/3pl-connector-brief.md) under /shipstation/:
//   POST orders/createorder     create, or update by orderKey while the order is still open
//   POST orders/createorders    the same for up to 100 orders
//   GET  orders/{orderId}
//   GET  shipments              by create, ship or void date, with paging (page, pageSize <= 500)
// createorder requires orderNumber, orderDate, orderStatus, billTo and shipTo, as documented;
// an open order's shipTo must be one a label can be bought for (name, street1, city,
// postalCode and a two-letter country). Shipped and cancelled orders cannot be updated.
// HTTP Basic auth with an API key and secret; 40 requests a minute per key in fixed windows,
// every answer with X-Rate-Limit-Limit / -Remaining / -Reset (seconds), 429 over it. The
// warehouse ships through ship() (the control endpoint /_sandbox/3pl/ship). Times are the
// sandbox clock's, in UTC (the real service may answer in Pacific time: see the brief).
class ShipStationService final
{
public:
    static constexpr int kRequestsPerMinute = 40;
    static constexpr int kMaxBulkOrders = 100;
    static constexpr int kMaxPageSize = 500;

    struct Order
    {
        qint64 orderId = 0;
        QString orderKey;
        QString orderNumber;
        QString orderStatus; // awaiting_payment, awaiting_shipment, on_hold, shipped, cancelled
        QString orderDate;
        QString carrierCode;
        QString serviceCode;
        QString customerEmail;
        QJsonObject shipTo; // the Address model: name, company, street1, street2, city, state,
        QJsonObject billTo; // postalCode, country, phone, residential
        QJsonArray items;   // as sent: lineItemKey, sku, name, quantity...
        QMap<QString, double> shipped; // by lineItemKey
    };
    struct Shipment
    {
        qint64 shipmentId = 0;
        qint64 orderId = 0;
        QDateTime created;
        QString trackingNumber;
        QString carrierCode;
        QString serviceCode;
        QJsonArray items; // lineItemKey, sku, quantity
        QDateTime voided; // invalid: not voided
    };

    QString apiKey() const { return m_key; }
    QString apiSecret() const { return m_secret; }

    // shipstation.createorder, shipstation.createorders, shipstation.orders.get,
    // shipstation.shipments, shipstation.other
    static QString endpointOf(const HttpRequest &request);

    HttpReply handle(const HttpRequest &request, const QDateTime &now);
    // The warehouse ships: {"orderKey", "trackingNumber", "carrierCode"?, "serviceCode"?,
    // "items"?: [{"lineItemKey", "quantity"}]} (all that is left when items is absent). An
    // order whose every line has shipped becomes "shipped".
    HttpReply ship(const QJsonObject &body, const QDateTime &now);
    QJsonObject state() const;
    bool holdsOrder(const QString &orderKey) const;
    // The warehouse at work (the live demo): ships the oldest open order, all that is left or,
    // now and then, part of its first line. 404 when nothing waits.
    HttpReply shipNext(const QDateTime &now);
    // The warehouse voids a label: {"shipmentId"} (/_sandbox/3pl/void). The goods stay, the
    // shipment says voided with its voidDate.
    HttpReply voidShipment(const QJsonObject &body, const QDateTime &now);

private:
    Order *orderByKey(const QString &key);
    HttpReply createOrder(const QJsonObject &body);
    HttpReply createOrders(const QJsonArray &orders);
    HttpReply shipments(const HttpRequest &request) const;
    QJsonObject orderJson(const Order &order) const;
    QJsonObject shipmentJson(const Shipment &shipment, bool withItems) const;
    bool admit(const QDateTime &now, HttpReply *refusal);
    void addRateHeaders(HttpReply &reply, const QDateTime &now) const;

    QString m_key = QStringLiteral("sandbox-3pl-key");
    QString m_secret = QStringLiteral("sandbox-3pl-secret");
    QMap<qint64, Order> m_orders;
    QList<Shipment> m_shipments;
    qint64 m_nextOrderId = 7000001;
    qint64 m_nextShipmentId = 9000001;
    QRandomGenerator m_random{3};
    QDateTime m_windowStart;
    int m_used = 0;
};

} // namespace fulfillsync::sandbox
