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
    if (mappings.rules(connector.id).isEmpty()) {
        const QList<MappingRule> defaults = {
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
        if (!mappings.replace(connector.id, defaults)) {
            *error = mappings.lastError();
            return 0;
        }
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

} // namespace fulfillsync
