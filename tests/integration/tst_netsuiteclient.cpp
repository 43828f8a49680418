// The NetSuite client against the sandbox over loopback: many pages, 429 storms, the 401 that
// means "busy", hung requests, truncated and malformed JSON, HTML error pages, wrong types,
// and Test connection. Each ends with a clear error or a correct result, never a crash.

#include "sandbox/server/sandboxserver.h"
#include "sync/engine/detectionqueries.h"
#include "sync/net/netsuiterecords.h"
#include "sync/net/suiteqlquery.h"
#include "testutils/scenariobuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;

class TestNetSuiteClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_network;
    NetSuiteEndpoint m_endpoint;
    int m_fulfillments = 0;

    struct Run
    {
        NetSuiteError error;
        int requests = 0;
        int fulfillments = 0;
        int rejected = 0;
        bool finished = false;
    };

    Run detect(int pageSize = 1000, bool credentialsProven = false)
    {
        SuiteQlQuery query(
            m_network, m_endpoint,
            DetectionQueries::fulfillmentsSince(QDateTime::fromSecsSinceEpoch(0, Qt::UTC)));
        query.setPageSize(pageSize);
        query.setCredentialsProven(credentialsProven);
        // The retry decisions are the product's; only the waits are shortened (the defaults
        // would wait out half a minute of real backoff here).
        RetryPolicy quick;
        quick.baseDelayMs = 20;
        quick.maxDelayMs = 200;
        query.setRetryPolicy(quick);
        FulfillmentRowReader reader;
        Run run;
        connect(&query, &SuiteQlQuery::pageReceived, this,
                [&](const QList<QJsonObject> &rows) { reader.add(rows); });
        connect(&query, &SuiteQlQuery::finished, this, [&](const NetSuiteError &error, bool) {
            run.error = error;
            run.finished = true;
        });
        query.start();
        if (!QTest::qWaitFor([&] { return run.finished; }, 120000))
            qWarning("the query did not finish within 120 s");
        run.requests = query.requestsSent();
        run.fulfillments = int(reader.takeAll().size());
        run.rejected = reader.unreadable().count;
        return run;
    }

    void fault(const QJsonObject &body)
    {
        QNetworkRequest request(
            m_sandbox->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/faults"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QVERIFY2(reply->error() == QNetworkReply::NoError, reply->readAll().constData());
        reply->deleteLater();
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        const QJsonObject scenario =
            test::shippedOrdersScenario(1600, QStringLiteral("unlimited"), &m_fulfillments);
        QVERIFY2(m_sandbox->loadScenario(scenario, &error), qPrintable(error));
        QVERIFY(m_sandbox->listen(0) != 0);
        const auto credentials = m_sandbox->credentials();
        m_endpoint = NetSuiteEndpoint{};
        m_endpoint.accountId = credentials.accountId;
        m_endpoint.baseUrl = m_sandbox->netSuiteBaseUrl();
        m_endpoint.credentials = {credentials.consumerKey, credentials.consumerSecret,
                                  credentials.tokenId, credentials.tokenSecret};
    }

    void cleanup() { m_sandbox.reset(); }

    void pagingAcrossManyPages()
    {
        const Run run = detect(100);
        QVERIFY2(run.error.isOk(), qPrintable(run.error.message));
        QCOMPARE(run.fulfillments, m_fulfillments); // 2,000 fulfillments over many pages, none lost
        QCOMPARE(run.rejected, 0);
        QVERIFY2(run.requests >= 25, qPrintable(QString::number(run.requests))); // ~2,800 rows
        const Run big = detect(1000);
        QCOMPARE(big.fulfillments, m_fulfillments);
        QVERIFY(big.requests <= 4);
    }

    void tooManyRequestsStormIsWaitedOut()
    {
        fault({{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
               {QStringLiteral("status"), 429},
               {QStringLiteral("count"), 3}});
        const Run run = detect();
        QVERIFY2(run.error.isOk(), qPrintable(run.error.message));
        QCOMPARE(run.fulfillments, m_fulfillments);
        QCOMPARE(run.requests, 3 + 3); // three pages plus the three refused tries
    }

    void unauthorizedMeansBusyOnlyAfterTheCredentialsWorked()
    {
        const QJsonObject invalidLogin{
            {QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
            {QStringLiteral("status"), 401},
            {QStringLiteral("count"), 1},
            {QStringLiteral("body"),
             QJsonObject{
                 {QStringLiteral("title"), QStringLiteral("Unauthorized")},
                 {QStringLiteral("status"), 401},
                 {QStringLiteral("o:errorDetails"),
                  QJsonArray{QJsonObject{
                      {QStringLiteral("detail"), QStringLiteral("Invalid login attempt.")},
                      {QStringLiteral("o:errorCode"), QStringLiteral("INVALID_LOGIN")}}}}}}};
        fault(invalidLogin);
        const Run first = detect();
        QCOMPARE(first.error.errorClass,
                 ErrorClass::Auth); // never worked: a wrong login, said at once
        fault(invalidLogin);
        const Run proven = detect(1000, true);
        QVERIFY2(proven.error.isOk(),
                 qPrintable(proven.error.message)); // worked before: busy, retried
        QCOMPARE(proven.fulfillments, m_fulfillments);
    }

    void hungRequestTimesOutThenRecovers()
    {
        m_endpoint.timeoutMs = 400;
        fault({{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
               {QStringLiteral("hang"), true},
               {QStringLiteral("count"), 1}});
        const Run recovered = detect();
        QVERIFY2(recovered.error.isOk(), qPrintable(recovered.error.message));
        QCOMPARE(recovered.fulfillments, m_fulfillments);
        fault({{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
               {QStringLiteral("hang"), true},
               {QStringLiteral("count"), 10}});
        const Run given = detect();
        QCOMPARE(given.error.errorClass, ErrorClass::Transient);
        QVERIFY(given.error.message.contains(QStringLiteral("did not answer in time")));
    }

    void brokenAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QJsonValue>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated JSON")
            << 200 << QJsonValue(QStringLiteral("{\"items\": [{\"if_id\": \"1\"")) << "cannot read";
        QTest::newRow("items not a list")
            << 200 << QJsonValue(QJsonObject{{QStringLiteral("items"), QStringLiteral("nope")}})
            << "no items array";
        QTest::newRow("item not an object")
            << 200 << QJsonValue(QJsonObject{{QStringLiteral("items"), QJsonArray{1, 2}}})
            << "not an object";
        QTest::newRow("HTML error page")
            << 503
            << QJsonValue(QStringLiteral("<html><body><h1>Service Unavailable</h1></body></html>"))
            << "not NetSuite's JSON";
    }
    void brokenAnswers()
    {
        QFETCH(int, status);
        QFETCH(QJsonValue, body);
        QFETCH(QString, expected);
        fault({{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
               {QStringLiteral("status"), status},
               {QStringLiteral("body"), body},
               {QStringLiteral("count"), 10}});
        const Run run = detect();
        QVERIFY(!run.error.isOk());
        QVERIFY2(run.error.message.contains(expected), qPrintable(run.error.message));
    }

    void wrongTypesAreRejectedRowByRow()
    {
        FulfillmentRowReader reader;
        reader.add({QJsonObject{{QStringLiteral("if_id"), QJsonArray{}},
                                {QStringLiteral("so_id"), true}}});
        QCOMPARE(reader.unreadable().count, 1);
        QVERIFY(reader.unreadable().undated); // no time: the watermark stays where it was
        QVERIFY(reader.takeAll().isEmpty());
    }

    void testConnectionInPlainWords()
    {
        auto check = [&](const NetSuiteEndpoint &endpoint) {
            NetSuiteConnectionTest test(m_network, endpoint);
            QSignalSpy finished(&test, &NetSuiteConnectionTest::finished);
            test.start();
            if (!finished.wait(60000))
                return NetSuiteConnectionTest::Result{};
            return finished.first().first().value<NetSuiteConnectionTest::Result>();
        };
        const auto ok = check(m_endpoint);
        QVERIFY2(ok.ok(), qPrintable(ok.summary));
        QVERIFY(ok.summary.contains(QStringLiteral("credentials work")));
        NetSuiteEndpoint wrong = m_endpoint;
        wrong.credentials.tokenSecret = QStringLiteral("wrong");
        const auto refused = check(wrong);
        QVERIFY(refused.hostAnswers && !refused.credentialsAccepted);
        QVERIFY(refused.summary.contains(QStringLiteral("refused the login")));
        NetSuiteEndpoint dead = m_endpoint;
        dead.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        dead.timeoutMs = 2000;
        const auto unreachable = check(dead);
        QVERIFY(!unreachable.hostAnswers);
        QVERIFY(unreachable.summary.contains(QStringLiteral("does not answer")));
    }
};

QTEST_GUILESS_MAIN(TestNetSuiteClient)
#include "tst_netsuiteclient.moc"
