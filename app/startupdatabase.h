#pragma once

#include <QString>

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

} // namespace fulfillsync
