// Control endpoints (/_sandbox/...), fault injection, the NetSuite concurrency gate, running in
// a worker thread, and the fulfillsync-sandbox executable.

#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>

using namespace fulfillsync::sandbox;

namespace {

const QString kFulfillmentIds =
    QStringLiteral("SELECT f.id AS if_id, f.status AS st, TO_CHAR(f.lastmodifieddate, "
                   "'YYYY-MM-DD\"T\"HH24:MI:SS') AS lmd "
                   "FROM transaction f WHERE f.type = 'ItemShip' AND f.void = 'F' ORDER BY f.id");

QJsonObject findById(const QJsonArray &list, qint64 id)
{
    for (const QJsonValue &v : list)
        if (v[QLatin1String("id")].toInteger() == id)
            return v.toObject();
    return {};
}

} // namespace

class TestSandboxControl final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    sandboxtest::Client m_client;

    void start(const QJsonObject &scenario = sandboxtest::basicScenario())
    {
        m_server = std::make_unique<SandboxServer>();
        QString error;
        QVERIFY2(m_server->loadScenario(scenario, &error), qPrintable(error));
        QVERIFY(m_server->listen(0) != 0);
    }

    QUrl control(const QString &path) const { return m_server->baseUrl().resolved(QUrl(path)); }

    QJsonObject order(qint64 id)
    {
        return findById(
            m_client.state(*m_server)[QLatin1String("netsuite")][QLatin1String("salesOrders")]
                .toArray(),
            id);
    }

    QUrl fulfillmentOrdersUrl(qint64 order) const
    {
        QUrl u = m_server->shopifyBaseUrl(QStringLiteral("acme"));
        u.setPath(
            u.path() +
            QStringLiteral("/admin/api/2024-10/orders/%1/fulfillment_orders.json").arg(order));
        return u;
    }

private Q_SLOTS:
    void warehouseActsThroughControlEndpoints()
    {
        start();
        QCOMPARE(order(1003)[QLatin1String("status")].toString(), QStringLiteral("B"));
        // Add: a shipped fulfillment of SO1003; id is the next free one.
        sandboxtest::Reply r = m_client.json(
            "POST", control(QStringLiteral("/_sandbox/netsuite/itemFulfillments")),
            QJsonDocument::fromJson(
                R"({"createdFrom":1003,"tranDate":"2026-11-20","shipStatus":"C","source":"scanner",
                "lines":[{"orderLine":1,"quantity":4}],"packages":[{"trackingNumber":"NEW-1","weight":2}]})")
                .object());
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json[QLatin1String("id")].toInteger(), 2005);
        QCOMPARE(r.json[QLatin1String("tranId")].toString(), QStringLiteral("IF2005"));
        QVERIFY(r.json[QLatin1String("lastModified")].toString().startsWith(
            QLatin1String("2026-11-20T12:00")));
        QJsonObject so = order(1003);
        QCOMPARE(so[QLatin1String("status")].toString(), QStringLiteral("F"));
        QVERIFY(so[QLatin1String("lastModified")].toString().startsWith(
            QLatin1String("2026-11-20T12:00")));
        // SuiteQL sees it, with its tracking number.
        r = m_client.suiteQl(
            *m_server,
            QStringLiteral(
                "SELECT tn.trackingnumber AS t FROM TrackingNumberMap m JOIN TrackingNumber tn ON "
                "tn.id = m.trackingnumber WHERE m.transaction = 2005"));
        QCOMPARE(r.json[QLatin1String("items")][0][QLatin1String("t")].toString(),
                 QStringLiteral("NEW-1"));

        // Patch: the picked IF2003 ships -> SO1002 fully shipped.
        QCOMPARE(order(1002)[QLatin1String("status")].toString(), QStringLiteral("D"));
        r = m_client.json("PATCH",
                          control(QStringLiteral("/_sandbox/netsuite/itemFulfillments/2003")),
                          QJsonObject{{QStringLiteral("shipStatus"), QStringLiteral("C")},
                                      {QStringLiteral("packages"),
                                       QJsonArray{QJsonObject{{QStringLiteral("trackingNumber"),
                                                               QStringLiteral("P-1")}}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("shipStatus")].toString(), QStringLiteral("C"));
        QCOMPARE(r.json[QLatin1String("lines")].toArray().size(), 2); // untouched fields kept
        QCOMPARE(order(1002)[QLatin1String("status")].toString(), QStringLiteral("F"));
        // A patch that would over-fulfil is refused, naming the field.
        r = m_client.json(
            "PATCH", control(QStringLiteral("/_sandbox/netsuite/itemFulfillments/2003")),
            QJsonDocument::fromJson(R"({"lines":[{"orderLine":1,"quantity":5}]})").object());
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json[QLatin1String("error")].toString().startsWith(
                     QLatin1String("itemFulfillment.lines[0].quantity")),
                 qPrintable(r.json[QLatin1String("error")].toString()));

        // Void IF2002 -> SO1002 back to partially fulfilled; SuiteQL no longer lists it.
        r = m_client.request("DELETE",
                             control(QStringLiteral("/_sandbox/netsuite/itemFulfillments/2002")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("void")].toBool(), true);
        QCOMPARE(order(1002)[QLatin1String("status")].toString(), QStringLiteral("D"));
        r = m_client.suiteQl(*m_server, kFulfillmentIds);
        QStringList ids;
        for (const QJsonValue &v : r.json[QLatin1String("items")].toArray())
            ids << v[QLatin1String("if_id")].toString();
        QCOMPARE(ids, (QStringList{"2001", "2003", "2004", "2005"}));

        // Bad requests name the field; unknown ids are 404.
        r = m_client.json(
            "POST", control(QStringLiteral("/_sandbox/netsuite/itemFulfillments")),
            QJsonDocument::fromJson(
                R"({"createdFrom":2001,"tranDate":"2026-11-20","lines":[{"orderLine":1,"quantity":1}]})")
                .object());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json[QLatin1String("error")].toString(),
                 QStringLiteral(
                     "itemFulfillment.createdFrom: refers to 2001, which is not a sales order"));
        QCOMPARE(m_client
                     .request("DELETE",
                              control(QStringLiteral("/_sandbox/netsuite/itemFulfillments/77")))
                     .status,
                 404);
    }

    void clock()
    {
        start();
        sandboxtest::Reply r = m_client.json(
            "POST", control(QStringLiteral("/_sandbox/clock")),
            QJsonObject{{QStringLiteral("now"), QStringLiteral("2026-12-01T08:00:00Z")}});
        QCOMPARE(r.status, 200);
        QVERIFY(
            r.json[QLatin1String("now")].toString().startsWith(QLatin1String("2026-12-01T08:00")));
        r = m_client.json("POST", control(QStringLiteral("/_sandbox/clock")),
                          QJsonObject{{QStringLiteral("advanceSeconds"), 3600}});
        QVERIFY(
            r.json[QLatin1String("now")].toString().startsWith(QLatin1String("2026-12-01T09:00")));
        r = m_client.json("PATCH",
                          control(QStringLiteral("/_sandbox/netsuite/itemFulfillments/2003")),
                          QJsonObject{{QStringLiteral("shipStatus"), QStringLiteral("B")}});
        QVERIFY(r.json[QLatin1String("lastModified")].toString().startsWith(
            QLatin1String("2026-12-01T09:00")));
        r = m_client.suiteQl(*m_server, kFulfillmentIds);
        QVERIFY(r.json[QLatin1String("items")][2][QLatin1String("lmd")].toString().startsWith(
            QLatin1String("2026-12-01T09:00")));
        QCOMPARE(
            m_client.json("POST", control(QStringLiteral("/_sandbox/clock")), QJsonObject{}).status,
            400);
    }

    void scenarioEndpoint()
    {
        start();
        QJsonObject s = sandboxtest::basicScenario();
        s.insert(QStringLiteral("now"), QStringLiteral("not a time"));
        sandboxtest::Reply r =
            m_client.json("POST", control(QStringLiteral("/_sandbox/scenario")), s);
        QCOMPARE(r.status, 400);
        QVERIFY(r.json[QLatin1String("error")].toString().startsWith(QLatin1String("now: ")));
        QCOMPARE(m_client.state(*m_server)[QLatin1String("now")].toString().left(10),
                 QStringLiteral("2026-11-20"));
        r = m_client.request("POST", control(QStringLiteral("/_sandbox/scenario")), "{ broken",
                             {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.json[QLatin1String("error")].toString().contains(QLatin1String("line 1")));
        s.insert(QStringLiteral("now"), QStringLiteral("2027-01-01T00:00:00Z"));
        r = m_client.json("POST", control(QStringLiteral("/_sandbox/scenario")), s);
        QCOMPARE(r.status, 200);
        QCOMPARE(m_client.state(*m_server)[QLatin1String("now")].toString().left(10),
                 QStringLiteral("2027-01-01"));
        QCOMPARE(m_client.request("GET", control(QStringLiteral("/_sandbox/nothing"))).status, 404);
    }

    void faults()
    {
        start();
        auto fault = [&](const QJsonObject &f) {
            return m_client.json("POST", control(QStringLiteral("/_sandbox/faults")), f).status;
        };
        const QString count = QStringLiteral("SELECT COUNT(*) AS n FROM transaction");
        // Status + default NetSuite body, once.
        QCOMPARE(fault(QJsonObject{{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
                                   {QStringLiteral("status"), 503}}),
                 201);
        sandboxtest::Reply r = m_client.suiteQl(*m_server, count);
        QCOMPARE(r.status, 503);
        QCOMPARE(
            r.json[QLatin1String("o:errorDetails")][0][QLatin1String("o:errorCode")].toString(),
            QStringLiteral("UNEXPECTED_ERROR"));
        QCOMPARE(m_client.suiteQl(*m_server, count).status, 200);
        // Custom body, twice.
        QCOMPARE(
            fault(QJsonObject{{QStringLiteral("match"), QStringLiteral("shopify.*")},
                              {QStringLiteral("status"), 500},
                              {QStringLiteral("count"), 2},
                              {QStringLiteral("body"),
                               QJsonObject{{QStringLiteral("errors"), QStringLiteral("boom")}}}}),
            201);
        const QList<QPair<QByteArray, QByteArray>> token = {
            {"X-Shopify-Access-Token", "shpat_demo_token"}};
        QCOMPARE(m_client.request("GET", fulfillmentOrdersUrl(5001), {}, token)
                     .json[QLatin1String("errors")]
                     .toString(),
                 QStringLiteral("boom"));
        QCOMPARE(m_client.request("GET", fulfillmentOrdersUrl(5001), {}, token).status, 500);
        r = m_client.request("GET", fulfillmentOrdersUrl(5001), {}, token);
        QCOMPARE(r.status, 200);
        const qint64 fo =
            r.json[QLatin1String("fulfillment_orders")][0][QLatin1String("id")].toInteger();

        // Commit, then fail: the client sees 502 but the fulfillment exists.
        QCOMPARE(fault(QJsonObject{
                     {QStringLiteral("match"), QStringLiteral("shopify.fulfillments.post")},
                     {QStringLiteral("commitThenFail"), true}}),
                 201);
        QUrl post = m_server->shopifyBaseUrl(QStringLiteral("acme"));
        post.setPath(post.path() + QStringLiteral("/admin/api/2024-10/fulfillments.json"));
        r = m_client.json(
            "POST", post,
            QJsonObject{
                {QStringLiteral("fulfillment"),
                 QJsonObject{
                     {QStringLiteral("line_items_by_fulfillment_order"),
                      QJsonArray{QJsonObject{{QStringLiteral("fulfillment_order_id"), fo}}}},
                     {QStringLiteral("tracking_info"),
                      QJsonObject{{QStringLiteral("number"), QStringLiteral("X1")}}}}}},
            token);
        QCOMPARE(r.status, 502);
        QJsonObject state = m_client.state(*m_server);
        QCOMPARE(state[QLatin1String("channels")][0][QLatin1String("orders")][0]
                      [QLatin1String("fulfillments")]
                          .toArray()
                          .size(),
                 1);

        // Delay.
        QCOMPARE(fault(QJsonObject{{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
                                   {QStringLiteral("delayMs"), 400}}),
                 201);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(m_client.suiteQl(*m_server, count).status, 200);
        QVERIFY2(timer.elapsed() >= 380, qPrintable(QString::number(timer.elapsed())));

        // Hang: no answer at all; the client's own timeout ends it.
        QCOMPARE(
            fault(QJsonObject{{QStringLiteral("match"), QStringLiteral("shopify.fulfillments.get")},
                              {QStringLiteral("hang"), true}}),
            201);
        QUrl list = m_server->shopifyBaseUrl(QStringLiteral("acme"));
        list.setPath(list.path() +
                     QStringLiteral("/admin/api/2024-10/orders/5001/fulfillments.json"));
        r = m_client.request("GET", list, {}, token, 500);
        QVERIFY(r.status == 0);
        QVERIFY(r.error != QNetworkReply::NoError);
        // Drop: the connection closes without an answer.
        // (QNAM resends an idempotent request once when a kept-alive connection closes, so the
        // drop is armed for a few requests and disarmed afterwards.)
        QCOMPARE(
            fault(QJsonObject{{QStringLiteral("match"), QStringLiteral("shopify.fulfillments.get")},
                              {QStringLiteral("drop"), true},
                              {QStringLiteral("count"), 5}}),
            201);
        r = m_client.request("GET", list, {}, token, 3000);
        QVERIFY(r.status == 0);
        QVERIFY(r.error != QNetworkReply::NoError);
        QCOMPARE(m_client.request("DELETE", control(QStringLiteral("/_sandbox/faults"))).status,
                 200);
        QCOMPARE(m_client.request("GET", list, {}, token).status, 200);

        QCOMPARE(fault(QJsonObject{{QStringLiteral("status"), 503}}), 400); // no match
        state = m_client.state(*m_server);
        const QJsonObject byEndpoint =
            state[QLatin1String("requests")][QLatin1String("byEndpoint")].toObject();
        QCOMPARE(byEndpoint[QLatin1String("netsuite.suiteql")][QLatin1String("byStatus")]
                           [QLatin1String("503")]
                               .toInt(),
                 1);
        QVERIFY(byEndpoint[QLatin1String("shopify.fulfillments.get")][QLatin1String("byStatus")]
                          [QLatin1String("none")]
                              .toInt() >= 2);
        QCOMPARE(byEndpoint[QLatin1String("shopify.fulfillments.post")][QLatin1String("byStatus")]
                           [QLatin1String("502")]
                               .toInt(),
                 1);
        QCOMPARE(state[QLatin1String("faults")].toArray().size(), 0);
    }

    void concurrencyGate()
    {
        QJsonObject s = sandboxtest::basicScenario();
        QJsonObject ns = s[QLatin1String("netsuite")].toObject();
        ns.insert(QStringLiteral("concurrencyLimit"), 1);
        ns.insert(QStringLiteral("latencyMs"), 300);
        s.insert(QStringLiteral("netsuite"), ns);
        start(s);
        // Two requests in flight at once against a limit of 1.
        const auto c = m_server->credentials();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 2; ++i) {
            QUrl url = m_server->netSuiteBaseUrl();
            url.setPath(QStringLiteral("/services/rest/query/v1/suiteql"));
            url.setQuery(QStringLiteral("limit=10&offset=0"));
            QNetworkRequest req(url);
            req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            req.setRawHeader("Authorization",
                             sandboxtest::tbaHeader("POST", url, c.accountId, c.consumerKey,
                                                    c.consumerSecret, c.tokenId, c.tokenSecret,
                                                    sandboxtest::randomNonce(),
                                                    QDateTime::currentSecsSinceEpoch()));
            replies << m_client.network.post(req, R"({"q":"SELECT id FROM transaction"})");
        }
        QTRY_VERIFY_WITH_TIMEOUT(replies[0]->isFinished() && replies[1]->isFinished(), 10000);
        QList<int> statuses;
        QString code;
        for (QNetworkReply *reply : replies) {
            statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
            if (statuses.last() == 429)
                code = body[QLatin1String("o:errorDetails")][0][QLatin1String("o:errorCode")]
                           .toString();
            reply->deleteLater();
        }
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int>{200, 429}));
        QCOMPARE(code, QStringLiteral("CONCURRENCY_LIMIT_EXCEEDED"));
        // Slots are given back.
        QCOMPARE(m_client.suiteQl(*m_server, QStringLiteral("SELECT id FROM transaction")).status,
                 200);
        QCOMPARE(
            m_client.state(*m_server)[QLatin1String("netsuite")][QLatin1String("inFlight")].toInt(),
            0);
    }

    void runsInAWorkerThread()
    {
        QThread thread;
        QObject *context = new QObject;
        context->moveToThread(&thread);
        connect(&thread, &QThread::finished, context, &QObject::deleteLater);
        thread.start();
        SandboxServer *server = nullptr;
        QMetaObject::invokeMethod(
            context,
            [&] {
                server = new SandboxServer;
                QString error;
                server->loadScenario(sandboxtest::basicScenario(), &error);
                server->listen(0);
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(server);
        QUrl url = server->baseUrl();
        QVERIFY(url.port() > 0);
        const sandboxtest::Reply r =
            m_client.request("GET", url.resolved(QUrl(QStringLiteral("/_sandbox/state"))));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QLatin1String("netsuite")][QLatin1String("salesOrders")].toArray().size(),
                 5);
        // Two sandboxes side by side do not share anything.
        SandboxServer local;
        local.loadDemo(10, 3);
        QVERIFY(local.listen(0) != 0);
        QCOMPARE(m_client.state(local)[QLatin1String("netsuite")][QLatin1String("salesOrders")]
                     .toArray()
                     .size(),
                 10);
        QMetaObject::invokeMethod(
            context, [&] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }

    void executable()
    {
        const QString exe = QStringLiteral(SANDBOX_TEST_EXECUTABLE);
        QString root = qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR");
        if (root.isEmpty())
            root = QStringLiteral(SANDBOX_TEST_SOURCE_DIR);
        {
            QProcess p;
            p.start(exe, {QStringLiteral("--scenario"),
                          root + QStringLiteral("/sandbox/scenarios/basic.json"),
                          QStringLiteral("--port"), QStringLiteral("0")});
            QVERIFY(p.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(p.canReadLine(), 10000);
            const QString line = QString::fromUtf8(p.readLine()).trimmed();
            QVERIFY2(line.startsWith(
                         QLatin1String("fulfillsync-sandbox listening on http://127.0.0.1:")),
                     qPrintable(line));
            const QUrl base(line.section(QLatin1Char(' '), -1));
            QVERIFY(base.port() > 0);
            const sandboxtest::Reply r =
                m_client.request("GET", base.resolved(QUrl(QStringLiteral("/_sandbox/state"))));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json[QLatin1String("netsuite")][QLatin1String("accountId")].toString(),
                     QStringLiteral("1234567_SB1"));

            // Port busy -> exit 3.
            QProcess busy;
            busy.start(exe, {QStringLiteral("--demo"), QStringLiteral("5"),
                             QStringLiteral("--port"), QString::number(base.port())});
            QVERIFY(busy.waitForFinished(10000));
            QCOMPARE(busy.exitCode(), 3);
            const QString busyError = QString::fromUtf8(busy.readAllStandardError());
            QVERIFY2(busyError.contains(
                         QLatin1String("fulfillsync-sandbox: cannot listen on 127.0.0.1:")),
                     qPrintable(busyError));
            p.kill();
            p.waitForFinished();
        }
        {
            QTemporaryFile bad;
            QVERIFY(bad.open());
            QJsonObject s = sandboxtest::basicScenario();
            QJsonObject ns = s[QLatin1String("netsuite")].toObject();
            QJsonArray orders = ns[QLatin1String("salesOrders")].toArray();
            QJsonObject so = orders[2].toObject();
            QJsonArray lines = so[QLatin1String("lines")].toArray();
            QJsonObject line = lines[0].toObject();
            line.insert(QStringLiteral("quantity"), QStringLiteral("four"));
            lines[0] = line;
            so.insert(QStringLiteral("lines"), lines);
            orders[2] = so;
            ns.insert(QStringLiteral("salesOrders"), orders);
            s.insert(QStringLiteral("netsuite"), ns);
            bad.write(QJsonDocument(s).toJson());
            bad.close();
            QProcess p;
            p.start(exe, {QStringLiteral("--scenario"), bad.fileName(), QStringLiteral("--port"),
                          QStringLiteral("0")});
            QVERIFY(p.waitForFinished(10000));
            QCOMPARE(p.exitCode(), 2);
            QCOMPARE(
                QString::fromUtf8(p.readAllStandardError()).trimmed(),
                QStringLiteral("fulfillsync-sandbox: netsuite.salesOrders[2].lines[0].quantity: "
                               "expected a number"));
            QVERIFY(p.readAllStandardOutput().isEmpty());
        }
        {
            QProcess p;
            p.start(exe, {QStringLiteral("--help")});
            QVERIFY(p.waitForFinished(10000));
            const QString help = QString::fromUtf8(p.readAllStandardOutput());
            QVERIFY(help.contains(QLatin1String("--scenario")) &&
                    help.contains(QLatin1String("--demo")));
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxControl)
#include "tst_sandbox_control.moc"
