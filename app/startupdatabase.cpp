#include "app/startupdatabase.h"

#include "models/storage/databaseurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

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

} // namespace fulfillsync
