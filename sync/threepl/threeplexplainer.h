#pragma once

#include "models/domain/domain.h"
#include "models/domain/threepl.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace fulfillsync {

// "Why did (or didn't) this order go to the 3PL, and what came back?" for a 3PL connector:
// the first leg's decision (ThreePlOrderDecision, the sender's own), then each shipment's row
// in the outbox and what happens to it next.
namespace ThreePlExplainer {
QString explainStored(QSqlDatabase db, const Connector &connector, const SalesOrder &order,
                      const QDateTime &now = QDateTime::currentDateTimeUtc());
// Pure. sentState: the order's threepl_orders state ("" when never sent).
QString explain(const SalesOrder &order, const QString &sentState,
                const QList<ThreePlShipmentEntry> &shipments, const QDateTime &now);
} // namespace ThreePlExplainer

} // namespace fulfillsync
