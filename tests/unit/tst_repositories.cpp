// The repositories against real SQLite and real PostgreSQL (the test command starts one and
// sets FULFILLSYNC_TEST_PG_URL). Each test function runs once per engine.

#include "models/domain/timestamps.h"
#include "models/storage/changenotifier.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/databaseurl.h"
#include "models/storage/historyrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/leaserepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/migrations.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "models/storage/sqlerror.h"
#include "models/storage/threeplrepository.h"
#include "models/storage/watermarkrepository.h"
#include "testutils/tempdatabase.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestRepositories : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    QSqlDatabase db() { return m_temp->database().connection(); }

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
    }

    void cleanup() { m_temp.reset(); }

    void migrationsAreVersionedAndIdempotent()
    {
        QSqlDatabase connection = db();
        const auto dialect = m_temp->database().isSqlite() ? Migrations::Dialect::Sqlite
                                                           : Migrations::Dialect::Postgres;
        QCOMPARE(Migrations::currentVersion(connection), Migrations::latestVersion(dialect));
        QVERIFY(Migrations::latestVersion(dialect) >= 1);
        QString error;
        QVERIFY2(Migrations::apply(connection, dialect, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(connection), Migrations::latestVersion(dialect));
    }

    // Upgrading to the inbox (migration 14) brings what already waited for a person into it:
    // quarantined fulfillments as failed or held, ledger flags as flagged.
    void theInboxStartsWithWhatAlreadyWaits()
    {
        QSqlDatabase connection = db();
        QSqlQuery q(connection);
        Connector c;
        c.name = QStringLiteral("main-store");
        c.endpoint = QStringLiteral("https://acme.myshopify.com");
        QVERIFY(ConnectorRepository(connection).save(c));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE inbox_items")));
        QVERIFY(
            q.exec(QStringLiteral("UPDATE meta SET value = '13' WHERE key = 'schema_version'")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO sales_orders (id, tran_id) VALUES (7, 'SO7')")));
        const QString now = QStringLiteral("2026-12-01T10:00:00.000Z");
        for (const auto &[fulfillment, until] :
             {std::pair{71, QStringLiteral("2026-12-01T10:05:00.000Z")},
              std::pair{72, QStringLiteral("9999-12-31T00:00:00.000Z")}}) {
            q.prepare(QStringLiteral("INSERT INTO sync_quarantine (connector_id, fulfillment_id, "
                                     "order_id, retry_count, last_try_at, ignore_until, "
                                     "last_error) VALUES (?, ?, 7, 1, ?, ?, 'trouble')"));
            q.addBindValue(c.id);
            q.addBindValue(fulfillment);
            q.addBindValue(now);
            q.addBindValue(until);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        q.prepare(QStringLiteral("INSERT INTO pushed_fulfillments (connector_id, fulfillment_id, "
                                 "order_id, channel_order, state, created_at, completed_at) "
                                 "VALUES (?, 73, 7, '5001', 'attention', ?, ?)"));
        q.addBindValue(c.id);
        q.addBindValue(now);
        q.addBindValue(now);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QString error;
        const auto dialect = m_temp->database().isSqlite() ? Migrations::Dialect::Sqlite
                                                           : Migrations::Dialect::Postgres;
        QVERIFY2(Migrations::apply(connection, dialect, &error, 14), qPrintable(error));
        // Then 0019 (15 to 18 are in place already): the table is keyed by subject now, every
        // row kept.
        for (const char *column : {"tries", "next_try_at"})
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE threepl_shipments DROP COLUMN ") +
                           QLatin1String(column)));
        QVERIFY(
            q.exec(QStringLiteral("UPDATE meta SET value = '18' WHERE key = 'schema_version'")));
        // Only 0019: the later ones are in place already too.
        QVERIFY2(Migrations::apply(connection, dialect, &error, 19), qPrintable(error));
        QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'schema_version'")
                           .arg(Migrations::latestVersion(dialect))));
        InboxRepository inbox(connection);
        QCOMPARE(inbox.openCount(), 3);
        QVERIFY(inbox.item(c.id, 71));
        QCOMPARE(inbox.item(c.id, 71)->subject, InboxSubject::Fulfillment);
        QCOMPARE(inbox.item(c.id, 71)->problem, InboxProblem::Failed);
        QCOMPARE(inbox.item(c.id, 72)->problem, InboxProblem::Held);
        QCOMPARE(inbox.item(c.id, 73)->problem, InboxProblem::Flagged);
        QCOMPARE(inbox.item(c.id, 71)->orderTranId, QStringLiteral("SO7"));
        QCOMPARE(inbox.item(c.id, 71)->message, QStringLiteral("trouble"));
    }

    void newerSchemaIsRefused()
    {
        QSqlDatabase connection = db();
        QSqlQuery q(connection);
        QVERIFY(
            q.exec(QStringLiteral("UPDATE meta SET value = '999' WHERE key = 'schema_version'")));
        QString error;
        const auto dialect = m_temp->database().isSqlite() ? Migrations::Dialect::Sqlite
                                                           : Migrations::Dialect::Postgres;
        QVERIFY(!Migrations::apply(connection, dialect, &error));
        QVERIFY(error.contains(QStringLiteral("999")));
    }

    void connectorsRoundTrip()
    {
        ConnectorRepository repo(db());
        Connector c;
        c.name = QStringLiteral("main-store");
        c.endpoint = QStringLiteral("https://acme.myshopify.com");
        c.triggerStatuses = {QStringLiteral("D"), QStringLiteral("H")};
        c.unmappedPolicy = UnmappedPolicy::UseDefault;
        c.defaultCarrier = QStringLiteral("Other");
        c.kitRule = KitRule::Members;
        QVERIFY2(repo.save(c), qPrintable(repo.lastError()));
        QVERIFY(c.id > 0);
        QCOMPARE(repo.byId(c.id).value(), c);
        c.enabled = false;
        QVERIFY(repo.save(c));
        QCOMPARE(repo.byName(QStringLiteral("main-store"))->enabled, false);
        Connector duplicate;
        duplicate.name = c.name;
        QVERIFY(!repo.save(duplicate)); // names are unique
        QVERIFY(!repo.lastError().isEmpty());
        QVERIFY(repo.saveAccount(
            {QStringLiteral("1234567_SB1"), QStringLiteral("http://127.0.0.1:1")}));
        QVERIFY(repo.saveAccount({QStringLiteral("1234567_SB1"), QString()}));
        QCOMPARE(repo.account()->baseUrl, QString());
        QVERIFY(repo.remove(c.id));
        QVERIFY(!repo.byId(c.id));
    }

    void mappingsReplaceInOneTransaction()
    {
        ConnectorRepository connectors(db());
        Connector c;
        c.name = QStringLiteral("m");
        QVERIFY(connectors.save(c));
        MappingRepository repo(db());
        const QList<MappingRule> rules = {{MappingKind::ShipMethod,
                                           QStringLiteral("12"),
                                           QStringLiteral("UPS Ground"),
                                           QStringLiteral("UPS"),
                                           {}},
                                          {MappingKind::Item,
                                           QStringLiteral("503"),
                                           QStringLiteral("CAP"),
                                           QStringLiteral("CAP-BLK"),
                                           {}}};
        QVERIFY(repo.replace(c.id, rules));
        QCOMPARE(repo.rules(c.id).size(), 2);
        // The same key twice collapses to one rule (upsert), it never stores two.
        QVERIFY(repo.replace(c.id, {rules.first(), rules.first()}));
        QCOMPARE(repo.rules(c.id).size(), 1);
        QVERIFY(repo.replace(c.id, {rules.first()}));
        QCOMPARE(repo.rules(c.id), QList<MappingRule>{rules.first()});
    }

    void ordersAndFulfillmentsUpsert()
    {
        OrderRepository repo(db());
        SalesOrder order;
        order.id = 1001;
        order.tranId = QStringLiteral("SO1001");
        order.status = QStringLiteral("B");
        order.channel = QStringLiteral("Shopify");
        order.channelOrder = QStringLiteral("5001");
        order.lastModified = QDateTime(QDate(2026, 11, 19), QTime(9, 0), Qt::UTC);
        order.lines = {{1, 501, QStringLiteral("TSHIRT"), 2, 0},
                       {2, 502, QStringLiteral("MUG"), 1, 0}};
        QVERIFY2(repo.upsertOrders({order}), qPrintable(repo.lastError()));
        order.status = QStringLiteral("F");
        order.lines.removeLast();
        QVERIFY(repo.upsertOrders({order}));
        QCOMPARE(repo.order(1001).value(), order);

        // A header seen on a fulfillment row keeps the cached lines and last-modified time.
        SalesOrder header = order;
        header.lines.clear();
        header.lastModified = {};
        header.status = QStringLiteral("G");
        QVERIFY(repo.upsertOrderHeaders({header}));
        QCOMPARE(repo.order(1001)->lines.size(), 1);
        QCOMPARE(repo.order(1001)->lastModified, order.lastModified);
        QCOMPARE(repo.order(1001)->status, QStringLiteral("G"));

        ItemFulfillment f;
        f.id = 2001;
        f.orderId = 1001;
        f.tranId = QStringLiteral("IF2001");
        f.shipStatus = ShipStatus::Shipped;
        f.lastModified = QDateTime(QDate(2026, 11, 19), QTime(15, 4, 5), Qt::UTC);
        f.lines = {{11, 1, 501, QStringLiteral("TSHIRT"), 2, 1, QStringLiteral("Main")}};
        f.trackingNumbers = {QStringLiteral("1Z1"), QStringLiteral("1Z2")};
        QVERIFY2(repo.upsertFulfillments({f}), qPrintable(repo.lastError()));
        f.trackingNumbers = {QStringLiteral("1Z3")};
        QVERIFY(repo.upsertFulfillments({f}));
        QCOMPARE(repo.fulfillmentsOfOrder(1001), QList<ItemFulfillment>{f});

        QVERIFY(repo.updateSyncState(1001, QStringLiteral("synced"), QString(), 2,
                                     QDateTime::currentDateTimeUtc()));
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral(
                    "SELECT sync_state, pushed_qty FROM sales_orders WHERE id = 1001")) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("synced"));
        QCOMPARE(q.value(1).toDouble(), 2.0);
    }

    void ledgerIsTheLastLineOfDefence()
    {
        ConnectorRepository connectors(db());
        Connector c;
        c.name = QStringLiteral("l");
        QVERIFY(connectors.save(c));
        LedgerRepository ledger(db());
        LedgerEntry e;
        e.connectorId = c.id;
        e.fulfillmentId = 2001;
        e.orderId = 1001;
        e.channelOrder = QStringLiteral("5001");
        e.trackingNumbers = {QStringLiteral("1Z1")};
        QVERIFY2(ledger.insertPending(e), qPrintable(ledger.lastError()));
        bool exists = false;
        QVERIFY(!ledger.insertPending(e, &exists));
        QVERIFY(exists);
        QCOMPARE(ledger.entry(c.id, 2001)->state, LedgerState::Pending);
        QVERIFY(ledger.markAmbiguous(c.id, 2001));
        QCOMPARE(ledger.entry(c.id, 2001)->state, LedgerState::Ambiguous);
        QVERIFY(
            ledger.markPushed(c.id, 2001, QStringLiteral("77"), QDateTime::currentDateTimeUtc()));
        QCOMPARE(ledger.entry(c.id, 2001)->channelFulfillmentId, QStringLiteral("77"));
        QVERIFY(ledger.removeUnconfirmed(c.id, 2001)); // never removes a pushed entry
        QVERIFY(ledger.entry(c.id, 2001).has_value());
        QCOMPARE(ledger.countInState(LedgerState::Pushed), 1);
        QCOMPARE(ledger.entriesOfOrder(c.id, 1001).size(), 1);
    }

    // The outbox intents of a batch go in one synced commit: all of them or none, and an entry
    // another writer holds is reported, not overwritten.
    void intentsOfABatchAreStoredTogether()
    {
        ConnectorRepository connectors(db());
        Connector c;
        c.name = QStringLiteral("batch");
        QVERIFY(connectors.save(c));
        LedgerRepository ledger(db());
        const auto intent = [&c](qint64 fulfillmentId, qint64 connectorId = 0) {
            LedgerEntry e;
            e.connectorId = connectorId ? connectorId : c.id;
            e.fulfillmentId = fulfillmentId;
            e.orderId = 1001;
            e.channelOrder = QStringLiteral("5001");
            e.payload = QStringLiteral("{}");
            return e;
        };
        QVERIFY(ledger.insertPending(intent(3002)));
        QList<bool> exists;
        QVERIFY2(ledger.insertIntents({intent(3001), intent(3002), intent(3003)}, &exists),
                 qPrintable(ledger.lastError()));
        QCOMPARE(exists, (QList<bool>{false, true, false}));
        QCOMPARE(ledger.entriesOfOrder(c.id, 1001).size(), 3);
        // One that cannot be stored (no such connector): nothing of the batch is.
        QVERIFY(!ledger.insertIntents({intent(3004), intent(3005, c.id + 1000), intent(3006)},
                                      &exists));
        QVERIFY(!ledger.lastError().isEmpty());
        QVERIFY(!ledger.entry(c.id, 3004).has_value());
        QVERIFY(!ledger.entry(c.id, 3006).has_value());
    }

    void kitMembersAndQuarantineByOrder()
    {
        OrderRepository orders(db());
        QVERIFY2(orders.replaceKitMembers({600, 700}, {{600, 501, QStringLiteral("SHIRT"), 1},
                                                       {600, 502, QStringLiteral("MUG"), 2},
                                                       {700, 503, QStringLiteral("CAP"), 1}}),
                 qPrintable(orders.lastError()));
        QCOMPARE(orders.kitMembers().size(), 2);
        ItemFulfillment f;
        f.lines = {{1, 1, 600, QStringLiteral("GIFT-SET"), 2, 1, {}, QStringLiteral("Kit")},
                   {2, 2, 503, QStringLiteral("CAP"), 1, 1, {}, QStringLiteral("InvtPart")}};
        const auto kits = orders.kitMembersOf({f});
        QCOMPARE(kits.keys(), QList<qint64>{600}); // only the kit this fulfillment ships
        QCOMPARE(kits.value(600).size(), 2);
        QCOMPARE(kits.value(600).at(1).quantity, 2.0);
        f.lines.removeFirst();
        QVERIFY(orders.kitMembersOf({f}).isEmpty());
        // Re-reading a kit replaces its members.
        QVERIFY(orders.replaceKitMembers({600}, {{600, 501, QStringLiteral("SHIRT"), 3}}));
        QCOMPARE(orders.kitMembers().value(600).size(), 1);

        ConnectorRepository connectors(db());
        Connector a, b;
        a.name = QStringLiteral("a");
        b.name = QStringLiteral("b");
        QVERIFY(connectors.save(a) && connectors.save(b));
        QuarantineRepository quarantine(db());
        const auto entry = [](qint64 connector, qint64 fulfillment, qint64 order) {
            return QuarantineEntry{connector, fulfillment, order, 1, {}, {}, {}, {}};
        };
        QVERIFY2(quarantine.save(entry(a.id, 2001, 1001)), qPrintable(quarantine.lastError()));
        QVERIFY(quarantine.save(entry(a.id, 2002, 1002)));
        QVERIFY(quarantine.save(entry(b.id, 2003, 1001)));
        const auto ofOrder = quarantine.entriesOfOrder(a.id, 1001);
        QCOMPARE(ofOrder.size(), 1);
        QCOMPARE(ofOrder.first().fulfillmentId, 2001);
    }

    // "quarantine clear" promises the next run tries again: the entries must stay (they are
    // what brings a change behind the watermark back) and be due at once, mapping holds too.
    void retryAllNowKeepsEntriesAndMakesThemDue()
    {
        ConnectorRepository connectors(db());
        Connector c;
        c.name = QStringLiteral("c");
        QVERIFY(connectors.save(c));
        QuarantineRepository quarantine(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(
            quarantine.save(QuarantineEntry{c.id, 2001, 1001, 3, now, now.addDays(1),
                                            QStringLiteral("server"), QStringLiteral("503"), 5}));
        QVERIFY(quarantine.save(
            QuarantineEntry{c.id, 2002, 1002, 1, now, QuarantinePolicy::untilChanged(),
                            QStringLiteral("mapping"), QStringLiteral("no SKU"), 5}));
        QVERIFY(quarantine.dueOrderIds(c.id, now, 5).isEmpty());
        QVERIFY2(quarantine.retryAllNow(c.id), qPrintable(quarantine.lastError()));
        QList<qint64> due = quarantine.dueOrderIds(c.id, now, 5);
        std::sort(due.begin(), due.end());
        QCOMPARE(due, (QList<qint64>{1001, 1002}));
        QCOMPARE(quarantine.entriesOfOrder(c.id, 1001).size(), 1);
    }

    // An unconfirmed 3PL shipment waits before its next read-back; Retry (of its order) and
    // "quarantine clear" end the wait, and no other order's.
    void anUnconfirmedShipmentWaitsUntilRetried()
    {
        ConnectorRepository connectors(db());
        Connector c;
        c.name = QStringLiteral("3pl");
        c.kind = QStringLiteral("shipstation");
        QVERIFY(connectors.save(c));
        ThreePlRepository outbox(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const auto &[shipment, order] : {std::pair{QStringLiteral("s1"), qint64(1001)},
                                              {QStringLiteral("s2"), qint64(1002)}}) {
            ThreePlShipmentEntry e;
            e.connectorId = c.id;
            e.shipmentId = shipment;
            e.salesOrderId = order;
            e.externalId = QStringLiteral("fs3pl-") + shipment;
            e.shippedAt = now;
            bool exists = false;
            QVERIFY2(outbox.insertIntent(e, &exists), qPrintable(outbox.lastError()));
            QVERIFY(outbox.markUnknown(c.id, shipment));
            QVERIFY(outbox.postpone(c.id, shipment, now.addSecs(600)));
        }
        QVERIFY(outbox.unsettled(c.id, now).isEmpty());
        QCOMPARE(outbox.unsettled(c.id, now.addSecs(601)).size(), 2);
        QCOMPARE(outbox.waiting(c.id).size(), 2);
        QCOMPARE(outbox.entry(c.id, QStringLiteral("s1"))->tries, 1);

        QVERIFY(!outbox.retryOrder(c.id, 1001).isValid()); // nothing held
        const QList<ThreePlShipmentEntry> due = outbox.unsettled(c.id, now);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().shipmentId, QStringLiteral("s1"));
        QVERIFY2(outbox.retryAllNow(c.id), qPrintable(outbox.lastError()));
        QCOMPARE(outbox.unsettled(c.id, now).size(), 2);
        QVERIFY(outbox.waiting(c.id).isEmpty());
    }

    void oneWorkerHoldsAConnectorAtATime()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(leases.acquire(1, QStringLiteral("host-a"), now, 300),
                 qPrintable(leases.lastError()));
        QVERIFY(leases.acquire(1, QStringLiteral("host-a"), now.addSecs(60), 300)); // renewal
        QString holder;
        QVERIFY(!leases.acquire(1, QStringLiteral("host-b"), now.addSecs(120), 300, &holder));
        QCOMPARE(holder, QStringLiteral("host-a"));
        QVERIFY(leases.lastError().isEmpty());                          // refused, not failed
        QVERIFY(leases.acquire(2, QStringLiteral("host-b"), now, 300)); // another connector
        // A crashed holder's lease expires (renewed at +60 s for 300 s: free after +360 s).
        QVERIFY(!leases.acquire(1, QStringLiteral("host-b"), now.addSecs(359), 300));
        QVERIFY(leases.acquire(1, QStringLiteral("host-b"), now.addSecs(361), 300));
        // Releasing someone else's lease does nothing; one's own frees it at once.
        QVERIFY(leases.release(1, QStringLiteral("host-a")));
        QVERIFY(!leases.acquire(1, QStringLiteral("host-a"), now.addSecs(362), 300));
        QVERIFY(leases.release(1, QStringLiteral("host-b")));
        QVERIFY(leases.acquire(1, QStringLiteral("host-a"), now.addSecs(363), 300));
    }

    // A window listening on a shared PostgreSQL database hears another process's writes; on
    // SQLite nothing listens and announcing does nothing.
    void changesAreAnnouncedToListeners()
    {
        ChangeNotifier listener(db());
        QSignalSpy changed(&listener, &ChangeNotifier::changed);
        Database other(DatabaseUrl::parse(m_temp->url())); // a second connection, as another
        QString error;                                     // worker would have
        QVERIFY2(other.openAndMigrate(&error), qPrintable(error));
        ChangeNotifier::announce(other.connection());
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        if (engine == TempDatabase::Engine::Postgres) {
            QVERIFY(listener.isListening());
            QVERIFY(changed.wait(5000));
        } else {
            QVERIFY(!listener.isListening());
            QTest::qWait(100);
            QCOMPARE(changed.count(), 0);
        }
        other.closeThreadConnection();
    }

    void historyAppendsNewestFirst()
    {
        HistoryRepository history(db());
        SyncAttempt a;
        a.connectorName = QStringLiteral("main");
        a.orderTranId = QStringLiteral("SO1");
        a.outcome = SyncOutcome::Pushed;
        a.occurredAt = QDateTime(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC);
        const qint64 first = history.append(a);
        QVERIFY2(first > 0, qPrintable(history.lastError()));
        a.orderTranId = QStringLiteral("SO2");
        a.outcome = SyncOutcome::Failed;
        a.errorClass = ErrorClass::Validation;
        a.message = QStringLiteral("it's \"quoted\"; DROP TABLE x; --");
        a.mappingVersion = 42;
        const qint64 second = history.append(a);
        QVERIFY(second > first);
        const auto latest = history.latest(10);
        QCOMPARE(latest.size(), 2);
        QCOMPARE(latest.first().orderTranId, QStringLiteral("SO2"));
        QCOMPARE(latest.first().errorClass, ErrorClass::Validation);
        QCOMPARE(latest.first().message, a.message);
        QCOMPARE(latest.first().mappingVersion, 42);
        QCOMPARE(latest.last().mappingVersion, 0);
        QCOMPARE(history.count(), 2);
    }

    void watermarks()
    {
        ConnectorRepository connectors(db());
        Connector c;
        c.name = QStringLiteral("w");
        QVERIFY(connectors.save(c));
        WatermarkRepository repo(db());
        QVERIFY(!repo.value(c.id, QStringLiteral("fulfillments")).isValid());
        const QDateTime t(QDate(2026, 11, 20), QTime(12, 0, 0, 123), Qt::UTC);
        QVERIFY(repo.setValue(c.id, QStringLiteral("fulfillments"), t));
        QVERIFY(repo.setValue(c.id, QStringLiteral("fulfillments"), t.addSecs(5)));
        QCOMPARE(repo.value(c.id, QStringLiteral("fulfillments")), t.addSecs(5));
    }

    void storageTimesSortAsText()
    {
        QCOMPARE(toStorageTime(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC)),
                 QStringLiteral("2026-01-02T03:04:05.006Z"));
        QCOMPARE(fromStorageTime(QStringLiteral("2026-01-02T03:04:05.006Z")),
                 QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC));
        QVERIFY(!fromStorageTime(QStringLiteral("garbage")).isValid());
    }

    void databaseUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("display");
        QTest::newRow("sqlite absolute")
            << "sqlite:///var/lib/fs.db" << true << "sqlite:///var/lib/fs.db";
        QTest::newRow("sqlite relative") << "sqlite:fs.db" << true << "sqlite://fs.db";
        QTest::newRow("postgres with password hidden")
            << "postgresql://ann:s3cret@db:5433/fs" << true << "postgresql://ann@db:5433/fs";
        QTest::newRow("postgres socket dir")
            << "postgresql://ann@localhost/fs?host=/tmp" << true << "postgresql://ann@/tmp:5432/fs";
        QTest::newRow("no database name") << "postgresql://ann@db" << false << "";
        QTest::newRow("unknown scheme") << "mysql://x/y" << false << "";
        QTest::newRow("empty sqlite path") << "sqlite://" << false << "";
        QTest::newRow("malformed port, password kept out of the error")
            << "postgresql://ann:s3cret@db:54x3/fs" << false << "";
        QTest::newRow("bad escape in the password")
            << "postgresql://ann:s3cret%zz@db/fs" << false << "";
    }
    void databaseUrls()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, display);
        const DatabaseUrl url = DatabaseUrl::parse(text);
        QCOMPARE(url.isValid(), valid);
        if (valid)
            QCOMPARE(url.displayString(), display);
        else
            QVERIFY(!url.error.isEmpty());
        QVERIFY(!url.displayString().contains(QStringLiteral("s3cret")));
        QVERIFY2(!url.error.contains(QStringLiteral("s3cret")), qPrintable(url.error));
    }

    void unopenableDatabaseGivesOneClearError()
    {
        Database database(
            DatabaseUrl::parse(QStringLiteral("postgresql://nobody@127.0.0.1:1/none")));
        QString error;
        QVERIFY(!database.openAndMigrate(&error));
        QVERIFY(error.contains(QStringLiteral("Cannot open the database")));
        Database file(DatabaseUrl::parse(QStringLiteral("sqlite:///proc/forbidden/x.db")));
        QVERIFY(!file.openAndMigrate(&error));
        QVERIFY(!error.isEmpty());
    }

    // A damaged SQLite file is reported as damaged, not as a failed migration, and left alone.
    // (A file test: the same in both rows.)
    void damagedFileIsReportedAsDamaged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.db"));
        {
            Database database(DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
            QString error;
            QVERIFY2(database.openAndMigrate(&error), qPrintable(error));
            database.closeThreadConnection();
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(100)); // page 1's b-tree header, after the 100-byte file header
        file.write(QByteArray(400, char(0xA5)));
        file.close();
        const QByteArray damaged = [&] {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        Database database(DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
        QString error;
        QVERIFY(!database.openAndMigrate(&error));
        QVERIFY2(error.contains(QStringLiteral("malformed")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("Migration")), qPrintable(error));
        database.closeThreadConnection();
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), damaged); // nothing written into it
    }

    // A committed outbox intent must survive a power cut: SQLite syncs the WAL at that commit
    // (DurableWrites, used by LedgerRepository::insertPending); PostgreSQL always does.
    void outboxIntentsAreDurable()
    {
        QSqlDatabase connection = db();
        QSqlQuery query(connection);
        const auto setting = [&] {
            const bool sqlite = m_temp->database().isSqlite();
            query.exec(sqlite ? QStringLiteral("PRAGMA synchronous")
                              : QStringLiteral("SHOW synchronous_commit"));
            return query.next() ? query.value(0).toString() : QStringLiteral("?");
        };
        const QString outside = setting();
        {
            const DurableWrites durable(connection);
            QCOMPARE(setting(),
                     m_temp->database().isSqlite() ? QStringLiteral("2") : QStringLiteral("on"));
        }
        QCOMPARE(setting(), outside);
        if (m_temp->database().isSqlite())
            QCOMPARE(outside, QStringLiteral("1")); // NORMAL elsewhere: survives a crash
    }

    // A database whose schema version cannot be read is not taken for a new one (which would
    // run migration 1 over it).
    void unreadableSchemaVersionIsNotANewDatabase()
    {
        QSqlQuery query(db());
        QVERIFY(query.exec(QStringLiteral("DELETE FROM meta WHERE key = 'schema_version'")));
        QString error;
        QSqlDatabase connection = db();
        QCOMPARE(Migrations::currentVersion(connection, &error), -1);
        QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));
        QVERIFY(!m_temp->database().openAndMigrate(&error));
        QVERIFY2(!error.contains(QStringLiteral("Migration")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
