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

} // namespace fulfillsync
