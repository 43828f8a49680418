#pragma once

#include "models/domain/threepl.h"
#include "models/storage/sqlerror.h"

#include <QHash>
#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// The 3PL connector's shipment outbox (threepl_shipments): an intent is stored before its
// NetSuite transform is sent, and only an answer that proves the outcome settles it.
class ThreePlRepository final
{
public:
    explicit ThreePlRepository(QSqlDatabase db);

    std::optional<ThreePlShipmentEntry> entry(qint64 connectorId, const QString &shipmentId);
    QList<ThreePlShipmentEntry> entriesOfOrder(qint64 connectorId, qint64 salesOrderId);
    // Stores the intent, synced before it returns. False with alreadyExists set when the
    // shipment has a row already: the key is the last line of defence against a second IF.
    bool insertIntent(const ThreePlShipmentEntry &entry, bool *alreadyExists);
    bool markUnknown(qint64 connectorId, const QString &shipmentId);
    bool markCreated(qint64 connectorId, const QString &shipmentId, qint64 fulfillmentId,
                     const QDateTime &at);
    bool markHeld(qint64 connectorId, const QString &shipmentId, const QString &error,
                  const QDateTime &at);
    bool markFlagged(qint64 connectorId, const QString &shipmentId, const QString &error,
                     const QDateTime &at);
    // Still unknown after a read-back: counted, and not read back again before `until`.
    bool postpone(qint64 connectorId, const QString &shipmentId, const QDateTime &until);
    // A person asked to try this order's shipments again: its unknown ones are read back on
    // the next run, whatever their wait. Returns the earliest held shipment's time (invalid:
    // none held), where a pass reads the 3PL's shipments from to plan the held ones again.
    // Held rows stay until forgetHeld() replaces each, so a pass that fails on the way loses
    // none of them.
    QDateTime retryOrder(qint64 connectorId, qint64 salesOrderId);
    // A held shipment planned again: its row goes just before the new one is stored.
    bool forgetHeld(qint64 connectorId, const QString &shipmentId);
    // Intents whose outcome is not known and whose wait is over: read back before anything
    // new is sent.
    QList<ThreePlShipmentEntry> unsettled(qint64 connectorId, const QDateTime &now);
    // Unconfirmed shipments still in their wait; retryAllNow ends every wait (`quarantine
    // clear`).
    QList<ThreePlShipmentEntry> waiting(qint64 connectorId);
    bool retryAllNow(qint64 connectorId);
    qint64 countInState(qint64 connectorId, ThreePlState state);

    // The first leg: which of these sales orders went to the 3PL, and in what state ("sent",
    // "cancelled", "refused": the 3PL did not take it, it is tried again; "settled": refused,
    // then no longer to be sent; "shipped": withdrawn in NetSuite after the 3PL shipped it, so
    // its cancel was refused for good).
    QHash<qint64, QString> sentOrders(qint64 connectorId, const QList<qint64> &salesOrderIds);
    bool markOrder(qint64 connectorId, qint64 salesOrderId, const QString &orderKey,
                   const QString &remoteOrderId, const QString &state, const QDateTime &at);
    qint64 countOrders(qint64 connectorId, const QString &state);
    // The 3PL's id of a sales order sent to it ("" when none is known).
    QString remoteOrderId(qint64 connectorId, qint64 salesOrderId);
    QList<qint64> ordersInState(qint64 connectorId, const QString &state);

    QString lastError() const { return m_error; }

private:
    QList<ThreePlShipmentEntry> select(const QString &where, const QVariantList &values);
    bool setState(qint64 connectorId, const QString &shipmentId, ThreePlState state,
                  const QVariant &fulfillmentId, const QString &error, const QDateTime &at);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
