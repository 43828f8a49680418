// SuiteQL over real HTTP: the connector's queries and variants of them, NetSuite's envelope
// and value quirks, paging rules and the 100,000-row ceiling, kits, and the translator itself.

#include "sandbox/netsuite/suiteqltranslator.h"
#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync::sandbox;

namespace {

const QString kFulfillmentQuery = QStringLiteral(R"(
SELECT f.id AS if_id, f.tranid AS if_tranid, f.status AS if_status,
       TO_CHAR(f.lastmodifieddate, 'YYYY-MM-DD"T"HH24:MI:SS') AS if_lmd,
       TO_CHAR(f.trandate, 'YYYY-MM-DD') AS if_date,
       so.id AS so_id, so.tranid AS so_tranid, so.status AS so_status, TO_CHAR(so.trandate, 'YYYY-MM-DD') AS so_date,
       BUILTIN.DF(so.entity) AS customer, so.custbody_fa_channel AS channel,
       so.custbody_fa_channel_order AS channel_order, so.otherrefnum AS otherrefnum,
       fl.id AS if_line, ntll.previousline AS so_line, fl.item AS item, BUILTIN.DF(fl.item) AS item_name,
       ABS(fl.quantity) AS quantity, fl.location AS location, BUILTIN.DF(fl.location) AS location_name,
       ts.shippingmethod AS ship_method, BUILTIN.DF(ts.shippingmethod) AS ship_method_name,
       tn.id AS tracking_id, tn.trackingnumber AS tracking_number
FROM transaction f
JOIN NextTransactionLineLink ntll ON ntll.nextdoc = f.id AND ntll.linktype = 'ShipRcpt'
JOIN transactionline fl ON fl.transaction = f.id AND fl.id = ntll.nextline
JOIN transaction so ON so.id = ntll.previousdoc
LEFT JOIN TransactionShipment ts ON ts.doc = f.id
LEFT JOIN TrackingNumberMap tnm ON tnm.transaction = f.id
LEFT JOIN TrackingNumber tn ON tn.id = tnm.trackingnumber
WHERE f.type = 'ItemShip' AND f.void = 'F'
  AND %1
ORDER BY f.lastmodifieddate, f.id, fl.id, tn.id)");

const QString kWatermark = QStringLiteral(
    "f.lastmodifieddate >= TO_TIMESTAMP('2026-11-19 00:00:00', 'YYYY-MM-DD HH24:MI:SS')");

const QString kOrderQuery = QStringLiteral(R"(
SELECT so.id AS so_id, so.tranid AS so_tranid, so.status AS so_status, TO_CHAR(so.trandate, 'YYYY-MM-DD') AS so_date,
       TO_CHAR(so.lastmodifieddate, 'YYYY-MM-DD"T"HH24:MI:SS') AS so_lmd, BUILTIN.DF(so.entity) AS customer,
       so.custbody_fa_channel AS channel, so.custbody_fa_channel_order AS channel_order, so.otherrefnum AS otherrefnum,
       sl.id AS so_line, sl.item AS item, BUILTIN.DF(sl.item) AS item_name, ABS(sl.quantity) AS quantity,
       ABS(sl.quantityshiprecv) AS quantity_shipped
FROM transaction so
JOIN transactionline sl ON sl.transaction = so.id AND sl.mainline = 'F' AND sl.kitcomponent = 'F'
WHERE so.type = 'SalesOrd'
  AND so.lastmodifieddate >= TO_TIMESTAMP('2026-11-19 00:00:00', 'YYYY-MM-DD HH24:MI:SS')
ORDER BY so.lastmodifieddate, so.id, sl.id)");

QStringList column(const QJsonArray &items, const char *key)
{
    QStringList values;
    for (const QJsonValue &v : items)
        values << v[QLatin1String(key)].toString(QStringLiteral("<absent>"));
    return values;
}

QString detailOf(const sandboxtest::Reply &r)
{
    return r.json[QLatin1String("o:errorDetails")][0][QLatin1String("detail")].toString();
}

QString codeOf(const sandboxtest::Reply &r)
{
    return r.json[QLatin1String("o:errorDetails")][0][QLatin1String("o:errorCode")].toString();
}

} // namespace

class TestSandboxSuiteQl final : public QObject
{
    Q_OBJECT

    SandboxServer m_server;
    sandboxtest::Client m_client;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QJsonObject s = sandboxtest::basicScenario();
        // A kit order on top of basic.json: kit 600 = 1 x 501 + 2 x 502.
        QJsonObject ns = s[QLatin1String("netsuite")].toObject();
        QJsonArray items = ns[QLatin1String("items")].toArray();
        items.append(
            QJsonDocument::fromJson(
                R"({"id":600,"itemId":"GIFT-SET","type":"Kit","members":[{"item":501,"quantity":1},{"item":502,"quantity":2}]})")
                .object());
        ns.insert(QStringLiteral("items"), items);
        QJsonArray orders = ns[QLatin1String("salesOrders")].toArray();
        orders.append(
            QJsonDocument::fromJson(
                R"({"id":1006,"tranId":"SO1006","tranDate":"2026-11-10","customer":79,"channel":"Shopify","channelOrder":"5006","lines":[{"line":1,"item":600,"quantity":2,"location":1}]})")
                .object());
        ns.insert(QStringLiteral("salesOrders"), orders);
        QJsonArray fulfillments = ns[QLatin1String("itemFulfillments")].toArray();
        fulfillments.append(
            QJsonDocument::fromJson(
                R"({"id":2005,"createdFrom":1006,"tranDate":"2026-11-10","shipStatus":"C","lastModified":"2026-11-10T08:00:00Z","lines":[{"orderLine":1,"quantity":1}],"packages":[{"trackingNumber":"KIT1"}]})")
                .object());
        ns.insert(QStringLiteral("itemFulfillments"), fulfillments);
        s.insert(QStringLiteral("netsuite"), ns);
        QVERIFY2(m_server.loadScenario(s, &error), qPrintable(error));
        QVERIFY(m_server.listen(0) != 0);
    }

    void fulfillmentQuery()
    {
        const sandboxtest::Reply r = m_client.suiteQl(m_server, kFulfillmentQuery.arg(kWatermark));
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.json[QLatin1String("items")].toArray();
        QCOMPARE(column(items, "if_id"), (QStringList{"2001", "2001", "2002", "2003", "2003",
                                                      "2004", "2004", "2004", "2004"}));
        QCOMPARE(column(items, "if_line"),
                 (QStringList{"1", "2", "1", "1", "2", "1", "1", "2", "2"}));
        QCOMPARE(column(items, "tracking_number"),
                 (QStringList{"1Z999AA10123456784", "1Z999AA10123456784", "794698727210",
                              "<absent>", "<absent>", "1Z999AA10123456785", "1Z999AA10123456786",
                              "1Z999AA10123456785", "1Z999AA10123456786"}));
        const QJsonObject first = items[0].toObject();
        const QJsonObject expected =
            QJsonDocument::fromJson(R"({"links":[],"if_id":"2001","if_tranid":"IF2001",
            "if_status":"C","if_lmd":"2026-11-19T15:04:05","if_date":"2026-11-19","so_id":"1001","so_tranid":"SO1001",
            "so_status":"F","so_date":"2026-11-18","customer":"Ada Lovelace","channel":"Shopify","channel_order":"5001",
            "otherrefnum":"5001","if_line":"1","so_line":"1","item":"501","item_name":"TSHIRT-RED-M","quantity":"2",
            "location":"1","location_name":"Main Warehouse","ship_method":"12","ship_method_name":"UPS Ground",
            "tracking_id":"1","tracking_number":"1Z999AA10123456784"})")
                .object();
        QCOMPARE(first, expected);
        // NULL columns are left out of the item, not rendered as null.
        QVERIFY(!items[3].toObject().contains(QLatin1String("tracking_id")));
        QCOMPARE(items[3][QLatin1String("if_status")].toString(), QStringLiteral("A"));
        QCOMPARE(items[3][QLatin1String("so_status")].toString(), QStringLiteral("D"));
        QCOMPARE(r.json[QLatin1String("count")].toInt(), 9);
        QCOMPARE(r.json[QLatin1String("totalResults")].toInt(), 9);
        QCOMPARE(r.json[QLatin1String("hasMore")].toBool(), false);
        QCOMPARE(r.json[QLatin1String("offset")].toInt(), 0);
    }

    void fulfillmentQueryVariants()
    {
        // Keyset window the client uses to resume after a watermark tie.
        sandboxtest::Reply r = m_client.suiteQl(
            m_server, kFulfillmentQuery.arg(QStringLiteral(
                          "(f.lastmodifieddate > TO_TIMESTAMP('2026-11-19 16:10:00', 'YYYY-MM-DD "
                          "HH24:MI:SS') OR "
                          "(f.lastmodifieddate = TO_TIMESTAMP('2026-11-19 16:10:00', 'YYYY-MM-DD "
                          "HH24:MI:SS') AND f.id >= 2002))")));
        QCOMPARE(r.status, 200);
        QCOMPARE(column(r.json[QLatin1String("items")].toArray(), "if_id"),
                 (QStringList{"2002", "2003", "2003", "2004", "2004", "2004", "2004"}));
        r = m_client.suiteQl(
            m_server,
            kFulfillmentQuery.arg(
                kWatermark + QStringLiteral(" AND so.status IN ('D','E') AND f.status = 'C'")));
        QCOMPARE(column(r.json[QLatin1String("items")].toArray(), "if_id"), QStringList{"2002"});
        // Other column subsets, lower-case keys whatever the query wrote, display/compound values.
        r = m_client.suiteQl(
            m_server,
            QStringLiteral(
                "SELECT F.ID, BUILTIN.DF(f.Status) AS If_Status_Text, BUILTIN.CF(f.status) AS CF, "
                "BUILTIN.CF(so.status) so_cf, BUILTIN.DF(so.status) AS so_text, NVL(f.source, "
                "'n/a') AS src, "
                "BUILTIN.DF(m.createdfrom) AS created_from FROM TRANSACTION f "
                "JOIN transactionline m ON m.transaction = f.id AND m.mainline = 'T' "
                "JOIN Transaction so ON so.id = m.createdfrom "
                "WHERE f.type = 'ItemShip' AND f.id IN (2002, 2003) ORDER BY f.id DESC"));
        QCOMPARE(r.status, 200);
        const QJsonObject row = r.json[QLatin1String("items")][0].toObject();
        QCOMPARE(row[QLatin1String("id")].toString(), QStringLiteral("2003"));
        QCOMPARE(row[QLatin1String("if_status_text")].toString(),
                 QStringLiteral("Item Fulfillment : Picked"));
        QCOMPARE(row[QLatin1String("cf")].toString(), QStringLiteral("ItemShip:A"));
        QCOMPARE(row[QLatin1String("so_cf")].toString(), QStringLiteral("SalesOrd:D"));
        QCOMPARE(row[QLatin1String("so_text")].toString(),
                 QStringLiteral("Sales Order : Partially Fulfilled"));
        QCOMPARE(row[QLatin1String("src")].toString(), QStringLiteral("warehouse"));
        QCOMPARE(row[QLatin1String("created_from")].toString(),
                 QStringLiteral("Sales Order #SO1002"));
        // COUNT, the test-connection query.
        r = m_client.suiteQl(
            m_server,
            QStringLiteral("SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd'"));
        QCOMPARE(r.json[QLatin1String("items")][0][QLatin1String("n")].toString(),
                 QStringLiteral("6"));
    }

    void salesOrderQuery()
    {
        const sandboxtest::Reply r = m_client.suiteQl(m_server, kOrderQuery);
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.json[QLatin1String("items")].toArray();
        QCOMPARE(column(items, "so_id"),
                 (QStringList{"1003", "1004", "1001", "1001", "1002", "1002", "1005", "1005"}));
        QCOMPARE(column(items, "so_status"), (QStringList{"B", "C", "F", "F", "D", "D", "F", "F"}));
        QCOMPARE(column(items, "quantity_shipped"),
                 (QStringList{"0", "0", "2", "1", "2", "0", "1", "2"}));
        QCOMPARE(column(items, "so_lmd")[4], QStringLiteral("2026-11-20T09:00:00"));
        QCOMPARE(items[2][QLatin1String("item_name")].toString(), QStringLiteral("TSHIRT-RED-M"));
        QCOMPARE(items[2][QLatin1String("quantity")].toString(), QStringLiteral("2"));
        // Item lines carry negative quantities, as NetSuite stores them.
        const sandboxtest::Reply raw = m_client.suiteQl(
            m_server, QStringLiteral("SELECT quantity, mainline FROM transactionline WHERE "
                                     "transaction = 1001 ORDER BY id"));
        QCOMPARE(column(raw.json[QLatin1String("items")].toArray(), "quantity"),
                 (QStringList{"<absent>", "-2", "-1"}));
        QCOMPARE(column(raw.json[QLatin1String("items")].toArray(), "mainline"),
                 (QStringList{"T", "F", "F"}));
    }

    // A sales order's addresses as SuiteQL reads them: the customer's default unless the order
    // has its own, none when it has none (an old scenario file's orders), and the customer's
    // e-mail and phone.
    void addresses()
    {
        QJsonObject s = sandboxtest::basicScenario();
        QJsonObject ns = s[QLatin1String("netsuite")].toObject();
        QJsonArray orders = ns[QLatin1String("salesOrders")].toArray();
        QJsonObject own = orders[0].toObject(); // SO1001, Ada's
        own.insert(QStringLiteral("shipTo"),
                   QJsonObject{{QStringLiteral("addressee"), QStringLiteral("Byron House")},
                               {QStringLiteral("addr1"), QStringLiteral("1 Piccadilly")},
                               {QStringLiteral("city"), QStringLiteral("London")},
                               {QStringLiteral("zip"), QStringLiteral("W1J 0DA")},
                               {QStringLiteral("country"), QStringLiteral("GB")}});
        orders[0] = own;
        QJsonObject none = orders[1].toObject(); // SO1002, Grace's
        none.insert(QStringLiteral("shipTo"), QJsonValue::Null);
        orders[1] = none;
        ns.insert(QStringLiteral("salesOrders"), orders);
        s.insert(QStringLiteral("netsuite"), ns);
        SandboxServer server;
        QString error;
        QVERIFY2(server.loadScenario(s, &error), qPrintable(error));
        QVERIFY(server.listen(0) != 0);
        const sandboxtest::Reply r = m_client.suiteQl(
            server,
            QStringLiteral(
                "SELECT so.id AS so_id, sa.addr1 AS ship_addr1, sa.attention AS ship_attention, "
                "sa.country AS ship_country, ba.city AS bill_city, c.email AS customer_email, "
                "c.phone AS customer_phone FROM transaction so LEFT JOIN customer c ON c.id = "
                "so.entity LEFT JOIN TransactionShippingAddress sa ON sa.nkey = "
                "so.shippingaddress LEFT JOIN TransactionBillingAddress ba ON ba.nkey = "
                "so.billingaddress WHERE so.type = 'SalesOrd' ORDER BY so.id"));
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.json[QLatin1String("items")].toArray();
        QCOMPARE(column(items, "so_id"), (QStringList{"1001", "1002", "1003", "1004", "1005"}));
        QCOMPARE(column(items, "ship_addr1"),
                 (QStringList{"1 Piccadilly", "<absent>", "The Mansion", "12 St James's Square",
                              "1 Navy Pier"}));
        QCOMPARE(column(items, "ship_attention"),
                 (QStringList{"<absent>", "<absent>", "Alan Turing", "<absent>", "<absent>"}));
        QCOMPARE(column(items, "ship_country")[2], QStringLiteral("GB"));
        // The bill-to stays the customer's default where only the ship-to was given.
        QCOMPARE(column(items, "bill_city"),
                 (QStringList{"London", "Arlington", "Milton Keynes", "London", "Arlington"}));
        QCOMPARE(column(items, "customer_email")[2], QStringLiteral("alan@example.com"));
        QCOMPARE(column(items, "customer_phone")[1], QStringLiteral("555-0178"));
    }

    void kits()
    {
        sandboxtest::Reply r = m_client.suiteQl(
            m_server, QStringLiteral("SELECT id, item, ABS(quantity) AS q, kitcomponent, "
                                     "kitmemberof, createdfrom FROM transactionline "
                                     "WHERE transaction = 2005 ORDER BY id"));
        QCOMPARE(r.status, 200);
        const QJsonArray lines = r.json[QLatin1String("items")].toArray();
        QCOMPARE(column(lines, "item"), (QStringList{"<absent>", "600", "501", "502"}));
        QCOMPARE(column(lines, "q"), (QStringList{"<absent>", "1", "1", "2"}));
        QCOMPARE(column(lines, "kitcomponent"), (QStringList{"F", "F", "T", "T"}));
        QCOMPARE(column(lines, "kitmemberof"), (QStringList{"<absent>", "<absent>", "1", "1"}));
        QCOMPARE(column(lines, "createdfrom"), (QStringList{"1006", "1006", "1006", "1006"}));
        // Only the kit's own line is linked to the order line.
        r = m_client.suiteQl(
            m_server,
            QStringLiteral(
                "SELECT previousline, nextline FROM NextTransactionLineLink WHERE nextdoc = 2005"));
        QCOMPARE(r.json[QLatin1String("count")].toInt(), 1);
        QCOMPARE(r.json[QLatin1String("items")][0][QLatin1String("nextline")].toString(),
                 QStringLiteral("1"));
        // The order is partially fulfilled (1 of 2 kits) and its query row skips components.
        r = m_client.suiteQl(
            m_server,
            QString(kOrderQuery).replace(QLatin1String("2026-11-19"), QLatin1String("2026-11-01")));
        QStringList ids = column(r.json[QLatin1String("items")].toArray(), "so_id");
        QCOMPARE(ids.count(QStringLiteral("1006")), 1);
        QCOMPARE(r.json[QLatin1String("items")][0][QLatin1String("so_status")].toString(),
                 QStringLiteral("D"));
    }

    void paging()
    {
        sandboxtest::Reply r =
            m_client.suiteQl(m_server, kOrderQuery, QStringLiteral("limit=3&offset=0"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("count")].toInt(), 3);
        QCOMPARE(r.json[QLatin1String("totalResults")].toInt(), 8);
        QCOMPARE(r.json[QLatin1String("hasMore")].toBool(), true);
        QStringList rels;
        for (const QJsonValue &l : r.json[QLatin1String("links")].toArray())
            rels << l[QLatin1String("rel")].toString();
        QCOMPARE(rels, (QStringList{"next", "last", "self"}));
        QVERIFY(r.json[QLatin1String("links")][0][QLatin1String("href")].toString().endsWith(
            QLatin1String("/services/rest/query/v1/suiteql?limit=3&offset=3")));
        QVERIFY(r.json[QLatin1String("links")][1][QLatin1String("href")].toString().endsWith(
            QLatin1String("offset=6")));
        r = m_client.suiteQl(m_server, kOrderQuery, QStringLiteral("limit=3&offset=6"));
        QCOMPARE(r.json[QLatin1String("count")].toInt(), 2);
        QCOMPARE(r.json[QLatin1String("offset")].toInt(), 6);
        QCOMPARE(r.json[QLatin1String("hasMore")].toBool(), false);
        QCOMPARE(column(r.json[QLatin1String("items")].toArray(), "so_id"),
                 (QStringList{"1005", "1005"}));
        rels.clear();
        for (const QJsonValue &l : r.json[QLatin1String("links")].toArray())
            rels << l[QLatin1String("rel")].toString();
        QCOMPARE(rels, (QStringList{"previous", "first", "self"}));
        // Default limit is 1000 when none is given.
        r = m_client.suiteQl(m_server, kOrderQuery, QString());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("count")].toInt(), 8);
    }

    void pagingRules_data()
    {
        QTest::addColumn<QString>("paging");
        QTest::addColumn<QString>("detailPart");
        QTest::newRow("limit above 1000")
            << QStringLiteral("limit=1001&offset=0") << QStringLiteral("'limit'");
        QTest::newRow("limit zero")
            << QStringLiteral("limit=0&offset=0") << QStringLiteral("'limit'");
        QTest::newRow("offset not a multiple")
            << QStringLiteral("limit=3&offset=4") << QStringLiteral("multiple of the limit");
        QTest::newRow("negative offset")
            << QStringLiteral("limit=10&offset=-10") << QStringLiteral("'offset'");
        QTest::newRow("100k ceiling")
            << QStringLiteral("limit=1000&offset=100000") << QStringLiteral("100000");
        QTest::newRow("beyond the ceiling")
            << QStringLiteral("limit=500&offset=250000") << QStringLiteral("100000");
    }

    void pagingRules()
    {
        QFETCH(QString, paging);
        QFETCH(QString, detailPart);
        const sandboxtest::Reply r = m_client.suiteQl(m_server, kOrderQuery, paging);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json[QLatin1String("status")].toInt(), 400);
        QCOMPARE(r.json[QLatin1String("title")].toString(), QStringLiteral("Bad Request"));
        QCOMPARE(codeOf(r), QStringLiteral("INVALID_PARAMETER"));
        QVERIFY2(detailOf(r).contains(detailPart), qPrintable(detailOf(r)));
    }

    void badQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("detailPart");
        QTest::newRow("unknown column") << QStringLiteral("SELECT f.nosuchfield FROM transaction f")
                                        << QStringLiteral("nosuchfield");
        QTest::newRow("unknown table")
            << QStringLiteral("SELECT id FROM salesorders") << QStringLiteral("salesorders");
        QTest::newRow("write") << QStringLiteral("DELETE FROM transaction")
                               << QStringLiteral("read-only");
        QTest::newRow("two statements")
            << QStringLiteral("SELECT 1 AS a FROM transaction; SELECT 2 AS b FROM transaction")
            << QStringLiteral("';'");
        QTest::newRow("LIMIT") << QStringLiteral("SELECT id FROM transaction LIMIT 5")
                               << QStringLiteral("LIMIT");
        QTest::newRow("unknown function")
            << QStringLiteral("SELECT FOO(id) AS x FROM transaction") << QStringLiteral("FOO");
        QTest::newRow("internal table")
            << QStringLiteral("SELECT * FROM _sbx_label") << QStringLiteral("_sbx_label");
        QTest::newRow("syntax") << QStringLiteral("SELECT id FROM transaction WHERE (")
                                << QStringLiteral("Search error occurred");
        QTest::newRow("unterminated string")
            << QStringLiteral("SELECT id FROM transaction WHERE tranid = 'x")
            << QStringLiteral("unterminated");
        QTest::newRow("bad date") << QStringLiteral("SELECT id FROM transaction WHERE trandate > "
                                                    "TO_DATE('19.11.2026', 'YYYY-MM-DD')")
                                  << QStringLiteral("does not match");
    }

    void badQueries()
    {
        QFETCH(QString, query);
        QFETCH(QString, detailPart);
        const sandboxtest::Reply r = m_client.suiteQl(m_server, query);
        QCOMPARE(r.status, 400);
        QCOMPARE(codeOf(r), QStringLiteral("INVALID_PARAMETER"));
        QVERIFY2(detailOf(r).startsWith(QLatin1String(
                     "Invalid search query. Detailed unprocessed description follows.")),
                 qPrintable(detailOf(r)));
        QVERIFY2(detailOf(r).contains(detailPart), qPrintable(detailOf(r)));
        // Read-only: the data is still there.
        QCOMPARE(m_client.suiteQl(m_server, QStringLiteral("SELECT COUNT(*) AS n FROM transaction"))
                     .json[QLatin1String("items")][0][QLatin1String("n")]
                     .toString(),
                 QStringLiteral("11"));
    }

    void requestRules()
    {
        // Content-Type must be JSON.
        const auto c = m_server.credentials();
        QUrl url = m_server.netSuiteBaseUrl();
        url.setPath(QStringLiteral("/services/rest/query/v1/suiteql"));
        url.setQuery(QStringLiteral("limit=5&offset=0"));
        const QByteArray auth = sandboxtest::tbaHeader(
            "POST", url, c.accountId, c.consumerKey, c.consumerSecret, c.tokenId, c.tokenSecret,
            sandboxtest::randomNonce(), QDateTime::currentSecsSinceEpoch());
        sandboxtest::Reply r =
            m_client.request("POST", url, R"({"q":"SELECT id FROM transaction"})",
                             {{"Authorization", auth}, {"Content-Type", "text/plain"}});
        QCOMPARE(r.status, 415);
        // Prefer: transient is optional.
        r = m_client.suiteQl(m_server, QStringLiteral("SELECT id FROM transaction ORDER BY id"),
                             QStringLiteral("limit=5&offset=0"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("count")].toInt(), 5);
        // A body without q.
        const QByteArray auth2 = sandboxtest::tbaHeader(
            "POST", url, c.accountId, c.consumerKey, c.consumerSecret, c.tokenId, c.tokenSecret,
            sandboxtest::randomNonce(), QDateTime::currentSecsSinceEpoch());
        r = m_client.request("POST", url, R"({"query":"SELECT id FROM transaction"})",
                             {{"Authorization", auth2}, {"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
    }

    void translator()
    {
        const SuiteQlTranslator t(QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC));
        QString sql, error;
        QVERIFY(
            t.translate(QStringLiteral("SELECT T.Id FROM Transaction t WHERE t.trandate < SYSDATE"),
                        &sql, &error));
        QCOMPARE(sql, QStringLiteral("SELECT \"t\".\"id\" FROM \"transaction\" \"t\" WHERE "
                                     "\"t\".\"trandate\" < '2026-11-20 12:00:00'"));
        QVERIFY(t.translate(
            QStringLiteral("SELECT TO_CHAR(x.d, 'YYYY-MM-DD\"T\"HH24:MI:SS') AS a FROM t x"), &sql,
            &error));
        QVERIFY2(sql.contains(QLatin1String("strftime('%Y-%m-%dT%H:%M:%S', \"x\".\"d\")")),
                 qPrintable(sql));
        QVERIFY(t.translate(QStringLiteral("SELECT id FROM t WHERE d >= TO_DATE('2026-11-19', "
                                           "'YYYY-MM-DD') AND tranid = 'it''s'"),
                            &sql, &error));
        QVERIFY2(sql.contains(QLatin1String(">= '2026-11-19 00:00:00'")), qPrintable(sql));
        QVERIFY2(sql.contains(QLatin1String("'it''s'")), qPrintable(sql));
        QVERIFY(
            t.translate(QStringLiteral("SELECT NVL(a, 0), DECODE(s, 'A', 1, 2) FROM t -- comment"),
                        &sql, &error));
        QVERIFY2(sql.contains(QLatin1String("IFNULL(\"a\", 0)")), qPrintable(sql));
        QVERIFY2(sql.contains(QLatin1String("CASE \"s\" WHEN 'A' THEN 1 ELSE 2 END")),
                 qPrintable(sql));
        QVERIFY(!t.translate(QStringLiteral("UPDATE transaction SET status = 'C'"), &sql, &error));
        QVERIFY(!t.translate(QStringLiteral("SELECT id FROM t WHERE x = ?"), &sql, &error));
        QVERIFY(!t.translate(QString(), &sql, &error));
    }
};

QTEST_GUILESS_MAIN(TestSandboxSuiteQl)
#include "tst_sandbox_suiteql.moc"
