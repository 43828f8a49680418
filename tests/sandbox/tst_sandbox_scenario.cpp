// Scenario loading: every field of scenario-format.md, errors that name the JSON path, nothing
// half-loaded; and the sales order status NetSuite would show.

#include "sandbox/scenario/demogenerator.h"
#include "sandbox/scenario/scenarioloader.h"
#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTest>

using namespace fulfillsync::sandbox;

namespace {

// Sets (or, with an undefined value, removes) the value at a path like "a.b[2].c".
QJsonValue setAt(const QJsonValue &node, QStringList parts, const QJsonValue &value)
{
    const QString head = parts.takeFirst();
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^([^\\[]*)((?:\\[\\d+\\])*)$")).match(head);
    QString key = m.captured(1);
    QList<int> indexes;
    for (const auto &i :
         QRegularExpression(QStringLiteral("\\[(\\d+)\\]")).globalMatch(m.captured(2)))
        indexes << i.captured(1).toInt();
    std::function<QJsonValue(const QJsonValue &, int)> descend = [&](const QJsonValue &v,
                                                                     int level) -> QJsonValue {
        if (level == indexes.size())
            return parts.isEmpty() ? value : setAt(v, parts, value);
        QJsonArray a = v.toArray();
        a[indexes[level]] = descend(a[indexes[level]], level + 1);
        return a;
    };
    QJsonObject o = node.toObject();
    const QJsonValue inner = descend(o.value(key), 0);
    if (inner.isUndefined())
        o.remove(key);
    else
        o.insert(key, inner);
    return o;
}

QJsonObject with(const QString &path, const QJsonValue &value)
{
    return setAt(sandboxtest::basicScenario(), path.split(QLatin1Char('.')), value).toObject();
}

QJsonObject salesOrder(const QJsonObject &state, qint64 id)
{
    for (const QJsonValue &v :
         state[QLatin1String("netsuite")][QLatin1String("salesOrders")].toArray())
        if (v[QLatin1String("id")].toInteger() == id)
            return v.toObject();
    return {};
}

} // namespace

class TestSandboxScenario final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsTheBasicScenario()
    {
        SandboxServer server;
        QString error;
        QVERIFY2(server.loadScenario(sandboxtest::basicScenario(), &error), qPrintable(error));
        const QJsonObject state = server.state();
        QCOMPARE(state[QLatin1String("netsuite")][QLatin1String("salesOrders")].toArray().size(),
                 5);
        QCOMPARE(
            state[QLatin1String("netsuite")][QLatin1String("itemFulfillments")].toArray().size(),
            4);
        QCOMPARE(state[QLatin1String("now")].toString(), QStringLiteral("2026-11-20T12:00:00Z"));
        const SandboxCredentials c = server.credentials();
        QCOMPARE(c.accountId, QStringLiteral("1234567_SB1"));
        QCOMPARE(c.shops.size(), 1);
        QCOMPARE(c.shops[0].shop, QStringLiteral("acme"));
        QCOMPARE(c.shops[0].accessToken, QStringLiteral("shpat_demo_token"));
        QCOMPARE(c.shops[0].channel, QStringLiteral("Shopify"));
        QCOMPARE(c.shops[0].name, QStringLiteral("main-store"));
        // One open fulfillment order per channel order, at its location.
        const QJsonArray orders =
            state[QLatin1String("channels")][0][QLatin1String("orders")].toArray();
        QCOMPARE(orders.size(), 5);
        const QJsonArray fos = orders[1][QLatin1String("fulfillmentOrders")].toArray();
        QCOMPARE(fos.size(), 1);
        QCOMPARE(fos[0][QLatin1String("status")].toString(), QStringLiteral("open"));
        QCOMPARE(fos[0][QLatin1String("locationId")].toInteger(), 7001);
        QCOMPARE(
            fos[0][QLatin1String("lineItems")][0][QLatin1String("fulfillableQuantity")].toInt(), 3);
    }

    void derivesSalesOrderStatus()
    {
        SandboxServer server;
        QString error;
        QVERIFY(server.loadScenario(sandboxtest::basicScenario(), &error));
        const QJsonObject state = server.state();
        // 1001 fully shipped with Advanced Shipping -> F; 1002 shipped 2 of 3 (its picked IF
        // does not count) -> D; 1003 nothing -> B; 1004 explicit C; 1005 fully shipped -> F.
        QCOMPARE(salesOrder(state, 1001)[QLatin1String("status")].toString(), QStringLiteral("F"));
        QCOMPARE(salesOrder(state, 1002)[QLatin1String("status")].toString(), QStringLiteral("D"));
        QCOMPARE(salesOrder(state, 1003)[QLatin1String("status")].toString(), QStringLiteral("B"));
        QCOMPARE(salesOrder(state, 1004)[QLatin1String("status")].toString(), QStringLiteral("C"));
        QCOMPARE(salesOrder(state, 1005)[QLatin1String("status")].toString(), QStringLiteral("F"));
        QCOMPARE(salesOrder(state, 1002)[QLatin1String("statusText")].toString(),
                 QStringLiteral("Sales Order : Partially Fulfilled"));
        // lastModified follows the latest fulfillment of the order.
        QCOMPARE(salesOrder(state, 1005)[QLatin1String("lastModified")].toString(),
                 QStringLiteral("2026-11-20T10:30:00Z"));
        QCOMPARE(salesOrder(state, 1003)[QLatin1String("lastModified")].toString(),
                 QStringLiteral("2026-11-19T00:00:00Z"));
    }

    void statusSwitches()
    {
        SandboxServer server;
        QString error;
        // Picked/packed counts: 1002 is then complete (2 shipped + 1 picked on line 1, 1 picked
        // on line 2) -> F.
        QVERIFY(server.loadScenario(
            with(QStringLiteral("netsuite.features.pickedCountsTowardStatus"), true), &error));
        QCOMPARE(salesOrder(server.state(), 1002)[QLatin1String("status")].toString(),
                 QStringLiteral("F"));
        // Without Advanced Shipping a fully shipped order is billed at once -> G.
        QVERIFY(server.loadScenario(
            with(QStringLiteral("netsuite.features.advancedShipping"), false), &error));
        QCOMPARE(salesOrder(server.state(), 1001)[QLatin1String("status")].toString(),
                 QStringLiteral("G"));
        QCOMPARE(salesOrder(server.state(), 1002)[QLatin1String("status")].toString(),
                 QStringLiteral("D"));
        // An explicit status wins even when it disagrees with the fulfillments.
        QVERIFY(server.loadScenario(
            with(QStringLiteral("netsuite.salesOrders[0].status"), QStringLiteral("B")), &error));
        QCOMPARE(salesOrder(server.state(), 1001)[QLatin1String("status")].toString(),
                 QStringLiteral("B"));
    }

    void rejectsBadFields_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *path, const QJsonValue &v,
                      const char *expected) {
            QTest::newRow(name) << QString::fromLatin1(path) << v << QString::fromLatin1(expected);
        };
        row("quantity type", "netsuite.salesOrders[2].lines[0].quantity", QStringLiteral("4"),
            "netsuite.salesOrders[2].lines[0].quantity: expected a number");
        row("quantity zero", "netsuite.salesOrders[0].lines[1].quantity", 0,
            "netsuite.salesOrders[0].lines[1].quantity: must be greater than 0");
        row("missing accountId", "netsuite.accountId", QJsonValue(QJsonValue::Undefined),
            "netsuite.accountId: is required");
        row("bad format", "format", QStringLiteral("fulfillsync-scenario/2"), "format: expected");
        row("unknown top-level key", "extras", true, "extras: unknown key");
        row("unknown netsuite key", "netsuite.salesOrder", QJsonArray(),
            "netsuite.salesOrder: unknown key");
        row("bad now", "now", QStringLiteral("yesterday"), "now: expected an ISO-8601 time");
        row("createdFrom not a sales order", "netsuite.itemFulfillments[1].createdFrom", 2001,
            "netsuite.itemFulfillments[1].createdFrom: refers to 2001, which is not a sales order");
        row("unknown item", "netsuite.salesOrders[1].lines[1].item", 999,
            "netsuite.salesOrders[1].lines[1].item: refers to unknown item 999");
        row("unknown customer", "netsuite.salesOrders[0].customer", 5,
            "netsuite.salesOrders[0].customer: refers to unknown customer 5");
        row("unknown ship method", "netsuite.itemFulfillments[0].shipMethod", 99,
            "netsuite.itemFulfillments[0].shipMethod: refers to unknown ship method 99");
        row("package without tracking number",
            "netsuite.itemFulfillments[3].packages[1].trackingNumber",
            QJsonValue(QJsonValue::Undefined),
            "netsuite.itemFulfillments[3].packages[1].trackingNumber: is required");
        row("fulfillment of a missing order line",
            "netsuite.itemFulfillments[0].lines[1].orderLine", 7,
            "netsuite.itemFulfillments[0].lines[1].orderLine: sales order 1001 has no line 7");
        row("over-fulfilment", "netsuite.itemFulfillments[0].lines[0].quantity", 3,
            "netsuite.itemFulfillments[0].lines[0].quantity: fulfils 3 of order line 1");
        row("bad ship status", "netsuite.itemFulfillments[2].shipStatus", QStringLiteral("D"),
            "netsuite.itemFulfillments[2].shipStatus: must be one of A, B, C");
        row("bad order status", "netsuite.salesOrders[0].status", QStringLiteral("Z"),
            "netsuite.salesOrders[0].status: must be one of");
        row("duplicate sales order id", "netsuite.salesOrders[1].id", 1001,
            "netsuite.salesOrders[1].id: duplicate id 1001");
        row("channel order line without id", "channels[0].orders[3].lineItems[0].id",
            QJsonValue(QJsonValue::Undefined),
            "channels[0].orders[3].lineItems[0].id: is required");
        row("channel kind", "channels[0].kind", QStringLiteral("ebay"),
            "channels[0].kind: must be one of");
        row("channel location", "channels[0].orders[0].locationId", 1,
            "channels[0].orders[0].locationId: refers to unknown location 1");
        row("channel without token", "channels[0].accessToken", QJsonValue(QJsonValue::Undefined),
            "channels[0].accessToken: is required");
        row("tranDate", "netsuite.salesOrders[4].tranDate", QStringLiteral("19/11/2026"),
            "netsuite.salesOrders[4].tranDate: expected a date");
        row("lines not an array", "netsuite.salesOrders[3].lines", QJsonObject(),
            "netsuite.salesOrders[3].lines: expected an array");
        row("features type", "netsuite.features.advancedShipping", QStringLiteral("yes"),
            "netsuite.features.advancedShipping: expected true or false");
        row("address key", "netsuite.customers[0].address.street", QStringLiteral("1 Main St"),
            "netsuite.customers[0].address.street: unknown key");
        row("address field type", "netsuite.customers[1].address.zip", 22202,
            "netsuite.customers[1].address.zip: expected a string");
        row("shipTo not an object", "netsuite.salesOrders[0].shipTo", QStringLiteral("London"),
            "netsuite.salesOrders[0].shipTo: expected an object");
        row("external id characters", "netsuite.itemFulfillments[0].externalId",
            QStringLiteral("a|b"),
            "netsuite.itemFulfillments[0].externalId: only letters, digits, '-' and '_'");
    }

    void rejectsBadFields()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        SandboxServer server;
        QString error;
        QVERIFY(server.loadScenario(sandboxtest::basicScenario(), &error));
        const QJsonObject before = server.state();
        QVERIFY(!server.loadScenario(with(path, value), &error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
        // Never half-loaded: the previous scenario is still served, unchanged.
        QCOMPARE(server.state()[QLatin1String("netsuite")], before[QLatin1String("netsuite")]);
        QCOMPARE(server.state()[QLatin1String("channels")], before[QLatin1String("channels")]);
    }

    void ignoresCommentKeysAndAcceptsKits()
    {
        QJsonObject s = with(QStringLiteral("x-comment"), QStringLiteral("ignored"));
        s = setAt(s, {QStringLiteral("netsuite"), QStringLiteral("x-note")}, 1).toObject();
        QJsonObject items = s;
        QJsonArray list = s[QLatin1String("netsuite")][QLatin1String("items")].toArray();
        list.append(QJsonObject{
            {QStringLiteral("id"), 600},
            {QStringLiteral("itemId"), QStringLiteral("GIFT-SET")},
            {QStringLiteral("type"), QStringLiteral("Kit")},
            {QStringLiteral("members"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("item"), 501}, {QStringLiteral("quantity"), 1}},
                 QJsonObject{{QStringLiteral("item"), 502}, {QStringLiteral("quantity"), 2}}}}});
        s = setAt(s, {QStringLiteral("netsuite"), QStringLiteral("items")}, list).toObject();
        SandboxServer server;
        QString error;
        QVERIFY2(server.loadScenario(s, &error), qPrintable(error));
        // A kit needs members, and members must exist.
        QJsonArray bad = list;
        QJsonObject kit = bad.last().toObject();
        kit.remove(QStringLiteral("members"));
        bad[bad.size() - 1] = kit;
        QVERIFY(!server.loadScenario(
            setAt(s, {QStringLiteral("netsuite"), QStringLiteral("items")}, bad).toObject(),
            &error));
        QCOMPARE(error, QStringLiteral("netsuite.items[3].members: is required"));
    }

    void fileErrorsNameTheLine()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("{\n  \"format\": \"fulfillsync-scenario/1\",\n  \"now\": ,\n}\n");
        file.close();
        SandboxServer server;
        QString error;
        QVERIFY(!server.loadScenarioFile(file.fileName(), &error));
        QVERIFY2(error.contains(QLatin1String("line 3")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("offset")), qPrintable(error));
        QVERIFY(!server.loadScenarioFile(QStringLiteral("/nonexistent/scenario.json"), &error));
        QVERIFY(error.contains(QLatin1String("/nonexistent/scenario.json")));
    }

    void demoIsReproducibleAndMixed()
    {
        const QDateTime now(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);
        const Scenario a = DemoGenerator::generate(2000, 7, now);
        const Scenario b = DemoGenerator::generate(2000, 7, now);
        const Scenario c = DemoGenerator::generate(2000, 8, now);
        QCOMPARE(a.netsuite.salesOrders.size(), 2000);
        QCOMPARE(a.netsuite.itemFulfillments.size(), b.netsuite.itemFulfillments.size());
        QCOMPARE(a.netsuite.itemFulfillments.last().packages.value(0).trackingNumber,
                 b.netsuite.itemFulfillments.last().packages.value(0).trackingNumber);
        QVERIFY(a.netsuite.itemFulfillments.size() != c.netsuite.itemFulfillments.size() ||
                a.netsuite.salesOrders[5].lines.size() != c.netsuite.salesOrders[5].lines.size() ||
                a.netsuite.salesOrders[5].lines[0].item != c.netsuite.salesOrders[5].lines[0].item);
        QCOMPARE(a.channels.size(), 1);
        QCOMPARE(a.channels[0].name, QStringLiteral("main-store"));
        QCOMPARE(a.channels[0].orders.size(), 2000);

        SandboxServer server;
        server.loadDemo(2000, 7);
        QHash<QString, int> statuses;
        for (const QJsonValue &so :
             server.state()[QLatin1String("netsuite")][QLatin1String("salesOrders")].toArray())
            ++statuses[so[QLatin1String("status")].toString()];
        // ~55% fully shipped (F), ~15% partial (D), ~8% picked/packed + ~15% open (B),
        // ~4% cancelled, ~3% closed.
        QVERIFY2(statuses.value(QStringLiteral("F")) > 900 &&
                     statuses.value(QStringLiteral("F")) < 1300,
                 qPrintable(QString::number(statuses.value(QStringLiteral("F")))));
        QVERIFY(statuses.value(QStringLiteral("D")) > 200 &&
                statuses.value(QStringLiteral("D")) < 420);
        QVERIFY(statuses.value(QStringLiteral("B")) > 320 &&
                statuses.value(QStringLiteral("B")) < 620);
        QVERIFY(statuses.value(QStringLiteral("C")) > 40 &&
                statuses.value(QStringLiteral("C")) < 130);
        QVERIFY(statuses.value(QStringLiteral("H")) > 25 &&
                statuses.value(QStringLiteral("H")) < 110);
        int thirdParty = 0, total = 0;
        for (const ItemFulfillment &f : a.netsuite.itemFulfillments) {
            ++total;
            thirdParty += f.source == QLatin1String("3pl");
        }
        QVERIFY(thirdParty > total / 5 && thirdParty < total * 2 / 5);
    }

    void demoScalesToLargeAccounts()
    {
        QElapsedTimer timer;
        timer.start();
        SandboxServer server;
        server.loadDemo(50000, 1);
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(server.listen(0) != 0);
        sandboxtest::Client client;
        const sandboxtest::Reply r = client.suiteQl(
            server,
            QStringLiteral("SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd'"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("items")][0][QLatin1String("n")].toString(),
                 QStringLiteral("50000"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxScenario)
#include "tst_sandbox_scenario.moc"
