// The Shopify side, pure: planning against a fulfillment-order snapshot, read-back, and the
// strict readers of GraphQL answers. "Unknown" is never "no": every answer that does not prove
// a success or a refusal must come out Ambiguous or Unreadable here.

#include "sync/channel/shopify/shopifygraphql.h"
#include "sync/channel/shopify/shopifyplanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fulfillsync;

namespace {

ChannelOrderSnapshot::Line line(const char *id, const char *lineItem, const char *sku,
                                qint64 remaining)
{
    return {QString::fromLatin1(id), QString::fromLatin1(lineItem), QString::fromLatin1(sku),
            remaining};
}

// Shopify's order 5005: one open fulfillment order with both lines at location 7001.
ChannelOrderSnapshot openOrder()
{
    ChannelOrderSnapshot s;
    s.orderId = QStringLiteral("5005");
    s.groups = {{QStringLiteral("801"),
                 QStringLiteral("open"),
                 QStringLiteral("7001"),
                 {line("901", "9007", "TSHIRT-RED-M", 1), line("902", "9008", "CAP-BLACK", 2)}}};
    return s;
}

MappedFulfillment mapped(double shirts = 1, double caps = 2)
{
    MappedFulfillment m;
    m.lines = {{QStringLiteral("TSHIRT-RED-M"), shirts, 501, {}},
               {QStringLiteral("CAP-BLACK"), caps, 503, {}}};
    m.carrier = QStringLiteral("UPS");
    m.trackingNumbers = {QStringLiteral("1Z5"), QStringLiteral("1Z6")};
    return m;
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject page(bool more = false)
{
    return {{QStringLiteral("hasNextPage"), more}};
}

// An Order node as the planning read asks for it.
QJsonObject orderNode(const QString &id, const QString &status = QStringLiteral("OPEN"),
                      const QJsonValue &remaining = 2)
{
    const QJsonObject lineItem{
        {QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrderLineItem/902")},
        {QStringLiteral("remainingQuantity"), remaining},
        {QStringLiteral("lineItem"),
         QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/LineItem/9008")},
                     {QStringLiteral("sku"), QStringLiteral("CAP-BLACK")}}}};
    const QJsonObject fo{
        {QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/801")},
        {QStringLiteral("status"), status},
        {QStringLiteral("assignedLocation"),
         QJsonObject{
             {QStringLiteral("location"),
              QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/Location/7001")}}}}},
        {QStringLiteral("lineItems"),
         QJsonObject{{QStringLiteral("pageInfo"), page()},
                     {QStringLiteral("nodes"), QJsonArray{lineItem}}}}};
    return {{QStringLiteral("id"), QString(QStringLiteral("gid://shopify/Order/") + id)},
            {QStringLiteral("fulfillmentOrders"),
             QJsonObject{{QStringLiteral("pageInfo"), page()},
                         {QStringLiteral("nodes"), QJsonArray{fo}}}}};
}

QByteArray planningAnswer(const QJsonArray &nodes)
{
    return toJson({{QStringLiteral("data"), QJsonObject{{QStringLiteral("nodes"), nodes}}}});
}

QJsonObject fulfillmentNode(const QString &id, const QStringList &numbers,
                            const QString &status = QStringLiteral("SUCCESS"))
{
    QJsonArray tracking;
    for (const QString &n : numbers)
        tracking.append(QJsonObject{{QStringLiteral("number"), n}});
    return {{QStringLiteral("id"), QString(QStringLiteral("gid://shopify/Fulfillment/") + id)},
            {QStringLiteral("status"), status},
            {QStringLiteral("trackingInfo"), tracking},
            {QStringLiteral("fulfillmentLineItems"),
             QJsonObject{{QStringLiteral("pageInfo"), page()},
                         {QStringLiteral("nodes"),
                          QJsonArray{QJsonObject{{QStringLiteral("quantity"), 2},
                                                 {QStringLiteral("lineItem"),
                                                  QJsonObject{{QStringLiteral("sku"),
                                                               QStringLiteral("CAP-BLACK")}}}}}}}}};
}

QByteArray readBackAnswer(const QJsonArray &fulfillments)
{
    QJsonObject order = orderNode(QStringLiteral("5005"));
    order.insert(QStringLiteral("fulfillments"), fulfillments);
    return toJson({{QStringLiteral("data"), QJsonObject{{QStringLiteral("order"), order}}}});
}

QByteArray createAnswer(const QJsonValue &fulfillment, const QJsonArray &userErrors = {})
{
    return toJson({{QStringLiteral("data"),
                    QJsonObject{{QStringLiteral("fulfillmentCreate"),
                                 QJsonObject{{QStringLiteral("fulfillment"), fulfillment},
                                             {QStringLiteral("userErrors"), userErrors}}}}}});
}

} // namespace

class TestShopifyPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planUsesOpenFulfillmentOrderLines()
    {
        const ChannelPlan plan = ShopifyPlanner::plan(mapped(), openOrder());
        QVERIFY2(plan.problem.isEmpty(), qPrintable(plan.problem));
        QCOMPARE(plan.allocations.size(), 2);
        QCOMPARE(plan.allocations.at(1).lineId, QStringLiteral("902"));
        QCOMPARE(plan.allocations.at(1).quantity, 2);
        const QJsonObject body = QJsonDocument::fromJson(plan.body).object();
        const QJsonObject f =
            body[QStringLiteral("variables")][QStringLiteral("fulfillment")].toObject();
        QCOMPARE(f[QStringLiteral("trackingInfo")][QStringLiteral("numbers")].toArray().size(), 2);
        QCOMPARE(f[QStringLiteral("lineItemsByFulfillmentOrder")][0]
                  [QStringLiteral("fulfillmentOrderId")]
                      .toString(),
                 QStringLiteral("gid://shopify/FulfillmentOrder/801"));
        QCOMPARE(f[QStringLiteral("lineItemsByFulfillmentOrder")][0]
                  [QStringLiteral("fulfillmentOrderLineItems")]
                      .toArray()
                      .size(),
                 2);
    }

    void planNeverExceedsRemainingQuantity()
    {
        QVERIFY(ShopifyPlanner::plan(mapped(1, 3), openOrder())
                    .problem.contains(QStringLiteral("only 2 of CAP-BLACK")));
    }

    void planSkipsClosedFulfillmentOrdersAndFollowsSplits()
    {
        ChannelOrderSnapshot s = openOrder();
        s.groups[0].status = QStringLiteral("closed");
        s.groups[0].lines = {line("901", "9007", "TSHIRT-RED-M", 0)};
        s.groups << ChannelOrderSnapshot::Group{QStringLiteral("802"),
                                                QStringLiteral("open"),
                                                QStringLiteral("7001"),
                                                {line("903", "9008", "CAP-BLACK", 2)}};
        MappedFulfillment m = mapped();
        m.lines.removeFirst();
        const ChannelPlan plan = ShopifyPlanner::plan(m, s);
        QVERIFY2(plan.problem.isEmpty(), qPrintable(plan.problem));
        QCOMPARE(plan.allocations.first().groupId, QStringLiteral("802"));
        QCOMPARE(plan.allocations.first().lineId, QStringLiteral("903"));
    }

    void fulfilledElsewhereIsNamedNeverSent()
    {
        ChannelOrderSnapshot s = openOrder();
        s.groups[0].status = QStringLiteral("closed");
        for (auto &l : s.groups[0].lines)
            l.remaining = 0;
        const ChannelPlan plan = ShopifyPlanner::plan(mapped(), s);
        QVERIFY(plan.fulfilledElsewhere);
        QVERIFY(plan.body.isEmpty());
    }

    // On hold and scheduled are "not yet", never "fulfilled already".
    void heldOrScheduledFulfillmentOrdersAreNamedAsSuch_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("words");
        QTest::newRow("on hold") << "on_hold"
                                 << "on hold";
        QTest::newRow("scheduled") << "scheduled"
                                   << "scheduled";
    }
    void heldOrScheduledFulfillmentOrdersAreNamedAsSuch()
    {
        QFETCH(QString, status);
        QFETCH(QString, words);
        ChannelOrderSnapshot s = openOrder();
        s.groups[0].status = status;
        const ChannelPlan plan = ShopifyPlanner::plan(mapped(), s);
        QVERIFY(!plan.fulfilledElsewhere);
        QVERIFY(plan.body.isEmpty());
        QVERIFY2(plan.problem.contains(words), qPrintable(plan.problem));
    }

    void planRefusesUnknownSkuAndKeepsToTheMappedLocation()
    {
        MappedFulfillment m = mapped();
        m.lines[0].sku = QStringLiteral("NOPE");
        QVERIFY(ShopifyPlanner::plan(m, openOrder()).problem.contains(QStringLiteral("NOPE")));
        MappedFulfillment elsewhere = mapped();
        elsewhere.channelLocationId = QStringLiteral("7002");
        QVERIFY(ShopifyPlanner::plan(elsewhere, openOrder())
                    .problem.contains(QStringLiteral("another location")));
    }

    void quantitiesMustBeWholeUnitsShopifyCanTake_data()
    {
        QTest::addColumn<double>("quantity");
        QTest::addColumn<bool>("ok");
        QTest::newRow("1") << 1.0 << true;
        QTest::newRow("Int max") << 2147483647.0 << true;
        QTest::newRow("3e9") << 3e9 << false;
        QTest::newRow("0.5") << 0.5 << false;
        QTest::newRow("0") << 0.0 << false;
        QTest::newRow("-1") << -1.0 << false;
        QTest::newRow("nan") << std::nan("") << false;
    }
    void quantitiesMustBeWholeUnitsShopifyCanTake()
    {
        QFETCH(double, quantity);
        QFETCH(bool, ok);
        QCOMPARE(ShopifyPlanner::quantityProblems(mapped(quantity, 1)).isEmpty(), ok);
    }

    void applyingACreateKeepsTheSnapshotTrue()
    {
        ChannelOrderSnapshot all = openOrder();
        const ChannelPlan whole = ShopifyPlanner::plan(mapped(), all);
        ShopifyPlanner::applyCreated(all, whole, QStringLiteral("77"), mapped());
        QCOMPARE(all.groups.first().status, QStringLiteral("closed"));
        QVERIFY(!all.stale);
        ChannelOrderSnapshot part = openOrder();
        const ChannelPlan half = ShopifyPlanner::plan(mapped(1, 1), part);
        ShopifyPlanner::applyCreated(part, half, QStringLiteral("78"), mapped(1, 1));
        QVERIFY(part.stale); // Shopify may have split the rest off: read again before planning
    }

    void readBackFindsOnlyWhatAFullReadProves()
    {
        ChannelOrderSnapshot s = openOrder();
        QCOMPARE(ShopifyPlanner::findExisting(mapped(), s).found,
                 ExistingFulfillment::Found::Unknown); // fulfillments not read: unknown
        s.fulfillmentsKnown = true;
        s.fulfillments = {
            {QStringLiteral("111"), QStringLiteral("success"), {QStringLiteral("9")}, {}},
            {QStringLiteral("112"),
             QStringLiteral("success"),
             {QStringLiteral("1Z6"), QStringLiteral("1Z5")},
             {}}};
        const ExistingFulfillment found = ShopifyPlanner::findExisting(mapped(), s);
        QCOMPARE(found.found, ExistingFulfillment::Found::Yes);
        QCOMPARE(found.channelFulfillmentId, QStringLiteral("112"));
        QCOMPARE(ShopifyPlanner::findExisting(mapped(), s, {QStringLiteral("112")}).found,
                 ExistingFulfillment::Found::No);
        s.fulfillments[1].status = QStringLiteral("cancelled");
        QCOMPARE(ShopifyPlanner::findExisting(mapped(), s).found, ExistingFulfillment::Found::No);
    }

    void planningReadsFitShopifysCostLimit()
    {
        const int orders = ShopifyGraphQl::ordersPerPlanningRead();
        QVERIFY(orders >= 8);
        QVERIFY(ShopifyGraphQl::planningReadCost(orders) <= ShopifyGraphQl::kMaxQueryCost);
        QVERIFY(ShopifyGraphQl::planningReadCost(orders + 1) > ShopifyGraphQl::kMaxQueryCost);
        QVERIFY(ShopifyGraphQl::singleReadCost(true) <= ShopifyGraphQl::kMaxQueryCost);
        QVERIFY(ShopifyGraphQl::singleReadCost(false) <= ShopifyGraphQl::kMaxQueryCost);
    }

    void planningAnswersAreReadStrictly()
    {
        const QStringList ids{QStringLiteral("5005"), QStringLiteral("5006"),
                              QStringLiteral("5007")};
        const auto reads = ShopifyGraphQl::readPlanningAnswer(
            planningAnswer({orderNode(QStringLiteral("5005")), QJsonValue::Null,
                            orderNode(QStringLiteral("5007"), QStringLiteral("ON_HOLD"))}),
            ids);
        QCOMPARE(reads.value(QStringLiteral("5005")).state, ChannelRead::State::Read);
        QCOMPARE(
            reads.value(QStringLiteral("5005")).snapshot.groups.first().lines.first().remaining, 2);
        QCOMPARE(reads.value(QStringLiteral("5006")).state, ChannelRead::State::Missing);
        QCOMPARE(reads.value(QStringLiteral("5007")).snapshot.groups.first().status,
                 QStringLiteral("on_hold"));
    }

    // Damaged answers are Unreadable (or the order Incomplete), never an empty order.
    void damagedPlanningAnswersAreUnreadable_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("state");
        const int unreadable = int(ChannelRead::State::Unreadable);
        const QByteArray good = planningAnswer({orderNode(QStringLiteral("5005"))});
        QTest::newRow("truncated") << good.left(good.size() / 2) << unreadable;
        QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>")
                              << unreadable;
        QTest::newRow("invalid utf-8") << QByteArray(good).insert(20, "\xff\xc3\x28") << unreadable;
        QTest::newRow("quantity as text")
            << planningAnswer({orderNode(QStringLiteral("5005"), QStringLiteral("OPEN"), "2")})
            << unreadable;
        QTest::newRow("negative quantity")
            << planningAnswer({orderNode(QStringLiteral("5005"), QStringLiteral("OPEN"), -1)})
            << unreadable;
        QTest::newRow("unknown status")
            << planningAnswer({orderNode(QStringLiteral("5005"), QStringLiteral("PAUSED"))})
            << unreadable;
        QTest::newRow("another order's node")
            << planningAnswer({orderNode(QStringLiteral("9999"))}) << unreadable;
        QTest::newRow("nodes missing")
            << toJson({{QStringLiteral("data"), QJsonObject{}}}) << unreadable;
        QTest::newRow("top-level errors")
            << toJson({{QStringLiteral("errors"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("message"), QStringLiteral("Internal error")}}}}})
            << unreadable;
        QJsonObject more = orderNode(QStringLiteral("5005"));
        QJsonObject fos = more[QStringLiteral("fulfillmentOrders")].toObject();
        fos.insert(QStringLiteral("pageInfo"), page(true));
        more.insert(QStringLiteral("fulfillmentOrders"), fos);
        QTest::newRow("more fulfillment orders than one page")
            << planningAnswer({more}) << int(ChannelRead::State::Incomplete);
    }
    void damagedPlanningAnswersAreUnreadable()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, state);
        const auto reads = ShopifyGraphQl::readPlanningAnswer(body, {QStringLiteral("5005")});
        QCOMPARE(int(reads.value(QStringLiteral("5005")).state), state);
        QVERIFY(!reads.value(QStringLiteral("5005")).problem.isEmpty());
    }

    void readBackAnswers()
    {
        const ChannelRead read = ShopifyGraphQl::readSingleAnswer(
            readBackAnswer({fulfillmentNode(QStringLiteral("112"), {QStringLiteral("1Z5")})}),
            QStringLiteral("5005"), true);
        QCOMPARE(read.state, ChannelRead::State::Read);
        QVERIFY(read.snapshot.fulfillmentsKnown);
        QCOMPARE(read.snapshot.fulfillments.first().trackingNumbers,
                 QStringList{QStringLiteral("1Z5")});
        // Wrong types in a fulfillment: unknown, never "not there".
        QJsonObject damaged = fulfillmentNode(QStringLiteral("112"), {QStringLiteral("1Z5")});
        damaged.insert(QStringLiteral("trackingInfo"), QStringLiteral("1Z5"));
        QCOMPARE(ShopifyGraphQl::readSingleAnswer(readBackAnswer({damaged}), QStringLiteral("5005"),
                                                  true)
                     .state,
                 ChannelRead::State::Unreadable);
        // A full page may hide more: absence cannot be proved.
        QJsonArray many;
        for (int i = 0; i < ShopifyGraphQl::kFulfillmentsRead; ++i)
            many.append(fulfillmentNode(QString::number(200 + i), {QString::number(i)}));
        QCOMPARE(
            ShopifyGraphQl::readSingleAnswer(readBackAnswer(many), QStringLiteral("5005"), true)
                .state,
            ChannelRead::State::Incomplete);
    }

    // Confirmed needs the id; Refused needs userErrors and no fulfillment; everything else —
    // including a 200 with top-level errors — is Ambiguous and read back.
    void createAnswersAreClassifiedTheSafeWay_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        const int ambiguous = int(ChannelAnswer::Kind::Ambiguous);
        QTest::newRow("created") << createAnswer(QJsonObject{
                                        {QStringLiteral("id"),
                                         QStringLiteral("gid://shopify/Fulfillment/77")}})
                                 << int(ChannelAnswer::Kind::Confirmed);
        QTest::newRow("user errors")
            << createAnswer(QJsonValue::Null,
                            {QJsonObject{{QStringLiteral("message"), QStringLiteral("closed")}}})
            << int(ChannelAnswer::Kind::Refused);
        QTest::newRow("INTERNAL_SERVER_ERROR")
            << toJson({{QStringLiteral("errors"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("message"), QStringLiteral("Internal error")},
                            {QStringLiteral("extensions"),
                             QJsonObject{{QStringLiteral("code"),
                                          QStringLiteral("INTERNAL_SERVER_ERROR")}}}}}}})
            << ambiguous;
        QTest::newRow("html") << QByteArray("<html>oops</html>") << ambiguous;
        QTest::newRow("empty object") << QByteArray("{}") << ambiguous;
        QTest::newRow("id as a number")
            << createAnswer(QJsonObject{{QStringLiteral("id"), 77}}) << ambiguous;
        QTest::newRow("user errors with a fulfillment")
            << createAnswer(QJsonObject{{QStringLiteral("id"), QJsonArray{}}},
                            {QJsonObject{{QStringLiteral("message"), QStringLiteral("x")}}})
            << ambiguous;
        QTest::newRow("neither") << createAnswer(QJsonValue::Null) << ambiguous;
    }
    void createAnswersAreClassifiedTheSafeWay()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        const ChannelAnswer answer =
            ShopifyGraphQl::readMutationAnswer(body, QStringLiteral("fulfillmentCreate"));
        QCOMPARE(int(answer.kind), kind);
        if (answer.kind == ChannelAnswer::Kind::Confirmed)
            QCOMPARE(answer.channelFulfillmentId, QStringLiteral("77"));
    }

    void throttledMeansNotExecutedWaitForTheBucket()
    {
        const QByteArray throttled = toJson(
            {{QStringLiteral("errors"),
              QJsonArray{QJsonObject{
                  {QStringLiteral("message"), QStringLiteral("Throttled")},
                  {QStringLiteral("extensions"),
                   QJsonObject{{QStringLiteral("code"), QStringLiteral("THROTTLED")}}}}}},
             {QStringLiteral("extensions"),
              QJsonObject{{QStringLiteral("cost"),
                           QJsonObject{{QStringLiteral("requestedQueryCost"), 10},
                                       {QStringLiteral("throttleStatus"),
                                        QJsonObject{{QStringLiteral("maximumAvailable"), 1000.0},
                                                    {QStringLiteral("currentlyAvailable"), 4},
                                                    {QStringLiteral("restoreRate"), 50.0}}}}}}}});
        QCOMPARE(ShopifyGraphQl::throttledWaitMs(throttled), std::optional<int>(120));
        QVERIFY(!ShopifyGraphQl::throttledWaitMs(createAnswer(QJsonValue::Null)));
    }

    void numericIds()
    {
        QCOMPARE(ShopifyGraphQl::numericId(QStringLiteral("gid://shopify/Fulfillment/12")),
                 QStringLiteral("12"));
        QCOMPARE(ShopifyGraphQl::numericId(QStringLiteral("12")), QStringLiteral("12"));
        QVERIFY(ShopifyGraphQl::numericId(QStringLiteral("gid://other/X/12")).isEmpty());
        QVERIFY(ShopifyGraphQl::numericId(QStringLiteral("gid://shopify/Fulfillment/x")).isEmpty());
        QVERIFY(ShopifyGraphQl::numericId(QString()).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestShopifyPlanner)
#include "tst_shopifyplanner.moc"
