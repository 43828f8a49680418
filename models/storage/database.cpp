#include "models/storage/database.h"

#include "models/storage/migrations.h"
#include "models/storage/sqliteunicode.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace fulfillsync {

namespace {
QAtomicInt s_instanceCounter; // only to keep connection names of parallel Database objects apart
}

Database::Database(DatabaseUrl url)
    : m_url(std::move(url))
    , m_instance(s_instanceCounter.fetchAndAddRelaxed(1))
{}

Database::~Database()
{
    // Connections of other threads are closed by those threads; this removes what is left
    // (normally only the owning thread's).
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_names)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QString Database::connectionNameForThisThread() const
{
    return QStringLiteral("fulfillsync-%1-%2")
        .arg(m_instance)
        .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
}

bool Database::openAndMigrate(QString *error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen())
        return false;
    return Migrations::apply(
        db, isSqlite() ? Migrations::Dialect::Sqlite : Migrations::Dialect::Postgres, error);
}

QSqlDatabase Database::connection(QString *error)
{
    const QString name = connectionNameForThisThread();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    if (!m_url.isValid()) {
        if (error)
            *error = m_url.error;
        return {};
    }
    QSqlDatabase db = QSqlDatabase::contains(name)
                          ? QSqlDatabase::database(name, false)
                          : QSqlDatabase::addDatabase(m_url.driverName(), name);
    {
        QMutexLocker lock(&m_mutex);
        m_names.insert(name);
    }
    if (!db.isValid()) {
        if (error)
            *error =
                QCoreApplication::translate("Database", "The %1 database driver is not installed.")
                    .arg(m_url.driverName());
        return db;
    }
    if (m_url.engine == DatabaseUrl::Engine::Sqlite) {
        const QFileInfo file(m_url.path);
        if (!QDir().mkpath(file.absolutePath())) {
            if (error)
                *error = QCoreApplication::translate("Database", "Cannot create the folder %1.")
                             .arg(file.absolutePath());
            return db;
        }
        db.setDatabaseName(m_url.path);
    } else {
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setDatabaseName(m_url.databaseName);
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
    }
    if (!db.open()) {
        if (error)
            *error = QCoreApplication::translate("Database", "Cannot open the database %1: %2")
                         .arg(m_url.displayString(), db.lastError().text().simplified());
        return db;
    }
    if (!configure(db, error))
        db.close();
    return db;
}

bool Database::configure(QSqlDatabase &db, QString *error) const
{
    if (m_url.engine != DatabaseUrl::Engine::Sqlite)
        return true;
    // WAL lets the readers (GUI, table readers) work while the sync worker writes. NORMAL
    // survives a crashed process; the one write that must also survive a power cut, the outbox
    // intent, is synced at its commit (DurableWrites). FULL everywhere halved a pass's speed.
    const char *const pragmas[] = {"PRAGMA journal_mode=WAL", "PRAGMA busy_timeout=10000",
                                   "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"};
    QSqlQuery query(db);
    for (const char *pragma : pragmas) {
        if (!query.exec(QString::fromLatin1(pragma))) {
            if (error)
                *error = QCoreApplication::translate("Database", "Cannot use the database %1: %2")
                             .arg(m_url.displayString(), query.lastError().text());
            return false;
        }
    }
    if (!installUnicodeLower(db)) {
        if (error)
            *error = QCoreApplication::translate("Database", "Cannot use the database %1: %2")
                         .arg(m_url.displayString(),
                              QCoreApplication::translate("Database",
                                                          "the SQLite driver gave no handle"));
        return false;
    }
    return true;
}

void Database::closeThreadConnection()
{
    const QString name = connectionNameForThisThread();
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
    QMutexLocker lock(&m_mutex);
    m_names.remove(name);
}

} // namespace fulfillsync
