#pragma once

#include "sandbox/server/httpexchange.h"

#include <QJsonObject>

namespace fulfillsync::sandbox {

class NetSuiteStore;
struct ItemFulfillment;
struct SalesOrder;

// NetSuite's Record API reads (apis.md §1.4): GET /services/rest/record/v1/salesOrder/{id} and
// .../itemFulfillment/{id}, rendered from the store's records. Unlike SuiteQL the values are
// typed: numbers and booleans are JSON ones, references are {id, refName, links}, selects
// {id, refName}, datetimes ISO-8601 UTC. Sublists are link objects unless
// expandSubResources=true inlines them with the collection envelope.
class NetSuiteRecords final
{
public:
    static bool isRecordPath(const QString &path); // under /services/rest/record/v1/
    static HttpReply handle(const HttpRequest &request, const NetSuiteStore &store);

    // `base` is the record root the client addressed, e.g.
    // http://127.0.0.1:8080/services/rest/record/v1
    static QJsonObject salesOrder(const NetSuiteStore &store, const SalesOrder &order,
                                  const QString &base, bool expand);
    static QJsonObject itemFulfillment(const NetSuiteStore &store,
                                       const ItemFulfillment &fulfillment, const QString &base,
                                       bool expand);

    // The package sublist NetSuite uses for a ship method: carrier-integrated ones for UPS,
    // FedEx and USPS (packageUps, packageFedex, packageUsps), otherwise "package".
    static QString packageSublist(const QString &shipMethodName);
};

} // namespace fulfillsync::sandbox
