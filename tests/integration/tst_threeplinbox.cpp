// The 3PL connector's Inbox side over real loopback HTTP against the sandbox, on SQLite and
// PostgreSQL: refused, unsendable, unconfirmed, held and flagged work waits for a person or a
// read-back, Retry and Resolve act on it, Explain says what happens next, and a dry run lists
// both legs and changes nothing.

#include "threeplfixture.h"

#include "models/storage/historyrepository.h"
#include "models/storage/threeplrepository.h"
#include "sync/engine/inboxactions.h"
#include "sync/threepl/shipmentplanner.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestThreePlInbox : public ThreePlFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // An order the 3PL will not take is a failure in the history, and is sent again on every
    // run until it is taken, although NetSuite does not change it.
    void aRefusedOrderIsTriedAgain()
    {
        // Someone cancelled SO1003 in the 3PL by hand; a second 3PL connector on the same
        // account now sends it too, and a cancelled order cannot be updated.
        const auto c = m_sandbox->credentials();
        QCOMPARE(send("POST", QStringLiteral("/shipstation/orders/createorder"),
                      QJsonObject{{QStringLiteral("orderNumber"), QStringLiteral("SO1003")},
                                  {QStringLiteral("orderKey"),
                                   ShipmentPlanner::orderKeyFor(c.accountId, 1003)},
                                  {QStringLiteral("orderDate"), QStringLiteral("2026-12-06")},
                                  {QStringLiteral("orderStatus"), QStringLiteral("cancelled")},
                                  {QStringLiteral("shipTo"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Alan")}}},
                                  {QStringLiteral("billTo"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Alan")}}}},
                      "Basic " + (c.threePlKey + u':' + c.threePlSecret).toUtf8().toBase64())
                     .status,
                 200);
        const qint64 other = addSecondThreePl();
        const auto creates = [this] {
            return state()[QLatin1String("requests")][QLatin1String("byEndpoint")]
                          [QLatin1String("shipstation.createorders")][QLatin1String("total")]
                              .toInt();
        };
        const int before = creates();
        QCOMPARE(run(other).first().failed, 1);
        QCOMPARE(creates(), before + 1);
        const SyncAttempt failed =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(failed.outcome, SyncOutcome::Failed);
        QCOMPARE(failed.connectorId, other);
        QVERIFY2(failed.message.contains(QLatin1String("cannot be updated")),
                 qPrintable(failed.message));
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .ordersInState(other, QStringLiteral("refused")),
                 QList<qint64>{1003});
        // In the Inbox as the order's, not a fulfillment's: it has none.
        const QList<InboxItem> open = openInboxItems(other);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().subject, InboxSubject::ThreePlOrder);
        QCOMPARE(open.first().problem, InboxProblem::Failed);
        QCOMPARE(open.first().orderId, 1003);
        QCOMPARE(run(other).first().failed, 1);
        QCOMPARE(openInboxItems(other).size(), 1); // the same item, not a second
        QCOMPARE(creates(), before + 2); // read by id and sent again, though NetSuite is as it was

        // Cancelled in NetSuite too: nothing left to send, and it is no longer tried.
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1003/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("C")}})
                     .status,
                 200);
        QCOMPARE(run(other).first().failed, 0);
        QCOMPARE(run(other).first().failed, 0);
        QCOMPARE(creates(), before + 2);
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::AutoResolved);
        QVERIFY(ThreePlRepository(m_temp->database().connection())
                    .ordersInState(other, QStringLiteral("refused"))
                    .isEmpty());
    }

    // An order the 3PL cannot take as it is (half a mug) waits in the Inbox for a person, once,
    // not as a new failure on every run; nothing of it is sent.
    void anOrderThatCannotBeSentIsHeldInTheInbox()
    {
        QVERIFY(addReleasedOrder(1.5));

        for (int run = 0; run < 2; ++run) {
            const SyncRunSummary s = runThreePl();
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QVERIFY2(s.warnings.join(u' ').contains(QLatin1String("whole quantities")),
                     qPrintable(s.warnings.join(u' ')));
        }
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().subject, InboxSubject::ThreePlOrder);
        QCOMPARE(open.first().problem, InboxProblem::Held);
        QCOMPARE(open.first().orderTranId, QStringLiteral("SO1010"));
        QVERIFY2(open.first().message.contains(QLatin1String("whole quantities")),
                 qPrintable(open.first().message));
        for (const SyncAttempt &a : HistoryRepository(m_temp->database().connection()).latest(20))
            QVERIFY(a.orderTranId != u"SO1010");
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));
        // Explain does not promise the next run.
        const QString held = explainThreePl(1010);
        QVERIFY2(held.contains(QLatin1String("Held in the Inbox")) &&
                     !held.contains(QLatin1String("sent on the next run")),
                 qPrintable(held));

        // Resolved by a person, it stays resolved while the same thing stops it: the run after
        // is all synced, with no warning, and does not ask again.
        const InboxActions::Outcome resolved =
            InboxActions::resolve(m_temp->database().connection(), {open.first().id},
                                  QStringLiteral("shipped by hand"), QStringLiteral("tester"));
        QCOMPARE(resolved.resolved, 1);
        const SyncRunSummary quiet = runThreePl();
        QVERIFY2(quiet.ok(), qPrintable(quiet.error));
        QVERIFY2(quiet.warnings.isEmpty(), qPrintable(quiet.warnings.join(u' ')));
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::Resolved);
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));

        // Changed in NetSuite so that something else stops it: asked again.
        QVERIFY(addReleasedOrder(2.5));
        const SyncRunSummary changed = runThreePl();
        QCOMPARE(changed.held, 1);
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::Open);
        QVERIFY2(inboxItem(open.first().id)->message.contains(QLatin1String("2.5")),
                 qPrintable(inboxItem(open.first().id)->message));

        // Cancelled in NetSuite: nothing is left to send, nor for a person.
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/netsuite/salesOrders/1010/status"),
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("C")}})
                     .status,
                 200);
        const SyncRunSummary settled = runThreePl();
        QVERIFY2(settled.ok(), qPrintable(settled.error));
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::AutoResolved);
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));
    }

    // A dry run reads and plans both legs and lists every request, or why none would go; it
    // sends and writes nothing, so the real run after it does all of it.
    void aDryRunListsBothLegsAndChangesNothing()
    {
        // Half of SO1003 fulfilled by hand, then the 3PL ships all of it in two parts: the
        // first can go, the second would over-fulfil.
        QCOMPARE(fulfilByHand(2).status, 201);
        ship(1003, QStringLiteral("9400100000000000000018"), QJsonArray{item("1", "MUG-BLUE", 2)});
        ship(1003, QStringLiteral("9400100000000000000019"), QJsonArray{item("1", "MUG-BLUE", 2)});
        const int historyBefore =
            int(HistoryRepository(m_temp->database().connection()).latest(100).size());
        SyncRequest dry;
        dry.connectorId = m_threePlId;
        dry.dryRun = true;
        const QList<SyncRunSummary> s = run(dry);
        QCOMPARE(s.size(), 1);
        QVERIFY2(s.first().error.isEmpty(), qPrintable(s.first().error));
        QVERIFY(s.first().dryRun);
        QCOMPARE(m_planned.size(), 2);
        QCOMPARE(m_planned[0].orderTranId, QStringLiteral("SO1003"));
        QVERIFY(
            m_planned[0].url.endsWith(QLatin1String("salesOrder/1003/!transform/itemFulfillment")));
        QVERIFY2(m_planned[0].problem.isEmpty(), qPrintable(m_planned[0].problem));
        QVERIFY(m_planned[0].body.contains(QLatin1String("\"quantity\":2")));
        QVERIFY2(m_planned[1].problem.contains(QLatin1String("would be held")),
                 qPrintable(m_planned[1].problem));
        // Nothing sent, nothing written.
        QCOMPARE(fulfillmentsOf(1003).size(), 1); // the person's
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .entriesOfOrder(m_threePlId, 1003)
                     .size(),
                 0);
        QVERIFY(openInboxItems(m_threePlId).isEmpty());
        QCOMPARE(int(HistoryRepository(m_temp->database().connection()).latest(100).size()),
                 historyBefore);
        // Asked about another order only: nothing of SO1003 is listed.
        SyncRequest other = dry;
        other.orderIds = {1002};
        QCOMPARE(run(other).size(), 1);
        QVERIFY(m_planned.isEmpty());
        const SyncRunSummary real = runThreePl();
        QCOMPARE(real.pushed, 1);
        QCOMPARE(real.held, 1);

        // Orders out: a new released order is listed, not sent; the real run sends it.
        QVERIFY(addReleasedOrder(2));
        QCOMPARE(run(dry).size(), 1);
        QCOMPARE(m_planned.size(), 1);
        QCOMPARE(m_planned.first().orderTranId, QStringLiteral("SO1010"));
        QVERIFY(m_planned.first().url.endsWith(QLatin1String("/orders/createorders")));
        QVERIFY(m_planned.first().body.contains(QLatin1String("ns-1234567_SB1-1010")));
        QVERIFY(!threePlHasOrder(QStringLiteral("SO1010")));
        runThreePl();
        QVERIFY(threePlHasOrder(QStringLiteral("SO1010")));
    }

    // The transform is stored, then its answer is lost: the same pass reads it back by its
    // external id and never sends it twice. One that stays unconfirmed is in the Inbox and waits
    // (runs right after it leave it alone) until its wait is over or a person retries it.
    void aLostAnswerIsReadBackNotResent_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("passesToCreate");
        // Committed, then 502: found at once by the read-back.
        QTest::newRow("commit then 502")
            << QJsonObject{{QStringLiteral("match"), QStringLiteral("netsuite.record.transform")},
                           {QStringLiteral("status"), 502},
                           {QStringLiteral("commitThenFail"), true}}
            << 1;
        // Committed, then an answer that is not JSON at all.
        QTest::newRow("commit then html")
            << QJsonObject{{QStringLiteral("match"), QStringLiteral("netsuite.record.transform")},
                           {QStringLiteral("status"), 400},
                           {QStringLiteral("corrupt"), QStringLiteral("html")}}
            << 1;
        // Never acted on, never answered (the client gives up): absent on read-back, sent
        // again only after reading back once more. (A dropped connection is
        // not used: Qt's HTTP client sends a request again by itself when the connection closes
        // before any answer, so that case would test Qt.)
        QTest::newRow("hung") << QJsonObject{{QStringLiteral("match"),
                                              QStringLiteral("netsuite.record.transform")},
                                             {QStringLiteral("hang"), true}}
                              << 2;
    }

    void aLostAnswerIsReadBackNotResent()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, passesToCreate);
        this->fault(fault);
        ship(1003, QStringLiteral("9400100000000000000003"), QJsonArray{item("1", "MUG-BLUE", 4)});
        SyncRunSummary s = runThreePl();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.pushed, passesToCreate == 1 ? 1 : 0);
        QCOMPARE(fulfillmentsOf(1003).size(), passesToCreate == 1 ? 1 : 0);
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), passesToCreate == 1 ? 0 : 1);
        if (passesToCreate > 1) {
            QCOMPARE(open.first().subject, InboxSubject::ThreePlShipment);
            QCOMPARE(open.first().problem, InboxProblem::Failed);
            QVERIFY2(open.first().fulfillmentTranId.startsWith(QLatin1String("Shipment ")),
                     qPrintable(open.first().fulfillmentTranId));
            // A run right after it leaves it to its wait: no read-back, no second transform.
            const int before = s.netSuiteRequests;
            s = runThreePl();
            QCOMPARE(s.pushed, 0);
            QCOMPARE(s.deferred, 1); // still waiting: not "all synced" (exit code 1)
            QVERIFY(!s.ok());
            QVERIFY2(s.netSuiteRequests < before, qPrintable(QString::number(s.netSuiteRequests)));
            QCOMPARE(ThreePlRepository(m_temp->database().connection())
                         .entry(m_threePlId, open.first().subjectKey)
                         ->tries,
                     1);
            // Explain (the order pane's and `fulfillsync-worker explain`'s) says so, and what
            // cuts the wait, for the 3PL connector beside the channel's.
            const QString explained = explainThreePl(1003);
            QVERIFY2(explained.contains(QLatin1String("did not confirm")) &&
                         explained.contains(QLatin1String("Retry in the Inbox does it now")),
                     qPrintable(explained));
            // Retry in the Inbox reads it back at once, then sends it, once.
            s = retry({open.first().id});
            QCOMPARE(s.trigger, SyncTrigger::Resync);
            QCOMPARE(s.pushed, 1);
            QCOMPARE(inboxItem(open.first().id)->state, InboxState::AutoResolved);
        }
        s = runThreePl();
        QCOMPARE(s.pushed, 0);
        QVERIFY2(s.ok(), qPrintable(s.error));
        s = runThreePl();
        QCOMPARE(s.pushed, 0);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
        const QJsonObject counts =
            state()[QLatin1String("requests")][QLatin1String("byEndpoint")].toObject();
        QCOMPARE(counts[QLatin1String("netsuite.record.transform")][QLatin1String("total")].toInt(),
                 passesToCreate);
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countInState(m_threePlId, ThreePlState::Created),
                 1);
    }

    // A held shipment in the Inbox: resolved, it stays held (the person dealt with it, nothing
    // is created for it); retried after the fix, it is planned again and created once.
    void aHeldShipmentIsResolvedOrRetriedFromTheInbox()
    {
        // Fulfilled by hand in NetSuite meanwhile: the 3PL's shipment of it is held.
        QCOMPARE(fulfilByHand(4).status, 201);
        ship(1003, QStringLiteral("9400100000000000000014"), QJsonArray{item("1", "MUG-BLUE", 1)});
        QCOMPARE(runThreePl().held, 1);
        QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        const qint64 itemId = open.first().id;
        InboxActions::Outcome outcome = InboxActions::resolve(
            m_temp->database().connection(), {itemId}, QStringLiteral("entered by hand"), "admin");
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.resolved, 1);
        QCOMPARE(inboxItem(itemId)->state, InboxState::Resolved);
        const SyncAttempt said =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QVERIFY2(said.message.contains(QLatin1String("stays held")), qPrintable(said.message));
        QCOMPARE(runThreePl().pushed, 0);
        QCOMPARE(fulfillmentsOf(1003).size(), 1); // only the person's
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countInState(m_threePlId, ThreePlState::Held),
                 1);

        // Retried, unfixed: read and planned again, held again, the same item open again.
        const SyncRunSummary again = retry({itemId});
        QCOMPARE(again.trigger, SyncTrigger::Resync);
        QCOMPARE(again.held, 1);
        QCOMPARE(inboxItem(itemId)->state, InboxState::Open);
        QCOMPARE(openInboxItems(m_threePlId).size(), 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1);
    }

    // A retry whose pass cannot read the 3PL's shipments leaves the held shipment held and its
    // item open (a resync moves no watermark, so a row dropped up front would be lost for
    // good); the next retry plans it again.
    void aFailedRetryLeavesTheShipmentHeld()
    {
        QCOMPARE(fulfilByHand(4).status, 201);
        ship(1003, QStringLiteral("9400100000000000000015"), QJsonArray{item("1", "MUG-BLUE", 1)});
        QCOMPARE(runThreePl().held, 1);
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        fault({{QStringLiteral("match"), QStringLiteral("shipstation.shipments")},
               {QStringLiteral("status"), 400}});
        const SyncRunSummary failed = retry({open.first().id});
        QVERIFY(!failed.error.isEmpty());
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countInState(m_threePlId, ThreePlState::Held),
                 1);
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::Open);

        const SyncRunSummary again = retry({open.first().id});
        QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
        QCOMPARE(again.held, 1);
        QCOMPARE(ThreePlRepository(m_temp->database().connection())
                     .countInState(m_threePlId, ThreePlState::Held),
                 1);
        QCOMPARE(openInboxItems(m_threePlId).size(), 1);
        QCOMPARE(fulfillmentsOf(1003).size(), 1); // only the person's
    }

    // A hold whose history line or Inbox item cannot be written keeps nothing of it: never a
    // held row without its open item (a crash between two commits left exactly that). The
    // pass says so and keeps its watermark, so the next one holds the shipment with its item.
    void aHoldIsKeptWithItsInboxItemOrNotAtAll()
    {
        QCOMPARE(fulfilByHand(4).status, 201);
        ship(1003, QStringLiteral("9400100000000000000016"), QJsonArray{item("1", "MUG-BLUE", 1)});
        const auto renameInbox = [this](const char *from, const char *to) {
            QSqlQuery q(m_temp->database().connection());
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %2")
                                .arg(QLatin1String(from), QLatin1String(to))),
                     qPrintable(q.lastError().text()));
        };
        renameInbox("inbox_items", "inbox_items_away"); // every Inbox write fails now
        const SyncRunSummary broken = runThreePl();
        renameInbox("inbox_items_away", "inbox_items");
        QVERIFY2(broken.error.contains(QLatin1String("nothing of it was kept")),
                 qPrintable(broken.error));
        ThreePlRepository outbox(m_temp->database().connection());
        QCOMPARE(outbox.countInState(m_threePlId, ThreePlState::Held), 0);
        QVERIFY(openInboxItems(m_threePlId).isEmpty());

        const SyncRunSummary again = runThreePl();
        QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
        QCOMPARE(again.held, 1);
        ThreePlRepository after(m_temp->database().connection());
        QCOMPARE(after.countInState(m_threePlId, ThreePlState::Held), 1);
        QCOMPARE(openInboxItems(m_threePlId).size(), 1);
    }

    // The 3PL voids a label after its item fulfillment was made: flagged for a person once,
    // nothing undone by itself.
    void aVoidedLabelIsFlaggedOnce()
    {
        ship(1003, QStringLiteral("9400100000000000000012"), QJsonArray{item("1", "MUG-BLUE", 4)});
        QCOMPARE(runThreePl().pushed, 1);
        const QString shipment =
            QString::number(state()[QLatin1String("threePl")][QLatin1String("shipments")][0]
                                   [QLatin1String("shipmentId")]
                                       .toInteger());
        QCOMPARE(send("POST", QStringLiteral("/_sandbox/3pl/void"),
                      QJsonObject{{QStringLiteral("shipmentId"), shipment.toLongLong()}})
                     .status,
                 200);
        SyncRunSummary s = runThreePl();
        QCOMPARE(s.held, 1);
        const SyncAttempt flagged =
            HistoryRepository(m_temp->database().connection()).latest(1).first();
        QCOMPARE(flagged.outcome, SyncOutcome::Held);
        QCOMPARE(flagged.errorClass, ErrorClass::Conflict);
        QVERIFY2(flagged.message.contains(QLatin1String("voided the label")),
                 qPrintable(flagged.message));
        QCOMPARE(
            ThreePlRepository(m_temp->database().connection()).entry(m_threePlId, shipment)->state,
            ThreePlState::Flagged);
        QCOMPARE(runThreePl().held, 0); // once
        const QList<QJsonObject> fulfillments = fulfillmentsOf(1003);
        QCOMPARE(fulfillments.size(), 1);
        QCOMPARE(fulfillments.first()[QLatin1String("void")].toBool(), false); // not undone

        // In the Inbox, flagged; resolved with a reason, it stays flagged in the outbox and is
        // not flagged again.
        const QList<InboxItem> open = openInboxItems(m_threePlId);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().problem, InboxProblem::Flagged);
        QCOMPARE(open.first().subjectKey, shipment);
        QVERIFY(InboxActions::retryRequests(m_temp->database().connection(), {open.first().id})
                    .isEmpty());
        const InboxActions::Outcome outcome =
            InboxActions::resolve(m_temp->database().connection(), {open.first().id},
                                  QStringLiteral("reshipped with a new label"), "admin");
        QCOMPARE(outcome.resolved, 1);
        QCOMPARE(inboxItem(open.first().id)->state, InboxState::Resolved);
        QCOMPARE(runThreePl().held, 0);
        QVERIFY(openInboxItems(m_threePlId).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestThreePlInbox)
#include "tst_threeplinbox.moc"
