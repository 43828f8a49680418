#include "sync/engine/syncworker.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/mappingrepository.h"
#include "sync/engine/syncpass.h"

#include <QNetworkAccessManager>

namespace fulfillsync {

SyncWorker::SyncWorker(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    qRegisterMetaType<fulfillsync::SyncRequest>();
    qRegisterMetaType<fulfillsync::SyncProgress>();
    qRegisterMetaType<fulfillsync::SyncRunSummary>();
    qRegisterMetaType<fulfillsync::SyncCredentials>();
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::setCredentials(const SyncCredentials &credentials)
{
    m_credentials = credentials;
}

void SyncWorker::run(const SyncRequest &request)
{
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen()) {
        Q_EMIT failedToStart(error);
        Q_EMIT idle();
        return;
    }
    ConnectorRepository connectors(db);
    QList<qint64> ids;
    if (request.connectorId != 0) {
        ids << request.connectorId;
    } else {
        for (const Connector &c : connectors.all())
            if (c.enabled)
                ids << c.id;
    }
    if (ids.isEmpty()) {
        Q_EMIT failedToStart(
            tr("No enabled connector to sync. Add or enable one under Connectors."));
        if (!m_pass && m_queue.isEmpty())
            Q_EMIT idle();
        return;
    }
    for (qint64 id : ids)
        m_queue.enqueue({id, request});
    if (!m_pass)
        startNextPass();
}

void SyncWorker::cancel()
{
    m_queue.clear();
    if (m_pass)
        m_pass->cancel();
}

void SyncWorker::shutdown()
{
    cancel();
    delete m_pass;
    delete m_network;
    m_network = nullptr;
    m_database.closeThreadConnection();
}

void SyncWorker::startNextPass()
{
    if (m_queue.isEmpty()) {
        Q_EMIT idle();
        return;
    }
    const PendingPass next = m_queue.dequeue();
    QSqlDatabase db = m_database.connection();
    ConnectorRepository connectors(db);
    const std::optional<Connector> connector = connectors.byId(next.connectorId);
    const std::optional<NetSuiteAccount> account = connectors.account();
    auto failPass = [this, &next](const QString &name, const QString &message) {
        SyncRunSummary summary;
        summary.connectorId = next.connectorId;
        summary.connectorName = name;
        summary.error = message;
        Q_EMIT passFinished(summary);
        QMetaObject::invokeMethod(this, &SyncWorker::startNextPass, Qt::QueuedConnection);
    };
    if (!connector)
        return failPass(QString(), tr("Connector %1 does not exist.").arg(next.connectorId));
    if (!account || account->accountId.isEmpty())
        return failPass(connector->name,
                        tr("No NetSuite account is configured. Enter the account id "
                           "in Settings."));
    if (!m_credentials.netsuite.isComplete())
        return failPass(connector->name,
                        tr("The NetSuite token credentials are missing. Enter them "
                           "in Settings."));
    const QString token = m_credentials.channelTokens.value(connector->id);
    if (token.isEmpty())
        return failPass(connector->name, tr("The access token of connector %1 is missing. Enter it "
                                            "under Connectors.")
                                             .arg(connector->name));

    if (!m_network)
        m_network = new QNetworkAccessManager(this);

    SyncPass::Config config;
    config.connector = *connector;
    config.rules = MappingRepository(db).rules(connector->id);
    config.netsuite.accountId = account->accountId;
    config.netsuite.baseUrl = QUrl(account->baseUrl);
    config.netsuite.credentials = m_credentials.netsuite;
    config.shopify.baseUrl = QUrl(connector->endpoint);
    config.shopify.accessToken = token;
    config.trigger = next.request.trigger;
    config.firstPassSince = next.request.firstPassSince;

    m_pass = new SyncPass(*m_network, m_database, config, this);
    connect(m_pass, &SyncPass::progressed, this, &SyncWorker::progressed);
    connect(m_pass, &SyncPass::historyAdvanced, this, &SyncWorker::historyAdvanced);
    connect(m_pass, &SyncPass::finished, this, [this](const SyncRunSummary &summary) {
        m_pass->deleteLater();
        m_pass = nullptr;
        Q_EMIT passFinished(summary);
        QMetaObject::invokeMethod(this, &SyncWorker::startNextPass, Qt::QueuedConnection);
    });
    m_pass->start();
}

} // namespace fulfillsync
