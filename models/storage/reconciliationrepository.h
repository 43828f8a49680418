#pragma once

#include "models/storage/sqlerror.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <optional>

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

// One reconciliation run (table reconciliation_runs): its range, state and cursor (orders are
// read in ascending id; every order up to lastOrderId is done, so a resumed run continues after
// it), item fulfillments per verdict, what it cost the channel, and whether its alert went out.
struct ReconciliationRunRecord
{
    qint64 id = 0;
    qint64 connectorId = 0;
    QDate since;
    QDate until;
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while running
    QString state;        // running, cancelled, finished, failed
    QString readMode;     // one_by_one, batched, bulk
    int ordersTotal = 0;
    int ordersDone = 0;
    qint64 lastOrderId = 0;
    // Item fulfillments per verdict (unknown: of orders the channel could not be read for).
    int matched = 0;
    int missing = 0;
    int quantityDiffers = 0;
    int trackingDiffers = 0;
    int extra = 0;
    int orderCancelled = 0;
    int unknown = 0;
    int channelRequests = 0;
    double costRequested = 0; // the channel's cost units (Shopify GraphQL points)
    double costActual = 0;
    QString problem;
    QDateTime alertedAt; // invalid: no alert sent for it
    int notMatched() const
    {
        return missing + quantityDiffers + trackingDiffers + extra + orderCancelled + unknown;
    }
    bool operator==(const ReconciliationRunRecord &) const = default;
    // Item fulfillments per verdict key (matched, missing, …, unknown), for JSON and alerts.
    QJsonObject totalsJson() const;
};

class ReconciliationRepository final
{
public:
    explicit ReconciliationRepository(QSqlDatabase db);

    // The order's new reading for the connector replaces its last one, in one commit.
    bool replaceOrder(qint64 connectorId, qint64 orderId,
                      const QList<ReconciliationReading> &readings);
    QList<ReconciliationReading> ofOrder(qint64 connectorId, qint64 orderId);

    // Runs. createRun sets record->id.
    bool createRun(ReconciliationRunRecord *record);
    bool updateRun(const ReconciliationRunRecord &record); // everything but id and alertedAt
    std::optional<ReconciliationRunRecord> run(qint64 runId);
    // The connector's newest runs first (connectorId 0: every connector's).
    QList<ReconciliationRunRecord> runs(qint64 connectorId, int limit = 50);
    // Claims the run's one alert: true for exactly one caller, even across processes.
    bool claimAlert(qint64 runId, const QDateTime &at);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    StatementCache m_statements;
    QString m_error;
};

} // namespace fulfillsync
