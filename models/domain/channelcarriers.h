#pragma once

#include <QStringList>

namespace fulfillsync {

// Carrier names a channel recognises. Shopify matches a tracking company exactly
// (case-sensitive) and builds the tracking link itself for the ones it knows; any other name is
// free text and needs a tracking URL template in the ship method mapping.
// The sandbox (which links no project library) keeps its own copy in sandbox/shopifycarriers.cpp.
namespace ChannelCarriers {
QStringList shopify();
bool isKnownToShopify(const QString &name);
// The exact spelling of a known carrier that differs only in case or spaces, or empty.
QString shopifySpelling(const QString &name);
} // namespace ChannelCarriers

} // namespace fulfillsync
