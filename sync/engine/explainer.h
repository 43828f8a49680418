#pragma once

#include "models/domain/domain.h"
#include "sync/engine/fulfillmentmapper.h"

#include <QList>
#include <QString>

namespace fulfillsync {

// "Why did (or didn't) this order sync?" Every gate the engine applies, in the order it applies
// them, for each of the order's fulfillments. Pure: the caller reads the data.
struct Gate
{
    QString name; // short, translated
    bool passed = false;
    QString detail; // what was found, in words
};

struct FulfillmentExplanation
{
    qint64 fulfillmentId = 0;
    QString fulfillmentTranId;
    QList<Gate> gates;
    bool wouldPush() const;
    QString verdict() const; // one sentence
};

struct OrderExplanation
{
    QList<Gate> orderGates; // gates that apply to the whole order
    QList<FulfillmentExplanation> fulfillments;
    QString toText() const; // for the worker's `explain` and the app's detail pane
};

namespace Explainer {
// mapper: the connector's mappings (and kit members) as the engine would apply them.
OrderExplanation explain(const Connector &connector, const FulfillmentMapper &mapper,
                         const SalesOrder &order, const QList<ItemFulfillment> &fulfillments,
                         const QList<LedgerEntry> &ledger,
                         const QList<QuarantineEntry> &quarantine = {},
                         const QDateTime &now = QDateTime::currentDateTimeUtc());
} // namespace Explainer

} // namespace fulfillsync
