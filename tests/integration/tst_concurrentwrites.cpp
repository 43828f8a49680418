// Passes of different connectors, in different workers, store what they read of NetSuite into
// the same shared rows at the same time. On PostgreSQL two such transactions must not deadlock
// (rows are written in id order), a transaction that loses a deadlock or a serialization
// conflict anyway is run again instead of failing its pass, and any other error still fails at
// once. Each writer runs on a thread of its own with its own connection, as workers would.

#include "models/domain/domain.h"
#include "models/storage/orderrepository.h"
#include "models/storage/sqlerror.h"
#include "testutils/tempdatabase.h"

#include <QMutex>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <atomic>
#include <barrier>
#include <functional>
#include <memory>

using namespace fulfillsync;
using namespace fulfillsync::test;

namespace {

SalesOrder order(qint64 id, const QString &customer)
{
    static const QString channels[] = {QStringLiteral("Shopify"), QStringLiteral("Amazon"),
                                       QStringLiteral("eBay")};
    SalesOrder o;
    o.id = id;
    o.tranId = QStringLiteral("SO%1").arg(id);
    o.tranDate = QStringLiteral("2026-12-01");
    o.customer = customer;
    o.channel = channels[id % 3]; // every pass stores every channel's orders
    o.channelOrder = QStringLiteral("#%1").arg(1000 + id);
    o.status = QStringLiteral("B");
    o.lastModified = QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC).addSecs(id);
    o.lines = {{1, 100 + id, QStringLiteral("Widget"), 2, 0},
               {2, 200 + id, QStringLiteral("Gadget"), 1, 0}};
    return o;
}

// Runs one statement; the error text, empty when it succeeded.
QString exec(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    QString error;
    return runQuery(q, sql, values, &error) ? QString() : error;
}

// A session setting: SET cannot be prepared, so it runs as it is (fixed text, never input).
QString set(QSqlDatabase db, const char *setting)
{
    QSqlQuery q(db);
    return q.exec(QLatin1String(setting)) ? QString() : q.lastError().text();
}

QVariant scalar(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    QString error;
    if (!runQuery(q, sql, values, &error) || !q.next())
        return {};
    return q.value(0);
}

// The job on a thread of its own, with that thread's own connection (closed when it ends).
std::unique_ptr<QThread> onOwnConnection(Database &database,
                                         std::function<void(QSqlDatabase db)> job)
{
    std::unique_ptr<QThread> thread(QThread::create([&database, job = std::move(job)] {
        job(database.connection());
        database.closeThreadConnection();
    }));
    thread->start();
    return thread;
}

// Whether the server session `pid` is waiting for a lock another session holds.
bool waitsForLock(QSqlDatabase db, int pid)
{
    return pid != 0 &&
           scalar(db, QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE pid = ? AND NOT granted"),
                  {pid})
                   .toInt() > 0;
}

// The storage log's "running it again" lines, from every thread, while it exists.
class RerunLog final
{
public:
    RerunLog()
    {
        QMutexLocker lock(&s_mutex);
        s_lines = &m_lines;
        s_previous = qInstallMessageHandler(&RerunLog::handle);
    }
    ~RerunLog()
    {
        qInstallMessageHandler(s_previous);
        QMutexLocker lock(&s_mutex);
        s_lines = nullptr;
    }
    qsizetype count()
    {
        QMutexLocker lock(&s_mutex);
        return m_lines.size();
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        QMutexLocker lock(&s_mutex);
        if (s_lines && qstrcmp(context.category, "fulfillsync.storage") == 0 &&
            message.contains(u"running it again"))
            *s_lines << message;
        if (s_previous)
            s_previous(type, context, message);
    }
    static inline QMutex s_mutex;
    static inline QStringList *s_lines = nullptr;
    static inline QtMessageHandler s_previous = nullptr;
    QStringList m_lines;
};

} // namespace

class TestConcurrentWrites : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overlappingStoresInOppositeOrders_data()
    {
        TempDatabase::addEngineRows(); // without PostgreSQL, its own tests below fail
    }

    // Two passes store the same 60 orders at once, one in ascending, one in descending order,
    // twenty times. Locking in the order given, each would hold half the rows the other needs
    // next: a deadlock nearly every round on PostgreSQL. In id order one waits for the other.
    void overlappingStoresInOppositeOrders()
    {
        QFETCH(TempDatabase::Engine, engine);
        TempDatabase temp(engine);
        QVERIFY2(temp.isValid(), qPrintable(temp.error()));
        constexpr int kOrders = 60;
        constexpr int kRounds = 20;
        QList<SalesOrder> ascending;
        for (int id = 1; id <= kOrders; ++id)
            ascending << order(id, QStringLiteral("Customer %1").arg(id));
        const QList<SalesOrder> descending(ascending.crbegin(), ascending.crend());

        std::barrier rounds(2);
        QStringList failures[2]; // each writer's own
        const auto writer = [&](int which, const QList<SalesOrder> &orders) {
            return [&, which, orders](QSqlDatabase db) {
                // A deadlock is found after this wait, not the default second: a deadlock
                // costs 20 ms, not a second of the test's time.
                if (engine == TempDatabase::Engine::Postgres)
                    if (const QString e = set(db, "SET deadlock_timeout = 20"); !e.isEmpty())
                        failures[which] << e;
                OrderRepository repository(db);
                for (int round = 0; round < kRounds; ++round) {
                    rounds.arrive_and_wait();
                    // Inside the caller's transaction a store runs once (only the outermost
                    // transaction is run again): a deadlock is a failure here, not a rerun.
                    Transaction outer(db);
                    QString error;
                    if (!repository.upsertOrders(orders))
                        failures[which] << repository.lastError();
                    else if (!outer.commit(&error))
                        failures[which] << error;
                }
            };
        };
        {
            const auto first = onOwnConnection(temp.database(), writer(0, ascending));
            const auto second = onOwnConnection(temp.database(), writer(1, descending));
            QVERIFY(first->wait(120000));
            QVERIFY(second->wait(120000));
        }
        const QStringList failed = failures[0] + failures[1];
        QVERIFY2(failed.isEmpty(),
                 qPrintable(QStringLiteral("%1 of %2 stores failed; the first: %3")
                                .arg(failed.size())
                                .arg(2 * kRounds)
                                .arg(failed.value(0))));
        QSqlDatabase db = temp.database().connection();
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM sales_orders")).toInt(), kOrders);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM sales_order_lines")).toInt(),
                 2 * kOrders);
    }

    // The repository's transaction holds order 1 and waits for order 2, which another session
    // holds and then asks for order 1: a real deadlock, found by the repository's session (its
    // deadlock_timeout runs out long before the other's), which loses it. The store is run
    // again once the other session commits, and succeeds: everything stored once.
    void aLostDeadlockIsRunAgain()
    {
        QVERIFY2(TempDatabase::postgresAvailable(), TempDatabase::kPostgresMissing);
        TempDatabase temp(TempDatabase::Engine::Postgres);
        QVERIFY2(temp.isValid(), qPrintable(temp.error()));
        QSqlDatabase db = temp.database().connection();
        QVERIFY(OrderRepository(db).upsertOrders(
            {order(1, QStringLiteral("before")), order(2, QStringLiteral("before"))}));
        Database other(DatabaseUrl::parse(temp.url()));
        QString error;
        QSqlDatabase blocker = other.connection(&error);
        QVERIFY2(blocker.isOpen(), qPrintable(error));
        QCOMPARE(set(blocker, "SET deadlock_timeout = '1min'"), QString());

        RerunLog reruns;
        bool stored = false;
        QString storeError;
        // Should the machine stall for longer than the repository session's deadlock_timeout
        // between its wait and the other session's, the other session is the one to find the
        // deadlock: the scenario did not happen, and is set up again.
        for (int setup = 0; setup < 3; ++setup) {
            QVERIFY(blocker.transaction());
            QCOMPARE(
                exec(blocker,
                     QStringLiteral("UPDATE sales_orders SET customer = 'blocker' WHERE id = 2")),
                QString());
            std::atomic<int> pid = 0;
            std::unique_ptr<QThread> store;
            const auto release = qScopeGuard([&] { // a failed check leaves no thread waiting
                if (store && store->isRunning()) {
                    blocker.rollback();
                    store->wait();
                }
            });
            store = onOwnConnection(temp.database(), [&](QSqlDatabase own) {
                set(own, "SET deadlock_timeout = '1s'");
                OrderRepository repository(own);
                pid = scalar(own, QStringLiteral("SELECT pg_backend_pid()")).toInt();
                stored = repository.upsertOrders(
                    {order(1, QStringLiteral("stored")), order(2, QStringLiteral("stored"))});
                storeError = repository.lastError();
            });
            QVERIFY(QTest::qWaitFor([&] { return waitsForLock(db, pid); }, 20000));
            // Returns once the repository's transaction has let go of order 1: it cannot have
            // committed (it waits for order 2, held here), so it lost the deadlock.
            const QString lost =
                exec(blocker, QStringLiteral("UPDATE sales_orders SET customer = 'blocker' "
                                             "WHERE id = 1"));
            if (!lost.isEmpty()) {
                QVERIFY2(lost.contains(u"40P01"), qPrintable(lost));
                blocker.rollback();
                QVERIFY(store->wait(30000));
                continue;
            }
            QVERIFY(blocker.commit());
            QVERIFY(store->wait(30000));
            QVERIFY2(stored, qPrintable(storeError));
            QVERIFY(reruns.count() >= 1);
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM sales_orders WHERE "
                                               "customer = 'stored'"))
                         .toInt(),
                     2);
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM sales_order_lines")).toInt(),
                     4);
            return;
        }
        QFAIL("the other session found the deadlock first in every setup");
    }

    // A serialization failure (40001, here: a row changed by another session after this
    // repeatable-read transaction took its snapshot) is run again, from the start.
    void aSerializationFailureIsRunAgain()
    {
        QVERIFY2(TempDatabase::postgresAvailable(), TempDatabase::kPostgresMissing);
        TempDatabase temp(TempDatabase::Engine::Postgres);
        QVERIFY2(temp.isValid(), qPrintable(temp.error()));
        QSqlDatabase db = temp.database().connection();
        QVERIFY(OrderRepository(db).upsertOrders({order(1, QStringLiteral("mine"))}));
        Database other(DatabaseUrl::parse(temp.url()));
        QString error;
        QSqlDatabase otherDb = other.connection(&error);
        QVERIFY2(otherDb.isOpen(), qPrintable(error));

        int runs = 0;
        const bool ok = runTransaction(
            db,
            [&] {
                ++runs;
                QSqlQuery q(db);
                if (!set(db, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").isEmpty() ||
                    !runQuery(q, QStringLiteral("SELECT customer FROM sales_orders WHERE id = 1"),
                              {}, &error))
                    return false;
                if (runs == 1 &&
                    !exec(otherDb, QStringLiteral("UPDATE sales_orders SET customer = 'theirs' "
                                                  "WHERE id = 1"))
                         .isEmpty())
                    return false;
                return runQuery(q,
                                QStringLiteral("UPDATE sales_orders SET customer = customer || "
                                               "' then mine' WHERE id = 1"),
                                {}, &error);
            },
            &error);
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(runs, 2);
        QCOMPARE(scalar(db, QStringLiteral("SELECT customer FROM sales_orders WHERE id = 1")),
                 QVariant(QStringLiteral("theirs then mine")));
    }

    void anyOtherFailureIsNotRunAgain_data()
    {
        TempDatabase::addEngineRows(); // without PostgreSQL, its own tests below fail
    }

    // A duplicate key fails the same way however often it is tried: once, and reported.
    void anyOtherFailureIsNotRunAgain()
    {
        QFETCH(TempDatabase::Engine, engine);
        TempDatabase temp(engine);
        QVERIFY2(temp.isValid(), qPrintable(temp.error()));
        QSqlDatabase db = temp.database().connection();
        OrderRepository orders(db);
        QVERIFY(orders.upsertOrders({order(1, QStringLiteral("first"))}));

        int runs = 0;
        QString error;
        const bool ok = runTransaction(
            db,
            [&] {
                ++runs;
                QSqlQuery q(db);
                return runQuery(q,
                                QStringLiteral("INSERT INTO sales_orders (id, tran_id) VALUES "
                                               "(1, 'SO1')"),
                                {}, &error);
            },
            &error);
        QVERIFY(!ok);
        QCOMPARE(runs, 1);
        QVERIFY(!error.isEmpty());

        // The repository's own: a page with an order whose lines repeat a line fails whole.
        SalesOrder broken = order(3, QStringLiteral("broken"));
        broken.lines << broken.lines.first();
        QVERIFY(!orders.upsertOrders({order(2, QStringLiteral("fine")), broken}));
        QVERIFY(!orders.lastError().isEmpty());
        QVERIFY(!orders.order(2));
        QVERIFY(!orders.order(3));
    }

    // Two passes store the members of a kit neither has seen before at the same time: the
    // second's insert waits for the first's, and once that commits updates it instead of
    // failing on the duplicate key.
    void aKitStoredByTwoPassesAtOnce()
    {
        QVERIFY2(TempDatabase::postgresAvailable(), TempDatabase::kPostgresMissing);
        TempDatabase temp(TempDatabase::Engine::Postgres);
        QVERIFY2(temp.isValid(), qPrintable(temp.error()));
        QSqlDatabase db = temp.database().connection();
        Database other(DatabaseUrl::parse(temp.url()));
        QString error;
        QSqlDatabase first = other.connection(&error);
        QVERIFY2(first.isOpen(), qPrintable(error));
        QVERIFY(first.transaction());
        QCOMPARE(exec(first, QStringLiteral("INSERT INTO kit_members (kit_item_id, "
                                            "member_item_id, member_name, quantity) VALUES "
                                            "(5, 1, 'Bolt (old name)', 3)")),
                 QString());

        const QList<KitMember> members{{5, 1, QStringLiteral("Bolt"), 2},
                                       {5, 2, QStringLiteral("Nut"), 4}};
        std::atomic<int> pid = 0;
        bool stored = false;
        QString storeError;
        std::unique_ptr<QThread> store;
        const auto release = qScopeGuard([&] { // a failed check leaves no thread waiting
            if (store && store->isRunning()) {
                first.rollback();
                store->wait();
            }
        });
        store = onOwnConnection(temp.database(), [&](QSqlDatabase own) {
            OrderRepository repository(own);
            pid = scalar(own, QStringLiteral("SELECT pg_backend_pid()")).toInt();
            stored = repository.replaceKitMembers({5}, members);
            storeError = repository.lastError();
        });
        QVERIFY(QTest::qWaitFor([&] { return waitsForLock(db, pid); }, 20000));
        QVERIFY(first.commit());
        QVERIFY(store->wait(30000));
        QVERIFY2(stored, qPrintable(storeError));
        QCOMPARE(OrderRepository(db).kitMembers().value(5), members);
    }
};

QTEST_GUILESS_MAIN(TestConcurrentWrites)
#include "tst_concurrentwrites.moc"
