#pragma once

#include "models/domain/domain.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace fulfillsync {

// One connector's line on the dashboard. Order counts come from the sales order cache (joined to
// the connector by channel), keyed by sync_state ("waiting", "synced", "failed", "held" …).
struct ConnectorSummary
{
    qint64 connectorId = 0;
    QString name;
    QString channel;
    bool enabled = true;
    int intervalMinutes = 5;
    // A 3PL connector: the counts are its shipments (synced = item fulfillment created).
    bool threePl = false;
    QDateTime lastRun; // the newest attempt (3PL: run); invalid when there is none
    QHash<QString, int> ordersByState;
    int count(OrderSyncState state) const { return ordersByState.value(orderSyncStateKey(state)); }
    // The oldest order that is due (status in the connector's trigger set) but still waiting:
    // the sign of a stuck sync. Its age counts from NetSuite's last change of the order.
    QString oldestWaitingTranId;
    qint64 oldestWaitingOrderId = 0;
    QDateTime oldestWaitingSince;
    // The worker whose unexpired lease has the connector ("host pid N (…)"); empty: none. On a
    // team it, not this window's schedule, runs the connector next.
    QString leaseHolder;
};

// Attempts in one time bucket ("2026-11-20" or "2026-11-20T13", UTC), by outcome key.
struct AttemptBucket
{
    QString bucket;
    QHash<QString, int> byOutcome;
    int total() const;
};

struct RecentFailure
{
    qint64 attemptId = 0;
    QDateTime occurredAt;
    qint64 connectorId = 0;
    QString connectorName;
    qint64 orderId = 0;
    QString orderTranId;
    QString errorClass;
    QString message;
};

enum class BucketSize { Hour, Day };

struct DashboardRequest
{
    BucketSize bucketSize = BucketSize::Hour;
    int bucketCount = 24;  // the chart covers this many buckets up to now
    int failureLimit = 20; // the latest failures shown
    QDateTime now;         // invalid: the current time (tests pin it)
};

struct DashboardSnapshot
{
    quint64 generation = 0;
    QDateTime takenAt;
    DashboardRequest request;
    QList<ConnectorSummary> connectors;
    QList<AttemptBucket> buckets;  // oldest first, one per bucket of the range, empty ones too
    QList<RecentFailure> failures; // newest first
    QString error;
};

// The dashboard's read-only queries. Each one is answered by an index (sync_attempts_by_time,
// sync_attempts_by_outcome, sales_orders_by_state) so they stay fast with a million attempts;
// buckets are cut from the ISO text with substr(), which SQLite and PostgreSQL share.
class DashboardQueries final
{
public:
    explicit DashboardQueries(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    QList<ConnectorSummary> connectorSummaries(QString *error);
    QList<AttemptBucket> attemptsPerBucket(BucketSize size, const QDateTime &from,
                                           const QDateTime &to, QString *error);
    QList<RecentFailure> latestFailures(int limit, QString *error);
    DashboardSnapshot snapshot(const DashboardRequest &request);

    // The bucket key of a time, and the first moment of the range that ends with now's bucket.
    static QString bucketKey(BucketSize size, const QDateTime &time);
    static QDateTime rangeStart(BucketSize size, int count, const QDateTime &now);
    static QStringList outcomeKeys(); // pushed, skipped, failed, held

private:
    bool fillLastRun(ConnectorSummary &summary, QString *error);
    // A 3PL connector: its shipments by outbox state (created, waiting, held).
    bool fillThreePlShipments(ConnectorSummary &summary, QString *error);
    bool fillOldestWaiting(ConnectorSummary &summary, const QStringList &dueStatuses,
                           QString *error);

    QSqlDatabase m_db;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::DashboardRequest)
Q_DECLARE_METATYPE(fulfillsync::DashboardSnapshot)
