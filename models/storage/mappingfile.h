#pragma once

#include "models/domain/domain.h"

#include <QByteArray>
#include <optional>

namespace fulfillsync {

// A connector's mapping rules as a file an admin can edit elsewhere and import again.
// CSV: a header row `kind,source,sourceName,target,extra` (any column order; sourceName and
// extra may be left out), RFC 4180 quoting, UTF-8. JSON: an array of
// {"kind","source","sourceName","target","extra"} as in docs/config-format.md's `mappings`,
// or an object holding such an array under "mappings".
// Reading checks the file's structure only (every error names the line or the JSON path);
// whether a rule makes sense is checkMappingRows()'s job once it is in the tables.
// CSV values a spreadsheet would run as a formula (= + - @ first) are written with a leading
// apostrophe, which reading removes again.
namespace MappingFile {
QByteArray toCsv(const QList<MappingRule> &rules);
QByteArray toJson(const QList<MappingRule> &rules);
std::optional<QList<MappingRule>> fromCsv(const QByteArray &data, QString *error);
std::optional<QList<MappingRule>> fromJson(const QByteArray &data, QString *error);
} // namespace MappingFile

} // namespace fulfillsync
