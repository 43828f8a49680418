#pragma once

#include "models/storage/database.h"

#include <QTemporaryDir>
#include <memory>

namespace fulfillsync::test {

// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a new
// PostgreSQL database on the server named by FULFILLSYNC_TEST_PG_URL (dropped again afterwards).
class TempDatabase final
{
public:
    enum class Engine { Sqlite, Postgres };

    explicit TempDatabase(Engine engine);
    ~TempDatabase();

    bool isValid() const { return m_database != nullptr; }
    QString error() const { return m_error; }
    Database &database() { return *m_database; }
    QString url() const { return m_url; }

    // The engines this run can test: SQLite always, PostgreSQL when the test command started one.
    static QList<Engine> availableEngines();
    static bool postgresAvailable();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    QString m_url;
    QString m_pgName;
    QString m_error;
};

} // namespace fulfillsync::test
