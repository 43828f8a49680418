#pragma once

#include "models/domain/domain.h"
#include "sync/engine/fulfillmentmapper.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace fulfillsync {

// What a pass knows of one channel order, read fresh within the pass: the groups it fulfills
// against (Shopify's fulfillment orders) and, for a read-back, the fulfillments that exist.
struct ChannelOrderSnapshot
{
    struct Line
    {
        QString id;         // the group's line (Shopify: fulfillment order line item)
        QString lineItemId; // the order's line item
        QString sku;
        qint64 remaining = 0;
        qint64 total = -1; // what the group line holds in all (-1: not known)
    };
    struct Group
    {
        QString id;
        QString status; // lower case: open, in_progress, on_hold, scheduled, closed, …
        QString locationId;
        QList<Line> lines;
    };
    struct Fulfillment
    {
        QString id;
        QString status; // lower case: success, cancelled, error, failure, open, pending
        QStringList trackingNumbers;
        QHash<QString, double> quantityBySku;
    };
    QString orderId;
    QList<Group> groups;
    // Set only by a read-back; false means "not read", never "there are none".
    bool fulfillmentsKnown = false;
    QList<Fulfillment> fulfillments;
    // The cached copy may no longer match the channel (after a partial create the channel may
    // split its groups): read again before planning against it.
    bool stale = false;
    // The channel order's own state, where the read carries it (a reconciliation read does;
    // planning reads leave them false and speak through the groups' statuses).
    bool cancelled = false; // Shopify: cancelledAt is set
    bool closed = false;    // Shopify: closed (archived)
};

// One order's answer to a read. Anything but Read is "unknown": never taken as "nothing there".
struct ChannelRead
{
    enum class State {
        Read,       // snapshot is valid
        Missing,    // the channel says there is no such order
        Incomplete, // more than one request's worth of groups or lines: read it alone
        Unreadable, // an answer came, but not one that can be read
        Failed      // no usable answer (HTTP error, timeout, cancelled)
    };
    State state = State::Failed;
    ChannelOrderSnapshot snapshot;
    ErrorClass errorClass = ErrorClass::Transient; // for Failed: auth, transient, …
    QString problem;                               // in words, for the history
    QString response; // the body as stored in the history (compact, cut short)
};

// A request the pass will send (or a dry run reports), planned against a snapshot.
struct ChannelPlan
{
    struct Allocation
    {
        QString groupId;
        QString lineId;
        QString sku;
        qint64 quantity = 0;
    };
    QList<Allocation> allocations;
    QByteArray body;
    QString problem; // set when nothing can be sent; with problemClass
    ErrorClass problemClass = ErrorClass::Conflict;
    // Every line is fulfilled in the channel already, not by us: a person must look.
    bool fulfilledElsewhere = false;
    bool isTrackingUpdate = false;
};

// The answer to a create or tracking update, classified the one safe way: Confirmed and
// Refused are proofs; everything else is Ambiguous and settled by reading back.
struct ChannelAnswer
{
    enum class Kind { Confirmed, Refused, Ambiguous };
    Kind kind = Kind::Ambiguous;
    QString channelFulfillmentId; // Confirmed
    QString message;              // Refused / Ambiguous, in words
    ErrorClass errorClass = ErrorClass::Transient;
    QString response;
};

// Whether a fulfillment is already in the channel, from a read-back.
struct ExistingFulfillment
{
    enum class Found { Yes, No, Unknown };
    Found found = Found::Unknown;
    QString channelFulfillmentId;
    QString why; // Unknown: why the read-back cannot prove absence
};

// A sales channel as the sync pass sees it (Shopify today; the next channel is a new class
// implementing this, not edits across the pass). Implementations pace their own requests,
// retries included, and classify every answer; the pass decides what to do with it.
class ChannelConnection : public QObject
{
    Q_OBJECT

public:
    using ReadDone = std::function<void(const QHash<QString, ChannelRead> &)>;
    using AnswerDone = std::function<void(const ChannelAnswer &)>;

    using QObject::QObject;
    ~ChannelConnection() override = default;

    virtual QString channelName() const = 0;
    // How many orders one planning read can carry.
    virtual int ordersPerRead() const = 0;
    // Reads the orders in as few requests as the channel allows. withFulfillments: also the
    // fulfillments that exist (a read-back; one order per request).
    virtual void readOrders(const QStringList &orderIds, bool withFulfillments, ReadDone done) = 0;
    // Channel limits on quantities (whole units, range): problems that hold a fulfillment
    // before any request. Pure.
    virtual QStringList quantityProblems(const MappedFulfillment &mapped) const = 0;
    virtual ChannelPlan plan(const MappedFulfillment &mapped,
                             const ChannelOrderSnapshot &snapshot) const = 0;
    virtual ChannelPlan trackingUpdate(const QString &channelFulfillmentId,
                                       const MappedFulfillment &mapped) const = 0;
    // A body sent again exactly as recorded (replay as recorded).
    virtual ChannelPlan recorded(const QByteArray &body) const = 0;
    virtual void send(const ChannelPlan &plan, AnswerDone done) = 0;
    virtual ExistingFulfillment findExisting(const MappedFulfillment &mapped,
                                             const ChannelOrderSnapshot &snapshot,
                                             const QStringList &claimedElsewhere) const = 0;
    // Keeps a cached snapshot true after a confirmed send (or marks it stale).
    virtual void applySent(ChannelOrderSnapshot &snapshot, const ChannelPlan &plan,
                           const ChannelAnswer &answer, const MappedFulfillment &mapped) const = 0;
    // Where sends go, for a dry run's report.
    virtual QString sendUrl() const = 0;
    virtual void abortAll() = 0;

    // A reconciliation's read: each order with its fulfillments and its own cancelled/closed
    // state, in as few requests as the channel allows (ordersPerReconciliationRead orders a
    // request). An order whose answer was cut short or damaged is anything but Read; an order
    // is never taken as having no fulfillments because a page ended. The default is the
    // read-back, one order a request.
    virtual int ordersPerReconciliationRead() const { return 1; }
    virtual void readForReconciliation(const QStringList &orderIds, ReadDone done)
    {
        readOrders(orderIds, true, std::move(done));
    }
    // A bulk export for a large range (Shopify: a bulk operation, one JSONL file): the orders
    // changed since `changedSince` are exported at once; every order asked for that the export
    // does not hold is read with readForReconciliation. progress(exported objects) while the
    // channel works. The default reads in batches.
    using BulkProgress = std::function<void(qint64 objects)>;
    // Tuning (benchmarks, tests): fewer orders a reconciliation read (1: each alone, the
    // baseline), how often a running bulk export is asked for its state. No-ops by default.
    virtual void setOrdersPerReconciliationRead(int orders) { Q_UNUSED(orders) }
    // Why the last bulk read fell back to reading by id (empty: it did not).
    virtual QString lastBulkFallback() const { return {}; }
    virtual void setBulkPollMs(int ms) { Q_UNUSED(ms) }
    virtual bool readsInBulk() const { return false; }
    virtual void readInBulkForReconciliation(const QStringList &orderIds,
                                             const QDateTime &changedSince, ReadDone done,
                                             BulkProgress progress)
    {
        Q_UNUSED(changedSince)
        Q_UNUSED(progress)
        readForReconciliation(orderIds, std::move(done));
    }

    int requestsSent() const { return m_requests; }
    int throttledAnswers() const { return m_throttled; }
    // The channel's own cost units (Shopify GraphQL points) asked for and charged, where the
    // answers say so; 0 for a channel without them.
    double costRequested() const { return m_costRequested; }
    double costActual() const { return m_costActual; }
    // Asked right before each write request leaves (see HttpCall::setSendGuard).
    void setSendGuard(std::function<bool()> guard) { m_sendGuard = std::move(guard); }

protected:
    std::function<bool()> m_sendGuard;
    int m_requests = 0;  // HTTP requests, retries included
    int m_throttled = 0; // "slow down" answers (429, THROTTLED)
    double m_costRequested = 0;
    double m_costActual = 0;
};

} // namespace fulfillsync
