#include "models/storage/migrations.h"

#include "models/storage/sqlerror.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace fulfillsync {

namespace {

QString folderFor(Migrations::Dialect dialect)
{
    return dialect == Migrations::Dialect::Sqlite ? QStringLiteral(":/sql/sqlite")
                                                  : QStringLiteral(":/sql/postgres");
}

QMap<int, QString> migrationFiles(Migrations::Dialect dialect)
{
    QMap<int, QString> files;
    const QDir dir(folderFor(dialect));
    for (const QString &name : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        bool ok = false;
        const int version = name.section(u'_', 0, 0).toInt(&ok);
        if (ok)
            files.insert(version, dir.filePath(name));
    }
    return files;
}

// Statements are separated by a ';' at the end of a line; the migration files keep to that.
QStringList statementsOf(const QString &script)
{
    QStringList statements;
    QString current;
    const QStringList lines = script.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"--") || trimmed.isEmpty())
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            statements << current.trimmed().chopped(1);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Migrations)
};

} // namespace

int Migrations::latestVersion(Dialect dialect)
{
    const auto files = migrationFiles(dialect);
    return files.isEmpty() ? 0 : files.lastKey();
}

int Migrations::currentVersion(QSqlDatabase &db, QString *error)
{
    // Asked with queries that fail loudly, not QSqlDatabase::tables(), which answers "no
    // tables" for a damaged file: it would then be "migrated" and fail as "Migration 1".
    QSqlQuery query(db);
    const auto unreadable = [&] {
        if (error)
            *error = Text::tr("The database cannot be read (%1). If the file is damaged, restore "
                              "it from a backup; nothing was changed.")
                         .arg(describeSqlError(query));
        return -1;
    };
    const bool sqlite = db.driverName() == u"QSQLITE";
    if (!query.exec(sqlite ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'table' AND name = 'meta'")
                           : QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                            "WHERE table_schema = current_schema() AND "
                                            "table_name = 'meta'")) ||
        !query.next())
        return unreadable();
    if (query.value(0).toInt() == 0)
        return 0; // a new database
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
    if (!query.exec() || !query.next())
        return unreadable();
    return query.value(0).toInt();
}

bool Migrations::apply(QSqlDatabase &db, Dialect dialect, QString *error, int upTo)
{
    QSqlQuery lock(db);
    if (dialect == Dialect::Postgres) {
        // Several workers may start at once against a shared database: one migrates, the
        // others wait and then find nothing to do.
        if (!lock.exec(QStringLiteral("SELECT pg_advisory_lock(727001)"))) {
            if (error)
                *error = describeSqlError(lock);
            return false;
        }
    }
    const auto unlock = qScopeGuard([&] {
        if (dialect == Dialect::Postgres)
            lock.exec(QStringLiteral("SELECT pg_advisory_unlock(727001)"));
    });

    const int current = currentVersion(db, error);
    if (current < 0)
        return false;
    const auto files = migrationFiles(dialect);
    const int latest = files.isEmpty() ? 0 : files.lastKey();
    if (current > latest) {
        if (error)
            *error =
                Text::tr("The database uses schema version %1, newer than this program knows (%2). "
                         "Update fulfillsync before using this database.")
                    .arg(current)
                    .arg(latest);
        return false;
    }
    for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
        if (it.key() <= current)
            continue;
        if (it.key() > upTo)
            break;
        QFile file(it.value());
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = Text::tr("Cannot read migration %1.").arg(it.value());
            return false;
        }
        Transaction transaction(db);
        QSqlQuery query(db);
        const QStringList statements = statementsOf(QString::fromUtf8(file.readAll()));
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                if (error)
                    *error = Text::tr("Migration %1 failed: %2")
                                 .arg(it.key())
                                 .arg(describeSqlError(query));
                return false;
            }
        }
        query.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"));
        query.addBindValue(QString::number(it.key()));
        if (!execOrReport(query, error) || !transaction.commit(error))
            return false;
    }
    return true;
}

} // namespace fulfillsync
