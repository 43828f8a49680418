#include "testutils/tempdatabase.h"

#include <QTest>

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace fulfillsync::test {

namespace {

// Runs one statement on the server's maintenance database with its own short-lived connection.
bool adminExec(const QString &sql, QString *error)
{
    const DatabaseUrl admin = DatabaseUrl::parse(qEnvironmentVariable("FULFILLSYNC_TEST_PG_URL"));
    const QString name = QStringLiteral("fulfillsync-test-admin");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(admin.host);
        db.setPort(admin.port);
        db.setUserName(admin.user);
        db.setPassword(admin.password);
        db.setDatabaseName(admin.databaseName);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok && error)
                *error = query.lastError().text();
        } else if (error) {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

bool TempDatabase::postgresAvailable()
{
    return !qEnvironmentVariableIsEmpty("FULFILLSYNC_TEST_PG_URL");
}

QList<TempDatabase::Engine> TempDatabase::availableEngines()
{
    QList<Engine> engines{Engine::Sqlite};
    if (postgresAvailable())
        engines << Engine::Postgres;
    return engines;
}

TempDatabase::TempDatabase(Engine engine)
{
    if (engine == Engine::Sqlite) {
        m_url = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("test.db"));
    } else {
        if (!postgresAvailable()) {
            m_error = QStringLiteral("FULFILLSYNC_TEST_PG_URL is not set");
            return;
        }
        m_pgName =
            QStringLiteral("fs_test_%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
        if (!adminExec(QStringLiteral("CREATE DATABASE ") + m_pgName, &m_error))
            return;
        DatabaseUrl admin = DatabaseUrl::parse(qEnvironmentVariable("FULFILLSYNC_TEST_PG_URL"));
        m_url = QStringLiteral("postgresql://%1@%2:%3/%4?host=%2")
                    .arg(admin.user, admin.host)
                    .arg(admin.port)
                    .arg(m_pgName);
        if (admin.host.startsWith(u'/')) // a socket folder cannot be the URL's host part
            m_url = QStringLiteral("postgresql://%1@localhost:%2/%3?host=%4")
                        .arg(admin.user)
                        .arg(admin.port)
                        .arg(m_pgName, admin.host);
    }
    auto database = std::make_unique<Database>(DatabaseUrl::parse(m_url));
    if (!database->openAndMigrate(&m_error))
        return;
    m_database = std::move(database);
}

TempDatabase::~TempDatabase()
{
    if (m_database)
        m_database->closeThreadConnection();
    m_database.reset();
    if (!m_pgName.isEmpty())
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgName +
                      QStringLiteral(" WITH (FORCE)"),
                  nullptr);
}

bool TempDatabase::addEngineRows()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("sqlite") << Engine::Sqlite;
    if (!postgresAvailable())
        return false;
    QTest::newRow("postgres") << Engine::Postgres;
    return true;
}

} // namespace fulfillsync::test
