#include "sandbox/server/sqlitedatabase.h"

#include <sqlite3.h>

namespace fulfillsync::sandbox {

SqliteDatabase::SqliteDatabase()
{
    if (sqlite3_open_v2(":memory:", &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    // A double-quoted name that matches no column must be an error (NetSuite answers 400), not
    // silently become a string literal as legacy SQLite would have it.
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
}

SqliteDatabase::~SqliteDatabase()
{
    sqlite3_close_v2(m_db);
}

bool SqliteDatabase::exec(const QString &sql, QString *error)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK && error)
        *error = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return rc == SQLITE_OK;
}

void SqliteDatabase::setQueryOnly(bool on)
{
    exec(on ? QStringLiteral("PRAGMA query_only = 1") : QStringLiteral("PRAGMA query_only = 0"));
}

} // namespace fulfillsync::sandbox
