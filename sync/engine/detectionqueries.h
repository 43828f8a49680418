#pragma once

#include "models/domain/domain.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace fulfillsync {

// The batched SuiteQL that answers "what changed since the watermark" (apis.md §1.7): one row
// per fulfillment line and tracking number, ordered deterministically so pages never skip or
// repeat rows, plus the same for sales order lines, and a few-row probe.
namespace DetectionQueries {
// orderIds: only these sales orders (a resync); empty means all.
QString fulfillmentsSince(const QDateTime &since, const QList<qint64> &orderIds = {});
QString ordersSince(const QDateTime &since, const QList<qint64> &orderIds = {});

// One record type's changes in a time range, NetSuite's or the local copy's.
struct ChangeCount
{
    qint64 count = 0;
    qint64 idSum = 0;
    QDateTime newest;
};
// The probe's answer, by record type ("SalesOrd", "ItemShip"): NetSuite's count of the window
// up to the watermark (what the passes before this one read) and of the changes after it.
struct ProbeAnswer
{
    bool readable = false; // false: unknown, never "nothing changed"
    QHash<QString, ChangeCount> upTo;
    QHash<QString, ChangeCount> from; // from the watermark's second on
    QDateTime newest;                 // the newest change NetSuite had when it answered
};
// One request: per type, count, sum of ids and newest change in [since, readTo) and from readTo
// on. readTo's own second is compared, never taken as read whole: more may have changed in it
// after a read, and NetSuite's fractions of a second (if any) fall in it on both sides.
QString probeSince(const QDateTime &since, const QDateTime &readTo);
ProbeAnswer readProbe(const QList<QJsonObject> &rows);
// The counts as comparable text, types with no change left out.
QString digest(const QHash<QString, ChangeCount> &byType);
void add(ChangeCount &sum, const ChangeCount &more);
QHash<QString, ChangeCount> added(QHash<QString, ChangeCount> sum,
                                  const QHash<QString, ChangeCount> &more);
// The members of these kit items (SuiteQL ItemMember), for connectors that push kit members.
QString kitMembers(const QList<qint64> &kitItemIds);
// Reads kitMembers() rows; unreadable rows are skipped (a kit missing a member then holds).
QList<KitMember> readKitMembers(const QList<QJsonObject> &rows);
} // namespace DetectionQueries

// What a reader could not read: the watermark must not pass it, so it is read again.
struct UnreadableRows
{
    int count = 0;
    QDateTime oldest;     // the oldest last-modified time among them
    bool undated = false; // some had no readable time: the watermark cannot move at all
    QString firstProblem; // for the log and the pass's warnings
    void note(const QDateTime &modified, const QString &problem);
    void merge(const UnreadableRows &other);
    // The newest the watermark may become, given the newest change read.
    QDateTime cap(const QDateTime &newest, const QDateTime &current) const;
};

// Folds SuiteQL rows, page by page, into fulfillments and order headers. A fulfillment's rows
// are contiguous (the query orders by fulfillment), so everything but the last fulfillment of
// a page is complete and handed over at once: a pass never holds more than a page. A row that
// names its fulfillment but has an unreadable value marks that fulfillment with a problem (it
// is held, never pushed in part); a row that cannot even name it is counted as unreadable.
class FulfillmentRowReader final
{
public:
    void add(const QList<QJsonObject> &rows);
    QList<ItemFulfillment> takeComplete(); // all but the last one, which may go on
    QList<ItemFulfillment> takeAll();      // at the end
    QList<SalesOrder> takeOrderHeaders();
    QDateTime newestModification() const { return m_newest; }
    const UnreadableRows &unreadable() const { return m_unreadable; }

private:
    // A row whose fulfillment id cannot be read belongs to the fulfillment before it, the one
    // after it (rows come ordered by fulfillment), or one not in this read at all: the first two
    // are held, so neither is taken as whole without it.
    void holdIncomplete(ItemFulfillment &f);

    QList<qint64> m_order; // fulfillment ids in arrival order, not yet taken
    QHash<qint64, ItemFulfillment> m_fulfillments;
    QHash<qint64, SalesOrder> m_orders;
    QDateTime m_newest;
    UnreadableRows m_unreadable;
    qint64 m_lastId = 0;           // the fulfillment of the last readable row
    bool m_nextIncomplete = false; // the next new fulfillment follows a row without an id
};

class OrderRowReader final
{
public:
    void add(const QList<QJsonObject> &rows);
    QList<SalesOrder> takeComplete();
    QList<SalesOrder> takeAll();
    QDateTime newestModification() const { return m_newest; }
    const UnreadableRows &unreadable() const { return m_unreadable; }

private:
    QList<qint64> m_order;
    QHash<qint64, SalesOrder> m_orders;
    QDateTime m_newest;
    UnreadableRows m_unreadable;
};

} // namespace fulfillsync
