// Shopify over real HTTP: fulfillment orders, REST and GraphQL fulfillment creation, the
// split/reduce behaviour on partial fulfilments, the 422/userErrors rules, tracking URLs,
// access-token auth and the REST call limit.

#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync::sandbox;

class TestSandboxShopify final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    sandboxtest::Client m_client;

    void start(QJsonObject scenario = sandboxtest::basicScenario())
    {
        m_server = std::make_unique<SandboxServer>();
        QString error;
        QVERIFY2(m_server->loadScenario(scenario, &error), qPrintable(error));
        QVERIFY(m_server->listen(0) != 0);
    }

    QUrl url(const QString &rest) const
    {
        QUrl u = m_server->shopifyBaseUrl(QStringLiteral("acme"));
        u.setPath(u.path() + QStringLiteral("/admin/api/2024-10/") + rest);
        return u;
    }

    sandboxtest::Reply get(const QString &rest)
    {
        return m_client.request("GET", url(rest), {},
                                {{"X-Shopify-Access-Token", "shpat_demo_token"}});
    }

    sandboxtest::Reply post(const QString &rest, const QJsonObject &body)
    {
        return m_client.json("POST", url(rest), body,
                             {{"X-Shopify-Access-Token", "shpat_demo_token"}});
    }

    QJsonArray fulfillmentOrders(qint64 order)
    {
        return get(QStringLiteral("orders/%1/fulfillment_orders.json").arg(order))
            .json[QLatin1String("fulfillment_orders")]
            .toArray();
    }

    static QJsonObject restBody(const QJsonArray &groups, const QString &company,
                                const QString &number, const QString &url = QString())
    {
        QJsonObject tracking{{QStringLiteral("company"), company},
                             {QStringLiteral("number"), number}};
        if (!url.isEmpty())
            tracking.insert(QStringLiteral("url"), url);
        return QJsonObject{{QStringLiteral("fulfillment"),
                            QJsonObject{{QStringLiteral("line_items_by_fulfillment_order"), groups},
                                        {QStringLiteral("tracking_info"), tracking},
                                        {QStringLiteral("notify_customer"), true}}}};
    }

    static QJsonObject group(qint64 fo, const QList<QPair<qint64, int>> &lines = {})
    {
        QJsonObject g{{QStringLiteral("fulfillment_order_id"), fo}};
        if (!lines.isEmpty()) {
            QJsonArray items;
            for (const auto &[id, q] : lines)
                items.append(
                    QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("quantity"), q}});
            g.insert(QStringLiteral("fulfillment_order_line_items"), items);
        }
        return g;
    }

    static qint64 id(const QJsonValue &v) { return v[QLatin1String("id")].toInteger(); }

private Q_SLOTS:
    void fulfillmentOrdersShape()
    {
        start();
        const sandboxtest::Reply r = get(QStringLiteral("orders/5001/fulfillment_orders.json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("x-shopify-shop-api-call-limit"), QByteArray("1/40"));
        const QJsonArray fos = r.json[QLatin1String("fulfillment_orders")].toArray();
        QCOMPARE(fos.size(), 1);
        const QJsonObject fo = fos[0].toObject();
        QCOMPARE(fo[QLatin1String("order_id")].toInteger(), 5001);
        QCOMPARE(fo[QLatin1String("assigned_location_id")].toInteger(), 7001);
        QCOMPARE(fo[QLatin1String("status")].toString(), QStringLiteral("open"));
        QCOMPARE(fo[QLatin1String("request_status")].toString(), QStringLiteral("unsubmitted"));
        QVERIFY(fo[QLatin1String("supported_actions")].toArray().contains(
            QStringLiteral("create_fulfillment")));
        QCOMPARE(fo[QLatin1String("assigned_location")][QLatin1String("name")].toString(),
                 QStringLiteral("Main Warehouse"));
        const QJsonArray lines = fo[QLatin1String("line_items")].toArray();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0][QLatin1String("line_item_id")].toInteger(), 9001);
        QCOMPARE(lines[0][QLatin1String("quantity")].toInt(), 2);
        QCOMPARE(lines[0][QLatin1String("fulfillable_quantity")].toInt(), 2);
        QCOMPARE(lines[0][QLatin1String("fulfillment_order_id")].toInteger(), id(fo));
        QVERIFY(id(lines[0]) != id(lines[1]));
        QCOMPARE(get(QStringLiteral("orders/999/fulfillment_orders.json")).status, 404);
    }

    void restFulfillsAWholeOrder()
    {
        start();
        const qint64 fo = id(fulfillmentOrders(5001)[0]);
        sandboxtest::Reply r = post(
            QStringLiteral("fulfillments.json"),
            restBody({group(fo)}, QStringLiteral("UPS"), QStringLiteral("1Z999AA10123456784")));
        QCOMPARE(r.status, 201);
        const QJsonObject f = r.json[QLatin1String("fulfillment")].toObject();
        QCOMPARE(f[QLatin1String("status")].toString(), QStringLiteral("success"));
        QCOMPARE(f[QLatin1String("order_id")].toInteger(), 5001);
        QCOMPARE(f[QLatin1String("name")].toString(), QStringLiteral("#1001.1"));
        QCOMPARE(f[QLatin1String("tracking_company")].toString(), QStringLiteral("UPS"));
        QCOMPARE(f[QLatin1String("tracking_numbers")].toArray(),
                 QJsonArray{QStringLiteral("1Z999AA10123456784")});
        // UPS is on Shopify's list: it builds the URL itself.
        QCOMPARE(f[QLatin1String("tracking_url")].toString(),
                 QStringLiteral("https://www.ups.com/"
                                "WebTracking?loc=en_US&requester=ST&trackNums=1Z999AA10123456784"));
        QCOMPARE(f[QLatin1String("line_items")].toArray().size(), 2);
        QCOMPARE(f[QLatin1String("line_items")][0][QLatin1String("sku")].toString(),
                 QStringLiteral("TSHIRT-RED-M"));
        QCOMPARE(f[QLatin1String("line_items")][0][QLatin1String("quantity")].toInt(), 2);
        QCOMPARE(fulfillmentOrders(5001)[0][QLatin1String("status")].toString(),
                 QStringLiteral("closed"));
        // The same request again: the FO is closed now (no idempotency on Shopify's side).
        r = post(
            QStringLiteral("fulfillments.json"),
            restBody({group(fo)}, QStringLiteral("UPS"), QStringLiteral("1Z999AA10123456784")));
        QCOMPARE(r.status, 422);
        QVERIFY(r.json[QLatin1String("errors")][0].toString().contains(
            QLatin1String("unfulfillable status= closed")));
        // Read back.
        r = get(QStringLiteral("orders/5001/fulfillments.json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("fulfillments")].toArray().size(), 1);
        QCOMPARE(
            r.json[QLatin1String("fulfillments")][0][QLatin1String("tracking_number")].toString(),
            QStringLiteral("1Z999AA10123456784"));
        // And the control state says exactly what reached Shopify.
        const QJsonObject order =
            m_client.state(*m_server)[QLatin1String("channels")][0][QLatin1String("orders")][0]
                .toObject();
        const QJsonObject sf = order[QLatin1String("fulfillments")][0].toObject();
        QCOMPARE(sf[QLatin1String("trackingNumbers")].toArray(),
                 QJsonArray{QStringLiteral("1Z999AA10123456784")});
        QCOMPARE(sf[QLatin1String("trackingCompany")].toString(), QStringLiteral("UPS"));
        QCOMPARE(sf[QLatin1String("notifyCustomer")].toBool(), true);
        QCOMPARE(sf[QLatin1String("lineItems")][1][QLatin1String("lineItemId")].toInteger(), 9002);
        QCOMPARE(sf[QLatin1String("createdAt")].toString().left(13),
                 QStringLiteral("2026-11-20T12"));
    }

    void partialFulfilmentSplitsTheFulfillmentOrder()
    {
        start();
        const QJsonObject fo = fulfillmentOrders(5002)[0].toObject();
        const qint64 line1 = id(fo[QLatin1String("line_items")][0]);
        sandboxtest::Reply r = post(QStringLiteral("fulfillments.json"),
                                    restBody({group(id(fo), {{line1, 2}})}, QStringLiteral("FedEx"),
                                             QStringLiteral("794698727210")));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json[QLatin1String("fulfillment")][QLatin1String("line_items")].toArray().size(),
                 1);
        const QJsonArray fos = fulfillmentOrders(5002);
        QCOMPARE(fos.size(), 2);
        // The original keeps what was fulfilled and is closed...
        QCOMPARE(fos[0][QLatin1String("status")].toString(), QStringLiteral("closed"));
        QCOMPARE(fos[0][QLatin1String("line_items")].toArray().size(), 1);
        QCOMPARE(fos[0][QLatin1String("line_items")][0][QLatin1String("quantity")].toInt(), 2);
        QCOMPARE(
            fos[0][QLatin1String("line_items")][0][QLatin1String("fulfillable_quantity")].toInt(),
            0);
        // ...and the rest moved to a new open one with new line item ids.
        const QJsonObject rest = fos[1].toObject();
        QCOMPARE(rest[QLatin1String("status")].toString(), QStringLiteral("open"));
        QVERIFY(id(rest) != id(fo));
        const QJsonArray restLines = rest[QLatin1String("line_items")].toArray();
        QCOMPARE(restLines.size(), 2);
        QCOMPARE(restLines[0][QLatin1String("line_item_id")].toInteger(), 9003);
        QCOMPARE(restLines[0][QLatin1String("fulfillable_quantity")].toInt(), 1);
        QCOMPARE(restLines[1][QLatin1String("line_item_id")].toInteger(), 9004);
        QVERIFY(id(restLines[0]) != line1);
        // The old FO line can't be fulfilled again; the new FO can, completely.
        r = post(
            QStringLiteral("fulfillments.json"),
            restBody({group(id(fo), {{line1, 1}})}, QStringLiteral("FedEx"), QStringLiteral("2")));
        QCOMPARE(r.status, 422);
        r = post(QStringLiteral("fulfillments.json"),
                 restBody({group(id(rest))}, QStringLiteral("FedEx"), QStringLiteral("3")));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json[QLatin1String("fulfillment")][QLatin1String("name")].toString(),
                 QStringLiteral("#1002.2"));
        QCOMPARE(fulfillmentOrders(5002)[1][QLatin1String("status")].toString(),
                 QStringLiteral("closed"));
        QCOMPARE(fulfillmentOrders(5002).size(), 2);
    }

    void reduceModeKeepsTheFulfillmentOrder()
    {
        QJsonObject s = sandboxtest::basicScenario();
        QJsonArray channels = s[QLatin1String("channels")].toArray();
        QJsonObject c = channels[0].toObject();
        c.insert(QStringLiteral("partialFulfillment"), QStringLiteral("reduce"));
        channels[0] = c;
        s.insert(QStringLiteral("channels"), channels);
        start(s);
        const QJsonObject fo = fulfillmentOrders(5002)[0].toObject();
        const qint64 line1 = id(fo[QLatin1String("line_items")][0]);
        QCOMPARE(post(QStringLiteral("fulfillments.json"),
                      restBody({group(id(fo), {{line1, 2}})}, QStringLiteral("FedEx"),
                               QStringLiteral("1")))
                     .status,
                 201);
        const QJsonArray fos = fulfillmentOrders(5002);
        QCOMPARE(fos.size(), 1);
        QCOMPARE(fos[0][QLatin1String("status")].toString(), QStringLiteral("in_progress"));
        QCOMPARE(
            fos[0][QLatin1String("line_items")][0][QLatin1String("fulfillable_quantity")].toInt(),
            1);
        QCOMPARE(fos[0][QLatin1String("line_items")][0][QLatin1String("quantity")].toInt(), 3);
        QCOMPARE(post(QStringLiteral("fulfillments.json"),
                      restBody({group(id(fo), {{line1, 2}})}, QStringLiteral("FedEx"),
                               QStringLiteral("2")))
                     .status,
                 422);
        QCOMPARE(post(QStringLiteral("fulfillments.json"),
                      restBody({group(id(fo))}, QStringLiteral("FedEx"), QStringLiteral("3")))
                     .status,
                 201);
        QCOMPARE(fulfillmentOrders(5002)[0][QLatin1String("status")].toString(),
                 QStringLiteral("closed"));
    }

    void validationErrors()
    {
        start();
        const QJsonObject fo1 = fulfillmentOrders(5001)[0].toObject();
        const QJsonObject fo2 = fulfillmentOrders(5002)[0].toObject();
        const qint64 l1 = id(fo1[QLatin1String("line_items")][0]);
        struct Case
        {
            const char *name;
            QJsonArray groups;
            const char *message;
        };
        const QList<Case> cases = {
            {"over quantity",
             {group(id(fo1), {{l1, 3}})},
             "Invalid fulfillment order line item quantity requested."},
            {"zero quantity", {group(id(fo1), {{l1, 0}})}, "Quantity must be greater than 0."},
            {"unknown FO", {group(999)}, "Fulfillment order 999 does not exist."},
            {"repeated FO", {group(id(fo1)), group(id(fo1))}, "is listed more than once"},
            {"two orders", {group(id(fo1)), group(id(fo2))}, "same order"},
            {"foreign line",
             {group(id(fo1), {{id(fo2[QLatin1String("line_items")][0]), 1}})},
             "does not exist on fulfillment order"},
            {"empty", {}, "must not be empty"},
        };
        for (const Case &c : cases) {
            const sandboxtest::Reply r =
                post(QStringLiteral("fulfillments.json"),
                     restBody(c.groups, QStringLiteral("UPS"), QStringLiteral("1")));
            QVERIFY2(r.status == 422, c.name);
            QVERIFY2(
                r.json[QLatin1String("errors")][0].toString().contains(QLatin1String(c.message)),
                qPrintable(QLatin1String(c.name) + QLatin1String(": ") +
                           QString::fromUtf8(r.body)));
        }
        // Nothing was fulfilled by the refused requests.
        QCOMPARE(fulfillmentOrders(
                     5001)[0][QLatin1String("line_items")][0][QLatin1String("fulfillable_quantity")]
                     .toInt(),
                 2);
        QCOMPARE(post(QStringLiteral("fulfillments.json"), QJsonObject{{QStringLiteral("nope"), 1}})
                     .status,
                 400);
    }

    void trackingCompanies()
    {
        start();
        // Not a Shopify carrier and no URL: no URL.
        sandboxtest::Reply r =
            post(QStringLiteral("fulfillments.json"),
                 restBody({group(id(fulfillmentOrders(5001)[0]))}, QStringLiteral("Local Courier"),
                          QStringLiteral("LC-1")));
        QCOMPARE(r.status, 201);
        QVERIFY(r.json[QLatin1String("fulfillment")][QLatin1String("tracking_url")].isNull());
        // Case matters: "ups" is not "UPS".
        r = post(QStringLiteral("fulfillments.json"),
                 restBody({group(id(fulfillmentOrders(5003)[0]))}, QStringLiteral("ups"),
                          QStringLiteral("1Z")));
        QVERIFY(r.json[QLatin1String("fulfillment")][QLatin1String("tracking_url")].isNull());
        // A given URL is kept.
        r = post(QStringLiteral("fulfillments.json"),
                 restBody({group(id(fulfillmentOrders(5004)[0]))}, QStringLiteral("Local Courier"),
                          QStringLiteral("LC-2"), QStringLiteral("https://courier.example/LC-2")));
        QCOMPARE(r.json[QLatin1String("fulfillment")][QLatin1String("tracking_url")].toString(),
                 QStringLiteral("https://courier.example/LC-2"));
    }

    void graphqlFulfillmentCreate()
    {
        start();
        const QJsonObject fo = fulfillmentOrders(5005)[0].toObject();
        const QString mutation =
            QStringLiteral("mutation fulfillmentCreate($fulfillment: FulfillmentInput!) { "
                           "fulfillmentCreate(fulfillment: $fulfillment) "
                           "{ fulfillment { id status trackingInfo { company number url } } "
                           "userErrors { field message } } }");
        auto send = [&](const QJsonObject &fulfillment) {
            return post(QStringLiteral("graphql.json"),
                        QJsonObject{{QStringLiteral("query"), mutation},
                                    {QStringLiteral("variables"),
                                     QJsonObject{{QStringLiteral("fulfillment"), fulfillment}}}});
        };
        const QJsonObject input{
            {QStringLiteral("lineItemsByFulfillmentOrder"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("fulfillmentOrderId"),
                  QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(id(fo))},
                 {QStringLiteral("fulfillmentOrderLineItems"),
                  QJsonArray{
                      QJsonObject{{QStringLiteral("id"),
                                   QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1")
                                       .arg(id(fo[QLatin1String("line_items")][0]))},
                                  {QStringLiteral("quantity"), 1}},
                      QJsonObject{{QStringLiteral("id"),
                                   QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1")
                                       .arg(id(fo[QLatin1String("line_items")][1]))},
                                  {QStringLiteral("quantity"), 2}}}}}}},
            {QStringLiteral("trackingInfo"),
             QJsonObject{{QStringLiteral("company"), QStringLiteral("FedEx")},
                         {QStringLiteral("numbers"),
                          QJsonArray{QStringLiteral("111"), QStringLiteral("222")}}}},
            {QStringLiteral("notifyCustomer"), false}};
        sandboxtest::Reply r = send(input);
        QCOMPARE(r.status, 200);
        const QJsonObject payload =
            r.json[QLatin1String("data")][QLatin1String("fulfillmentCreate")].toObject();
        QCOMPARE(payload[QLatin1String("userErrors")].toArray().size(), 0);
        const QJsonObject f = payload[QLatin1String("fulfillment")].toObject();
        QVERIFY(f[QLatin1String("id")].toString().startsWith(
            QLatin1String("gid://shopify/Fulfillment/")));
        QCOMPARE(f[QLatin1String("status")].toString(), QStringLiteral("SUCCESS"));
        QCOMPARE(f[QLatin1String("trackingInfo")].toArray().size(), 2);
        QCOMPARE(f[QLatin1String("trackingInfo")][1][QLatin1String("number")].toString(),
                 QStringLiteral("222"));
        QCOMPARE(f[QLatin1String("trackingInfo")][1][QLatin1String("url")].toString(),
                 QStringLiteral("https://www.fedex.com/fedextrack/?trknbr=222"));
        const QJsonObject throttle = r.json[QLatin1String("extensions")][QLatin1String("cost")]
                                           [QLatin1String("throttleStatus")]
                                               .toObject();
        QCOMPARE(throttle[QLatin1String("maximumAvailable")].toDouble(), 1000.0);
        QVERIFY(throttle[QLatin1String("currentlyAvailable")].toDouble() <= 990.0);
        // Again: the FO is closed -> userErrors, HTTP 200, fulfillment null.
        r = send(input);
        QCOMPARE(r.status, 200);
        const QJsonObject again =
            r.json[QLatin1String("data")][QLatin1String("fulfillmentCreate")].toObject();
        QVERIFY(again[QLatin1String("fulfillment")].isNull());
        QCOMPARE(again[QLatin1String("userErrors")].toArray().size(), 1);
        QCOMPARE(again[QLatin1String("userErrors")][0][QLatin1String("field")].toArray(),
                 (QJsonArray{QStringLiteral("fulfillment"),
                             QStringLiteral("lineItemsByFulfillmentOrder"), QStringLiteral("0"),
                             QStringLiteral("fulfillmentOrderId")}));
        // Anything else is a GraphQL error.
        r = post(QStringLiteral("graphql.json"),
                 QJsonObject{{QStringLiteral("query"), QStringLiteral("{ shop { name } }")}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.json[QLatin1String("errors")][0][QLatin1String("message")].isString());
        // State and request counters.
        const QJsonObject state = m_client.state(*m_server);
        const QJsonObject sf = state[QLatin1String("channels")][0][QLatin1String("orders")][4]
                                    [QLatin1String("fulfillments")][0]
                                        .toObject();
        QCOMPARE(sf[QLatin1String("trackingNumbers")].toArray(),
                 (QJsonArray{QStringLiteral("111"), QStringLiteral("222")}));
        QCOMPARE(sf[QLatin1String("notifyCustomer")].toBool(), false);
        const QJsonObject byEndpoint =
            state[QLatin1String("requests")][QLatin1String("byEndpoint")].toObject();
        QCOMPARE(
            byEndpoint[QLatin1String("shopify.graphql.fulfillmentCreate")][QLatin1String("total")]
                .toInt(),
            2);
        QCOMPARE(byEndpoint[QLatin1String("shopify.graphql.query")][QLatin1String("total")].toInt(),
                 1);
        QCOMPARE(byEndpoint[QLatin1String("shopify.fulfillment_orders.get")][QLatin1String("total")]
                     .toInt(),
                 1);
    }

    // GraphQL queries: only what was asked, unknown orders as null, Shopify's cost rules (the
    // requested cost from `first`, the actual from what came back), the 1,000-point ceiling.
    void graphqlQueriesAnswerWhatWasAskedAtItsCost()
    {
        start();
        const QString planning = QStringLiteral(
            "query Plan($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { id "
            "fulfillmentOrders(first: 4) { pageInfo { hasNextPage } nodes { id status "
            "assignedLocation { location { id } } lineItems(first: 10) { pageInfo { hasNextPage } "
            "nodes { id remainingQuantity lineItem { id sku } } } } } } } }");
        const QJsonObject variables{
            {QStringLiteral("ids"), QJsonArray{QStringLiteral("gid://shopify/Order/5001"),
                                               QStringLiteral("gid://shopify/Order/9999"),
                                               QStringLiteral("gid://shopify/Order/5003")}}};
        sandboxtest::Reply r = post(QStringLiteral("graphql.json"),
                                    QJsonObject{{QStringLiteral("query"), planning},
                                                {QStringLiteral("variables"), variables}});
        QCOMPARE(r.status, 200);
        const QJsonArray nodes = r.json[QLatin1String("data")][QLatin1String("nodes")].toArray();
        QCOMPARE(nodes.size(), 3);
        QVERIFY(nodes.at(1).isNull()); // no such order
        const QJsonObject fo =
            nodes.at(0)[QLatin1String("fulfillmentOrders")][QLatin1String("nodes")][0].toObject();
        QCOMPARE(fo[QLatin1String("status")].toString(), QStringLiteral("OPEN"));
        QCOMPARE(
            fo[QLatin1String("assignedLocation")][QLatin1String("location")][QLatin1String("id")]
                .toString(),
            QStringLiteral("gid://shopify/Location/7001"));
        const QJsonArray lines = fo[QLatin1String("lineItems")][QLatin1String("nodes")].toArray();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0)[QLatin1String("lineItem")][QLatin1String("sku")].toString(),
                 QStringLiteral("TSHIRT-RED-M"));
        QVERIFY(lines.at(0)[QLatin1String("remainingQuantity")].isDouble());
        QVERIFY(!lines.at(0).toObject().contains(QLatin1String("totalQuantity"))); // not asked
        const QJsonObject cost =
            r.json[QLatin1String("extensions")][QLatin1String("cost")].toObject();
        // Per order: 1 + (2 + 4 × (1 + 1 + 1 + (2 + 10 × 2 + 1)) + 1) = 108.
        QCOMPARE(cost[QLatin1String("requestedQueryCost")].toDouble(), 3 * 108.0);
        QVERIFY(cost[QLatin1String("actualQueryCost")].toDouble() < 60);

        // Asking for more than 1,000 points is refused before anything runs.
        QJsonArray many;
        for (int i = 0; i < 10; ++i)
            many.append(QStringLiteral("gid://shopify/Order/5001"));
        r = post(
            QStringLiteral("graphql.json"),
            QJsonObject{{QStringLiteral("query"), planning},
                        {QStringLiteral("variables"), QJsonObject{{QStringLiteral("ids"), many}}}});
        QCOMPARE(
            r.json[QLatin1String("errors")][0][QLatin1String("extensions")][QLatin1String("code")]
                .toString(),
            QStringLiteral("MAX_COST_EXCEEDED"));
        // Unknown fields are errors, as Shopify answers them.
        r = post(QStringLiteral("graphql.json"),
                 QJsonObject{{QStringLiteral("query"),
                              QStringLiteral("{ order(id: \"gid://shopify/Order/5001\") { id "
                                             "secret } }")}});
        QVERIFY(r.json[QLatin1String("errors")][0][QLatin1String("message")].toString().contains(
            QStringLiteral("secret")));
    }

    void heldFulfillmentOrdersShowAndRefuse()
    {
        start();
        const sandboxtest::Reply hold =
            m_client.json("POST",
                          m_server->baseUrl().resolved(
                              QUrl(QStringLiteral("/_sandbox/shopify/fulfillmentOrders"))),
                          QJsonObject{{QStringLiteral("shop"), QStringLiteral("acme")},
                                      {QStringLiteral("order"), 5003},
                                      {QStringLiteral("status"), QStringLiteral("on_hold")}});
        QCOMPARE(hold.status, 200);
        const QJsonObject fo = fulfillmentOrders(5003).first().toObject();
        QCOMPARE(fo[QLatin1String("status")].toString(), QStringLiteral("on_hold"));
        const sandboxtest::Reply refused =
            post(QStringLiteral("fulfillments.json"),
                 restBody({group(id(fo))}, QStringLiteral("UPS"), QStringLiteral("1Z")));
        QCOMPARE(refused.status, 422);
    }

    void accessToken()
    {
        start();
        const sandboxtest::Reply r =
            m_client.request("GET", url(QStringLiteral("orders/5001/fulfillment_orders.json")), {},
                             {{"X-Shopify-Access-Token", "shpat_wrong"}});
        QCOMPARE(r.status, 401);
        QCOMPARE(
            r.json[QLatin1String("errors")].toString(),
            QStringLiteral(
                "[API] Invalid API key or access token (unrecognized login or wrong password)"));
        QCOMPARE(r.json.size(), 1);
        QCOMPARE(m_client.request("GET", url(QStringLiteral("orders/5001/fulfillment_orders.json")))
                     .status,
                 401);
    }

    void restRateLimit()
    {
        QJsonObject s = sandboxtest::basicScenario();
        QJsonArray channels = s[QLatin1String("channels")].toArray();
        QJsonObject c = channels[0].toObject();
        c.insert(QStringLiteral("x-rateLimit"),
                 QJsonObject{{QStringLiteral("bucketSize"), 3},
                             {QStringLiteral("leakPerSecond"), 0.01}});
        channels[0] = c;
        s.insert(QStringLiteral("channels"), channels);
        start(s);
        for (int i = 1; i <= 3; ++i) {
            const sandboxtest::Reply r = get(QStringLiteral("orders/5001/fulfillments.json"));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.headers.value("x-shopify-shop-api-call-limit"),
                     QByteArray::number(i) + "/3");
        }
        sandboxtest::Reply r = get(QStringLiteral("orders/5001/fulfillments.json"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.headers.value("retry-after"), QByteArray("2.0"));
        QCOMPARE(r.headers.value("x-shopify-shop-api-call-limit"), QByteArray("3/3"));
        QCOMPARE(r.json[QLatin1String("errors")].toString(),
                 QStringLiteral("Exceeded 2 calls per second for api client. Reduce request rates "
                                "to resume uninterrupted service."));
        // Moving the sandbox clock drains the bucket.
        QCOMPARE(m_client
                     .json("POST",
                           m_server->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/clock"))),
                           QJsonObject{{QStringLiteral("advanceSeconds"), 200}})
                     .status,
                 200);
        r = get(QStringLiteral("orders/5001/fulfillments.json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("x-shopify-shop-api-call-limit"), QByteArray("2/3"));
        const QJsonObject counts =
            m_client
                .state(
                    *m_server)[QLatin1String("requests")][QLatin1String("byEndpoint")]
                              [QLatin1String("shopify.fulfillments.get")][QLatin1String("byStatus")]
                .toObject();
        QCOMPARE(counts[QLatin1String("429")].toInt(), 1);
        QCOMPARE(counts[QLatin1String("200")].toInt(), 4);
    }
};

QTEST_GUILESS_MAIN(TestSandboxShopify)
#include "tst_sandbox_shopify.moc"
