#pragma once

#include "models/domain/domain.h"

#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// Connectors and the NetSuite account: configuration both the app and the worker read, so it
// lives in the database (never in QSettings) and never includes secrets.
class ConnectorRepository final
{
public:
    explicit ConnectorRepository(QSqlDatabase db);

    QList<Connector> all();
    std::optional<Connector> byId(qint64 id);
    std::optional<Connector> byName(const QString &name);
    // Inserts when connector.id == 0 (and sets it), updates otherwise.
    bool save(Connector &connector);
    bool remove(qint64 id);

    std::optional<NetSuiteAccount> account();
    bool saveAccount(const NetSuiteAccount &account);

    QString lastError() const { return m_error; }

private:
    QList<Connector> select(const QString &where, const QVariant &value);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
