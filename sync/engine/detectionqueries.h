#pragma once

#include "models/domain/domain.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <deque>

namespace fulfillsync {

// The batched SuiteQL that answers "what changed since the watermark" (apis.md §1.7): one row
// per fulfillment line and tracking number, ordered deterministically so pages never skip or
// repeat rows, plus the same for sales order lines, and a one-row-per-type probe.
namespace DetectionQueries {
// orderIds: only these sales orders (a resync); empty means all.
QString fulfillmentsSince(const QDateTime &since, const QList<qint64> &orderIds = {});
QString ordersSince(const QDateTime &since, const QList<qint64> &orderIds = {});
// Count, sum of ids and newest change of the sales orders and item fulfillments changed since:
// one request that tells whether anything new exists.
QString probeSince(const QDateTime &since);
// The probe's answer as a comparable text; empty when it cannot be read.
QString probeDigest(const QList<QJsonObject> &rows);
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

// Remembers the transactions read near the newest change, to compare with the probe: if the
// server's digest of [start, ∞) equals what was read there, nothing in that window was missed.
class RecentChanges final
{
public:
    explicit RecentChanges(int keepSeconds = 3600)
        : m_keepSeconds(keepSeconds)
    {}
    void note(const QString &type, qint64 id, const QDateTime &modified);
    // The digest of everything noted with modified >= since, in probeDigest()'s form.
    QString digestSince(const QDateTime &since) const;

private:
    struct Change
    {
        QString type;
        qint64 id;
        QDateTime modified;
    };
    std::deque<Change> m_changes; // in arrival order, which is modification order
    QHash<qint64, QDateTime> m_latest;
    int m_keepSeconds;
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
    void setRecentChanges(RecentChanges *recent) { m_recent = recent; }

private:
    QList<qint64> m_order; // fulfillment ids in arrival order, not yet taken
    QHash<qint64, ItemFulfillment> m_fulfillments;
    QHash<qint64, SalesOrder> m_orders;
    QDateTime m_newest;
    UnreadableRows m_unreadable;
    RecentChanges *m_recent = nullptr;
};

class OrderRowReader final
{
public:
    void add(const QList<QJsonObject> &rows);
    QList<SalesOrder> takeComplete();
    QList<SalesOrder> takeAll();
    QDateTime newestModification() const { return m_newest; }
    const UnreadableRows &unreadable() const { return m_unreadable; }
    void setRecentChanges(RecentChanges *recent) { m_recent = recent; }

private:
    QList<qint64> m_order;
    QHash<qint64, SalesOrder> m_orders;
    QDateTime m_newest;
    UnreadableRows m_unreadable;
    RecentChanges *m_recent = nullptr;
};

} // namespace fulfillsync
