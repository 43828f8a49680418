#include "sync/channel/channelfactory.h"

#include "sync/channel/shopify/shopifyconnection.h"
#include "sync/channel/shopify/shopifyplanner.h"

namespace fulfillsync {

ChannelFactory::QuantityRule ChannelFactory::quantityRule(const QString &kind)
{
    Q_UNUSED(kind) // Shopify is the only kind so far (connectors refuse others)
    return &ShopifyPlanner::quantityProblems;
}

std::unique_ptr<ChannelConnection> ChannelFactory::connect(const QString &kind,
                                                           QNetworkAccessManager &network,
                                                           const ShopifyEndpoint &endpoint,
                                                           LeakyBucketPacer *costBucket,
                                                           int ordersPerRead)
{
    Q_UNUSED(kind)
    auto shopify = std::make_unique<ShopifyConnection>(network, endpoint, costBucket);
    if (ordersPerRead > 0)
        shopify->setOrdersPerRead(std::min(ordersPerRead, shopify->ordersPerRead()));
    return shopify;
}

} // namespace fulfillsync
