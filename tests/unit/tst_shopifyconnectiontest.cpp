// The words of Shopify's Test connection for each kind of answer, and the request it sends.

#include "sync/net/httpresult.h"
#include "sync/net/shopifyconnectiontest.h"

#include <QTest>

using namespace fulfillsync;

class TestShopifyConnectionTest : public QObject
{
    Q_OBJECT

    static HttpResult answer(int status, const QByteArray &body = {})
    {
        HttpResult r;
        r.status = status;
        r.body = body;
        return r;
    }

private Q_SLOTS:
    void interpret_data()
    {
        QTest::addColumn<HttpResult>("result");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("hostAnswers");
        QTest::addColumn<QString>("words");
        HttpResult unreachable;
        unreachable.networkError = QNetworkReply::ConnectionRefusedError;
        unreachable.networkErrorText = QStringLiteral("Connection refused");
        HttpResult late;
        late.timedOut = true;
        QTest::newRow("ok") << answer(200, "{\"shop\":{\"name\":\"Acme\"}}") << true << true
                            << QStringLiteral("Connected to the store \"Acme\"");
        QTest::newRow("401") << answer(401) << false << true
                             << QStringLiteral("refused the access token");
        QTest::newRow("403") << answer(403) << false << true
                             << QStringLiteral("refused the access token");
        QTest::newRow("404") << answer(404) << false << true
                             << QStringLiteral("no Shopify store at this address");
        QTest::newRow("429") << answer(429) << false << true << QStringLiteral("slow down");
        QTest::newRow("500") << answer(500) << false << true << QStringLiteral("HTTP 500");
        QTest::newRow("not shopify") << answer(200, "<html></html>") << false << true
                                     << QStringLiteral("not like a Shopify store");
        QTest::newRow("refused") << unreachable << false << false
                                 << QStringLiteral("cannot be reached (Connection refused)");
        QTest::newRow("timeout") << late << false << false
                                 << QStringLiteral("did not answer in time");
    }

    void interpret()
    {
        QFETCH(HttpResult, result);
        QFETCH(bool, ok);
        QFETCH(bool, hostAnswers);
        QFETCH(QString, words);
        const auto r =
            ShopifyConnectionTest::interpret(result, QStringLiteral("acme.myshopify.com"));
        QCOMPARE(r.ok(), ok);
        QCOMPARE(r.hostAnswers, hostAnswers);
        QVERIFY2(r.summary.contains(words), qPrintable(r.summary));
    }

    void readsShopJson()
    {
        ShopifyEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("https://acme.myshopify.com/"));
        QCOMPARE(ShopifyApi::adminUrl(endpoint, QStringLiteral("shop.json")).toString(),
                 QStringLiteral("https://acme.myshopify.com/admin/api/2024-10/shop.json"));
    }
};

QTEST_GUILESS_MAIN(TestShopifyConnectionTest)
#include "tst_shopifyconnectiontest.moc"
