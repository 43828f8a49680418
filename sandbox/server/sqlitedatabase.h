#pragma once

#include "sandbox/server/sqlitestatement.h"

#include <QString>

struct sqlite3;

namespace fulfillsync::sandbox {

// A private in-memory SQLite database, one per store, used only from the thread that owns the
// server. Nothing is shared between sandbox instances.
class SqliteDatabase final
{
public:
    SqliteDatabase();
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    bool isOpen() const { return m_db != nullptr; }
    bool exec(const QString &sql, QString *error = nullptr);
    SqliteStatement prepare(const QString &sql) const { return SqliteStatement(m_db, sql); }
    // SuiteQL is read-only: statements run while this is on cannot write.
    void setQueryOnly(bool on);

private:
    sqlite3 *m_db = nullptr;
};

} // namespace fulfillsync::sandbox
