#pragma once

#include "sync/engine/fulfillmentmapper.h"
#include "sync/net/shopifyapi.h"

#include <QStringList>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QObject;

namespace fulfillsync {

class ChannelConnection;
class LeakyBucketPacer;

// The one place that knows which class serves which connector kind. ordersPerRead: fewer
// orders per planning read than the channel could carry (1: each alone, the baseline the
// benchmarks compare with).
namespace ChannelFactory {
using QuantityRule = std::function<QStringList(const MappedFulfillment &)>;
// The kind's limits on quantities, for decisions made without a connection (Explain).
QuantityRule quantityRule(const QString &kind);
std::unique_ptr<ChannelConnection> connect(const QString &kind, QNetworkAccessManager &network,
                                           const ShopifyEndpoint &endpoint,
                                           LeakyBucketPacer *costBucket, int ordersPerRead = 0);
} // namespace ChannelFactory

} // namespace fulfillsync
