#pragma once

#include "sync/engine/syncmessages.h"

#include <QSqlDatabase>
#include <QUrl>

namespace fulfillsync {

// What it takes to point fulfillsync at a sandbox (or any NetSuite + Shopify pair): the
// account, one Shopify connector and the ship-method mappings the demo data uses.
struct DemoTarget
{
    QString accountId;
    QUrl netSuiteUrl;
    TbaCredentials netsuite;
    QString connectorName;
    QString channel;
    QUrl shopUrl;
    QString accessToken;
    QList<QPair<qint64, QString>> items; // NetSuite items whose names the channel uses as SKUs
    QUrl threePlUrl;                     // the sandbox's ShipStation-style 3PL, if any
    QString threePlKey, threePlSecret;
};

// Writes (or refreshes) the account, the connector and its default ship-method and item
// mappings. The demo leaves "Local Courier" unmapped on purpose, so the held path is visible.
// Returns the connector id, 0 on failure.
qint64 configureDemo(QSqlDatabase db, const DemoTarget &target, QString *error);
SyncCredentials demoCredentials(const DemoTarget &target, qint64 connectorId);

// The demo's 3PL connector ("Warehouse 3PL"): orders at the "East Coast 3PL" location (2) go
// to the sandbox's 3PL, whose shipments come back as item fulfillments. Its key and secret are
// added to `credentials`. Returns its id, 0 on failure.
qint64 configureDemoThreePl(QSqlDatabase db, const DemoTarget &target, SyncCredentials *credentials,
                            QString *error);

} // namespace fulfillsync
