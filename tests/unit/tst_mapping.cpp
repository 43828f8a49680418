// The mapping engine: a pure function, so every rule is a table row. (The Shopify planner and
// the GraphQL readers are in tst_shopifyplanner.)

#include "models/domain/customfield.h"
#include "sync/channel/shopify/shopifyplanner.h"
#include "sync/engine/fulfillmentmapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fulfillsync;

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

// Shopify's order 5005: one open fulfillment order with both lines.
ChannelOrderSnapshot openOrder()
{
    ChannelOrderSnapshot s;
    s.orderId = QStringLiteral("5005");
    s.groups = {
        {QStringLiteral("801"),
         QStringLiteral("open"),
         QStringLiteral("7001"),
         {{QStringLiteral("901"), QStringLiteral("9007"), QStringLiteral("TSHIRT-RED-M"), 1},
          {QStringLiteral("902"), QStringLiteral("9008"), QStringLiteral("CAP-BLACK"), 2}}}};
    return s;
}

// Item rules for both lines of fulfillment(): SKUs equal to the NetSuite names.
QList<MappingRule> withItems(QList<MappingRule> rules)
{
    rules << MappingRule{MappingKind::Item,
                         QStringLiteral("501"),
                         {},
                         QStringLiteral("TSHIRT-RED-M"),
                         {}}
          << MappingRule{
                 MappingKind::Item, QStringLiteral("503"), {}, QStringLiteral("CAP-BLACK"), {}};
    return rules;
}

} // namespace

class TestMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsShipMethodAndUsesItemNameAsSkuWhenAllowed()
    {
        Connector c;
        c.unmappedPolicy = UnmappedPolicy::UseDefault;
        const FulfillmentMapper mapper(
            c, {{MappingKind::ShipMethod, QStringLiteral("12"), {}, QStringLiteral("UPS"), {}}});
        const MappingResult r = mapper.map(fulfillment(), SalesOrder{});
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u' ')));
        QCOMPARE(r.mapped.carrier, QStringLiteral("UPS"));
        QCOMPARE(r.mapped.lines.size(), 2);
        QCOMPARE(r.mapped.lines.at(1).sku, QStringLiteral("CAP-BLACK"));
        QCOMPARE(r.mapped.lines.at(1).quantity, 2.0);
        QCOMPARE(r.mapped.trackingNumbers.size(), 2);
        QVERIFY(r.mapped.trackingUrl.isEmpty());
    }

    void unmappedItemsHoldUnderTheHoldPolicy()
    {
        Connector c; // Hold is the default policy
        const FulfillmentMapper mapper(
            c,
            {{MappingKind::ShipMethod, QStringLiteral("UPS Ground"), {}, QStringLiteral("UPS"), {}},
             {MappingKind::Item, QStringLiteral("503"), {}, QStringLiteral("CAP-BLK-OS"), {}}});
        const MappingResult r = mapper.map(fulfillment(), SalesOrder{});
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.size(), 1); // the shirt; the cap has its rule
        QVERIFY(r.problems.first().contains(QStringLiteral("TSHIRT-RED-M")));
    }

    void itemRuleWinsOverName()
    {
        Connector c;
        c.unmappedPolicy = UnmappedPolicy::UseDefault;
        const FulfillmentMapper mapper(
            c,
            {{MappingKind::ShipMethod, QStringLiteral("UPS Ground"), {}, QStringLiteral("UPS"), {}},
             {MappingKind::Item, QStringLiteral("503"), {}, QStringLiteral("CAP-BLK-OS"), {}}});
        const MappingResult r = mapper.map(fulfillment(), SalesOrder{});
        QVERIFY(r.ok());
        QCOMPARE(r.mapped.lines.at(1).sku, QStringLiteral("CAP-BLK-OS"));
    }

    void unmappedShipMethodHoldsByDefault()
    {
        Connector c;
        const MappingResult r =
            FulfillmentMapper(c, withItems({})).map(fulfillment(), SalesOrder{});
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.size(), 1);
        QVERIFY(r.problems.first().contains(QStringLiteral("UPS Ground")));
    }

    void unmappedShipMethodUsesDefaultWhenAllowed()
    {
        Connector c;
        c.unmappedPolicy = UnmappedPolicy::UseDefault;
        c.defaultCarrier = QStringLiteral("Other");
        const MappingResult r = FulfillmentMapper(c, {}).map(fulfillment(), SalesOrder{});
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
        const MappingResult r = mapper.map(fulfillment(), SalesOrder{});
        QCOMPARE(r.mapped.trackingUrl, QStringLiteral("https://track.example/1Z5"));
        QCOMPARE(FulfillmentMapper::expandTrackingUrl(QStringLiteral("https://t/{number}"),
                                                      QStringLiteral("A B&C")),
                 QStringLiteral("https://t/A%20B%26C"));
    }

    void kitGoesAsItsLineOrAsItsMembers()
    {
        ItemFulfillment f = fulfillment();
        f.lines = {{1, 1, 700, QStringLiteral("GIFT-KIT"), 2, 1, QStringLiteral("Main"),
                    QStringLiteral("Kit")}};
        const QHash<qint64, QList<KitMember>> kits{{700,
                                                    {{700, 501, QStringLiteral("TSHIRT-RED-M"), 1},
                                                     {700, 503, QStringLiteral("CAP-BLACK"), 3}}}};
        Connector c;
        const QList<MappingRule> rules{
            {MappingKind::ShipMethod, QStringLiteral("12"), {}, QStringLiteral("UPS"), {}},
            {MappingKind::Item, QStringLiteral("700"), {}, QStringLiteral("GIFT-KIT"), {}},
            {MappingKind::Item, QStringLiteral("501"), {}, QStringLiteral("TSHIRT-RED-M"), {}},
            {MappingKind::Item, QStringLiteral("503"), {}, QStringLiteral("CAP-BLK-OS"), {}}};

        const MappingResult asKit = FulfillmentMapper(c, rules, kits).map(f, SalesOrder{});
        QVERIFY2(asKit.ok(), qPrintable(asKit.problems.join(u' ')));
        QCOMPARE(asKit.mapped.lines.size(), 1);
        QCOMPARE(asKit.mapped.lines.first().sku, QStringLiteral("GIFT-KIT"));

        c.kitRule = KitRule::Members;
        const MappingResult asMembers = FulfillmentMapper(c, rules, kits).map(f, SalesOrder{});
        QVERIFY2(asMembers.ok(), qPrintable(asMembers.problems.join(u' ')));
        QCOMPARE(asMembers.mapped.lines.size(), 2);
        QCOMPARE(asMembers.mapped.lines.at(0).sku, QStringLiteral("TSHIRT-RED-M"));
        QCOMPARE(asMembers.mapped.lines.at(0).quantity, 2.0);                     // 2 kits × 1
        QCOMPARE(asMembers.mapped.lines.at(1).sku, QStringLiteral("CAP-BLK-OS")); // item rule
        QCOMPARE(asMembers.mapped.lines.at(1).quantity, 6.0);                     // 2 kits × 3

        const MappingResult unknownKit = FulfillmentMapper(c, rules, {}).map(f, SalesOrder{});
        QVERIFY(!unknownKit.ok());
        QVERIFY(unknownKit.problems.join(u' ').contains(QStringLiteral("GIFT-KIT")));
    }

    void locationsMapToOneChannelLocation()
    {
        Connector c;
        QList<MappingRule> rules = withItems(
            {{MappingKind::ShipMethod, QStringLiteral("12"), {}, QStringLiteral("UPS"), {}}});
        // No location rules at all: the channel's own choice stands.
        QVERIFY(
            FulfillmentMapper(c, rules).map(fulfillment(), {}).mapped.channelLocationId.isEmpty());

        rules << MappingRule{MappingKind::Location,
                             QStringLiteral("1"),
                             QStringLiteral("Main"),
                             QStringLiteral("7002"),
                             {}};
        const MappingResult mapped = FulfillmentMapper(c, rules).map(fulfillment(), {});
        QVERIFY2(mapped.ok(), qPrintable(mapped.problems.join(u' ')));
        QCOMPARE(mapped.mapped.channelLocationId, QStringLiteral("7002"));

        ItemFulfillment twoPlaces = fulfillment();
        twoPlaces.lines[1].locationId = 2;
        twoPlaces.lines[1].locationName = QStringLiteral("East");
        const MappingResult unmapped = FulfillmentMapper(c, rules).map(twoPlaces, {});
        QVERIFY(!unmapped.ok());
        QVERIFY(unmapped.problems.join(u' ').contains(QStringLiteral("East")));

        c.unmappedPolicy = UnmappedPolicy::UseDefault;
        QVERIFY(FulfillmentMapper(c, rules).map(twoPlaces, {}).ok());

        rules << MappingRule{MappingKind::Location,
                             QStringLiteral("2"),
                             QStringLiteral("East"),
                             QStringLiteral("7001"),
                             {}};
        const MappingResult split = FulfillmentMapper(c, rules).map(twoPlaces, {});
        QVERIFY(!split.ok());
        QVERIFY(split.problems.join(u' ').contains(QStringLiteral("one")));
    }

    void customFieldTransforms_data()
    {
        QTest::addColumn<QString>("transform");
        QTest::addColumn<QString>("netsuiteField");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("holds");
        QTest::newRow("constant") << "constant"
                                  << ""
                                  << "Shipped by Acme"
                                  << "Shipped by Acme" << false;
        QTest::newRow("copy") << "copy"
                              << "order.tranId"
                              << ""
                              << "SO1005" << false;
        QTest::newRow("template") << "template"
                                  << "fulfillment.tranId"
                                  << "NetSuite {value}"
                                  << "NetSuite IF2004" << false;
        QTest::newRow("date") << "date_format"
                              << "fulfillment.tranDate"
                              << "dd.MM.yyyy"
                              << "20.11.2026" << false;
        QTest::newRow("lookup") << "lookup"
                                << "fulfillment.shipMethod"
                                << "FedEx 2Day=Express; UPS Ground=Ground"
                                << "Ground" << false;
        QTest::newRow("lookup fallback") << "lookup"
                                         << "fulfillment.shipMethod"
                                         << "FedEx 2Day=Express; *=Standard"
                                         << "Standard" << false;
        QTest::newRow("lookup without entry holds") << "lookup"
                                                    << "fulfillment.shipMethod"
                                                    << "FedEx 2Day=Express"
                                                    << "" << true;
        QTest::newRow("unknown NetSuite field holds") << "copy"
                                                      << "order.custbody_secret"
                                                      << ""
                                                      << "" << true;
        QTest::newRow("not a date holds") << "date_format"
                                          << "order.customer"
                                          << "dd.MM.yyyy"
                                          << "" << true;
    }

    void customFieldTransforms()
    {
        QFETCH(QString, transform);
        QFETCH(QString, netsuiteField);
        QFETCH(QString, argument);
        QFETCH(QString, expected);
        QFETCH(bool, holds);
        SalesOrder order;
        order.tranId = QStringLiteral("SO1005");
        order.customer = QStringLiteral("Ada Lovelace");
        Connector c;
        const QList<MappingRule> rules = withItems(
            {{MappingKind::ShipMethod, QStringLiteral("12"), {}, QStringLiteral("UPS"), {}},
             {MappingKind::CustomField, QStringLiteral("message"), netsuiteField, transform,
              argument}});
        const MappingResult r = FulfillmentMapper(c, rules).map(fulfillment(), order);
        QCOMPARE(!r.ok(), holds);
        if (!holds)
            QCOMPARE(r.mapped.message, expected);
    }

    void customFieldsReachTheCreateRequest()
    {
        Connector c;
        const QList<MappingRule> rules = withItems(
            {{MappingKind::CustomField, QStringLiteral("trackingInfo.company"),
              QStringLiteral("fulfillment.shipMethod"), QStringLiteral("lookup"),
              QStringLiteral("UPS Ground=UPS")},
             {MappingKind::CustomField,
              QStringLiteral("originAddress.countryCode"),
              {},
              QStringLiteral("constant"),
              QStringLiteral("DE")},
             {MappingKind::CustomField, QStringLiteral("message"), QStringLiteral("order.tranId"),
              QStringLiteral("template"), QStringLiteral("From NetSuite {value}")}});
        SalesOrder order;
        order.tranId = QStringLiteral("SO1005");
        // No ship method rule: the carrier comes from the custom field instead.
        const MappingResult r = FulfillmentMapper(c, rules).map(fulfillment(), order);
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u' ')));
        const ChannelPlan plan = ShopifyPlanner::plan(r.mapped, openOrder());
        QVERIFY2(plan.problem.isEmpty(), qPrintable(plan.problem));
        const QJsonObject body =
            QJsonDocument::fromJson(ShopifyPlanner::fulfillmentCreateBody(plan, r.mapped)).object();
        const QJsonObject variables = body[QStringLiteral("variables")].toObject();
        QCOMPARE(variables[QStringLiteral("message")].toString(),
                 QStringLiteral("From NetSuite SO1005"));
        QVERIFY(body[QStringLiteral("query")].toString().contains(QStringLiteral("$message")));
        const QJsonObject f = variables[QStringLiteral("fulfillment")].toObject();
        QCOMPARE(f[QStringLiteral("originAddress")][QStringLiteral("countryCode")].toString(),
                 QStringLiteral("DE"));
        QCOMPARE(f[QStringLiteral("trackingInfo")][QStringLiteral("company")].toString(),
                 QStringLiteral("UPS"));
        // Without a message the mutation stays the plain one.
        MappedFulfillment plain = r.mapped;
        plain.message.clear();
        QVERIFY(!QString::fromUtf8(ShopifyPlanner::fulfillmentCreateBody(plan, plain))
                     .contains(QStringLiteral("$message")));
    }

    void customFieldValidation()
    {
        CustomFieldMapping m{QStringLiteral("shipDate"),
                             QStringLiteral("order.tranId"),
                             CustomFieldMapping::Transform::Copy,
                             {}};
        QVERIFY(!m.validate().isEmpty()); // not a channel field
        m.channelField = QStringLiteral("message");
        QVERIFY(m.validate().isEmpty());
        m.transform = CustomFieldMapping::Transform::Template;
        QVERIFY(!m.validate().isEmpty()); // no {value}
        m.argument = QStringLiteral("x {value}");
        QVERIFY(m.validate().isEmpty());
        QCOMPARE(CustomFieldMapping::fromRule(m.toRule()), std::optional(m));
    }
};

QTEST_APPLESS_MAIN(TestMapping)
#include "tst_mapping.moc"
