#include "models/storage/connectorrepository.h"

#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

namespace {
const QString kColumns = QStringLiteral(
    "id, name, kind, channel, endpoint, enabled, interval_minutes, trigger_statuses, "
    "notify_customer, unmapped_policy, default_carrier, update_tracking, kit_rule, revision, "
    "alert_emails, alert_every_minutes, take_over_from");

Connector fromQuery(const QSqlQuery &q)
{
    Connector c;
    c.id = q.value(0).toLongLong();
    c.name = q.value(1).toString();
    c.kind = q.value(2).toString();
    c.channel = q.value(3).toString();
    c.endpoint = q.value(4).toString();
    c.enabled = q.value(5).toInt() != 0;
    c.intervalMinutes = q.value(6).toInt();
    c.triggerStatuses = q.value(7).toString().split(u',', Qt::SkipEmptyParts);
    c.notifyCustomer = q.value(8).toInt() != 0;
    c.unmappedPolicy =
        q.value(9).toString() == u"default" ? UnmappedPolicy::UseDefault : UnmappedPolicy::Hold;
    c.defaultCarrier = q.value(10).toString();
    c.updateTracking = q.value(11).toInt() != 0;
    c.kitRule = kitRuleFromKey(q.value(12).toString());
    c.revision = q.value(13).toLongLong();
    c.alertEmails = q.value(14).toString().split(u',', Qt::SkipEmptyParts);
    c.alertEveryMinutes = q.value(15).toInt();
    c.takeOverFrom = QDate::fromString(q.value(16).toString(), Qt::ISODate);
    return c;
}
} // namespace

ConnectorRepository::ConnectorRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<Connector> ConnectorRepository::select(const QString &where, const QVariant &value)
{
    QList<Connector> result;
    m_error.clear();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM connectors");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    sql += QStringLiteral(" ORDER BY id");
    if (!prepareOrReport(q, sql, &m_error))
        return result;
    if (!where.isEmpty())
        q.addBindValue(value);
    if (!execOrReport(q, &m_error))
        return result;
    while (q.next())
        result << fromQuery(q);
    return result;
}

QList<Connector> ConnectorRepository::all()
{
    return select({}, {});
}

std::optional<Connector> ConnectorRepository::byId(qint64 id)
{
    const auto list = select(QStringLiteral("id = ?"), id);
    return list.isEmpty() ? std::nullopt : std::optional(list.first());
}

std::optional<Connector> ConnectorRepository::byName(const QString &name)
{
    const auto list = select(QStringLiteral("name = ?"), name);
    return list.isEmpty() ? std::nullopt : std::optional(list.first());
}

bool ConnectorRepository::save(Connector &c)
{
    QSqlQuery q(m_db);
    const QString sql =
        c.id == 0
            ? QStringLiteral("INSERT INTO connectors (name, kind, channel, endpoint, enabled, "
                             "interval_minutes, trigger_statuses, notify_customer, "
                             "unmapped_policy, default_carrier, update_tracking, kit_rule, "
                             "alert_emails, alert_every_minutes, take_over_from) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                             "RETURNING id")
            : QStringLiteral("UPDATE connectors SET name=?, kind=?, channel=?, endpoint=?, "
                             "enabled=?, interval_minutes=?, trigger_statuses=?, "
                             "notify_customer=?, unmapped_policy=?, default_carrier=?, "
                             "update_tracking=?, kit_rule=?, alert_emails=?, "
                             "alert_every_minutes=?, take_over_from=?, revision = revision + 1 "
                             "WHERE id=?");
    if (!prepareOrReport(q, sql, &m_error))
        return false;
    q.addBindValue(c.name);
    q.addBindValue(c.kind);
    q.addBindValue(c.channel);
    q.addBindValue(c.endpoint);
    q.addBindValue(c.enabled ? 1 : 0);
    q.addBindValue(c.intervalMinutes);
    q.addBindValue(c.triggerStatuses.join(u','));
    q.addBindValue(c.notifyCustomer ? 1 : 0);
    q.addBindValue(c.unmappedPolicy == UnmappedPolicy::UseDefault ? QStringLiteral("default")
                                                                  : QStringLiteral("hold"));
    q.addBindValue(c.defaultCarrier);
    q.addBindValue(c.updateTracking ? 1 : 0);
    q.addBindValue(kitRuleKey(c.kitRule));
    q.addBindValue(c.alertEmails.join(u','));
    q.addBindValue(c.alertEveryMinutes);
    q.addBindValue(c.takeOverFrom.toString(Qt::ISODate)); // '' when not set
    if (c.id != 0)
        q.addBindValue(c.id);
    if (!execOrReport(q, &m_error))
        return false;
    if (c.id == 0 && q.next())
        c.id = q.value(0).toLongLong();
    return true;
}

bool ConnectorRepository::remove(qint64 id)
{
    QSqlQuery q(m_db);
    if (!prepareOrReport(q, QStringLiteral("DELETE FROM connectors WHERE id = ?"), &m_error))
        return false;
    q.addBindValue(id);
    return execOrReport(q, &m_error);
}

std::optional<NetSuiteAccount> ConnectorRepository::account()
{
    QSqlQuery q(m_db);
    if (!prepareOrReport(
            q, QStringLiteral("SELECT account_id, base_url FROM netsuite_account WHERE id = 1"),
            &m_error) ||
        !execOrReport(q, &m_error) || !q.next())
        return std::nullopt;
    return NetSuiteAccount{q.value(0).toString(), q.value(1).toString()};
}

bool ConnectorRepository::saveAccount(const NetSuiteAccount &account)
{
    QSqlQuery q(m_db);
    if (!prepareOrReport(
            q,
            QStringLiteral("INSERT INTO netsuite_account (id, account_id, base_url) "
                           "VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                           "account_id = excluded.account_id, base_url = excluded.base_url"),
            &m_error))
        return false;
    q.addBindValue(account.accountId);
    q.addBindValue(account.baseUrl);
    return execOrReport(q, &m_error);
}

} // namespace fulfillsync
