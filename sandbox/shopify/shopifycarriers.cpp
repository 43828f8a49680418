#include "sandbox/shopify/shopifycarriers.h"

#include <QSet>
#include <QUrl>

namespace fulfillsync::sandbox {

namespace {

const QSet<QString> &supported()
{
    static const QSet<QString> set = [] {
        const char *const names[] = {
#include "resources/shopify/carriers.inc"
        };
        QSet<QString> s;
        for (const char *n : names)
            s.insert(QString::fromUtf8(n));
        return s;
    }();
    return set;
}

struct Pattern
{
    const char *company;
    const char *url; // %1 = number
};

const Pattern kPatterns[] = {
    {"UPS", "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=%1"},
    {"USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels=%1"},
    {"FedEx", "https://www.fedex.com/fedextrack/?trknbr=%1"},
    {"DHL Express", "https://www.dhl.com/en/express/tracking.html?AWB=%1&brand=DHL"},
    {"DHL eCommerce", "https://webtrack.dhlglobalmail.com/?trackingnumber=%1"},
    {"Canada Post",
     "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=%1"},
    {"Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/%1"},
    {"DPD", "https://tracking.dpd.de/status/en_US/parcel/%1"},
    {"GLS", "https://gls-group.eu/EU/en/parcel-tracking?match=%1"},
    {"Australia Post", "https://auspost.com.au/mypost/track/#/details/%1"},
    {"PostNL", "https://postnl.nl/tracktrace/?B=%1"},
    {"OnTrac", "https://www.ontrac.com/tracking/?number=%1"},
};

} // namespace

bool ShopifyCarriers::isSupported(const QString &company)
{
    return supported().contains(company);
}

QString ShopifyCarriers::trackingUrl(const QString &company, const QString &number)
{
    for (const Pattern &p : kPatterns)
        if (company == QLatin1String(p.company))
            return QString::fromLatin1(p.url).arg(
                QString::fromUtf8(QUrl::toPercentEncoding(number)));
    return QString();
}

} // namespace fulfillsync::sandbox
