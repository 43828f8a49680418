#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QStringView>

#include <optional>

namespace fulfillsync {

// Numbers that come from outside — headers, JSON, SuiteQL's text — read strictly. Only plain
// decimal notation is a number: an optional '-', digits, an optional fraction. NaN, inf, 1e309,
// hex, '+', "-0", blanks and anything out of the caller's range are refused, so a server's
// nonsense becomes "unreadable", never a huge wait, a negative count or undefined behaviour.
namespace StrictNumber {

std::optional<qint64> integer(QByteArrayView text, qint64 min, qint64 max);
std::optional<qint64> integer(QStringView text, qint64 min, qint64 max);
std::optional<double> decimal(QStringView text, double min, double max);
// A JSON number (finite by construction of the parser) within [min, max]; a string is refused.
std::optional<double> jsonNumber(const QJsonValue &value, double min, double max);

} // namespace StrictNumber

} // namespace fulfillsync
