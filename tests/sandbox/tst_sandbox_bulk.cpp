// Shopify bulk query operations and orders(query:) over real HTTP (issue 23): the mutation and
// its cost, the rules a bulk query must follow, one at a time per shop, status polling, the JSONL
// file with __parentId lines at a signed address (no token), failures with their error codes and
// partial data, and the search filter on orders.

#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync::sandbox;

namespace {
const QString kExport = QStringLiteral(
    "{ orders(query: \"updated_at:>='2000-01-01'\") { edges { node { id cancelledAt closed "
    "fulfillments { id status trackingInfo { number } fulfillmentLineItems { edges { node { id "
    "quantity lineItem { sku } } } } } } } } }");
} // namespace

class TestSandboxBulk final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    sandboxtest::Client m_client;

    QUrl url(const QString &rest) const
    {
        QUrl u = m_server->shopifyBaseUrl(QStringLiteral("acme"));
        u.setPath(u.path() + rest);
        return u;
    }

    sandboxtest::Reply graphql(const QString &query, const QJsonObject &variables = {})
    {
        return m_client.json(
            "POST", url(QStringLiteral("/admin/api/2024-10/graphql.json")),
            {{QStringLiteral("query"), query}, {QStringLiteral("variables"), variables}},
            {{"X-Shopify-Access-Token", "shpat_demo_token"}});
    }

    QJsonObject runBulk(const QString &query)
    {
        return graphql(QStringLiteral("mutation Run($q: String!) { bulkOperationRunQuery(query: "
                                      "$q) { bulkOperation { id status } userErrors { field "
                                      "message code } } }"),
                       {{QStringLiteral("q"), query}})
            .json;
    }

    QJsonObject poll(const QString &gid)
    {
        return graphql(QStringLiteral("query P($id: ID!) { node(id: $id) { ... on BulkOperation "
                                      "{ id status errorCode objectCount url partialDataUrl } } }"),
                       {{QStringLiteral("id"), gid}})
            .json[QLatin1String("data")][QLatin1String("node")]
            .toObject();
    }

    void control(const QString &path, const QJsonObject &body)
    {
        QCOMPARE(m_client.json("POST", url(QStringLiteral("/_sandbox/") + path), body).status, 200);
    }

    // Fulfils the whole of an order's fulfillment order with one tracking number.
    void fulfil(qint64 order, const QString &tracking)
    {
        const sandboxtest::Reply fos = m_client.request(
            "GET",
            url(QStringLiteral("/admin/api/2024-10/orders/%1/fulfillment_orders.json").arg(order)),
            {}, {{"X-Shopify-Access-Token", "shpat_demo_token"}});
        const qint64 fo =
            fos.json[QLatin1String("fulfillment_orders")][0][QLatin1String("id")].toInteger();
        const QJsonObject body{
            {QStringLiteral("fulfillment"),
             QJsonObject{{QStringLiteral("line_items_by_fulfillment_order"),
                          QJsonArray{QJsonObject{{QStringLiteral("fulfillment_order_id"), fo}}}},
                         {QStringLiteral("tracking_info"),
                          QJsonObject{{QStringLiteral("number"), tracking}}}}}};
        QCOMPARE(m_client
                     .json("POST", url(QStringLiteral("/admin/api/2024-10/fulfillments.json")),
                           body, {{"X-Shopify-Access-Token", "shpat_demo_token"}})
                     .status,
                 201);
    }

    QJsonObject waitFinished(const QString &gid)
    {
        QJsonObject op;
        for (int i = 0; i < 100; ++i) {
            op = poll(gid);
            if (op.value(QLatin1String("status")).toString() != u"RUNNING")
                break;
            QTest::qWait(20);
        }
        return op;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QString error;
        QVERIFY2(m_server->loadScenario(sandboxtest::basicScenario(), &error), qPrintable(error));
        QVERIFY(m_server->listen(0) != 0);
    }

    void aBulkQueryServesJsonlWithParentIds()
    {
        fulfil(5001, QStringLiteral("1ZBULK1"));
        const QJsonObject started = runBulk(kExport);
        QCOMPARE(started[QLatin1String("extensions")][QLatin1String("cost")]
                        [QLatin1String("actualQueryCost")]
                            .toDouble(),
                 10.0);
        const QJsonObject payload =
            started[QLatin1String("data")][QLatin1String("bulkOperationRunQuery")].toObject();
        QCOMPARE(payload[QLatin1String("userErrors")].toArray().size(), 0);
        const QString gid = payload[QLatin1String("bulkOperation")][QLatin1String("id")].toString();
        QVERIFY(gid.startsWith(QStringLiteral("gid://shopify/BulkOperation/")));
        const QJsonObject done = waitFinished(gid);
        QCOMPARE(done[QLatin1String("status")].toString(), QStringLiteral("COMPLETED"));
        const QString fileUrl = done[QLatin1String("url")].toString();
        QVERIFY(!fileUrl.isEmpty());
        // The file needs no token; its signature is the key.
        const sandboxtest::Reply file = m_client.request("GET", QUrl(fileUrl));
        QCOMPARE(file.status, 200);
        QVERIFY(file.body.endsWith('\n'));
        const QList<QByteArray> lines = file.body.trimmed().split('\n');
        QCOMPARE(done[QLatin1String("objectCount")].toString().toInt(), lines.size());
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first[QLatin1String("id")].toString(), QStringLiteral("gid://shopify/Order/5001"));
        const QJsonObject fulfillment = first[QLatin1String("fulfillments")][0].toObject();
        QCOMPARE(fulfillment[QLatin1String("trackingInfo")][0][QLatin1String("number")].toString(),
                 QStringLiteral("1ZBULK1"));
        QVERIFY(!fulfillment.contains(QLatin1String("fulfillmentLineItems"))); // its own lines
        const QJsonObject child = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(child[QLatin1String("__parentId")].toString(),
                 fulfillment[QLatin1String("id")].toString());
        QVERIFY(child[QLatin1String("quantity")].toInt() > 0);
        int orders = 0;
        for (const QByteArray &line : lines)
            orders += QJsonDocument::fromJson(line).object().contains(QLatin1String("__parentId"))
                          ? 0
                          : 1;
        QCOMPARE(orders, 5); // every order of basic.json, children after their parents
        QUrl forged(fileUrl);
        forged.setQuery(QStringLiteral("signature=0"));
        QCOMPARE(m_client.request("GET", forged).status, 403);
    }

    void oneBulkQueryAtATimeWithItsProgress()
    {
        control(QStringLiteral("bulk"), {{QStringLiteral("objectsPerSecond"), 2}});
        const QString gid =
            runBulk(kExport)[QLatin1String("data")][QLatin1String("bulkOperationRunQuery")]
                            [QLatin1String("bulkOperation")][QLatin1String("id")]
                                .toString();
        const QJsonObject second =
            runBulk(kExport)[QLatin1String("data")][QLatin1String("bulkOperationRunQuery")]
                .toObject();
        QVERIFY(second[QLatin1String("bulkOperation")].isNull());
        QCOMPARE(second[QLatin1String("userErrors")][0][QLatin1String("code")].toString(),
                 QStringLiteral("OPERATION_IN_PROGRESS"));
        const QJsonObject running =
            graphql(QStringLiteral("{ currentBulkOperation { id status objectCount url } }"))
                .json[QLatin1String("data")][QLatin1String("currentBulkOperation")]
                .toObject();
        QCOMPARE(running[QLatin1String("id")].toString(), gid);
        QCOMPARE(running[QLatin1String("status")].toString(), QStringLiteral("RUNNING"));
        QVERIFY(running[QLatin1String("url")].isNull());
    }

    void aBulkQueryFollowsShopifysRules()
    {
        const auto code = [this](const QString &query) {
            const QJsonObject payload =
                runBulk(query)[QLatin1String("data")][QLatin1String("bulkOperationRunQuery")]
                    .toObject();
            return payload[QLatin1String("userErrors")][0][QLatin1String("message")].toString();
        };
        QVERIFY(code(QStringLiteral("{ nodes(ids: [\"gid://shopify/Order/5001\"]) { id } }"))
                    .contains(QStringLiteral("node")));
        QVERIFY(code(QStringLiteral("{ order(id: \"gid://shopify/Order/5001\") { id } }"))
                    .contains(QStringLiteral("connection")));
        // Three levels of connections: orders > fulfillmentOrders > lineItems.
        QVERIFY(code(QStringLiteral("{ orders { edges { node { id fulfillmentOrders { edges { "
                                    "node { id lineItems { edges { node { id } } } } } } } } } }"))
                    .contains(QStringLiteral("nesting depth")));
        QVERIFY(code(QStringLiteral("{ orders { edges { node { id colour } } } }"))
                    .contains(QStringLiteral("colour")));
    }

    void aFailedBulkQuerySaysWhy()
    {
        control(QStringLiteral("bulk"),
                {{QStringLiteral("failNext"), QStringLiteral("ACCESS_DENIED")}});
        QString gid =
            runBulk(kExport)[QLatin1String("data")][QLatin1String("bulkOperationRunQuery")]
                            [QLatin1String("bulkOperation")][QLatin1String("id")]
                                .toString();
        QJsonObject op = waitFinished(gid);
        QCOMPARE(op[QLatin1String("status")].toString(), QStringLiteral("FAILED"));
        QCOMPARE(op[QLatin1String("errorCode")].toString(), QStringLiteral("ACCESS_DENIED"));
        QVERIFY(op[QLatin1String("url")].isNull() && op[QLatin1String("partialDataUrl")].isNull());

        control(QStringLiteral("bulk"),
                {{QStringLiteral("failNext"), QStringLiteral("INTERNAL_SERVER_ERROR")}});
        gid = runBulk(kExport)[QLatin1String("data")][QLatin1String("bulkOperationRunQuery")]
                              [QLatin1String("bulkOperation")][QLatin1String("id")]
                                  .toString();
        op = waitFinished(gid);
        QCOMPARE(op[QLatin1String("errorCode")].toString(),
                 QStringLiteral("INTERNAL_SERVER_ERROR"));
        const sandboxtest::Reply partial =
            m_client.request("GET", QUrl(op[QLatin1String("partialDataUrl")].toString()));
        QCOMPARE(partial.status, 200);
        QVERIFY(!partial.body.isEmpty());
        QVERIFY(partial.body.count('\n') < 5); // part of the five orders' lines
    }

    void ordersAreFilteredAndPaged()
    {
        const auto ids = [this](const QString &search, int first = 10, const QString &after = {}) {
            const QJsonObject orders =
                graphql(QStringLiteral("query O($q: String, $after: String) { orders(first: %1, "
                                       "query: $q, after: $after) { pageInfo { hasNextPage "
                                       "endCursor } nodes { id } } }")
                            .arg(first),
                        {{QStringLiteral("q"), search},
                         {QStringLiteral("after"),
                          after.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(after)}})
                    .json[QLatin1String("data")][QLatin1String("orders")]
                    .toObject();
            QStringList list;
            for (const QJsonValue &n : orders[QLatin1String("nodes")].toArray())
                list << n[QLatin1String("id")].toString().section(u'/', -1);
            if (orders[QLatin1String("pageInfo")][QLatin1String("hasNextPage")].toBool())
                list
                    << QStringLiteral("more:") +
                           orders[QLatin1String("pageInfo")][QLatin1String("endCursor")].toString();
            return list;
        };
        QCOMPARE(ids(QStringLiteral("id:>=5004")),
                 (QStringList{QStringLiteral("5004"), QStringLiteral("5005")}));
        QCOMPARE(ids(QStringLiteral("id:5001 OR id:5003")),
                 (QStringList{QStringLiteral("5001"), QStringLiteral("5003")}));
        QCOMPARE(ids(QStringLiteral("updated_at:>='2999-01-01'")), QStringList());
        QCOMPARE(ids({}, 2), (QStringList{QStringLiteral("5001"), QStringLiteral("5002"),
                                          QStringLiteral("more:1")}));
        QCOMPARE(ids({}, 2, QStringLiteral("1")),
                 (QStringList{QStringLiteral("5003"), QStringLiteral("5004"),
                              QStringLiteral("more:3")}));
    }
};

QTEST_GUILESS_MAIN(TestSandboxBulk)
#include "tst_sandbox_bulk.moc"
