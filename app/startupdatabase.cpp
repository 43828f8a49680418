#include "app/startupdatabase.h"

#include "models/storage/database.h"
#include "models/storage/databaseurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace fulfillsync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StartupDatabase", text);
}

QString normalPath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath(); // resolves links; empty if absent
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

// The same SQLite file, however spelled.
bool sameSqliteFile(const DatabaseUrl &a, const DatabaseUrl &b)
{
    return a.engine == DatabaseUrl::Engine::Sqlite && b.engine == DatabaseUrl::Engine::Sqlite &&
           normalPath(a.path) == normalPath(b.path);
}

} // namespace

StartupDatabase chooseStartupDatabase(bool demo, const QString &explicitUrl,
                                      const QString &configuredUrl, const QString &demoFolder)
{
    if (!demo)
        return {explicitUrl.isEmpty() ? configuredUrl : explicitUrl, {}};
    if (explicitUrl.isEmpty())
        return {QStringLiteral("sqlite://") +
                    QDir(demoFolder).absoluteFilePath(QStringLiteral("fulfillsync-demo.db")),
                {}};
    const DatabaseUrl chosen = DatabaseUrl::parse(explicitUrl);
    if (!chosen.isValid())
        return {{}, chosen.error};
    if (chosen.engine != DatabaseUrl::Engine::Sqlite)
        return {{},
                tr("The demo keeps its data in a SQLite file of its own; it never writes into "
                   "a PostgreSQL database.")};
    const DatabaseUrl real = DatabaseUrl::parse(configuredUrl);
    if (sameSqliteFile(chosen, real))
        return {{},
                tr("%1 is your real database. The demo keeps its data in a database of its "
                   "own: leave out --database, or give a new file.")
                    .arg(QDir::toNativeSeparators(chosen.path))};
    return {explicitUrl, {}};
}

QString configuredDatabaseUrl()
{
    const QString chosen = QSettings().value(QStringLiteral("database/url")).toString();
    if (!chosen.isEmpty())
        return chosen;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QStringLiteral("sqlite://") +
           QDir(folder).absoluteFilePath(QStringLiteral("fulfillsync.db"));
}

std::unique_ptr<Database> openStartupDatabase(QString url, const AskForDatabase &ask,
                                              QString *openedUrl, QString *error)
{
    for (;;) {
        const DatabaseUrl parsed = DatabaseUrl::parse(url);
        if (!parsed.isValid()) {
            *error = parsed.error;
        } else {
            auto database = std::make_unique<Database>(parsed);
            if (database->openAndMigrate(error)) {
                *openedUrl = url;
                return database;
            }
        }
        if (!ask)
            return nullptr;
        const QString next = ask(url, *error);
        if (next.isEmpty())
            return nullptr;
        url = next;
    }
}

bool isDemoRun(const QStringList &arguments)
{
    for (const QString &argument : arguments.mid(1)) {
        if (argument == u"--")
            break;
        for (const QString &option : {QStringLiteral("demo"), QStringLiteral("scenario")}) {
            for (const QString &dashes : {QStringLiteral("-"), QStringLiteral("--")}) {
                const QString name = dashes + option;
                if (argument == name || argument.startsWith(name + u'='))
                    return true;
            }
        }
    }
    return false;
}

QString demoApplicationName()
{
    return QStringLiteral("fulfillsync-demo");
}

void enterDemoSettingsScope(const QStringList &inherited)
{
    const QSettings real;
    QCoreApplication::setApplicationName(demoApplicationName());
    QSettings demo;
    for (const QString &key : inherited)
        if (!demo.contains(key) && real.contains(key))
            demo.setValue(key, real.value(key));
}

} // namespace fulfillsync
