// NetSuite concurrency governance (apis.md §1.6) over loopback with overlapping requests: the
// default 429 CONCURRENCY_LIMIT_EXCEEDED, the "401 INVALID_LOGIN under load" variant (scenario
// switch and run-time settings endpoint), and the login audit trail telling them apart.

#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync::sandbox;

namespace {

struct Outcome
{
    int status = 0;
    QJsonObject body;
};

QJsonObject invalidLoginBody()
{
    return QJsonObject{
        {QStringLiteral("type"),
         QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2")},
        {QStringLiteral("title"), QStringLiteral("Unauthorized")},
        {QStringLiteral("status"), 401},
        {QStringLiteral("o:errorDetails"),
         QJsonArray{QJsonObject{
             {QStringLiteral("detail"),
              QStringLiteral("Invalid login attempt. For more details, see the Login Audit Trail "
                             "in the NetSuite UI at Setup > Users/Roles > User Management > View "
                             "Login Audit Trail.")},
             {QStringLiteral("o:errorCode"), QStringLiteral("INVALID_LOGIN")}}}}};
}

QString errorCode(const QJsonObject &body)
{
    return body[QLatin1String("o:errorDetails")][0][QLatin1String("o:errorCode")].toString();
}

QList<int> statuses(const QList<Outcome> &outcomes)
{
    QList<int> list;
    for (const Outcome &o : outcomes)
        list << o.status;
    std::sort(list.begin(), list.end());
    return list;
}

QJsonObject withGovernance(const QJsonObject &netsuite)
{
    QJsonObject s = sandboxtest::basicScenario();
    QJsonObject ns = s[QLatin1String("netsuite")].toObject();
    for (auto it = netsuite.begin(); it != netsuite.end(); ++it)
        ns.insert(it.key(), it.value());
    s.insert(QStringLiteral("netsuite"), ns);
    return s;
}

} // namespace

class TestSandboxGovernance final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    sandboxtest::Client m_client;

    void start(const QJsonObject &scenario)
    {
        m_server = std::make_unique<SandboxServer>();
        QString error;
        QVERIFY2(m_server->loadScenario(scenario, &error), qPrintable(error));
        QVERIFY(m_server->listen(0) != 0);
    }

    QUrl settingsUrl() const
    {
        return m_server->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/netsuite/settings")));
    }

    // `count` correctly signed requests in flight at once: SuiteQL and Record API GETs
    // alternately, since both share the account's slots.
    QList<Outcome> overlapping(int count)
    {
        const auto c = m_server->credentials();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < count; ++i) {
            QUrl url = m_server->netSuiteBaseUrl();
            const bool suiteQl = i % 2 == 0;
            url.setPath(suiteQl ? QStringLiteral("/services/rest/query/v1/suiteql")
                                : QStringLiteral("/services/rest/record/v1/salesOrder/1001"));
            url.setQuery(suiteQl ? QStringLiteral("limit=10&offset=0")
                                 : QStringLiteral("expandSubResources=true"));
            QNetworkRequest request(url);
            request.setRawHeader("Authorization",
                                 sandboxtest::tbaHeader(suiteQl ? "POST" : "GET", url, c.accountId,
                                                        c.consumerKey, c.consumerSecret, c.tokenId,
                                                        c.tokenSecret, sandboxtest::randomNonce(),
                                                        QDateTime::currentSecsSinceEpoch()));
            if (suiteQl) {
                request.setHeader(QNetworkRequest::ContentTypeHeader,
                                  QStringLiteral("application/json"));
                replies << m_client.network.post(
                    request,
                    QJsonDocument(QJsonObject{{QStringLiteral("q"),
                                               QStringLiteral("SELECT id FROM transaction")}})
                        .toJson(QJsonDocument::Compact));
            } else {
                replies << m_client.network.get(request);
            }
        }
        const bool done = QTest::qWaitFor(
            [&] {
                return std::all_of(replies.cbegin(), replies.cend(),
                                   [](QNetworkReply *r) { return r->isFinished(); });
            },
            10000);
        QList<Outcome> outcomes;
        for (QNetworkReply *reply : replies) {
            if (done)
                outcomes.append({reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                 QJsonDocument::fromJson(reply->readAll()).object()});
            reply->abort();
            reply->deleteLater();
        }
        return outcomes;
    }

    QJsonObject netsuiteState()
    {
        return m_client.state(*m_server)[QLatin1String("netsuite")].toObject();
    }

    int auditCount(const QString &reason)
    {
        int n = 0;
        for (const QJsonValue &e : netsuiteState()[QLatin1String("loginAuditTrail")].toArray())
            n += e[QLatin1String("reason")].toString() == reason ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void scenarioSwitchAnswers401UnderLoad()
    {
        start(withGovernance(
            QJsonObject{{QStringLiteral("concurrencyLimit"), 1},
                        {QStringLiteral("latencyMs"), 300},
                        {QStringLiteral("concurrencyRejection"), QStringLiteral("401")}}));
        QCOMPARE(netsuiteState()[QLatin1String("concurrencyRejection")].toString(),
                 QStringLiteral("401"));
        const QList<Outcome> outcomes = overlapping(3);
        QCOMPARE(statuses(outcomes), (QList<int>{200, 401, 401}));
        // Exactly what a bad signature gets: the client cannot tell them apart...
        for (const Outcome &o : outcomes)
            if (o.status == 401)
                QCOMPARE(o.body, invalidLoginBody());
        // ...only the login audit trail can, and the refused logins are not shown as successes.
        QCOMPARE(auditCount(QStringLiteral("ConcurrencyLimit")), 2);
        QCOMPARE(auditCount(QStringLiteral("Success")), 1);
        const QJsonObject state = m_client.state(*m_server);
        QCOMPARE(state[QLatin1String("requests")][QLatin1String("byStatus")][QLatin1String("401")]
                     .toInt(),
                 2);
        QCOMPARE(state[QLatin1String("netsuite")][QLatin1String("inFlight")].toInt(), 0);
        // The slots are given back: one at a time is fine.
        QCOMPARE(m_client.suiteQl(*m_server, QStringLiteral("SELECT id FROM transaction")).status,
                 200);
    }

    void defaultStays429()
    {
        start(withGovernance(QJsonObject{{QStringLiteral("concurrencyLimit"), 1},
                                         {QStringLiteral("latencyMs"), 300}}));
        QCOMPARE(netsuiteState()[QLatin1String("concurrencyRejection")].toString(),
                 QStringLiteral("429"));
        const QList<Outcome> outcomes = overlapping(2);
        QCOMPARE(statuses(outcomes), (QList<int>{200, 429}));
        for (const Outcome &o : outcomes)
            if (o.status == 429)
                QCOMPARE(errorCode(o.body), QStringLiteral("CONCURRENCY_LIMIT_EXCEEDED"));
        QCOMPARE(auditCount(QStringLiteral("ConcurrencyLimit")), 0);
    }

    void settingsEndpointSwitchesAtRunTime()
    {
        start(sandboxtest::basicScenario());
        sandboxtest::Reply r = m_client.request("GET", settingsUrl());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json,
                 (QJsonObject{{QStringLiteral("concurrencyLimit"), 5},
                              {QStringLiteral("concurrencyRejection"), QStringLiteral("429")},
                              {QStringLiteral("latencyMs"), 0}}));
        r = m_client.json(
            "POST", settingsUrl(),
            QJsonObject{{QStringLiteral("concurrencyRejection"), QStringLiteral("401")},
                        {QStringLiteral("concurrencyLimit"), 1},
                        {QStringLiteral("latencyMs"), 50}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json,
                 (QJsonObject{{QStringLiteral("concurrencyLimit"), 1},
                              {QStringLiteral("concurrencyRejection"), QStringLiteral("401")},
                              {QStringLiteral("latencyMs"), 50}}));
        // More latency than the test machine's scheduling jitter, so the requests surely overlap;
        // the keys not given stay.
        r = m_client.json("POST", settingsUrl(), QJsonObject{{QStringLiteral("latencyMs"), 300}});
        QCOMPARE(r.json[QLatin1String("concurrencyRejection")].toString(), QStringLiteral("401"));
        QCOMPARE(r.json[QLatin1String("concurrencyLimit")].toInt(), 1);
        QList<Outcome> outcomes = overlapping(3);
        QCOMPARE(statuses(outcomes), (QList<int>{200, 401, 401}));
        QCOMPARE(auditCount(QStringLiteral("ConcurrencyLimit")), 2);

        // Back to 429 (a number is accepted too), with room for two at once.
        r = m_client.json("POST", settingsUrl(),
                          QJsonObject{{QStringLiteral("concurrencyRejection"), 429},
                                      {QStringLiteral("concurrencyLimit"), 2}});
        QCOMPARE(r.status, 200);
        outcomes = overlapping(3);
        QCOMPARE(statuses(outcomes), (QList<int>{200, 200, 429}));
        QCOMPARE(auditCount(QStringLiteral("ConcurrencyLimit")), 2);
        const QJsonObject ns = netsuiteState();
        QCOMPARE(ns[QLatin1String("concurrencyRejection")].toString(), QStringLiteral("429"));
        QCOMPARE(ns[QLatin1String("concurrencyLimit")].toInt(), 2);
        QCOMPARE(ns[QLatin1String("latencyMs")].toInt(), 300);

        // Loading a scenario starts from its own settings again.
        QCOMPARE(m_client
                     .json("POST",
                           m_server->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/scenario"))),
                           sandboxtest::basicScenario())
                     .status,
                 200);
        QCOMPARE(
            m_client.request("GET", settingsUrl()).json[QLatin1String("concurrencyLimit")].toInt(),
            5);
    }

    void settingsAreValidatedWhole()
    {
        start(sandboxtest::basicScenario());
        auto post = [&](const QJsonObject &body) {
            return m_client.json("POST", settingsUrl(), body);
        };
        sandboxtest::Reply r =
            post(QJsonObject{{QStringLiteral("concurrencyRejection"), QStringLiteral("500")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json[QLatin1String("error")].toString(),
                 QStringLiteral("concurrencyRejection: must be one of 429, 401"));
        r = post(QJsonObject{{QStringLiteral("concurrencyLimit"), 0}});
        QCOMPARE(r.json[QLatin1String("error")].toString(),
                 QStringLiteral("concurrencyLimit: must be at least 1"));
        // Nothing of a refused body applies, not even its valid keys.
        r = post(QJsonObject{{QStringLiteral("latencyMs"), 20}, {QStringLiteral("bogus"), 1}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json[QLatin1String("error")].toString(), QStringLiteral("bogus: unknown key"));
        QCOMPARE(m_client.request("GET", settingsUrl()).json[QLatin1String("latencyMs")].toInt(),
                 0);
        QCOMPARE(m_client.request("PUT", settingsUrl(), "{}").status, 405);
    }

    void scenarioSwitchIsValidated()
    {
        SandboxServer server;
        QString error;
        QVERIFY(!server.loadScenario(
            withGovernance(
                QJsonObject{{QStringLiteral("concurrencyRejection"), QStringLiteral("403")}}),
            &error));
        QCOMPARE(error, QStringLiteral("netsuite.concurrencyRejection: must be one of 429, 401"));
        QVERIFY(!server.loadScenario(
            withGovernance(QJsonObject{{QStringLiteral("concurrencyRejection"), true}}), &error));
        QVERIFY2(
            server.loadScenario(
                withGovernance(QJsonObject{{QStringLiteral("concurrencyRejection"), 401}}), &error),
            qPrintable(error));
        QCOMPARE(server.state()[QLatin1String("netsuite")][QLatin1String("concurrencyRejection")]
                     .toString(),
                 QStringLiteral("401"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxGovernance)
#include "tst_sandbox_governance.moc"
