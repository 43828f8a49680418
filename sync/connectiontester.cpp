#include "sync/connectiontester.h"

#include "sync/alerts/mailsender.h"
#include "sync/net/httpcall.h"
#include "sync/net/netsuiterecords.h"
#include "sync/net/shipstationapi.h"
#include "sync/net/shopifyconnectiontest.h"

#include <QNetworkAccessManager>

namespace fulfillsync {

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_mail(new MailSender(this))
{}

ConnectionTester::~ConnectionTester() = default; // a running client is a child and goes too

bool ConnectionTester::begin()
{
    if (m_running)
        return false;
    m_running = true;
    return true;
}

void ConnectionTester::finish(bool ok, const QString &summary)
{
    if (m_test)
        m_test->deleteLater();
    m_running = false;
    Q_EMIT finished({ok, summary});
}

void ConnectionTester::testNetSuite(const QString &accountId, const QUrl &baseUrl,
                                    const TbaCredentials &credentials)
{
    if (!begin())
        return;
    NetSuiteEndpoint endpoint;
    endpoint.accountId = accountId;
    endpoint.baseUrl = baseUrl;
    endpoint.credentials = credentials;
    endpoint.timeoutMs = 30000;
    auto *test = new NetSuiteConnectionTest(*m_network, endpoint, this);
    m_test = test;
    connect(test, &NetSuiteConnectionTest::finished, this,
            [this](const NetSuiteConnectionTest::Result &result) {
                finish(result.ok(), result.summary);
            });
    test->start();
}

void ConnectionTester::testChannel(const Connector &connector, const QString &accessToken)
{
    if (!begin())
        return;
    if (connector.isThreePl())
        return testThreePl(connector, accessToken);
    if (connector.kind != u"shopify") {
        finish(false, tr("Connectors of kind \"%1\" cannot be tested yet.").arg(connector.kind));
        return;
    }
    ShopifyEndpoint endpoint;
    endpoint.baseUrl = QUrl(connector.endpoint);
    endpoint.accessToken = accessToken;
    endpoint.timeoutMs = 15000;
    auto *test = new ShopifyConnectionTest(*m_network, endpoint, this);
    m_test = test;
    connect(test, &ShopifyConnectionTest::finished, this,
            [this](const ShopifyConnectionTest::Result &result) {
                finish(result.ok(), result.summary);
            });
    test->start();
}

// One page of shipments: is the address a ShipStation-style API, and does it take the key?
void ConnectionTester::testThreePl(const Connector &connector, const QString &keyAndSecret)
{
    ThreePlEndpoint endpoint;
    endpoint.baseUrl = QUrl(connector.endpoint);
    endpoint.apiKey = keyAndSecret.section(u':', 0, 0);
    endpoint.apiSecret = keyAndSecret.section(u':', 1);
    endpoint.timeoutMs = 15000;
    HttpCall *call = ShipStationApi::listShipments(*m_network, endpoint, QDateTime(), 1, this);
    m_test = call;
    RetryPolicy once;
    once.maxAttempts = 1;
    once.maxThrottledAttempts = 1;
    call->setRetryPolicy(once);
    const QString host = endpoint.baseUrl.host();
    connect(call, &HttpCall::finished, this, [this, call, host](const HttpResult &result) {
        call->deleteLater();
        QString problem;
        if (result.status == 401 || result.status == 403)
            return finish(false, tr("%1 refused the API key and secret (HTTP %2). Copy both "
                                    "again from the 3PL's API settings.")
                                     .arg(host)
                                     .arg(result.status));
        if (!result.isSuccess())
            return finish(false,
                          tr("%1 did not answer as a 3PL API: %2").arg(host, result.failureText()));
        if (!ShipStationApi::readShipmentPage(result.body, &problem))
            return finish(false,
                          tr("%1 answered, but not with a shipment list: %2").arg(host, problem));
        finish(true, tr("%1 accepted the API key; shipments can be read.").arg(host));
    });
    call->start();
}

void ConnectionTester::sendTestMail(const MailServer &server, const QString &password,
                                    const QString &to)
{
    if (!begin())
        return;
    OutgoingMail mail{server,
                      password,
                      {to},
                      tr("fulfillsync test mail"),
                      tr("This is a test of fulfillsync's alert mail. If you read it, alert "
                         "digests for the connectors that name you will arrive.")};
    m_mail->send(mail, [this, to](const QString &error) {
        finish(error.isEmpty(),
               error.isEmpty() ? tr("The mail server accepted a test mail to %1.").arg(to) : error);
    });
}

} // namespace fulfillsync
