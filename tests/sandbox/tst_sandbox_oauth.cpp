// NetSuite TBA verification: the published vectors V1-V4 (apis.md §1.2), each failure reason,
// and the exact 401 body over real HTTP.

#include "sandbox/netsuite/oauthverifier.h"
#include "sandbox/server/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync::sandbox;
using Result = OAuthVerifier::Result;

namespace {

const QString kConsumerKey =
    QStringLiteral("ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4");
const QString kConsumerSecret =
    QStringLiteral("d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5");
const QString kToken =
    QStringLiteral("2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc");
const QString kTokenSecret =
    QStringLiteral("c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295");
const qint64 kTimestamp = 1508242306;

// The header a client sends, carrying the published signature (not one we computed).
QByteArray header(const QString &realm, const QString &signature,
                  const QString &method = QStringLiteral("HMAC-SHA256"),
                  const QString &consumerKey = kConsumerKey, const QString &token = kToken,
                  qint64 timestamp = kTimestamp)
{
    return "OAuth realm=\"" + realm.toUtf8() + "\", oauth_token=\"" + token.toUtf8() +
           "\", oauth_consumer_key=\"" + consumerKey.toUtf8() +
           "\", oauth_nonce=\"fjaLirsIcCGVZWzBX0pg\", oauth_timestamp=\"" +
           QByteArray::number(timestamp) + "\", oauth_signature_method=\"" + method.toUtf8() +
           "\", oauth_version=\"1.0\", oauth_signature=\"" +
           signature.toUtf8().toPercentEncoding() + "\"";
}

OAuthVerifier verifierFor(const QString &account, bool checkTimestamp = false)
{
    OAuthVerifier v;
    v.setCredentials({account, kConsumerKey, kConsumerSecret, kToken, kTokenSecret});
    v.setTimestampCheck(checkTimestamp, 300);
    return v;
}

} // namespace

class TestSandboxOAuth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedVectors_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QString>("signature");
        QTest::newRow("V1 REST GET")
            << QStringLiteral("GET")
            << QUrl(QStringLiteral(
                   "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40"))
            << QStringLiteral("B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=");
        QTest::newRow("V2 RESTlet query params")
            << QStringLiteral("POST")
            << QUrl(QStringLiteral(
                   "https://123456.restlets.api.netsuite.com/app/site/hosting/"
                   "restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue"))
            << QStringLiteral("+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=");
        QTest::newRow("V3 other host")
            << QStringLiteral("POST")
            << QUrl(QStringLiteral(
                   "https://1234567.restlets.api.netsuite.com/app/site/hosting/"
                   "restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue"))
            << QStringLiteral("i7MEtGwhCTIZbTsTrNGw9LdcERn4wsjt5C7TxmKWIfU=");
        QTest::newRow("V4 SuiteQL paging")
            << QStringLiteral("POST")
            << QUrl(QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/"
                                   "query/v1/suiteql?limit=1000&offset=0"))
            << QStringLiteral("AB8T1f3fBe4sHDZCO6ABBHmXOi8XzsG393LuEHdOA/E=");
    }

    void publishedVectors()
    {
        QFETCH(QString, method);
        QFETCH(QUrl, url);
        QFETCH(QString, signature);
        const QString account = QStringLiteral("1234567_SB1");
        {
            OAuthVerifier v = verifierFor(account);
            QString detail;
            QCOMPARE(v.verify(method, url, header(account, signature),
                              QDateTime::currentSecsSinceEpoch(), &detail),
                     Result::Ok);
        }
        {
            // One byte of the signature changed.
            QString tampered = signature;
            tampered[3] = tampered[3] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
            OAuthVerifier v = verifierFor(account);
            QCOMPARE(v.verify(method, url, header(account, tampered), 0), Result::InvalidSignature);
        }
        {
            // One byte of the signed request changed (the path).
            QUrl other = url;
            other.setPath(url.path() + QLatin1Char('x'));
            OAuthVerifier v = verifierFor(account);
            QCOMPARE(v.verify(method, other, header(account, signature), 0),
                     Result::InvalidSignature);
        }
        {
            // The method is signed too.
            OAuthVerifier v = verifierFor(account);
            QCOMPARE(v.verify(method == QLatin1String("GET") ? QStringLiteral("POST")
                                                             : QStringLiteral("GET"),
                              url, header(account, signature), 0),
                     Result::InvalidSignature);
        }
    }

    void baseStringMatchesV1()
    {
        const QList<QPair<QString, QString>> params = {
            {QStringLiteral("oauth_consumer_key"), kConsumerKey},
            {QStringLiteral("oauth_token"), kToken},
            {QStringLiteral("oauth_nonce"), QStringLiteral("fjaLirsIcCGVZWzBX0pg")},
            {QStringLiteral("oauth_timestamp"), QString::number(kTimestamp)},
            {QStringLiteral("oauth_signature_method"), QStringLiteral("HMAC-SHA256")},
            {QStringLiteral("oauth_version"), QStringLiteral("1.0")},
            {QStringLiteral("realm"), QStringLiteral("123456")}};
        QCOMPARE(OAuthVerifier::baseString(
                     QStringLiteral("GET"),
                     QUrl(QStringLiteral("https://123456.suitetalk.api.netsuite.com/services/rest/"
                                         "record/v1/employee/40")),
                     params),
                 QByteArray("GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%"
                            "2Frecord%2Fv1%2Femployee%2F40&oauth_consumer_key%"
                            "3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%"
                            "26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-"
                            "SHA256%26oauth_timestamp%3D1508242306%26oauth_token%"
                            "3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%"
                            "26oauth_version%3D1.0"));
        QCOMPARE(OAuthVerifier::percentEncode(QStringLiteral("a b!'()*~+/=")),
                 QByteArray("a%20b%21%27%28%29%2A~%2B%2F%3D"));
    }

    void failureReasons()
    {
        const QUrl v1(QStringLiteral(
            "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40"));
        const QString sig = QStringLiteral("B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=");
        const QString acct = QStringLiteral("123456");
        {
            OAuthVerifier v = verifierFor(acct);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, header(acct, sig), 0), Result::Ok);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, header(acct, sig), 0),
                     Result::NonceReused);
            QCOMPARE(v.auditTrail().last().reason, QStringLiteral("NonceReused"));
        }
        {
            OAuthVerifier v = verifierFor(acct);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1,
                              header(acct, sig, QStringLiteral("HMAC-SHA1")), 0),
                     Result::UnsupportedSignatureMethod);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, header(QStringLiteral("654321"), sig), 0),
                     Result::InvalidAccount);
            QCOMPARE(
                v.verify(QStringLiteral("GET"), v1,
                         header(acct, sig, QStringLiteral("HMAC-SHA256"), QStringLiteral("nobody")),
                         0),
                Result::UnknownConsumer);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1,
                              header(acct, sig, QStringLiteral("HMAC-SHA256"), kConsumerKey,
                                     QStringLiteral("revoked")),
                              0),
                     Result::UnknownToken);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, QByteArray(), 0), Result::MissingHeader);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, "Bearer abc", 0), Result::MalformedHeader);
            QCOMPARE(
                v.verify(QStringLiteral("GET"), v1, "OAuth realm=\"123456\", oauth_token=\"x\"", 0),
                Result::MissingTokenPassportRequiredFields);
            QCOMPARE(v.auditTrail().size(), 7);
            QCOMPARE(v.auditTrail().first().reason, QStringLiteral("UnsupportedSignatureMethod"));
        }
        {
            // The clock check: 300 s either way is fine, 301 s is stale.
            OAuthVerifier v = verifierFor(acct, true);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, header(acct, sig), kTimestamp + 301),
                     Result::StaleTimestamp);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, header(acct, sig), kTimestamp - 301),
                     Result::StaleTimestamp);
            QCOMPARE(v.verify(QStringLiteral("GET"), v1, header(acct, sig), kTimestamp + 300),
                     Result::Ok);
        }
    }

    void overHttp()
    {
        SandboxServer server;
        QString error;
        QVERIFY(server.loadScenario(sandboxtest::basicScenario(), &error));
        QVERIFY(server.listen(0) != 0);
        sandboxtest::Client client;
        const QString q =
            QStringLiteral("SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd'");
        const sandboxtest::Reply ok = client.suiteQl(server, q);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json[QLatin1String("items")][0][QLatin1String("n")].toString(),
                 QStringLiteral("5"));

        // NetSuite's exact 401 body (built in code: moc 6.4 trips over this text as a raw string).
        const QJsonObject expected{
            {QStringLiteral("type"),
             QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2")},
            {QStringLiteral("title"), QStringLiteral("Unauthorized")},
            {QStringLiteral("status"), 401},
            {QStringLiteral("o:errorDetails"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("detail"),
                  QStringLiteral(
                      "Invalid login attempt. For more details, see the Login Audit Trail in the "
                      "NetSuite UI at Setup > Users/Roles > User Management > View Login Audit "
                      "Trail.")},
                 {QStringLiteral("o:errorCode"), QStringLiteral("INVALID_LOGIN")}}}}};
        const auto c = server.credentials();
        QUrl url = server.netSuiteBaseUrl();
        url.setPath(QStringLiteral("/services/rest/query/v1/suiteql"));
        url.setQuery(QStringLiteral("limit=10&offset=0"));
        const QJsonObject body{{QStringLiteral("q"), q}};
        auto send = [&](const QByteArray &authorization) {
            QList<QPair<QByteArray, QByteArray>> headers;
            if (!authorization.isEmpty())
                headers.append(qMakePair(QByteArray("Authorization"), authorization));
            return client.json("POST", url, body, headers);
        };
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        // Missing header.
        sandboxtest::Reply r = send({});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json, expected);
        // Signed for limit=1000 but sent with limit=10: query params are part of the signature.
        QUrl signedUrl = url;
        signedUrl.setQuery(QStringLiteral("limit=1000&offset=0"));
        r = send(sandboxtest::tbaHeader("POST", signedUrl, c.accountId, c.consumerKey,
                                        c.consumerSecret, c.tokenId, c.tokenSecret,
                                        QStringLiteral("nonce1"), now));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json, expected);
        // HMAC-SHA1 is refused even when the signature itself is fine.
        r = send(sandboxtest::tbaHeader("POST", url, c.accountId, c.consumerKey, c.consumerSecret,
                                        c.tokenId, c.tokenSecret, QStringLiteral("nonce2"), now,
                                        QStringLiteral("HMAC-SHA1")));
        QCOMPARE(r.status, 401);
        // Stale timestamp (real clock, 10 minutes off).
        r = send(sandboxtest::tbaHeader("POST", url, c.accountId, c.consumerKey, c.consumerSecret,
                                        c.tokenId, c.tokenSecret, QStringLiteral("nonce3"),
                                        now - 600));
        QCOMPARE(r.status, 401);
        // Realm in host form instead of the account id.
        r = send(sandboxtest::tbaHeader("POST", url, QStringLiteral("1234567-sb1"), c.consumerKey,
                                        c.consumerSecret, c.tokenId, c.tokenSecret,
                                        QStringLiteral("nonce4"), now));
        QCOMPARE(r.status, 401);
        // A good one, then the same nonce again.
        const QByteArray good =
            sandboxtest::tbaHeader("POST", url, c.accountId, c.consumerKey, c.consumerSecret,
                                   c.tokenId, c.tokenSecret, QStringLiteral("nonce5"), now);
        QCOMPARE(send(good).status, 200);
        r = send(good);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json, expected);

        const QJsonObject state = client.state(server);
        QStringList reasons;
        for (const QJsonValue &e :
             state[QLatin1String("netsuite")][QLatin1String("loginAuditTrail")].toArray())
            reasons << e[QLatin1String("reason")].toString();
        QCOMPARE(
            reasons,
            (QStringList{QStringLiteral("Success"), QStringLiteral("MissingAuthorizationHeader"),
                         QStringLiteral("InvalidSignature"),
                         QStringLiteral("UnsupportedSignatureMethod"),
                         QStringLiteral("StaleTimestamp"), QStringLiteral("InvalidAccount"),
                         QStringLiteral("Success"), QStringLiteral("NonceReused")}));
        const QJsonObject suiteql = state[QLatin1String("requests")][QLatin1String("byEndpoint")]
                                         [QLatin1String("netsuite.suiteql")]
                                             .toObject();
        QCOMPARE(suiteql[QLatin1String("total")].toInt(), 8);
        QCOMPARE(suiteql[QLatin1String("byStatus")][QLatin1String("401")].toInt(), 6);
        QCOMPARE(suiteql[QLatin1String("byStatus")][QLatin1String("200")].toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSandboxOAuth)
#include "tst_sandbox_oauth.moc"
