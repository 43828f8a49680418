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

// Builders for the Shopify Admin API calls (apis.md §3.1). Fulfillment sync speaks GraphQL
// (ShopifyConnection); REST is used only for the store's name in Test connection.
namespace ShopifyApi {
// The store itself (name, domain): what Test connection reads.
HttpCall *getShop(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint, QObject *parent);
// isQuery: a read, retried on transient failures; a mutation never is (the engine reads back).
HttpCall *postGraphQl(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint,
                      const QByteArray &body, bool isQuery, QObject *parent);
QUrl adminUrl(const ShopifyEndpoint &endpoint, const QString &path);
} // namespace ShopifyApi

} // namespace fulfillsync
