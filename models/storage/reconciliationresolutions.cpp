#include "models/storage/reconciliationresolutions.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ReconciliationResolutions)
};
} // namespace

ReconciliationResolutions::ReconciliationResolutions(QSqlDatabase db)
    : m_db(std::move(db))
{}

bool ReconciliationResolutions::record(const ReconciliationResolution &r)
{
    m_error.clear();
    if (r.reason.trimmed().isEmpty() || r.channelFulfillmentId.isEmpty() ||
        (r.state != u"flagged" && r.state != u"resolved")) {
        m_error = Text::tr("A decision needs a channel fulfillment, a reason and flagged or "
                           "resolved.");
        return false;
    }
    QSqlQuery query(m_db);
    // An upsert both engines know (SQLite 3.24+, PostgreSQL 9.5+).
    return runQuery(
        query,
        QStringLiteral("INSERT INTO reconciliation_resolutions (connector_id, order_id, "
                       "channel_fulfillment_id, state, reason, os_user, db_user, decided_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connector_id, order_id, "
                       "channel_fulfillment_id) DO UPDATE SET state = excluded.state, reason = "
                       "excluded.reason, os_user = excluded.os_user, db_user = excluded.db_user, "
                       "decided_at = excluded.decided_at"),
        {r.connectorId, r.orderId, r.channelFulfillmentId, r.state, r.reason.trimmed(), r.osUser,
         r.dbUser,
         toStorageTime(r.decidedAt.isValid() ? r.decidedAt : QDateTime::currentDateTimeUtc())},
        &m_error);
}

std::optional<ReconciliationResolution>
ReconciliationResolutions::of(qint64 connectorId, qint64 orderId,
                              const QString &channelFulfillmentId)
{
    m_error.clear();
    QSqlQuery query(m_db);
    if (!runQuery(query,
                  QStringLiteral("SELECT state, reason, os_user, db_user, decided_at FROM "
                                 "reconciliation_resolutions WHERE connector_id = ? AND "
                                 "order_id = ? AND channel_fulfillment_id = ?"),
                  {connectorId, orderId, channelFulfillmentId}, &m_error) ||
        !query.next())
        return std::nullopt;
    ReconciliationResolution r;
    r.connectorId = connectorId;
    r.orderId = orderId;
    r.channelFulfillmentId = channelFulfillmentId;
    r.state = query.value(0).toString();
    r.reason = query.value(1).toString();
    r.osUser = query.value(2).toString();
    r.dbUser = query.value(3).toString();
    r.decidedAt = fromStorageTime(query.value(4).toString());
    return r;
}

QString ReconciliationResolutions::databaseUser()
{
    if (m_db.driverName() != u"QPSQL")
        return {};
    QSqlQuery query(m_db);
    if (!runQuery(query, QStringLiteral("SELECT current_user"), {}, &m_error) || !query.next())
        return m_db.userName();
    return query.value(0).toString();
}

} // namespace fulfillsync
