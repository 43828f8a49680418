#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace fulfillsync {

// One line of a 3PL shipment: which NetSuite order line it ships (lineItemKey, as fulfillsync
// sent it), and how many.
struct ThreePlShipmentItem
{
    QString lineItemKey;
    QString sku;
    double quantity = 0;
    bool operator==(const ThreePlShipmentItem &) const = default;
};

// A shipment as the 3PL reports it: one label, one tracking number.
struct ThreePlShipment
{
    QString shipmentId;
    QString orderKey; // ns-<account>-<sales order id> for orders fulfillsync sent
    QString orderNumber;
    QDateTime createdAt;
    QString trackingNumber;
    QString carrierCode;
    QString serviceCode;
    bool voided = false;
    QDateTime voidedAt; // invalid when not voided
    QList<ThreePlShipmentItem> items;
    bool operator==(const ThreePlShipment &) const = default;
};

// The outbox row of one shipment (table threepl_shipments).
// Flagged: the 3PL voided the label after its item fulfillment was created; a person decides.
enum class ThreePlState { Pending, Unknown, Created, Held, Flagged };
QString threePlStateKey(ThreePlState state);
ThreePlState threePlStateFromKey(const QString &key);

struct ThreePlShipmentEntry
{
    qint64 connectorId = 0;
    QString shipmentId;
    qint64 salesOrderId = 0;
    QString orderNumber;
    QString externalId; // on the NetSuite item fulfillment: fs3pl-<connector>-<shipment>
    ThreePlState state = ThreePlState::Pending;
    qint64 fulfillmentId = 0; // the NetSuite item fulfillment, once known
    QString trackingNumber;
    QDateTime shippedAt;
    QString error;   // why it is held
    QString request; // the transform body (no credentials)
    QDateTime updatedAt;
    int tries = 0;         // read-backs that left it unknown
    QDateTime nextTryAt;   // unknown: not read back before then (invalid: at once)
    qint64 leaseEpoch = 0; // the lease epoch that wrote the intent, and so may send it
    bool operator==(const ThreePlShipmentEntry &) const = default;
};

} // namespace fulfillsync
