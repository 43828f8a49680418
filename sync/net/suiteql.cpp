#include "sync/net/suiteql.h"

#include "models/domain/domain.h"
#include "sync/net/strictnumber.h"

#include <QJsonValue>
#include <QStringList>

#include <cmath>
#include <limits>

namespace fulfillsync {

QString SuiteQl::stringLiteral(const QString &value)
{
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("''"); // nothing we look up contains control characters
    }
    QString escaped = value;
    escaped.replace(u'\'', QStringLiteral("''"));
    return u'\'' + escaped + u'\'';
}

QString SuiteQl::integerLiteral(qint64 value)
{
    return QString::number(value);
}

QString SuiteQl::timestampLiteral(const QDateTime &time)
{
    return QStringLiteral("TO_TIMESTAMP('%1', 'YYYY-MM-DD HH24:MI:SS')")
        .arg(time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

QString SuiteQl::stringList(const QStringList &values)
{
    QStringList literals;
    for (const QString &value : values)
        literals << stringLiteral(value);
    return u'(' + literals.join(QStringLiteral(", ")) + u')';
}

QString SuiteQlValue::text(const QJsonObject &row, const char *key)
{
    const QJsonValue value = row.value(QLatin1String(key));
    if (value.isString())
        return StoredText::capped(value.toString(), StoredText::kValue);
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("T") : QStringLiteral("F");
    return {};
}

bool SuiteQlValue::wellTyped(const QJsonObject &row)
{
    for (auto it = row.begin(); it != row.end(); ++it) {
        if (it.value().isArray() || it.value().isObject()) {
            if (it.key() == u"links" && it.value().isArray())
                continue;
            return false;
        }
    }
    return true;
}

bool SuiteQlValue::optionalInteger(const QJsonObject &row, const char *key, qint64 *out)
{
    const QJsonValue value = row.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty())) {
        *out = 0;
        return true;
    }
    bool ok = false;
    *out = integer(row, key, &ok);
    return ok;
}

qint64 SuiteQlValue::integer(const QJsonObject &row, const char *key, bool *ok)
{
    const QJsonValue value = row.value(QLatin1String(key));
    constexpr qint64 kLargest = std::numeric_limits<qint64>::max();
    constexpr double kExactInDouble = 9007199254740992.0; // 2^53
    std::optional<qint64> parsed;
    if (value.isString()) {
        parsed =
            StrictNumber::integer(QStringView(value.toString()).trimmed(), -kLargest, kLargest);
    } else if (const auto d = StrictNumber::jsonNumber(value, -kExactInDouble, kExactInDouble);
               d && *d == std::floor(*d)) {
        parsed = qint64(*d);
    }
    if (ok)
        *ok = parsed.has_value();
    return parsed.value_or(0);
}

double SuiteQlValue::number(const QJsonObject &row, const char *key, bool *ok)
{
    const QJsonValue value = row.value(QLatin1String(key));
    // Quantities and amounts: far below 1e15, and never NaN or inf.
    constexpr double kLargest = 1e15;
    const std::optional<double> parsed =
        value.isString()
            ? StrictNumber::decimal(QStringView(value.toString()).trimmed(), -kLargest, kLargest)
            : StrictNumber::jsonNumber(value, -kLargest, kLargest);
    if (ok)
        *ok = parsed.has_value();
    return parsed.value_or(0);
}

bool SuiteQlValue::boolean(const QJsonObject &row, const char *key)
{
    const QJsonValue value = row.value(QLatin1String(key));
    if (value.isBool())
        return value.toBool();
    return value.toString().compare(u"T", Qt::CaseInsensitive) == 0 ||
           value.toString().compare(u"true", Qt::CaseInsensitive) == 0;
}

QDateTime SuiteQlValue::timestamp(const QJsonObject &row, const char *key)
{
    QDateTime time = QDateTime::fromString(text(row, key), Qt::ISODate);
    if (!time.isValid())
        return {};
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

} // namespace fulfillsync
