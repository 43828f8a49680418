// The one decision function (SyncDecisions::decide), gate by gate: each rule of product.md has
// a row here that fails without it — the gates everyone assumes included. Explain renders the
// same decisions, so its text is checked against them too.

#include "models/storage/quarantinerepository.h"
#include "sync/channel/shopify/shopifyplanner.h"
#include "sync/engine/explainer.h"
#include "sync/engine/syncdecision.h"

#include <QTest>

using namespace fulfillsync;
using Action = SyncDecision::Action;

namespace {

const QDateTime kNow(QDate(2026, 11, 26), QTime(12, 0), Qt::UTC);

SalesOrder order(const QString &status = QStringLiteral("F"))
{
    SalesOrder o;
    o.id = 1002;
    o.tranId = QStringLiteral("SO1002");
    o.channel = QStringLiteral("Shopify");
    o.channelOrder = QStringLiteral("5002");
    o.status = status;
    o.lines = {{1, 501, QStringLiteral("TSHIRT-RED-M"), 2, 2}};
    return o;
}

ItemFulfillment fulfillment(const QString &shipStatus = QStringLiteral("C"))
{
    ItemFulfillment f;
    f.id = 2002;
    f.orderId = 1002;
    f.tranId = QStringLiteral("IF2002");
    f.shipStatus = shipStatus;
    f.shipMethodName = QStringLiteral("FedEx 2Day");
    f.lines = {{1, 1, 501, QStringLiteral("TSHIRT-RED-M"), 2, 1, {}, {}}};
    f.trackingNumbers = {QStringLiteral("1Z1")};
    return f;
}

const QList<MappingRule> kRules = {
    {MappingKind::ShipMethod, QStringLiteral("FedEx 2Day"), {}, QStringLiteral("FedEx"), {}},
    {MappingKind::Item, QStringLiteral("501"), {}, QStringLiteral("TSHIRT-RED-M"), {}}};

LedgerEntry ledger(LedgerState state, double quantity = 2,
                   const QStringList &tracking = {QStringLiteral("1Z1")})
{
    LedgerEntry e;
    e.fulfillmentId = 2002;
    e.orderId = 1002;
    e.state = state;
    e.channelFulfillmentId = QStringLiteral("700");
    e.quantity = quantity;
    e.trackingNumbers = tracking;
    return e;
}

QuarantineEntry waiting(const QDateTime &until,
                        const QString &errorClass = QStringLiteral("transient"))
{
    return QuarantineEntry{
        0, 2002, 1002, 2, kNow.addSecs(-60), until, errorClass, QStringLiteral("HTTP 503"), 0};
}

struct Case
{
    Connector connector;
    SalesOrder order = ::order();
    ItemFulfillment fulfillment = ::fulfillment();
    std::optional<LedgerEntry> ledger;
    std::optional<QuarantineEntry> quarantine;
    QList<MappingRule> rules = kRules;
    bool skipWaiting = false;

    SyncDecision decide() const
    {
        const FulfillmentMapper mapper(connector, rules);
        DecisionInput input{connector, order, fulfillment};
        input.ledger = ledger;
        input.quarantine = quarantine;
        input.mapping = SyncDecisions::mapForChannel(mapper, fulfillment, order,
                                                     &ShopifyPlanner::quantityProblems);
        input.now = kNow;
        input.skipWaiting = skipWaiting;
        return SyncDecisions::decide(input);
    }
};

} // namespace

class TestSyncDecision : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedAndUnpushedIsPushed()
    {
        const SyncDecision d = Case{}.decide();
        QCOMPARE(d.action, Action::Push);
        QCOMPARE(d.mapped.carrier, QStringLiteral("FedEx"));
        QCOMPARE(d.mapped.lines.size(), 1);
        QVERIFY(
            std::all_of(d.gates.cbegin(), d.gates.cend(), [](const Gate &g) { return g.passed; }));
    }

    // Trigger on status only: every status letter, in and out of the connector's set.
    void triggerStatusGate_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("triggers");
        QTest::addColumn<bool>("pushes");
        const QStringList defaults = SalesOrderStatus::defaultTriggerSet();
        for (const char *letter : {"A", "B", "C", "D", "E", "F", "G", "H"}) {
            const QString s = QString::fromLatin1(letter);
            QTest::newRow(qPrintable(QStringLiteral("default set, %1").arg(s)))
                << s << defaults << defaults.contains(s);
        }
        QTest::newRow("only Billed, order Partially Fulfilled")
            << "D" << QStringList{QStringLiteral("G")} << false;
        QTest::newRow("only Billed, order Billed")
            << "G" << QStringList{QStringLiteral("G")} << true;
    }
    void triggerStatusGate()
    {
        QFETCH(QString, status);
        QFETCH(QStringList, triggers);
        QFETCH(bool, pushes);
        Case c;
        c.connector.triggerStatuses = triggers;
        c.order.status = status;
        const SyncDecision d = c.decide();
        QCOMPARE(d.action, pushes ? Action::Push : Action::Nothing);
        if (!pushes)
            QVERIFY2(d.reason.contains(QStringLiteral("trigger")), qPrintable(d.reason));
    }

    void onlyShippedAndNeverVoided_data()
    {
        QTest::addColumn<QString>("shipStatus");
        QTest::addColumn<bool>("voided");
        QTest::addColumn<bool>("pushes");
        QTest::newRow("picked") << "A" << false << false;
        QTest::newRow("packed") << "B" << false << false;
        QTest::newRow("shipped") << "C" << false << true;
        QTest::newRow("shipped but voided") << "C" << true << false;
    }
    void onlyShippedAndNeverVoided()
    {
        QFETCH(QString, shipStatus);
        QFETCH(bool, voided);
        QFETCH(bool, pushes);
        Case c;
        c.fulfillment.shipStatus = shipStatus;
        c.fulfillment.voided = voided;
        QCOMPARE(c.decide().action, pushes ? Action::Push : Action::Nothing);
    }

    void connectorAndChannelGates()
    {
        Case disabled;
        disabled.connector.enabled = false;
        QCOMPARE(disabled.decide().action, Action::Nothing);
        QVERIFY(disabled.decide().reason.contains(QStringLiteral("disabled")));
        Case other;
        other.order.channel = QStringLiteral("Amazon");
        QCOMPARE(other.decide().action, Action::Nothing);
        Case noChannelOrder;
        noChannelOrder.order.channelOrder = QStringLiteral("#1001");
        QCOMPARE(noChannelOrder.decide().action, Action::Hold);
    }

    void ledgerStates_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("orderStatus");
        QTest::addColumn<int>("action");
        QTest::newRow("pushed") << int(LedgerState::Pushed) << "F" << int(Action::Nothing);
        QTest::newRow("flagged") << int(LedgerState::Attention) << "F" << int(Action::Nothing);
        QTest::newRow("resolved") << int(LedgerState::Resolved) << "F" << int(Action::Nothing);
        QTest::newRow("adopted") << int(LedgerState::Adopted) << "F" << int(Action::Nothing);
        QTest::newRow("pending") << int(LedgerState::Pending) << "F" << int(Action::ReadBackFirst);
        QTest::newRow("ambiguous")
            << int(LedgerState::Ambiguous) << "F" << int(Action::ReadBackFirst);
        // An unconfirmed push is read back whatever the order's status is now.
        QTest::newRow("ambiguous, order closed since")
            << int(LedgerState::Ambiguous) << "H" << int(Action::ReadBackFirst);
    }
    void ledgerStates()
    {
        QFETCH(int, state);
        QFETCH(QString, orderStatus);
        QFETCH(int, action);
        Case c;
        c.ledger = ledger(LedgerState(state));
        c.order.status = orderStatus;
        QCOMPARE(int(c.decide().action), action);
    }

    void changedAfterPushIsFlaggedNeverSent_data()
    {
        QTest::addColumn<bool>("voided");
        QTest::addColumn<QString>("shipStatus");
        QTest::addColumn<double>("quantity");
        QTest::addColumn<QString>("words");
        QTest::newRow("voided") << true << "C" << 2.0 << "voided";
        QTest::newRow("moved back to packed") << false << "B" << 2.0 << "went back";
        QTest::newRow("reduced") << false << "C" << 1.0 << "reduced";
    }
    void changedAfterPushIsFlaggedNeverSent()
    {
        QFETCH(bool, voided);
        QFETCH(QString, shipStatus);
        QFETCH(double, quantity);
        QFETCH(QString, words);
        Case c;
        c.ledger = ledger(LedgerState::Pushed);
        c.fulfillment.voided = voided;
        c.fulfillment.shipStatus = shipStatus;
        c.fulfillment.lines[0].quantity = quantity;
        const SyncDecision d = c.decide();
        QCOMPARE(d.action, Action::Flag);
        QVERIFY2(d.reason.contains(words), qPrintable(d.reason));
    }

    // Another tool's fulfillment, adopted at a switch-over: never sent again, not even its
    // tracking numbers; a change for the worse in NetSuite is still flagged for a person.
    void anAdoptedFulfillmentIsNeverSentAgain()
    {
        QCOMPARE(ledgerStateKey(LedgerState::Adopted), QStringLiteral("adopted"));
        QCOMPARE(ledgerStateFromKey(QStringLiteral("adopted")), LedgerState::Adopted);
        Case c;
        c.ledger = ledger(LedgerState::Adopted, 2, {QStringLiteral("OLD")});
        const SyncDecision d = c.decide();
        QCOMPARE(d.action, Action::Nothing);
        QVERIFY2(d.reason.contains(QStringLiteral("another tool")), qPrintable(d.reason));
        c.fulfillment.voided = true;
        QCOMPARE(c.decide().action, Action::Flag);
    }

    void trackingChangesAreSentOnUnlessSwitchedOff()
    {
        Case c;
        c.ledger = ledger(LedgerState::Pushed, 2, {QStringLiteral("OLD")});
        QCOMPARE(c.decide().action, Action::UpdateTracking);
        c.connector.updateTracking = false;
        QCOMPARE(c.decide().action, Action::Nothing);
    }

    void aFailedTrackingUpdateWaitsInQuarantine()
    {
        Case c;
        c.ledger = ledger(LedgerState::Pushed, 2, {QStringLiteral("OLD")});
        c.quarantine = waiting(kNow.addSecs(60));
        QCOMPARE(c.decide().action, Action::Wait);
        c.quarantine = waiting(kNow.addSecs(-1));
        QCOMPARE(c.decide().action, Action::UpdateTracking);
    }

    void quarantineWaitsUntilDueOrResync()
    {
        Case c;
        c.quarantine = waiting(kNow.addSecs(65));
        const SyncDecision blocked = c.decide();
        QCOMPARE(blocked.action, Action::Wait);
        QVERIFY(blocked.reason.contains(QStringLiteral("HTTP 503")));
        c.skipWaiting = true;
        QCOMPARE(c.decide().action, Action::Push);
        c.skipWaiting = false;
        c.quarantine = waiting(kNow.addSecs(-1));
        QCOMPARE(c.decide().action, Action::Push);
    }

    void heldEntriesAreDecidedAgainByTheirGates()
    {
        // A fulfillment held until something changes is not blocked by its entry: once the
        // mapping is there, it goes.
        Case c;
        c.quarantine = waiting(QuarantinePolicy::untilChanged(), QStringLiteral("mapping"));
        QCOMPARE(c.decide().action, Action::Push);
        c.rules = {kRules.at(1)};
        QCOMPARE(c.decide().action, Action::Hold);
    }

    void unmappedValuesHoldUnlessTheConnectorUsesDefaults()
    {
        Case unmappedItem;
        unmappedItem.rules = {kRules.at(0)};
        const SyncDecision held = unmappedItem.decide();
        QCOMPARE(held.action, Action::Hold);
        QVERIFY2(held.reason.contains(QStringLiteral("TSHIRT-RED-M")), qPrintable(held.reason));
        unmappedItem.connector.unmappedPolicy = UnmappedPolicy::UseDefault;
        const SyncDecision byDefault = unmappedItem.decide();
        QCOMPARE(byDefault.action, Action::Push);
        QCOMPARE(byDefault.mapped.lines.first().sku, QStringLiteral("TSHIRT-RED-M"));

        Case unmappedMethod;
        unmappedMethod.rules = {kRules.at(1)};
        QCOMPARE(unmappedMethod.decide().action, Action::Hold);
    }

    void quantitiesShopifyCannotTakeAreHeld_data()
    {
        QTest::addColumn<double>("quantity");
        QTest::newRow("3e9 (would wrap to a negative Int)") << 3e9;
        QTest::newRow("a fraction") << 1.5;
    }
    void quantitiesShopifyCannotTakeAreHeld()
    {
        QFETCH(double, quantity);
        Case c;
        c.fulfillment.lines[0].quantity = quantity;
        const SyncDecision d = c.decide();
        QCOMPARE(d.action, Action::Hold);
        QVERIFY2(d.reason.contains(QStringLiteral("whole units")), qPrintable(d.reason));
    }

    void unreadableNetSuiteDataIsHeldEvenAfterPush()
    {
        Case c;
        c.fulfillment.problem = QStringLiteral("IF2002 could not be read completely");
        QCOMPARE(c.decide().action, Action::Hold);
        c.ledger = ledger(LedgerState::Pushed);
        c.fulfillment.voided = true; // damaged data never raises a flag
        QCOMPARE(c.decide().action, Action::Hold);
    }

    void explainShowsTheDecision()
    {
        Connector connector;
        const FulfillmentMapper mapper(connector, kRules);
        ItemFulfillment picked = fulfillment(QStringLiteral("A"));
        picked.id = 2003;
        picked.tranId = QStringLiteral("IF2003");
        const ExplainInput input{connector, mapper, &ShopifyPlanner::quantityProblems, kNow};
        const OrderExplanation e =
            Explainer::explain(input, order(QStringLiteral("D")), {fulfillment(), picked}, {}, {});
        QCOMPARE(e.fulfillments.size(), 2);
        QCOMPARE(e.fulfillments.at(0).decision.action, Action::Push);
        QCOMPARE(e.fulfillments.at(1).decision.action, Action::Nothing);
        QVERIFY(e.fulfillments.at(1).verdict().contains(QStringLiteral("Picked")));
        QVERIFY(e.toText().contains(QStringLiteral("IF2002 is due")));
        QVERIFY(e.toText().contains(QStringLiteral("[--] Ship status")));
    }

    void explainOfAHoldSaysWhatHappensAfterTheFix()
    {
        Connector connector;
        const FulfillmentMapper mapper(connector, {});
        const ExplainInput input{connector, mapper, &ShopifyPlanner::quantityProblems, kNow};
        const OrderExplanation e = Explainer::explain(input, order(), {fulfillment()}, {}, {});
        QCOMPARE(e.fulfillments.first().decision.action, Action::Hold);
        QVERIFY(e.fulfillments.first().verdict().contains(QStringLiteral("FedEx 2Day")));
        QVERIFY(e.fulfillments.first().verdict().contains(QStringLiteral("After the fix")));
    }

    void orderStanding_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("ledgerState"); // -1: no entry
        QTest::addColumn<double>("shippedQuantity");
        QTest::addColumn<int>("expected");
        QTest::newRow("pending fulfillment") << "B" << -1 << 2.0 << int(OrderSyncState::Waiting);
        QTest::newRow("cancelled") << "C" << -1 << 2.0 << int(OrderSyncState::NotEligible);
        QTest::newRow("shipped, not pushed") << "F" << -1 << 2.0 << int(OrderSyncState::Waiting);
        QTest::newRow("all pushed")
            << "F" << int(LedgerState::Pushed) << 2.0 << int(OrderSyncState::Synced);
        QTest::newRow("part pushed")
            << "D" << int(LedgerState::Pushed) << 1.0 << int(OrderSyncState::PartiallySynced);
        QTest::newRow("resolved counts as pushed")
            << "F" << int(LedgerState::Resolved) << 2.0 << int(OrderSyncState::Synced);
        QTest::newRow("adopted counts as pushed")
            << "F" << int(LedgerState::Adopted) << 2.0 << int(OrderSyncState::Synced);
        QTest::newRow("flagged") << "F" << int(LedgerState::Attention) << 2.0
                                 << int(OrderSyncState::Failed);
    }
    void orderStanding()
    {
        QFETCH(QString, status);
        QFETCH(int, ledgerState);
        QFETCH(double, shippedQuantity);
        QFETCH(int, expected);
        ItemFulfillment f = fulfillment();
        f.lines[0].quantity = shippedQuantity;
        QList<LedgerEntry> entries;
        if (ledgerState >= 0)
            entries << ledger(LedgerState(ledgerState));
        const OrderStanding s =
            SyncDecisions::standingOf(Connector{}, order(status), {f}, entries, std::nullopt);
        QCOMPARE(int(s.state), expected);
    }
};

QTEST_APPLESS_MAIN(TestSyncDecision)
#include "tst_syncdecision.moc"
