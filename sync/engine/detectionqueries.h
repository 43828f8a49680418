#pragma once

#include "models/domain/domain.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace fulfillsync {

// The batched SuiteQL that answers "what changed since the watermark" (apis.md §1.7): one row
// per fulfillment line and tracking number, ordered deterministically so pages never skip or
// repeat rows, plus the same for sales order lines.
namespace DetectionQueries {
// orderIds: only these sales orders (a resync); empty means all.
QString fulfillmentsSince(const QDateTime &since, const QList<qint64> &orderIds = {});
QString ordersSince(const QDateTime &since, const QList<qint64> &orderIds = {});
// The members of these kit items (SuiteQL ItemMember), for connectors that push kit members.
QString kitMembers(const QList<qint64> &kitItemIds);
// Reads kitMembers() rows; unreadable rows are skipped (a kit missing a member then holds).
QList<KitMember> readKitMembers(const QList<QJsonObject> &rows);
} // namespace DetectionQueries

// Folds SuiteQL rows (possibly over many pages) into fulfillments and order headers. Rows that
// cannot be read are counted and skipped, never guessed.
class FulfillmentRowReader final
{
public:
    void add(const QList<QJsonObject> &rows);
    QList<ItemFulfillment> fulfillments() const;
    QList<SalesOrder> orderHeaders() const;
    QDateTime newestModification() const { return m_newest; }
    int rejectedRows() const { return m_rejected; }

private:
    QList<qint64> m_order; // fulfillment ids in arrival order
    QHash<qint64, ItemFulfillment> m_fulfillments;
    QHash<qint64, SalesOrder> m_orders;
    QDateTime m_newest;
    int m_rejected = 0;
};

class OrderRowReader final
{
public:
    void add(const QList<QJsonObject> &rows);
    QList<SalesOrder> orders() const;
    QDateTime newestModification() const { return m_newest; }
    int rejectedRows() const { return m_rejected; }

private:
    QList<qint64> m_order;
    QHash<qint64, SalesOrder> m_orders;
    QDateTime m_newest;
    int m_rejected = 0;
};

} // namespace fulfillsync
