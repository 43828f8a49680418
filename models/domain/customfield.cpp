#include "models/domain/customfield.h"

#include <QCoreApplication>
#include <QDate>

namespace fulfillsync {

namespace {

// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CustomFieldMapping)
};

struct TransformName
{
    CustomFieldMapping::Transform transform;
    const char *key;
};

constexpr TransformName kTransforms[] = {
    {CustomFieldMapping::Transform::Constant, "constant"},
    {CustomFieldMapping::Transform::Copy, "copy"},
    {CustomFieldMapping::Transform::Lookup, "lookup"},
    {CustomFieldMapping::Transform::Template, "template"},
    {CustomFieldMapping::Transform::DateFormat, "date_format"},
};

// "from=to; from=to" → pairs; an entry without '=' is reported.
std::optional<QList<QPair<QString, QString>>> lookupPairs(const QString &argument)
{
    QList<QPair<QString, QString>> pairs;
    const QStringList entries = argument.split(u';', Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const qsizetype eq = entry.indexOf(u'=');
        if (eq < 0)
            return std::nullopt;
        pairs.append({entry.left(eq).trimmed(), entry.mid(eq + 1).trimmed()});
    }
    return pairs;
}

} // namespace

QStringList CustomFieldMapping::channelFields()
{
    return {QStringLiteral("message"),
            QStringLiteral("trackingInfo.company"),
            QStringLiteral("trackingInfo.url"),
            QStringLiteral("originAddress.address1"),
            QStringLiteral("originAddress.address2"),
            QStringLiteral("originAddress.city"),
            QStringLiteral("originAddress.provinceCode"),
            QStringLiteral("originAddress.countryCode"),
            QStringLiteral("originAddress.zip")};
}

QStringList CustomFieldMapping::netsuiteFields()
{
    return {QStringLiteral("fulfillment.tranId"),     QStringLiteral("fulfillment.tranDate"),
            QStringLiteral("fulfillment.shipMethod"), QStringLiteral("fulfillment.location"),
            QStringLiteral("order.tranId"),           QStringLiteral("order.tranDate"),
            QStringLiteral("order.customer"),         QStringLiteral("order.channelOrder")};
}

QString CustomFieldMapping::transformKey(Transform transform)
{
    for (const TransformName &t : kTransforms)
        if (t.transform == transform)
            return QLatin1String(t.key);
    return {};
}

std::optional<CustomFieldMapping::Transform>
CustomFieldMapping::transformFromKey(const QString &key)
{
    for (const TransformName &t : kTransforms)
        if (key == QLatin1String(t.key))
            return t.transform;
    return std::nullopt;
}

QStringList CustomFieldMapping::transformKeys()
{
    QStringList keys;
    for (const TransformName &t : kTransforms)
        keys << QLatin1String(t.key);
    return keys;
}

std::optional<CustomFieldMapping> CustomFieldMapping::fromRule(const MappingRule &rule)
{
    if (rule.kind != MappingKind::CustomField)
        return std::nullopt;
    const auto transform = transformFromKey(rule.target);
    if (!transform)
        return std::nullopt;
    return CustomFieldMapping{rule.sourceKey, rule.sourceName, *transform, rule.extra};
}

MappingRule CustomFieldMapping::toRule() const
{
    return {MappingKind::CustomField, channelField, netsuiteField, transformKey(transform),
            argument};
}

QString CustomFieldMapping::validate() const
{
    if (!channelFields().contains(channelField))
        return Text::tr("\"%1\" is not a channel field this connector can fill.").arg(channelField);
    if (transform == Transform::Constant)
        return argument.isEmpty() ? Text::tr("A constant needs a value.") : QString();
    if (!netsuiteFields().contains(netsuiteField))
        return Text::tr("\"%1\" is not a NetSuite field this connector reads.").arg(netsuiteField);
    switch (transform) {
    case Transform::Lookup: {
        const auto pairs = lookupPairs(argument);
        if (!pairs || pairs->isEmpty())
            return Text::tr("A lookup needs entries like \"from=to; from=to\" (\"*=value\" for all "
                            "others).");
        return {};
    }
    case Transform::Template:
        return argument.contains(QLatin1String("{value}"))
                   ? QString()
                   : Text::tr("A template needs {value} where the NetSuite value goes.");
    case Transform::DateFormat:
        return QDate(2024, 12, 31).toString(argument).isEmpty() || argument.trimmed().isEmpty()
                   ? Text::tr("A date format needs a pattern such as dd.MM.yyyy.")
                   : QString();
    case Transform::Constant:
    case Transform::Copy:
        break;
    }
    return {};
}

CustomFieldMapping::Result CustomFieldMapping::apply(const QHash<QString, QString> &values) const
{
    if (const QString problem = validate(); !problem.isEmpty())
        return {{}, Text::tr("Custom field %1: %2").arg(channelField, problem)};
    const QString value = values.value(netsuiteField);
    switch (transform) {
    case Transform::Constant:
        return {argument, {}};
    case Transform::Copy:
        return {value, {}};
    case Transform::Template:
        return {QString(argument).replace(QLatin1String("{value}"), value), {}};
    case Transform::DateFormat: {
        const QDate date = QDate::fromString(value.left(10), Qt::ISODate);
        if (!date.isValid())
            return {{},
                    Text::tr("Custom field %1: %2 is \"%3\", which is not a date.")
                        .arg(channelField, netsuiteField, value)};
        return {date.toString(argument), {}};
    }
    case Transform::Lookup: {
        const auto pairs = lookupPairs(argument).value_or(QList<QPair<QString, QString>>{});
        for (const auto &[from, to] : pairs)
            if (from == value)
                return {to, {}};
        for (const auto &[from, to] : pairs)
            if (from == u"*")
                return {to, {}};
        return {{},
                Text::tr("Custom field %1: the lookup has no entry for %2 \"%3\"; add one to its "
                         "mapping (or \"*=value\" for all others).")
                    .arg(channelField, netsuiteField, value)};
    }
    }
    return {};
}

QHash<QString, QString> netsuiteValues(const SalesOrder &order, const ItemFulfillment &fulfillment)
{
    return {{QStringLiteral("fulfillment.tranId"), fulfillment.tranId},
            {QStringLiteral("fulfillment.tranDate"), fulfillment.tranDate},
            {QStringLiteral("fulfillment.shipMethod"), fulfillment.shipMethodName},
            {QStringLiteral("fulfillment.location"),
             fulfillment.lines.isEmpty() ? QString() : fulfillment.lines.first().locationName},
            {QStringLiteral("order.tranId"), order.tranId},
            {QStringLiteral("order.tranDate"), order.tranDate},
            {QStringLiteral("order.customer"), order.customer},
            {QStringLiteral("order.channelOrder"), order.channelOrder}};
}

} // namespace fulfillsync
