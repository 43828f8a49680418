#pragma once

#include "models/domain/domain.h"

#include <QStringList>

namespace fulfillsync {

// A NetSuite fulfillment translated into the channel's terms, before any channel call.
struct MappedFulfillment
{
    struct Line
    {
        QString sku;
        double quantity = 0;
        qint64 netSuiteItemId = 0;
        QString netSuiteItemName;
    };
    QList<Line> lines;
    QString carrier;     // exact channel carrier name, or free text for unknown carriers
    QString trackingUrl; // only for free-text carriers, from the mapping's template
    QStringList trackingNumbers;
    QString shipDate;
    bool notifyCustomer = true;
};

struct MappingResult
{
    MappedFulfillment mapped;
    QStringList problems; // each one a sentence naming the unmapped value; empty when mapped
    bool ok() const { return problems.isEmpty(); }
};

// Applies a connector's mappings to one fulfillment. Pure: no I/O, nothing guessed. Items map
// through an item rule when there is one, else the NetSuite item name is the SKU (the usual
// convention); ship methods need a rule, or the connector's default carrier when its policy says
// so.
class FulfillmentMapper final
{
public:
    FulfillmentMapper(const Connector &connector, const QList<MappingRule> &rules);

    MappingResult map(const ItemFulfillment &fulfillment) const;

    static QString expandTrackingUrl(const QString &urlTemplate, const QString &number);

private:
    const MappingRule *rule(MappingKind kind, qint64 id, const QString &name) const;

    Connector m_connector;
    QList<MappingRule> m_rules;
};

} // namespace fulfillsync
