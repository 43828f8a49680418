#include "ui/settings/databaseprobe.h"

#include "models/storage/database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace fulfillsync {

DatabaseProbeResult probeDatabase(const QString &urlText)
{
    DatabaseProbeResult result;
    const DatabaseUrl url = DatabaseUrl::parse(urlText.trimmed());
    if (!url.isValid()) {
        result.summary =
            url.error.isEmpty()
                ? QCoreApplication::translate("DatabaseProbe", "This is not a database address.")
                : url.error;
        return result;
    }
    Database database(url); // this thread's own connection, removed again below
    {
        QString error;
        QSqlDatabase db = database.connection(&error);
        if (!db.isOpen()) {
            result.summary =
                error.isEmpty()
                    ? QCoreApplication::translate("DatabaseProbe", "The database cannot be opened.")
                    : error;
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT 1")) || !query.next()) {
                result.summary =
                    QCoreApplication::translate(
                        "DatabaseProbe", "The database opened but does not answer a query: %1")
                        .arg(query.lastError().text().simplified());
            } else {
                result.ok = true;
                result.summary =
                    url.engine == DatabaseUrl::Engine::Sqlite
                        ? QCoreApplication::translate("DatabaseProbe",
                                                      "The SQLite file %1 can be used.")
                              .arg(url.path)
                        : QCoreApplication::translate(
                              "DatabaseProbe", "PostgreSQL at %1 answers and accepts the login.")
                              .arg(url.displayString());
            }
        }
    }
    database.closeThreadConnection();
    return result;
}

} // namespace fulfillsync
