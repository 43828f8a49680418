#pragma once

#include "testutils/fakenetworkaccessmanager.h"

namespace fulfillsync::bench {

// NetSuite and Shopify answered in-process, instantly, from generated data: `orders` sales
// orders, each shipped in one fulfillment with two lines. Measures the engine's own cost per
// fulfillment, without any server in the way.
void installFakeStore(test::FakeNetworkAccessManager &network, int orders);

} // namespace fulfillsync::bench
