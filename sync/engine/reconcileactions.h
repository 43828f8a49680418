#pragma once

#include "sync/engine/syncmessages.h"

#include <QSqlDatabase>

namespace fulfillsync {

// What a reconciliation row's actions ask the engine for: never a send of their own, always a
// request the normal outbox carries out (a resync, or a replay that reads back first).
namespace ReconcileActions {

struct Plan
{
    SyncRequest request;
    QString note; // what will happen, in words for the person who asked
};

// "Push what is missing" (missing in the channel, or other quantities there): a resync of the
// order, which pushes what the ledger does not show as sent. A fulfillment the ledger records as
// pushed or adopted but the channel no longer shows is not sent again by a resync (the ledger is
// the guard against duplicates): that one is replayed from its last attempt, which reads the
// channel back first and sends only when it is really not there.
Plan pushMissing(QSqlDatabase db, qint64 connectorId, qint64 orderId, qint64 fulfillmentId,
                 bool missing);
// "Send tracking again" (tracking differs): a resync of the order that sends NetSuite's tracking
// numbers of this fulfillment as a tracking update (SyncRequest::resendTracking).
Plan resendTracking(qint64 connectorId, qint64 orderId, qint64 fulfillmentId);

} // namespace ReconcileActions

} // namespace fulfillsync
