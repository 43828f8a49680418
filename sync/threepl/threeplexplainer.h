#pragma once

#include "models/domain/domain.h"
#include "models/domain/inbox.h"
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
// Pure. sentState: the order's threepl_orders state ("" when never sent); heldOrder: the
// order's Inbox item, when a run found it could not be sent as it is.
QString explain(const SalesOrder &order, const QString &sentState,
                const QList<ThreePlShipmentEntry> &shipments, const QDateTime &now,
                const std::optional<InboxItem> &heldOrder = std::nullopt);
} // namespace ThreePlExplainer

} // namespace fulfillsync
