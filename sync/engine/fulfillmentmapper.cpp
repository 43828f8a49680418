#include "sync/engine/fulfillmentmapper.h"

#include "models/domain/customfield.h"

#include <QCoreApplication>
#include <QSet>
#include <QUrl>

namespace fulfillsync {

namespace {
// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(FulfillmentMapper)
};

} // namespace

FulfillmentMapper::FulfillmentMapper(const Connector &connector, const QList<MappingRule> &rules,
                                     const QHash<qint64, QList<KitMember>> &kitMembers)
    : m_connector(connector)
    , m_rules(rules)
    , m_kitMembers(kitMembers)
{}

const MappingRule *FulfillmentMapper::rule(MappingKind kind, qint64 id, const QString &name) const
{
    const QString idKey = QString::number(id);
    for (const MappingRule &r : m_rules) {
        if (r.kind == kind && (r.sourceKey == idKey || (!name.isEmpty() && r.sourceKey == name)))
            return &r;
    }
    return nullptr;
}

QString FulfillmentMapper::expandTrackingUrl(const QString &urlTemplate, const QString &number)
{
    if (urlTemplate.isEmpty())
        return {};
    QString url = urlTemplate;
    url.replace(QStringLiteral("{number}"), QString::fromUtf8(QUrl::toPercentEncoding(number)));
    return url;
}

bool FulfillmentMapper::fillsCarrierFromCustomField() const
{
    return std::any_of(m_rules.cbegin(), m_rules.cend(), [](const MappingRule &r) {
        return r.kind == MappingKind::CustomField && r.sourceKey == u"trackingInfo.company";
    });
}

QString FulfillmentMapper::skuOf(qint64 itemId, const QString &itemName) const
{
    if (const MappingRule *r = rule(MappingKind::Item, itemId, itemName))
        return r->target.trimmed();
    // Unmapped: only a connector told to use its defaults takes the NetSuite name as the SKU.
    if (m_connector.unmappedPolicy == UnmappedPolicy::UseDefault)
        return itemName.trimmed();
    return {};
}

MappingResult FulfillmentMapper::map(const ItemFulfillment &f, const SalesOrder &order) const
{
    MappingResult result;
    MappedFulfillment &m = result.mapped;
    m.trackingNumbers = f.trackingNumbers;
    m.shipDate = f.tranDate;
    m.notifyCustomer = m_connector.notifyCustomer;
    mapLines(f, result);
    mapCarrier(f, result);
    mapLocation(f, result);
    mapCustomFields(f, order, result);
    return result;
}

void FulfillmentMapper::mapLines(const ItemFulfillment &f, MappingResult &result) const
{
    MappedFulfillment &m = result.mapped;
    const auto noSku = [&result](const QString &name, qint64 id) {
        result.problems << Text::tr("Item %1 (internal id %2) has no item mapping: map it to a "
                                    "channel SKU in Mappings, or let this connector use its "
                                    "defaults (the NetSuite item name as the SKU).")
                               .arg(name)
                               .arg(id);
    };
    for (const ItemFulfillmentLine &line : f.lines) {
        if (line.quantity <= 0) { // never push the rest as if it were the whole fulfillment
            result.problems << Text::tr("Line %1 (%2) has the quantity %3: the fulfillment is "
                                        "held whole, never pushed without it. Check it in "
                                        "NetSuite.")
                                   .arg(line.lineId)
                                   .arg(line.itemName)
                                   .arg(line.quantity);
            continue;
        }
        if (m_connector.kitRule == KitRule::Members && line.isKit()) {
            const QList<KitMember> members = m_kitMembers.value(line.itemId);
            if (members.isEmpty()) {
                result.problems << Text::tr(
                                       "Kit %1 (internal id %2) has no members known from "
                                       "NetSuite, and this connector pushes kit members. Check "
                                       "the kit in NetSuite, or push the kit line instead.")
                                       .arg(line.itemName)
                                       .arg(line.itemId);
                continue;
            }
            for (const KitMember &member : members) {
                const QString sku = skuOf(member.itemId, member.itemName);
                if (sku.isEmpty()) {
                    noSku(member.itemName, member.itemId);
                    continue;
                }
                m.lines << MappedFulfillment::Line{sku, line.quantity * member.quantity,
                                                   member.itemId, member.itemName};
            }
            continue;
        }
        const QString sku = skuOf(line.itemId, line.itemName);
        if (sku.isEmpty()) {
            noSku(line.itemName, line.itemId);
            continue;
        }
        m.lines << MappedFulfillment::Line{sku, line.quantity, line.itemId, line.itemName};
    }
    if (m.lines.isEmpty() && result.problems.isEmpty())
        result.problems << Text::tr("The fulfillment has no lines with a quantity to send.");
}

void FulfillmentMapper::mapCarrier(const ItemFulfillment &f, MappingResult &result) const
{
    MappedFulfillment &m = result.mapped;
    if (const MappingRule *r = rule(MappingKind::ShipMethod, f.shipMethodId, f.shipMethodName)) {
        m.carrier = r->target;
        if (!r->extra.isEmpty() && !m.trackingNumbers.isEmpty())
            m.trackingUrl = expandTrackingUrl(r->extra, m.trackingNumbers.first());
    } else if (m_connector.unmappedPolicy == UnmappedPolicy::UseDefault &&
               !m_connector.defaultCarrier.isEmpty()) {
        m.carrier = m_connector.defaultCarrier;
    } else if (!fillsCarrierFromCustomField()) {
        const QString method = f.shipMethodName.isEmpty() ? Text::tr("(none)") : f.shipMethodName;
        result.problems << Text::tr(
                               "Ship method \"%1\" has no carrier mapping: map it to a carrier in "
                               "Mappings, or set a default carrier for this connector.")
                               .arg(method);
    }
}

void FulfillmentMapper::mapLocation(const ItemFulfillment &f, MappingResult &result) const
{
    const bool mapsLocations = std::any_of(m_rules.cbegin(), m_rules.cend(), [](const auto &r) {
        return r.kind == MappingKind::Location;
    });
    if (!mapsLocations)
        return; // the channel's own location choice stands
    QSet<QString> targets;
    QSet<qint64> seen;
    for (const ItemFulfillmentLine &line : f.lines) {
        if (line.quantity <= 0 || seen.contains(line.locationId))
            continue;
        seen.insert(line.locationId);
        if (const MappingRule *r = rule(MappingKind::Location, line.locationId, line.locationName))
            targets.insert(r->target.trimmed());
        else if (m_connector.unmappedPolicy != UnmappedPolicy::UseDefault)
            result.problems << Text::tr(
                                   "NetSuite location \"%1\" has no channel location mapping: map "
                                   "it in Mappings (Locations), or let this connector use its "
                                   "defaults.")
                                   .arg(line.locationName.isEmpty()
                                            ? QString::number(line.locationId)
                                            : line.locationName);
    }
    if (targets.size() > 1)
        result.problems << Text::tr(
                               "The fulfillment ships from %1 NetSuite locations mapped to "
                               "different channel locations; a channel fulfillment ships from "
                               "one. Split the fulfillment in NetSuite or correct the mapping.")
                               .arg(seen.size());
    else if (targets.size() == 1)
        result.mapped.channelLocationId = *targets.cbegin();
}

void FulfillmentMapper::mapCustomFields(const ItemFulfillment &f, const SalesOrder &order,
                                        MappingResult &result) const
{
    QHash<QString, QString> values;
    MappedFulfillment &m = result.mapped;
    for (const MappingRule &r : m_rules) {
        if (r.kind != MappingKind::CustomField)
            continue;
        const auto field = CustomFieldMapping::fromRule(r);
        if (!field) {
            result.problems << Text::tr("Custom field %1 has an unknown transform \"%2\".")
                                   .arg(r.sourceKey, r.target);
            continue;
        }
        if (values.isEmpty())
            values = netsuiteValues(order, f);
        const CustomFieldMapping::Result applied = field->apply(values);
        if (!applied.error.isEmpty()) {
            result.problems << applied.error;
            continue;
        }
        const QString &channelField = field->channelField;
        if (channelField == u"message")
            m.message = applied.value;
        else if (channelField == u"trackingInfo.company")
            m.carrier = applied.value;
        else if (channelField == u"trackingInfo.url")
            m.trackingUrl = applied.value;
        else if (channelField.startsWith(u"originAddress."))
            m.originAddress.insert(channelField.section(u'.', 1), applied.value);
    }
}

} // namespace fulfillsync
