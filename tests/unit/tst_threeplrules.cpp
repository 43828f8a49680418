// The 3PL connector's pure rules: what a shipment becomes in NetSuite (or why it is held), the
// keys that tie the legs together, the 3PL's answers read strictly, and its rate limit.

#include "sync/net/httpresult.h"
#include "sync/net/leakybucketpacer.h"
#include "sync/net/shipstationapi.h"
#include "sync/threepl/shipmentplanner.h"
#include "sync/threepl/threeplexplainer.h"
#include "sync/threepl/threeplorderdecision.h"
#include "sync/threepl/threeplordersender.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fulfillsync;

using TakenQuantities = QHash<qint64, double>;

namespace {

// SO1003: line 1, 4 × MUG-BLUE, 1 shipped already; line 2, 2 × TEE, none shipped.
SalesOrder order()
{
    SalesOrder o;
    o.id = 1003;
    o.tranId = QStringLiteral("SO1003");
    o.lines = {{1, 502, QStringLiteral("MUG-BLUE"), 4, 1}, {2, 503, QStringLiteral("TEE"), 2, 0}};
    return o;
}

ThreePlShipment shipment(const QList<ThreePlShipmentItem> &items)
{
    ThreePlShipment s;
    s.shipmentId = QStringLiteral("9000001");
    s.createdAt = QDateTime(QDate(2026, 12, 6), QTime(10, 0), Qt::UTC);
    s.trackingNumber = QStringLiteral("9400-1");
    s.items = items;
    return s;
}

QHash<int, QJsonObject> linesOf(const QByteArray &body)
{
    QHash<int, QJsonObject> lines;
    for (const QJsonValue &l : QJsonDocument::fromJson(body)
                                   .object()[QLatin1String("item")][QLatin1String("items")]
                                   .toArray())
        lines.insert(l[QLatin1String("orderLine")].toInt(), l.toObject());
    return lines;
}

HttpResult rateAnswer(int status, int remaining, int reset)
{
    HttpResult r;
    r.status = status;
    r.headers = {{"X-Rate-Limit-Limit", "40"},
                 {"X-Rate-Limit-Remaining", QByteArray::number(remaining)},
                 {"X-Rate-Limit-Reset", QByteArray::number(reset)}};
    return r;
}

} // namespace

class TestThreePlRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysTieTheLegsTogether()
    {
        QCOMPARE(ShipmentPlanner::orderKeyFor(QStringLiteral("123_SB1"), 1003),
                 QStringLiteral("ns-123_SB1-1003"));
        QCOMPARE(ShipmentPlanner::salesOrderOf(QStringLiteral("ns-123_SB1-1003"),
                                               QStringLiteral("123_SB1")),
                 1003);
        // Another account's order, a made-up key, garbage after the prefix: not ours.
        QCOMPARE(
            ShipmentPlanner::salesOrderOf(QStringLiteral("ns-999-1003"), QStringLiteral("123_SB1")),
            0);
        QCOMPARE(ShipmentPlanner::salesOrderOf(QStringLiteral("a1b2c3"), QStringLiteral("123")), 0);
        QCOMPARE(ShipmentPlanner::salesOrderOf(QStringLiteral("ns-123-12x"), QStringLiteral("123")),
                 0);
        // External ids take letters, digits, '_' and '-' only.
        QCOMPARE(ShipmentPlanner::externalIdFor(QStringLiteral("90|01 é")),
                 QStringLiteral("fs3pl-90_01__"));
    }

    // Every order line is listed: shipped ones with their quantity, the others switched off,
    // so NetSuite never fulfils a line the 3PL did not ship.
    void aShipmentListsEveryLine()
    {
        const ShipmentPlanner::Plan plan =
            ShipmentPlanner::plan(shipment({{QStringLiteral("1"), QStringLiteral("MUG-BLUE"), 2}}),
                                  order(), QStringLiteral("fs3pl-7-9000001"), {});
        QVERIFY2(plan.holdReason.isEmpty(), qPrintable(plan.holdReason));
        const QJsonObject body = QJsonDocument::fromJson(plan.body).object();
        QCOMPARE(body[QLatin1String("externalId")].toString(), QStringLiteral("fs3pl-7-9000001"));
        QCOMPARE(body[QLatin1String("shipStatus")][QLatin1String("id")].toString(),
                 QStringLiteral("C"));
        QCOMPARE(body[QLatin1String("tranDate")].toString(), QStringLiteral("2026-12-06"));
        QCOMPARE(body[QLatin1String("package")][QLatin1String("items")][0]
                     [QLatin1String("packageTrackingNumber")]
                         .toString(),
                 QStringLiteral("9400-1"));
        const auto lines = linesOf(plan.body);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[1][QLatin1String("itemReceive")].toBool(), true);
        QCOMPARE(lines[1][QLatin1String("quantity")].toDouble(), 2.0);
        QCOMPARE(lines[2][QLatin1String("itemReceive")].toBool(), false);
        QVERIFY(!lines[2].contains(QLatin1String("quantity")));
        QVERIFY(!body.contains(QLatin1String("shipMethod"))); // the sales order's

        const QJsonObject withMethod =
            QJsonDocument::fromJson(
                ShipmentPlanner::plan(
                    shipment({{QStringLiteral("1"), QStringLiteral("MUG-BLUE"), 2}}), order(),
                    QStringLiteral("x"), {}, 12)
                    .body)
                .object();
        QCOMPARE(withMethod[QLatin1String("shipMethod")][QLatin1String("id")].toString(),
                 QStringLiteral("12"));
    }

    // The carrier that really shipped, mapped back to a NetSuite ship method by internal id.
    void theCarrierMapsBackToAShipMethod_data()
    {
        QTest::addColumn<QString>("carrier");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QList<MappingRule>>("rules");
        QTest::addColumn<qint64>("shipMethod");
        const auto rule = [](const char *key, const char *target) {
            return MappingRule{
                MappingKind::ShipMethod, QLatin1String(key), QString(), QLatin1String(target), {}};
        };
        const QList<MappingRule> rules{rule("12", "ups/ups_ground"),
                                       rule("14", "stamps_com/usps_priority_mail"),
                                       rule("13", "fedex")};
        QTest::newRow("carrier and service") << "ups"
                                             << "ups_ground" << rules << qint64(12);
        QTest::newRow("case differs") << "UPS"
                                      << "UPS_GROUND" << rules << qint64(12);
        QTest::newRow("carrier alone") << "fedex"
                                       << "fedex_2day" << rules << qint64(13);
        QTest::newRow("unmapped service") << "ups"
                                          << "ups_next_day_air" << rules << qint64(0);
        QTest::newRow("no carrier") << ""
                                    << "" << rules << qint64(0);
        QTest::newRow("two ship methods for one service")
            << "ups"
            << "ups_ground" << (rules + QList<MappingRule>{rule("15", "ups/ups_ground")})
            << qint64(0);
        QTest::newRow("mapped by name only")
            << "ups"
            << "ups_ground" << QList<MappingRule>{rule("UPS Ground", "ups/ups_ground")}
            << qint64(0);
        QTest::newRow("another kind's target")
            << "ups"
            << "ups_ground"
            << QList<MappingRule>{{MappingKind::Location,
                                   QStringLiteral("3"),
                                   QString(),
                                   QStringLiteral("ups/ups_ground"),
                                   {}}}
            << qint64(0);
    }

    void theCarrierMapsBackToAShipMethod()
    {
        QFETCH(QString, carrier);
        QFETCH(QString, service);
        QFETCH(QList<MappingRule>, rules);
        QFETCH(qint64, shipMethod);
        ThreePlShipment s = shipment({});
        s.carrierCode = carrier;
        s.serviceCode = service;
        QCOMPARE(ShipmentPlanner::shipMethodFor(s, rules), shipMethod);
    }

    void whatCannotBeFulfilledIsHeld_data()
    {
        QTest::addColumn<QList<ThreePlShipmentItem>>("items");
        QTest::addColumn<TakenQuantities>("taken");
        QTest::addColumn<QString>("reason");
        QTest::newRow("more than is left")
            << QList<ThreePlShipmentItem>{{QStringLiteral("1"), QStringLiteral("MUG-BLUE"), 4}}
            << TakenQuantities() << QStringLiteral("only 3 are left");
        QTest::newRow("left, but taken by an earlier shipment of this run")
            << QList<ThreePlShipmentItem>{{QStringLiteral("2"), QStringLiteral("TEE"), 1}}
            << TakenQuantities{{2, 2}} << QStringLiteral("only 0 are left");
        QTest::newRow("a line the order does not have")
            << QList<ThreePlShipmentItem>{{QStringLiteral("9"), QStringLiteral("HAT"), 1}}
            << TakenQuantities() << QStringLiteral("not a line of SO1003");
        QTest::newRow("no line key at all")
            << QList<ThreePlShipmentItem>{{QString(), QStringLiteral("MUG-BLUE"), 1}}
            << TakenQuantities() << QStringLiteral("not a line of SO1003");
        QTest::newRow("no items") << QList<ThreePlShipmentItem>() << TakenQuantities()
                                  << QStringLiteral("without items");
    }

    void whatCannotBeFulfilledIsHeld()
    {
        QFETCH(QList<ThreePlShipmentItem>, items);
        QFETCH(TakenQuantities, taken);
        QFETCH(QString, reason);
        const ShipmentPlanner::Plan plan =
            ShipmentPlanner::plan(shipment(items), order(), QStringLiteral("x"), taken);
        QVERIFY(plan.body.isEmpty());
        QVERIFY2(plan.holdReason.contains(reason), qPrintable(plan.holdReason));
    }

    // A page that cannot be read whole is unknown, never "no shipments".
    void anUnreadablePageIsUnknown_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>");
        QTest::newRow("truncated") << QByteArray(R"({"shipments":[{"shipmentId":1,)");
        QTest::newRow("no pages") << QByteArray(R"({"shipments":[]})");
        QTest::newRow("shipments not a list") << QByteArray(R"({"shipments":{},"pages":1})");
        QTest::newRow("items of the wrong type") << QByteArray(
            R"({"shipments":[{"shipmentId":1,"createDate":"2026-12-06T10:00:00.0000000","shipmentItems":"3 mugs"}],"pages":1})");
        QTest::newRow("a quantity as text") << QByteArray(
            R"({"shipments":[{"shipmentId":1,"createDate":"2026-12-06T10:00:00.0000000","shipmentItems":[{"lineItemKey":"1","quantity":"2"}]}],"pages":1})");
        QTest::newRow("an unreadable date") << QByteArray(
            R"({"shipments":[{"shipmentId":1,"createDate":"yesterday","shipmentItems":[]}],"pages":1})");
    }

    void anUnreadablePageIsUnknown()
    {
        QFETCH(QByteArray, body);
        QString problem;
        QVERIFY(!ShipStationApi::readShipmentPage(body, &problem));
        QVERIFY(!problem.isEmpty());
    }

    void aPageIsReadWhole()
    {
        QString problem;
        const auto page = ShipStationApi::readShipmentPage(
            R"({"shipments":[{"shipmentId":9000001,"orderKey":"ns-1-1003","orderNumber":"SO1003",
                "createDate":"2026-12-06T10:00:05.1230000","trackingNumber":"9400-1",
                "carrierCode":"usps","serviceCode":"usps_priority_mail","voided":false,
                "shipmentItems":[{"lineItemKey":"1","sku":"MUG-BLUE","quantity":3}]}],
                "total":1,"page":1,"pages":1})",
            &problem);
        QVERIFY2(page, qPrintable(problem));
        QCOMPARE(page->pages, 1);
        QCOMPARE(page->shipments.size(), 1);
        const ThreePlShipment &s = page->shipments.first();
        QCOMPARE(s.shipmentId, QStringLiteral("9000001"));
        QCOMPARE(s.createdAt, QDateTime(QDate(2026, 12, 6), QTime(10, 0, 5, 123), Qt::UTC));
        QCOMPARE(s.items, (QList<ThreePlShipmentItem>{
                              {QStringLiteral("1"), QStringLiteral("MUG-BLUE"), 3}}));
    }

    // A label with no items (made outside an order) is read, with no items: the planner
    // holds it with a reason instead of the whole page failing on every run.
    void aShipmentWithoutItemsIsRead()
    {
        QString problem;
        const auto page = ShipStationApi::readShipmentPage(
            R"({"shipments":[{"shipmentId":5,"createDate":"2026-12-06T10:00:00.0000000",
                "shipmentItems":null}],"pages":1})",
            &problem);
        QVERIFY2(page, qPrintable(problem));
        QCOMPARE(page->shipments.size(), 1);
        QVERIFY(page->shipments.first().items.isEmpty());
    }

    // Orders out: a row whose line or quantity cannot be read stops the leg (the order is never
    // sent without it, and the watermark stays before it).
    void anUnreadableOrderRowIsUnknown_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("quantity missing")
            << QStringLiteral("quantity") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("quantity not a number")
            << QStringLiteral("quantity") << QJsonValue(QStringLiteral("two"));
        QTest::newRow("line missing")
            << QStringLiteral("so_line") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("time unreadable")
            << QStringLiteral("so_lmd") << QJsonValue(QStringLiteral("x"));
        QTest::newRow("an object") << QStringLiteral("quantity") << QJsonValue(QJsonObject{});
    }

    void anUnreadableOrderRowIsUnknown()
    {
        QFETCH(QString, column);
        QFETCH(QJsonValue, value);
        QJsonObject row{{QStringLiteral("so_id"), QStringLiteral("1003")},
                        {QStringLiteral("so_tranid"), QStringLiteral("SO1003")},
                        {QStringLiteral("so_lmd"), QStringLiteral("2026-12-06T10:00:00")},
                        {QStringLiteral("so_line"), QStringLiteral("1")},
                        {QStringLiteral("quantity"), QStringLiteral("4")}};
        QVERIFY(ThreePlOrderSender::unreadableOrderRow(row).isEmpty());
        if (value.isUndefined())
            row.remove(column);
        else
            row.insert(column, value);
        QVERIFY(!ThreePlOrderSender::unreadableOrderRow(row).isEmpty());
    }

    // createorders answers per order; an answer that does not say so for each is unreadable.
    void createOrdersAnswersAreReadPerOrder()
    {
        const auto answers = ShipStationApi::readCreateOrdersAnswer(
            R"({"hasErrors":true,"results":[
                {"orderId":7000001,"orderKey":"ns-1-1","success":true,"errorMessage":null},
                {"orderId":0,"orderKey":"ns-1-2","success":false,"errorMessage":"shipped"}]})");
        QVERIFY(answers);
        QCOMPARE(answers->value(QStringLiteral("ns-1-1")).success, true);
        QCOMPARE(answers->value(QStringLiteral("ns-1-1")).orderId, QStringLiteral("7000001"));
        QCOMPARE(answers->value(QStringLiteral("ns-1-2")).errorMessage, QStringLiteral("shipped"));
        QVERIFY(!ShipStationApi::readCreateOrdersAnswer("<html/>"));
        QVERIFY(!ShipStationApi::readCreateOrdersAnswer(R"({"results":[{"orderKey":"k"}]})"));
    }

    // The fixed window: while it has room requests go; when it is spent (or a 429 says so)
    // nothing goes before it starts again, whatever the model thought.
    // The first leg's one rule, which the sender acts on and Explain shows.
    void eachOrderGetsOneDecision_data()
    {
        using A = ThreePlOrderDecision::Action;
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("sentState");
        QTest::addColumn<int>("action");
        QTest::newRow("released, never sent") << "B"
                                              << "" << int(A::Send);
        QTest::newRow("partly fulfilled, never sent") << "D"
                                                      << "" << int(A::Send);
        QTest::newRow("released, refused before") << "B"
                                                  << "refused" << int(A::Send);
        QTest::newRow("released, sent") << "B"
                                        << "sent" << int(A::Leave);
        QTest::newRow("pending approval") << "A"
                                          << "" << int(A::Leave);
        QTest::newRow("billed, never sent") << "G"
                                            << "" << int(A::Leave);
        QTest::newRow("cancelled after it was sent") << "C"
                                                     << "sent" << int(A::Cancel);
        QTest::newRow("closed after it was sent") << "H"
                                                  << "sent" << int(A::Cancel);
        QTest::newRow("cancelled, never sent") << "C"
                                               << "" << int(A::Leave);
        QTest::newRow("refused, then fulfilled") << "G"
                                                 << "refused" << int(A::Settle);
        QTest::newRow("refused, then cancelled") << "C"
                                                 << "refused" << int(A::Settle);
        QTest::newRow("settled") << "B"
                                 << "settled" << int(A::Leave);
        QTest::newRow("cancelled in the 3PL") << "C"
                                              << "cancelled" << int(A::Leave);
        // Its cancel was refused for good (the 3PL had shipped it): never sent again.
        QTest::newRow("closed after the 3PL shipped it") << "H"
                                                         << "shipped" << int(A::Leave);
        QTest::newRow("shipped by the 3PL, released again") << "B"
                                                            << "shipped" << int(A::Leave);
    }

    void eachOrderGetsOneDecision()
    {
        QFETCH(QString, status);
        QFETCH(QString, sentState);
        QFETCH(int, action);
        const ThreePlOrderDecision d = ThreePlOrderDecision::decide(status, sentState);
        QCOMPARE(int(d.action), action);
        QVERIFY(!d.reason.isEmpty());
    }

    // Orders out keeps only the rows of statuses the decision acts on (refused orders whatever
    // their status): a status it would act on but drops would be an order silently never sent
    // or cancelled.
    void everyStatusTheDecisionActsOnIsKept()
    {
        const QStringList read = ThreePlOrderDecision::statusesActedOn();
        for (const char status : QByteArray("ABCDEFGH"))
            for (const char *sent : {"", "sent", "cancelled", "settled"}) {
                const QString letter(QLatin1Char{status});
                const ThreePlOrderDecision d =
                    ThreePlOrderDecision::decide(letter, QLatin1String(sent));
                if (d.action != ThreePlOrderDecision::Action::Leave)
                    QVERIFY2(read.contains(letter), qPrintable(letter + u' ' + d.reason));
            }
        QVERIFY(!read.contains(QStringLiteral("G"))); // billed history stays out
    }

    // Explain says where the order stands with the 3PL and what each shipment waits for.
    void explainSaysWhatEachShipmentWaitsFor()
    {
        SalesOrder order;
        order.id = 1003;
        order.status = QStringLiteral("B");
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        QVERIFY(ThreePlExplainer::explain(order, QString(), {}, now)
                    .contains(QLatin1String("sent on the next run")));
        // Held by the last run (a fractional quantity): no promise of the next run.
        InboxItem heldOrder;
        heldOrder.subject = InboxSubject::ThreePlOrder;
        heldOrder.problem = InboxProblem::Held;
        heldOrder.message = QStringLiteral("SO1003: the 3PL takes whole quantities only.");
        const QString heldText = ThreePlExplainer::explain(order, QString(), {}, now, heldOrder);
        QVERIFY2(heldText.contains(QLatin1String("Held in the Inbox: SO1003")) &&
                     !heldText.contains(QLatin1String("next run")),
                 qPrintable(heldText));
        heldOrder.state = InboxState::Resolved;
        heldOrder.resolution = QStringLiteral("shipped by hand");
        QVERIFY(ThreePlExplainer::explain(order, QString(), {}, now, heldOrder)
                    .contains(QLatin1String("Resolved in the Inbox (shipped by hand)")));
        heldOrder.state = InboxState::AutoResolved; // sendable again: the decision's own words
        QVERIFY(ThreePlExplainer::explain(order, QString(), {}, now, heldOrder)
                    .contains(QLatin1String("sent on the next run")));

        ThreePlShipmentEntry created;
        created.shipmentId = QStringLiteral("5001");
        created.state = ThreePlState::Created;
        created.fulfillmentId = 812;
        ThreePlShipmentEntry waiting = created;
        waiting.shipmentId = QStringLiteral("5002");
        waiting.state = ThreePlState::Unknown;
        waiting.tries = 2;
        waiting.nextTryAt = now.addSecs(600);
        ThreePlShipmentEntry held = created;
        held.shipmentId = QStringLiteral("5003");
        held.state = ThreePlState::Held;
        held.error = QStringLiteral("Line 1 ships 2, but only 0 are left.");
        const QString text =
            ThreePlExplainer::explain(order, QStringLiteral("sent"), {created, waiting, held}, now);
        QVERIFY2(text.contains(QLatin1String("Sent to the 3PL")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Shipment 5001")) &&
                     text.contains(QLatin1String("#812 created")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("2 read-back")) &&
                     text.contains(QLatin1String("Retry in the Inbox does it now")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("held: Line 1 ships 2, but only 0 are left.")),
                 qPrintable(text));
        // Its wait over, the next run reads it back.
        QVERIFY(
            ThreePlExplainer::explain(order, QStringLiteral("sent"), {waiting}, now.addSecs(601))
                .contains(QLatin1String("the next run reads it back")));
    }

    void theRateLimitWindowIsRespected()
    {
        LeakyBucketPacer pacer = ShipStationApi::makePacer();
        const qint64 now = 1000000;
        ShipStationApi::observeRateLimit(pacer, rateAnswer(200, 30, 40), now);
        QCOMPARE(pacer.delayBeforeNextMs(now), 0);
        ShipStationApi::observeRateLimit(pacer, rateAnswer(200, 1, 25), now);
        QCOMPARE(pacer.delayBeforeNextMs(now), 25000);
        LeakyBucketPacer throttled = ShipStationApi::makePacer();
        ShipStationApi::observeRateLimit(throttled, rateAnswer(429, 0, 12), now);
        QCOMPARE(throttled.delayBeforeNextMs(now), 12000);
    }
};

QTEST_GUILESS_MAIN(TestThreePlRules)
#include "tst_threeplrules.moc"
