#pragma once

#include <QSqlDatabase>

namespace fulfillsync {

// SQLite's built-in lower() folds ASCII only, so a filter for "ünïcödé" missed "ÜNÏCÖDÉ".
// Replaces lower() on this SQLite connection with one that folds all of Unicode (as PostgreSQL's
// does), keeping ASCII text on a fast path. False when the driver gives no SQLite handle.
bool installUnicodeLower(QSqlDatabase &db);

} // namespace fulfillsync
