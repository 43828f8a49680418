// The inbox follows the engine: a failure or a hold opens an item, a flag opens one for a
// person, a later pass that pushes (or finds nothing owed) auto-resolves it, a person resolves
// in bulk with a reason, and a new failure opens a resolved item again.

#include "models/item/inboxtablemodel.h"
#include "models/storage/inboxrepository.h"
#include "sync/engine/inboxactions.h"
#include "sync/threepl/threeplrecorder.h"
#include "syncpassfixture.h"

#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

class TestInbox : public SyncPassFixture
{
    Q_OBJECT

    std::optional<InboxItem> item() const
    {
        return InboxRepository(m_temp->database().connection()).item(m_connector.id, 2001);
    }
    QSqlDatabase db() const { return m_temp->database().connection(); }

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // A line read with quantity 0 is never dropped while the rest goes as if it were the whole
    // fulfillment: it is held, with the reason, and nothing reaches the channel.
    void aLineOfQuantityZeroHoldsTheWholeFulfillment()
    {
        m_shirtQuantity = QStringLiteral("0");
        const SyncRunSummary s = runPass();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.pushed, 0);
        QCOMPARE(s.held, 1);
        QCOMPARE(creates(), 0);
        QVERIFY(item() && item()->state == InboxState::Open);
        QVERIFY2(item()->message.contains(QStringLiteral("quantity 0")),
                 qPrintable(item()->message));
    }

    // A value from outside is capped before it is stored (a 10 MB ship method name grew the
    // database by 27 MB a pass), and a problem that repeats on every pass is recorded once, as
    // long as nothing changes.
    void aHugeValueIsCappedAndItsProblemRecordedOnce()
    {
        m_shipMethodName = QString(10 * 1024 * 1024, u'X');
        for (int pass = 0; pass < 3; ++pass) {
            const SyncRunSummary s = runPass();
            QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
            QCOMPARE(s.pushed, 0);
        }
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MAX(LENGTH(message)) FROM sync_attempts")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY2(q.value(1).toInt() <= 8000, qPrintable(q.value(1).toString()));
        QVERIFY(
            q.exec(QStringLiteral("SELECT MAX(LENGTH(ship_method_name)) FROM item_fulfillments")));
        QVERIFY(q.next());
        QVERIFY2(q.value(0).toInt() <= 4000, qPrintable(q.value(0).toString()));
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(LENGTH(message)) FROM inbox_items")));
        QVERIFY(q.next());
        QVERIFY2(q.value(0).toInt() <= 8000, qPrintable(q.value(0).toString()));
        QVERIFY(item() && item()->state == InboxState::Open);
    }

    // A 3PL order the 3PL refused opens its item with its history line; taken later, the item
    // settles. A line that cannot be written is a warning of the run (it is not "all synced"),
    // and the Inbox is left as it was: never an item without its line.
    void aThreePlLineThatCannotBeRecordedIsAWarningOfTheRun()
    {
        SyncRunSummary summary;
        ThreePlRecorder recorder(m_temp->database(),
                                 {m_connector,
                                  SyncTrigger::Schedule,
                                  [] { return QDateTime::currentDateTimeUtc(); },
                                  {}},
                                 summary);
        ThreePlOrderSender::OrderOutcome refused{1001, QStringLiteral("SO1001"),     false, {},
                                                 {},   QStringLiteral("unknown SKU")};
        recorder.order(refused);
        QCOMPARE(summary.failed, 1);
        QVERIFY(summary.warnings.isEmpty());
        const std::optional<InboxItem> opened = InboxRepository(db()).item(
            m_connector.id, InboxSubject::ThreePlOrder, QStringLiteral("1001"));
        QVERIFY(opened && opened->state == InboxState::Open);

        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE sync_attempts RENAME TO sync_attempts_gone")));
        ThreePlOrderSender::OrderOutcome taken = refused;
        taken.taken = true;
        recorder.order(taken);
        QCOMPARE(summary.warnings.size(), 1);
        QVERIFY2(summary.warnings.first().contains(QLatin1String("Could not record")),
                 qPrintable(summary.warnings.first()));
        QCOMPARE(InboxRepository(db())
                     .item(m_connector.id, InboxSubject::ThreePlOrder, QStringLiteral("1001"))
                     ->state,
                 InboxState::Open); // rolled back with the line it belongs to
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE sync_attempts_gone RENAME TO sync_attempts")));
    }

    void aHoldOpensAnItemAndTheFixAutoResolvesIt()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        QCOMPARE(runPass().held, 1);
        QVERIFY(item());
        QCOMPARE(item()->problem, InboxProblem::Held);
        QCOMPARE(item()->state, InboxState::Open);
        QCOMPARE(item()->orderTranId, QStringLiteral("SO1001"));
        QVERIFY2(item()->message.contains(QStringLiteral("Local Courier")),
                 qPrintable(item()->message));
        QCOMPARE(InboxRepository(db()).openCount(), 1);

        const MappingRule courier{MappingKind::ShipMethod,
                                  QStringLiteral("Local Courier"),
                                  {},
                                  QStringLiteral("Local Courier"),
                                  {}};
        routeNetSuite(true);
        QCOMPARE(runPass(SyncTrigger::Schedule, {}, false, {courier}, 1).pushed, 1);
        QCOMPARE(item()->state, InboxState::AutoResolved);
        QVERIFY(!item()->resolution.isEmpty());
        QCOMPARE(InboxRepository(db()).openCount(), 0);
    }

    void aFailureOpensAnItemAResolveClosesItAndANewFailureReopensIt()
    {
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(item()->problem, InboxProblem::Failed);
        const qint64 id = item()->id;

        InboxActions::Outcome outcome =
            InboxActions::resolve(db(), {id}, QString(), QStringLiteral("ada"));
        QCOMPARE(outcome.resolved, 0); // a reason is required
        QVERIFY(!outcome.error.isEmpty());
        outcome = InboxActions::resolve(db(), {id}, QStringLiteral("Shopify is down, told IT"),
                                        QStringLiteral("ada"));
        QCOMPARE(outcome.resolved, 1);
        QCOMPARE(item()->state, InboxState::Resolved);
        QVERIFY(item()->resolution.contains(QStringLiteral("told IT")));
        QVERIFY(lastAttempt().message.contains(QStringLiteral("ada")));
        // Acknowledged, not dropped: it is still owed and still retried.
        QVERIFY(QuarantineRepository(db()).entry(m_connector.id, 2001));
        m_now = m_now.addSecs(26);
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(item()->state, InboxState::Open);
        QCOMPARE(item()->id, id); // the same item, open again
        // Resolving what is settled already does nothing.
        m_shopify->setInterceptor({});
        QCOMPARE(runPass(SyncTrigger::Resync, {1001}).pushed, 1);
        QCOMPARE(item()->state, InboxState::AutoResolved);
        outcome = InboxActions::resolve(db(), {id}, QStringLiteral("x"), QStringLiteral("ada"));
        QCOMPARE(outcome.resolved, 0);
        QCOMPARE(outcome.skipped, 1);
        QCOMPARE(item()->state, InboxState::AutoResolved);
    }

    void aFlagIsClosedForGoodThroughTheInbox()
    {
        QCOMPARE(runPass().pushed, 1);
        QVERIFY(!item()); // nothing ever needed a person
        m_voided = QStringLiteral("T");
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(item()->problem, InboxProblem::Flagged);
        QCOMPARE(item()->state, InboxState::Open);
        // Retry leaves flags alone: a resync would not touch them.
        QVERIFY(InboxActions::retryRequests(db(), {item()->id}).isEmpty());
        const InboxActions::Outcome outcome = InboxActions::resolve(
            db(), {item()->id}, QStringLiteral("cancelled in Shopify"), QStringLiteral("ada"));
        QCOMPARE(outcome.resolved, 1);
        QCOMPARE(item()->state, InboxState::Resolved);
        QCOMPARE(ledger()->state, LedgerState::Resolved);
        QCOMPARE(runPass().failed, 0);
        QCOMPARE(item()->state, InboxState::Resolved);
    }

    void retryAndTheWholeFilterWorkOverEveryMatchingItem()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        QCOMPARE(runPass().held, 1);
        TablePageQuery open{TablePageQuery::Table::Inbox, {}, inboxStateKey(InboxState::Open)};
        QString error;
        const QList<qint64> ids = InboxActions::idsMatching(db(), open, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ids, QList<qint64>{item()->id});
        TablePageQuery flagged = open;
        flagged.status = inboxProblemKey(InboxProblem::Flagged);
        QVERIFY(InboxActions::idsMatching(db(), flagged, &error).isEmpty());
        const QList<SyncRequest> requests = InboxActions::retryRequests(db(), ids);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().connectorId, m_connector.id);
        QCOMPARE(requests.first().trigger, SyncTrigger::Resync);
        QCOMPARE(requests.first().orderIds, QList<qint64>{1001});
    }
};

QTEST_GUILESS_MAIN(TestInbox)
#include "tst_inbox.moc"
