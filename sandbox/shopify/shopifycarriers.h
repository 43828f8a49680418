#pragma once

#include <QString>

namespace fulfillsync::sandbox {

// Shopify's "supported tracking companies" (apis.md §3.1). A company matching one of them
// exactly (case-sensitive) is recognised, and for the common ones Shopify builds the tracking
// URL itself when the client sends none.
class ShopifyCarriers final
{
public:
    static bool isSupported(const QString &company);
    // Empty when Shopify has no URL pattern for the company (or it is not supported).
    static QString trackingUrl(const QString &company, const QString &number);
};

} // namespace fulfillsync::sandbox
