#pragma once

#include "models/domain/alerts.h"
#include "models/storage/sqlerror.h"

#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// The mail server settings and each connector's alert state.
class AlertRepository final
{
public:
    explicit AlertRepository(QSqlDatabase db);

    std::optional<MailServer> mailServer(); // nullopt: none set, or a database error
    bool saveMailServer(const MailServer &server);
    bool removeMailServer();

    AlertState state(qint64 connectorId); // a fresh state when none is stored
    bool saveState(const AlertState &state);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
