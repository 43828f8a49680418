#include "models/storage/alertrepository.h"

#include "models/domain/timestamps.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

AlertRepository::AlertRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

std::optional<MailServer> AlertRepository::mailServer()
{
    m_error.clear();
    QSqlQuery q(m_db);
    if (!prepareOrReport(q,
                         QStringLiteral("SELECT url, username, sender, ca_file FROM mail_server "
                                        "WHERE id = 1"),
                         &m_error) ||
        !execOrReport(q, &m_error) || !q.next())
        return std::nullopt;
    return MailServer{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toString()};
}

bool AlertRepository::saveMailServer(const MailServer &server)
{
    if (!server.isSet())
        return removeMailServer();
    QSqlQuery q(m_db);
    if (!prepareOrReport(q,
                         QStringLiteral("INSERT INTO mail_server (id, url, username, sender, "
                                        "ca_file) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO "
                                        "UPDATE SET url = excluded.url, username = "
                                        "excluded.username, sender = excluded.sender, ca_file = "
                                        "excluded.ca_file"),
                         &m_error))
        return false;
    for (const QString &value : {server.url, server.username, server.sender, server.caFile})
        q.addBindValue(value);
    return execOrReport(q, &m_error);
}

bool AlertRepository::removeMailServer()
{
    QSqlQuery q(m_db);
    return prepareOrReport(q, QStringLiteral("DELETE FROM mail_server"), &m_error) &&
           execOrReport(q, &m_error);
}

AlertState AlertRepository::state(qint64 connectorId)
{
    AlertState state;
    state.connectorId = connectorId;
    m_error.clear();
    QSqlQuery q(m_db);
    if (!prepareOrReport(q,
                         QStringLiteral("SELECT down, down_reason, failed, held, pending_since, "
                                        "last_digest_at, last_delivery_error FROM alert_state "
                                        "WHERE connector_id = ?"),
                         &m_error))
        return state;
    q.addBindValue(connectorId);
    if (!execOrReport(q, &m_error) || !q.next())
        return state;
    state.down = q.value(0).toInt() != 0;
    state.downReason = q.value(1).toString();
    state.failed = q.value(2).toInt();
    state.held = q.value(3).toInt();
    state.pendingSince = fromStorageTime(q.value(4).toString());
    state.lastDigestAt = fromStorageTime(q.value(5).toString());
    state.lastDeliveryError = q.value(6).toString();
    return state;
}

bool AlertRepository::saveState(const AlertState &state)
{
    QSqlQuery q(m_db);
    if (!prepareOrReport(
            q,
            QStringLiteral(
                "INSERT INTO alert_state (connector_id, down, down_reason, failed, held, "
                "pending_since, last_digest_at, last_delivery_error) VALUES (?,?,?,?,?,?,?,?) "
                "ON CONFLICT (connector_id) DO UPDATE SET down = excluded.down, down_reason = "
                "excluded.down_reason, failed = excluded.failed, held = excluded.held, "
                "pending_since = excluded.pending_since, last_digest_at = "
                "excluded.last_digest_at, last_delivery_error = excluded.last_delivery_error"),
            &m_error))
        return false;
    q.addBindValue(state.connectorId);
    q.addBindValue(state.down ? 1 : 0);
    q.addBindValue(state.downReason);
    q.addBindValue(state.failed);
    q.addBindValue(state.held);
    q.addBindValue(toStorageTime(state.pendingSince));
    q.addBindValue(toStorageTime(state.lastDigestAt));
    q.addBindValue(state.lastDeliveryError);
    return execOrReport(q, &m_error);
}

} // namespace fulfillsync
