// NetSuite Record API reads (apis.md §1.4) over real HTTP: shapes with and without
// expandSubResources, typed values, references and selects, the carrier-specific package
// sublists, kit member lines, voided fulfillments, error bodies (§1.5) and the signature over
// the query string.

#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync::sandbox;

namespace {

QJsonArray links(const QString &href)
{
    return QJsonArray{QJsonObject{{QStringLiteral("rel"), QStringLiteral("self")},
                                  {QStringLiteral("href"), href}}};
}

// An unexpanded sublist: only its link.
QJsonObject sublistLink(const QString &href)
{
    return QJsonObject{{QStringLiteral("links"), links(href)}};
}

QJsonObject ref(const QString &id, const QString &refName, const QString &href)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("refName"), refName},
                       {QStringLiteral("links"), links(href)}};
}

QJsonObject select(const QString &id, const QString &refName)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("refName"), refName}};
}

QJsonObject errorBody(int status, const QString &type, const QString &title, const QString &code,
                      const QString &detail)
{
    return QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("o:errorDetails"),
                        QJsonArray{QJsonObject{{QStringLiteral("detail"), detail},
                                               {QStringLiteral("o:errorCode"), code}}}}};
}

QJsonObject invalidLoginBody()
{
    return errorBody(
        401, QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2"),
        QStringLiteral("Unauthorized"), QStringLiteral("INVALID_LOGIN"),
        QStringLiteral("Invalid login attempt. For more details, see the Login Audit "
                       "Trail in the NetSuite UI at Setup > Users/Roles > User "
                       "Management > View Login Audit Trail."));
}

// The basic scenario plus a ship method no carrier integration covers, and a kit sold on
// SO1006 and fulfilled by IF2006.
QJsonObject scenarioWithKitAndCourier()
{
    QJsonObject s = sandboxtest::basicScenario();
    QJsonObject ns = s[QLatin1String("netsuite")].toObject();
    QJsonArray items = ns[QLatin1String("items")].toArray();
    items.append(QJsonObject{
        {QStringLiteral("id"), 600},
        {QStringLiteral("itemId"), QStringLiteral("GIFT-SET")},
        {QStringLiteral("type"), QStringLiteral("Kit")},
        {QStringLiteral("members"),
         QJsonArray{QJsonObject{{QStringLiteral("item"), 501}, {QStringLiteral("quantity"), 1}},
                    QJsonObject{{QStringLiteral("item"), 502}, {QStringLiteral("quantity"), 2}}}}});
    ns.insert(QStringLiteral("items"), items);
    QJsonArray methods = ns[QLatin1String("shipMethods")].toArray();
    methods.append(QJsonObject{{QStringLiteral("id"), 16},
                               {QStringLiteral("name"), QStringLiteral("Local Courier")}});
    ns.insert(QStringLiteral("shipMethods"), methods);
    QJsonArray orders = ns[QLatin1String("salesOrders")].toArray();
    orders.append(QJsonObject{
        {QStringLiteral("id"), 1006},
        {QStringLiteral("tranDate"), QStringLiteral("2026-11-19")},
        {QStringLiteral("customer"), 79},
        {QStringLiteral("shipMethod"), 16},
        {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                         {QStringLiteral("item"), 503},
                                                         {QStringLiteral("quantity"), 1},
                                                         {QStringLiteral("location"), 1}},
                                             QJsonObject{{QStringLiteral("line"), 2},
                                                         {QStringLiteral("item"), 600},
                                                         {QStringLiteral("quantity"), 2},
                                                         {QStringLiteral("location"), 1}}}}});
    ns.insert(QStringLiteral("salesOrders"), orders);
    QJsonArray fulfillments = ns[QLatin1String("itemFulfillments")].toArray();
    fulfillments.append(QJsonObject{
        {QStringLiteral("id"), 2006},
        {QStringLiteral("createdFrom"), 1006},
        {QStringLiteral("tranDate"), QStringLiteral("2026-11-20")},
        {QStringLiteral("lastModified"), QStringLiteral("2026-11-20T11:00:00Z")},
        {QStringLiteral("lines"),
         QJsonArray{
             QJsonObject{{QStringLiteral("orderLine"), 2}, {QStringLiteral("quantity"), 2}},
             QJsonObject{{QStringLiteral("orderLine"), 1}, {QStringLiteral("quantity"), 1}}}},
        {QStringLiteral("packages"),
         QJsonArray{QJsonObject{{QStringLiteral("trackingNumber"), QStringLiteral("LC-00000042")},
                                {QStringLiteral("weight"), 2.5}}}}});
    ns.insert(QStringLiteral("itemFulfillments"), fulfillments);
    s.insert(QStringLiteral("netsuite"), ns);
    return s;
}

const QStringList kPackageSublists = {QStringLiteral("package"), QStringLiteral("packageUps"),
                                      QStringLiteral("packageFedex"),
                                      QStringLiteral("packageUsps")};

} // namespace

class TestSandboxRecord final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    sandboxtest::Client m_client;

    void start(const QJsonObject &scenario = scenarioWithKitAndCourier())
    {
        m_server = std::make_unique<SandboxServer>();
        QString error;
        QVERIFY2(m_server->loadScenario(scenario, &error), qPrintable(error));
        QVERIFY(m_server->listen(0) != 0);
    }

    QString base() const
    {
        return m_server->baseUrl().toString() + QStringLiteral("/services/rest/record/v1");
    }

    QUrl recordUrl(const QString &record, bool expand) const
    {
        QUrl url(base() + QLatin1Char('/') + record);
        if (expand)
            url.setQuery(QStringLiteral("expandSubResources=true"));
        return url;
    }

    sandboxtest::Reply get(const QString &record, bool expand = false)
    {
        return m_client.netSuiteGet(*m_server, recordUrl(record, expand));
    }

    sandboxtest::Reply transform(const QString &order, const QJsonObject &body,
                                 const QString &query = QString())
    {
        QUrl url(base() + QStringLiteral("/salesOrder/") + order +
                 QStringLiteral("/!transform/itemFulfillment"));
        if (!query.isEmpty())
            url.setQuery(query);
        return m_client.netSuitePost(*m_server, url, body);
    }

    static QJsonObject shipLine(int orderLine, double quantity)
    {
        return QJsonObject{{QStringLiteral("orderLine"), orderLine},
                           {QStringLiteral("quantity"), quantity},
                           {QStringLiteral("itemReceive"), true}};
    }

    static QJsonObject transformBody(const QString &externalId, const QJsonArray &lines)
    {
        return QJsonObject{
            {QStringLiteral("externalId"), externalId},
            {QStringLiteral("shipStatus"),
             QJsonObject{{QStringLiteral("id"), QStringLiteral("C")}}},
            {QStringLiteral("item"), QJsonObject{{QStringLiteral("items"), lines}}},
            {QStringLiteral("package"),
             QJsonObject{{QStringLiteral("items"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("packageTrackingNumber"), QStringLiteral("9400-1")},
                              {QStringLiteral("packageWeight"), 1.5}}}}}}};
    }

private Q_SLOTS:
    // 204 with the new record's Location; the record reads back by id and by external id, is
    // Shipped with the package, and SuiteQL sees it with its external id.
    void transformCreatesAShippedFulfillment()
    {
        start();
        const sandboxtest::Reply r =
            transform(QStringLiteral("1003"),
                      transformBody(QStringLiteral("fs3pl-1-77"), QJsonArray{shipLine(1, 3)}));
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        const QByteArray location = r.headers.value("location");
        QVERIFY2(location.startsWith((base() + QStringLiteral("/itemFulfillment/")).toUtf8()),
                 location.constData());
        const QString id = QString::fromUtf8(location.mid(location.lastIndexOf('/') + 1));

        const sandboxtest::Reply byId = get(QStringLiteral("itemFulfillment/") + id, true);
        QCOMPARE(byId.status, 200);
        const sandboxtest::Reply byExternal =
            get(QStringLiteral("itemFulfillment/eid:fs3pl-1-77"), true);
        QCOMPARE(byExternal.status, 200);
        QCOMPARE(byExternal.json, byId.json);
        const QJsonObject f = byId.json;
        QCOMPARE(f[QLatin1String("shipStatus")].toObject()[QLatin1String("id")].toString(),
                 QStringLiteral("C"));
        QCOMPARE(f[QLatin1String("createdFrom")].toObject()[QLatin1String("id")].toString(),
                 QStringLiteral("1003"));
        const QJsonArray items = f[QLatin1String("item")][QLatin1String("items")].toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0][QLatin1String("quantity")].toDouble(), 3.0);
        QCOMPARE(f[QLatin1String("packageUsps")][QLatin1String("items")][0]
                  [QLatin1String("packageTrackingNumberUsps")]
                      .toString(),
                 QStringLiteral("9400-1"));
        QCOMPARE(get(QStringLiteral("itemFulfillment/eid:fs3pl-1-78")).status, 404);

        const sandboxtest::Reply rows = m_client.suiteQl(
            *m_server, QStringLiteral("SELECT id, externalid FROM transaction WHERE "
                                      "type = 'ItemShip' AND externalid = 'fs3pl-1-77'"));
        QCOMPARE(rows.json[QLatin1String("items")].toArray().size(), 1);
        QCOMPARE(rows.json[QLatin1String("items")][0][QLatin1String("id")].toString(), id);
        // The order counts the shipped quantity: partially fulfilled now.
        QCOMPARE(get(QStringLiteral("salesOrder/1003"))
                     .json[QLatin1String("status")][QLatin1String("id")]
                     .toString(),
                 QStringLiteral("D"));
    }

    // A repeated external id is refused, so even a blind re-send cannot make a second record;
    // quantities never exceed what is left; lines the body leaves out are fulfilled too unless
    // switched off; a closed order has nothing to fulfil.
    void transformRefusesWhatNetSuiteRefuses()
    {
        start();
        const QJsonObject first =
            transformBody(QStringLiteral("fs3pl-1-1"), QJsonArray{shipLine(1, 3)});
        QCOMPARE(transform(QStringLiteral("1003"), first).status, 204);
        auto fulfillmentCount = [this] {
            return m_client
                .state(*m_server)[QLatin1String("netsuite")][QLatin1String("itemFulfillments")]
                .toArray()
                .size();
        };
        const qsizetype afterFirst = fulfillmentCount();
        sandboxtest::Reply again = transform(QStringLiteral("1003"), first);
        QCOMPARE(again.status, 400);
        QCOMPARE(
            again.json[QLatin1String("o:errorDetails")][0][QLatin1String("o:errorCode")].toString(),
            QStringLiteral("DUP_RCRD"));
        const sandboxtest::Reply over =
            transform(QStringLiteral("1003"),
                      transformBody(QStringLiteral("fs3pl-1-2"), QJsonArray{shipLine(1, 2)}));
        QCOMPARE(over.status, 400);
        QCOMPARE(
            over.json[QLatin1String("o:errorDetails")][0][QLatin1String("o:errorCode")].toString(),
            QStringLiteral("USER_ERROR"));
        QCOMPARE(transform(QStringLiteral("1003"),
                           transformBody(QStringLiteral("bad|id"), QJsonArray{shipLine(1, 1)}))
                     .status,
                 400);
        // SO1004 is cancelled: nothing to fulfil.
        QCOMPARE(transform(QStringLiteral("1004"),
                           transformBody(QStringLiteral("fs3pl-1-3"), QJsonArray{shipLine(1, 1)}))
                     .status,
                 400);
        QCOMPARE(transform(QStringLiteral("999"), first).status, 404);
        QCOMPARE(fulfillmentCount(), afterFirst); // every refusal left nothing behind

        // Lines left out start received in full, as on the form: SO1003 with two open lines.
        QJsonObject scenario = scenarioWithKitAndCourier();
        QJsonObject ns = scenario[QLatin1String("netsuite")].toObject();
        QJsonArray orders = ns[QLatin1String("salesOrders")].toArray();
        QJsonObject two = orders[2].toObject(); // SO1003
        two.insert(QStringLiteral("lines"),
                   QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                          {QStringLiteral("item"), 502},
                                          {QStringLiteral("quantity"), 4},
                                          {QStringLiteral("location"), 1}},
                              QJsonObject{{QStringLiteral("line"), 3},
                                          {QStringLiteral("item"), 503},
                                          {QStringLiteral("quantity"), 2},
                                          {QStringLiteral("location"), 1}}});
        orders.replace(2, two);
        ns.insert(QStringLiteral("salesOrders"), orders);
        scenario.insert(QStringLiteral("netsuite"), ns);
        start(scenario);
        QCOMPARE(transform(QStringLiteral("1003"),
                           transformBody(QStringLiteral("a"), QJsonArray{shipLine(1, 1)}))
                     .status,
                 204);
        QJsonObject off = shipLine(3, 1);
        off.insert(QStringLiteral("itemReceive"), false);
        QCOMPARE(transform(QStringLiteral("1003"),
                           transformBody(QStringLiteral("b"), QJsonArray{shipLine(1, 1), off}))
                     .status,
                 204);
        QCOMPARE(transform(QStringLiteral("1003"),
                           transformBody(QStringLiteral("c"), QJsonArray{shipLine(1, 1)}),
                           QStringLiteral("replace=item"))
                     .status,
                 204);
        auto linesOf = [this](const QString &externalId) {
            QHash<int, double> lines;
            for (const QJsonValue &l :
                 get(QStringLiteral("itemFulfillment/eid:") + externalId, true)
                     .json[QLatin1String("item")][QLatin1String("items")]
                     .toArray())
                lines.insert(l[QLatin1String("orderLine")].toInt(),
                             l[QLatin1String("quantity")].toDouble());
            return lines;
        };
        QCOMPARE(linesOf(QStringLiteral("a")), (QHash<int, double>{{1, 1.0}, {3, 2.0}}));
        QCOMPARE(linesOf(QStringLiteral("b")), (QHash<int, double>{{1, 1.0}}));
        QCOMPARE(linesOf(QStringLiteral("c")), (QHash<int, double>{{1, 1.0}}));
    }

    // An answer lost after the commit (the ambiguous case a client must read back): the record
    // exists and reads back by its external id.
    void transformCommittedBeforeAFailureReadsBack()
    {
        start();
        QCOMPARE(m_client
                     .json("POST",
                           m_server->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/faults"))),
                           QJsonObject{{QStringLiteral("match"),
                                        QStringLiteral("netsuite.record.transform")},
                                       {QStringLiteral("status"), 502},
                                       {QStringLiteral("commitThenFail"), true}})
                     .status,
                 201);
        QCOMPARE(transform(QStringLiteral("1003"),
                           transformBody(QStringLiteral("fs3pl-9-1"), QJsonArray{shipLine(1, 4)}))
                     .status,
                 502);
        QCOMPARE(get(QStringLiteral("itemFulfillment/eid:fs3pl-9-1")).status, 200);
    }

    void salesOrderBodyFieldsAndSublistLink()
    {
        start();
        const sandboxtest::Reply r = get(QStringLiteral("salesOrder/1002"));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json;
        QCOMPARE(o[QLatin1String("links")].toArray(),
                 links(base() + QStringLiteral("/salesOrder/1002")));
        QCOMPARE(o[QLatin1String("id")], QJsonValue(QStringLiteral("1002")));
        QCOMPARE(o[QLatin1String("tranId")].toString(), QStringLiteral("SO1002"));
        QCOMPARE(o[QLatin1String("tranDate")].toString(), QStringLiteral("2026-11-18"));
        // Derived from its latest fulfillment (IF2003), as SuiteQL shows it.
        QCOMPARE(o[QLatin1String("lastModifiedDate")].toString(),
                 QStringLiteral("2026-11-20T09:00:00Z"));
        QCOMPARE(o[QLatin1String("status")].toObject(),
                 select(QStringLiteral("D"), QStringLiteral("Partially Fulfilled")));
        QCOMPARE(o[QLatin1String("entity")].toObject(),
                 ref(QStringLiteral("78"), QStringLiteral("Grace Hopper"),
                     base() + QStringLiteral("/customer/78")));
        QCOMPARE(o[QLatin1String("shipMethod")].toObject(),
                 ref(QStringLiteral("13"), QStringLiteral("FedEx 2Day"),
                     base() + QStringLiteral("/shipitem/13")));
        QCOMPARE(o[QLatin1String("otherRefNum")].toString(), QStringLiteral("5002"));
        QCOMPARE(o[QLatin1String("custbody_fa_channel")].toString(), QStringLiteral("Shopify"));
        QCOMPARE(o[QLatin1String("custbody_fa_channel_order")].toString(), QStringLiteral("5002"));
        // Without expansion a sublist is only its link.
        QCOMPARE(o[QLatin1String("item")].toObject(),
                 sublistLink(base() + QStringLiteral("/salesOrder/1002/item")));

        // Empty body fields are left out, as NetSuite does.
        const QJsonObject plain = get(QStringLiteral("salesOrder/1006")).json;
        QVERIFY(!plain.contains(QLatin1String("otherRefNum")));
        QVERIFY(!plain.contains(QLatin1String("custbody_fa_channel")));
        QCOMPARE(plain[QLatin1String("tranId")].toString(), QStringLiteral("SO1006"));
    }

    void salesOrderExpanded()
    {
        start();
        const sandboxtest::Reply r = get(QStringLiteral("salesOrder/1002"), true);
        QCOMPARE(r.status, 200);
        const QJsonObject item = r.json[QLatin1String("item")].toObject();
        QCOMPARE(item[QLatin1String("links")].toArray(),
                 links(base() + QStringLiteral("/salesOrder/1002/item")));
        QCOMPARE(item[QLatin1String("count")], QJsonValue(2));
        QCOMPARE(item[QLatin1String("totalResults")], QJsonValue(2));
        QCOMPARE(item[QLatin1String("offset")], QJsonValue(0));
        QCOMPARE(item[QLatin1String("hasMore")], QJsonValue(false));
        const QJsonArray lines = item[QLatin1String("items")].toArray();
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = lines[0].toObject();
        QCOMPARE(first[QLatin1String("links")].toArray(),
                 links(base() + QStringLiteral("/salesOrder/1002/item/1")));
        // Real JSON numbers and booleans, not SuiteQL's strings.
        QVERIFY(first[QLatin1String("line")].isDouble());
        QVERIFY(first[QLatin1String("quantity")].isDouble());
        QVERIFY(first[QLatin1String("quantityFulfilled")].isDouble());
        QVERIFY(first[QLatin1String("isClosed")].isBool());
        QCOMPARE(first[QLatin1String("line")].toInt(), 1);
        QCOMPARE(first[QLatin1String("quantity")].toDouble(), 3.0);
        // IF2002 shipped 2; the picked IF2003 does not count.
        QCOMPARE(first[QLatin1String("quantityFulfilled")].toDouble(), 2.0);
        QCOMPARE(first[QLatin1String("isClosed")].toBool(), false);
        QCOMPARE(first[QLatin1String("item")].toObject(),
                 ref(QStringLiteral("501"), QStringLiteral("TSHIRT-RED-M"),
                     base() + QStringLiteral("/inventoryitem/501")));
        QCOMPARE(first[QLatin1String("itemType")].toObject(),
                 select(QStringLiteral("InvtPart"), QStringLiteral("InvtPart")));
        QCOMPARE(first[QLatin1String("location")].toObject(),
                 ref(QStringLiteral("1"), QStringLiteral("Main Warehouse"),
                     base() + QStringLiteral("/location/1")));
        const QJsonObject second = lines[1].toObject();
        QCOMPARE(second[QLatin1String("item")][QLatin1String("refName")].toString(),
                 QStringLiteral("CAP-BLACK"));
        QCOMPARE(second[QLatin1String("quantityFulfilled")].toDouble(), 0.0);

        // A cancelled order: its lines are closed.
        const QJsonObject cancelled = get(QStringLiteral("salesOrder/1004"), true).json;
        QCOMPARE(cancelled[QLatin1String("status")].toObject(),
                 select(QStringLiteral("C"), QStringLiteral("Cancelled")));
        QCOMPARE(
            cancelled[QLatin1String("item")][QLatin1String("items")][0][QLatin1String("isClosed")],
            QJsonValue(true));
        // A fully shipped one (advanced shipping on): Pending Billing.
        QCOMPARE(get(QStringLiteral("salesOrder/1001")).json[QLatin1String("status")].toObject(),
                 select(QStringLiteral("F"), QStringLiteral("Pending Billing")));
    }

    void itemFulfillmentShapes()
    {
        start();
        sandboxtest::Reply r = get(QStringLiteral("itemFulfillment/2001"));
        QCOMPARE(r.status, 200);
        QJsonObject o = r.json;
        QCOMPARE(o[QLatin1String("links")].toArray(),
                 links(base() + QStringLiteral("/itemFulfillment/2001")));
        QCOMPARE(o[QLatin1String("id")], QJsonValue(QStringLiteral("2001")));
        QCOMPARE(o[QLatin1String("tranId")].toString(), QStringLiteral("IF2001"));
        QCOMPARE(o[QLatin1String("tranDate")].toString(), QStringLiteral("2026-11-19"));
        QCOMPARE(o[QLatin1String("lastModifiedDate")].toString(),
                 QStringLiteral("2026-11-19T15:04:05Z"));
        QCOMPARE(o[QLatin1String("createdFrom")].toObject(),
                 ref(QStringLiteral("1001"), QStringLiteral("Sales Order #SO1001"),
                     base() + QStringLiteral("/salesorder/1001")));
        QCOMPARE(o[QLatin1String("shipStatus")].toObject(),
                 select(QStringLiteral("C"), QStringLiteral("Shipped")));
        QCOMPARE(o[QLatin1String("status")].toObject(),
                 select(QStringLiteral("C"), QStringLiteral("Shipped")));
        QCOMPARE(o[QLatin1String("shipMethod")].toObject(),
                 ref(QStringLiteral("12"), QStringLiteral("UPS Ground"),
                     base() + QStringLiteral("/shipitem/12")));
        QCOMPARE(o[QLatin1String("void")], QJsonValue(false));
        QCOMPARE(o[QLatin1String("item")].toObject(),
                 sublistLink(base() + QStringLiteral("/itemFulfillment/2001/item")));
        QCOMPARE(o[QLatin1String("packageUps")].toObject(),
                 sublistLink(base() + QStringLiteral("/itemFulfillment/2001/packageUps")));

        o = get(QStringLiteral("itemFulfillment/2001"), true).json;
        const QJsonObject item = o[QLatin1String("item")].toObject();
        QCOMPARE(item[QLatin1String("count")], QJsonValue(2));
        const QJsonObject line = item[QLatin1String("items")][0].toObject();
        QCOMPARE(line[QLatin1String("links")].toArray(),
                 links(base() + QStringLiteral("/itemFulfillment/2001/item/1")));
        QCOMPARE(line[QLatin1String("line")], QJsonValue(1));
        QCOMPARE(line[QLatin1String("orderLine")], QJsonValue(1));
        QCOMPARE(line[QLatin1String("quantity")], QJsonValue(2));
        QCOMPARE(line[QLatin1String("itemReceive")], QJsonValue(true));
        QVERIFY(!line.contains(QLatin1String("kitMemberOf")));
        QCOMPARE(line[QLatin1String("item")][QLatin1String("refName")].toString(),
                 QStringLiteral("TSHIRT-RED-M"));
        QCOMPARE(line[QLatin1String("location")][QLatin1String("refName")].toString(),
                 QStringLiteral("Main Warehouse"));

        // Picked, then packed: the select follows.
        QCOMPARE(get(QStringLiteral("itemFulfillment/2003"))
                     .json[QLatin1String("shipStatus")]
                     .toObject(),
                 select(QStringLiteral("A"), QStringLiteral("Picked")));
        QCOMPARE(m_client
                     .json("PATCH",
                           m_server->baseUrl().resolved(
                               QUrl(QStringLiteral("/_sandbox/netsuite/itemFulfillments/2003"))),
                           QJsonObject{{QStringLiteral("shipStatus"), QStringLiteral("B")}})
                     .status,
                 200);
        o = get(QStringLiteral("itemFulfillment/2003")).json;
        QCOMPARE(o[QLatin1String("status")].toObject(),
                 select(QStringLiteral("B"), QStringLiteral("Packed")));
    }

    void packageSublistFollowsShipMethod_data()
    {
        QTest::addColumn<qint64>("shipMethod");
        QTest::addColumn<QString>("sublist");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("UPS Ground")
            << qint64(12) << QStringLiteral("packageUps") << QStringLiteral("Ups");
        QTest::newRow("FedEx 2Day")
            << qint64(13) << QStringLiteral("packageFedex") << QStringLiteral("FedEx");
        QTest::newRow("USPS Priority Mail")
            << qint64(14) << QStringLiteral("packageUsps") << QStringLiteral("Usps");
        QTest::newRow("Local Courier") << qint64(16) << QStringLiteral("package") << QString();
    }

    void packageSublistFollowsShipMethod()
    {
        QFETCH(qint64, shipMethod);
        QFETCH(QString, sublist);
        QFETCH(QString, suffix);
        start();
        // SO1003 ships two of its four mugs, by the row's ship method, in two packages.
        const sandboxtest::Reply created = m_client.json(
            "POST",
            m_server->baseUrl().resolved(
                QUrl(QStringLiteral("/_sandbox/netsuite/itemFulfillments"))),
            QJsonObject{
                {QStringLiteral("createdFrom"), 1003},
                {QStringLiteral("tranDate"), QStringLiteral("2026-11-20")},
                {QStringLiteral("shipMethod"), shipMethod},
                {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("orderLine"), 1},
                                                                 {QStringLiteral("quantity"), 2}}}},
                {QStringLiteral("packages"),
                 QJsonArray{
                     QJsonObject{{QStringLiteral("trackingNumber"), QStringLiteral("T-1")},
                                 {QStringLiteral("weight"), 1.5}},
                     QJsonObject{{QStringLiteral("trackingNumber"), QStringLiteral("T-2")}}}}});
        QCOMPARE(created.status, 201);
        const QString id = QString::number(created.json[QLatin1String("id")].toInteger());
        const QString self = base() + QStringLiteral("/itemFulfillment/") + id;

        QJsonObject o = get(QStringLiteral("itemFulfillment/") + id).json;
        QCOMPARE(o[sublist].toObject(), sublistLink(self + QLatin1Char('/') + sublist));
        for (const QString &other : kPackageSublists)
            QVERIFY2(other == sublist || !o.contains(other), qPrintable(other));

        o = get(QStringLiteral("itemFulfillment/") + id, true).json;
        const QJsonObject packages = o[sublist].toObject();
        QCOMPARE(packages[QLatin1String("count")], QJsonValue(2));
        QCOMPARE(packages[QLatin1String("totalResults")], QJsonValue(2));
        QCOMPARE(packages[QLatin1String("hasMore")], QJsonValue(false));
        const QJsonArray items = packages[QLatin1String("items")].toArray();
        QCOMPARE(items[0][QStringLiteral("packageTrackingNumber") + suffix].toString(),
                 QStringLiteral("T-1"));
        QCOMPARE(items[0][QStringLiteral("packageWeight") + suffix], QJsonValue(1.5));
        QCOMPARE(items[1][QStringLiteral("packageTrackingNumber") + suffix].toString(),
                 QStringLiteral("T-2"));
        QVERIFY(!items[1].toObject().contains(QStringLiteral("packageWeight") + suffix));
        QCOMPARE(items[0][QLatin1String("links")].toArray(),
                 links(self + QLatin1Char('/') + sublist + QStringLiteral("/1")));
    }

    void kitMemberLines()
    {
        start();
        const QJsonObject o = get(QStringLiteral("itemFulfillment/2006"), true).json;
        const QJsonArray lines = o[QLatin1String("item")][QLatin1String("items")].toArray();
        QCOMPARE(lines.size(), 4);
        // The kit's own line maps to the order line; its members sit right below it and point
        // at it instead.
        QCOMPARE(lines[0][QLatin1String("orderLine")], QJsonValue(2));
        QCOMPARE(lines[0][QLatin1String("itemType")].toObject(),
                 select(QStringLiteral("Kit"), QStringLiteral("Kit")));
        QCOMPARE(lines[0][QLatin1String("item")].toObject(),
                 ref(QStringLiteral("600"), QStringLiteral("GIFT-SET"),
                     base() + QStringLiteral("/kititem/600")));
        QCOMPARE(lines[0][QLatin1String("quantity")], QJsonValue(2));
        for (int i : {1, 2}) {
            const QJsonObject member = lines[i].toObject();
            QCOMPARE(member[QLatin1String("line")], QJsonValue(i + 1));
            QCOMPARE(member[QLatin1String("kitMemberOf")], QJsonValue(1));
            QVERIFY(!member.contains(QLatin1String("orderLine")));
        }
        QCOMPARE(lines[1][QLatin1String("item")][QLatin1String("id")].toString(),
                 QStringLiteral("501"));
        QCOMPARE(lines[1][QLatin1String("quantity")], QJsonValue(2));
        QCOMPARE(lines[2][QLatin1String("item")][QLatin1String("id")].toString(),
                 QStringLiteral("502"));
        QCOMPARE(lines[2][QLatin1String("quantity")], QJsonValue(4));
        QCOMPARE(lines[3][QLatin1String("line")], QJsonValue(4));
        QCOMPARE(lines[3][QLatin1String("orderLine")], QJsonValue(1));
        // A courier without carrier integration: the plain package sublist.
        QCOMPARE(o[QLatin1String("package")][QLatin1String("items")][0]
                  [QLatin1String("packageTrackingNumber")]
                      .toString(),
                 QStringLiteral("LC-00000042"));

        // SuiteQL numbers the same lines the same way.
        const sandboxtest::Reply q = m_client.suiteQl(
            *m_server, QStringLiteral("SELECT id, kitmemberof FROM transactionline WHERE "
                                      "transaction = 2006 AND mainline = 'F' ORDER BY id"));
        QCOMPARE(q.status, 200);
        const QJsonArray rows = q.json[QLatin1String("items")].toArray();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[1][QLatin1String("id")].toString(), QStringLiteral("2"));
        QCOMPARE(rows[1][QLatin1String("kitmemberof")].toString(), QStringLiteral("1"));
        QCOMPARE(rows[3][QLatin1String("kitmemberof")], QJsonValue(QJsonValue::Undefined));

        // On the sales order the kit is one line.
        const QJsonObject so = get(QStringLiteral("salesOrder/1006"), true).json;
        QCOMPARE(so[QLatin1String("item")][QLatin1String("count")], QJsonValue(2));
        QCOMPARE(so[QLatin1String("item")][QLatin1String("items")][1]
                   [QLatin1String("quantityFulfilled")],
                 QJsonValue(2));
        QCOMPARE(so[QLatin1String("status")][QLatin1String("id")].toString(), QStringLiteral("F"));
    }

    void voidedFulfillmentStillReads()
    {
        start();
        QCOMPARE(m_client
                     .request("DELETE", m_server->baseUrl().resolved(QUrl(QStringLiteral(
                                            "/_sandbox/netsuite/itemFulfillments/2002"))))
                     .status,
                 200);
        const sandboxtest::Reply r = get(QStringLiteral("itemFulfillment/2002"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("void")], QJsonValue(true));
        // Its order no longer counts it.
        QCOMPARE(get(QStringLiteral("salesOrder/1002"), true)
                     .json[QLatin1String("item")][QLatin1String("items")][0]
                          [QLatin1String("quantityFulfilled")],
                 QJsonValue(0));
    }

    void linksCanBeFollowed()
    {
        start();
        const QJsonObject f = get(QStringLiteral("itemFulfillment/2001")).json;
        // Reference hrefs use lower-case record types; the sandbox, like NetSuite, takes both.
        const QUrl order(
            f[QLatin1String("createdFrom")][QLatin1String("links")][0][QLatin1String("href")]
                .toString());
        const sandboxtest::Reply r = m_client.netSuiteGet(*m_server, order);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("tranId")].toString(), QStringLiteral("SO1001"));
    }

    void errorBodies()
    {
        start();
        sandboxtest::Reply r = get(QStringLiteral("salesOrder/999999"));
        QCOMPARE(r.status, 404);
        const QJsonObject notFound = errorBody(
            404,
            QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5"),
            QStringLiteral("Not Found"), QStringLiteral("NONEXISTENT_ID"),
            QStringLiteral("The record instance does not exist. Provide a valid record instance "
                           "ID."));
        QCOMPARE(r.json, notFound);
        // An id of another record type, or no number at all, does not exist either.
        QCOMPARE(get(QStringLiteral("itemFulfillment/1001")).json, notFound);
        QCOMPARE(get(QStringLiteral("salesOrder/2001"), true).json, notFound);
        QCOMPARE(get(QStringLiteral("salesOrder/abc")).status, 404);

        r = get(QStringLiteral("customerPayment/77"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json[QLatin1String("title")].toString(), QStringLiteral("Bad Request"));
        QCOMPARE(r.json[QLatin1String("status")], QJsonValue(400));
        QCOMPARE(
            r.json[QLatin1String("o:errorDetails")][0][QLatin1String("o:errorCode")].toString(),
            QStringLiteral("INVALID_RCRD_TYPE"));
        QVERIFY(
            r.json[QLatin1String("o:errorDetails")][0][QLatin1String("detail")].toString().contains(
                QLatin1String("customerPayment")));

        // Unsigned: the usual 401.
        r = m_client.request("GET", recordUrl(QStringLiteral("salesOrder/1001"), false));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json, invalidLoginBody());

        // Every Record API GET above is counted, refusals included.
        const QJsonObject counted =
            m_client
                .state(*m_server)[QLatin1String("requests")][QLatin1String("byEndpoint")]
                                 [QLatin1String("netsuite.record.get")]
                .toObject();
        QCOMPARE(counted[QLatin1String("total")].toInt(), 6);
        QCOMPARE(counted[QLatin1String("byStatus")][QLatin1String("404")].toInt(), 4);
        QCOMPARE(counted[QLatin1String("byStatus")][QLatin1String("400")].toInt(), 1);
        QCOMPARE(counted[QLatin1String("byStatus")][QLatin1String("401")].toInt(), 1);
    }

    void signatureCoversTheQuery()
    {
        start();
        const QUrl plain = recordUrl(QStringLiteral("salesOrder/1001"), false);
        const QUrl expanded = recordUrl(QStringLiteral("salesOrder/1001"), true);
        // Signed without expandSubResources in the base string, sent with it.
        sandboxtest::Reply r = m_client.netSuiteGet(*m_server, expanded, plain);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json, invalidLoginBody());
        const QJsonArray trail =
            m_client.state(*m_server)[QLatin1String("netsuite")][QLatin1String("loginAuditTrail")]
                .toArray();
        QCOMPARE(trail.last()[QLatin1String("reason")].toString(),
                 QStringLiteral("InvalidSignature"));
        // Signed over a different value of it.
        QUrl otherValue = expanded;
        otherValue.setQuery(QStringLiteral("expandSubResources=false"));
        QCOMPARE(m_client.netSuiteGet(*m_server, expanded, otherValue).status, 401);
        // Signed with it, as a client does.
        r = m_client.netSuiteGet(*m_server, expanded);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json[QLatin1String("item")].toObject().contains(QLatin1String("items")));
        // And the other way round: signed with it, sent without.
        QCOMPARE(m_client.netSuiteGet(*m_server, plain, expanded).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestSandboxRecord)
#include "tst_sandbox_record.moc"
