#pragma once

#include "models/domain/domain.h"
#include "models/storage/historyrepository.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/engine/fulfillmentmapper.h"

#include <QDateTime>
#include <QList>
#include <QStringList>
#include <optional>

namespace fulfillsync {

// One channel connector's view of an order three ways, line by line: what NetSuite shipped,
// what the connector sent (its ledger and attempts) and what the channel has (the last
// reconciliation's reading, or a read made just now). Every disagreement is named on its row.
// Pure: the caller reads the data (issue 23, the order pane and `fulfillsync-worker explain`).
namespace ThreeWay {

struct Row
{
    qint64 fulfillmentId = 0; // 0: a channel fulfillment no item fulfillment explains
    QString fulfillmentTranId;
    QString sku; // the channel's SKU the line maps to; empty when the item is not mapped
    QString itemName;
    // NetSuite
    double netSuiteQuantity = 0;
    QStringList netSuiteTracking;
    // Sent: the connector's ledger entry of the fulfillment
    std::optional<LedgerState> sent;
    QString channelFulfillmentId;
    QStringList sentTracking;
    QDateTime sentAt;
    int attempts = 0;
    qint64 lastAttemptId = 0;
    // The channel: unset quantity with channelRead = nothing of this line is there
    bool channelRead = false;
    std::optional<double> channelQuantity;
    QStringList channelTracking;
    // Each disagreement in words; empty: the three agree (or the channel was never read)
    QStringList disagreements;
    bool netSuiteDiffers = false; // which sides to mark
    bool sentDiffers = false;
    bool channelDiffers = false;
};

struct View
{
    QList<Row> rows;
    bool channelRead = false; // a reading exists (stored or live)
    bool live = false;        // read just now, not the last reconciliation's
    QDateTime channelAsOf;
    QString text() const; // the table as aligned text, for `explain` and the CLI
};

struct Input
{
    const FulfillmentMapper &mapper;
    const SalesOrder &order;
    const QList<ItemFulfillment> &fulfillments;
    const QList<LedgerEntry> &ledger;
    const QHash<qint64, HistoryRepository::FulfillmentAttempts> &attempts;
    const QList<ReconciliationReading> &channel; // one order's reading; empty: never read
    bool live = false;
};

View build(const Input &input);

} // namespace ThreeWay
} // namespace fulfillsync
