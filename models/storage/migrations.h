#pragma once

#include <QString>

class QSqlDatabase;

namespace fulfillsync {

// Versioned schema: resources/sql/<dialect>/NNNN_name.sql, applied in order, each in its own
// transaction, the version kept in meta('schema_version'). A database newer than this build is
// refused rather than touched.
class Migrations final
{
public:
    enum class Dialect { Sqlite, Postgres };

    static bool apply(QSqlDatabase &db, Dialect dialect, QString *error);
    static int latestVersion(Dialect dialect);
    // 0 for a new, empty database; -1 when the database cannot be read (a damaged file), with
    // *error saying so.
    static int currentVersion(QSqlDatabase &db, QString *error = nullptr);
};

} // namespace fulfillsync
