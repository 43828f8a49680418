#pragma once

#include "models/domain/domain.h"

#include <QHash>
#include <QMap>
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
    // The channel location the goods ship from (location mapping); empty: any location.
    QString channelLocationId;
    // Custom field mappings: fulfillmentCreate's message and origin address fields.
    QString message;
    QMap<QString, QString> originAddress; // address1, city, countryCode, ...
};

struct MappingResult
{
    MappedFulfillment mapped;
    QStringList problems; // each one a sentence naming the unmapped value; empty when mapped
    bool ok() const { return problems.isEmpty(); }
};

// Applies a connector's mappings to one fulfillment. Pure: no I/O, nothing guessed.
// - Items map through an item rule; without one the fulfillment is held, unless the connector
//   uses its defaults, which take the NetSuite item name as the SKU. Kits go as their own line,
//   or as their members (kit rule), each member's quantity multiplied by the kits shipped.
// - Ship methods need a rule, or the connector's default carrier when its policy says so.
// - Locations: once a connector maps any location, every shipping location needs a rule (or
//   the default policy, which leaves the choice to the channel); all lines must ship from one
//   channel location.
// - Custom fields fill the channel fields they name; a failing transform holds the fulfillment.
class FulfillmentMapper final
{
public:
    FulfillmentMapper(const Connector &connector, const QList<MappingRule> &rules,
                      const QHash<qint64, QList<KitMember>> &kitMembers = {});

    MappingResult map(const ItemFulfillment &fulfillment, const SalesOrder &order) const;

    static QString expandTrackingUrl(const QString &urlTemplate, const QString &number);

private:
    const MappingRule *rule(MappingKind kind, qint64 id, const QString &name) const;
    void mapLines(const ItemFulfillment &f, MappingResult &result) const;
    void mapCarrier(const ItemFulfillment &f, MappingResult &result) const;
    void mapLocation(const ItemFulfillment &f, MappingResult &result) const;
    void mapCustomFields(const ItemFulfillment &f, const SalesOrder &order,
                         MappingResult &result) const;
    QString skuOf(qint64 itemId, const QString &itemName) const;
    bool fillsCarrierFromCustomField() const;

    Connector m_connector;
    QList<MappingRule> m_rules;
    QHash<qint64, QList<KitMember>> m_kitMembers;
};

} // namespace fulfillsync
