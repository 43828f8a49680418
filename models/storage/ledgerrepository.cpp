#include "models/storage/ledgerrepository.h"

#include "models/domain/timestamps.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

LedgerRepository::LedgerRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_statements(m_db)
{}

QList<LedgerEntry> LedgerRepository::select(const QString &where, const QVariantList &values)
{
    QList<LedgerEntry> result;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT connector_id, fulfillment_id, order_id, channel_order, "
                       "channel_fulfillment_id, state, '' AS payload, tracking_numbers, "
                       "created_at, completed_at, quantity FROM pushed_fulfillments "
                       "WHERE ") +
            where + QStringLiteral(" ORDER BY fulfillment_id"),
        values, &m_error);
    if (!statement)
        return result;
    QSqlQuery &q = statement.query();
    while (q.next()) {
        LedgerEntry e;
        e.connectorId = q.value(0).toLongLong();
        e.fulfillmentId = q.value(1).toLongLong();
        e.orderId = q.value(2).toLongLong();
        e.channelOrder = q.value(3).toString();
        e.channelFulfillmentId = q.value(4).toString();
        e.state = ledgerStateFromKey(q.value(5).toString());
        e.payload = q.value(6).toString();
        e.trackingNumbers = q.value(7).toString().split(u'\n', Qt::SkipEmptyParts);
        e.createdAt = fromStorageTime(q.value(8).toString());
        e.completedAt = fromStorageTime(q.value(9).toString());
        e.quantity = q.value(10).toDouble();
        result << e;
    }
    return result;
}

std::optional<LedgerEntry> LedgerRepository::entry(qint64 connectorId, qint64 fulfillmentId)
{
    const auto list = select(QStringLiteral("connector_id = ? AND fulfillment_id = ?"),
                             {connectorId, fulfillmentId});
    return list.isEmpty() ? std::nullopt : std::optional(list.first());
}

QList<LedgerEntry> LedgerRepository::entriesOfOrder(qint64 connectorId, qint64 orderId)
{
    return select(QStringLiteral("connector_id = ? AND order_id = ?"), {connectorId, orderId});
}

bool LedgerRepository::insertPending(const LedgerEntry &e, bool *alreadyExists)
{
    const DurableWrites durable(m_db);
    return insertRow(e, alreadyExists);
}

bool LedgerRepository::insertIntents(const QList<LedgerEntry> &entries, QList<bool> *alreadyExists)
{
    alreadyExists->clear();
    const DurableWrites durable(m_db); // outlives the transaction: its commit is the synced one
    Transaction transaction(m_db);
    for (const LedgerEntry &e : entries) {
        bool exists = false;
        if (!insertRow(e, &exists) && !exists)
            return false;
        alreadyExists->append(exists);
    }
    QString error;
    if (!transaction.commit(&error)) {
        m_error = error;
        return false;
    }
    return true;
}

bool LedgerRepository::insertRow(const LedgerEntry &e, bool *alreadyExists)
{
    if (alreadyExists)
        *alreadyExists = false;
    // DO NOTHING + a row count keeps the "exists" answer portable and unambiguous.
    const auto statement = m_statements.prepare(
        QStringLiteral(
            "INSERT INTO pushed_fulfillments (connector_id, fulfillment_id, "
            "order_id, channel_order, state, payload, tracking_numbers, "
            "created_at, quantity, lease_epoch) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT "
            "(connector_id, fulfillment_id) DO NOTHING"),
        &m_error);
    if (!statement)
        return false;
    QSqlQuery &q = statement.query();
    q.addBindValue(e.connectorId);
    q.addBindValue(e.fulfillmentId);
    q.addBindValue(e.orderId);
    q.addBindValue(e.channelOrder);
    q.addBindValue(ledgerStateKey(LedgerState::Pending));
    q.addBindValue(e.payload);
    q.addBindValue(e.trackingNumbers.join(u'\n'));
    q.addBindValue(
        toStorageTime(e.createdAt.isValid() ? e.createdAt : QDateTime::currentDateTimeUtc()));
    q.addBindValue(e.quantity);
    q.addBindValue(e.leaseEpoch);
    if (!execOrReport(q, &m_error))
        return false;
    if (q.numRowsAffected() == 0) {
        if (alreadyExists)
            *alreadyExists = true;
        m_error = QStringLiteral("ledger entry exists");
        return false;
    }
    return true;
}

bool LedgerRepository::markPushed(qint64 connectorId, qint64 fulfillmentId,
                                  const QString &channelFulfillmentId, const QDateTime &at,
                                  bool *changed)
{
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE pushed_fulfillments SET state = ?, channel_fulfillment_id = "
                       "?, completed_at = ? WHERE connector_id = ? AND fulfillment_id = ? AND "
                       "state <> ?"),
        {ledgerStateKey(LedgerState::Pushed), channelFulfillmentId, toStorageTime(at), connectorId,
         fulfillmentId, ledgerStateKey(LedgerState::Pushed)},
        &m_error);
    if (changed)
        *changed = statement && statement.query().numRowsAffected() > 0;
    return bool(statement);
}

bool LedgerRepository::insertAdopted(const LedgerEntry &entry, const QDateTime &at,
                                     bool *alreadyExists)
{
    // Inserted and completed in the caller's transaction: no one ever sees it Pending, so no
    // pass takes it for an unconfirmed intent of its own.
    if (!insertRow(entry, alreadyExists))
        return false;
    return bool(m_statements.run(
        QStringLiteral("UPDATE pushed_fulfillments SET state = ?, channel_fulfillment_id = ?, "
                       "completed_at = ? WHERE connector_id = ? AND fulfillment_id = ?"),
        {ledgerStateKey(LedgerState::Adopted), entry.channelFulfillmentId, toStorageTime(at),
         entry.connectorId, entry.fulfillmentId},
        &m_error));
}

bool LedgerRepository::setState(qint64 connectorId, qint64 fulfillmentId, LedgerState state)
{
    return bool(m_statements.run(
        QStringLiteral("UPDATE pushed_fulfillments SET state = ? WHERE connector_id = ? "
                       "AND fulfillment_id = ?"),
        {ledgerStateKey(state), connectorId, fulfillmentId}, &m_error));
}

bool LedgerRepository::markAmbiguous(qint64 connectorId, qint64 fulfillmentId)
{
    return setState(connectorId, fulfillmentId, LedgerState::Ambiguous);
}

bool LedgerRepository::markAttention(qint64 connectorId, qint64 fulfillmentId)
{
    return setState(connectorId, fulfillmentId, LedgerState::Attention);
}

bool LedgerRepository::resolve(qint64 connectorId, qint64 fulfillmentId)
{
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE pushed_fulfillments SET state = ? WHERE connector_id = ? AND "
                       "fulfillment_id = ? AND state = ?"),
        {ledgerStateKey(LedgerState::Resolved), connectorId, fulfillmentId,
         ledgerStateKey(LedgerState::Attention)},
        &m_error);
    return statement && statement.query().numRowsAffected() == 1;
}

bool LedgerRepository::updateTrackingNumbers(qint64 connectorId, qint64 fulfillmentId,
                                             const QStringList &numbers)
{
    return bool(
        m_statements.run(QStringLiteral("UPDATE pushed_fulfillments SET tracking_numbers = ? WHERE "
                                        "connector_id = ? AND fulfillment_id = ?"),
                         {numbers.join(u'\n'), connectorId, fulfillmentId}, &m_error));
}

bool LedgerRepository::removeUnconfirmed(qint64 connectorId, qint64 fulfillmentId)
{
    return bool(m_statements.run(
        QStringLiteral("DELETE FROM pushed_fulfillments WHERE connector_id = ? AND "
                       "fulfillment_id = ? AND state IN ('pending', 'ambiguous')"),
        {connectorId, fulfillmentId}, &m_error));
}

QList<qint64> LedgerRepository::unsettledOrderIds(qint64 connectorId)
{
    QList<qint64> ids;
    const auto statement =
        m_statements.run(QStringLiteral("SELECT DISTINCT order_id FROM pushed_fulfillments WHERE "
                                        "connector_id = ? AND state IN ('pending', 'ambiguous')"),
                         {connectorId}, &m_error);
    if (!statement)
        return ids;
    QSqlQuery &q = statement.query();
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

bool LedgerRepository::removeAny(qint64 connectorId, qint64 fulfillmentId)
{
    return bool(m_statements.run(
        QStringLiteral("DELETE FROM pushed_fulfillments WHERE connector_id = ? AND "
                       "fulfillment_id = ?"),
        {connectorId, fulfillmentId}, &m_error));
}

qint64 LedgerRepository::countInState(LedgerState state)
{
    QSqlQuery q(m_db);
    if (!runQuery(q, QStringLiteral("SELECT COUNT(*) FROM pushed_fulfillments WHERE state = ?"),
                  {ledgerStateKey(state)}, &m_error) ||
        !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace fulfillsync
