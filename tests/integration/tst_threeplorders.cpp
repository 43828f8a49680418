// The 3PL connector's orders out against ShipStation's documented order model, over real
// loopback HTTP against the sandbox, on SQLite and PostgreSQL: an order carries the addresses
// a warehouse needs to buy a label (or is held, with the reason, when NetSuite has none), and a
// cancel the 3PL refuses for good (the order has shipped) is recorded once, not sent again.

#include "threeplfixture.h"

#include "models/storage/historyrepository.h"
#include "models/storage/threeplrepository.h"
#include "sync/threepl/shipmentplanner.h"

#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestThreePlOrders : public ThreePlFixture
{
    Q_OBJECT

private:
    QJsonObject threePlOrder(const QString &tranId)
    {
        for (const QJsonValue &o :
             state()[QLatin1String("threePl")][QLatin1String("orders")].toArray())
            if (o[QLatin1String("orderNumber")].toString() == tranId)
                return o.toObject();
        return {};
    }
    int createOrdersRequests()
    {
        return state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                      [QLatin1String("shipstation.createorders")][QLatin1String("total")]
                          .toInt();
    }
    QList<InboxItem> openOrderItems()
    {
        QList<InboxItem> items;
        for (const InboxItem &item : openInboxItems(m_threePlId))
            if (item.subject == InboxSubject::ThreePlOrder)
                items << item;
        return items;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // SO1003 goes with its ship-to and bill-to address as NetSuite has them (its customer's
    // default: the addressee is the company, the attention the person) and the customer's
    // e-mail.
    void anOrderCarriesItsAddresses()
    {
        const QJsonObject so1003 = threePlOrder(QStringLiteral("SO1003"));
        QVERIFY(!so1003.isEmpty());
        QCOMPARE(so1003[QLatin1String("customerEmail")].toString(),
                 QStringLiteral("alan@example.com"));
        for (const char *which : {"shipTo", "billTo"}) {
            const QJsonObject a = so1003[QLatin1String(which)].toObject();
            QCOMPARE(a[QLatin1String("name")].toString(), QStringLiteral("Alan Turing"));
            QCOMPARE(a[QLatin1String("company")].toString(),
                     QStringLiteral("Bletchley Park Trust"));
            QCOMPARE(a[QLatin1String("street1")].toString(), QStringLiteral("The Mansion"));
            QCOMPARE(a[QLatin1String("street2")].toString(), QStringLiteral("Sherwood Drive"));
            QCOMPARE(a[QLatin1String("city")].toString(), QStringLiteral("Milton Keynes"));
            QCOMPARE(a[QLatin1String("state")].toString(), QStringLiteral("Buckinghamshire"));
            QCOMPARE(a[QLatin1String("postalCode")].toString(), QStringLiteral("MK3 6EB"));
            QCOMPARE(a[QLatin1String("country")].toString(), QStringLiteral("GB"));
            QCOMPARE(a[QLatin1String("phone")].toString(), QStringLiteral("+44 1908 640404"));
            QVERIFY(!a.contains(QLatin1String("residential"))); // not known: not said
        }
    }

    // An order NetSuite has no shipping address for is held in the Inbox with the reason,
    // once; nothing goes to the 3PL, and the run says something waits.
    void anOrderWithoutAnAddressIsHeld()
    {
        QVERIFY(addReleasedOrder(2, QJsonObject{{QStringLiteral("shipTo"), QJsonValue::Null}}));
        const SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.held, 1);
        QCOMPARE(s.failed, 0);
        QVERIFY(threePlOrder(QStringLiteral("SO1010")).isEmpty());
        QVERIFY(threePlOrder(QStringLiteral("SO1003")).contains(QLatin1String("shipTo")));
        const QList<InboxItem> held = openOrderItems();
        QCOMPARE(held.size(), 1);
        QCOMPARE(held.first().orderId, 1010);
        QCOMPARE(held.first().problem, InboxProblem::Held);
        QVERIFY2(held.first().message.contains(QLatin1String("no ship-to address")),
                 qPrintable(held.first().message));
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .sentOrders(m_threePlId, {1010})
                     .value(1010),
                 QString());

        // Read again (it is in the overlap): still held, the same one item, nothing sent and
        // no failure in the history; Explain says it is held.
        const int creates = createOrdersRequests();
        const SyncRunSummary again = runThreePl();
        QVERIFY(!again.ok());
        QCOMPARE(again.failed, 0);
        QCOMPARE(createOrdersRequests(), creates);
        QCOMPARE(openOrderItems().size(), 1);
        QCOMPARE(openOrderItems().first().id, held.first().id);
        for (const SyncAttempt &a : HistoryRepository(m_temp->database().connection()).latest(20))
            QVERIFY(a.orderTranId != u"SO1010");
        QVERIFY2(explainThreePl(1010).contains(QLatin1String("Held in the Inbox")),
                 qPrintable(explainThreePl(1010)));
    }

    // An address without a street or postal code cannot get a label: held, naming what lacks.
    void anAddressALabelCannotBeBoughtForIsHeld()
    {
        QVERIFY(addReleasedOrder(
            2, QJsonObject{{QStringLiteral("shipTo"),
                            QJsonObject{{QStringLiteral("addressee"), QStringLiteral("Alan")},
                                        {QStringLiteral("city"), QStringLiteral("London")},
                                        {QStringLiteral("country"), QStringLiteral("GB")}}}}));
        const SyncRunSummary s = runThreePl();
        QCOMPARE(s.held, 1);
        QVERIFY(threePlOrder(QStringLiteral("SO1010")).isEmpty());
        const QList<InboxItem> held = openOrderItems();
        QCOMPARE(held.size(), 1);
        QVERIFY2(held.first().message.contains(QLatin1String("street1, postalCode")),
                 qPrintable(held.first().message));
    }

    // Hong Kong has no postal codes: an address there without one is sent, not held.
    void anAddressWhereThereAreNoPostalCodesIsSent()
    {
        QVERIFY(addReleasedOrder(
            2, QJsonObject{{QStringLiteral("shipTo"),
                            QJsonObject{{QStringLiteral("addressee"), QStringLiteral("Mei")},
                                        {QStringLiteral("addr1"), QStringLiteral("1 Queen's Road")},
                                        {QStringLiteral("city"), QStringLiteral("Hong Kong")},
                                        {QStringLiteral("country"), QStringLiteral("HK")}}}}));
        const SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.held, 0);
        const QJsonObject shipTo =
            threePlOrder(QStringLiteral("SO1010"))[QLatin1String("shipTo")].toObject();
        QCOMPARE(shipTo[QLatin1String("street1")].toString(), QStringLiteral("1 Queen's Road"));
        QVERIFY(!shipTo.contains(QLatin1String("postalCode")));
    }

    // The 3PL shipped SO1003, then NetSuite closed it: ShipStation refuses to cancel a shipped
    // order, which no retry changes. The refusal is recorded once and settles the order; the
    // cancel is never sent again and the run is all synced.
    void aCancelTheThreePlRefusesForGoodIsSettledOnce()
    {
        ship(1003, QStringLiteral("9400100000000000000021"), QJsonArray{item("1", "MUG-BLUE", 4)});
        QCOMPARE(runThreePl().pushed, 1);
        QCOMPARE(threePlOrder(QStringLiteral("SO1003"))[QLatin1String("orderStatus")].toString(),
                 QStringLiteral("shipped"));
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1003/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("H")}})
                     .status,
                 200);
        const int creates = createOrdersRequests();
        const SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(createOrdersRequests(), creates + 1); // the cancel, once
        QCOMPARE(s.failed, 0);
        QVERIFY2(s.ok(), qPrintable(s.warnings.join(u'\n')));
        QVERIFY(s.warnings.join(u'\n').contains(QLatin1String("cannot cancel a shipped order")));
        QCOMPARE(openOrderItems().size(), 0);
        const SyncAttempt shown =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(shown.orderTranId, QStringLiteral("SO1003"));
        QCOMPARE(shown.outcome, SyncOutcome::Skipped);
        QVERIFY2(shown.message.contains(QLatin1String("cannot cancel a shipped order")),
                 qPrintable(shown.message));
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .sentOrders(m_threePlId, {1003})
                     .value(1003),
                 QStringLiteral("shipped"));

        const qint64 historyId = shown.id;
        const SyncRunSummary again = runThreePl();
        QCOMPARE(createOrdersRequests(), creates + 1); // not sent again
        QVERIFY(again.ok());
        QCOMPARE(HistoryRepository(m_temp->database().connection()).latest(1).first().id,
                 historyId); // recorded once
        QCOMPARE(threePlOrder(QStringLiteral("SO1003"))[QLatin1String("orderStatus")].toString(),
                 QStringLiteral("shipped"));
    }

    // Someone cancelled SO1003 in the 3PL by hand, then NetSuite cancelled it: the 3PL refuses
    // the update of a cancelled order, and what the cancel was for is done. It counts as
    // cancelled, nothing waits, and it is not sent again.
    void aCancelOfAnOrderCancelledThereAlreadyIsDone()
    {
        const auto c = m_sandbox->credentials();
        const QJsonObject name{{QStringLiteral("name"), QStringLiteral("Alan")}};
        QCOMPARE(send("POST", QStringLiteral("/shipstation/orders/createorder"),
                      QJsonObject{{QStringLiteral("orderNumber"), QStringLiteral("SO1003")},
                                  {QStringLiteral("orderKey"),
                                   ShipmentPlanner::orderKeyFor(c.accountId, 1003)},
                                  {QStringLiteral("orderDate"), QStringLiteral("2026-12-06")},
                                  {QStringLiteral("orderStatus"), QStringLiteral("cancelled")},
                                  {QStringLiteral("shipTo"), name},
                                  {QStringLiteral("billTo"), name}},
                      "Basic " + (c.threePlKey + u':' + c.threePlSecret).toUtf8().toBase64())
                     .status,
                 200);
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1003/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("C")}})
                     .status,
                 200);
        const int creates = createOrdersRequests();
        const SyncRunSummary s = runThreePl();
        QCOMPARE(s.failed, 0);
        QVERIFY2(s.ok(), qPrintable(s.warnings.join(u'\n')));
        QCOMPARE(openOrderItems().size(), 0);
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .sentOrders(m_threePlId, {1003})
                     .value(1003),
                 QStringLiteral("cancelled"));
        const SyncAttempt a = HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(a.outcome, SyncOutcome::Pushed);
        QVERIFY2(a.message.contains(QLatin1String("cancelled in the 3PL already")),
                 qPrintable(a.message));
        runThreePl();
        QCOMPARE(createOrdersRequests(), creates + 1);
    }

    // A cancel refused while the 3PL's order could not be read stays open in the Inbox; once
    // the order falls out of the overlap it is still read (by id, as it waits in the Inbox),
    // so the next run finds the refusal final and settles it: nothing stays open for ever.
    void aRefusedCancelOpenInTheInboxIsSettledLater()
    {
        ship(1003, QStringLiteral("9400100000000000000022"), QJsonArray{item("1", "MUG-BLUE", 4)});
        QCOMPARE(runThreePl().pushed, 1);
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1003/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("H")}})
                     .status,
                 200);
        // A later change elsewhere (SO1002, never sent): the watermark moves past SO1003.
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/clock"),
                      QJsonObject{{QStringLiteral("advanceSeconds"), 5}})
                     .status,
                 200);
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1002/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("C")}})
                     .status,
                 200);
        fault({{QStringLiteral("match"), QStringLiteral("shipstation.orders.get")},
               {QStringLiteral("status"), 404}});
        const auto noOverlap = [](ThreePlPass::Config &config) {
            config.overlapSeconds = 0;
        };
        const SyncRunSummary unsure = runThreePlPass(noOverlap);
        QCOMPARE(unsure.failed, 1); // refused, and not known why
        QCOMPARE(openOrderItems().size(), 1);

        const int creates = createOrdersRequests();
        const SyncRunSummary later = runThreePlPass(noOverlap);
        QVERIFY2(later.error.isEmpty(), qPrintable(later.error));
        QCOMPARE(createOrdersRequests(), creates + 1);
        QCOMPARE(later.failed, 0);
        QCOMPARE(openOrderItems().size(), 0);
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .sentOrders(m_threePlId, {1003})
                     .value(1003),
                 QStringLiteral("shipped"));
        QCOMPARE(runThreePlPass(noOverlap).failed, 0);
        QCOMPARE(createOrdersRequests(), creates + 1); // never again
    }
};

QTEST_GUILESS_MAIN(TestThreePlOrders)
#include "tst_threeplorders.moc"
