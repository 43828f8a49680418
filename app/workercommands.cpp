#include "app/workercommands.h"

#include "app/demosetup.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/engine/explainer.h"
#include "sync/engine/syncworker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileDevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>

namespace fulfillsync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fulfillsync-worker", text);
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString envName(const QString &connectorName)
{
    QString name = connectorName.toUpper();
    for (QChar &c : name)
        if (!c.isLetterOrNumber())
            c = u'_';
    return QStringLiteral("FULFILLSYNC_CHANNEL_TOKEN_") + name;
}

// Credentials from a JSON file only the owner can read:
// {"netsuite": {"consumerKey", "consumerSecret", "tokenId", "tokenSecret"},
//  "channels": {"<connector name>": "<access token>"}}
bool readCredentialsFile(const QString &path, const QList<Connector> &connectors,
                         SyncCredentials *credentials, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        *error = tr("The credentials file %1 does not exist.").arg(path);
        return false;
    }
    const QFileDevice::Permissions unsafe = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (file.permissions() & unsafe) {
        *error =
            tr("The credentials file %1 can be read by other users; refusing it. Run: chmod 600 %1")
                .arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the credentials file %1.").arg(path);
        return false;
    }
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        *error =
            tr("The credentials file %1 is not valid JSON: %2").arg(path, parseError.errorString());
        return false;
    }
    const QJsonObject ns = root.value(QLatin1String("netsuite")).toObject();
    credentials->netsuite = {ns.value(QLatin1String("consumerKey")).toString(),
                             ns.value(QLatin1String("consumerSecret")).toString(),
                             ns.value(QLatin1String("tokenId")).toString(),
                             ns.value(QLatin1String("tokenSecret")).toString()};
    const QJsonObject channels = root.value(QLatin1String("channels")).toObject();
    for (const Connector &c : connectors) {
        const QString token = channels.value(c.name).toString();
        if (!token.isEmpty())
            credentials->channelTokens.insert(c.id, token);
    }
    return true;
}

void readCredentialsFromEnvironment(const QList<Connector> &connectors,
                                    SyncCredentials *credentials)
{
    auto env = [](const char *name) {
        return qEnvironmentVariable(name);
    };
    if (!credentials->netsuite.isComplete()) {
        credentials->netsuite = {
            env("FULFILLSYNC_NS_CONSUMER_KEY"), env("FULFILLSYNC_NS_CONSUMER_SECRET"),
            env("FULFILLSYNC_NS_TOKEN_ID"), env("FULFILLSYNC_NS_TOKEN_SECRET")};
    }
    for (const Connector &c : connectors) {
        const QString token = qEnvironmentVariable(envName(c.name).toUtf8().constData());
        if (!token.isEmpty() && !credentials->channelTokens.contains(c.id))
            credentials->channelTokens.insert(c.id, token);
    }
}

int runSync(Database &database, const QCommandLineParser &parser, const QString &credentialsPath)
{
    ConnectorRepository connectors(database.connection());
    const QList<Connector> all = connectors.all();
    SyncCredentials credentials;
    QString error;
    if (!credentialsPath.isEmpty() &&
        !readCredentialsFile(credentialsPath, all, &credentials, &error)) {
        err() << "fulfillsync-worker: " << error << Qt::endl;
        return ExitCannotStart;
    }
    readCredentialsFromEnvironment(all, &credentials);

    SyncRequest request;
    request.trigger = SyncTrigger::Manual;
    if (parser.isSet(QStringLiteral("connector"))) {
        const auto connector = connectors.byName(parser.value(QStringLiteral("connector")));
        if (!connector) {
            err() << "fulfillsync-worker: "
                  << tr("No connector named %1.").arg(parser.value(QStringLiteral("connector")))
                  << Qt::endl;
            return ExitCannotStart;
        }
        request.connectorId = connector->id;
    }
    if (parser.isSet(QStringLiteral("since"))) {
        request.firstPassSince =
            QDateTime::fromString(parser.value(QStringLiteral("since")), Qt::ISODate);
        if (!request.firstPassSince.isValid()) {
            err() << "fulfillsync-worker: " << tr("--since wants an ISO date such as 2026-11-01.")
                  << Qt::endl;
            return ExitCannotStart;
        }
    }

    SyncWorker worker(database);
    worker.setCredentials(credentials);
    int exitCode = ExitSynced;
    QObject::connect(&worker, &SyncWorker::failedToStart, [&](const QString &message) {
        err() << "fulfillsync-worker: " << message << Qt::endl;
        exitCode = ExitCannotStart;
    });
    QObject::connect(&worker, &SyncWorker::passFinished, [&](const SyncRunSummary &s) {
        if (!s.error.isEmpty()) {
            err() << "fulfillsync-worker: " << s.connectorName << ": " << s.error << Qt::endl;
            exitCode = std::max<int>(exitCode, ExitRunFailed);
            return;
        }
        out()
            << tr("%1: %2 pushed, %3 failed, %4 held, %5 already pushed, %6 deferred; %7 NetSuite "
                  "and %8 channel requests in %9 ms")
                   .arg(s.connectorName)
                   .arg(s.pushed)
                   .arg(s.failed)
                   .arg(s.held)
                   .arg(s.alreadyPushed)
                   .arg(s.deferred)
                   .arg(s.netSuiteRequests)
                   .arg(s.channelRequests)
                   .arg(s.durationMs)
            << Qt::endl;
        if (s.failed > 0 || s.held > 0)
            exitCode = std::max<int>(exitCode, ExitSomeFailed);
    });
    QObject::connect(
        &worker, &SyncWorker::idle, qApp, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
    worker.run(request);
    QCoreApplication::exec();
    worker.shutdown();
    return exitCode;
}

// Reads a running sandbox's state and configures account, connector and mappings for it; the
// secrets go to a 0600 credentials file, never to the database or the terminal.
int setupSandbox(Database &database, const QString &sandboxUrl, const QString &credentialsPath)
{
    if (credentialsPath.isEmpty()) {
        err() << "fulfillsync-worker: "
              << tr("setup-sandbox needs --credentials FILE to write the secrets to.") << Qt::endl;
        return ExitCannotStart;
    }
    QNetworkAccessManager network;
    QNetworkReply *reply =
        network.get(QNetworkRequest(QUrl(sandboxUrl + QStringLiteral("/_sandbox/state"))));
    QObject::connect(reply, &QNetworkReply::finished, qApp, [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        err() << "fulfillsync-worker: "
              << tr("The sandbox at %1 does not answer: %2").arg(sandboxUrl, reply->errorString())
              << Qt::endl;
        return ExitCannotStart;
    }
    const QJsonObject state = QJsonDocument::fromJson(reply->readAll()).object();
    const QJsonObject ns = state.value(QLatin1String("netsuite")).toObject();
    const QJsonObject creds = ns.value(QLatin1String("credentials")).toObject();
    const QJsonObject shop = state.value(QLatin1String("channels")).toArray().first().toObject();
    DemoTarget target;
    target.accountId = ns.value(QLatin1String("accountId")).toString();
    target.netSuiteUrl = QUrl(sandboxUrl);
    target.netsuite = {creds.value(QLatin1String("consumerKey")).toString(),
                       creds.value(QLatin1String("consumerSecret")).toString(),
                       creds.value(QLatin1String("tokenId")).toString(),
                       creds.value(QLatin1String("tokenSecret")).toString()};
    target.connectorName = shop.value(QLatin1String("name")).toString();
    target.channel = QStringLiteral("Shopify");
    target.shopUrl = QUrl(sandboxUrl + QStringLiteral("/shopify/") +
                          shop.value(QLatin1String("shop")).toString());
    target.accessToken = shop.value(QLatin1String("accessToken")).toString();
    if (target.accountId.isEmpty() || target.connectorName.isEmpty()) {
        err() << "fulfillsync-worker: " << tr("The sandbox state has no NetSuite account or shop.")
              << Qt::endl;
        return ExitCannotStart;
    }
    QString error;
    if (configureDemo(database.connection(), target, &error) == 0) {
        err() << "fulfillsync-worker: " << error << Qt::endl;
        return ExitCannotStart;
    }
    QFile file(credentialsPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        err() << "fulfillsync-worker: " << tr("Cannot write %1.").arg(credentialsPath) << Qt::endl;
        return ExitCannotStart;
    }
    const QJsonObject content{
        {QStringLiteral("netsuite"), creds},
        {QStringLiteral("channels"), QJsonObject{{target.connectorName, target.accessToken}}}};
    file.write(QJsonDocument(content).toJson());
    out() << tr("Configured connector %1 for the sandbox at %2; secrets written to %3.")
                 .arg(target.connectorName, sandboxUrl, credentialsPath)
          << Qt::endl;
    return ExitSynced;
}

// Prints every gate for one order (by NetSuite number such as SO1002, or internal id), for each
// connector of the order's channel. Reads the local copy only: nothing is sent anywhere.
int explainOrder(Database &database, const QString &orderRef)
{
    QSqlDatabase db = database.connection();
    OrderRepository orders(db);
    bool isId = false;
    const qint64 id = orderRef.toLongLong(&isId);
    std::optional<SalesOrder> order = orders.orderByTranId(orderRef);
    if (!order && isId)
        order = orders.order(id);
    if (!order) {
        err() << "fulfillsync-worker: "
              << tr("Order %1 is not in the local copy; run a sync first.").arg(orderRef)
              << Qt::endl;
        return ExitCannotStart;
    }
    ConnectorRepository connectors(db);
    int shown = 0;
    for (const Connector &c : connectors.all()) {
        if (c.channel.compare(order->channel, Qt::CaseInsensitive) != 0)
            continue;
        const OrderExplanation explanation = Explainer::explain(
            c, MappingRepository(db).rules(c.id), *order, orders.fulfillmentsOfOrder(order->id),
            LedgerRepository(db).entriesOfOrder(c.id, order->id),
            QuarantineRepository(db).entries(c.id));
        out() << tr("%1 for connector %2").arg(order->tranId, c.name) << Qt::endl
              << explanation.toText() << Qt::endl;
        ++shown;
    }
    if (shown == 0)
        out() << tr("%1 came from \"%2\"; no connector syncs that channel.")
                     .arg(order->tranId, order->channel)
              << Qt::endl;
    return ExitSynced;
}

} // namespace

int runWorkerCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs fulfillsync's sync engine without a window.\n\nCommands:\n"
           "  sync --once              one incremental pass of every enabled connector\n"
           "  setup-sandbox URL        configure the database for a running fulfillsync-sandbox\n"
           "  explain ORDER            every gate that decides whether ORDER syncs"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("database"),
                      tr("Database URL (sqlite:///path or postgresql://user@host:port/db)."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("credentials"), tr("JSON credentials file (mode 0600)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("once"), tr("Run one pass and exit.")});
    parser.addOption(
        {QStringLiteral("connector"), tr("Only this connector."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("since"),
                      tr("Where a connector's first pass starts (ISO date)."),
                      QStringLiteral("date")});
    parser.addPositionalArgument(QStringLiteral("command"), tr("sync | explain | setup-sandbox"));
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err() << "fulfillsync-worker: " << tr("no command given; see --help") << Qt::endl;
        return ExitCannotStart;
    }
    if (!parser.isSet(QStringLiteral("database"))) {
        err() << "fulfillsync-worker: " << tr("--database URL is required") << Qt::endl;
        return ExitCannotStart;
    }
    const DatabaseUrl url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url.isValid()) {
        err() << "fulfillsync-worker: " << url.error << Qt::endl;
        return ExitCannotStart;
    }
    Database database(url);
    QString error;
    if (!database.openAndMigrate(&error)) {
        err() << "fulfillsync-worker: " << error << Qt::endl;
        return ExitCannotStart;
    }
    const QString command = positional.first();
    if (command == u"sync") {
        if (!parser.isSet(QStringLiteral("once"))) {
            err() << "fulfillsync-worker: "
                  << tr("sync needs --once (the daemon mode is not built yet)") << Qt::endl;
            return ExitCannotStart;
        }
        return runSync(database, parser, parser.value(QStringLiteral("credentials")));
    }
    if (command == u"explain" && positional.size() == 2)
        return explainOrder(database, positional.at(1));
    if (command == u"setup-sandbox" && positional.size() == 2)
        return setupSandbox(database, positional.at(1),
                            parser.value(QStringLiteral("credentials")));
    err() << "fulfillsync-worker: " << tr("unknown command %1; see --help").arg(command)
          << Qt::endl;
    return ExitCannotStart;
}

} // namespace fulfillsync
