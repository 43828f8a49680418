#pragma once

#include "sandbox/scenario/scenario.h"

#include <QJsonObject>

namespace fulfillsync::sandbox {

// Validates a `fulfillsync-scenario/1` document into a Scenario. Every error message starts with
// the JSON path of the offending field ("netsuite.salesOrders[2].lines[0].quantity: expected a
// number"), so a user can fix a hand-written file without reading our code.
class ScenarioLoader final
{
public:
    static bool parse(const QJsonObject &json, Scenario *out, QString *error);
    // JSON syntax errors name the line and column as well as the byte offset.
    static bool parseBytes(const QByteArray &bytes, Scenario *out, QString *error);

    // One item fulfillment, validated against an existing account (control endpoints).
    // `replacing` is the id of the fulfillment it replaces (excluded from over-fulfilment
    // checks), 0 for a new one.
    static bool parseItemFulfillment(const QJsonObject &json, const QString &path,
                                     const NetSuiteScenario &account, qint64 replacing,
                                     ItemFulfillment *out, QString *error);

    // concurrencyLimit, concurrencyRejection and latencyMs, as in the scenario file (all or
    // nothing; other keys are an error). Only those three fields of `account` change.
    static bool parseGovernance(const QJsonObject &json, NetSuiteScenario *account, QString *error);

    static QJsonObject itemFulfillmentToJson(const ItemFulfillment &fulfillment);
    static QString isoUtc(const QDateTime &time); // 2026-11-20T12:00:00Z
};

} // namespace fulfillsync::sandbox
