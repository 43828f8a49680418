#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace fulfillsync {

// SuiteQL text is built only from fixed fragments and these literal builders; user input never
// reaches a query any other way.
namespace SuiteQl {
// 'text' with single quotes doubled; control characters are refused (returns an empty
// optional-like null QString) because no NetSuite value we filter on contains them.
QString stringLiteral(const QString &value);
QString integerLiteral(qint64 value);
// TO_TIMESTAMP('2026-11-19 15:04:05', 'YYYY-MM-DD HH24:MI:SS') in UTC.
QString timestampLiteral(const QDateTime &time);
QString stringList(const QStringList &values); // ('A', 'B')
} // namespace SuiteQl

// Reading SuiteQL rows defensively (apis.md §1.3): keys lower case, scalars usually strings,
// booleans 'T'/'F', NULL columns absent.
namespace SuiteQlValue {
QString text(const QJsonObject &row, const char *key);
// SuiteQL rows hold scalars only (and the empty "links" list): anything else is a row that
// was damaged on its way and cannot be trusted.
bool wellTyped(const QJsonObject &row);
// A numeric column that is either absent/null (0) or a readable integer; false otherwise.
bool optionalInteger(const QJsonObject &row, const char *key, qint64 *out);
qint64 integer(const QJsonObject &row, const char *key, bool *ok = nullptr);
double number(const QJsonObject &row, const char *key, bool *ok = nullptr);
bool boolean(const QJsonObject &row, const char *key);
// 'YYYY-MM-DDTHH:MM:SS' as rendered by TO_CHAR, taken as UTC.
QDateTime timestamp(const QJsonObject &row, const char *key);
} // namespace SuiteQlValue

} // namespace fulfillsync
