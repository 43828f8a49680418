// The mapping engine and the Shopify planner: pure functions, so every rule is a table row.

#include "sync/engine/fulfillmentmapper.h"
#include "sync/engine/shopifyplanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace fulfillsync;

const char *fixture(int index); // tst_mapping_fixtures.cpp: raw JSON kept out of moc's sight

namespace {

ItemFulfillment fulfillment()
{
    ItemFulfillment f;
    f.id = 2004;
    f.orderId = 1005;
    f.tranId = QStringLiteral("IF2004");
    f.tranDate = QStringLiteral("2026-11-20");
    f.shipStatus = ShipStatus::Shipped;
    f.shipMethodId = 12;
    f.shipMethodName = QStringLiteral("UPS Ground");
    f.lines = {{1, 1, 501, QStringLiteral("TSHIRT-RED-M"), 1, 1, QStringLiteral("Main")},
               {2, 2, 503, QStringLiteral("CAP-BLACK"), 2, 1, QStringLiteral("Main")}};
    f.trackingNumbers = {QStringLiteral("1Z5"), QStringLiteral("1Z6")};
    return f;
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

const char *kOrder = fixture(0);

const char *kOpenFo = fixture(1);

MappedFulfillment mapped(double shirts = 1, double caps = 2)
{
    MappedFulfillment m;
    m.lines = {{QStringLiteral("TSHIRT-RED-M"), shirts, 501, {}},
               {QStringLiteral("CAP-BLACK"), caps, 503, {}}};
    m.carrier = QStringLiteral("UPS");
    m.trackingNumbers = {QStringLiteral("1Z5"), QStringLiteral("1Z6")};
    return m;
}

} // namespace

class TestMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsShipMethodAndUsesItemNameAsSku()
    {
        Connector c;
        const FulfillmentMapper mapper(
            c, {{MappingKind::ShipMethod, QStringLiteral("12"), {}, QStringLiteral("UPS"), {}}});
        const MappingResult r = mapper.map(fulfillment());
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u' ')));
        QCOMPARE(r.mapped.carrier, QStringLiteral("UPS"));
        QCOMPARE(r.mapped.lines.size(), 2);
        QCOMPARE(r.mapped.lines.at(1).sku, QStringLiteral("CAP-BLACK"));
        QCOMPARE(r.mapped.lines.at(1).quantity, 2.0);
        QCOMPARE(r.mapped.trackingNumbers.size(), 2);
        QVERIFY(r.mapped.trackingUrl.isEmpty());
    }

    void itemRuleWinsOverName()
    {
        Connector c;
        const FulfillmentMapper mapper(
            c,
            {{MappingKind::ShipMethod, QStringLiteral("UPS Ground"), {}, QStringLiteral("UPS"), {}},
             {MappingKind::Item, QStringLiteral("503"), {}, QStringLiteral("CAP-BLK-OS"), {}}});
        const MappingResult r = mapper.map(fulfillment());
        QVERIFY(r.ok());
        QCOMPARE(r.mapped.lines.at(1).sku, QStringLiteral("CAP-BLK-OS"));
    }

    void unmappedShipMethodHoldsByDefault()
    {
        Connector c;
        const MappingResult r = FulfillmentMapper(c, {}).map(fulfillment());
        QVERIFY(!r.ok());
        QVERIFY(r.problems.first().contains(QStringLiteral("UPS Ground")));
    }

    void unmappedShipMethodUsesDefaultWhenAllowed()
    {
        Connector c;
        c.unmappedPolicy = UnmappedPolicy::UseDefault;
        c.defaultCarrier = QStringLiteral("Other");
        const MappingResult r = FulfillmentMapper(c, {}).map(fulfillment());
        QVERIFY(r.ok());
        QCOMPARE(r.mapped.carrier, QStringLiteral("Other"));
    }

    void freeTextCarrierGetsTrackingUrlFromTemplate()
    {
        Connector c;
        const FulfillmentMapper mapper(c, {{MappingKind::ShipMethod,
                                            QStringLiteral("12"),
                                            {},
                                            QStringLiteral("Local Courier"),
                                            QStringLiteral("https://track.example/{number}")}});
        const MappingResult r = mapper.map(fulfillment());
        QCOMPARE(r.mapped.trackingUrl, QStringLiteral("https://track.example/1Z5"));
        QCOMPARE(FulfillmentMapper::expandTrackingUrl(QStringLiteral("https://t/{number}"),
                                                      QStringLiteral("A B&C")),
                 QStringLiteral("https://t/A%20B%26C"));
    }

    void planUsesOpenFulfillmentOrderLines()
    {
        const ShopifyPlan plan = ShopifyPlanner::plan(mapped(), json(kOrder), json(kOpenFo));
        QVERIFY2(plan.problem.isEmpty(), qPrintable(plan.problem));
        QCOMPARE(plan.groups.size(), 1);
        QCOMPARE(plan.groups.first().fulfillmentOrderId, 801);
        QCOMPARE(plan.groups.first().items.size(), 2);
        QCOMPARE(plan.groups.first().items.at(1).fulfillmentOrderLineItemId, 902);
        QCOMPARE(plan.groups.first().items.at(1).quantity, 2);

        const QJsonObject body =
            QJsonDocument::fromJson(ShopifyPlanner::fulfillmentCreateBody(plan, mapped())).object();
        const QJsonObject f =
            body[QStringLiteral("variables")][QStringLiteral("fulfillment")].toObject();
        QCOMPARE(f[QStringLiteral("trackingInfo")][QStringLiteral("numbers")].toArray().size(), 2);
        QCOMPARE(f[QStringLiteral("trackingInfo")][QStringLiteral("company")].toString(),
                 QStringLiteral("UPS"));
        QCOMPARE(f[QStringLiteral("lineItemsByFulfillmentOrder")][0]
                  [QStringLiteral("fulfillmentOrderId")]
                      .toString(),
                 QStringLiteral("gid://shopify/FulfillmentOrder/801"));
        QVERIFY(
            body[QStringLiteral("query")].toString().contains(QStringLiteral("fulfillmentCreate")));
    }

    void planNeverExceedsRemainingQuantity()
    {
        const ShopifyPlan plan = ShopifyPlanner::plan(mapped(1, 3), json(kOrder), json(kOpenFo));
        QVERIFY(plan.problem.contains(QStringLiteral("only 2 of CAP-BLACK")));
    }

    void planSkipsClosedFulfillmentOrdersAndFollowsSplits()
    {
        // After a partial fulfillment the rest moved to a new open FO (802); 801 is closed.
        const char *split = fixture(2);
        MappedFulfillment m = mapped();
        m.lines.removeFirst();
        const ShopifyPlan plan = ShopifyPlanner::plan(m, json(kOrder), json(split));
        QVERIFY(plan.problem.isEmpty());
        QCOMPARE(plan.groups.first().fulfillmentOrderId, 802);
        QCOMPARE(plan.groups.first().items.first().fulfillmentOrderLineItemId, 903);
    }

    void planReportsAlreadyFulfilled()
    {
        const char *closed = fixture(3);
        const ShopifyPlan plan = ShopifyPlanner::plan(mapped(), json(kOrder), json(closed));
        QVERIFY(plan.alreadyDone);
    }

    void planRefusesUnknownSkuAndFractions()
    {
        MappedFulfillment m = mapped();
        m.lines[0].sku = QStringLiteral("NOPE");
        QVERIFY(ShopifyPlanner::plan(m, json(kOrder), json(kOpenFo))
                    .problem.contains(QStringLiteral("NOPE")));
        QVERIFY(
            !ShopifyPlanner::plan(mapped(0.5, 2), json(kOrder), json(kOpenFo)).problem.isEmpty());
    }

    void readBackFindsTheFulfillmentByTrackingNumbers()
    {
        const char *existing = fixture(4);
        QCOMPARE(ShopifyPlanner::findExisting(mapped(), json(existing)), QStringLiteral("112"));
        QCOMPARE(ShopifyPlanner::findExisting(mapped(), json(existing), {QStringLiteral("112")}),
                 QString());
        QCOMPARE(ShopifyPlanner::findExisting(mapped(), json(fixture(5))), QString());
    }

    void throttledMeansSendAgainLater()
    {
        const auto answer = ShopifyPlanner::readCreateAnswer(fixture(8));
        QVERIFY(answer.throttled);
        QVERIFY(answer.userErrors.isEmpty()); // not a refusal
        QCOMPARE(answer.retryAfterMs, 120);   // (10 - 4) points at 50 per second
        QCOMPARE(answer.currentlyAvailable, 4.0);
    }

    void createAnswers()
    {
        const auto ok = ShopifyPlanner::readCreateAnswer(fixture(6));
        QCOMPARE(ok.fulfillmentId, QStringLiteral("77"));
        const auto refused = ShopifyPlanner::readCreateAnswer(fixture(7));
        QCOMPARE(refused.userErrors, QStringList{QStringLiteral("closed")});
        QVERIFY(!ShopifyPlanner::readCreateAnswer("<html>oops").malformed.isEmpty());
        QVERIFY(!ShopifyPlanner::readCreateAnswer("{}").malformed.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestMapping)
#include "tst_mapping.moc"
