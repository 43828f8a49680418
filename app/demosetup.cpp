#include "app/demosetup.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/mappingrepository.h"

namespace fulfillsync {

qint64 configureDemo(QSqlDatabase db, const DemoTarget &target, QString *error)
{
    ConnectorRepository connectors(db);
    if (!connectors.saveAccount({target.accountId, target.netSuiteUrl.toString()})) {
        *error = connectors.lastError();
        return 0;
    }
    Connector connector = connectors.byName(target.connectorName).value_or(Connector{});
    connector.name = target.connectorName;
    connector.kind = QStringLiteral("shopify");
    connector.channel = target.channel;
    connector.endpoint = target.shopUrl.toString(); // the sandbox's port changes every start
    if (!connectors.save(connector)) {
        *error = connectors.lastError();
        return 0;
    }
    MappingRepository mappings(db);
    const QList<MappingRule> current = mappings.rules(connector.id);
    QList<MappingRule> rules = current;
    if (rules.isEmpty()) {
        rules = {
            {MappingKind::ShipMethod,
             QStringLiteral("UPS Ground"),
             QStringLiteral("UPS Ground"),
             QStringLiteral("UPS"),
             {}},
            {MappingKind::ShipMethod,
             QStringLiteral("FedEx 2Day"),
             QStringLiteral("FedEx 2Day"),
             QStringLiteral("FedEx"),
             {}},
            {MappingKind::ShipMethod,
             QStringLiteral("USPS Priority Mail"),
             QStringLiteral("USPS Priority Mail"),
             QStringLiteral("USPS"),
             {}},
            {MappingKind::ShipMethod,
             QStringLiteral("DHL Express Worldwide"),
             QStringLiteral("DHL Express Worldwide"),
             QStringLiteral("DHL Express"),
             {}},
        };
    }
    // The demo's items map to SKUs of the same name; items already mapped keep their rule.
    for (const auto &[id, name] : target.items) {
        const QString key = QString::number(id);
        const bool mapped = std::any_of(rules.cbegin(), rules.cend(), [&](const MappingRule &r) {
            return r.kind == MappingKind::Item && r.sourceKey == key;
        });
        if (!mapped)
            rules << MappingRule{MappingKind::Item, key, name, name, {}};
    }
    if (rules != current && !mappings.replace(connector.id, rules)) {
        *error = mappings.lastError();
        return 0;
    }
    return connector.id;
}

SyncCredentials demoCredentials(const DemoTarget &target, qint64 connectorId)
{
    SyncCredentials credentials;
    credentials.netsuite = target.netsuite;
    credentials.channelTokens.insert(connectorId, target.accessToken);
    return credentials;
}

qint64 configureDemoThreePl(QSqlDatabase db, const DemoTarget &target, SyncCredentials *credentials,
                            QString *error)
{
    ConnectorRepository connectors(db);
    const QString name = QStringLiteral("Warehouse 3PL");
    Connector connector = connectors.byName(name).value_or(Connector{});
    connector.name = name;
    connector.kind = Connector::threePlKind();
    connector.channel.clear();
    connector.endpoint = target.threePlUrl.toString(); // the port changes every start
    if (!connectors.save(connector)) {
        *error = connectors.lastError();
        return 0;
    }
    MappingRepository mappings(db);
    if (mappings.rules(connector.id).isEmpty() &&
        !mappings.replace(connector.id, {{MappingKind::Location,
                                          QStringLiteral("2"),
                                          QStringLiteral("East Coast 3PL"),
                                          QStringLiteral("1"),
                                          {}}})) {
        *error = mappings.lastError();
        return 0;
    }
    credentials->channelTokens.insert(connector.id,
                                      target.threePlKey + u':' + target.threePlSecret);
    return connector.id;
}

} // namespace fulfillsync
