// TBA signing against the published vectors (apis.md §1.2) and the RFC 5849 examples.

#include "sync/net/tbasigner.h"

#include <QTest>

using namespace fulfillsync;

namespace {
const TbaCredentials kOracle{
    QStringLiteral("ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4"),
    QStringLiteral("d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5"),
    QStringLiteral("2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc"),
    QStringLiteral("c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295")};

TbaSigner::Params oracleParams()
{
    return {{"oauth_consumer_key", kOracle.consumerKey.toUtf8()},
            {"oauth_nonce", "fjaLirsIcCGVZWzBX0pg"},
            {"oauth_signature_method", "HMAC-SHA256"},
            {"oauth_timestamp", "1508242306"},
            {"oauth_token", kOracle.tokenId.toUtf8()},
            {"oauth_version", "1.0"}};
}
} // namespace

class TestTbaSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oracleVectors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("V1 record GET")
            << QByteArray("GET")
            << "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40"
            << QByteArray("B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=");
        QTest::newRow("V2 RESTlet query params")
            << QByteArray("POST")
            << "https://123456.restlets.api.netsuite.com/app/site/hosting/"
               "restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue"
            << QByteArray("+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=");
        QTest::newRow("V3 other host")
            << QByteArray("POST")
            << "https://1234567.restlets.api.netsuite.com/app/site/hosting/"
               "restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue"
            << QByteArray("i7MEtGwhCTIZbTsTrNGw9LdcERn4wsjt5C7TxmKWIfU=");
        QTest::newRow("V4 SuiteQL paging params signed")
            << QByteArray("POST")
            << "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/"
               "suiteql?limit=1000&offset=0"
            << QByteArray("AB8T1f3fBe4sHDZCO6ABBHmXOi8XzsG393LuEHdOA/E=");
    }
    void oracleVectors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, url);
        QFETCH(QByteArray, signature);
        const QByteArray base = TbaSigner::baseString(method, QUrl(url), oracleParams());
        QCOMPARE(TbaSigner::sign(base, kOracle.consumerSecret, kOracle.tokenSecret), signature);
    }

    void v1BaseStringIsExact()
    {
        const QByteArray base = TbaSigner::baseString(
            "GET",
            QUrl(QStringLiteral(
                "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40")),
            oracleParams());
        QCOMPARE(base,
                 QByteArray("GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%"
                            "2Frecord%2Fv1%2Femployee%2F40&oauth_consumer_key%"
                            "3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%"
                            "26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-"
                            "SHA256%26oauth_timestamp%3D1508242306%26oauth_token%"
                            "3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%"
                            "26oauth_version%3D1.0"));
    }

    void headerCarriesEncodedSignatureAndRealm()
    {
        const QByteArray header = TbaSigner::authorizationHeader(
            "GET",
            QUrl(QStringLiteral(
                "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40")),
            QStringLiteral("123456"), kOracle, "fjaLirsIcCGVZWzBX0pg", 1508242306);
        QVERIFY(header.startsWith("OAuth realm=\"123456\""));
        QVERIFY(header.contains(
            "oauth_signature=\"B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D\""));
        QVERIFY(header.contains("oauth_signature_method=\"HMAC-SHA256\""));
    }

    void rfc5849PhotosExample()
    {
        // §1.2: HMAC-SHA1, no oauth_version.
        const TbaSigner::Params params = {{"oauth_consumer_key", "dpf43f3p2l4k3l03"},
                                          {"oauth_token", "nnch734d00sl2jdk"},
                                          {"oauth_signature_method", "HMAC-SHA1"},
                                          {"oauth_timestamp", "137131202"},
                                          {"oauth_nonce", "chapoH"}};
        const QByteArray base = TbaSigner::baseString(
            "GET",
            QUrl(
                QStringLiteral("http://photos.example.net/photos?file=vacation.jpg&size=original")),
            params);
        QCOMPARE(TbaSigner::sign(base, QStringLiteral("kd94hf93k423kf44"),
                                 QStringLiteral("pfkkdhi9sl3r4s00"), TbaSigner::Method::HmacSha1),
                 QByteArray("MdpQcU8iPSUjWoN/UDMsK2sui9I="));
    }

    void oauthCoreAppendixA5()
    {
        const TbaSigner::Params params = {
            {"oauth_consumer_key", "dpf43f3p2l4k3l03"}, {"oauth_token", "nnch734d00sl2jdk"},
            {"oauth_signature_method", "HMAC-SHA1"},    {"oauth_timestamp", "1191242096"},
            {"oauth_nonce", "kllo9940pd9333jh"},        {"oauth_version", "1.0"}};
        const QByteArray base = TbaSigner::baseString(
            "GET",
            QUrl(
                QStringLiteral("http://photos.example.net/photos?file=vacation.jpg&size=original")),
            params);
        QCOMPARE(TbaSigner::sign(base, QStringLiteral("kd94hf93k423kf44"),
                                 QStringLiteral("pfkkdhi9sl3r4s00"), TbaSigner::Method::HmacSha1),
                 QByteArray("tR3+Ty81lMeYAr/Fid0kMTYa/WM="));
    }

    void rfc5849BaseStringWithDuplicatesAndDoubleEncoding()
    {
        // §3.4.1.1: duplicate keys, empty values, an encoded '=' that must be encoded again.
        const TbaSigner::Params oauth = {{"oauth_consumer_key", "9djdj82h48djs9d2"},
                                         {"oauth_token", "kkk9d7dh3k39sjv7"},
                                         {"oauth_signature_method", "HMAC-SHA1"},
                                         {"oauth_timestamp", "137131201"},
                                         {"oauth_nonce", "7d8f3e4a"}};
        const TbaSigner::Params body = {{"c2", ""}, {"a3", "2 q"}};
        const QByteArray base = TbaSigner::baseString(
            "POST",
            QUrl(QStringLiteral("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b")),
            oauth, body);
        QCOMPARE(base,
                 QByteArray(
                     "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%"
                     "26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%"
                     "3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-"
                     "SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"));
    }

    void percentEncodingIsRfc3986()
    {
        QCOMPARE(TbaSigner::percentEncode("a b+c!'()*~-._"),
                 QByteArray("a%20b%2Bc%21%27%28%29%2A~-._"));
        QCOMPARE(TbaSigner::percentEncode("ü"), QByteArray("%C3%BC"));
    }

    void noncesAreUniqueAndPlain()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i) {
            const QByteArray nonce = TbaSigner::newNonce();
            QCOMPARE(nonce.size(), 20);
            for (char c : nonce)
                QVERIFY(std::isalnum(static_cast<unsigned char>(c)));
            seen.insert(nonce);
        }
        QCOMPARE(seen.size(), 1000);
    }

    void accountIdForms()
    {
        QCOMPARE(NetSuiteAccountId::realmOf(QStringLiteral("1234567-sb1")),
                 QStringLiteral("1234567_SB1"));
        QCOMPARE(NetSuiteAccountId::realmOf(QStringLiteral("tstdrv9")), QStringLiteral("TSTDRV9"));
        QCOMPARE(NetSuiteAccountId::hostLabelOf(QStringLiteral("1234567_SB1")),
                 QStringLiteral("1234567-sb1"));
        QCOMPARE(NetSuiteAccountId::defaultRestBaseUrl(QStringLiteral("1234567_SB1")),
                 QUrl(QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com")));
    }
};

QTEST_APPLESS_MAIN(TestTbaSigner)
#include "tst_tbasigner.moc"
