#pragma once

#include "models/domain/domain.h"
#include "models/storage/sqlerror.h"

#include <QHash>
#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// The local copy of NetSuite's sales orders and item fulfillments, plus the per-order sync
// state the engine derives (so the orders table can filter and sort on it in SQL).
class OrderRepository final
{
public:
    explicit OrderRepository(QSqlDatabase db);

    // The writes below run in a transaction each, rows in id order, and run again when they lose
    // a deadlock or serialization conflict to another pass's (runTransaction).
    // Full orders (header and lines): lines are replaced.
    bool upsertOrders(const QList<SalesOrder> &orders);
    // Headers only (as seen on fulfillment rows); cached lines are kept.
    bool upsertOrderHeaders(const QList<SalesOrder> &orders);
    // Fulfillments with their lines and tracking numbers, replaced as a whole.
    bool upsertFulfillments(const QList<ItemFulfillment> &fulfillments);

    std::optional<SalesOrder> order(qint64 id);
    std::optional<SalesOrder> orderByTranId(const QString &tranId);
    QList<ItemFulfillment> fulfillmentsOfOrder(qint64 orderId);

    // Kit definitions as last read from NetSuite: the listed kits' members are replaced.
    bool replaceKitMembers(const QList<qint64> &kitItemIds, const QList<KitMember> &members);
    QHash<qint64, QList<KitMember>> kitMembers(); // kit item id → members
    // Only the kits shipped on these fulfillments (what one order's Explain needs).
    QHash<qint64, QList<KitMember>> kitMembersOf(const QList<ItemFulfillment> &fulfillments);

    // Orders of a channel whose last evaluation ended in this sync state ("failed" …).
    // Orders whose header or a fulfillment NetSuite changed at or after `since`, as stored:
    // what a pass that was cut short stored and a continuing pass still has to evaluate.
    QList<qint64> orderIdsChangedSince(const QDateTime &since, bool *ok = nullptr);
    // Sales orders of this channel with an item fulfillment shipped (status C, not voided)
    // dated within [from, until], in id order: what a reconciliation checks.
    QList<qint64> ordersShippedBetween(const QString &channel, const QDate &from,
                                       const QDate &until, bool *ok = nullptr);
    // What the local copy holds of the sales orders (SalesOrd) and item fulfillments (ItemShip)
    // NetSuite changed in [from, to): how many, the sum of their ids and the newest change, to
    // compare with NetSuite's own count of the same range. False: could not be read.
    struct StoredChanges
    {
        qint64 count = 0;
        qint64 idSum = 0;
        QDateTime newest;
    };
    bool storedChanges(const QDateTime &from, const QDateTime &to, StoredChanges *orders,
                       StoredChanges *fulfillments);
    // NetSuite's last-modified time as stored, of those of these sales orders (or item
    // fulfillments) the local copy has; nullopt when it cannot be read.
    std::optional<QHash<qint64, QDateTime>> storedModified(bool fulfillments,
                                                           const QList<qint64> &ids);
    // Kit items on fulfillments changed at or after `since`.
    QList<qint64> kitItemsChangedSince(const QDateTime &since);
    QList<qint64> orderIdsInSyncState(const QString &channel, const QString &state);
    bool updateSyncState(qint64 orderId, const QString &state, const QString &message,
                         double pushedQuantity, const QDateTime &lastAttemptAt);

    QString lastError() const { return m_error; }

private:
    bool upsertHeader(const SalesOrder &order, bool withTotals);
    bool storeOrders(const QList<const SalesOrder *> &orders);
    bool storeFulfillments(const QList<const ItemFulfillment *> &fulfillments);
    QList<ItemFulfillment> selectFulfillments(const QString &where, qint64 value);
    QHash<qint64, QList<KitMember>> selectKitMembers(const QString &where,
                                                     const QVariantList &values);

    QSqlDatabase m_db;
    StatementCache m_statements; // prepared once per repository object
    QString m_error;
};

} // namespace fulfillsync
