#include "ui/settings/databaseprobe.h"

#include "models/storage/database.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLabel>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

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

void probeDatabaseAsync(QObject *context, const QString &urlText,
                        std::function<void(const DatabaseProbeResult &)> done)
{
    auto *watcher = new QFutureWatcher<DatabaseProbeResult>(context);
    QObject::connect(watcher, &QFutureWatcher<DatabaseProbeResult>::finished, context,
                     [watcher, done = std::move(done)] {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run([urlText] { return probeDatabase(urlText); }));
}

void showProbeRunning(QLabel *label)
{
    label->setStyleSheet(QString());
    label->setText(QCoreApplication::translate("fulfillsync::SettingsDialog", "Testing…"));
}

void showProbeResult(QLabel *label, bool ok, const QString &text)
{
    label->setStyleSheet(ok ? QStringLiteral("color: #1e7e34;")
                            : QStringLiteral("color: #c0392b;"));
    label->setText(text);
}

} // namespace fulfillsync
