#include "sync/engine/fulfillmentmapper.h"

#include <QCoreApplication>
#include <QUrl>

namespace fulfillsync {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FulfillmentMapper", text);
}
} // namespace

FulfillmentMapper::FulfillmentMapper(const Connector &connector, const QList<MappingRule> &rules)
    : m_connector(connector)
    , m_rules(rules)
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

MappingResult FulfillmentMapper::map(const ItemFulfillment &f) const
{
    MappingResult result;
    MappedFulfillment &m = result.mapped;
    m.trackingNumbers = f.trackingNumbers;
    m.shipDate = f.tranDate;
    m.notifyCustomer = m_connector.notifyCustomer;

    for (const ItemFulfillmentLine &line : f.lines) {
        if (line.quantity <= 0)
            continue;
        QString sku;
        if (const MappingRule *r = rule(MappingKind::Item, line.itemId, line.itemName))
            sku = r->target;
        else
            sku = line.itemName;
        if (sku.trimmed().isEmpty()) {
            result.problems << tr("Item %1 (internal id %2) has no SKU: add an item mapping.")
                                   .arg(line.itemName)
                                   .arg(line.itemId);
            continue;
        }
        m.lines << MappedFulfillment::Line{sku.trimmed(), line.quantity, line.itemId,
                                           line.itemName};
    }
    if (m.lines.isEmpty() && result.problems.isEmpty())
        result.problems << tr("The fulfillment has no lines with a quantity to send.");

    if (const MappingRule *r = rule(MappingKind::ShipMethod, f.shipMethodId, f.shipMethodName)) {
        m.carrier = r->target;
        if (!r->extra.isEmpty() && !m.trackingNumbers.isEmpty())
            m.trackingUrl = expandTrackingUrl(r->extra, m.trackingNumbers.first());
    } else if (m_connector.unmappedPolicy == UnmappedPolicy::UseDefault &&
               !m_connector.defaultCarrier.isEmpty()) {
        m.carrier = m_connector.defaultCarrier;
    } else {
        const QString method = f.shipMethodName.isEmpty() ? tr("(none)") : f.shipMethodName;
        result.problems << tr("Ship method \"%1\" has no carrier mapping: map it to a carrier in "
                              "Mappings, or set a default carrier for this connector.")
                               .arg(method);
    }
    return result;
}

} // namespace fulfillsync
