#pragma once

#include <QString>

namespace fulfillsync {

// Where the data lives, as one URL on the command line and in settings:
//   sqlite:///absolute/path/to/file.db      (three slashes: an absolute path)
//   sqlite:relative/path.db                 (relative to the working directory)
//   postgresql://user[:password]@host[:port]/dbname[?host=/socket/dir]
// The password, when given, is kept out of displayString() so it never reaches logs.
struct DatabaseUrl
{
    enum class Engine { Invalid, Sqlite, Postgres };

    Engine engine = Engine::Invalid;
    QString path; // SQLite
    QString host; // PostgreSQL: name, address or socket directory
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;
    QString error; // why parsing failed, in words for people

    static DatabaseUrl parse(const QString &text);
    bool isValid() const { return engine != Engine::Invalid; }
    QString driverName() const;    // QSQLITE / QPSQL
    QString displayString() const; // secrets removed
};

} // namespace fulfillsync
