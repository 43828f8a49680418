#pragma once

#include <QString>
#include <limits>

class QSqlDatabase;

namespace fulfillsync {

// Versioned schema: resources/sql/<dialect>/NNNN_name.sql, applied in order, each in its own
// transaction, the version kept in meta('schema_version'). A database newer than this build is
// refused rather than touched.
class Migrations final
{
public:
    enum class Dialect { Sqlite, Postgres };

    // upTo: stop after that version (tests of one migration's data step); default: all.
    static bool apply(QSqlDatabase &db, Dialect dialect, QString *error,
                      int upTo = std::numeric_limits<int>::max());
    static int latestVersion(Dialect dialect);
    // 0 for a new, empty database; -1 when the database cannot be read (a damaged file), with
    // *error saying so.
    static int currentVersion(QSqlDatabase &db, QString *error = nullptr);
};

} // namespace fulfillsync
