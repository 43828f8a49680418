#pragma once

#include "models/storage/sqlerror.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace fulfillsync {

// One line of an order's last reconciliation (see Reconciliation in the sync layer, which
// makes them): an item fulfillment (0: a channel fulfillment no item fulfillment explains),
// what stands for it in the channel, the verdict key and the disagreement in words.
struct ReconciliationReading
{
    qint64 connectorId = 0;
    qint64 orderId = 0;
    qint64 fulfillmentId = 0;
    QString fulfillmentTranId;
    QString channelFulfillmentId;
    QString verdict; // matched, missing, quantity_differs, tracking_differs, extra, …
    QString detail;
    QDateTime checkedAt;
    // What the channel's fulfillment showed then (empty when it was missing).
    QStringList channelTracking;
    QHash<QString, double> channelQuantityBySku;
};

class ReconciliationRepository final
{
public:
    explicit ReconciliationRepository(QSqlDatabase db);

    // The order's new reading for the connector replaces its last one, in one commit.
    bool replaceOrder(qint64 connectorId, qint64 orderId,
                      const QList<ReconciliationReading> &readings);
    QList<ReconciliationReading> ofOrder(qint64 connectorId, qint64 orderId);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    StatementCache m_statements;
    QString m_error;
};

} // namespace fulfillsync
