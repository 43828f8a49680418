#pragma once

#include "sandbox/scenario/scenario.h"

#include <QRandomGenerator>

namespace fulfillsync::sandbox {

// A realistic, reproducible demo account (same orderCount, seed and now -> same data): items
// with plausible SKUs, a few customers, ship methods (some deliberately not Shopify carriers),
// one or two locations, and one Shopify shop "main-store" whose orders mirror the sales orders
// by SKU. Roughly 55% of orders fully shipped, 15% partially shipped in two fulfillments, 8%
// with a picked/packed fulfillment, 15% unfulfilled, 4% cancelled, 3% closed; about 30% of
// fulfillments come from a 3PL. Built directly as records, so 200,000 orders load in seconds.
class DemoGenerator final
{
public:
    static Scenario generate(int orderCount, quint32 seed, const QDateTime &now);
    // A tracking number in the carrier's format, chosen by the ship method's name (UPS 1Z…,
    // FedEx 12 digits, USPS 9400…, DHL 10 digits, otherwise a local courier's "LC-…").
    static QString trackingNumber(QRandomGenerator &rng, const QString &shipMethodName);
};

} // namespace fulfillsync::sandbox
