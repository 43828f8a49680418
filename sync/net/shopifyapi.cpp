#include "sync/net/shopifyapi.h"

#include "sync/net/httpcall.h"

#include <QNetworkRequest>

namespace fulfillsync {

QUrl ShopifyApi::adminUrl(const ShopifyEndpoint &endpoint, const QString &path)
{
    QUrl url = endpoint.baseUrl;
    QString base = url.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + QStringLiteral("/admin/api/") + endpoint.apiVersion + u'/' + path);
    return url;
}

namespace {

HttpCall *makeCall(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint, const QUrl &url,
                   const QByteArray &verb, const QByteArray &body, bool idempotent, QObject *parent)
{
    const QByteArray token = endpoint.accessToken.toUtf8();
    auto factory = [url, verb, body, token] {
        HttpCall::Prepared prepared;
        prepared.request.setUrl(url);
        prepared.request.setRawHeader("X-Shopify-Access-Token", token);
        prepared.request.setRawHeader("Accept", "application/json");
        if (!body.isEmpty())
            prepared.request.setHeader(QNetworkRequest::ContentTypeHeader,
                                       QByteArray("application/json"));
        prepared.verb = verb;
        prepared.body = body;
        return prepared;
    };
    auto *call = new HttpCall(network, factory, idempotent, parent);
    call->setTimeoutMs(endpoint.timeoutMs);
    return call;
}

} // namespace

HttpCall *ShopifyApi::getShop(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint,
                              QObject *parent)
{
    return makeCall(network, endpoint, adminUrl(endpoint, QStringLiteral("shop.json")), "GET", {},
                    true, parent);
}

HttpCall *ShopifyApi::postGraphQl(QNetworkAccessManager &network, const ShopifyEndpoint &endpoint,
                                  const QByteArray &body, bool isQuery, QObject *parent)
{
    return makeCall(network, endpoint, adminUrl(endpoint, QStringLiteral("graphql.json")), "POST",
                    body, isQuery, parent);
}

} // namespace fulfillsync
