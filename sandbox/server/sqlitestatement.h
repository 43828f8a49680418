#pragma once

#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace fulfillsync::sandbox {

// One prepared statement on the sandbox's private SQLite database (thin RAII wrapper over the
// C API: the demo generator inserts millions of rows and QtSql's per-row overhead shows there).
class SqliteStatement final
{
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    QString error() const { return m_error; }

    // Binds 1-based parameters; a null/invalid QVariant binds NULL.
    void bind(int index, const QVariant &value);
    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bind(int index, const QString &value);
    void bindNull(int index);

    bool step();    // true while a row is available; check error() afterwards
    bool execute(); // runs to completion and resets; false on error
    void reset();

    int columnCount() const;
    QString columnName(int column) const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    // The column as NetSuite's SuiteQL renders every scalar: a string; integral reals lose ".0".
    QString suiteQlText(int column) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_error;
};

} // namespace fulfillsync::sandbox
