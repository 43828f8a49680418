// The live demo: every interval a few open sales orders ship (new Shipped fulfillments with
// packages, or picked ones shipping), with the order statuses and last-modified times moving
// as NetSuite's would; reproducible from the seed; and `fulfillsync-sandbox --live`.

#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace fulfillsync::sandbox;
using namespace std::chrono_literals;

namespace {

QHash<qint64, QJsonObject> byId(const QJsonArray &list)
{
    QHash<qint64, QJsonObject> map;
    for (const QJsonValue &v : list)
        map.insert(v[QLatin1String("id")].toInteger(), v.toObject());
    return map;
}

QJsonArray orders(const QJsonObject &state)
{
    return state[QLatin1String("netsuite")][QLatin1String("salesOrders")].toArray();
}

QJsonArray fulfillments(const QJsonObject &state)
{
    return state[QLatin1String("netsuite")][QLatin1String("itemFulfillments")].toArray();
}

// Runs the live warehouse for exactly `ticks` intervals and returns what it did, without the
// times (those follow the real clock).
QJsonArray liveRun(quint32 seed, int ticks)
{
    SandboxServer server;
    server.loadDemo(40, 3);
    int seen = 0;
    QObject::connect(&server, &SandboxServer::liveTicked, &server, [&] {
        if (++seen == ticks)
            server.stopLive();
    });
    server.startLive(20ms, seed);
    if (!QTest::qWaitFor([&] { return !server.isLive(); }, 10000))
        return {};
    QJsonArray result;
    for (const QJsonValue &v : fulfillments(server.state())) {
        QJsonObject f = v.toObject();
        f.remove(QStringLiteral("lastModified"));
        f.remove(QStringLiteral("tranDate"));
        result.append(f);
    }
    for (const QJsonValue &v : orders(server.state()))
        result.append(QJsonObject{{QStringLiteral("order"), v[QLatin1String("id")]},
                                  {QStringLiteral("status"), v[QLatin1String("status")]}});
    return result;
}

} // namespace

class TestSandboxLive final : public QObject
{
    Q_OBJECT

    sandboxtest::Client m_client;

private Q_SLOTS:
    void shipsOpenOrders()
    {
        SandboxServer server;
        server.loadDemo(60, 5);
        QVERIFY(server.listen(0) != 0);
        const QJsonObject before = server.state();
        const QHash<qint64, QJsonObject> ordersBefore = byId(orders(before));
        const QHash<qint64, QJsonObject> fulfillmentsBefore = byId(fulfillments(before));

        QSignalSpy ticks(&server, &SandboxServer::liveTicked);
        server.startLive(100ms, 11);
        QVERIFY(server.isLive());
        QTRY_VERIFY_WITH_TIMEOUT(ticks.size() >= 5, 10000);
        server.stopLive();
        QVERIFY(!server.isLive());

        const QJsonObject after = server.state();
        const QJsonObject live = after[QLatin1String("live")].toObject();
        QCOMPARE(live[QLatin1String("rejected")].toInt(), 0);
        QCOMPARE(live[QLatin1String("ticks")].toInt(), int(ticks.size()));
        QCOMPARE(live[QLatin1String("running")].toBool(), false);
        int changes = 0;
        for (const QList<QVariant> &t : std::as_const(ticks))
            changes += t.at(0).toInt();
        QCOMPARE(live[QLatin1String("changes")].toInt(), changes);
        QVERIFY2(changes >= 5, qPrintable(QString::number(changes))); // a few each interval

        const QString startedAt = before[QLatin1String("now")].toString();
        QList<QJsonObject> added, shippedNow;
        for (const QJsonValue &v : fulfillments(after)) {
            const QJsonObject f = v.toObject();
            const qint64 id = f[QLatin1String("id")].toInteger();
            if (!fulfillmentsBefore.contains(id))
                added << f;
            else if (fulfillmentsBefore[id][QLatin1String("shipStatus")] !=
                     f[QLatin1String("shipStatus")])
                shippedNow << f;
        }
        QCOMPARE(int(added.size() + shippedNow.size()), changes);
        QVERIFY(!added.isEmpty());
        QVERIFY(!shippedNow.isEmpty()); // the demo has picked/packed ones to ship
        QSet<qint64> touched;
        for (const QJsonObject &f : std::as_const(added) + shippedNow) {
            QCOMPARE(f[QLatin1String("shipStatus")].toString(), QStringLiteral("C"));
            const QJsonArray packages = f[QLatin1String("packages")].toArray();
            QVERIFY(!packages.isEmpty());
            for (const QJsonValue &p : packages)
                QVERIFY(p[QLatin1String("trackingNumber")].toString().size() >= 10);
            QVERIFY(f[QLatin1String("lastModified")].toString() >= startedAt);
            touched.insert(f[QLatin1String("createdFrom")].toInteger());
        }
        for (const QJsonObject &f : std::as_const(added))
            QVERIFY(QStringList({"3pl", "scanner", "warehouse"})
                        .contains(f[QLatin1String("source")].toString()));

        // Every touched order moved: derived status (Partially Fulfilled or Pending Billing)
        // and a last-modified time at the sandbox clock; and never more shipped than ordered.
        bool anyStatusChanged = false;
        const QHash<qint64, QJsonObject> ordersAfter = byId(orders(after));
        for (qint64 id : std::as_const(touched)) {
            const QJsonObject so = ordersAfter[id];
            QVERIFY(QStringList({"D", "F"}).contains(so[QLatin1String("status")].toString()));
            QVERIFY(so[QLatin1String("lastModified")].toString() >
                    ordersBefore[id][QLatin1String("lastModified")].toString());
            QVERIFY(so[QLatin1String("lastModified")].toString() >= startedAt);
            anyStatusChanged = anyStatusChanged || so[QLatin1String("status")] !=
                                                       ordersBefore[id][QLatin1String("status")];
        }
        QVERIFY(anyStatusChanged);
        for (const QJsonObject &so : ordersAfter)
            for (const QJsonValue &l : so[QLatin1String("lines")].toArray())
                QVERIFY(l[QLatin1String("quantityShipped")].toDouble() <=
                        l[QLatin1String("quantity")].toDouble() + 1e-9);

        // The client's view agrees: the Record API shows a new fulfillment shipped, with its
        // carrier's package sublist.
        const QJsonObject first = added.first();
        QUrl url = server.netSuiteBaseUrl();
        url.setPath(QStringLiteral("/services/rest/record/v1/itemFulfillment/%1")
                        .arg(first[QLatin1String("id")].toInteger()));
        url.setQuery(QStringLiteral("expandSubResources=true"));
        const sandboxtest::Reply r = m_client.netSuiteGet(server, url);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("shipStatus")][QLatin1String("id")].toString(),
                 QStringLiteral("C"));
        int packageCount = 0;
        for (const char *sublist : {"package", "packageUps", "packageFedex", "packageUsps"})
            packageCount += r.json[QLatin1String(sublist)][QLatin1String("count")].toInt();
        QCOMPARE(packageCount, int(first[QLatin1String("packages")].toArray().size()));
    }

    void reproducibleFromTheSeed()
    {
        const QJsonArray a = liveRun(9, 4);
        QVERIFY(!a.isEmpty());
        QCOMPARE(a, liveRun(9, 4));
        QVERIFY(a != liveRun(10, 4));
    }

    void drainsToFullyShipped()
    {
        SandboxServer server;
        server.loadDemo(30, 2);
        bool idle = false;
        connect(&server, &SandboxServer::liveTicked, &server, [&](int changes) {
            if (changes == 0) {
                idle = true;
                server.stopLive();
            }
        });
        server.startLive(5ms, 4);
        QTRY_VERIFY_WITH_TIMEOUT(idle, 20000);
        const QJsonObject state = server.state();
        QCOMPARE(state[QLatin1String("live")][QLatin1String("rejected")].toInt(), 0);
        // Everything that could ship did; cancelled and closed orders were left alone.
        for (const QJsonValue &so : orders(state))
            QVERIFY2(QStringList({"F", "C", "H"}).contains(so[QLatin1String("status")].toString()),
                     qPrintable(so[QLatin1String("tranId")].toString()));
        QSet<QString> sources;
        for (const QJsonValue &f : fulfillments(state)) {
            if (f[QLatin1String("void")].toBool())
                continue;
            QCOMPARE(f[QLatin1String("shipStatus")].toString(), QStringLiteral("C"));
            sources.insert(f[QLatin1String("source")].toString());
        }
        QVERIFY(sources.contains(QStringLiteral("3pl")));
    }

    // The 3PL's warehouse ships the orders it holds over time; NetSuite's own warehouse leaves
    // them alone, so the only fulfillments they get are the ones the 3PL connector creates.
    void the3plWarehouseShipsItsOwnOrders()
    {
        SandboxServer server;
        server.loadDemo(30, 2);
        QVERIFY(server.listen(0) != 0);
        const SandboxCredentials c = server.credentials();
        QList<qint64> held;
        for (const QJsonValue &so : orders(server.state())) {
            if (held.size() == 2 || so[QLatin1String("status")].toString() != u"B")
                continue;
            const qint64 id = so[QLatin1String("id")].toInteger();
            QJsonArray items;
            for (const QJsonValue &l : so[QLatin1String("lines")].toArray())
                items.append(
                    QJsonObject{{QStringLiteral("lineItemKey"),
                                 QString::number(l[QLatin1String("line")].toInt())},
                                {QStringLiteral("quantity"), l[QLatin1String("quantity")]}});
            const QJsonObject shipTo{{QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                                     {QStringLiteral("street1"), QStringLiteral("1 Main St")},
                                     {QStringLiteral("city"), QStringLiteral("Portland")},
                                     {QStringLiteral("postalCode"), QStringLiteral("04101")},
                                     {QStringLiteral("country"), QStringLiteral("US")}};
            const sandboxtest::Reply r = m_client.json(
                "POST",
                QUrl(server.threePlBaseUrl().toString() + QStringLiteral("/orders/createorder")),
                QJsonObject{{QStringLiteral("orderNumber"), so[QLatin1String("tranId")]},
                            {QStringLiteral("orderKey"),
                             QStringLiteral("ns-%1-%2").arg(c.accountId).arg(id)},
                            {QStringLiteral("orderDate"), QStringLiteral("2026-12-06")},
                            {QStringLiteral("orderStatus"), QStringLiteral("awaiting_shipment")},
                            {QStringLiteral("shipTo"), shipTo},
                            {QStringLiteral("billTo"), shipTo},
                            {QStringLiteral("items"), items}},
                {{"Authorization",
                  "Basic " + (c.threePlKey + u':' + c.threePlSecret).toUtf8().toBase64()}});
            QCOMPARE(r.status, 200);
            held << id;
        }
        QCOMPARE(held.size(), 2);
        const QHash<qint64, QJsonObject> before = byId(fulfillments(server.state()));
        bool idle = false;
        connect(&server, &SandboxServer::liveTicked, &server, [&](int changes) {
            if (changes == 0) {
                idle = true;
                server.stopLive();
            }
        });
        server.startLive(5ms, 4);
        QTRY_VERIFY_WITH_TIMEOUT(idle, 20000);
        const QJsonObject state = server.state();
        for (const QJsonValue &o :
             state[QLatin1String("threePl")][QLatin1String("orders")].toArray())
            QCOMPARE(o[QLatin1String("orderStatus")].toString(), QStringLiteral("shipped"));
        QVERIFY(state[QLatin1String("threePl")][QLatin1String("shipments")].toArray().size() >= 2);
        for (const QJsonValue &f : fulfillments(state))
            if (!before.contains(f[QLatin1String("id")].toInteger()))
                QVERIFY(!held.contains(f[QLatin1String("createdFrom")].toInteger()));
    }

    void startAndStop()
    {
        SandboxServer server;
        server.loadDemo(10, 1);
        server.startLive(1, 1);
        QCOMPARE(server.state()[QLatin1String("live")][QLatin1String("intervalMs")].toInt(), 1000);
        server.stopLive();
        server.startLive(20ms, 1);
        QSignalSpy ticks(&server, &SandboxServer::liveTicked);
        QTRY_VERIFY_WITH_TIMEOUT(!ticks.isEmpty(), 5000);
        server.stopLive();
        const qsizetype seen = ticks.size();
        QTest::qWait(200);
        QCOMPARE(ticks.size(), seen);
        QCOMPARE(server.state()[QLatin1String("live")][QLatin1String("running")].toBool(), false);
    }

    void executable()
    {
        const QString exe = QStringLiteral(SANDBOX_TEST_EXECUTABLE);
        QProcess p;
        p.start(exe, {QStringLiteral("--demo"), QStringLiteral("30"), QStringLiteral("--live"),
                      QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("4"),
                      QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(p.canReadLine(), 10000);
        const QString line = QString::fromUtf8(p.readLine()).trimmed();
        QVERIFY2(
            line.startsWith(QLatin1String("fulfillsync-sandbox listening on http://127.0.0.1:")),
            qPrintable(line));
        const QUrl state(line.section(QLatin1Char(' '), -1) + QStringLiteral("/_sandbox/state"));
        QJsonObject live;
        QTRY_VERIFY_WITH_TIMEOUT(
            (live = m_client.request("GET", state).json[QLatin1String("live")].toObject(),
             live[QLatin1String("changes")].toInt() > 0),
            10000);
        QCOMPARE(live[QLatin1String("running")].toBool(), true);
        QCOMPARE(live[QLatin1String("intervalMs")].toInt(), 1000);
        QCOMPARE(live[QLatin1String("rejected")].toInt(), 0);
        p.kill();
        p.waitForFinished();

        for (const QString &bad : {QStringLiteral("0"), QStringLiteral("soon")}) {
            QProcess q;
            q.start(exe,
                    {QStringLiteral("--demo"), QStringLiteral("5"), QStringLiteral("--live"), bad});
            QVERIFY(q.waitForFinished(10000));
            QCOMPARE(q.exitCode(), 2);
            QCOMPARE(
                QString::fromUtf8(q.readAllStandardError()).trimmed(),
                QStringLiteral("fulfillsync-sandbox: --live: expected a number of seconds >= 1"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxLive)
#include "tst_sandbox_live.moc"
