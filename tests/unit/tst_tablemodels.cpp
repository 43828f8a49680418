// The paged table models over real SQLite and PostgreSQL databases: the full count as row count,
// pages loaded on demand from the reader thread (from either end and from anchors), a bounded
// cache, SQL filters and sorts, and stale pages dropped after a reset. A tester watches every model
// for the whole test.

#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/historyrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/sqlerror.h"
#include "models/storage/textindex.h"
#include "testutils/tempdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestTableModels : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;

    // Row i: order SO<i>, one second apart every third row (ties broken by id), connector
    // main-store or outlet (odd rows), every tenth failed, duration i ms, day 1 + i / dayEvery.
    void seedHistory(int rows, int dayEvery = 1000000)
    {
        QSqlDatabase db = m_temp->database().connection();
        Transaction transaction(db);
        HistoryRepository history(db);
        const QDateTime start(QDate(2026, 11, 1), QTime(12, 0), Qt::LocalTime);
        for (int i = 0; i < rows; ++i) {
            SyncAttempt a;
            a.occurredAt = start.addDays(i / dayEvery).addSecs((i % dayEvery) / 3).toUTC();
            a.connectorName = i % 2 ? QStringLiteral("outlet") : QStringLiteral("main-store");
            a.orderTranId = QStringLiteral("SO%1").arg(i);
            a.outcome = i % 10 == 0 ? SyncOutcome::Failed : SyncOutcome::Pushed;
            a.trigger = i % 5 == 0 ? SyncTrigger::Manual : SyncTrigger::Schedule;
            a.durationMs = i;
            a.message = i % 10 == 0 ? QStringLiteral("Shopify refused") : QStringLiteral("ok");
            QVERIFY(history.append(a) > 0);
        }
        QString error;
        QVERIFY2(transaction.commit(&error), qPrintable(error));
    }

    static void watch(QAbstractItemModel &model)
    {
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &model);
    }

    static bool waitForIdle(PagedTableModel &model)
    {
        return QTest::qWaitFor([&] { return !model.isLoading(); }, 5000);
    }

    static bool waitForCount(PagedTableModel &model, qint64 count)
    {
        return QTest::qWaitFor(
            [&] { return model.totalCount() == count && model.rowCount() == count; }, 5000);
    }

    static QString orderAt(PagedTableModel &model, int row)
    {
        model.requestRow(row);
        if (!QTest::qWaitFor([&] { return model.isRowLoaded(row); }, 5000))
            return QStringLiteral("<not loaded>");
        return model.index(row, HistoryTableModel::Order).data().toString();
    }

    static QStringList outcomes(PagedTableModel &model)
    {
        QStringList values;
        for (int row = 0; row < model.rowCount(); ++row) {
            model.requestRow(row);
            if (!QTest::qWaitFor([&] { return model.isRowLoaded(row); }, 5000))
                return {};
            values << model.index(row, HistoryTableModel::Outcome)
                          .data(PagedTableModel::RawValueRole)
                          .toString();
        }
        return values;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        // The same SQL runs on both engines (keyset seeks, OFFSET, window-function anchors).
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        m_temp = std::make_unique<TempDatabase>(engine);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    }
    void cleanup() { m_temp.reset(); }

    void firstPageThenFullCountThenPagesOnDemand()
    {
        seedHistory(1000);
        HistoryTableModel model(m_temp->database());
        watch(model);
        QSignalSpy pages(&model, &PagedTableModel::pageRequested);
        model.setPageSize(100);
        QVERIFY(waitForCount(model, 1000)); // the scrollbar is true: every row exists
        QVERIFY(waitForIdle(model));        // the count has its own thread: page 1 may be later
        QCOMPARE(pages.count(), 1);         // only the first page was read
        QVERIFY(model.isRowLoaded(99));
        QVERIFY(!model.isRowLoaded(100));
        // An unloaded row shows a placeholder and asks for its page; data() does no I/O.
        QCOMPARE(model.index(500, HistoryTableModel::Order).data().toString(), QStringLiteral("…"));
        QVERIFY(!model.index(500, 0).data(PagedTableModel::LoadedRole).toBool());
        QTRY_VERIFY(model.isRowLoaded(500));
        QCOMPARE(pages.count(), 2);
        QCOMPARE(model.index(500, HistoryTableModel::Order).data().toString(),
                 QStringLiteral("SO499"));
        // Newest first, ties broken by id, no gaps or repeats across pages.
        QSet<qint64> ids;
        for (int row = 0; row < 1000; ++row) {
            QCOMPARE(orderAt(model, row), QStringLiteral("SO%1").arg(999 - row));
            ids.insert(model.rowId(row));
        }
        QCOMPARE(ids.size(), 1000);
        QCOMPARE(model.headerData(HistoryTableModel::Outcome, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("Outcome"));
    }

    void jumpToLastRowReadsBackwardsFromTheEnd()
    {
        seedHistory(5000);
        HistoryTableModel model(m_temp->database());
        watch(model);
        model.setPageSize(128);
        QVERIFY(waitForCount(model, 5000));
        QSignalSpy pages(&model, &PagedTableModel::pageRequested);
        QCOMPARE(orderAt(model, 4999), QStringLiteral("SO0"));
        QCOMPARE(orderAt(model, 4992), QStringLiteral("SO7"));
        QTRY_VERIFY(model.anchorsReady());
        QCOMPARE(pages.count(), 1);
        const auto seek = pages.at(0).at(3).value<TablePageQuery::Seek>();
        QVERIFY(seek.reverse);
        QCOMPARE(seek.offset, qint64(0)); // the last (short) page: as cheap as the first
        QCOMPARE(seek.limit, 5000 - 39 * 128);
        // The page before the last one, and one in the middle, with a seek close to its rows.
        QCOMPARE(orderAt(model, 4999 - 5000 % 128), QStringLiteral("SO%1").arg(5000 % 128));
        QCOMPARE(orderAt(model, 2600), QStringLiteral("SO2399"));
        const auto middle = pages.last().at(3).value<TablePageQuery::Seek>();
        QVERIFY2(middle.offset <= 512, qPrintable(QString::number(middle.offset)));
        QVERIFY(!middle.anchor.isEmpty());
        for (int row = 2600; row < 2600 + 128 && row < 5000; ++row)
            QCOMPARE(orderAt(model, row), QStringLiteral("SO%1").arg(4999 - row));
    }

    void farJumpAfterARefreshFetchesAnchorsOnDemand()
    {
        seedHistory(20000);
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 20000));
        QTRY_VERIFY(model.anchorsReady()); // a new filter walks for anchors at once
        QSignalSpy counts(&model, &PagedTableModel::countRequested);
        QSignalSpy pages(&model, &PagedTableModel::pageRequested);
        model.refresh(); // as during a sync, every half second: a count only
        QCOMPARE(counts.count(), 1);
        QCOMPARE(counts.last().at(2).toInt(), 0);
        QVERIFY(!model.anchorsReady());
        QTRY_VERIFY(!model.isLoading());
        QTRY_COMPARE(model.totalCount().value_or(-1), 20000);
        // A far jump seeks by OFFSET once and asks for anchors; the next one seeks from them.
        QCOMPARE(orderAt(model, 10050), QStringLiteral("SO9949"));
        QCOMPARE(counts.count(), 2);
        QCOMPARE(counts.last().at(2).toInt(), 1024);
        QTRY_VERIFY(model.anchorsReady());
        QCOMPARE(orderAt(model, 7050), QStringLiteral("SO12949"));
        const auto seek = pages.last().at(3).value<TablePageQuery::Seek>();
        QVERIFY2(seek.offset < 1024, qPrintable(QString::number(seek.offset))); // one stride
    }

    // On SQLite the anchors come from the walk that counts, ahead of the count: there is no
    // moment when the scrollbar reaches a million rows and a jump has nothing to seek from.
    // Jumps land on the right rows whatever the filter and sort (keys of any type bind back).
    void anchorsArriveWithTheCount()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        seedHistory(6000);
        HistoryTableModel model(m_temp->database());
        watch(model);
        QList<bool> readyAtCount;
        connect(&model, &PagedTableModel::totalCountChanged, this,
                [&] { readyAtCount << model.anchorsReady(); });
        QVERIFY(waitForCount(model, 6000));
        if (engine == TempDatabase::Engine::Sqlite)
            QCOMPARE(readyAtCount, QList<bool>{true});
        QTRY_VERIFY(model.anchorsReady());
        QSignalSpy pages(&model, &PagedTableModel::pageRequested);
        QCOMPARE(orderAt(model, 3050), QStringLiteral("SO2949"));
        QVERIFY(pages.last().at(3).value<TablePageQuery::Seek>().offset < 1024);

        TablePageQuery query = model.query();
        query.state = QStringLiteral("pushed"); // 5,400 rows, sorted by duration (integers)
        query.sortColumn = HistoryTableModel::Duration;
        query.ascending = true;
        model.setQuery(query);
        QVERIFY(waitForCount(model, 5400));
        QTRY_VERIFY(model.anchorsReady());
        model.requestRow(4000);
        QTRY_VERIFY(model.isRowLoaded(4000));
        QVERIFY(pages.last().at(3).value<TablePageQuery::Seek>().offset < 1024);
        // Row r of the pushed rows in duration order is attempt i = r + r / 9 + 1 (every tenth,
        // from 0, failed).
        QCOMPARE(model.index(4000, HistoryTableModel::Duration)
                     .data(PagedTableModel::RawValueRole)
                     .toInt(),
                 4000 + 4000 / 9 + 1);
    }

    void cacheKeepsABoundedNumberOfPages()
    {
        seedHistory(3000);
        HistoryTableModel model(m_temp->database());
        watch(model);
        model.setMaxCachedPages(4);
        model.setPageSize(100);
        QVERIFY(waitForCount(model, 3000));
        for (int page = 0; page < 12; ++page)
            QCOMPARE(orderAt(model, page * 100 + 50),
                     QStringLiteral("SO%1").arg(2949 - page * 100));
        QVERIFY2(model.cachedPageCount() <= 4,
                 qPrintable(QString::number(model.cachedPageCount())));
        QVERIFY(!model.isRowLoaded(150)); // evicted: least recently used
        QCOMPARE(orderAt(model, 150), QStringLiteral("SO2849"));
    }

    void filtersRunInSqlAndCountArrives()
    {
        seedHistory(300);
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 300));
        TablePageQuery query = model.query();
        query.state = QStringLiteral("failed");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 30));
        QCOMPARE(outcomes(model), QStringList(30, QStringLiteral("failed")));
        query.state.clear();
        query.text = QStringLiteral("SO29"); // SO29, SO290..SO299
        model.setQuery(query);
        QVERIFY(waitForCount(model, 11));
        query.text = QStringLiteral("%' OR '1'='1"); // stays a value, matches nothing
        model.setQuery(query);
        QVERIFY(waitForCount(model, 0));
    }

    // Case-insensitive beyond ASCII on both engines: SQLite's own lower() folds A–Z only.
    void textFilterFoldsEveryCapital()
    {
        seedHistory(20);
        {
            QSqlDatabase db = m_temp->database().connection();
            HistoryRepository history(db);
            SyncAttempt a;
            a.occurredAt = QDateTime::currentDateTimeUtc();
            a.connectorName = QStringLiteral("main-store");
            a.orderTranId = QStringLiteral("SO-ÜNÏ");
            a.outcome = SyncOutcome::Failed;
            a.message = QStringLiteral("Kunde ÜNÏCÖDÉ Straße: Adresse fehlt");
            QVERIFY(history.append(a) > 0);
        }
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 21));
        TablePageQuery query = model.query();
        // Before and after the rows are in the free-text index (LIKE, then the trigram index).
        for (const bool indexed : {false, true}) {
            if (indexed) {
                QString error;
                QVERIFY2(TextIndex::catchUp(m_temp->database().connection(), &error),
                         qPrintable(error));
            }
            for (const QString &needle : {QStringLiteral("ünïcödé"), QStringLiteral("ÜNÏCÖDÉ"),
                                          QStringLiteral("ÜnÏcÖdÉ"), QStringLiteral("so-üni")}) {
                query.text = needle;
                model.setQuery(query);
                QVERIFY2(waitForCount(model, needle == u"so-üni" ? 0 : 1), qPrintable(needle));
            }
            query.text = QStringLiteral("so-ünï");
            model.setQuery(query);
            QVERIFY(waitForCount(model, 1));
        }
    }

    void filtersByConnectorTriggerAndDateRange()
    {
        seedHistory(600, 100); // days 1..6 of November, 100 attempts a day
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 600));
        TablePageQuery query = model.query();
        query.connector = QStringLiteral("outlet");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 300));
        for (int row = 0; row < 300; row += 37) {
            QVERIFY(!orderAt(model, row).isEmpty());
            QCOMPARE(model.index(row, HistoryTableModel::Connector).data().toString(),
                     QStringLiteral("outlet"));
        }
        query.connector.clear();
        query.from = QDate(2026, 11, 2);
        query.to = QDate(2026, 11, 3); // inclusive: two days
        model.setQuery(query);
        QVERIFY(waitForCount(model, 200));
        QCOMPARE(orderAt(model, 0), QStringLiteral("SO299"));
        QCOMPARE(orderAt(model, 199), QStringLiteral("SO100"));
        query.status = QStringLiteral("manual"); // every fifth
        model.setQuery(query);
        QVERIFY(waitForCount(model, 40));
        query.connector = QStringLiteral("outlet"); // the odd ones: 105, 115, ... 295
        model.setQuery(query);
        QVERIFY(waitForCount(model, 20));
        QCOMPARE(orderAt(model, 0), QStringLiteral("SO295"));
        QCOMPARE(orderAt(model, 19), QStringLiteral("SO105"));
    }

    void sortsOnIndexedColumnsOnly()
    {
        seedHistory(500);
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 500));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.sort(HistoryTableModel::Message, Qt::AscendingOrder); // no index: ignored
        QCOMPARE(resets.count(), 0);
        QCOMPARE(orderAt(model, 0), QStringLiteral("SO499"));
        model.sort(HistoryTableModel::Duration, Qt::AscendingOrder);
        QCOMPARE(resets.count(), 1);
        QVERIFY(waitForCount(model, 500));
        QCOMPARE(orderAt(model, 0), QStringLiteral("SO0"));
        QCOMPARE(orderAt(model, 499), QStringLiteral("SO499"));
        QCOMPARE(orderAt(model, 250), QStringLiteral("SO250"));
        QVERIFY(model.query().isSortable(HistoryTableModel::Time));
        QVERIFY(!model.query().isSortable(HistoryTableModel::Message));
    }

    void stalePageAfterFilterChangeIsDropped()
    {
        seedHistory(500);
        HistoryTableModel model(m_temp->database());
        watch(model);
        model.setPageSize(50);
        QVERIFY(waitForCount(model, 500));
        QVERIFY(waitForIdle(model));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy pages(&model, &PagedTableModel::pageRequested);
        // A page of the unfiltered view is wanted when the filter changes: it belongs to the old
        // generation and must not land in the filtered rows.
        model.requestRow(300);
        QTRY_COMPARE(pages.count(), 1);
        const quint64 staleGeneration = pages.at(0).at(0).toULongLong();
        TablePageQuery query = model.query();
        query.state = QStringLiteral("failed");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 50));
        QTest::qWait(200); // let any late page arrive
        QCOMPARE(resets.count(), 1);
        QVERIFY(pages.last().at(0).toULongLong() > staleGeneration);
        QCOMPARE(outcomes(model), QStringList(50, QStringLiteral("failed")));
    }

    void lateAnswersOfAnOldGenerationAreDropped()
    {
        seedHistory(300);
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 300));
        QVERIFY(waitForIdle(model));
        TablePageQuery query = model.query();
        query.state = QStringLiteral("failed");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 30));
        QVERIFY(waitForIdle(model));
        // What the reader would still deliver for the unfiltered view, after the filter changed.
        TablePage stale;
        stale.generation = model.m_generation - 1;
        stale.index = 0;
        stale.atEnd = true;
        for (int i = 0; i < 5; ++i)
            stale.rows << QVariantList{9000 + i,
                                       QStringLiteral("2026-11-01T00:00:00.000Z"),
                                       QStringLiteral("x"),
                                       QStringLiteral("STALE"),
                                       QString(),
                                       QStringLiteral("manual"),
                                       QStringLiteral("pushed"),
                                       QString(),
                                       1,
                                       QString()};
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.acceptPage(stale);
        model.acceptCount(stale.generation, 300);
        model.acceptAnchors(TableAnchors{stale.generation, 2, {{QString(), 1}}});
        QCOMPARE(changes.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model.rowCount(), 30);
        QCOMPARE(model.totalCount().value_or(-1), 30);
        QVERIFY(!model.anchorsReady());
        QCOMPARE(outcomes(model), QStringList(30, QStringLiteral("failed")));
        // The same page with the current generation is taken: the check is the generation.
        stale.generation = model.m_generation;
        model.acceptPage(stale);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, HistoryTableModel::Order).data().toString(),
                 QStringLiteral("STALE"));
    }

    void refreshKeepsRowsAndPicksUpNewOnes()
    {
        seedHistory(300);
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 300));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(orderAt(model, 0), QStringLiteral("SO299"));
        seedHistory(20); // 20 more (SO0..SO19 again, newest now)
        model.refresh();
        // Until the new page arrives the old values stay on screen: no flicker, no placeholder.
        QVERIFY(!model.isRowLoaded(0));
        QCOMPARE(model.index(0, HistoryTableModel::Order).data().toString(),
                 QStringLiteral("SO299"));
        QCOMPARE(model.rowId(0), 0); // but nothing acts on a value that may have moved
        QVERIFY(waitForCount(model, 320));
        QCOMPARE(resets.count(), 0); // the admin's scroll position stays
        QCOMPARE(orderAt(model, 319), QStringLiteral("SO0"));
    }

    // A highlighted record is found again wherever a refresh moved it, in any filter and sort,
    // also far outside the pages at hand.
    void locatesARecordWhereverItMoved()
    {
        seedHistory(600);
        HistoryTableModel model(m_temp->database());
        watch(model);
        model.setPageSize(50);
        QVERIFY(waitForCount(model, 600));
        QCOMPARE(orderAt(model, 10), QStringLiteral("SO589"));
        const qint64 id = model.rowId(10);
        {
            HistoryRepository history(m_temp->database().connection());
            for (int i = 0; i < 300; ++i) { // newer than all of them: they come in on top
                SyncAttempt a;
                a.occurredAt = QDateTime::currentDateTimeUtc().addSecs(i);
                a.connectorName = QStringLiteral("main-store");
                a.orderTranId = QStringLiteral("SO-new-%1").arg(i);
                a.durationMs = 1000 + i;
                QVERIFY(history.append(a) > 0);
            }
        }
        model.refresh();
        QVERIFY(waitForCount(model, 900));
        QCOMPARE(model.loadedRowOf(id), -1); // its page is not at hand
        QSignalSpy located(&model, &PagedTableModel::rowLocated);
        model.locateRow(id);
        QVERIFY(located.wait(5000));
        QCOMPARE(located.first().at(0).toLongLong(), id);
        QCOMPARE(located.first().at(1).toInt(), 310);
        QCOMPARE(orderAt(model, 310), QStringLiteral("SO589"));
        QCOMPARE(model.rowId(310), id);
        QCOMPARE(model.loadedRowOf(id), 310);

        // Sorted by duration, shortest first, outlet only: SO589 is the 295th outlet row.
        TablePageQuery query = model.query();
        query.sortColumn = HistoryTableModel::Duration;
        query.ascending = true;
        query.connector = QStringLiteral("outlet");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 300));
        located.clear();
        model.locateRow(id);
        QVERIFY(located.wait(5000));
        QCOMPARE(located.first().at(1).toInt(), 294);
        QCOMPARE(orderAt(model, 294), QStringLiteral("SO589"));
        // A record the view does not hold: -1, never some other row.
        QCOMPARE(orderAt(model, 0), QStringLiteral("SO1"));
        const qint64 outlet = model.rowId(0);
        query.connector = QStringLiteral("main-store");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 600));
        located.clear();
        model.locateRow(outlet);
        QVERIFY(located.wait(5000));
        QCOMPARE(located.first().at(1).toInt(), -1);
    }

    // "Order" sorts by number: SO9, SO10, SO100000, where text would say SO10, SO100000, SO9.
    void orderNumbersSortAsNumbers()
    {
        QSqlDatabase db = m_temp->database().connection();
        QSqlQuery q(db);
        HistoryRepository history(db);
        for (int id : {100000, 9, 10}) {
            QVERIFY(q.exec(QStringLiteral("INSERT INTO sales_orders (id, tran_id, tran_date, "
                                          "status) VALUES (%1, 'SO%1', '2026-11-19', 'B')")
                               .arg(id)));
            SyncAttempt a;
            a.occurredAt = QDateTime::currentDateTimeUtc();
            a.orderId = id;
            a.orderTranId = QStringLiteral("SO%1").arg(id);
            QVERIFY(history.append(a) > 0);
        }
        const QStringList expected{QStringLiteral("SO9"), QStringLiteral("SO10"),
                                   QStringLiteral("SO100000")};
        OrderTableModel orders(m_temp->database());
        orders.sort(OrderTableModel::Number, Qt::AscendingOrder);
        QVERIFY(waitForCount(orders, 3));
        QStringList shown;
        for (int row = 0; row < 3; ++row) {
            orders.requestRow(row);
            QTRY_VERIFY(orders.isRowLoaded(row));
            shown << orders.index(row, OrderTableModel::Number).data().toString();
        }
        QCOMPARE(shown, expected);
        HistoryTableModel attempts(m_temp->database());
        attempts.sort(HistoryTableModel::Order, Qt::AscendingOrder);
        QVERIFY(waitForCount(attempts, 3));
        shown.clear();
        for (int row = 0; row < 3; ++row)
            shown << orderAt(attempts, row);
        QCOMPARE(shown, expected);
    }

    // A tracking number a customer reads out finds the order and every attempt about it, and
    // History shows the numbers each attempt was about.
    void trackingNumbersAreSearchable()
    {
        QSqlDatabase db = m_temp->database().connection();
        QSqlQuery q(db);
        for (int id : {1, 2})
            QVERIFY(q.exec(QStringLiteral("INSERT INTO sales_orders (id, tran_id, tran_date, "
                                          "status) VALUES (%1, 'SO%1', '2026-11-19', 'B')")
                               .arg(id)));
        OrderRepository orders(db);
        ItemFulfillment shipped;
        shipped.id = 20;
        shipped.orderId = 2;
        shipped.tranId = QStringLiteral("IF20");
        shipped.shipStatus = QStringLiteral("C");
        shipped.trackingNumbers = {QStringLiteral("1Z999AA10123456784"),
                                   QStringLiteral("9400111899223344556677")};
        QVERIFY2(orders.upsertFulfillments({shipped}), qPrintable(orders.lastError()));
        HistoryRepository history(db);
        SyncAttempt a;
        a.occurredAt = QDateTime::currentDateTimeUtc();
        a.orderId = 2;
        a.orderTranId = QStringLiteral("SO2");
        a.fulfillmentTranId = QStringLiteral("IF20");
        a.outcome = SyncOutcome::Pushed;
        a.trackingNumbers = shipped.trackingNumbers.join(QStringLiteral(", "));
        QVERIFY(history.append(a) > 0);
        a.orderTranId = QStringLiteral("SO1");
        a.trackingNumbers.clear();
        QVERIFY(history.append(a) > 0);

        OrderTableModel orderModel(m_temp->database());
        watch(orderModel);
        QVERIFY(waitForCount(orderModel, 2));
        TablePageQuery query = orderModel.query();
        query.text = QStringLiteral("9400111899");
        orderModel.setQuery(query);
        QVERIFY(waitForCount(orderModel, 1));
        QVERIFY(waitForIdle(orderModel));
        QCOMPARE(orderModel.index(0, OrderTableModel::Number).data().toString(),
                 QStringLiteral("SO2"));
        query.text = QStringLiteral("1z999aa"); // any case
        orderModel.setQuery(query);
        QVERIFY(waitForCount(orderModel, 1));

        HistoryTableModel historyModel(m_temp->database());
        watch(historyModel);
        QVERIFY(waitForCount(historyModel, 2));
        query = historyModel.query();
        query.text = QStringLiteral("9400111899");
        historyModel.setQuery(query);
        QVERIFY(waitForCount(historyModel, 1));
        QVERIFY(waitForIdle(historyModel));
        QCOMPARE(historyModel.index(0, HistoryTableModel::Tracking).data().toString(),
                 QStringLiteral("1Z999AA10123456784, 9400111899223344556677"));
    }

    // Free text is answered from an index, not a scan of the table: FTS5 trigram tables on
    // SQLite, pg_trgm indexes on PostgreSQL (migration 0016). Without them both plans scan.
    void textSearchIsAnsweredFromAnIndex()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        QSqlDatabase db = m_temp->database().connection();
        QSqlQuery q(db);
        if (engine == TempDatabase::Engine::Postgres) { // a tiny table is cheaper to scan
            QVERIFY(q.exec(QStringLiteral("SET enable_seqscan = off")));
            QVERIFY(q.exec(QStringLiteral("SET enable_indexscan = off")));
        }
        const QString explain = engine == TempDatabase::Engine::Sqlite
                                    ? QStringLiteral("EXPLAIN QUERY PLAN ")
                                    : QStringLiteral("EXPLAIN ");
        for (const auto table : {TablePageQuery::Table::History, TablePageQuery::Table::Orders}) {
            TablePageQuery query;
            query.table = table;
            query.text = QStringLiteral("1Z999");
            query.useFts5 = engine == TempDatabase::Engine::Sqlite;
            const TablePageQuery::Sql sql = query.pageSql({});
            // PostgreSQL cannot prepare an EXPLAIN: the values go in as literals here.
            QString statement = sql.text;
            for (const QVariant &value : sql.values) {
                const QString literal =
                    value.typeId() == QMetaType::QString
                        ? u'\'' + value.toString().replace(u'\'', QStringLiteral("''")) + u'\''
                        : value.toString();
                statement.replace(statement.indexOf(u'?'), 1, literal);
            }
            QVERIFY2(q.exec(explain + statement), qPrintable(describeSqlError(q)));
            QStringList plan;
            while (q.next())
                plan << q.value(q.record().count() - 1).toString();
            const QString text = plan.join(u'\n');
            if (engine == TempDatabase::Engine::Sqlite)
                QVERIFY2(text.contains(QLatin1String("VIRTUAL TABLE INDEX")), qPrintable(text));
            else
                QVERIFY2(text.contains(QLatin1String("Bitmap Index Scan on ")) &&
                             text.contains(QLatin1String("_text")),
                         qPrintable(text));
        }
    }

    // History is indexed in bulk after each pass; what came after is still found, and nothing
    // is found twice.
    void historyIsFoundBeforeAndAfterItIsIndexed()
    {
        QSqlDatabase db = m_temp->database().connection();
        HistoryRepository history(db);
        const auto append = [&](const QString &message) {
            SyncAttempt a;
            a.occurredAt = QDateTime::currentDateTimeUtc();
            a.connectorName = QStringLiteral("main-store");
            a.outcome = SyncOutcome::Failed;
            a.message = message;
            return history.append(a) > 0;
        };
        QVERIFY(append(QStringLiteral("Carrier ALPHA-7 refused")));
        HistoryTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 1));
        TablePageQuery query = model.query();
        query.text = QStringLiteral("alpha-7");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 1)); // not indexed yet
        QString error;
        QVERIFY2(TextIndex::catchUp(db, &error), qPrintable(error));
        model.setQuery(query);
        QVERIFY(waitForCount(model, 1)); // from the index
        QVERIFY(append(QStringLiteral("Carrier alpha-7 again")));
        model.setQuery(query);
        QVERIFY(waitForCount(model, 2)); // one indexed, one not yet
        QVERIFY2(TextIndex::catchUp(db, &error), qPrintable(error));
        model.setQuery(query);
        QVERIFY(waitForCount(model, 2));
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        if (engine == TempDatabase::Engine::Sqlite) { // nothing is left for the LIKE way
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT (SELECT value FROM meta WHERE key = "
                                          "'history_text_indexed_to'), MAX(id) FROM "
                                          "sync_attempts")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), q.value(1).toLongLong());
        }
    }

    // The index follows every write (insert, change of the text, delete), finds what LIKE
    // found, and the needle stays a value: FTS5's own syntax in it is text to look for.
    void textSearchFollowsWritesAndTakesNeedlesLiterally()
    {
        QSqlDatabase db = m_temp->database().connection();
        OrderRepository orders(db);
        SalesOrder order;
        order.id = 7;
        order.tranId = QStringLiteral("SO7");
        order.tranDate = QStringLiteral("2026-11-20");
        order.customer = QStringLiteral("Müller \"Quotes\" AND Sons*");
        order.status = QStringLiteral("B");
        QVERIFY2(orders.upsertOrders({order}), qPrintable(orders.lastError()));
        ItemFulfillment shipped;
        shipped.id = 70;
        shipped.orderId = 7;
        shipped.tranId = QStringLiteral("IF70");
        shipped.shipStatus = QStringLiteral("C");
        shipped.trackingNumbers = {QStringLiteral("1ZFIRST0001")};
        QVERIFY2(orders.upsertFulfillments({shipped}), qPrintable(orders.lastError()));

        OrderTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 1));
        TablePageQuery query = model.query();
        const auto found = [&](const QString &needle) {
            query.text = needle;
            model.setQuery(query);
            if (!QTest::qWaitFor(
                    [&] { return !model.isLoading() && model.totalCount().has_value(); }, 5000))
                return -1;
            return int(*model.totalCount());
        };
        QString error;
        QVERIFY2(TextIndex::catchUp(db, &error), qPrintable(error)); // found from the index now
        QCOMPARE(found(QStringLiteral("MÜLLER")), 1);
        QCOMPARE(found(QStringLiteral("\"quotes\" and")), 1);
        QCOMPARE(found(QStringLiteral("sons*")), 1);
        QCOMPARE(found(QStringLiteral("NEAR(")), 0);
        QCOMPARE(found(QStringLiteral("ü")), 1); // shorter than a trigram: LIKE
        QCOMPARE(found(QStringLiteral("first0001")), 1);

        order.customer = QStringLiteral("Schmidt GmbH");
        QVERIFY2(orders.upsertOrders({order}), qPrintable(orders.lastError()));
        shipped.trackingNumbers = {QStringLiteral("1ZSECOND002")};
        QVERIFY2(orders.upsertFulfillments({shipped}), qPrintable(orders.lastError()));
        QCOMPARE(found(QStringLiteral("müller")), 0);
        QCOMPARE(found(QStringLiteral("schmidt")), 1);
        QCOMPARE(found(QStringLiteral("first0001")), 0);
        QCOMPARE(found(QStringLiteral("second002")), 1);

        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM sales_orders WHERE id = 7")));
        QCOMPARE(found(QStringLiteral("schmidt")), 0);
    }

    void ordersModelShowsNamesNotCodes()
    {
        QSqlQuery q(m_temp->database().connection());
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO sales_orders (id, tran_id, tran_date, status, sync_state) "
                           "VALUES (1, 'SO1', '2026-11-19', 'D', 'partially_synced')")));
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO sales_orders (id, tran_id, tran_date, status, channel) "
                           "VALUES (2, 'SO2', '2026-11-20', 'B', 'outlet')")));
        OrderTableModel model(m_temp->database());
        watch(model);
        QVERIFY(waitForCount(model, 2));
        QVERIFY(waitForIdle(model));
        QCOMPARE(model.index(1, OrderTableModel::Status).data().toString(),
                 QStringLiteral("Partially Fulfilled"));
        QCOMPARE(model.index(1, OrderTableModel::SyncState).data().toString(),
                 QStringLiteral("Partially synced"));
        QCOMPARE(model.columnCount(), int(OrderTableModel::ColumnCount));
        TablePageQuery query = model.query();
        query.status = QStringLiteral("D");
        model.setQuery(query);
        QVERIFY(waitForCount(model, 1));
        query.status.clear();
        query.connector = QStringLiteral("outlet");
        query.from = QDate(2026, 11, 20);
        model.setQuery(query);
        QVERIFY(waitForCount(model, 1));
        QVERIFY(waitForIdle(model));
        QCOMPARE(model.index(0, OrderTableModel::Number).data().toString(), QStringLiteral("SO2"));
        query.to = QDate(2026, 11, 19);
        model.setQuery(query);
        QVERIFY(waitForCount(model, 0));
    }
};

QTEST_GUILESS_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
