#include "models/storage/dashboardqueries.h"

#include "models/domain/threepl.h"
#include "models/domain/timestamps.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/sqlerror.h"

#include <QSqlQuery>

namespace fulfillsync {

namespace {

// How many leading characters of "2026-11-20T13:05:00.000Z" make the bucket key.
int keyLength(BucketSize size)
{
    return size == BucketSize::Hour ? 13 : 10;
}

// Without a newer attempt, a connector's last run is looked for this far back at most: the
// search walks the time index, so an idle connector must not make it walk a million rows.
constexpr int LastRunLookBackDays = 30;

} // namespace

int AttemptBucket::total() const
{
    int sum = 0;
    for (int n : byOutcome)
        sum += n;
    return sum;
}

QStringList DashboardQueries::outcomeKeys()
{
    QStringList keys;
    for (SyncOutcome outcome : allSyncOutcomes())
        keys << syncOutcomeKey(outcome);
    return keys;
}

QString DashboardQueries::bucketKey(BucketSize size, const QDateTime &time)
{
    return toStorageTime(time).left(keyLength(size));
}

QDateTime DashboardQueries::rangeStart(BucketSize size, int count, const QDateTime &now)
{
    const QDateTime utc = now.toUTC();
    if (size == BucketSize::Day)
        return QDateTime(utc.date().addDays(1 - count), QTime(0, 0), Qt::UTC);
    const QDateTime hour(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC);
    return hour.addSecs(-3600LL * (count - 1));
}

QList<ConnectorSummary> DashboardQueries::connectorSummaries(QString *error)
{
    ConnectorRepository repository(m_db);
    const QList<Connector> connectors = repository.all();
    if (!repository.lastError().isEmpty()) {
        *error = repository.lastError();
        return {};
    }
    // One pass over the order cache for every connector's counts; the newest attempt time per
    // state is the starting point of the exact last-run lookup below.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!runQuery(q,
                  QStringLiteral("SELECT channel, sync_state, COUNT(*), MAX(last_attempt_at) "
                                 "FROM sales_orders GROUP BY channel, sync_state"),
                  {}, error))
        return {};
    QHash<QString, QHash<QString, int>> counts;
    QHash<QString, QString> newestAttempt;
    while (q.next()) {
        const QString channel = q.value(0).toString();
        counts[channel].insert(q.value(1).toString(), q.value(2).toInt());
        const QString newest = q.value(3).toString();
        if (newest > newestAttempt.value(channel))
            newestAttempt.insert(channel, newest);
    }
    QHash<qint64, QString> holders;
    if (!runQuery(q,
                  QStringLiteral("SELECT connector_id, holder FROM connector_leases "
                                 "WHERE holder <> '' AND expires_at >= ?"),
                  {toStorageTime(QDateTime::currentDateTimeUtc())}, error))
        return {};
    while (q.next())
        holders.insert(q.value(0).toLongLong(), q.value(1).toString());
    QList<ConnectorSummary> summaries;
    for (const Connector &c : connectors) {
        ConnectorSummary s;
        s.connectorId = c.id;
        s.leaseHolder = holders.value(c.id);
        s.name = c.name;
        s.channel = c.channel;
        s.enabled = c.enabled;
        s.intervalMinutes = c.intervalMinutes;
        if (c.isThreePl()) {
            // A 3PL connector's work is its shipments, not the channel's orders.
            s.threePl = true;
            if (!fillThreePlShipments(s, error))
                return {};
            summaries << s;
            continue;
        }
        s.ordersByState = counts.value(c.channel);
        s.lastRun = fromStorageTime(newestAttempt.value(c.channel));
        if (!fillLastRun(s, error) || !fillOldestWaiting(s, c.triggerStatuses, error))
            return {};
        summaries << s;
    }
    return summaries;
}

bool DashboardQueries::fillLastRun(ConnectorSummary &summary, QString *error)
{
    // A range scan of the time index from a known attempt (or a month back) to now: short,
    // however long the history is.
    QDateTime from = summary.lastRun;
    if (!from.isValid())
        from = QDateTime::currentDateTimeUtc().addDays(-LastRunLookBackDays);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!runQuery(q,
                  QStringLiteral("SELECT MAX(occurred_at) FROM sync_attempts "
                                 "WHERE occurred_at >= ? AND connector_id = ?"),
                  {toStorageTime(from), summary.connectorId}, error))
        return false;
    if (q.next()) {
        const QDateTime newest = fromStorageTime(q.value(0).toString());
        if (newest.isValid() && (!summary.lastRun.isValid() || newest > summary.lastRun))
            summary.lastRun = newest;
    }
    return true;
}

bool DashboardQueries::fillOldestWaiting(ConnectorSummary &summary, const QStringList &dueStatuses,
                                         QString *error)
{
    if (dueStatuses.isEmpty())
        return true;
    // Placeholders generated for the fixed-size list; the statuses themselves are bound.
    QStringList marks;
    QVariantList values{orderSyncStateKey(OrderSyncState::Waiting), summary.channel};
    for (const QString &status : dueStatuses) {
        marks << QStringLiteral("?");
        values << status;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!runQuery(q,
                  QStringLiteral("SELECT id, tran_id, last_modified FROM sales_orders "
                                 "WHERE sync_state = ? AND channel = ? AND status IN (%1) "
                                 "ORDER BY last_modified, id LIMIT 1")
                      .arg(marks.join(QLatin1Char(','))),
                  values, error))
        return false;
    if (q.next()) {
        summary.oldestWaitingOrderId = q.value(0).toLongLong();
        summary.oldestWaitingTranId = q.value(1).toString();
        summary.oldestWaitingSince = fromStorageTime(q.value(2).toString());
    }
    return true;
}

bool DashboardQueries::fillThreePlShipments(ConnectorSummary &summary, QString *error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Its last run, whether or not it had shipments to record (sending orders makes none).
    if (!runQuery(q,
                  QStringLiteral("SELECT MAX(finished_at) FROM sync_runs WHERE connector_id = ? "
                                 "AND finished_at <> ''"),
                  {summary.connectorId}, error))
        return false;
    if (q.next())
        summary.lastRun = fromStorageTime(q.value(0).toString());
    if (!runQuery(q,
                  QStringLiteral("SELECT state, COUNT(*) FROM threepl_shipments WHERE "
                                 "connector_id = ? GROUP BY state"),
                  {summary.connectorId}, error))
        return false;
    while (q.next()) {
        const ThreePlState state = threePlStateFromKey(q.value(0).toString());
        const OrderSyncState shown = state == ThreePlState::Created ? OrderSyncState::Synced
                                     : state == ThreePlState::Held || state == ThreePlState::Flagged
                                         ? OrderSyncState::Held
                                         : OrderSyncState::Waiting;
        summary.ordersByState[orderSyncStateKey(shown)] += q.value(1).toInt();
    }
    // The oldest shipment whose item fulfillment is not known to exist yet.
    if (!runQuery(q,
                  QStringLiteral("SELECT sales_order_id, order_number, updated_at FROM "
                                 "threepl_shipments WHERE connector_id = ? AND state IN "
                                 "('pending', 'unknown') ORDER BY updated_at LIMIT 1"),
                  {summary.connectorId}, error))
        return false;
    if (q.next()) {
        summary.oldestWaitingOrderId = q.value(0).toLongLong();
        summary.oldestWaitingTranId = q.value(1).toString();
        summary.oldestWaitingSince = fromStorageTime(q.value(2).toString());
    }
    return true;
}

QList<AttemptBucket> DashboardQueries::attemptsPerBucket(BucketSize size, const QDateTime &from,
                                                         const QDateTime &to, QString *error)
{
    // One query per outcome: each is an index-only range scan of sync_attempts_by_outcome
    // (outcome, occurred_at …), which never reads the wide attempt rows.
    QMap<QString, AttemptBucket> buckets;
    for (QDateTime t = from; t < to; t = size == BucketSize::Hour ? t.addSecs(3600) : t.addDays(1))
        buckets[bucketKey(size, t)].bucket = bucketKey(size, t);
    const QString fromText = toStorageTime(from);
    const QString toText = toStorageTime(to);
    for (const QString &outcome : outcomeKeys()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!runQuery(
                q,
                QStringLiteral("SELECT substr(occurred_at, 1, ?), COUNT(*) FROM sync_attempts "
                               "WHERE outcome = ? AND occurred_at >= ? AND occurred_at < ? "
                               "GROUP BY 1"),
                {keyLength(size), outcome, fromText, toText}, error))
            return {};
        while (q.next()) {
            AttemptBucket &bucket = buckets[q.value(0).toString()];
            bucket.bucket = q.value(0).toString();
            bucket.byOutcome.insert(outcome, q.value(1).toInt());
        }
    }
    return buckets.values();
}

QList<RecentFailure> DashboardQueries::latestFailures(int limit, QString *error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!runQuery(q,
                  QStringLiteral("SELECT id, occurred_at, connector_id, connector_name, order_id, "
                                 "order_tran_id, error_class, message FROM sync_attempts "
                                 "WHERE outcome = ? ORDER BY occurred_at DESC, id DESC LIMIT ?"),
                  {syncOutcomeKey(SyncOutcome::Failed), limit}, error))
        return {};
    QList<RecentFailure> failures;
    while (q.next()) {
        RecentFailure f;
        f.attemptId = q.value(0).toLongLong();
        f.occurredAt = fromStorageTime(q.value(1).toString());
        f.connectorId = q.value(2).toLongLong();
        f.connectorName = q.value(3).toString();
        f.orderId = q.value(4).toLongLong();
        f.orderTranId = q.value(5).toString();
        f.errorClass = q.value(6).toString();
        f.message = q.value(7).toString();
        failures << f;
    }
    return failures;
}

DashboardSnapshot DashboardQueries::snapshot(const DashboardRequest &request)
{
    DashboardSnapshot s;
    s.request = request;
    s.takenAt = request.now.isValid() ? request.now.toUTC() : QDateTime::currentDateTimeUtc();
    s.connectors = connectorSummaries(&s.error);
    if (!s.error.isEmpty())
        return s;
    const QDateTime from = rangeStart(request.bucketSize, request.bucketCount, s.takenAt);
    const QDateTime to = request.bucketSize == BucketSize::Hour
                             ? from.addSecs(3600LL * request.bucketCount)
                             : from.addDays(request.bucketCount);
    s.buckets = attemptsPerBucket(request.bucketSize, from, to, &s.error);
    if (!s.error.isEmpty())
        return s;
    s.failures = latestFailures(request.failureLimit, &s.error);
    return s;
}

} // namespace fulfillsync
