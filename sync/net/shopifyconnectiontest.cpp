#include "sync/net/shopifyconnectiontest.h"

#include "sync/net/httpcall.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fulfillsync {

ShopifyConnectionTest::ShopifyConnectionTest(QNetworkAccessManager &network,
                                             ShopifyEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
{}

void ShopifyConnectionTest::start()
{
    m_call = ShopifyApi::getShop(m_network, m_endpoint, this);
    // An admin is waiting for the answer: one try, no backoff.
    RetryPolicy once;
    once.maxAttempts = 1;
    m_call->setRetryPolicy(once);
    const QString host = m_endpoint.baseUrl.host();
    connect(m_call, &HttpCall::finished, this, [this, host](const HttpResult &result) {
        m_call->deleteLater();
        Q_EMIT finished(interpret(result, host));
    });
    m_call->start();
}

void ShopifyConnectionTest::abort()
{
    if (m_call)
        m_call->abort();
}

ShopifyConnectionTest::Result ShopifyConnectionTest::interpret(const HttpResult &result,
                                                               const QString &host)
{
    Result r;
    if (result.cancelled) {
        r.summary = tr("The test was cancelled.");
        return r;
    }
    if (!result.hasHttpAnswer()) {
        r.summary = result.timedOut
                        ? tr("%1 did not answer in time. Check the store address and the network.")
                              .arg(host)
                        : tr("%1 cannot be reached (%2). Check the store address and the network.")
                              .arg(host, result.networkErrorText);
        return r;
    }
    r.hostAnswers = true;
    if (result.status == 401 || result.status == 403) {
        r.summary = tr("%1 answers, but refused the access token. Copy the Admin API access token "
                       "from the store's app settings again.")
                        .arg(host);
        return r;
    }
    if (result.status == 404) {
        r.summary = tr("%1 answers, but there is no Shopify store at this address. Check the "
                       "store address (https://your-store.myshopify.com).")
                        .arg(host);
        return r;
    }
    if (result.status == 429) {
        // Busy, which says nothing about the token yet.
        r.summary = tr("%1 answers, but asks to slow down (too many requests). Try again in a "
                       "minute.")
                        .arg(host);
        return r;
    }
    if (!result.isSuccess()) {
        r.summary = tr("%1 answered with an error (HTTP %2). Try again later.")
                        .arg(host)
                        .arg(result.status);
        return r;
    }
    const QJsonObject shop =
        QJsonDocument::fromJson(result.body).object().value(QLatin1String("shop")).toObject();
    if (shop.isEmpty()) {
        r.summary =
            tr("%1 answered, but not like a Shopify store. Check the store address.").arg(host);
        return r;
    }
    r.tokenAccepted = true;
    r.shopName = shop.value(QLatin1String("name")).toString();
    r.summary = tr("Connected to the store \"%1\": the access token works.").arg(r.shopName);
    return r;
}

} // namespace fulfillsync
