// The detail panes read on a thread of their own: while the database is slow (here: a table
// locked by another session of a shared PostgreSQL) a selection leaves the window responsive,
// the details arrive once the database answers, and only the newest selection is shown.

#include "models/domain/domain.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/reconciliationrepository.h"
#include "testutils/tempdatabase.h"
#include "ui/tables/attemptdetailpane.h"
#include "ui/tables/orderdetailpane.h"
#include "ui/tables/threewaytable.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>
#include <atomic>
#include <thread>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestDetailPanes : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;

    // Another session holds `table` exclusively for `holdMs`; returns once it does, with
    // `*locked` false when it could not take the lock (the test then proves nothing).
    // Holds the table locked on another connection for holdMs; *released turns true only once
    // the lock is gone, so a call that returns before it did not wait for the database.
    std::thread lockFor(const QString &table, int holdMs, bool *locked, std::atomic<bool> *released)
    {
        enum State { Trying, Held, Failed };
        auto state = std::make_shared<std::atomic<int>>(Trying);
        released->store(false);
        std::thread holder([this, table, holdMs, state, released] {
            {
                QSqlDatabase db = m_temp->database().connection();
                QSqlQuery q(db);
                const bool held =
                    q.exec(QStringLiteral("BEGIN")) &&
                    q.exec(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(table));
                state->store(held ? Held : Failed);
                if (held)
                    std::this_thread::sleep_for(std::chrono::milliseconds(holdMs));
                q.exec(QStringLiteral("COMMIT"));
                released->store(true);
            }
            m_temp->database().closeThreadConnection();
        });
        while (state->load() == Trying)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        *locked = state->load() == Held;
        return holder;
    }

    qint64 addAttempt(const QString &message)
    {
        HistoryRepository history(m_temp->database().connection());
        SyncAttempt a;
        a.occurredAt = QDateTime::currentDateTimeUtc();
        a.connectorName = QStringLiteral("main-store");
        a.orderId = 1;
        a.orderTranId = QStringLiteral("SO1");
        a.fulfillmentId = 10;
        a.outcome = SyncOutcome::Pushed;
        a.message = message;
        a.request = QStringLiteral("{\"query\":\"fulfillmentCreate\"}");
        return history.append(a);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY2(TempDatabase::postgresAvailable(), TempDatabase::kPostgresMissing);
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Postgres);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    }
    void cleanup() { m_temp.reset(); }

    // A 3PL connector's held attempt can be replayed from the pane (its Replay tries the
    // order's held shipments again, though there is no item fulfillment yet); its other
    // attempts cannot, and none is replayed "as recorded".
    void a3plHeldAttemptCanBeReplayed()
    {
        Connector threePl;
        threePl.name = QStringLiteral("Warehouse 3PL");
        threePl.kind = Connector::threePlKind();
        threePl.channel = QString();
        threePl.endpoint = QStringLiteral("https://ssapi.shipstation.com");
        QVERIFY(ConnectorRepository(m_temp->database().connection()).save(threePl));
        auto attempt = [&](SyncOutcome outcome, qint64 fulfillmentId) {
            SyncAttempt a;
            a.occurredAt = QDateTime::currentDateTimeUtc();
            a.connectorId = threePl.id;
            a.connectorName = threePl.name;
            a.orderId = 1003;
            a.fulfillmentId = fulfillmentId;
            a.outcome = outcome;
            a.request = QStringLiteral("{}");
            return HistoryRepository(m_temp->database().connection()).append(a);
        };
        const AttemptDetail held =
            AttemptDetailPane::read(m_temp->database(), attempt(SyncOutcome::Held, 0));
        QVERIFY(held.canReplay);
        QVERIFY(!held.canReplayAsRecorded);
        const AttemptDetail pushed =
            AttemptDetailPane::read(m_temp->database(), attempt(SyncOutcome::Pushed, 101246));
        QVERIFY(!pushed.canReplay);
        QVERIFY(!pushed.canReplayAsRecorded);
        // A channel connector's push keeps both.
        const AttemptDetail channel =
            AttemptDetailPane::read(m_temp->database(), addAttempt(QStringLiteral("x")));
        QVERIFY(channel.canReplay);
        QVERIFY(channel.canReplayAsRecorded);
    }

    void attemptPaneDoesNotWaitForTheDatabase()
    {
        const qint64 first = addAttempt(QStringLiteral("first attempt"));
        const qint64 second = addAttempt(QStringLiteral("second attempt"));
        const qint64 third = addAttempt(QStringLiteral("third attempt"));
        AttemptDetailPane pane(m_temp->database());
        QPushButton *replay = nullptr;
        for (QPushButton *b : pane.findChildren<QPushButton *>())
            if (b->text() == AttemptDetailPane::tr("Re&play"))
                replay = b;
        QVERIFY(replay);
        pane.showAttempt(first);
        QTRY_VERIFY(pane.text().contains(QStringLiteral("first attempt")));
        QVERIFY(replay->isEnabled());
        QSignalSpy shown(&pane, &AttemptDetailPane::shown);
        bool locked = false;
        std::atomic<bool> released;
        std::thread holder = lockFor(QStringLiteral("sync_attempts"), 3000, &locked, &released);
        pane.showAttempt(second);
        pane.showAttempt(third);
        const bool returnedWhileLocked = !released.load();
        // Until the third's details are read, nothing offers to replay the first.
        QVERIFY(!replay->isEnabled());
        holder.join();
        QVERIFY(locked);
        QVERIFY(returnedWhileLocked); // the GUI thread never waited for the lock
        QTRY_VERIFY_WITH_TIMEOUT(pane.text().contains(QStringLiteral("third attempt")), 10000);
        QCOMPARE(shown.count(), 1); // the second selection's answer was dropped
        QCOMPARE(shown.at(0).at(0).toLongLong(), third);
        QCOMPARE(pane.attemptId(), third);
        QVERIFY(replay->isEnabled());
    }

    void orderPaneDoesNotWaitForTheDatabase()
    {
        OrderRepository orders(m_temp->database().connection());
        SalesOrder order;
        order.id = 1;
        order.tranId = QStringLiteral("SO1");
        order.tranDate = QStringLiteral("2026-11-20");
        order.customer = QStringLiteral("Waiting Customer");
        order.status = QStringLiteral("B");
        QVERIFY2(orders.upsertOrders({order}), qPrintable(orders.lastError()));
        OrderDetailPane pane(m_temp->database());
        QSignalSpy shown(&pane, &OrderDetailPane::shown);
        bool locked = false;
        std::atomic<bool> released;
        std::thread holder = lockFor(QStringLiteral("sales_orders"), 3000, &locked, &released);
        pane.showOrder(1);
        const bool returnedWhileLocked = !released.load();
        holder.join();
        QVERIFY(locked);
        QVERIFY(returnedWhileLocked); // the GUI thread never waited for the lock
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
        QVERIFY(pane.text().contains(QStringLiteral("Item fulfillments")));
    }

    // The pane's proof: NetSuite, what was sent and what the channel showed, as a table with
    // the disagreeing side marked; "Read the channel now" asks for this order and connector.
    void orderPaneShowsTheOrderThreeWays()
    {
        QSqlDatabase db = m_temp->database().connection();
        Connector store;
        store.name = QStringLiteral("main-store");
        store.unmappedPolicy = UnmappedPolicy::UseDefault; // SKU = NetSuite item name
        QVERIFY(ConnectorRepository(db).save(store));
        SalesOrder order;
        order.id = 7;
        order.tranId = QStringLiteral("SO7");
        order.tranDate = QStringLiteral("2026-11-20");
        order.channel = QStringLiteral("Shopify");
        order.channelOrder = QStringLiteral("5007");
        order.status = QStringLiteral("F");
        ItemFulfillment f;
        f.id = 70;
        f.orderId = 7;
        f.tranId = QStringLiteral("IF70");
        f.tranDate = QStringLiteral("2026-11-20");
        f.shipStatus = ShipStatus::Shipped;
        f.lines = {{1, 1, 501, QStringLiteral("MUG-BLUE"), 2, 1, QStringLiteral("Main")}};
        f.trackingNumbers = {QStringLiteral("1Z70")};
        OrderRepository orders(db);
        QVERIFY2(orders.upsertOrders({order}), qPrintable(orders.lastError()));
        QVERIFY2(orders.upsertFulfillments({f}), qPrintable(orders.lastError()));
        LedgerRepository ledger(db);
        LedgerEntry sent;
        sent.connectorId = store.id;
        sent.fulfillmentId = 70;
        sent.orderId = 7;
        sent.channelOrder = QStringLiteral("5007");
        sent.trackingNumbers = {QStringLiteral("1Z70")};
        sent.quantity = 2;
        QVERIFY2(ledger.insertPending(sent), qPrintable(ledger.lastError()));
        QVERIFY(ledger.markPushed(store.id, 70, QStringLiteral("4100000070"),
                                  QDateTime::currentDateTimeUtc()));
        ReconciliationReading reading;
        reading.fulfillmentId = 70;
        reading.fulfillmentTranId = QStringLiteral("IF70");
        reading.channelFulfillmentId = QStringLiteral("4100000070");
        reading.verdict = QStringLiteral("quantity_differs");
        reading.checkedAt = QDateTime::currentDateTimeUtc();
        reading.channelTracking = {QStringLiteral("1Z70")};
        reading.channelQuantityBySku = {{QStringLiteral("MUG-BLUE"), 1}};
        QVERIFY(ReconciliationRepository(db).replaceOrder(store.id, 7, {reading}));

        OrderDetailPane pane(m_temp->database());
        QSignalSpy shown(&pane, &OrderDetailPane::shown);
        pane.showOrder(7);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
        QTableWidget *table = pane.proof()->table();
        QCOMPARE(table->rowCount(), 1);
        const auto cell = [&](int column) {
            return table->item(0, column);
        };
        QCOMPARE(cell(ThreeWayTable::FulfillmentColumn)->text(), QStringLiteral("IF70"));
        QCOMPARE(cell(ThreeWayTable::SkuColumn)->text(), QStringLiteral("MUG-BLUE"));
        QCOMPARE(cell(ThreeWayTable::NetSuiteQuantityColumn)->text(), QStringLiteral("2"));
        QCOMPARE(cell(ThreeWayTable::ChannelQuantityColumn)->text(), QStringLiteral("1"));
        QVERIFY(cell(ThreeWayTable::SentColumn)->text().contains(QStringLiteral("4100000070")));
        // The channel's side is marked, NetSuite's and the ledger's are not.
        QVERIFY(cell(ThreeWayTable::ChannelQuantityColumn)->background().style() != Qt::NoBrush);
        QCOMPARE(cell(ThreeWayTable::NetSuiteQuantityColumn)->background().style(), Qt::NoBrush);
        QCOMPARE(cell(ThreeWayTable::SentColumn)->background().style(), Qt::NoBrush);
        QVERIFY(cell(ThreeWayTable::DisagreementColumn)->text().contains(QStringLiteral("has 1")));
        QVERIFY(pane.proof()->asOfText().contains(QStringLiteral("last reconciliation")));

        QSignalSpy read(&pane, &OrderDetailPane::channelReadRequested);
        QVERIFY(pane.proof()->readButton()->isEnabled());
        pane.proof()->readButton()->click();
        QCOMPARE(read.count(), 1);
        QCOMPARE(read.first().at(0).toLongLong(), 7);
        QCOMPARE(read.first().at(1).value<QList<qint64>>(), QList<qint64>{store.id});
        QVERIFY(!pane.proof()->readButton()->isEnabled()); // until the reading is in
    }
};

QTEST_MAIN(TestDetailPanes)
#include "tst_detailpanes.moc"
