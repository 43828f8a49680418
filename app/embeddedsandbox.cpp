#include "app/embeddedsandbox.h"

#include "sandbox/server/sandboxserver.h"

namespace fulfillsync {

DemoTarget demoTargetOf(const sandbox::SandboxServer &server)
{
    const sandbox::SandboxCredentials credentials = server.credentials();
    DemoTarget target;
    target.accountId = credentials.accountId;
    target.netSuiteUrl = server.netSuiteBaseUrl();
    target.netsuite = {credentials.consumerKey, credentials.consumerSecret, credentials.tokenId,
                       credentials.tokenSecret};
    target.items = credentials.items;
    target.threePlUrl = server.threePlBaseUrl();
    target.threePlKey = credentials.threePlKey;
    target.threePlSecret = credentials.threePlSecret;
    if (!credentials.shops.isEmpty()) {
        const auto &shop = credentials.shops.first();
        target.connectorName = shop.name;
        target.channel = shop.channel.isEmpty() ? QStringLiteral("Shopify") : shop.channel;
        target.shopUrl = server.shopifyBaseUrl(shop.shop);
        target.accessToken = shop.accessToken;
    }
    return target;
}

EmbeddedSandbox::EmbeddedSandbox()
{
    m_thread.setObjectName(QStringLiteral("sandbox"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

EmbeddedSandbox::~EmbeddedSandbox()
{
    if (m_server)
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void EmbeddedSandbox::startInBackground(int demoOrders, const QString &scenarioFile,
                                        std::chrono::milliseconds threePlEvery, QObject *receiver,
                                        std::function<void(const QString &error)> done)
{
    QMetaObject::invokeMethod(
        m_context,
        [this, demoOrders, scenarioFile, threePlEvery, receiver, done = std::move(done)] {
            QString error;
            m_server = new sandbox::SandboxServer;
            if (!scenarioFile.isEmpty())
                m_server->loadScenarioFile(scenarioFile, &error);
            else
                m_server->loadDemo(demoOrders, 42);
            if (error.isEmpty() && m_server->listen(0) == 0)
                error = QObject::tr("The demo sandbox could not open a loopback port.");
            if (error.isEmpty()) {
                m_target = demoTargetOf(*m_server);
                // The demo's 3PL ships an order now and then, so its connector has work.
                m_server->startThreePlWarehouse(threePlEvery);
            }
            QMetaObject::invokeMethod(receiver, [done, error] { done(error); });
        },
        Qt::QueuedConnection);
}

} // namespace fulfillsync
