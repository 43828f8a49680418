#pragma once

#include "models/domain/domain.h"

#include <QHash>
#include <optional>

namespace fulfillsync {

// One channel field filled from one NetSuite field through a small transform (product.md
// "Custom field mappings"). Stored as a MappingRule of kind CustomField:
//   sourceKey = channelField, sourceName = netsuiteField, target = transform key, extra = argument.
// A channel field is written at most once per connector, which the mappings' primary key keeps.
struct CustomFieldMapping
{
    enum class Transform {
        Constant,   // argument is the value; the NetSuite field is not read
        Copy,       // the NetSuite value as it is
        Lookup,     // argument "from=to; from=to; *=fallback"; no match and no '*' holds
        Template,   // argument with {value} replaced, e.g. "NetSuite {value}"
        DateFormat, // argument is a Qt date format ("dd.MM.yyyy") for a YYYY-MM-DD value
    };

    QString channelField;
    QString netsuiteField;
    Transform transform = Transform::Copy;
    QString argument;

    // The fields a mapping may name. Channel fields are those of Shopify's fulfillmentCreate
    // (the mutation's message and the FulfillmentInput's tracking and origin fields).
    static QStringList channelFields();
    static QStringList netsuiteFields();
    static QString transformKey(Transform transform);
    static std::optional<Transform> transformFromKey(const QString &key);
    static QStringList transformKeys();

    static std::optional<CustomFieldMapping> fromRule(const MappingRule &rule);
    MappingRule toRule() const;

    // Empty when the mapping can be used; otherwise what is wrong, in words for an admin.
    QString validate() const;

    struct Result
    {
        QString value;
        QString error; // non-empty: the fulfillment is held with this explanation
    };
    // values: NetSuite field name → value, as from netsuiteValues() below.
    Result apply(const QHash<QString, QString> &values) const;

    bool operator==(const CustomFieldMapping &) const = default;
};

// The NetSuite side of a fulfillment as the custom field mappings see it.
QHash<QString, QString> netsuiteValues(const SalesOrder &order, const ItemFulfillment &fulfillment);

} // namespace fulfillsync
