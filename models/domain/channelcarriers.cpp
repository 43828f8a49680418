#include "models/domain/channelcarriers.h"

namespace fulfillsync {

namespace {

const char *const kShopifyCarriers[] = {
#include "resources/shopify/carriers.inc"
};

} // namespace

QStringList ChannelCarriers::shopify()
{
    QStringList names;
    names.reserve(int(std::size(kShopifyCarriers)));
    for (const char *name : kShopifyCarriers)
        names << QString::fromUtf8(name);
    return names;
}

bool ChannelCarriers::isKnownToShopify(const QString &name)
{
    static const QStringList names = shopify();
    return names.contains(name);
}

QString ChannelCarriers::shopifySpelling(const QString &name)
{
    static const QStringList names = shopify();
    const QString wanted = name.trimmed();
    for (const QString &known : names)
        if (known.compare(wanted, Qt::CaseInsensitive) == 0)
            return known;
    return {};
}

} // namespace fulfillsync
