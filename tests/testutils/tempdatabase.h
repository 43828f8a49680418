#pragma once

#include <QMetaType>

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
    // For initTestCase_data of tests that run on both engines: an "engine" column with a SQLite
    // row and, when available, a PostgreSQL row. False when PostgreSQL is missing (the suite
    // always provides it), so the caller fails with kPostgresMissing.
    static bool addEngineRows();
    static constexpr const char *kPostgresMissing =
        "FULFILLSYNC_TEST_PG_URL is not set: run the suite through scripts/test.sh";

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    QString m_url;
    QString m_pgName;
    QString m_error;
};

} // namespace fulfillsync::test

Q_DECLARE_METATYPE(fulfillsync::test::TempDatabase::Engine)
