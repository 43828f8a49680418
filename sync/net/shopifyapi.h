#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QObject;

namespace fulfillsync {

class HttpCall;

// Where and how to reach one Shopify store. Held in memory only (it carries the access token).
struct ShopifyEndpoint
{
    QUrl baseUrl; // https://acme.myshopify.com, or the sandbox's /shopify/acme
    QString accessToken;
    QString apiVersion = QStringLiteral("2024-10");
    int timeoutMs = 30000;
};

// Builders for the few Shopify Admin API calls fulfillment sync needs (apis.md §3.1). Reads go
// through REST; the create goes through GraphQL fulfillmentCreate, the only API that takes
// several tracking numbers for one fulfillment.
namespace ShopifyApi {
HttpCall *getOrder(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint, qint64 orderId,
                   QObject *parent);
HttpCall *getFulfillmentOrders(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint,
                               qint64 orderId, QObject *parent);
HttpCall *getFulfillments(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint,
                          qint64 orderId, QObject *parent);
// The store itself (name, domain): what Test connection reads.
HttpCall *getShop(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint, QObject *parent);
// Not idempotent: never retried on an ambiguous failure (the engine reads back instead).
HttpCall *postGraphQl(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint,
                      const QByteArray &body, QObject *parent);
QUrl adminUrl(const ShopifyEndpoint &endpoint, const QString &path);
} // namespace ShopifyApi

} // namespace fulfillsync
