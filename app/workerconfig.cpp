// fulfillsync-worker: configuration commands (config export/import, setup-sandbox).

#include "app/demosetup.h"
#include "app/workercli.h"
#include "models/storage/configexchange.h"
#include "models/storage/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace fulfillsync {

using namespace WorkerCli;

int WorkerCli::configCommand(Database &database, const QStringList &args)
{
    const QString action = args.value(0);
    QString error;
    if (action == u"export" && args.size() == 1) {
        const QJsonObject config = ConfigExchange::exportConfig(database.connection(), &error);
        if (!error.isEmpty())
            return fail(ExitCannotStart, error);
        out() << QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Indented));
        out().flush();
        return ExitSynced;
    }
    if (action == u"import" && args.size() == 2) {
        QFile file(args.at(1));
        if (!file.open(QIODevice::ReadOnly))
            return fail(ExitCannotStart, tr("Cannot read %1.").arg(args.at(1)));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!document.isObject())
            return fail(ExitCannotStart, tr("%1 is not a JSON object: %2 (at byte %3)")
                                             .arg(args.at(1), parseError.errorString())
                                             .arg(parseError.offset));
        if (!ConfigExchange::importConfig(database.connection(), document.object(), &error))
            return fail(ExitCannotStart, tr("%1 was not imported: %2").arg(args.at(1), error));
        out() << tr("Imported %1.").arg(args.at(1)) << Qt::endl;
        return ExitSynced;
    }
    return fail(ExitCannotStart, tr("use: config export | config import FILE"));
}

// Configures account, connector and mappings for a running sandbox from the scenario it serves;
// the secrets go to a 0600 credentials file, never to the database or the terminal.
int WorkerCli::setupSandboxCommand(Database &database, const QCommandLineParser &parser,
                                   const QStringList &args)
{
    const QString credentialsPath = parser.value(QStringLiteral("credentials"));
    if (args.size() != 1)
        return fail(ExitCannotStart, tr("setup-sandbox needs the sandbox's URL"));
    if (credentialsPath.isEmpty())
        return fail(ExitCannotStart,
                    tr("setup-sandbox needs --credentials FILE to write the secrets to."));
    const QString scenarioPath = parser.value(QStringLiteral("scenario"));
    if (scenarioPath.isEmpty())
        return fail(ExitCannotStart,
                    tr("setup-sandbox needs --scenario FILE, the scenario the sandbox serves."));
    const QString sandboxUrl = args.first();
    QNetworkAccessManager network;
    QNetworkReply *reply =
        network.get(QNetworkRequest(QUrl(sandboxUrl + QStringLiteral("/_sandbox/state"))));
    QObject::connect(reply, &QNetworkReply::finished, qApp, [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError)
        return fail(
            ExitCannotStart,
            tr("The sandbox at %1 does not answer: %2").arg(sandboxUrl, reply->errorString()));
    QFile scenarioFile(scenarioPath);
    if (!scenarioFile.open(QIODevice::ReadOnly))
        return fail(ExitCannotStart, tr("Cannot read %1.").arg(scenarioPath));
    // The sandbox never shows secrets over HTTP; they come from the scenario file.
    const QJsonObject state = QJsonDocument::fromJson(scenarioFile.readAll()).object();
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
    for (const QJsonValue &item : ns.value(QLatin1String("items")).toArray())
        target.items.append(
            {item[QLatin1String("id")].toInteger(), item[QLatin1String("itemId")].toString()});
    if (target.accountId.isEmpty() || target.connectorName.isEmpty())
        return fail(ExitCannotStart, tr("The sandbox state has no NetSuite account or shop."));
    QString error;
    if (configureDemo(database.connection(), target, &error) == 0)
        return fail(ExitCannotStart, error);
    QFile file(credentialsPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(ExitCannotStart, tr("Cannot write %1.").arg(credentialsPath));
    const QJsonObject content{
        {QStringLiteral("netsuite"), creds},
        {QStringLiteral("channels"), QJsonObject{{target.connectorName, target.accessToken}}}};
    file.write(QJsonDocument(content).toJson());
    out() << tr("Configured connector %1 for the sandbox at %2; secrets written to %3.")
                 .arg(target.connectorName, sandboxUrl, credentialsPath)
          << Qt::endl;
    return ExitSynced;
}

} // namespace fulfillsync
