// How long the dashboard's queries take on a big history: 1,000,000 attempts over 90 days and
// 200,000 cached orders across 3 connectors by default, on SQLite and (when
// FULFILLSYNC_TEST_PG_URL names a server) PostgreSQL. Prints the generation time, each query's
// best and median time over 7 runs, and the query plans.
//
//   build/bench/bench_dashboard [attempts] [orders]

#include "models/domain/timestamps.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/dashboardqueries.h"
#include "testutils/tempdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cstdio>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    print(QStringLiteral("FAILED: %1\n  %2").arg(q.lastError().text(), sql.left(200)));
    return false;
}

// Rows are made by the database itself in one statement per table, inside one transaction.
bool generate(QSqlDatabase &db, bool sqlite, qint64 attempts, qint64 orders,
              const QList<qint64> &connectors)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 spacing = std::max<qint64>(1, 90LL * 86400 / std::max<qint64>(1, attempts));
    // Rows numbered i = 0 .. last: a recursive CTE in SQLite, generate_series in PostgreSQL.
    auto series = [sqlite](qint64 last) {
        return sqlite ? QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 "
                                       "FROM n WHERE i < %1) ")
                            .arg(last)
                      : QString();
    };
    auto from = [sqlite](qint64 last) {
        return sqlite ? QStringLiteral(" FROM n")
                      : QStringLiteral(" FROM generate_series(0, %1) AS n(i)").arg(last);
    };
    auto time = [sqlite](const QString &epoch) {
        return sqlite ? QStringLiteral("strftime('%Y-%m-%dT%H:%M:%S', %1, 'unixepoch') || '.000Z'")
                            .arg(epoch)
                      : QStringLiteral("to_char(to_timestamp(%1) AT TIME ZONE 'UTC', "
                                       "'YYYY-MM-DD\"T\"HH24:MI:SS') || '.000Z'")
                            .arg(epoch);
    };
    const QString connectorOf = QStringLiteral("CASE %4 % 3 WHEN 0 THEN %1 WHEN 1 THEN %2 ELSE "
                                               "%3 END")
                                    .arg(connectors.at(0))
                                    .arg(connectors.at(1))
                                    .arg(connectors.at(2));
    const QString orderSql =
        series(orders - 1) +
        QStringLiteral(
            "INSERT INTO sales_orders (id, tran_id, tran_date, customer, channel, status, "
            "sync_state, last_modified, last_attempt_at) SELECT i + 1, 'SO' || (i + 1), "
            "'2026-01-01', 'Customer', 'Channel' || (i % 3), "
            "CASE WHEN i % 10 = 0 THEN 'B' ELSE 'F' END, "
            "CASE WHEN i % 20 < 14 THEN 'synced' WHEN i % 20 < 16 THEN 'waiting' "
            "WHEN i % 20 = 16 THEN 'partially_synced' WHEN i % 20 = 17 THEN 'failed' "
            "WHEN i % 20 = 18 THEN 'held' ELSE 'not_eligible' END, ") +
        time(QStringLiteral("%1 - (i * 37) % 7776000").arg(now)) + QStringLiteral(", ") +
        time(QStringLiteral("%1 - (i * 37) % 7776000").arg(now)) + from(orders - 1);
    const QString attemptSql =
        series(attempts - 1) +
        QStringLiteral("INSERT INTO sync_attempts (occurred_at, connector_id, connector_name, "
                       "order_id, order_tran_id, trigger_kind, outcome, error_class, message) "
                       "SELECT ") +
        time(QStringLiteral("%1 - i * %2").arg(now).arg(spacing)) + QStringLiteral(", ") +
        connectorOf.arg(QStringLiteral("i")) +
        QStringLiteral(", 'Connector', 1 + i % %1, 'SO' || (1 + i % %1), 'schedule', "
                       "CASE WHEN i % 20 < 14 THEN 'pushed' WHEN i % 20 < 17 THEN 'skipped' "
                       "WHEN i % 20 < 19 THEN 'failed' ELSE 'held' END, "
                       "CASE WHEN i % 20 IN (17, 18) THEN 'validation' ELSE '' END, "
                       "'Shopify answered: line item not found'")
            .arg(orders) +
        from(attempts - 1);
    return exec(db, QStringLiteral("BEGIN")) && exec(db, orderSql) && exec(db, attemptSql) &&
           exec(db, QStringLiteral("COMMIT")) && exec(db, QStringLiteral("ANALYZE"));
}

struct Timing
{
    qint64 best = 0;
    qint64 median = 0;
};

Timing measure(const std::function<void()> &work)
{
    QList<qint64> us;
    for (int run = 0; run < 7; ++run) {
        QElapsedTimer clock;
        clock.start();
        work();
        us << clock.nsecsElapsed() / 1000;
    }
    std::sort(us.begin(), us.end());
    return {us.first(), us.at(us.size() / 2)};
}

QString ms(qint64 us)
{
    return QString::number(us / 1000.0, 'f', 1) + QStringLiteral(" ms");
}

void plan(QSqlDatabase &db, bool sqlite, const QString &title, const QString &sql)
{
    QSqlQuery q(db);
    q.exec((sqlite ? QStringLiteral("EXPLAIN QUERY PLAN ") : QStringLiteral("EXPLAIN ")) + sql);
    print(QStringLiteral("  plan, %1:").arg(title));
    while (q.next())
        print(QStringLiteral("    ") + q.value(sqlite ? 3 : 0).toString());
}

bool run(TempDatabase::Engine engine, qint64 attempts, qint64 orders)
{
    TempDatabase temp(engine);
    if (!temp.isValid()) {
        print(QStringLiteral("cannot open the database: %1").arg(temp.error()));
        return false;
    }
    const bool sqlite = temp.database().isSqlite();
    QSqlDatabase db = temp.database().connection();
    QList<qint64> connectors;
    for (int i = 0; i < 3; ++i) {
        Connector c;
        c.name = QStringLiteral("Connector %1").arg(i);
        c.channel = QStringLiteral("Channel%1").arg(i);
        c.endpoint = QStringLiteral("https://shop%1.example").arg(i);
        ConnectorRepository repository(db);
        if (!repository.save(c)) {
            print(repository.lastError());
            return false;
        }
        connectors << c.id;
    }
    print(QStringLiteral("== %1: %2 attempts over 90 days, %3 orders, 3 connectors")
              .arg(sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL"))
              .arg(attempts)
              .arg(orders));
    QElapsedTimer clock;
    clock.start();
    if (!generate(db, sqlite, attempts, orders, connectors))
        return false;
    print(QStringLiteral("  generated in one transaction (+ ANALYZE): %1")
              .arg(ms(clock.nsecsElapsed() / 1000)));

    DashboardQueries queries(db);
    QString error;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    DashboardRequest hours;
    DashboardRequest days;
    days.bucketSize = BucketSize::Day;
    days.bucketCount = 14;
    DashboardRequest month;
    month.bucketSize = BucketSize::Day;
    month.bucketCount = 90;
    auto report = [](const QString &what, Timing t) {
        print(QStringLiteral("  %1: best %2, median %3").arg(what, ms(t.best), ms(t.median)));
    };
    int rows = 0;
    report(QStringLiteral("connector summaries (counts, last run, oldest due order)"),
           measure([&] { rows = int(queries.connectorSummaries(&error).size()); }));
    const QDateTime hourFrom = DashboardQueries::rangeStart(BucketSize::Hour, 24, now);
    report(QStringLiteral("attempts per hour, last 24 h"), measure([&] {
               queries.attemptsPerBucket(BucketSize::Hour, hourFrom, hourFrom.addSecs(24 * 3600),
                                         &error);
           }));
    const QDateTime dayFrom = DashboardQueries::rangeStart(BucketSize::Day, 14, now);
    report(QStringLiteral("attempts per day, last 14 days"), measure([&] {
               queries.attemptsPerBucket(BucketSize::Day, dayFrom, dayFrom.addDays(14), &error);
           }));
    const QDateTime allFrom = DashboardQueries::rangeStart(BucketSize::Day, 90, now);
    report(QStringLiteral("attempts per day, all 90 days (every attempt counted)"), measure([&] {
               queries.attemptsPerBucket(BucketSize::Day, allFrom, allFrom.addDays(91), &error);
           }));
    report(QStringLiteral("latest 20 failures"),
           measure([&] { queries.latestFailures(20, &error); }));
    report(QStringLiteral("whole snapshot, 24 h chart (what the page loads)"),
           measure([&] { queries.snapshot(hours); }));
    report(QStringLiteral("whole snapshot, 14 day chart"),
           measure([&] { queries.snapshot(days); }));
    if (!error.isEmpty() || rows != 3) {
        print(QStringLiteral("  ERROR: %1 (connectors: %2)").arg(error).arg(rows));
        return false;
    }
    const DashboardSnapshot check = queries.snapshot(month);
    qint64 counted = 0;
    for (const AttemptBucket &b : check.buckets)
        counted += b.total();
    print(QStringLiteral("  check: the 90-day chart counts %1 attempts").arg(counted));
    plan(db, sqlite, QStringLiteral("buckets"),
         QStringLiteral("SELECT substr(occurred_at, 1, 13), COUNT(*) FROM sync_attempts WHERE "
                        "outcome = 'failed' AND occurred_at >= '%1' AND occurred_at < '%2' "
                        "GROUP BY 1")
             .arg(toStorageTime(hourFrom), toStorageTime(now)));
    plan(db, sqlite, QStringLiteral("latest failures"),
         QStringLiteral("SELECT id FROM sync_attempts WHERE outcome = 'failed' ORDER BY "
                        "occurred_at DESC, id DESC LIMIT 20"));
    plan(db, sqlite, QStringLiteral("counts"),
         QStringLiteral("SELECT channel, sync_state, COUNT(*), MAX(last_attempt_at) FROM "
                        "sales_orders GROUP BY channel, sync_state"));
    plan(db, sqlite, QStringLiteral("oldest due order"),
         QStringLiteral("SELECT id FROM sales_orders WHERE sync_state = 'waiting' AND channel = "
                        "'Channel0' AND status IN ('D','E','F','G') ORDER BY last_modified, id "
                        "LIMIT 1"));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 attempts = argc > 1 ? QString::fromLocal8Bit(argv[1]).toLongLong() : 1000000;
    const qint64 orders = argc > 2 ? QString::fromLocal8Bit(argv[2]).toLongLong() : 200000;
    bool ok = run(TempDatabase::Engine::Sqlite, attempts, orders);
    if (TempDatabase::postgresAvailable())
        ok = run(TempDatabase::Engine::Postgres, attempts, orders) && ok;
    else
        print(QStringLiteral("(PostgreSQL skipped: set FULFILLSYNC_TEST_PG_URL to measure it)"));
    return ok ? 0 : 1;
}
