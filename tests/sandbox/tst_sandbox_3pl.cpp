// The sandbox's ShipStation-style 3PL over real HTTP: Basic auth, orders created or updated by
// orderKey (so a create repeated after a lost answer makes no second order), 40 requests a
// minute with the X-Rate-Limit headers, and shipments — partial ones included — listed by date
// with paging, as the warehouse ships them.

#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync::sandbox;

class TestSandbox3pl final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    sandboxtest::Client m_client;

    QUrl url(const QString &path) const { return m_server->baseUrl().resolved(QUrl(path)); }
    QList<QPair<QByteArray, QByteArray>> auth(const QString &secret = {}) const
    {
        const SandboxCredentials c = m_server->credentials();
        const QString pair = c.threePlKey + u':' + (secret.isEmpty() ? c.threePlSecret : secret);
        return {{"Authorization", "Basic " + pair.toUtf8().toBase64()}};
    }
    sandboxtest::Reply createOrder(const QJsonObject &order)
    {
        return m_client.json("POST", url(QStringLiteral("/shipstation/orders/createorder")), order,
                             auth());
    }
    static QJsonObject order(const QString &number, const QString &key = {},
                             const QString &status = QStringLiteral("awaiting_shipment"))
    {
        QJsonObject o{{QStringLiteral("orderNumber"), number},
                      {QStringLiteral("orderDate"), QStringLiteral("2026-12-06T10:00:00")},
                      {QStringLiteral("orderStatus"), status},
                      {QStringLiteral("items"),
                       QJsonArray{QJsonObject{{QStringLiteral("lineItemKey"), QStringLiteral("1")},
                                              {QStringLiteral("sku"), QStringLiteral("MUG")},
                                              {QStringLiteral("quantity"), 2}},
                                  QJsonObject{{QStringLiteral("lineItemKey"), QStringLiteral("2")},
                                              {QStringLiteral("sku"), QStringLiteral("TEE")},
                                              {QStringLiteral("quantity"), 1}}}}};
        const QJsonObject address{{QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                                  {QStringLiteral("street1"), QStringLiteral("12 Harbour Road")},
                                  {QStringLiteral("city"), QStringLiteral("Portland")},
                                  {QStringLiteral("state"), QStringLiteral("ME")},
                                  {QStringLiteral("postalCode"), QStringLiteral("04101")},
                                  {QStringLiteral("country"), QStringLiteral("US")}};
        o.insert(QStringLiteral("shipTo"), address);
        o.insert(QStringLiteral("billTo"), address);
        if (!key.isEmpty())
            o.insert(QStringLiteral("orderKey"), key);
        return o;
    }
    int ship(const QJsonObject &body)
    {
        return m_client.json("POST", url(QStringLiteral("/_sandbox/3pl/ship")), body).status;
    }
    sandboxtest::Reply shipments(const QString &query)
    {
        return m_client.request("GET", url(QStringLiteral("/shipstation/shipments?") + query), {},
                                auth());
    }
    QJsonArray orders()
    {
        return m_client.state(*m_server)[QLatin1String("threePl")][QLatin1String("orders")]
            .toArray();
    }
    void advanceClock(int seconds)
    {
        QCOMPARE(m_client
                     .json("POST", url(QStringLiteral("/_sandbox/clock")),
                           QJsonObject{{QStringLiteral("advanceSeconds"), seconds}})
                     .status,
                 200);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QString error;
        QVERIFY2(m_server->loadScenario(sandboxtest::basicScenario(), &error), qPrintable(error));
        QVERIFY(m_server->listen(0) != 0);
    }
    void cleanup() { m_server.reset(); }

    void basicAuthIsRequired()
    {
        const QUrl shipmentsUrl = url(QStringLiteral("/shipstation/shipments"));
        QCOMPARE(m_client.request("GET", shipmentsUrl).status, 401);
        QCOMPARE(m_client.request("GET", shipmentsUrl, {}, auth(QStringLiteral("wrong"))).status,
                 401);
        const sandboxtest::Reply ok = m_client.request("GET", shipmentsUrl, {}, auth());
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.headers.value("x-rate-limit-remaining"), QByteArray("39")); // 401s are free
    }

    // A create answered 503 after it was stored, sent again with the same orderKey, is one
    // order: the 3PL leg's retry never makes a second one.
    void createOrderIsAnUpsertByOrderKey()
    {
        QCOMPARE(m_client
                     .json("POST", url(QStringLiteral("/_sandbox/faults")),
                           QJsonObject{
                               {QStringLiteral("match"), QStringLiteral("shipstation.createorder")},
                               {QStringLiteral("status"), 503},
                               {QStringLiteral("commitThenFail"), true}})
                     .status,
                 201);
        QCOMPARE(createOrder(order(QStringLiteral("SO1001"), QStringLiteral("ns-1001"))).status,
                 503);
        QJsonObject again = order(QStringLiteral("SO1001"), QStringLiteral("ns-1001"));
        again.insert(QStringLiteral("serviceCode"), QStringLiteral("ups_ground"));
        const sandboxtest::Reply second = createOrder(again);
        QCOMPARE(second.status, 200);
        QCOMPARE(orders().size(), 1);
        QCOMPARE(orders().first()[QLatin1String("serviceCode")].toString(),
                 QStringLiteral("ups_ground"));
        QCOMPARE(second.json[QLatin1String("orderKey")].toString(), QStringLiteral("ns-1001"));
        // Without a key each create is a new order, with a key made up by the 3PL.
        QCOMPARE(createOrder(order(QStringLiteral("SO1002"))).status, 200);
        QCOMPARE(createOrder(order(QStringLiteral("SO1002"))).status, 200);
        QCOMPARE(orders().size(), 3);
        const qint64 id = second.json[QLatin1String("orderId")].toInteger();
        const sandboxtest::Reply read = m_client.request(
            "GET", url(QStringLiteral("/shipstation/orders/%1").arg(id)), {}, auth());
        QCOMPARE(read.json[QLatin1String("orderNumber")].toString(), QStringLiteral("SO1001"));
    }

    void closedOrdersAndBadOrdersAreRefused()
    {
        QCOMPARE(createOrder(order(QStringLiteral("SO1"), QStringLiteral("k1"))).status, 200);
        QCOMPARE(ship(QJsonObject{{QStringLiteral("orderKey"), QStringLiteral("k1")},
                                  {QStringLiteral("trackingNumber"), QStringLiteral("1Z1")}}),
                 200);
        sandboxtest::Reply r = createOrder(order(QStringLiteral("SO1"), QStringLiteral("k1")));
        QCOMPARE(r.status, 400);
        QVERIFY(r.json[QLatin1String("Message")].toString().contains(QStringLiteral("shipped")));
        QCOMPARE(createOrder(order(QStringLiteral("SO2"), QStringLiteral("k2"),
                                   QStringLiteral("cancelled")))
                     .status,
                 200);
        QCOMPARE(createOrder(order(QStringLiteral("SO2"), QStringLiteral("k2"))).status, 400);
        // ShipStation documents billTo and shipTo as required; an open order's shipTo is where
        // the warehouse buys a label for, so it needs a street, city, postal code and the
        // two-letter country code. A cancelled order needs only the shapes.
        QJsonObject noShipTo = order(QStringLiteral("SO7"), QStringLiteral("k7"));
        noShipTo.remove(QStringLiteral("shipTo"));
        r = createOrder(noShipTo);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json[QLatin1String("Message")].toString().contains(QStringLiteral("shipTo")),
                 qPrintable(r.json[QLatin1String("Message")].toString()));
        QJsonObject noBillTo = order(QStringLiteral("SO7"), QStringLiteral("k7"));
        noBillTo.remove(QStringLiteral("billTo"));
        QCOMPARE(createOrder(noBillTo).status, 400);
        QJsonObject noStreet = order(QStringLiteral("SO7"), QStringLiteral("k7"));
        QJsonObject shipTo = noStreet[QLatin1String("shipTo")].toObject();
        shipTo.remove(QStringLiteral("street1"));
        shipTo.insert(QStringLiteral("country"), QStringLiteral("United States"));
        noStreet.insert(QStringLiteral("shipTo"), shipTo);
        r = createOrder(noStreet);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json[QLatin1String("Message")].toString().contains(QStringLiteral("street1")),
                 qPrintable(r.json[QLatin1String("Message")].toString()));
        shipTo.insert(QStringLiteral("street1"), QStringLiteral("12 Harbour Road"));
        noStreet.insert(QStringLiteral("shipTo"), shipTo);
        QCOMPARE(createOrder(noStreet).status, 400); // the country's name is not its code
        QJsonObject nameOnlyBillTo = order(QStringLiteral("SO7"), QStringLiteral("k7"));
        nameOnlyBillTo.insert(QStringLiteral("billTo"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}});
        QCOMPARE(createOrder(nameOnlyBillTo).status, 200);
        QCOMPARE(orders().last()[QLatin1String("shipTo")][QLatin1String("city")].toString(),
                 QStringLiteral("Portland"));
        QJsonObject cancelled = noShipTo;
        cancelled.insert(QStringLiteral("orderStatus"), QStringLiteral("cancelled"));
        QCOMPARE(createOrder(cancelled).status, 400); // still required
        cancelled.insert(QStringLiteral("shipTo"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}});
        QCOMPARE(createOrder(cancelled).status, 200);
        QJsonObject fractional = order(QStringLiteral("SO3"));
        fractional[QStringLiteral("items")] = QJsonArray{QJsonObject{
            {QStringLiteral("sku"), QStringLiteral("X")}, {QStringLiteral("quantity"), 1.5}}};
        QCOMPARE(createOrder(fractional).status, 400);
        QCOMPARE(
            createOrder(QJsonObject{{QStringLiteral("orderDate"), QStringLiteral("x")}}).status,
            400);
        QCOMPARE(m_client
                     .request("POST", url(QStringLiteral("/shipstation/orders/createorder")),
                              "<html>", auth())
                     .status,
                 400);
        // Bulk: each order answered on its own; more than 100 refused whole.
        QJsonArray bulk{order(QStringLiteral("SO4"), QStringLiteral("k4")),
                        QJsonObject{{QStringLiteral("orderNumber"), QStringLiteral("SO5")}},
                        order(QStringLiteral("SO6"), QStringLiteral("k6"))};
        r = m_client.request("POST", url(QStringLiteral("/shipstation/orders/createorders")),
                             QJsonDocument(bulk).toJson(), auth());
        QCOMPARE(r.status, 200);
        QVERIFY(r.json[QLatin1String("hasErrors")].toBool());
        const QJsonArray results = r.json[QLatin1String("results")].toArray();
        QCOMPARE(results.size(), 3);
        QVERIFY(results[0][QLatin1String("success")].toBool());
        QVERIFY(!results[1][QLatin1String("success")].toBool());
        QVERIFY(results[2][QLatin1String("success")].toBool());
        QJsonArray tooMany;
        for (int i = 0; i < 101; ++i)
            tooMany.append(order(QStringLiteral("B%1").arg(i)));
        QCOMPARE(m_client
                     .request("POST", url(QStringLiteral("/shipstation/orders/createorders")),
                              QJsonDocument(tooMany).toJson(), auth())
                     .status,
                 400);
    }

    void fortyRequestsAMinute()
    {
        for (int i = 1; i <= 40; ++i) {
            const sandboxtest::Reply r = shipments({});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.headers.value("x-rate-limit-limit"), QByteArray("40"));
            QCOMPARE(r.headers.value("x-rate-limit-remaining").toInt(), 40 - i);
        }
        const sandboxtest::Reply refused = shipments({});
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.headers.value("x-rate-limit-remaining"), QByteArray("0"));
        const int reset = refused.headers.value("x-rate-limit-reset").toInt();
        QVERIFY2(reset > 0 && reset <= 60, refused.headers.value("x-rate-limit-reset").constData());
        advanceClock(60);
        const sandboxtest::Reply next = shipments({});
        QCOMPARE(next.status, 200);
        QCOMPARE(next.headers.value("x-rate-limit-remaining"), QByteArray("39"));
    }

    // Several shipments per order (each will be its own item fulfillment), listed oldest first
    // in pages, found by date; the order is shipped once every line is.
    // A voided label says so, with its void date, and is found by voidDateStart; one not
    // voided is not.
    void voidedLabelsAreFoundByVoidDate()
    {
        QCOMPARE(createOrder(order(QStringLiteral("SO1001"), QStringLiteral("ns-1001"))).status,
                 200);
        QCOMPARE(ship({{QStringLiteral("orderKey"), QStringLiteral("ns-1001")},
                       {QStringLiteral("trackingNumber"), QStringLiteral("T1")},
                       {QStringLiteral("items"),
                        QJsonArray{QJsonObject{{QStringLiteral("lineItemKey"), QStringLiteral("1")},
                                               {QStringLiteral("quantity"), 1}}}}}),
                 200);
        QCOMPARE(ship({{QStringLiteral("orderKey"), QStringLiteral("ns-1001")},
                       {QStringLiteral("trackingNumber"), QStringLiteral("T2")}}),
                 200);
        const QJsonArray all =
            shipments(QStringLiteral("pageSize=10")).json[QLatin1String("shipments")].toArray();
        QCOMPARE(all.size(), 2);
        const qint64 first = all[0][QLatin1String("shipmentId")].toInteger();
        advanceClock(60);
        QCOMPARE(m_client
                     .json("POST", url(QStringLiteral("/_sandbox/3pl/void")),
                           QJsonObject{{QStringLiteral("shipmentId"), first}})
                     .status,
                 200);
        QCOMPARE(m_client
                     .json("POST", url(QStringLiteral("/_sandbox/3pl/void")),
                           QJsonObject{{QStringLiteral("shipmentId"), first}})
                     .status,
                 409);
        const QJsonArray voided = shipments(QStringLiteral("voidDateStart=2000-01-01"))
                                      .json[QLatin1String("shipments")]
                                      .toArray();
        QCOMPARE(voided.size(), 1);
        QCOMPARE(voided[0][QLatin1String("shipmentId")].toInteger(), first);
        QCOMPARE(voided[0][QLatin1String("voided")].toBool(), true);
        QVERIFY(!voided[0][QLatin1String("voidDate")].toString().isEmpty());
        QCOMPARE(shipments(QStringLiteral("voidDateStart=2100-01-01"))
                     .json[QLatin1String("shipments")]
                     .toArray()
                     .size(),
                 0);
    }

    void shipmentsArePartialPagedAndFoundByDate()
    {
        QCOMPARE(createOrder(order(QStringLiteral("SO1"), QStringLiteral("k1"))).status, 200);
        QCOMPARE(createOrder(order(QStringLiteral("SO2"), QStringLiteral("k2"))).status, 200);
        QCOMPARE(ship(QJsonObject{
                     {QStringLiteral("orderKey"), QStringLiteral("k1")},
                     {QStringLiteral("trackingNumber"), QStringLiteral("1ZA")},
                     {QStringLiteral("items"),
                      QJsonArray{QJsonObject{{QStringLiteral("lineItemKey"), QStringLiteral("1")},
                                             {QStringLiteral("quantity"), 1}}}}}),
                 200);
        QCOMPARE(orders().first()[QLatin1String("orderStatus")].toString(),
                 QStringLiteral("awaiting_shipment"));
        QCOMPARE(ship(QJsonObject{
                     {QStringLiteral("orderKey"), QStringLiteral("k1")},
                     {QStringLiteral("trackingNumber"), QStringLiteral("1ZB")},
                     {QStringLiteral("items"),
                      QJsonArray{QJsonObject{{QStringLiteral("lineItemKey"), QStringLiteral("1")},
                                             {QStringLiteral("quantity"), 2}}}}}),
                 400); // only one left on that line
        // A request that does not fit as a whole ships nothing of it.
        QCOMPARE(ship(QJsonObject{
                     {QStringLiteral("orderKey"), QStringLiteral("k1")},
                     {QStringLiteral("trackingNumber"), QStringLiteral("1ZX")},
                     {QStringLiteral("items"),
                      QJsonArray{QJsonObject{{QStringLiteral("lineItemKey"), QStringLiteral("1")},
                                             {QStringLiteral("quantity"), 1}},
                                 QJsonObject{{QStringLiteral("lineItemKey"), QStringLiteral("2")},
                                             {QStringLiteral("quantity"), 5}}}}}),
                 400);
        advanceClock(3600);
        const QString later = m_client.state(*m_server)[QLatin1String("now")].toString().left(19);
        QCOMPARE(ship(QJsonObject{{QStringLiteral("orderKey"), QStringLiteral("k1")},
                                  {QStringLiteral("trackingNumber"), QStringLiteral("1ZC")}}),
                 200);
        QCOMPARE(orders().first()[QLatin1String("orderStatus")].toString(),
                 QStringLiteral("shipped"));
        QCOMPARE(ship(QJsonObject{{QStringLiteral("orderKey"), QStringLiteral("k2")},
                                  {QStringLiteral("trackingNumber"), QStringLiteral("1ZD")}}),
                 200);

        sandboxtest::Reply page = shipments(QStringLiteral("pageSize=2&page=1"));
        QCOMPARE(page.json[QLatin1String("total")].toInt(), 3);
        QCOMPARE(page.json[QLatin1String("pages")].toInt(), 2);
        QJsonArray list = page.json[QLatin1String("shipments")].toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0][QLatin1String("trackingNumber")].toString(), QStringLiteral("1ZA"));
        QVERIFY(list[0][QLatin1String("shipmentItems")].isNull()); // unless asked for
        page = shipments(QStringLiteral("pageSize=2&page=2&includeShipmentItems=true"));
        list = page.json[QLatin1String("shipments")].toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0][QLatin1String("orderKey")].toString(), QStringLiteral("k2"));
        QCOMPARE(list[0][QLatin1String("shipmentItems")].toArray().size(), 2);
        // The second shipment of SO1 took what was left: one MUG and the TEE.
        page = shipments(QStringLiteral("createDateStart=%1&includeShipmentItems=true").arg(later));
        list = page.json[QLatin1String("shipments")].toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0][QLatin1String("trackingNumber")].toString(), QStringLiteral("1ZC"));
        const QJsonArray items = list[0][QLatin1String("shipmentItems")].toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0][QLatin1String("quantity")].toDouble(), 1.0);
        QCOMPARE(shipments(QStringLiteral("pageSize=501")).status, 400);
        QCOMPARE(shipments(QStringLiteral("createDateStart=yesterday")).status, 400);
    }
};

QTEST_MAIN(TestSandbox3pl)
#include "tst_sandbox_3pl.moc"
