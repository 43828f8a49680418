#include "sync/net/strictnumber.h"

#include <QString>

#include <cmath>

namespace fulfillsync {

namespace {

// Longer than any value we accept: keeps the parse linear and refuses padded giants at once.
constexpr qsizetype kMaxDigits = 40;

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

// '-'? digits ('.' digits)? — or '.' digits, as Oracle (and so SuiteQL) writes 0.5.
bool isPlainDecimal(QStringView text, bool allowFraction)
{
    if (text.isEmpty() || text.size() > kMaxDigits)
        return false;
    qsizetype i = text.startsWith(u'-') ? 1 : 0;
    qsizetype intDigits = 0;
    while (i < text.size() && isDigit(text[i].unicode())) {
        ++i;
        ++intDigits;
    }
    qsizetype fracDigits = 0;
    if (allowFraction && i < text.size() && text[i] == u'.') {
        ++i;
        while (i < text.size() && isDigit(text[i].unicode())) {
            ++i;
            ++fracDigits;
        }
        if (fracDigits == 0)
            return false;
    }
    return i == text.size() && intDigits + fracDigits > 0;
}

bool isNegativeZero(QStringView text)
{
    if (!text.startsWith(u'-'))
        return false;
    for (QChar c : text.mid(1))
        if (c != u'0' && c != u'.')
            return false;
    return true;
}

} // namespace

std::optional<qint64> StrictNumber::integer(QStringView text, qint64 min, qint64 max)
{
    if (!isPlainDecimal(text, false) || isNegativeZero(text))
        return std::nullopt;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok); // overflow: not ok
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

std::optional<qint64> StrictNumber::integer(QByteArrayView text, qint64 min, qint64 max)
{
    return integer(QStringView(QString::fromLatin1(text.data(), text.size())), min, max);
}

std::optional<double> StrictNumber::decimal(QStringView text, double min, double max)
{
    if (!isPlainDecimal(text, true) || isNegativeZero(text))
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < min || value > max)
        return std::nullopt;
    return value;
}

std::optional<double> StrictNumber::jsonNumber(const QJsonValue &value, double min, double max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < min || d > max || (d == 0 && std::signbit(d)))
        return std::nullopt;
    return d;
}

} // namespace fulfillsync
