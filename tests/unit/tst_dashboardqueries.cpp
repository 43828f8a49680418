// The dashboard's queries against real SQLite and real PostgreSQL, with known inserted rows:
// counts per connector and state, the oldest due order, buckets by outcome, latest failures.

#include "models/domain/timestamps.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/dashboardqueries.h"
#include "models/storage/threeplrepository.h"
#include "testutils/tempdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {

const QDateTime Now(QDate(2026, 11, 20), QTime(12, 30), Qt::UTC);

} // namespace

class TestDashboardQueries : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    qint64 m_shopA = 0;
    qint64 m_shopB = 0;

    QSqlDatabase db() { return m_temp->database().connection(); }

    qint64 addConnector(const QString &name, const QString &channel, bool enabled)
    {
        Connector c;
        c.name = name;
        c.channel = channel;
        c.endpoint = QStringLiteral("https://%1.example").arg(name);
        c.enabled = enabled;
        c.intervalMinutes = 10;
        ConnectorRepository repository(db());
        if (!repository.save(c))
            qWarning() << repository.lastError();
        return c.id;
    }

    void addOrder(qint64 id, const QString &channel, const QString &status, const QString &state,
                  const QDateTime &lastModified, const QDateTime &lastAttempt = {})
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral(
            "INSERT INTO sales_orders (id, tran_id, channel, status, sync_state, last_modified, "
            "last_attempt_at) VALUES (?,?,?,?,?,?,?)"));
        q.addBindValue(id);
        q.addBindValue(QStringLiteral("SO%1").arg(id));
        q.addBindValue(channel);
        q.addBindValue(status);
        q.addBindValue(state);
        q.addBindValue(toStorageTime(lastModified));
        q.addBindValue(lastAttempt.isValid() ? toStorageTime(lastAttempt) : QString(""));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    void addAttempt(const QDateTime &at, qint64 connectorId, const QString &outcome,
                    qint64 orderId = 0, const QString &message = {})
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral(
            "INSERT INTO sync_attempts (occurred_at, connector_id, connector_name, order_id, "
            "order_tran_id, trigger_kind, outcome, error_class, message) "
            "VALUES (?,?,?,?,?,?,?,?,?)"));
        q.addBindValue(toStorageTime(at));
        q.addBindValue(connectorId);
        q.addBindValue(connectorId == m_shopA ? QStringLiteral("Shop A")
                                              : QStringLiteral("Shop B"));
        q.addBindValue(orderId);
        q.addBindValue(orderId ? QStringLiteral("SO%1").arg(orderId) : QString(""));
        q.addBindValue(QStringLiteral("schedule"));
        q.addBindValue(outcome);
        q.addBindValue(outcome == u"failed" ? QStringLiteral("validation") : QString(""));
        q.addBindValue(message.isNull() ? QString("") : message);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        m_temp = std::make_unique<TempDatabase>(engine);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_shopA = addConnector(QStringLiteral("Shop A"), QStringLiteral("ChannelA"), true);
        m_shopB = addConnector(QStringLiteral("Shop B"), QStringLiteral("ChannelB"), false);
        QVERIFY(m_shopA > 0 && m_shopB > 0);
    }

    void cleanup() { m_temp.reset(); }

    void countsPerConnectorAndState()
    {
        const QString a = QStringLiteral("ChannelA");
        addOrder(1, a, QStringLiteral("F"), QStringLiteral("synced"), Now.addDays(-1),
                 Now.addSecs(-600));
        addOrder(2, a, QStringLiteral("F"), QStringLiteral("synced"), Now.addDays(-1));
        addOrder(3, a, QStringLiteral("E"), QStringLiteral("failed"), Now.addDays(-1));
        addOrder(4, a, QStringLiteral("B"), QStringLiteral("waiting"), Now.addDays(-9)); // not due
        addOrder(5, a, QStringLiteral("F"), QStringLiteral("waiting"),
                 Now.addDays(-3)); // oldest due
        addOrder(6, a, QStringLiteral("G"), QStringLiteral("waiting"), Now.addDays(-2));
        addOrder(7, a, QStringLiteral("F"), QStringLiteral("held"), Now.addDays(-1));
        addOrder(8, QStringLiteral("ChannelB"), QStringLiteral("F"), QStringLiteral("waiting"),
                 Now.addDays(-5));
        addOrder(9, QStringLiteral("Other"), QStringLiteral("F"), QStringLiteral("failed"),
                 Now.addDays(-5));
        // The newest attempt of shop A is newer than any order's last attempt (a replay).
        addAttempt(Now.addSecs(-600), m_shopA, QStringLiteral("pushed"), 1);
        addAttempt(QDateTime::currentDateTimeUtc().addSecs(-5), m_shopA, QStringLiteral("skipped"));

        QString error;
        const QList<ConnectorSummary> summaries = DashboardQueries(db()).connectorSummaries(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(summaries.size(), 2);
        const ConnectorSummary &sa =
            summaries.at(0).connectorId == m_shopA ? summaries.at(0) : summaries.at(1);
        const ConnectorSummary &sb =
            summaries.at(0).connectorId == m_shopB ? summaries.at(0) : summaries.at(1);
        QCOMPARE(sa.name, QStringLiteral("Shop A"));
        QVERIFY(sa.enabled);
        QVERIFY(!sb.enabled);
        QCOMPARE(sa.intervalMinutes, 10);
        QCOMPARE(sa.count(OrderSyncState::Synced), 2);
        QCOMPARE(sa.count(OrderSyncState::Failed), 1);
        QCOMPARE(sa.count(OrderSyncState::Waiting), 3);
        QCOMPARE(sa.count(OrderSyncState::Held), 1);
        QCOMPARE(sa.count(OrderSyncState::PartiallySynced), 0);
        QCOMPARE(sa.oldestWaitingTranId, QStringLiteral("SO5"));
        QCOMPARE(sa.oldestWaitingOrderId, 5);
        QCOMPARE(sa.oldestWaitingSince, Now.addDays(-3));
        QVERIFY2(sa.lastRun > QDateTime::currentDateTimeUtc().addSecs(-60),
                 qPrintable(sa.lastRun.toString(Qt::ISODate)));
        QCOMPARE(sb.count(OrderSyncState::Waiting), 1);
        QCOMPARE(sb.oldestWaitingTranId, QStringLiteral("SO8"));
        QVERIFY(!sb.lastRun.isValid());
    }

    // A 3PL connector's line counts its shipments by outbox state, not the channel's orders.
    void a3plConnectorCountsItsShipments()
    {
        Connector c;
        c.name = QStringLiteral("Warehouse 3PL");
        c.kind = QStringLiteral("shipstation");
        c.channel.clear();
        QVERIFY(ConnectorRepository(db()).save(c));
        addOrder(1, QStringLiteral(""), QStringLiteral("F"), QStringLiteral("failed"), Now.addDays(-1));
        ThreePlRepository outbox(db());
        auto add = [&](const QString &shipment, ThreePlState state, const QDateTime &at) {
            ThreePlShipmentEntry e;
            e.connectorId = c.id;
            e.shipmentId = shipment;
            e.salesOrderId = 1000 + shipment.toInt();
            e.orderNumber = QStringLiteral("SO%1").arg(e.salesOrderId);
            e.externalId = QStringLiteral("fs3pl-x-") + shipment;
            e.state = state;
            e.shippedAt = at;
            e.updatedAt = at;
            bool exists = false;
            QVERIFY(outbox.insertIntent(e, &exists));
        };
        add(QStringLiteral("1"), ThreePlState::Created, Now.addDays(-2));
        add(QStringLiteral("2"), ThreePlState::Created, Now.addDays(-2));
        add(QStringLiteral("3"), ThreePlState::Held, Now.addDays(-2));
        add(QStringLiteral("4"), ThreePlState::Unknown, Now.addDays(-1));
        add(QStringLiteral("5"), ThreePlState::Pending, Now.addDays(-3));
        QString error;
        const QList<ConnectorSummary> summaries = DashboardQueries(db()).connectorSummaries(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto it =
            std::find_if(summaries.cbegin(), summaries.cend(),
                         [&](const ConnectorSummary &s) { return s.connectorId == c.id; });
        QVERIFY(it != summaries.cend());
        QCOMPARE(it->count(OrderSyncState::Synced), 2);
        QCOMPARE(it->count(OrderSyncState::Held), 1);
        QCOMPARE(it->count(OrderSyncState::Waiting), 2);
        QCOMPARE(it->count(OrderSyncState::Failed), 0); // the channel-less order is not its
        QCOMPARE(it->oldestWaitingTranId, QStringLiteral("SO1005"));
    }

    void bucketsByOutcome()
    {
        // Hours: 12:xx now, so the 3-hour range is 10:00 .. 13:00.
        addAttempt(QDateTime(Now.date(), QTime(10, 5), Qt::UTC), m_shopA, QStringLiteral("pushed"));
        addAttempt(QDateTime(Now.date(), QTime(10, 59, 59, 999), Qt::UTC), m_shopA,
                   QStringLiteral("pushed"));
        addAttempt(QDateTime(Now.date(), QTime(10, 30), Qt::UTC), m_shopB,
                   QStringLiteral("failed"));
        addAttempt(QDateTime(Now.date(), QTime(12, 0), Qt::UTC), m_shopA, QStringLiteral("held"));
        addAttempt(QDateTime(Now.date(), QTime(12, 10), Qt::UTC), m_shopA,
                   QStringLiteral("skipped"));
        addAttempt(QDateTime(Now.date(), QTime(9, 59, 59), Qt::UTC), m_shopA,
                   QStringLiteral("pushed")); // before the range
        addAttempt(Now.addDays(-2), m_shopA, QStringLiteral("failed"));

        QString error;
        DashboardQueries queries(db());
        const QDateTime from = DashboardQueries::rangeStart(BucketSize::Hour, 3, Now);
        QCOMPARE(from, QDateTime(Now.date(), QTime(10, 0), Qt::UTC));
        const QList<AttemptBucket> hours =
            queries.attemptsPerBucket(BucketSize::Hour, from, from.addSecs(3 * 3600), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(hours.size(), 3);
        QCOMPARE(hours.at(0).bucket, QStringLiteral("2026-11-20T10"));
        QCOMPARE(hours.at(0).byOutcome.value(QStringLiteral("pushed")), 2);
        QCOMPARE(hours.at(0).byOutcome.value(QStringLiteral("failed")), 1);
        QCOMPARE(hours.at(0).total(), 3);
        QCOMPARE(hours.at(1).bucket, QStringLiteral("2026-11-20T11"));
        QCOMPARE(hours.at(1).total(), 0);
        QCOMPARE(hours.at(2).byOutcome.value(QStringLiteral("held")), 1);
        QCOMPARE(hours.at(2).byOutcome.value(QStringLiteral("skipped")), 1);

        const QDateTime dayFrom = DashboardQueries::rangeStart(BucketSize::Day, 3, Now);
        QCOMPARE(dayFrom, QDateTime(QDate(2026, 11, 18), QTime(0, 0), Qt::UTC));
        const QList<AttemptBucket> days =
            queries.attemptsPerBucket(BucketSize::Day, dayFrom, dayFrom.addDays(3), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(days.size(), 3);
        QCOMPARE(days.at(0).bucket, QStringLiteral("2026-11-18"));
        QCOMPARE(days.at(0).byOutcome.value(QStringLiteral("failed")), 1);
        QCOMPARE(days.at(1).total(), 0);
        QCOMPARE(days.at(2).bucket, QStringLiteral("2026-11-20"));
        QCOMPARE(days.at(2).total(), 6);
        QCOMPARE(days.at(2).byOutcome.value(QStringLiteral("pushed")), 3);
    }

    void latestFailuresNewestFirst()
    {
        for (int i = 0; i < 5; ++i)
            addAttempt(Now.addSecs(-3600 * i), m_shopA, QStringLiteral("failed"), 100 + i,
                       QStringLiteral("Rejected %1").arg(i));
        addAttempt(Now.addSecs(60), m_shopA, QStringLiteral("pushed"), 200);
        QString error;
        const QList<RecentFailure> failures = DashboardQueries(db()).latestFailures(3, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(failures.size(), 3);
        QCOMPARE(failures.at(0).orderId, 100);
        QCOMPARE(failures.at(0).orderTranId, QStringLiteral("SO100"));
        QCOMPARE(failures.at(0).message, QStringLiteral("Rejected 0"));
        QCOMPARE(failures.at(0).errorClass, QStringLiteral("validation"));
        QCOMPARE(failures.at(0).connectorName, QStringLiteral("Shop A"));
        QCOMPARE(failures.at(0).occurredAt, Now);
        QCOMPARE(failures.at(2).orderId, 102);
    }

    void snapshotCombinesAll()
    {
        addOrder(1, QStringLiteral("ChannelA"), QStringLiteral("F"), QStringLiteral("failed"),
                 Now.addDays(-1));
        addAttempt(Now.addSecs(-60), m_shopA, QStringLiteral("failed"), 1);
        DashboardRequest request;
        request.now = Now;
        request.bucketCount = 24;
        const DashboardSnapshot s = DashboardQueries(db()).snapshot(request);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.connectors.size(), 2);
        QCOMPARE(s.buckets.size(), 24);
        QCOMPARE(s.buckets.last().bucket, QStringLiteral("2026-11-20T12"));
        QCOMPARE(s.buckets.last().byOutcome.value(QStringLiteral("failed")), 1);
        QCOMPARE(s.failures.size(), 1);
    }

    void queriesUseTheIndexes()
    {
        const bool sqlite = m_temp->database().isSqlite();
        QSqlQuery setup(db());
        // PostgreSQL picks plans by statistics, and on a near-empty table a scan is right: turn
        // scans off so the plan shows whether an index can answer the query at all.
        if (!sqlite)
            QVERIFY(setup.exec(QStringLiteral("SET enable_seqscan = off")));
        auto plan = [this, sqlite](const QString &sql) {
            QSqlQuery q(db());
            q.exec((sqlite ? QStringLiteral("EXPLAIN QUERY PLAN ") : QStringLiteral("EXPLAIN ")) +
                   sql);
            QString text;
            while (q.next())
                text += q.value(sqlite ? 3 : 0).toString() + QLatin1Char('\n');
            return text;
        };
        const QString buckets = plan(QStringLiteral(
            "SELECT substr(occurred_at, 1, 13), COUNT(*) FROM sync_attempts WHERE outcome = "
            "'failed' AND occurred_at >= '2026' AND occurred_at < '2027' GROUP BY 1"));
        QVERIFY2(buckets.contains(sqlite ? QStringLiteral("COVERING INDEX sync_attempts_by_outcome")
                                         : QStringLiteral("Index Only Scan using "
                                                          "sync_attempts_by_outcome")),
                 qPrintable(buckets));
        const QString failures = plan(QStringLiteral(
            "SELECT id FROM sync_attempts WHERE outcome = 'failed' ORDER BY occurred_at DESC, id "
            "DESC LIMIT 20"));
        QVERIFY2(failures.contains(QStringLiteral("sync_attempts_by_outcome")) &&
                     !failures.contains(QStringLiteral("TEMP B-TREE")) &&
                     !failures.contains(QStringLiteral("Sort")),
                 qPrintable(failures));
        const QString lastRun = plan(QStringLiteral(
            "SELECT MAX(occurred_at) FROM sync_attempts WHERE occurred_at >= '2026' AND "
            "connector_id = 1"));
        QVERIFY2(lastRun.contains(QStringLiteral("sync_attempts_by_time")), qPrintable(lastRun));
    }
};

QTEST_GUILESS_MAIN(TestDashboardQueries)
#include "tst_dashboardqueries.moc"
