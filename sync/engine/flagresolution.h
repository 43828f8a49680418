#pragma once

#include "models/domain/domain.h"

#include <QSqlDatabase>

namespace fulfillsync {

// A person closes a flag (a fulfillment voided, reduced or moved back in NetSuite after it was
// pushed): the ledger marks it resolved, the history keeps who did it and why, and the order's
// state is worked out again. Nothing is sent to the channel.
namespace FlagResolution {
// Resolves the flagged fulfillments of one order (or just fulfillmentId, when not 0). Returns
// how many were resolved; 0 with `error` set when none was flagged or storing failed.
int resolve(QSqlDatabase db, const Connector &connector, qint64 orderId, qint64 fulfillmentId,
            const QString &reason, const QString &who, QString *error);
// The same for every connector of the order's channel (what the window and the worker's
// `resolve` offer): the sum resolved; 0 with `error` set when there was nothing to resolve.
int resolveOrder(QSqlDatabase db, const SalesOrder &order, const QString &reason,
                 const QString &who, QString *error);
} // namespace FlagResolution

} // namespace fulfillsync
