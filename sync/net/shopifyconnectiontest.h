#pragma once

#include "sync/net/shopifyapi.h"

#include <QMetaType>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace fulfillsync {

class HttpCall;
struct HttpResult;

// "Test connection" for a Shopify connector: one GET shop.json answers whether the store's
// address is right and whether the access token is accepted. The result is in plain words.
class ShopifyConnectionTest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShopifyConnectionTest)

public:
    struct Result
    {
        bool hostAnswers = false;
        bool tokenAccepted = false;
        QString shopName;
        QString summary; // one or two sentences for the admin
        bool ok() const { return hostAnswers && tokenAccepted; }
    };

    ShopifyConnectionTest(QNetworkAccessManager &network, ShopifyEndpoint endpoint,
                          QObject *parent = nullptr);
    void start();
    void abort();

    // Exposed for unit tests: the words for one answer.
    static Result interpret(const HttpResult &result, const QString &host);

Q_SIGNALS:
    void finished(const fulfillsync::ShopifyConnectionTest::Result &result);

private:
    QNetworkAccessManager &m_network;
    ShopifyEndpoint m_endpoint;
    QPointer<HttpCall> m_call;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::ShopifyConnectionTest::Result)
