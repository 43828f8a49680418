#include "models/storage/reconciliationrepository.h"

#include "models/domain/timestamps.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

namespace {
QString quantitiesText(const QHash<QString, double> &bySku)
{
    QJsonObject object;
    for (auto it = bySku.cbegin(); it != bySku.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QHash<QString, double> quantitiesOf(const QString &text)
{
    QHash<QString, double> bySku;
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        bySku.insert(it.key(), it.value().toDouble());
    return bySku;
}
} // namespace

ReconciliationRepository::ReconciliationRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_statements(m_db)
{}

bool ReconciliationRepository::replaceOrder(qint64 connectorId, qint64 orderId,
                                            const QList<ReconciliationReading> &readings)
{
    return runTransaction(
        m_db,
        [&] {
            if (!m_statements.run(QStringLiteral("DELETE FROM reconciliation_rows WHERE "
                                                 "connector_id = ? AND order_id = ?"),
                                  {connectorId, orderId}, &m_error))
                return false;
            for (const ReconciliationReading &r : readings)
                if (!m_statements.run(
                        QStringLiteral("INSERT INTO reconciliation_rows (connector_id, order_id, "
                                       "fulfillment_id, fulfillment_tran_id, "
                                       "channel_fulfillment_id, verdict, detail, checked_at, "
                                       "channel_tracking, channel_quantities) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {connectorId, orderId, r.fulfillmentId, r.fulfillmentTranId,
                         r.channelFulfillmentId, r.verdict, r.detail, toStorageTime(r.checkedAt),
                         r.channelTracking.join(u','), quantitiesText(r.channelQuantityBySku)},
                        &m_error))
                    return false;
            return true;
        },
        &m_error);
}

QList<ReconciliationReading> ReconciliationRepository::ofOrder(qint64 connectorId, qint64 orderId)
{
    QList<ReconciliationReading> readings;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT fulfillment_id, fulfillment_tran_id, channel_fulfillment_id, "
                       "verdict, detail, checked_at, channel_tracking, channel_quantities FROM "
                       "reconciliation_rows WHERE connector_id = "
                       "? AND order_id = ? ORDER BY fulfillment_id = 0, fulfillment_id, "
                       "channel_fulfillment_id"),
        {connectorId, orderId}, &m_error);
    while (statement && statement.query().next()) {
        const QSqlQuery &q = statement.query();
        readings << ReconciliationReading{connectorId,
                                          orderId,
                                          q.value(0).toLongLong(),
                                          q.value(1).toString(),
                                          q.value(2).toString(),
                                          q.value(3).toString(),
                                          q.value(4).toString(),
                                          fromStorageTime(q.value(5).toString()),
                                          q.value(6).toString().split(u',', Qt::SkipEmptyParts),
                                          quantitiesOf(q.value(7).toString())};
    }
    return readings;
}

namespace {

const QString kRunColumns = QStringLiteral(
    "id, connector_id, since_date, until_date, started_at, finished_at, state, read_mode, "
    "orders_total, orders_done, last_order_id, matched, missing, quantity_differs, "
    "tracking_differs, extra, order_cancelled, unknown, channel_requests, cost_requested, "
    "cost_actual, problem, alerted_at");

QString storedTime(const QDateTime &time)
{
    return time.isValid() ? toStorageTime(time) : QString();
}

QDateTime timeOf(const QVariant &value)
{
    const QString text = value.toString();
    return text.isEmpty() ? QDateTime() : fromStorageTime(text);
}

ReconciliationRunRecord runOf(const QSqlQuery &q)
{
    ReconciliationRunRecord r;
    r.id = q.value(0).toLongLong();
    r.connectorId = q.value(1).toLongLong();
    r.since = QDate::fromString(q.value(2).toString(), Qt::ISODate);
    r.until = QDate::fromString(q.value(3).toString(), Qt::ISODate);
    r.startedAt = timeOf(q.value(4));
    r.finishedAt = timeOf(q.value(5));
    r.state = q.value(6).toString();
    r.readMode = q.value(7).toString();
    r.ordersTotal = q.value(8).toInt();
    r.ordersDone = q.value(9).toInt();
    r.lastOrderId = q.value(10).toLongLong();
    r.matched = q.value(11).toInt();
    r.missing = q.value(12).toInt();
    r.quantityDiffers = q.value(13).toInt();
    r.trackingDiffers = q.value(14).toInt();
    r.extra = q.value(15).toInt();
    r.orderCancelled = q.value(16).toInt();
    r.unknown = q.value(17).toInt();
    r.channelRequests = q.value(18).toInt();
    r.costRequested = q.value(19).toDouble();
    r.costActual = q.value(20).toDouble();
    r.problem = q.value(21).toString();
    r.alertedAt = timeOf(q.value(22));
    return r;
}

QVariantList runValues(const ReconciliationRunRecord &r)
{
    return {r.connectorId,
            r.since.toString(Qt::ISODate),
            r.until.toString(Qt::ISODate),
            storedTime(r.startedAt),
            storedTime(r.finishedAt),
            r.state,
            r.readMode,
            r.ordersTotal,
            r.ordersDone,
            r.lastOrderId,
            r.matched,
            r.missing,
            r.quantityDiffers,
            r.trackingDiffers,
            r.extra,
            r.orderCancelled,
            r.unknown,
            r.channelRequests,
            r.costRequested,
            r.costActual,
            r.problem};
}

} // namespace

bool ReconciliationRepository::createRun(ReconciliationRunRecord *record)
{
    const auto statement = m_statements.run(
        QStringLiteral("INSERT INTO reconciliation_runs (connector_id, since_date, until_date, "
                       "started_at, finished_at, state, read_mode, orders_total, orders_done, "
                       "last_order_id, matched, missing, quantity_differs, tracking_differs, "
                       "extra, order_cancelled, unknown, channel_requests, cost_requested, "
                       "cost_actual, problem) VALUES "
                       "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"),
        runValues(*record), &m_error);
    if (!statement || !statement.query().next()) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("no id came back for the new reconciliation run");
        return false;
    }
    record->id = statement.query().value(0).toLongLong();
    return true;
}

bool ReconciliationRepository::updateRun(const ReconciliationRunRecord &record)
{
    QVariantList values = runValues(record);
    values << record.id;
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE reconciliation_runs SET connector_id = ?, since_date = ?, "
                       "until_date = ?, started_at = ?, finished_at = ?, state = ?, read_mode = "
                       "?, orders_total = ?, orders_done = ?, last_order_id = ?, matched = ?, "
                       "missing = ?, quantity_differs = ?, tracking_differs = ?, extra = ?, "
                       "order_cancelled = ?, unknown = ?, channel_requests = ?, cost_requested "
                       "= ?, cost_actual = ?, problem = ? WHERE id = ?"),
        values, &m_error);
    return bool(statement);
}

std::optional<ReconciliationRunRecord> ReconciliationRepository::run(qint64 runId)
{
    const auto statement = m_statements.run(
        QStringLiteral("SELECT %1 FROM reconciliation_runs WHERE id = ?").arg(kRunColumns), {runId},
        &m_error);
    if (!statement || !statement.query().next())
        return std::nullopt;
    return runOf(statement.query());
}

QList<ReconciliationRunRecord> ReconciliationRepository::runs(qint64 connectorId, int limit)
{
    QList<ReconciliationRunRecord> list;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT %1 FROM reconciliation_runs WHERE (? = 0 OR connector_id = ?) "
                       "ORDER BY id DESC LIMIT ?")
            .arg(kRunColumns),
        {connectorId, connectorId, limit}, &m_error);
    while (statement && statement.query().next())
        list << runOf(statement.query());
    return list;
}

bool ReconciliationRepository::claimAlert(qint64 runId, const QDateTime &at)
{
    const auto statement = m_statements.run(
        QStringLiteral("UPDATE reconciliation_runs SET alerted_at = ? WHERE id = ? AND "
                       "alerted_at = ''"),
        {toStorageTime(at), runId}, &m_error);
    return statement && statement.query().numRowsAffected() == 1;
}

QJsonObject ReconciliationRunRecord::totalsJson() const
{
    return {{QStringLiteral("matched"), matched},
            {QStringLiteral("missing"), missing},
            {QStringLiteral("quantity_differs"), quantityDiffers},
            {QStringLiteral("tracking_differs"), trackingDiffers},
            {QStringLiteral("extra"), extra},
            {QStringLiteral("order_cancelled"), orderCancelled},
            {QStringLiteral("unknown"), unknown}};
}

} // namespace fulfillsync
