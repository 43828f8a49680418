#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace fulfillsync {

// The configuration as one JSON document (`fulfillsync-config/1`, docs/config-format.md): the
// NetSuite account, the connectors and their mappings. Never secrets: credentials live in the
// keychain or the worker's credentials file.
namespace ConfigExchange {
QJsonObject exportConfig(QSqlDatabase db, QString *error);
// Validates the whole document first (errors name the JSON path), then writes it in one
// transaction: connectors are matched by name and updated or added, each listed connector's
// mappings are replaced. Connectors not in the file are left alone.
bool importConfig(QSqlDatabase db, const QJsonObject &config, QString *error);
} // namespace ConfigExchange

} // namespace fulfillsync
