#pragma once

#include "models/domain/domain.h"
#include "models/domain/threepl.h"

#include <QByteArray>
#include <QHash>
#include <optional>

namespace fulfillsync {

// What one 3PL shipment becomes in NetSuite: the body of the order's transform into an item
// fulfillment, or the reason it is held for a person. Pure, so every rule has a unit test.
namespace ShipmentPlanner {

// ns-<account>-<sales order id>: the key fulfillsync gives the orders it sends to the 3PL.
QString orderKeyFor(const QString &accountId, qint64 salesOrderId);
// The sales order an orderKey names, or 0 when the order did not come from this account.
qint64 salesOrderOf(const QString &orderKey, const QString &accountId);
// fs3pl-<shipment>: letters, digits, '_' and '-' only, as NetSuite requires. Not per
// connector: two connectors that read the same 3PL account (a copy, a second worker's
// configuration) must meet on the same record in NetSuite, never create a second one.
QString externalIdFor(const QString &shipmentId);

struct Plan
{
    QByteArray body;                  // the transform's JSON; empty when held
    QString holdReason;               // why not, in words for the admin
    bool overQuantity = false;        // held because less is left than it ships
    QHash<qint64, double> quantities; // order line -> shipped in this shipment
};

// `alreadyTaken`: what earlier shipments of this pass took from each line, beyond what NetSuite
// reported shipped. Every order line is listed, those not in the shipment with
// itemReceive:false: a line left out of a transform may be fulfilled in full. `shipMethodId`:
// the item fulfillment's ship method (0: the sales order's, as NetSuite fills it in).
Plan plan(const ThreePlShipment &shipment, const SalesOrder &order, const QString &externalId,
          const QHash<qint64, double> &alreadyTaken, qint64 shipMethodId = 0);

// The NetSuite ship method the 3PL's carrier and service map back to: the connector's Ship
// Method mappings read backwards ("carrierCode/serviceCode", or a carrier alone). The item
// fulfillment carries the carrier that really shipped, so the channel gets a tracking number
// with its own carrier. 0 when no mapping names the shipment's service, when several do, or
// when it names the ship method by name only (the record wants its internal id): the item
// fulfillment then keeps the sales order's.
qint64 shipMethodFor(const ThreePlShipment &shipment, const QList<MappingRule> &rules);

} // namespace ShipmentPlanner

} // namespace fulfillsync
