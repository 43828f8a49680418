// The paged table models over a real SQLite database: keyset pages from the reader thread, a
// tester that watches every change for the whole test, and stale pages dropped after a reset.

#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/historyrepository.h"
#include "models/storage/sqlerror.h"
#include "testutils/tempdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestTableModels : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;

    void seedHistory(int rows)
    {
        QSqlDatabase db = m_temp->database().connection();
        Transaction transaction(db);
        HistoryRepository history(db);
        const QDateTime start(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        for (int i = 0; i < rows; ++i) {
            SyncAttempt a;
            a.occurredAt = start.addSecs(i / 3); // several rows share a timestamp: ties by id
            a.connectorName = QStringLiteral("main-store");
            a.orderTranId = QStringLiteral("SO%1").arg(i);
            a.outcome = i % 10 == 0 ? SyncOutcome::Failed : SyncOutcome::Pushed;
            a.message = i % 10 == 0 ? QStringLiteral("Shopify refused") : QStringLiteral("ok");
            QVERIFY(history.append(a) > 0);
        }
        QString error;
        QVERIFY2(transaction.commit(&error), qPrintable(error));
    }

    static bool waitForIdle(PagedTableModel &model)
    {
        return QTest::qWaitFor([&] { return !model.isLoading(); }, 5000);
    }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    }
    void cleanup() { m_temp.reset(); }

    void pagesArriveInKeysetOrderWithoutGapsOrRepeats()
    {
        seedHistory(1000);
        HistoryTableModel model(m_temp->database());
        auto *tester = new QAbstractItemModelTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest, &model);
        tester->setUseFetchMore(false); // this test drives the paging itself
        model.setPageSize(128);
        model.refresh();
        QVERIFY(waitForIdle(model));
        QCOMPARE(model.rowCount(), 128);
        QTRY_COMPARE(model.totalCount().value_or(-1), 1000);
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QVERIFY(!model.canFetchMore({})); // one fetch in flight at a time
            QVERIFY(waitForIdle(model));
        }
        QCOMPARE(model.rowCount(), 1000);
        QSet<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.rowId(row));
        QCOMPARE(ids.size(), 1000);
        // Newest first, ties broken by id.
        QCOMPARE(model.index(0, HistoryTableModel::Order).data().toString(),
                 QStringLiteral("SO999"));
        QCOMPARE(model.index(999, HistoryTableModel::Order).data().toString(),
                 QStringLiteral("SO0"));
        QCOMPARE(model.headerData(HistoryTableModel::Outcome, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("Outcome"));
    }

    void filtersRunInSqlAndCountArrives()
    {
        seedHistory(300);
        HistoryTableModel model(m_temp->database());
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &model);
        QVERIFY(waitForIdle(model));
        TablePageQuery query = model.query();
        query.state = QStringLiteral("failed");
        model.setQuery(query);
        QVERIFY(waitForIdle(model));
        QCOMPARE(model.rowCount(), 30);
        QTRY_COMPARE(model.totalCount().value_or(-1), 30);
        query.state.clear();
        query.text = QStringLiteral("SO29"); // SO29, SO290..SO299
        model.setQuery(query);
        QVERIFY(waitForIdle(model));
        QCOMPARE(model.rowCount(), 11);
        query.text = QStringLiteral("%' OR '1'='1"); // stays a value, matches nothing
        model.setQuery(query);
        QVERIFY(waitForIdle(model));
        QCOMPARE(model.rowCount(), 0);
    }

    void stalePageAfterFilterChangeIsDropped()
    {
        seedHistory(500);
        HistoryTableModel model(m_temp->database());
        auto *tester = new QAbstractItemModelTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest, &model);
        tester->setUseFetchMore(false);
        QVERIFY(waitForIdle(model));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        // A fetch is in flight for the unfiltered view when the filter changes: its page belongs
        // to the old generation and must not be appended to the filtered rows.
        model.fetchMore({});
        TablePageQuery query = model.query();
        query.state = QStringLiteral("failed");
        model.setQuery(query);
        QVERIFY(waitForIdle(model));
        QTest::qWait(200); // let any late page arrive
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 50);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, HistoryTableModel::Outcome)
                         .data(PagedTableModel::RawValueRole)
                         .toString(),
                     QStringLiteral("failed"));
    }

    void ordersModelShowsNamesNotCodes()
    {
        QSqlQuery q(m_temp->database().connection());
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO sales_orders (id, tran_id, tran_date, status, sync_state) "
                           "VALUES (1, 'SO1', '2026-11-19', 'D', 'partially_synced')")));
        OrderTableModel model(m_temp->database());
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &model);
        QVERIFY(waitForIdle(model));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, OrderTableModel::Status).data().toString(),
                 QStringLiteral("Partially Fulfilled"));
        QCOMPARE(model.index(0, OrderTableModel::SyncState).data().toString(),
                 QStringLiteral("Partially synced"));
        QCOMPARE(model.columnCount(), int(OrderTableModel::ColumnCount));
    }
};

QTEST_GUILESS_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
