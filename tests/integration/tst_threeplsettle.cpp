// What a 3PL pass finds after a kill, over real loopback HTTP against the sandbox, on SQLite
// and PostgreSQL: the shipments a killed pass stored but never saw answered are read back by
// their external ids in batches (one SuiteQL query for many), so the next pass still has the
// requests to create what is new, and nothing is created twice.

#include "threeplfixture.h"

#include "models/storage/threeplrepository.h"
#include "sync/engine/syncworker.h"

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
        constexpr int kCreated = 240;
        QVERIFY(addReleasedOrder(400)); // SO1010: 400 mugs
        QVERIFY2(runThreePl().error.isEmpty(), "orders out");
        QVERIFY(threePlHasOrder(QStringLiteral("SO1010")));
        for (int i = 0; i < kPending; ++i)
            ship(1010, QStringLiteral("94001%1").arg(i, 17, 10, QLatin1Char('0')),
                 QJsonArray{item("1", "MUG-BLUE", 1)});
        killedPassAfterItsIntents(kPending);
        QCOMPARE(fulfillmentsOf(1010).size(), 0);

        ThreePlRepository outbox(m_temp->database().connection());
        const QList<ThreePlShipmentEntry> pending =
            outbox.unsettled(m_threePlId, QDateTime::currentDateTimeUtc());
        QCOMPARE(pending.size(), kPending);
        // The first ones never reached NetSuite (the first transform hung); the rest did.
        for (int i = kPending - kCreated; i < kPending; ++i)
            createdBeforeTheKill(pending.at(i));
        ship(1010, QStringLiteral("9400299999999999999999"), QJsonArray{item("1", "MUG-BLUE", 1)});

        const SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.pushed, kPending + 1);
        // Released orders, the read-back (200 + 50 external ids), the shipped order, and the
        // 11 transforms (10 sent again, 1 new).
        QCOMPARE(s.netSuiteRequests, 1 + 2 + 1 + 11);

        const QList<QJsonObject> created = fulfillmentsOf(1010);
        QCOMPARE(created.size(), kPending + 1);
        QSet<QString> externalIds;
        for (const QJsonObject &f : created)
            externalIds << f[QLatin1String("externalId")].toString();
        QCOMPARE(externalIds.size(), kPending + 1);               // each shipment once
        ThreePlRepository after(m_temp->database().connection()); // the run's thread is gone
        QCOMPARE(after.countInState(m_threePlId, ThreePlState::Created), kPending + 1);
        QVERIFY(
            after.unsettled(m_threePlId, QDateTime::currentDateTimeUtc().addYears(1)).isEmpty());

        const SyncRunSummary again = runThreePl();
        QCOMPARE(again.pushed, 0);
        QCOMPARE(fulfillmentsOf(1010).size(), kPending + 1);
    }
};

QTEST_GUILESS_MAIN(TestThreePlSettle)
#include "tst_threeplsettle.moc"
