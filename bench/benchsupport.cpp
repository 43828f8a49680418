#include "bench/benchsupport.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/mappingrepository.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <sys/resource.h>

namespace fulfillsync::bench {

QString sandboxExecutable()
{
    return QCoreApplication::applicationDirPath() +
           QStringLiteral("/../sandbox/fulfillsync-sandbox");
}

qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

bool SandboxProcess::start(const QJsonObject &scenario, QString *error)
{
    const QString file = m_dir.filePath(QStringLiteral("scenario.json"));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write the scenario");
        return false;
    }
    out.write(QJsonDocument(scenario).toJson(QJsonDocument::Compact));
    out.close();
    m_process.start(sandboxExecutable(), {QStringLiteral("--scenario"), file,
                                          QStringLiteral("--port"), QStringLiteral("0")});
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    // The sandbox prints one line when it listens.
    QByteArray line;
    while (!line.contains('\n')) {
        if (!m_process.waitForReadyRead(120000)) {
            *error = QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        line += m_process.readAllStandardOutput();
    }
    m_baseUrl = QUrl(QString::fromUtf8(line.trimmed().split(' ').last()));
    return m_baseUrl.isValid();
}

SandboxProcess::~SandboxProcess()
{
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
}

QJsonObject SandboxProcess::state() const
{
    QNetworkAccessManager network;
    QNetworkReply *reply =
        network.get(QNetworkRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/_sandbox/state")))));
    QEventLoop loop; // benchmarks only: the app and the worker never nest event loops
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

void SandboxProcess::post(const QString &path, const QJsonObject &body) const
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
}

bool BenchDatabase::open(const QJsonObject &scenario, const QUrl &sandbox, QString *error)
{
    m_database = std::make_unique<Database>(DatabaseUrl::parse(
        QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("bench.db"))));
    if (!m_database->openAndMigrate(error))
        return false;
    const QJsonObject ns = scenario[QStringLiteral("netsuite")].toObject();
    const QJsonObject creds = ns[QStringLiteral("credentials")].toObject();
    const QJsonObject shop = scenario[QStringLiteral("channels")][0].toObject();
    m_target.accountId = ns[QStringLiteral("accountId")].toString();
    m_target.netSuiteUrl = sandbox;
    m_target.netsuite = {creds[QStringLiteral("consumerKey")].toString(),
                         creds[QStringLiteral("consumerSecret")].toString(),
                         creds[QStringLiteral("tokenId")].toString(),
                         creds[QStringLiteral("tokenSecret")].toString()};
    m_target.connectorName = shop[QStringLiteral("name")].toString();
    m_target.channel = QStringLiteral("Shopify");
    m_target.shopUrl = QUrl(sandbox.toString() + QStringLiteral("/shopify/") +
                            shop[QStringLiteral("shop")].toString());
    m_target.accessToken = shop[QStringLiteral("accessToken")].toString();
    for (const QJsonValue &item : ns[QStringLiteral("items")].toArray())
        m_target.items.append(
            {item[QStringLiteral("id")].toInteger(), item[QStringLiteral("itemId")].toString()});
    m_connectorId = configureDemo(m_database->connection(), m_target, error);
    return m_connectorId > 0;
}

bool BenchDatabase::open(const DemoTarget &target, QString *error)
{
    m_database = std::make_unique<Database>(DatabaseUrl::parse(
        QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("bench.db"))));
    if (!m_database->openAndMigrate(error))
        return false;
    m_target = target;
    m_connectorId = configureDemo(m_database->connection(), m_target, error);
    return m_connectorId > 0;
}

PassResult BenchDatabase::runPass(const std::function<void(SyncPass::Config &)> &adjust,
                                  QNetworkAccessManager *injected)
{
    QNetworkAccessManager own;
    QNetworkAccessManager &network = injected ? *injected : own;
    ConnectorRepository connectors(m_database->connection());
    SyncPass::Config config;
    config.connector = *connectors.byId(m_connectorId);
    config.rules = MappingRepository(m_database->connection()).rules(m_connectorId);
    config.netsuite.accountId = m_target.accountId;
    config.netsuite.baseUrl = m_target.netSuiteUrl;
    config.netsuite.credentials = m_target.netsuite;
    config.shopify.baseUrl = m_target.shopUrl;
    config.shopify.accessToken = m_target.accessToken;
    config.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    if (adjust)
        adjust(config);
    SyncPass pass(network, *m_database, config);
    PassResult result;
    QEventLoop loop;
    QObject::connect(&pass, &SyncPass::finished, &loop, [&](const SyncRunSummary &summary) {
        result.summary = summary;
        loop.quit();
    });
    QElapsedTimer clock;
    clock.start();
    QTimer::singleShot(0, &pass, &SyncPass::start);
    loop.exec();
    result.wallMs = clock.elapsed();
    return result;
}

} // namespace fulfillsync::bench
