#include "models/storage/configexchange.h"

#include "models/storage/alertrepository.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/sqlerror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace fulfillsync {

namespace {

const QString kFormat = QStringLiteral("fulfillsync-config/1");

// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ConfigExchange)
};

// Small typed readers that name the path of whatever is wrong.
struct Reader
{
    QString error;

    bool fail(const QString &path, const QString &what)
    {
        if (error.isEmpty())
            error = Text::tr("%1: %2").arg(path, what);
        return false;
    }
    QString text(const QJsonObject &o, const QString &path, const char *key, bool required,
                 const QString &fallback = {})
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(path + u'.' + QLatin1String(key), Text::tr("missing"));
            return fallback;
        }
        if (!v.isString()) {
            fail(path + u'.' + QLatin1String(key), Text::tr("expected a string"));
            return fallback;
        }
        return v.toString();
    }
    bool flag(const QJsonObject &o, const QString &path, const char *key, bool fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(path + u'.' + QLatin1String(key), Text::tr("expected true or false"));
            return fallback;
        }
        return v.toBool();
    }
    int wholeNumber(const QJsonObject &o, const QString &path, const char *key, int fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() > 1e6 ||
            v.toDouble() != int(v.toDouble())) {
            fail(path + u'.' + QLatin1String(key),
                 Text::tr("expected a whole number of at least 1"));
            return fallback;
        }
        return v.toInt();
    }
    QStringList texts(const QJsonObject &o, const QString &path, const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        QStringList result;
        if (v.isUndefined())
            return result;
        if (!v.isArray()) {
            fail(path + u'.' + QLatin1String(key), Text::tr("expected a list"));
            return result;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                fail(path + u'.' + QLatin1String(key), Text::tr("expected a list of strings"));
            result << item.toString();
        }
        return result;
    }
};

} // namespace

QJsonObject ConfigExchange::exportConfig(QSqlDatabase db, QString *error)
{
    ConnectorRepository connectors(db);
    MappingRepository mappings(db);
    QJsonObject root{{QStringLiteral("format"), kFormat}};
    if (const auto account = connectors.account()) {
        root.insert(QStringLiteral("netsuite"),
                    QJsonObject{{QStringLiteral("accountId"), account->accountId},
                                {QStringLiteral("baseUrl"), account->baseUrl}});
    }
    if (const auto server = AlertRepository(db).mailServer()) {
        root.insert(QStringLiteral("mailServer"),
                    QJsonObject{{QStringLiteral("url"), server->url},
                                {QStringLiteral("username"), server->username},
                                {QStringLiteral("sender"), server->sender},
                                {QStringLiteral("caFile"), server->caFile}});
    }
    QJsonArray list;
    for (const Connector &c : connectors.all()) {
        QJsonArray rules;
        for (const MappingRule &r : mappings.rules(c.id)) {
            rules.append(QJsonObject{{QStringLiteral("kind"), mappingKindKey(r.kind)},
                                     {QStringLiteral("source"), r.sourceKey},
                                     {QStringLiteral("sourceName"), r.sourceName},
                                     {QStringLiteral("target"), r.target},
                                     {QStringLiteral("extra"), r.extra}});
        }
        list.append(QJsonObject{
            {QStringLiteral("name"), c.name},
            {QStringLiteral("kind"), c.kind},
            {QStringLiteral("channel"), c.channel},
            {QStringLiteral("endpoint"), c.endpoint},
            {QStringLiteral("enabled"), c.enabled},
            {QStringLiteral("intervalMinutes"), c.intervalMinutes},
            {QStringLiteral("triggerStatuses"), QJsonArray::fromStringList(c.triggerStatuses)},
            {QStringLiteral("notifyCustomer"), c.notifyCustomer},
            {QStringLiteral("unmappedPolicy"), c.unmappedPolicy == UnmappedPolicy::UseDefault
                                                   ? QStringLiteral("default")
                                                   : QStringLiteral("hold")},
            {QStringLiteral("defaultCarrier"), c.defaultCarrier},
            {QStringLiteral("updateTracking"), c.updateTracking},
            {QStringLiteral("kitRule"), kitRuleKey(c.kitRule)},
            {QStringLiteral("alertEmails"), QJsonArray::fromStringList(c.alertEmails)},
            {QStringLiteral("alertEveryMinutes"), c.alertEveryMinutes},
            {QStringLiteral("mappings"), rules}});
        if (c.takeOverFrom.isValid()) {
            QJsonObject last = list.last().toObject();
            last.insert(QStringLiteral("takeOverFrom"), c.takeOverFrom.toString(Qt::ISODate));
            list.last() = last;
        }
    }
    root.insert(QStringLiteral("connectors"), list);
    if (error)
        *error = connectors.lastError().isEmpty() ? mappings.lastError() : connectors.lastError();
    return root;
}

bool ConfigExchange::importConfig(QSqlDatabase db, const QJsonObject &config, QString *error)
{
    Reader read;
    static const QSet<QString> topLevel{QStringLiteral("format"), QStringLiteral("netsuite"),
                                        QStringLiteral("mailServer"), QStringLiteral("connectors")};
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (!topLevel.contains(it.key()) && !it.key().startsWith(u"x-"))
            read.fail(it.key(), Text::tr("unknown key"));
    }
    if (config.value(QLatin1String("format")).toString() != kFormat)
        read.fail(QStringLiteral("format"), Text::tr("expected \"%1\"").arg(kFormat));

    std::optional<NetSuiteAccount> account;
    if (config.contains(QLatin1String("netsuite"))) {
        const QJsonObject ns = config.value(QLatin1String("netsuite")).toObject();
        account = NetSuiteAccount{read.text(ns, QStringLiteral("netsuite"), "accountId", true),
                                  read.text(ns, QStringLiteral("netsuite"), "baseUrl", false)};
        for (const char *secret : {"consumerSecret", "tokenSecret", "consumerKey", "tokenId"}) {
            if (ns.contains(QLatin1String(secret)))
                read.fail(
                    QStringLiteral("netsuite.") + QLatin1String(secret),
                    Text::tr("secrets do not belong in a configuration file; use the keychain or "
                             "the worker's credentials file"));
        }
    }

    std::optional<MailServer> mailServer;
    if (config.contains(QLatin1String("mailServer"))) {
        const QString path = QStringLiteral("mailServer");
        const QJsonObject ms = config.value(path).toObject();
        mailServer =
            MailServer{read.text(ms, path, "url", true), read.text(ms, path, "username", false),
                       read.text(ms, path, "sender", true), read.text(ms, path, "caFile", false)};
        if (ms.contains(QLatin1String("password")))
            read.fail(path + QStringLiteral(".password"),
                      Text::tr("secrets do not belong in a configuration file; use the keychain or "
                               "the worker's credentials file"));
    }

    struct Incoming
    {
        Connector connector;
        QList<MappingRule> rules;
        bool replacesRules = false; // a file without "mappings" keeps the stored ones
    };
    QList<Incoming> incoming;
    QSet<QString> names;
    const QJsonValue list = config.value(QLatin1String("connectors"));
    if (!list.isUndefined() && !list.isArray())
        read.fail(QStringLiteral("connectors"), Text::tr("expected a list"));
    const QJsonArray connectors = list.toArray();
    for (int i = 0; i < connectors.size(); ++i) {
        const QString path = QStringLiteral("connectors[%1]").arg(i);
        if (!connectors.at(i).isObject()) {
            read.fail(path, Text::tr("expected an object"));
            continue;
        }
        const QJsonObject o = connectors.at(i).toObject();
        Incoming in;
        Connector &c = in.connector;
        c.name = read.text(o, path, "name", true).trimmed();
        if (names.contains(c.name))
            read.fail(path + QStringLiteral(".name"), Text::tr("\"%1\" appears twice").arg(c.name));
        names.insert(c.name);
        c.kind = read.text(o, path, "kind", false, c.kind);
        if (c.kind != u"shopify" && !c.isThreePl())
            read.fail(path + QStringLiteral(".kind"),
                      Text::tr("\"shopify\" or \"shipstation\" (a 3PL warehouse)"));
        // A 3PL connector routes no channel's orders: its orders are chosen by location.
        c.channel = c.isThreePl() ? QString() : read.text(o, path, "channel", false, c.channel);
        c.endpoint = read.text(o, path, "endpoint", true);
        c.enabled = read.flag(o, path, "enabled", true);
        c.intervalMinutes = read.wholeNumber(o, path, "intervalMinutes", c.intervalMinutes);
        c.alertEmails = read.texts(o, path, "alertEmails");
        c.alertEveryMinutes = read.wholeNumber(o, path, "alertEveryMinutes", c.alertEveryMinutes);
        if (o.contains(QLatin1String("alertWebhook")))
            read.fail(path + QStringLiteral(".alertWebhook"),
                      Text::tr("a webhook address carries a token: it belongs in the keychain or "
                               "the worker's credentials file"));
        const QJsonValue statuses = o.value(QLatin1String("triggerStatuses"));
        if (!statuses.isUndefined() && !statuses.isArray())
            read.fail(path + QStringLiteral(".triggerStatuses"), Text::tr("expected a list"));
        if (statuses.isArray()) {
            c.triggerStatuses.clear();
            for (const QJsonValue &s : statuses.toArray()) {
                const QString letter = s.toString();
                if (letter.size() != 1 || letter.at(0) < u'A' || letter.at(0) > u'H')
                    read.fail(
                        path + QStringLiteral(".triggerStatuses"),
                        Text::tr("\"%1\" is not a sales order status letter (A–H)").arg(letter));
                c.triggerStatuses << letter;
            }
        }
        c.notifyCustomer = read.flag(o, path, "notifyCustomer", true);
        const QString policy = read.text(o, path, "unmappedPolicy", false, QStringLiteral("hold"));
        if (policy != u"hold" && policy != u"default")
            read.fail(path + QStringLiteral(".unmappedPolicy"),
                      Text::tr("expected \"hold\" or \"default\""));
        c.unmappedPolicy = policy == u"default" ? UnmappedPolicy::UseDefault : UnmappedPolicy::Hold;
        c.defaultCarrier = read.text(o, path, "defaultCarrier", false);
        c.updateTracking = read.flag(o, path, "updateTracking", true);
        const QString kitRule = read.text(o, path, "kitRule", false, kitRuleKey(c.kitRule));
        if (kitRule != kitRuleKey(KitRule::KitLine) && kitRule != kitRuleKey(KitRule::Members))
            read.fail(path + QStringLiteral(".kitRule"),
                      Text::tr("expected \"kit_line\" or \"members\""));
        c.kitRule = kitRuleFromKey(kitRule);
        const QString takeOver = read.text(o, path, "takeOverFrom", false);
        c.takeOverFrom = QDate::fromString(takeOver, Qt::ISODate);
        if (!takeOver.isEmpty() && !c.takeOverFrom.isValid())
            read.fail(path + QStringLiteral(".takeOverFrom"),
                      Text::tr("expected a date such as 2026-12-01"));
        const QJsonValue ruleList = o.value(QLatin1String("mappings"));
        if (!ruleList.isUndefined() && !ruleList.isArray())
            read.fail(path + QStringLiteral(".mappings"), Text::tr("expected a list"));
        in.replacesRules = ruleList.isArray();
        const QJsonArray rules = ruleList.toArray();
        for (int r = 0; r < rules.size(); ++r) {
            const QString rulePath = path + QStringLiteral(".mappings[%1]").arg(r);
            if (!rules.at(r).isObject()) {
                read.fail(rulePath, Text::tr("expected an object"));
                continue;
            }
            const QJsonObject ro = rules.at(r).toObject();
            const auto kind = mappingKindFromKey(read.text(ro, rulePath, "kind", true));
            if (!kind)
                read.fail(rulePath + QStringLiteral(".kind"),
                          Text::tr("expected ship_method, item, location or custom_field"));
            in.rules << MappingRule{
                kind.value_or(MappingKind::ShipMethod), read.text(ro, rulePath, "source", true),
                read.text(ro, rulePath, "sourceName", false),
                read.text(ro, rulePath, "target", true), read.text(ro, rulePath, "extra", false)};
        }
        incoming << in;
    }
    if (!read.error.isEmpty()) {
        *error = read.error;
        return false;
    }

    Transaction transaction(db);
    ConnectorRepository connectorRepo(db);
    MappingRepository mappingRepo(db);
    if (account && !connectorRepo.saveAccount(*account)) {
        *error = connectorRepo.lastError();
        return false;
    }
    if (AlertRepository alertRepo(db); mailServer && !alertRepo.saveMailServer(*mailServer)) {
        *error = alertRepo.lastError();
        return false;
    }
    for (Incoming &in : incoming) {
        if (const auto existing = connectorRepo.byName(in.connector.name))
            in.connector.id = existing->id;
    }
    // One connector per channel value, counting the stored connectors the file leaves alone.
    QHash<QString, QString> owners;
    // A 3PL connector routes no channel (its channel value is empty).
    for (const Connector &stored : connectorRepo.all())
        if (!stored.channel.isEmpty())
            owners.insert(stored.channel, stored.name);
    for (const Incoming &in : std::as_const(incoming))
        owners.remove(owners.key(in.connector.name)); // its stored channel may change
    for (const Incoming &in : std::as_const(incoming)) {
        if (in.connector.channel.isEmpty())
            continue;
        const QString owner = owners.value(in.connector.channel);
        if (!owner.isEmpty() && owner != in.connector.name) {
            *error = Text::tr("%1: the channel value \"%2\" is already synced by connector "
                              "\"%3\"; each channel value belongs to one connector")
                         .arg(in.connector.name, in.connector.channel, owner);
            return false;
        }
        owners.insert(in.connector.channel, in.connector.name);
    }
    for (Incoming &in : incoming) {
        if (!connectorRepo.save(in.connector)) {
            *error = connectorRepo.lastError();
            return false;
        }
        if (in.replacesRules && !mappingRepo.replace(in.connector.id, in.rules)) {
            *error = mappingRepo.lastError();
            return false;
        }
    }
    return transaction.commit(error);
}

} // namespace fulfillsync
