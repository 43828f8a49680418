#pragma once

#include "models/storage/databaseurl.h"

#include <QMutex>
#include <QSet>
#include <QSqlDatabase>

namespace fulfillsync {

// Hands out one named QSqlDatabase connection per thread (a connection may only be used by the
// thread that opened it): the GUI thread, each table reader thread and the sync worker each get
// their own. The thread that used a connection closes it with closeThreadConnection() before
// it ends.
class Database final
{
public:
    explicit Database(DatabaseUrl url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseUrl &url() const { return m_url; }
    bool isSqlite() const { return m_url.engine == DatabaseUrl::Engine::Sqlite; }

    // Opens this thread's connection and brings the schema up to date. Call once at start-up.
    bool openAndMigrate(QString *error);

    // This thread's connection, opened on first use. Check isOpen() on the result.
    QSqlDatabase connection(QString *error = nullptr);
    void closeThreadConnection();

private:
    QString connectionNameForThisThread() const;
    bool configure(QSqlDatabase &db, QString *error) const;

    const DatabaseUrl m_url;
    const int m_instance;
    QMutex m_mutex;
    QSet<QString> m_names;
};

} // namespace fulfillsync
