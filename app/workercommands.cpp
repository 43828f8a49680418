#include "app/workercommands.h"

#include "app/workercli.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace fulfillsync {

QString WorkerCli::tr(const char *text, int n)
{
    return QCoreApplication::translate("fulfillsync-worker", text, nullptr, n);
}

QTextStream &WorkerCli::out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &WorkerCli::err()
{
    static QTextStream stream(stderr);
    return stream;
}

int WorkerCli::fail(int exitCode, const QString &message)
{
    err() << "fulfillsync-worker: " << message << Qt::endl;
    return exitCode;
}

namespace {
QString variableSuffix(const QString &connectorName)
{
    QString name = connectorName.toUpper();
    for (QChar &c : name)
        if (!c.isLetterOrNumber())
            c = u'_';
    return name;
}
} // namespace

QString WorkerCli::channelTokenVariable(const QString &connectorName)
{
    return QStringLiteral("FULFILLSYNC_CHANNEL_TOKEN_") + variableSuffix(connectorName);
}

QString WorkerCli::alertWebhookVariable(const QString &connectorName)
{
    return QStringLiteral("FULFILLSYNC_ALERT_WEBHOOK_") + variableSuffix(connectorName);
}

bool WorkerCli::loadCredentials(Database &database, const QString &path,
                                SyncCredentials *credentials, QString *error)
{
    const QList<Connector> connectors = ConnectorRepository(database.connection()).all();
    if (!path.isEmpty()) {
        QFile file(path);
        if (!file.exists()) {
            *error = tr("The credentials file %1 does not exist.").arg(path);
            return false;
        }
        const QFileDevice::Permissions unsafe = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ReadOther | QFileDevice::WriteOther;
        if (file.permissions() & unsafe) {
            *error = tr("The credentials file %1 can be read by other users; refusing it. Run: "
                        "chmod 600 %1")
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
            // The parser's message only: never echo the file's content.
            *error = tr("The credentials file %1 is not valid JSON: %2")
                         .arg(path, parseError.errorString());
            return false;
        }
        const QJsonObject ns = root.value(QLatin1String("netsuite")).toObject();
        credentials->netsuite = {ns.value(QLatin1String("consumerKey")).toString(),
                                 ns.value(QLatin1String("consumerSecret")).toString(),
                                 ns.value(QLatin1String("tokenId")).toString(),
                                 ns.value(QLatin1String("tokenSecret")).toString()};
        const QJsonObject channels = root.value(QLatin1String("channels")).toObject();
        const QJsonObject webhooks = root.value(QLatin1String("alertWebhooks")).toObject();
        for (const Connector &c : connectors) {
            const QString token = channels.value(c.name).toString();
            if (!token.isEmpty())
                credentials->channelTokens.insert(c.id, token);
            const QString webhook = webhooks.value(c.name).toString();
            if (!webhook.isEmpty())
                credentials->alertWebhooks.insert(c.id, webhook);
        }
        credentials->mailPassword = root.value(QLatin1String("mail"))
                                        .toObject()
                                        .value(QLatin1String("password"))
                                        .toString();
    }
    if (!credentials->netsuite.isComplete()) {
        credentials->netsuite = {qEnvironmentVariable("FULFILLSYNC_NS_CONSUMER_KEY"),
                                 qEnvironmentVariable("FULFILLSYNC_NS_CONSUMER_SECRET"),
                                 qEnvironmentVariable("FULFILLSYNC_NS_TOKEN_ID"),
                                 qEnvironmentVariable("FULFILLSYNC_NS_TOKEN_SECRET")};
    }
    for (const Connector &c : connectors) {
        const QString token =
            qEnvironmentVariable(channelTokenVariable(c.name).toUtf8().constData());
        if (!token.isEmpty() && !credentials->channelTokens.contains(c.id))
            credentials->channelTokens.insert(c.id, token);
        const QString webhook =
            qEnvironmentVariable(alertWebhookVariable(c.name).toUtf8().constData());
        if (!webhook.isEmpty() && !credentials->alertWebhooks.contains(c.id))
            credentials->alertWebhooks.insert(c.id, webhook);
    }
    if (credentials->mailPassword.isEmpty())
        credentials->mailPassword = qEnvironmentVariable("FULFILLSYNC_MAIL_PASSWORD");
    return true;
}

int runWorkerCommand(const QStringList &arguments)
{
    using namespace WorkerCli;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Runs fulfillsync's sync engine without a window.\n\nCommands:\n"
        "  sync --once | --daemon     one pass of every enabled connector, or keep running them\n"
        "                             on their schedules until stopped\n"
        "  sync --once --dry-run      the whole pass told, nothing sent or recorded: what it\n"
        "                             would push and what it would adopt (switching over)\n"
        "  resync ORDER...            re-evaluate these orders and push what is missing\n"
        "  dry-run ORDER...           print the exact requests that would be sent, send nothing\n"
        "  replay ATTEMPT             send a history attempt again (rebuilt with today's "
        "mappings,\n"
        "                             or --as-recorded), after a live duplicate check\n"
        "  explain ORDER              every gate that decides whether ORDER syncs\n"
        "  resolve ORDER --reason TEXT   close the flags of ORDER (changed in NetSuite after\n"
        "                             the push) after checking the channel by hand\n"
        "  history [--json]           the latest attempts\n"
        "  inbox [list] [--all] [--json]   what failed, was held or was flagged (open only\n"
        "                             unless --all)\n"
        "  inbox adopt ID [CHANNEL_FULFILLMENT --reason TEXT]   switching over: the held\n"
        "                             fulfillment is this channel fulfillment another tool made\n"
        "                             (without one: list what the last reading offers)\n"
        "  inbox resolve ID... --reason TEXT   close inbox items (flags for good; failed and\n"
        "                             held ones are still retried)\n"
        "  quarantine list | clear    fulfillments waiting after repeated failures; clear = retry "
        "now\n"
        "  config export | import FILE   connectors, mappings, settings as JSON (no secrets)\n"
        "  setup-sandbox URL --scenario FILE   configure the database for a running sandbox\n\n"
        "ORDER is a NetSuite number such as SO1002 or an internal id.\n"
        "Secrets come from --credentials FILE (mode 0600) or the environment: "
        "FULFILLSYNC_NS_CONSUMER_KEY, FULFILLSYNC_NS_CONSUMER_SECRET, FULFILLSYNC_NS_TOKEN_ID, "
        "FULFILLSYNC_NS_TOKEN_SECRET, FULFILLSYNC_CHANNEL_TOKEN_<CONNECTOR>; alerts: "
        "FULFILLSYNC_ALERT_WEBHOOK_<CONNECTOR>, FULFILLSYNC_MAIL_PASSWORD.\n\n"
        "Exit codes: 0 everything synced and nothing owed, 1 something failed, is held, waits "
        "in quarantine or in the Inbox (whatever this run looked at), or a connector was "
        "skipped (another worker holds it), 2 could not start, 3 a connector could not run."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("database"),
                      tr("Database URL (sqlite:///path or postgresql://user@host:port/db)."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("credentials"),
                      tr("JSON credentials file, readable by its owner only."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("once"), tr("sync: run one pass and exit.")});
    parser.addOption(
        {QStringLiteral("daemon"), tr("sync: keep running each connector on its schedule.")});
    parser.addOption({QStringLiteral("dry-run"),
                      tr("sync --once: tell what the pass would send and adopt; send nothing.")});
    parser.addOption(
        {QStringLiteral("connector"), tr("Only this connector."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("since"),
                      tr("Where a connector's first pass starts; reconcile: the first ship date "
                         "checked (ISO date)."),
                      QStringLiteral("date")});
    parser.addOption({QStringLiteral("until"),
                      tr("reconcile: the last ship date checked (ISO date; default today)."),
                      QStringLiteral("date")});
    parser.addOption({QStringLiteral("resume"),
                      tr("reconcile: continue this cancelled or interrupted run after the last "
                         "order it kept."),
                      QStringLiteral("run")});
    parser.addOption({QStringLiteral("bulk-threshold"),
                      tr("reconcile: more orders than this are read in one bulk export (0: "
                         "never; default 2000)."),
                      QStringLiteral("orders")});
    parser.addOption(
        {QStringLiteral("as-recorded"), tr("replay: send the recorded request unchanged.")});
    parser.addOption(
        {QStringLiteral("json"), tr("history, inbox, reconcile: one JSON object per line.")});
    parser.addOption({QStringLiteral("all"), tr("inbox: settled items too.")});
    parser.addOption({QStringLiteral("reason"),
                      tr("resolve, inbox resolve: why it is closed (kept in the history)."),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("timeout"),
                      tr("Seconds to wait for any one answer (default: NetSuite 120, Shopify 30)."),
                      QStringLiteral("seconds")});
    parser.addOption({QStringLiteral("heartbeat"),
                      tr("sync: seconds between renewals of this worker's connector leases "
                         "(default 10)."),
                      QStringLiteral("seconds")});
    parser.addOption({QStringLiteral("lease"),
                      tr("sync: seconds a lease outlives its last renewal; a stopped worker's "
                         "connectors move to another worker after this (default 30)."),
                      QStringLiteral("seconds")});
    parser.addOption({QStringLiteral("scenario"),
                      tr("setup-sandbox: the scenario file the sandbox serves."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("limit"), tr("history: how many attempts (default 50)."),
                      QStringLiteral("n"), QStringLiteral("50")});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        tr("sync | resync | dry-run | replay | explain | resolve | history | inbox | quarantine | "
           "reconcile | config | setup-sandbox"));
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(ExitCannotStart, tr("no command given; see --help"));
    if (!parser.isSet(QStringLiteral("database")))
        return fail(ExitCannotStart, tr("--database URL is required"));
    const DatabaseUrl url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url.isValid())
        return fail(ExitCannotStart, url.error);
    Database database(url);
    QString error;
    if (!database.openAndMigrate(&error))
        return fail(ExitCannotStart, error);

    const QString command = positional.first();
    const QStringList args = positional.mid(1);
    if (command == u"sync")
        return syncCommand(database, parser, args);
    if (command == u"resync")
        return resyncCommand(database, parser, args);
    if (command == u"dry-run")
        return dryRunCommand(database, parser, args);
    if (command == u"replay")
        return replayCommand(database, parser, args);
    if (command == u"explain")
        return explainCommand(database, args);
    if (command == u"resolve")
        return resolveCommand(database, parser, args);
    if (command == u"history")
        return historyCommand(database, parser);
    if (command == u"inbox")
        return inboxCommand(database, parser, args);
    if (command == u"config")
        return configCommand(database, args);
    if (command == u"reconcile")
        return reconcileCommand(database, parser);
    if (command == u"quarantine")
        return quarantineCommand(database, parser, args);
    if (command == u"setup-sandbox")
        return setupSandboxCommand(database, parser, args);
    return fail(ExitCannotStart, tr("unknown command %1; see --help").arg(command));
}

} // namespace fulfillsync
