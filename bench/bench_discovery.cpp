// "Discover values" on a big local cache: the time of MappingDiscovery::discover() for a
// connector whose channel has most of N orders (default 200,000), each with one fulfillment of
// two lines, 12 ship methods, 3,000 items and 6 locations. SQLite always; PostgreSQL too when
// FULFILLSYNC_TEST_PG_URL names a server.
//   build/bench/bench_discovery [orders]

#include "models/storage/mappingdiscovery.h"
#include "models/storage/sqlerror.h"
#include "testutils/tempdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTextStream>
#include <algorithm>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {

// Plain SQL both engines accept, so the data is the same on each.
bool fill(QSqlDatabase db, int orders, QString *error)
{
    const QString n = QString::number(orders);
    const QStringList statements = {
        QStringLiteral("INSERT INTO sales_orders (id, tran_id, channel, channel_order) "
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                       "%1) SELECT i, 'SO' || i, CASE WHEN i % 5 = 0 THEN 'Amazon' ELSE "
                       "'Shopify' END, 'C' || i FROM n")
            .arg(n),
        QStringLiteral("INSERT INTO item_fulfillments (id, order_id, ship_status, ship_method_id, "
                       "ship_method_name) SELECT id, id, 'C', 10 + id % 12, 'Method ' || (id % "
                       "12) FROM sales_orders"),
        QStringLiteral("INSERT INTO item_fulfillment_lines (fulfillment_id, line_id, item_id, "
                       "item_name, quantity, location_id, location_name) SELECT id, 1, 500 + id "
                       "% 3000, 'Item ' || (id % 3000), 1, 1 + id % 6, 'Loc ' || (id % 6) FROM "
                       "item_fulfillments"),
        QStringLiteral("INSERT INTO item_fulfillment_lines (fulfillment_id, line_id, item_id, "
                       "item_name, quantity, location_id, location_name) SELECT id, 2, 500 + (id "
                       "* 7) % 3000, 'Item ' || ((id * 7) % 3000), 1, 1 + id % 6, 'Loc ' || (id "
                       "% 6) FROM item_fulfillments"),
        QStringLiteral("ANALYZE"),
    };
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) { // not prepared: PostgreSQL cannot prepare ANALYZE
            *error = describeSqlError(q);
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int orders = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 200000;
    QTextStream out(stdout);
    for (TempDatabase::Engine engine : TempDatabase::availableEngines()) {
        const QString name = engine == TempDatabase::Engine::Sqlite ? QStringLiteral("SQLite")
                                                                    : QStringLiteral("PostgreSQL");
        TempDatabase temp(engine);
        if (!temp.isValid()) {
            out << name << ": " << temp.error() << Qt::endl;
            return 1;
        }
        QString error;
        QElapsedTimer timer;
        timer.start();
        if (!fill(temp.database().connection(), orders, &error)) {
            out << name << ": could not fill the cache: " << error << Qt::endl;
            return 1;
        }
        const qint64 fillMs = timer.elapsed();
        QList<qint64> runs;
        DiscoveryResult result;
        for (int run = 0; run < 3; ++run) {
            result =
                MappingDiscovery::discover(temp.database().connection(), QStringLiteral("Shopify"));
            if (!result.error.isEmpty()) {
                out << name << ": " << result.error << Qt::endl;
                return 1;
            }
            runs << result.elapsedMs;
        }
        std::sort(runs.begin(), runs.end());
        out << name << ": " << orders << " orders (" << orders - orders / 5
            << " on the connector's channel), filled in " << fillMs << " ms; discovered "
            << result.values.size() << " values; discover() median " << runs.at(1) << " ms (runs "
            << runs.at(0) << ", " << runs.at(1) << ", " << runs.at(2) << " ms)" << Qt::endl;
    }
    return 0;
}
