// The big tables at scale: 1,000,000 history rows and 200,000 orders in SQLite. For our paged
// models (in a real QTableView, offscreen): time to the first page, to the last row (Ctrl+End /
// scrollbar dragged to the end), to a row in the middle, to the first page of a filter, and peak
// memory; against a plain QSqlQueryModel fetching to the same position, in the same run. Then the
// longest stall of the GUI event loop while the real MainWindow runs a ~10,000-fulfillment sync.
//   bench_tables [history rows] [orders] [sync orders]    default: 1000000 200000 8000
// The generated database is kept in /tmp between runs (delete it to regenerate).

#include "bench/benchsupport.h"
#include "models/domain/timestamps.h"
#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/textindex.h"
#include "sync/synccontroller.h"
#include "testutils/scenariobuilder.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <vector>

using namespace fulfillsync;

namespace {

qint64 currentPeakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return bench::peakRssKb();
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').value(0) : QByteArray("?");
}

void resetPeakRss()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

// Runs the event loop until `done` holds; returns the milliseconds it took (-1 on timeout).
double waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    QTimer tick; // wakes the loop even when nothing arrives
    tick.start(1);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return timer.nsecsElapsed() / 1e6;
}

bool generate(Database &database, int historyRows, int orders)
{
    QSqlDatabase db = database.connection();
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM sync_attempts), "
                          "(SELECT COUNT(*) FROM sales_orders)"));
    if (q.next() && q.value(0).toInt() == historyRows && q.value(1).toInt() == orders) {
        std::printf("using the cached database (%d history rows, %d orders)\n", historyRows,
                    orders);
        return true;
    }
    QElapsedTimer timer;
    timer.start();
    q.exec(QStringLiteral("DELETE FROM sync_attempts"));
    q.exec(QStringLiteral("DELETE FROM sales_orders"));
    q.exec(QStringLiteral("PRAGMA synchronous = OFF"));
    db.transaction();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO sync_attempts (occurred_at, connector_id, connector_name, order_id, "
        "order_tran_id, fulfillment_id, fulfillment_tran_id, trigger_kind, outcome, error_class, "
        "duration_ms, message) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QDateTime start(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    const QString connectors[] = {QStringLiteral("main-store"), QStringLiteral("outlet"),
                                  QStringLiteral("wholesale")};
    for (int i = 0; i < historyRows; ++i) {
        const bool failed = i % 50 == 0;
        insert.addBindValue(toStorageTime(start.addSecs(i * 20)));
        insert.addBindValue(connectors[i % 3]);
        insert.addBindValue(i / 2 + 1);
        insert.addBindValue(QStringLiteral("SO%1").arg(i / 2 + 1));
        insert.addBindValue(i + 1);
        insert.addBindValue(QStringLiteral("IF%1").arg(i + 1));
        insert.addBindValue(i % 7 == 0 ? QStringLiteral("manual") : QStringLiteral("schedule"));
        insert.addBindValue(failed ? QStringLiteral("failed") : QStringLiteral("pushed"));
        insert.addBindValue(failed ? QStringLiteral("validation") : QStringLiteral(""));
        insert.addBindValue(100 + i % 900);
        insert.addBindValue(failed ? QStringLiteral("Shopify refused the tracking number")
                                   : QStringLiteral("Fulfillment created"));
        if (!insert.exec()) {
            std::printf("insert: %s\n", qPrintable(insert.lastError().text()));
            return false;
        }
    }
    QSqlQuery order(db);
    order.prepare(QStringLiteral(
        "INSERT INTO sales_orders (id, tran_id, tran_date, customer, channel, channel_order, "
        "status, ordered_qty, shipped_qty, pushed_qty, sync_state, sync_message, last_attempt_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 2, 2, 2, ?, '', ?)"));
    const QString states[] = {QStringLiteral("synced"), QStringLiteral("synced"),
                              QStringLiteral("waiting"), QStringLiteral("failed")};
    for (int i = 1; i <= orders; ++i) {
        order.addBindValue(i);
        order.addBindValue(QStringLiteral("SO%1").arg(i));
        order.addBindValue(start.date().addDays(i / 300).toString(Qt::ISODate));
        order.addBindValue(QStringLiteral("Customer %1").arg(i % 5000));
        order.addBindValue(connectors[i % 3]);
        order.addBindValue(QStringLiteral("#%1").arg(100000 + i));
        order.addBindValue(i % 4 == 0 ? QStringLiteral("B") : QStringLiteral("F"));
        order.addBindValue(states[i % 4]);
        order.addBindValue(toStorageTime(start.addSecs(i * 100)));
        if (!order.exec()) {
            std::printf("insert: %s\n", qPrintable(order.lastError().text()));
            return false;
        }
    }
    if (!db.commit())
        return false;
    std::printf("generated %d history rows and %d orders in %.1f s\n", historyRows, orders,
                timer.elapsed() / 1000.0);
    // What a pass does with the rows it appended, here for all of them at once.
    timer.restart();
    QString error;
    if (!TextIndex::catchUp(db, &error)) {
        std::printf("index: %s\n", qPrintable(error));
        return false;
    }
    std::printf("indexed %d history rows and %d orders for free text in %.1f s\n", historyRows,
                orders, timer.elapsed() / 1000.0);
    q.exec(QStringLiteral("ANALYZE"));
    return true;
}

struct Figures
{
    double firstPage = -1, count = -1, anchors = -1, middleEarly = -1, lastRow = -1, middleRow = -1,
           filter = -1, filterCount = -1, textFilter = -1, commonText = -1;
    double textScan = -1, commonTextScan = -1; // the same text filters as LIKE '%…%' (baseline)
    qint64 peakKb = 0;
};

void printRow(const char *what, double ours, double baseline, const char *target)
{
    std::printf("  %-44s %10.1f ms %12.1f ms   %s\n", what, ours, baseline, target);
}

// Free text found in a tenth of the rows or more.
QString commonNeedle(TablePageQuery::Table table)
{
    return table == TablePageQuery::Table::History ? QStringLiteral("refused")
                                                   : QStringLiteral("Customer 12");
}

Figures measureOurs(Database &database, TablePageQuery::Table table, const QString &filterState)
{
    Figures f;
    QTableView view;
    view.resize(1000, 700);
    view.verticalHeader()->hide();
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<PagedTableModel> model;
    if (table == TablePageQuery::Table::History)
        model = std::make_unique<HistoryTableModel>(database);
    else
        model = std::make_unique<OrderTableModel>(database);
    view.setModel(model.get());
    view.show();
    f.firstPage = waitFor([&] { return model->isRowLoaded(0); });
    f.count = waitFor([&] { return model->totalCount().has_value(); }) + f.firstPage;
    const int rows = model->rowCount();
    // A jump before the anchors arrive seeks by OFFSET from the nearer end (here: the middle,
    // the worst case).
    f.middleEarly = waitFor([&, sent = false]() mutable {
        if (!sent) {
            sent = true;
            model->requestRow(rows / 2 - 1000);
        }
        return model->isRowLoaded(rows / 2 - 1000);
    });
    // The anchors arrive while the admin looks at page 1; a jump before that seeks by OFFSET
    // from the nearer end (at most half the table).
    f.anchors =
        waitFor([&] { return model->anchorsReady() || rows <= 1024; }) + f.count + f.middleEarly;
    waitFor([&] { return !model->isLoading(); });
    // Ctrl+End: the view moves to the last row and paints it.
    view.setFocus();
    f.lastRow = waitFor([&, sent = false]() mutable {
        if (!sent) {
            sent = true;
            view.scrollToBottom();
            view.setCurrentIndex(model->index(rows - 1, 0));
        }
        return model->isRowLoaded(rows - 1);
    });
    // The scrollbar dragged to the middle.
    f.middleRow = waitFor([&, sent = false]() mutable {
        if (!sent) {
            sent = true;
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
        }
        return model->isRowLoaded(rows / 2) || model->isRowLoaded(rows / 2 + 20);
    });
    TablePageQuery query = model->query();
    query.state = filterState;
    model->setQuery(query);
    f.filter = waitFor([&] { return model->isRowLoaded(0); });
    f.filterCount = waitFor([&] { return model->totalCount().has_value(); }) + f.filter;
    query.state.clear();
    query.text = QStringLiteral("SO4321");
    model->setQuery(query);
    f.textFilter = waitFor([&] { return model->isRowLoaded(0); });
    waitFor([&] { return !model->isLoading(); });
    query.text = commonNeedle(table);
    model->setQuery(query);
    f.commonText = waitFor([&] { return model->isRowLoaded(0); });
    waitFor([&] { return !model->isLoading(); });
    f.peakKb = currentPeakRssKb();
    std::printf("  (%s: %d rows; %d pages cached)\n",
                table == TablePageQuery::Table::History ? "history" : "orders", rows,
                model->cachedPageCount());
    return f;
}

Figures measureBaseline(Database &database, TablePageQuery::Table table, const QString &filterState)
{
    Figures f;
    TablePageQuery query;
    query.table = table;
    const TablePageQuery::Sql all = query.exportSql();
    QSqlQueryModel model;
    QTableView view;
    view.resize(1000, 700);
    view.setModel(&model);
    view.show();
    QElapsedTimer timer;
    timer.start();
    model.setQuery(all.text, database.connection());
    view.repaint();
    f.firstPage = timer.nsecsElapsed() / 1e6;
    timer.restart();
    while (model.canFetchMore())
        model.fetchMore();
    view.scrollToBottom();
    view.repaint();
    f.lastRow = timer.nsecsElapsed() / 1e6;
    f.count = f.lastRow + f.firstPage; // it knows the count only once it has every row
    query.state = filterState;
    const TablePageQuery::Sql filtered = query.exportSql();
    timer.restart();
    QSqlQuery q(database.connection());
    q.prepare(filtered.text);
    for (const QVariant &value : filtered.values)
        q.addBindValue(value);
    q.exec();
    model.setQuery(std::move(q));
    view.repaint();
    f.filter = timer.nsecsElapsed() / 1e6;
    // Free text as the previous version found it: LIKE '%…%' over every text column.
    const auto firstPageByLike = [&](const QString &needle) {
        TablePageQuery text;
        text.table = table;
        text.text = needle;
        const TablePageQuery::Sql sql = text.pageSql({});
        QElapsedTimer clock;
        clock.start();
        QSqlQuery page(database.connection());
        page.setForwardOnly(true);
        page.prepare(sql.text);
        for (const QVariant &value : sql.values)
            page.addBindValue(value);
        page.exec();
        while (page.next()) {
        }
        return clock.nsecsElapsed() / 1e6;
    };
    f.textScan = firstPageByLike(QStringLiteral("SO4321"));
    f.commonTextScan = firstPageByLike(commonNeedle(table));
    f.peakKb = currentPeakRssKb();
    return f;
}

void tables(int historyRows, int orders)
{
    const QString file =
        QStringLiteral("/tmp/fulfillsync-bench-tables-%1-%2.db").arg(historyRows).arg(orders);
    Database database(DatabaseUrl::parse(QStringLiteral("sqlite://") + file));
    QString error;
    if (!database.openAndMigrate(&error) || !generate(database, historyRows, orders)) {
        std::printf("cannot prepare %s: %s\n", qPrintable(file), qPrintable(error));
        return;
    }
    const std::pair<TablePageQuery::Table, QString> cases[] = {
        {TablePageQuery::Table::History, QStringLiteral("failed")},
        {TablePageQuery::Table::Orders, QStringLiteral("failed")}};
    // Ours first for both tables: the baseline's memory is not given back to the system.
    Figures oursOf[2];
    for (int i = 0; i < 2; ++i) {
        resetPeakRss();
        oursOf[i] = measureOurs(database, cases[i].first, cases[i].second);
    }
    for (int i = 0; i < 2; ++i) {
        const auto &[table, state] = cases[i];
        const char *name = table == TablePageQuery::Table::History ? "history" : "orders";
        const Figures &ours = oursOf[i];
        resetPeakRss();
        const Figures base = measureBaseline(database, table, state);
        std::printf("%s                                               ours     QSqlQueryModel\n",
                    name);
        printRow("time to first page", ours.firstPage, base.firstPage, "target <= 100 ms");
        printRow("full count known", ours.count, base.count, "");
        printRow("jump to the middle before the anchors", ours.middleEarly, base.lastRow / 2, "");
        printRow("anchors for jumps known", ours.anchors, -1, "");
        printRow("jump to the last row (Ctrl+End)", ours.lastRow, base.lastRow, "target <= 100 ms");
        printRow("jump to the middle (scrollbar)", ours.middleRow, base.lastRow / 2, "");
        printRow("apply a filter (state = failed): first page", ours.filter, base.filter,
                 "target <= 100 ms");
        printRow("  ... its count", ours.filterCount, base.filter, "");
        printRow("free text 'SO4321' (few rows): first page", ours.textFilter, base.textScan,
                 "target <= 100 ms");
        printRow("free text matching many rows: first page", ours.commonText, base.commonTextScan,
                 "target <= 100 ms");
        std::printf("  %-44s %10lld MB %12lld MB   target <= 150 MB\n", "peak RSS",
                    ours.peakKb / 1024, base.peakKb / 1024);
        std::fflush(stdout);
    }
}

// False when the window has no such tab (all were measured).
bool guiStall(int orders, int tab)
{
    int fulfillments = 0;
    const QJsonObject scenario =
        test::shippedOrdersScenario(orders, QStringLiteral("unlimited"), &fulfillments);
    bench::SandboxProcess sandbox;
    bench::BenchDatabase db;
    QString error;
    if (!sandbox.start(scenario, &error) || !db.open(scenario, sandbox.baseUrl(), &error)) {
        std::printf("gui stall: cannot start: %s\n", qPrintable(error));
        return false;
    }
    SyncController sync(db.database());
    sync.setCredentials(demoCredentials(db.target(), db.connectorId()));
    SyncRequest syncTemplate;
    syncTemplate.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    MainWindow window(db.database(), sync, syncTemplate);
    if (tab >= window.tabs()->count())
        return false;
    window.show();
    window.tabs()->setCurrentIndex(tab); // each tab is measured in a run of its own
    const QString tabName = window.tabs()->tabText(tab).remove(u'&');
    waitFor([] { return false; }, 300);
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 worst = 0;
    int ticks = 0;
    std::vector<qint64> gaps;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last > 0) {
            worst = std::max(worst, now - last);
            gaps.push_back(now - last);
        }
        last = now;
        ++ticks;
    });
    bool finished = false;
    SyncRunSummary summary;
    QObject::connect(&sync, &SyncController::passFinished, [&](const SyncRunSummary &s) {
        summary = s;
        finished = true;
    });
    // The same probe on an idle thread of its own: gaps there are the machine's scheduling, not
    // work on the GUI thread.
    QThread controlThread;
    QTimer control;
    control.setTimerType(Qt::PreciseTimer);
    control.setInterval(5);
    control.moveToThread(&controlThread);
    std::atomic<qint64> controlWorst{0};
    qint64 controlLast = 0;
    QObject::connect(&control, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (controlLast > 0 && now - controlLast > controlWorst.load())
            controlWorst.store(now - controlLast);
        controlLast = now;
    });
    QObject::connect(&controlThread, &QThread::started, &control, qOverload<>(&QTimer::start));
    QObject::connect(&controlThread, &QThread::finished, &control, &QTimer::stop);
    controlThread.start();
    probe.start(5);
    window.syncNowAction()->trigger();
    const double ms = waitFor([&] { return finished; }, 600000);
    probe.stop();
    controlThread.quit();
    controlThread.wait();
    std::sort(gaps.begin(), gaps.end());
    const auto over = std::count_if(gaps.begin(), gaps.end(), [](qint64 g) { return g > 50e6; });
    std::printf("gui stall, %s tab: %d fulfillments pushed of %d in %.1f s with the window open; "
                "longest gap of a 5 ms timer on the GUI thread %.1f ms over %d ticks "
                "(target <= 50 ms; 99.9th percentile %.1f ms, %d gaps over 50 ms; load average "
                "%s; the same probe on an idle thread: longest gap %.1f ms); history rows "
                "shown %d\n",
                qPrintable(tabName), summary.pushed, fulfillments, ms / 1000.0, worst / 1e6, ticks,
                gaps.empty() ? 0.0 : gaps[gaps.size() * 999 / 1000] / 1e6, int(over),
                loadAverage().constData(), controlWorst.load() / 1e6,
                window.historyModel()->rowCount());
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("fulfillsync-bench")); // not the app's views
    const int historyRows = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 1000000;
    const int orders = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 200000;
    const int syncOrders = argc > 3 ? QString::fromLocal8Bit(argv[3]).toInt() : 8000;
    if (historyRows > 0)
        tables(historyRows, orders);
    // Every tab in a sync of its own: what is visible decides what the GUI thread does.
    for (int tab = 0; syncOrders > 0 && guiStall(syncOrders, tab); ++tab) {
    }
    return 0;
}
