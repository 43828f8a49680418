#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace fulfillsync {

// Which database the window opens. The demo's generated orders and its loopback connector never
// go into the real configuration: the demo always has a database of its own.
struct StartupDatabase
{
    QString url;   // the database to open
    QString error; // not empty: do not start
};

// explicitUrl: --database, or empty. configuredUrl: the real database (settings, else the file
// in the data folder). demoFolder: where a demo's own database goes (fresh for every demo).
StartupDatabase chooseStartupDatabase(bool demo, const QString &explicitUrl,
                                      const QString &configuredUrl, const QString &demoFolder);

class Database;

// The real configuration's database: database/url in the real settings, else SQLite in the
// real data folder. Read before a demo moves to its own settings scope.
QString configuredDatabaseUrl();

// Opens `url` and migrates it. When it cannot be opened, `ask` is told which and why and
// answers with another URL to try, or an empty one to give up (quit); without `ask` the first
// failure ends it. Returns the open database (and its URL in *openedUrl), or null and the last
// error in *error.
using AskForDatabase = std::function<QString(const QString &failedUrl, const QString &error)>;
std::unique_ptr<Database> openStartupDatabase(QString url, const AskForDatabase &ask,
                                              QString *openedUrl, QString *error);

// --demo or --scenario: the run is a demo. Known before the command line is parsed, since the
// settings scope (and with it the language and theme) must be chosen before anything reads it.
bool isDemoRun(const QStringList &arguments);

// From here on QSettings() is the demo's own scope (its application name), so nothing the demo
// saves (database, theme, language, saved views, window geometry) reaches the real
// configuration. `inherited` keys the demo has not set yet are copied from the real scope
// once (the admin's language and theme), never written back.
void enterDemoSettingsScope(const QStringList &inherited);
QString demoApplicationName();

} // namespace fulfillsync
