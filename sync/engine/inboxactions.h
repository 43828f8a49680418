#pragma once

#include "models/domain/inbox.h"
#include "models/item/tablepagequery.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/engine/syncmessages.h"

#include <QSqlDatabase>

namespace fulfillsync {

// What a person does to inbox items in bulk, for the window and the worker alike.
namespace InboxActions {

struct Outcome
{
    int resolved = 0;
    int skipped = 0; // not open any more (settled meanwhile)
    QString error;   // the first thing that went wrong; the rest went on
};

// Every item of a filter (the whole inbox view, not just the rows loaded on screen).
QList<qint64> idsMatching(QSqlDatabase db, const TablePageQuery &filter, QString *error);

// Closes open items with a reason kept in the item and the history. A flag is closed for good
// (FlagResolution: the ledger marks it resolved, nothing is sent for it again). A failed or
// held fulfillment is only acknowledged: the engine still retries it, and a new failure opens
// the item again — so nothing owed is ever silently dropped. A 3PL connector's held shipment
// stays held (the person dealt with it), its flag stays on the outbox row.
Outcome resolve(QSqlDatabase db, const QList<qint64> &itemIds, const QString &reason,
                const QString &who);

// Resyncs that try these items again now (one request per connector, its orders); flags and
// settled items are left out: a resync would not touch them. A 3PL connector's resync of
// orders releases their held shipments and reads back their unconfirmed ones at once.
QList<SyncRequest> retryRequests(QSqlDatabase db, const QList<qint64> &itemIds);

// Switching over, decided by a person: the held fulfillment of the item is the channel
// fulfillment `channelFulfillmentId`, which another tool made. It must be one the order's last
// reading shows and nothing explains (an extra: read the channel first), and not claimed by
// another entry. Recorded as adopted (never sent), the hold cleared, the item resolved and
// the history told, in one transaction. Returns an empty string or the reason it was refused.
QString adopt(QSqlDatabase db, qint64 itemId, const QString &channelFulfillmentId,
              const QString &reason, const QString &who);
// The channel fulfillments a person may adopt for the item: the order's extras in its last
// reading (empty: none, or the channel was not read yet).
QList<ReconciliationReading> adoptionCandidates(QSqlDatabase db, qint64 itemId);

} // namespace InboxActions

} // namespace fulfillsync
