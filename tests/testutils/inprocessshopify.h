#pragma once

#include "sandbox/shopify/shopifyservice.h"
#include "sandbox/shopify/shopifystore.h"
#include "testutils/fakenetworkaccessmanager.h"

#include <functional>
#include <memory>

namespace fulfillsync::test {

// Shopify's Admin API answered in-process by the sandbox's own service and store: the
// simulator is written once and mounted twice, on real HTTP (fulfillsync-sandbox) and here on
// the fake network, so engine tests run against the same GraphQL, costs and rules.
class InProcessShopify final
{
public:
    // One shop (default "acme"), token "shpat_secret", at http://shop.test/shopify/<shop>.
    explicit InProcessShopify(const QList<sandbox::ChannelOrder> &orders,
                              const QString &plan = QStringLiteral("unlimited"),
                              const QString &shop = QStringLiteral("acme"));
    ~InProcessShopify();

    static QUrl baseUrl(const QString &shop = QStringLiteral("acme"));
    static QString accessToken();

    void mount(FakeNetworkAccessManager &network);
    // Changes answers: gets the request, its endpoint (shopify.graphql.fulfillmentCreate, …)
    // and the normal service (which commits); returns what the client sees.
    using Interceptor = std::function<FakeResponse(const FakeRequest &, const QString &endpoint,
                                                   const std::function<FakeResponse()> &serve)>;
    void setInterceptor(Interceptor interceptor) { m_interceptor = std::move(interceptor); }

    sandbox::ShopifyStore &store() { return *m_store; }
    sandbox::ShopifyStore::Shop &shop();
    QList<sandbox::ShopifyStore::Fulfillment> fulfillments(qint64 orderId);
    int fulfillmentCount();

private:
    FakeResponse serve(const FakeRequest &request);

    std::unique_ptr<sandbox::ShopifyStore> m_store;
    sandbox::ShopifyService m_service;
    Interceptor m_interceptor;
    QString m_shopName;
    qint64 m_clockMs = 0;
};

} // namespace fulfillsync::test
