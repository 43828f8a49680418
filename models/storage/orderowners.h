#pragma once

#include <QList>
#include <QSqlDatabase>

namespace fulfillsync {

// The enabled connectors a resync or dry run of these sales orders is for: the channel
// connectors whose channel an order came from, and the 3PL connectors that hold the order (sent
// it, or have shipments of it). Any other connector's pass has nothing to do with them.
QList<qint64> connectorsOwningOrders(QSqlDatabase db, const QList<qint64> &orderIds);

} // namespace fulfillsync
