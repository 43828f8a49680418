#pragma once

#include "models/domain/domain.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/engine/syncdecision.h"
#include "sync/engine/threeway.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace fulfillsync {

// "Why did (or didn't) this order sync?" For each of the order's fulfillments, the very
// decision the engine takes (SyncDecisions::decide) with every gate it applies. Pure: the
// caller reads the data.
struct FulfillmentExplanation
{
    qint64 fulfillmentId = 0;
    QString fulfillmentTranId;
    SyncDecision decision;
    QString verdict() const { return decision.verdict(fulfillmentTranId); }
};

struct OrderExplanation
{
    QList<FulfillmentExplanation> fulfillments;
    QString toText() const; // for the worker's `explain` and the app's detail pane
};

struct ExplainInput
{
    const Connector &connector;
    const FulfillmentMapper &mapper; // the connector's mappings (and kit members)
    std::function<QStringList(const MappedFulfillment &)> channelQuantityProblems;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

struct ConnectorExplanation
{
    Connector connector;
    OrderExplanation explanation; // a channel connector's
    QString threePl;              // a 3PL connector's (ThreePlExplainer)
    // A channel connector's three-way view: NetSuite, what it sent, what the channel showed at
    // the last reconciliation.
    ThreeWay::View threeWay;
    QString toText() const;
};

namespace Explainer {
// Every connector of the order's channel, from what the database holds (mappings, ledger,
// quarantine, kit members, the channel's quantity rules), then every 3PL connector.
QList<ConnectorExplanation> explainStored(QSqlDatabase db, const SalesOrder &order,
                                          const QList<ItemFulfillment> &fulfillments);
OrderExplanation explain(const ExplainInput &input, const SalesOrder &order,
                         const QList<ItemFulfillment> &fulfillments,
                         const QList<LedgerEntry> &ledger,
                         const QList<QuarantineEntry> &quarantine);
} // namespace Explainer

} // namespace fulfillsync
