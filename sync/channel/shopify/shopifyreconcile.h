#pragma once

#include "sync/channel/channelconnection.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QStringList>

namespace fulfillsync {

// The reads a reconciliation makes of Shopify (issue 23): only what Reconciliation::classify
// needs — each order's cancelledAt and closed, its fulfillments with status, tracking numbers
// and lines (SKU, quantity) — many orders in one nodes(ids:) query near the 1,000-point
// requested-cost cap, or all of a large range in one bulk operation (a JSONL file). Readers are
// strict: a wrong type, an unknown status or a page that may hide more makes that order
// anything but Read, never "has no fulfillments".
namespace ShopifyReconcile {

// Page sizes of the batched read: nearly every order fits (1.25 fulfillments of one or two
// lines is typical); an order with as many fulfillments, tracking numbers or lines as a page
// holds may have more and is read alone, with larger pages.
inline constexpr int kFulfillments = 3;
inline constexpr int kTracking = 2;
inline constexpr int kLines = 5;
inline constexpr int kFulfillmentsAlone = 10;
inline constexpr int kTrackingAlone = 5;
inline constexpr int kLinesAlone = 40;

// Shopify's requested cost of one order's selection (object 1, list items 1 each, connection
// 2 + first × node, pageInfo 1, scalars 0).
double orderCost(bool alone);
int ordersPerRequest(); // as many as fit ShopifyGraphQl::kMaxQueryCost

QByteArray readBody(const QStringList &orderIds, bool alone);
// orderId → its read: Read, Missing (null node), Incomplete (a page may hide more: read it
// alone), Unreadable (damaged). A damaged answer as a whole makes every order Unreadable.
QHash<QString, ChannelRead> readAnswer(const QByteArray &body, const QStringList &orderIds,
                                       bool alone);

// The bulk operation: the query it runs (orders changed since, with the same fields and no
// page sizes), the mutation that starts it, the poll of its state.
QString bulkQuery(const QDateTime &changedSince);
QByteArray bulkRunBody(const QDateTime &changedSince);
QByteArray bulkPollBody(const QString &operationGid);

struct BulkStart
{
    QString operationGid;        // set when it started
    bool alreadyRunning = false; // another bulk query of this app runs on the shop
    QString problem;
};
BulkStart readBulkStart(const QByteArray &body);

struct BulkStatus
{
    QString status;    // CREATED, RUNNING, COMPLETED, FAILED, CANCELED, CANCELING, EXPIRED
    QString errorCode; // ACCESS_DENIED, INTERNAL_SERVER_ERROR, TIMEOUT
    qint64 objectCount = 0;
    QString url;     // COMPLETED: the JSONL file; empty when nothing matched
    QString problem; // the answer could not be read
    bool finished() const
    {
        return status == u"COMPLETED" || status == u"FAILED" || status == u"CANCELED" ||
               status == u"EXPIRED";
    }
};
BulkStatus readBulkStatus(const QByteArray &body);

// The JSONL result: one line per order, its fulfillments inline, each fulfillment's line items
// on lines of their own after it (__parentId = the fulfillment). Every order the file holds
// comes back; a damaged line makes the order it belongs to Unreadable (a line that cannot be
// read at all: the order read last before it), and a line item whose parent is not in the file
// is counted in *orphans.
QHash<QString, ChannelRead> readJsonl(const QByteArray &jsonl, int *orphans = nullptr);

} // namespace ShopifyReconcile

} // namespace fulfillsync
