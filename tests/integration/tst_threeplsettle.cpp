// What a 3PL pass finds after a kill, over real loopback HTTP against the sandbox, on SQLite
// and PostgreSQL: the shipments a killed pass stored but never saw answered are read back by
// their external ids in batches (one SuiteQL query for many), so the next pass still has the
// requests to create what is new, and nothing is created twice.

#include "threeplfixture.h"

#include "models/storage/threeplrepository.h"
#include "sync/engine/syncworker.h"
#include "sync/threepl/threeplpass.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestThreePlSettle : public ThreePlFixture
{
    Q_OBJECT

private:
    // A pass that stores its intents, then dies before any transform is answered: NetSuite
    // never answers the first one, and the pass is stopped there (as a kill would).
    void killedPassAfterItsIntents(qint64 expectedPending)
    {
        fault({{QStringLiteral("match"), QStringLiteral("netsuite.record.transform")},
               {QStringLiteral("hang"), true}});
        SyncWorker worker(m_temp->database());
        worker.setCredentials(m_credentials);
        QSignalSpy idle(&worker, &SyncWorker::idle);
        SyncRequest request;
        request.connectorId = m_threePlId;
        request.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        worker.run(request);
        ThreePlRepository outbox(m_temp->database().connection());
        // Killed once the first transform is on its way (NetSuite has it, and never answers).
        QVERIFY(QTest::qWaitFor(
            [&] {
                return state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                              [QLatin1String("netsuite.record.transform")][QLatin1String("total")]
                                  .toInt() == 1;
            },
            60000));
        QCOMPARE(outbox.countInState(m_threePlId, ThreePlState::Pending), expectedPending);
        worker.cancelConnector(m_threePlId);
        QVERIFY(QTest::qWaitFor([&] { return idle.count() > 0; }, 60000));
        worker.shutdown();
    }

    // The item fulfillment NetSuite made for a pending intent before the kill: as the
    // transform would have made it, with the intent's external id.
    void createdBeforeTheKill(const ThreePlShipmentEntry &entry)
    {
        const Answer a =
            send("POST", QStringLiteral("/_sandbox/netsuite/itemFulfillments"),
                 QJsonObject{{QStringLiteral("createdFrom"), entry.salesOrderId},
                             {QStringLiteral("tranDate"), QStringLiteral("2026-12-06")},
                             {QStringLiteral("externalId"), entry.externalId},
                             {QStringLiteral("lines"),
                              QJsonArray{QJsonObject{{QStringLiteral("orderLine"), 1},
                                                     {QStringLiteral("quantity"), 1}}}},
                             {QStringLiteral("packages"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("trackingNumber"), entry.trackingNumber}}}}});
        QCOMPARE(a.status, 201);
    }

    // SO1010 (400 mugs) sent to the 3PL, which ships `pending` single mugs; a pass stores
    // their intents and is killed; NetSuite had created the last `created` of them.
    QList<ThreePlShipmentEntry> killedWithPending(int pending, int created)
    {
        if (!addReleasedOrder(400) || !runThreePl().error.isEmpty())
            return {};
        for (int i = 0; i < pending; ++i)
            ship(1010, QStringLiteral("94001%1").arg(i, 17, 10, QLatin1Char('0')),
                 QJsonArray{item("1", "MUG-BLUE", 1)});
        killedPassAfterItsIntents(pending);
        const QList<ThreePlShipmentEntry> rows =
            ThreePlRepository(m_temp->database().connection())
                .unsettled(m_threePlId, QDateTime::currentDateTimeUtc());
        // The first ones never reached NetSuite (the first transform hung); the rest did.
        for (int i = int(rows.size()) - created; i >= 0 && i < rows.size(); ++i)
            createdBeforeTheKill(rows.at(i));
        return rows;
    }

    QSet<QString> externalIdsOf(const QList<QJsonObject> &fulfillments)
    {
        QSet<QString> ids;
        for (const QJsonObject &f : fulfillments)
            ids << f[QLatin1String("externalId")].toString();
        return ids;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // 250 shipments were stored by a pass that was killed before NetSuite answered; it had
    // created 240 of them. The next pass reads all 250 back with two SuiteQL queries (not 250
    // look-ups), sends the 10 NetSuite lacks and the new shipment, and creates nothing twice.
    void pendingRowsAreReadBackInBatches()
    {
        constexpr int kPending = 250;
        const QList<ThreePlShipmentEntry> pending = killedWithPending(kPending, 240);
        QCOMPARE(pending.size(), kPending);
        QCOMPARE(fulfillmentsOf(1010).size(), 240);
        ship(1010, QStringLiteral("9400299999999999999999"), QJsonArray{item("1", "MUG-BLUE", 1)});

        const SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.pushed, kPending + 1);
        // Released orders, the read-back (200 + 50 external ids), the shipped order, and the
        // 11 transforms (10 sent again, 1 new).
        QCOMPARE(s.netSuiteRequests, 1 + 2 + 1 + 11);

        const QList<QJsonObject> created = fulfillmentsOf(1010);
        QCOMPARE(created.size(), kPending + 1);
        QCOMPARE(externalIdsOf(created).size(), kPending + 1);    // each shipment once
        ThreePlRepository after(m_temp->database().connection()); // the run's thread is gone
        QCOMPARE(after.countInState(m_threePlId, ThreePlState::Created), kPending + 1);
        QVERIFY(
            after.unsettled(m_threePlId, QDateTime::currentDateTimeUtc().addYears(1)).isEmpty());

        const SyncRunSummary again = runThreePl();
        QCOMPARE(again.pushed, 0);
        QCOMPARE(fulfillmentsOf(1010).size(), kPending + 1);
    }

    // More left pending than one pass reads back: the pass reads back its share, says the
    // rest waits (not "all synced"), and still creates the new shipment's fulfillment; the
    // next pass settles the rest, and nothing is created twice.
    void aBacklogNeverKeepsNewShipmentsWaiting()
    {
        const QList<ThreePlShipmentEntry> pending = killedWithPending(6, 5);
        QCOMPARE(pending.size(), 6);
        ship(1010, QStringLiteral("9400299999999999999998"), QJsonArray{item("1", "MUG-BLUE", 1)});

        // One pass as the worker builds it, reading back two a pass.
        const SyncRunSummary s =
            runThreePlPass([](ThreePlPass::Config &config) { config.readBacksPerPass = 2; });
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        // The two oldest (one NetSuite lacked, sent again; one it had) and the new one.
        QCOMPARE(s.pushed, 3);
        QVERIFY(s.deferred >= 4);
        QVERIFY(!s.ok());
        QVERIFY2(s.warnings.join(u' ').contains(QLatin1String("read back by the next run")),
                 qPrintable(s.warnings.join(u' ')));
        bool newOne = false;
        for (const QJsonObject &f : fulfillmentsOf(1010))
            newOne = newOne ||
                     f[QLatin1String("packages")][0][QLatin1String("trackingNumber")].toString() ==
                         u"9400299999999999999998";
        QVERIFY(newOne);

        const SyncRunSummary next = runThreePl();
        QCOMPARE(next.pushed, 4);
        const QList<QJsonObject> created = fulfillmentsOf(1010);
        QCOMPARE(created.size(), 7);
        QCOMPARE(externalIdsOf(created).size(), 7);
        QVERIFY(ThreePlRepository(m_temp->database().connection())
                    .unsettled(m_threePlId, QDateTime::currentDateTimeUtc().addYears(1))
                    .isEmpty());
    }

    // A read-back NetSuite refuses proves nothing: no row is sent again on it (each waits for
    // a later read-back), and the pass still creates what is new.
    void aFailedReadBackSendsNothingAgain()
    {
        QCOMPARE(killedWithPending(3, 2).size(), 3);
        ship(1010, QStringLiteral("9400299999999999999997"), QJsonArray{item("1", "MUG-BLUE", 1)});
        const auto transforms = [this] {
            return state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                          [QLatin1String("netsuite.record.transform")][QLatin1String("total")]
                              .toInt();
        };
        const int before = transforms();
        // The released orders' query and the read-back are refused; the shipped order's read is
        // answered.
        fault({{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
               {QStringLiteral("status"), 400},
               {QStringLiteral("count"), 2}});
        const SyncRunSummary s = runThreePl();
        QCOMPARE(s.pushed, 1); // the new shipment
        QCOMPARE(transforms(), before + 1);
        QVERIFY(s.deferred >= 3);
        QVERIFY2(s.warnings.join(u' ').contains(QLatin1String("still unknown")),
                 qPrintable(s.warnings.join(u' ')));
        ThreePlRepository outbox(m_temp->database().connection());
        QCOMPARE(outbox.waiting(m_threePlId).size(), 3);

        // Read back once their wait is over: two were there, one is sent again.
        QVERIFY(outbox.retryAllNow(m_threePlId));
        const SyncRunSummary later = runThreePl();
        QCOMPARE(later.pushed, 3);
        QCOMPARE(transforms(), before + 2);
        const QList<QJsonObject> created = fulfillmentsOf(1010);
        QCOMPARE(created.size(), 4);
        QCOMPARE(externalIdsOf(created).size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestThreePlSettle)
#include "tst_threeplsettle.moc"
