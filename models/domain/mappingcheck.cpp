#include "models/domain/mappingcheck.h"

#include "models/domain/channelcarriers.h"
#include "models/domain/customfield.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

namespace fulfillsync {

namespace {

// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MappingCheck)
};

bool hasOuterSpaces(const QString &text)
{
    return !text.isEmpty() && text.trimmed().size() != text.size();
}

void checkShipMethod(int row, const MappingRule &rule, QList<MappingIssue> &issues)
{
    if (!rule.extra.isEmpty()) {
        if (!rule.extra.startsWith(QLatin1String("https://")) &&
            !rule.extra.startsWith(QLatin1String("http://")))
            issues << MappingIssue{
                row, MappingField::Extra,
                Text::tr("A tracking URL template starts with https:// (for example "
                         "https://carrier.example/track/{number}).")};
        else if (!rule.extra.contains(QLatin1String("{number}")))
            issues << MappingIssue{
                row, MappingField::Extra,
                Text::tr("Put {number} in the template where the tracking number "
                         "goes.")};
    }
    if (rule.target.isEmpty() || ChannelCarriers::isKnownToShopify(rule.target))
        return;
    const QString spelling = ChannelCarriers::shopifySpelling(rule.target);
    if (!spelling.isEmpty())
        issues << MappingIssue{row, MappingField::Target,
                               Text::tr("Shopify spells this carrier \"%1\"; use that spelling so "
                                        "Shopify recognises it.")
                                   .arg(spelling)};
    else if (rule.extra.isEmpty())
        issues << MappingIssue{
            row, MappingField::Target,
            Text::tr("\"%1\" is not a carrier Shopify knows: choose one from the "
                     "list, or add a tracking URL template with {number}.")
                .arg(rule.target)};
}

void checkLocation(int row, const MappingRule &rule, QList<MappingIssue> &issues)
{
    static const QRegularExpression id(
        QStringLiteral("^(?:[0-9]+|gid://shopify/Location/[0-9]+)$"));
    if (!rule.target.isEmpty() && !id.match(rule.target).hasMatch())
        issues << MappingIssue{
            row, MappingField::Target,
            Text::tr("A Shopify location id is a number (for example 65432109876) "
                     "or gid://shopify/Location/<number>.")};
}

// A 3PL connector's targets are the 3PL's own codes.
void checkThreePl(MappingKind kind, int row, const MappingRule &rule, QList<MappingIssue> &issues)
{
    static const QRegularExpression service(QStringLiteral("^[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$"));
    static const QRegularExpression warehouse(QStringLiteral("^[0-9]+$"));
    if (rule.target.isEmpty())
        return;
    if (kind == MappingKind::ShipMethod && !service.match(rule.target).hasMatch())
        issues << MappingIssue{row, MappingField::Target,
                               Text::tr("A 3PL service is written carrierCode/serviceCode (for "
                                        "example ups/ups_ground).")};
    else if (kind == MappingKind::Location && !warehouse.match(rule.target).hasMatch())
        issues << MappingIssue{row, MappingField::Target,
                               Text::tr("A 3PL warehouse id is a number (for example 45678).")};
}

void checkCustomField(int row, const MappingRule &rule, QList<MappingIssue> &issues)
{
    const auto mapping = CustomFieldMapping::fromRule(rule);
    if (!mapping) {
        issues << MappingIssue{
            row, MappingField::Target,
            Text::tr("Choose a transform: %1.")
                .arg(CustomFieldMapping::transformKeys().join(QStringLiteral(", ")))};
        return;
    }
    const QString problem = mapping->validate();
    if (problem.isEmpty())
        return;
    // validate() reports the first problem; point at the column it is about.
    MappingField field = MappingField::Extra;
    if (!CustomFieldMapping::channelFields().contains(mapping->channelField))
        field = MappingField::Source;
    else if (mapping->transform != CustomFieldMapping::Transform::Constant &&
             !CustomFieldMapping::netsuiteFields().contains(mapping->netsuiteField))
        field = MappingField::SourceName;
    issues << MappingIssue{row, field, problem};
}

} // namespace

bool isUnmappedPlaceholder(const MappingRule &rule)
{
    return rule.kind != MappingKind::CustomField && rule.target.isEmpty();
}

MappingTarget mappingTargetOf(const Connector &connector)
{
    return connector.isThreePl() ? MappingTarget::ThreePl : MappingTarget::Channel;
}

QList<MappingIssue> checkMappingRows(MappingKind kind, const QList<MappingRule> &rows,
                                     MappingTarget target)
{
    QList<MappingIssue> issues;
    QHash<QString, int> firstRowOfKey;
    for (int row = 0; row < rows.size(); ++row) {
        const MappingRule &rule = rows.at(row);
        if (rule.sourceKey.trimmed().isEmpty()) {
            issues << MappingIssue{row, MappingField::Source,
                                   kind == MappingKind::CustomField
                                       ? Text::tr("Choose the channel field to fill.")
                                       : Text::tr("Enter the NetSuite internal id or name.")};
        } else if (hasOuterSpaces(rule.sourceKey)) {
            issues << MappingIssue{
                row, MappingField::Source,
                Text::tr("Remove the spaces at the start or end: NetSuite values "
                         "are matched exactly.")};
        } else if (const auto it = firstRowOfKey.constFind(rule.sourceKey);
                   it != firstRowOfKey.constEnd()) {
            issues << MappingIssue{
                row, MappingField::Source,
                Text::tr("\"%1\" is already mapped in row %2; remove one of the two.")
                    .arg(rule.sourceKey)
                    .arg(*it + 1)};
        } else {
            firstRowOfKey.insert(rule.sourceKey, row);
        }
        if (hasOuterSpaces(rule.target))
            issues << MappingIssue{row, MappingField::Target,
                                   Text::tr("Remove the spaces at the start or end: the channel "
                                            "matches values exactly.")};
        if (target == MappingTarget::ThreePl && kind != MappingKind::CustomField) {
            checkThreePl(kind, row, rule, issues);
            continue;
        }
        switch (kind) {
        case MappingKind::ShipMethod:
            checkShipMethod(row, rule, issues);
            break;
        case MappingKind::Location:
            checkLocation(row, rule, issues);
            break;
        case MappingKind::CustomField:
            checkCustomField(row, rule, issues);
            break;
        case MappingKind::Item:
            break;
        }
    }
    if (kind == MappingKind::CustomField)
        return issues;
    // The engine matches a NetSuite value by its id or by its name: a row keyed by the id and
    // another keyed by the same value's name both match, and only one of them can win.
    for (int row = 0; row < rows.size(); ++row) {
        const MappingRule &rule = rows.at(row);
        if (rule.sourceName.isEmpty() || rule.sourceName == rule.sourceKey ||
            isUnmappedPlaceholder(rule))
            continue;
        const auto other = firstRowOfKey.constFind(rule.sourceName);
        if (other == firstRowOfKey.constEnd() || *other == row)
            continue;
        const MappingRule &byName = rows.at(*other);
        if (isUnmappedPlaceholder(byName) ||
            (byName.target == rule.target && byName.extra == rule.extra))
            continue;
        issues << MappingIssue{
            *other, MappingField::Source,
            Text::tr("Ambiguous: row %1 maps the same NetSuite value by its id (%2) "
                     "to \"%3\"; remove one of the two rows.")
                .arg(row + 1)
                .arg(rule.sourceKey, rule.target)};
    }
    return issues;
}

} // namespace fulfillsync
