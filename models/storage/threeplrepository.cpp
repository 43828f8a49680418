#include "models/storage/threeplrepository.h"

#include "models/domain/timestamps.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

ThreePlRepository::ThreePlRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<ThreePlShipmentEntry> ThreePlRepository::select(const QString &where,
                                                      const QVariantList &values)
{
    QList<ThreePlShipmentEntry> result;
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT connector_id, shipment_id, sales_order_id, order_number, "
                                 "external_id, state, fulfillment_id, tracking_number, shipped_at, "
                                 "error, request, updated_at, tries, next_try_at FROM "
                                 "threepl_shipments WHERE ") +
                      where + QStringLiteral(" ORDER BY shipped_at, shipment_id"),
                  values, &m_error))
        return result;
    while (q.next()) {
        ThreePlShipmentEntry e;
        e.connectorId = q.value(0).toLongLong();
        e.shipmentId = q.value(1).toString();
        e.salesOrderId = q.value(2).toLongLong();
        e.orderNumber = q.value(3).toString();
        e.externalId = q.value(4).toString();
        e.state = threePlStateFromKey(q.value(5).toString());
        e.fulfillmentId = q.value(6).toLongLong();
        e.trackingNumber = q.value(7).toString();
        e.shippedAt = fromStorageTime(q.value(8).toString());
        e.error = q.value(9).toString();
        e.request = q.value(10).toString();
        e.updatedAt = fromStorageTime(q.value(11).toString());
        e.tries = q.value(12).toInt();
        e.nextTryAt = fromStorageTime(q.value(13).toString());
        result << e;
    }
    return result;
}

std::optional<ThreePlShipmentEntry> ThreePlRepository::entry(qint64 connectorId,
                                                             const QString &shipmentId)
{
    const auto list =
        select(QStringLiteral("connector_id = ? AND shipment_id = ?"), {connectorId, shipmentId});
    return list.isEmpty() ? std::nullopt : std::optional(list.first());
}

QList<ThreePlShipmentEntry> ThreePlRepository::entriesOfOrder(qint64 connectorId,
                                                              qint64 salesOrderId)
{
    return select(QStringLiteral("connector_id = ? AND sales_order_id = ?"),
                  {connectorId, salesOrderId});
}

bool ThreePlRepository::insertIntent(const ThreePlShipmentEntry &e, bool *alreadyExists)
{
    *alreadyExists = false;
    const DurableWrites durable(m_db); // a committed intent survives a power cut
    QSqlQuery q(m_db);
    // DO NOTHING + a row count keeps the "exists" answer portable and unambiguous.
    if (!runQuery(
            q,
            QStringLiteral("INSERT INTO threepl_shipments (connector_id, shipment_id, "
                           "sales_order_id, order_number, external_id, state, "
                           "fulfillment_id, tracking_number, shipped_at, error, request, "
                           "updated_at, lease_epoch) VALUES (?,?,?,?,?,?,NULL,?,?,?,?,?,?) "
                           "ON CONFLICT (connector_id, shipment_id) DO NOTHING"),
            {e.connectorId, e.shipmentId, e.salesOrderId, e.orderNumber, e.externalId,
             threePlStateKey(e.state), e.trackingNumber, toStorageTime(e.shippedAt), e.error,
             e.request,
             toStorageTime(e.updatedAt.isValid() ? e.updatedAt : QDateTime::currentDateTimeUtc()),
             e.leaseEpoch},
            &m_error))
        return false;
    *alreadyExists = q.numRowsAffected() == 0;
    return !*alreadyExists;
}

bool ThreePlRepository::setState(qint64 connectorId, const QString &shipmentId, ThreePlState state,
                                 const QVariant &fulfillmentId, const QString &error,
                                 const QDateTime &at)
{
    QSqlQuery q(m_db);
    return runQuery(
        q,
        QStringLiteral("UPDATE threepl_shipments SET state = ?, fulfillment_id = "
                       "COALESCE(?, fulfillment_id), error = ?, updated_at = ? "
                       "WHERE connector_id = ? AND shipment_id = ?"),
        {threePlStateKey(state), fulfillmentId, error, toStorageTime(at), connectorId, shipmentId},
        &m_error);
}

bool ThreePlRepository::markUnknown(qint64 connectorId, const QString &shipmentId)
{
    return setState(connectorId, shipmentId, ThreePlState::Unknown,
                    QVariant(QMetaType::fromType<qlonglong>()), QString(),
                    QDateTime::currentDateTimeUtc());
}

bool ThreePlRepository::markCreated(qint64 connectorId, const QString &shipmentId,
                                    qint64 fulfillmentId, const QDateTime &at)
{
    return setState(connectorId, shipmentId, ThreePlState::Created, fulfillmentId, QString(), at);
}

bool ThreePlRepository::markHeld(qint64 connectorId, const QString &shipmentId,
                                 const QString &error, const QDateTime &at)
{
    return setState(connectorId, shipmentId, ThreePlState::Held,
                    QVariant(QMetaType::fromType<qlonglong>()), error, at);
}

bool ThreePlRepository::markFlagged(qint64 connectorId, const QString &shipmentId,
                                    const QString &error, const QDateTime &at)
{
    return setState(connectorId, shipmentId, ThreePlState::Flagged,
                    QVariant(QMetaType::fromType<qlonglong>()), error, at);
}

bool ThreePlRepository::postpone(qint64 connectorId, const QString &shipmentId,
                                 const QDateTime &until)
{
    QSqlQuery q(m_db);
    return runQuery(q,
                    QStringLiteral("UPDATE threepl_shipments SET tries = tries + 1, next_try_at = "
                                   "? WHERE connector_id = ? AND shipment_id = ?"),
                    {toStorageTime(until), connectorId, shipmentId}, &m_error);
}

QDateTime ThreePlRepository::retryOrder(qint64 connectorId, qint64 salesOrderId)
{
    QSqlQuery wake(m_db);
    if (!runQuery(wake,
                  QStringLiteral("UPDATE threepl_shipments SET next_try_at = '' WHERE "
                                 "connector_id = ? AND sales_order_id = ? AND state IN "
                                 "('pending', 'unknown')"),
                  {connectorId, salesOrderId}, &m_error))
        return {};
    QDateTime earliest;
    const QList<ThreePlShipmentEntry> held =
        select(QStringLiteral("connector_id = ? AND sales_order_id = ? AND state = 'held'"),
               {connectorId, salesOrderId});
    for (const ThreePlShipmentEntry &e : held)
        if (!earliest.isValid() || e.shippedAt < earliest)
            earliest = e.shippedAt;
    return earliest;
}

bool ThreePlRepository::forgetHeld(qint64 connectorId, const QString &shipmentId)
{
    QSqlQuery q(m_db);
    return runQuery(q,
                    QStringLiteral("DELETE FROM threepl_shipments WHERE connector_id = ? AND "
                                   "shipment_id = ? AND state = 'held'"),
                    {connectorId, shipmentId}, &m_error);
}

QList<ThreePlShipmentEntry> ThreePlRepository::unsettled(qint64 connectorId, const QDateTime &now)
{
    return select(QStringLiteral("connector_id = ? AND state IN ('pending', 'unknown') AND "
                                 "(next_try_at = '' OR next_try_at <= ?)"),
                  {connectorId, toStorageTime(now)});
}

QList<ThreePlShipmentEntry> ThreePlRepository::waiting(qint64 connectorId)
{
    return select(QStringLiteral("connector_id = ? AND state IN ('pending', 'unknown') AND "
                                 "next_try_at <> ''"),
                  {connectorId});
}

bool ThreePlRepository::retryAllNow(qint64 connectorId)
{
    QSqlQuery q(m_db);
    return runQuery(q,
                    QStringLiteral("UPDATE threepl_shipments SET next_try_at = '' WHERE "
                                   "connector_id = ? AND state IN ('pending', 'unknown')"),
                    {connectorId}, &m_error);
}

qint64 ThreePlRepository::countInState(qint64 connectorId, ThreePlState state)
{
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT COUNT(*) FROM threepl_shipments WHERE connector_id = ? "
                                 "AND state = ?"),
                  {connectorId, threePlStateKey(state)}, &m_error) ||
        !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QHash<qint64, QString> ThreePlRepository::sentOrders(qint64 connectorId,
                                                     const QList<qint64> &salesOrderIds)
{
    QHash<qint64, QString> result;
    QSqlQuery q(m_db);
    // Bound one by one: ids never become SQL text.
    QStringList marks(salesOrderIds.size(), QStringLiteral("?"));
    QVariantList values{connectorId};
    for (qint64 id : salesOrderIds)
        values << id;
    if (salesOrderIds.isEmpty() ||
        !runQuery(q,
                  QStringLiteral("SELECT sales_order_id, state FROM threepl_orders WHERE "
                                 "connector_id = ? AND sales_order_id IN (") +
                      marks.join(u',') + u')',
                  values, &m_error))
        return result;
    while (q.next())
        result.insert(q.value(0).toLongLong(), q.value(1).toString());
    return result;
}

bool ThreePlRepository::markOrder(qint64 connectorId, qint64 salesOrderId, const QString &orderKey,
                                  const QString &remoteOrderId, const QString &state,
                                  const QDateTime &at)
{
    QSqlQuery q(m_db);
    return runQuery(q,
                    QStringLiteral("INSERT INTO threepl_orders (connector_id, sales_order_id, "
                                   "order_key, remote_order_id, state, updated_at) VALUES "
                                   "(?,?,?,?,?,?) ON CONFLICT (connector_id, sales_order_id) DO "
                                   "UPDATE SET state = excluded.state, remote_order_id = "
                                   "excluded.remote_order_id, updated_at = excluded.updated_at"),
                    {connectorId, salesOrderId, orderKey, remoteOrderId, state, toStorageTime(at)},
                    &m_error);
}

QList<qint64> ThreePlRepository::ordersInState(qint64 connectorId, const QString &state)
{
    QList<qint64> ids;
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT sales_order_id FROM threepl_orders WHERE connector_id = ? "
                                 "AND state = ? ORDER BY sales_order_id"),
                  {connectorId, state}, &m_error))
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

QString ThreePlRepository::remoteOrderId(qint64 connectorId, qint64 salesOrderId)
{
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT remote_order_id FROM threepl_orders WHERE connector_id = "
                                 "? AND sales_order_id = ?"),
                  {connectorId, salesOrderId}, &m_error) ||
        !q.next())
        return {};
    return q.value(0).toString();
}

qint64 ThreePlRepository::countOrders(qint64 connectorId, const QString &state)
{
    QSqlQuery q(m_db);
    if (!runQuery(q,
                  QStringLiteral("SELECT COUNT(*) FROM threepl_orders WHERE connector_id = ? AND "
                                 "state = ?"),
                  {connectorId, state}, &m_error) ||
        !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace fulfillsync
