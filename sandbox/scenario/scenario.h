#pragma once

// The parsed form of a `fulfillsync-scenario/1` file (scenario-format.md). Plain value types: the
// loader fills them after validating, the stores materialise them, the demo generator builds them
// directly (fast path for 200k orders).

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fulfillsync::sandbox {

struct KitMember
{
    qint64 item = 0;
    double quantity = 0;
};

struct ScenarioItem
{
    qint64 id = 0;
    QString itemId; // the SKU-like name shown by BUILTIN.DF(item)
    QString type;   // InvtPart, Kit, NonInvtPart, Service, Assembly, ...
    QList<KitMember> members;
};

struct NamedRecord
{
    qint64 id = 0;
    QString name;
};

// An address as NetSuite's TransactionShippingAddress / TransactionBillingAddress rows have it
// (country: the two-letter code SuiteQL returns).
struct Address
{
    QString addressee;
    QString attention;
    QString addr1;
    QString addr2;
    QString city;
    QString state;
    QString zip;
    QString country;
    QString phone; // addrphone
};

// A customer record. Its default address becomes a new sales order's ship-to and bill-to, as
// NetSuite fills a transaction from the entity's defaults.
struct Customer
{
    qint64 id = 0;
    QString name;
    QString email;
    QString phone;
    std::optional<Address> address;
};

struct SalesOrderLine
{
    int line = 0;
    qint64 item = 0;
    double quantity = 0;
    qint64 location = 0; // 0 = none
};

struct SalesOrder
{
    qint64 id = 0;
    QString tranId;
    QDate tranDate;
    qint64 customer = 0;
    QString channel;
    QString channelOrder;
    QString otherRefNum;
    qint64 shipMethod = 0;
    QString status;                // explicit status from the scenario; empty = derive
    QDateTime lastModified;        // invalid = derive from its fulfillments
    std::optional<Address> shipTo; // none: NetSuite has no shipping address for it
    std::optional<Address> billTo;
    QList<SalesOrderLine> lines;
};

struct FulfillmentLine
{
    int orderLine = 0;
    qint64 item = 0;
    double quantity = 0;
    qint64 location = 0;
};

struct Package
{
    QString trackingNumber;
    double weight = 0;
    bool hasWeight = false;
};

struct ItemFulfillment
{
    qint64 id = 0;
    QString tranId;
    qint64 createdFrom = 0;
    QDate tranDate;
    QString shipStatus = QStringLiteral("C"); // A picked, B packed, C shipped
    qint64 shipMethod = 0;
    QString source;
    QString externalId; // set by an integration (the Record API's transform); empty = none
    QDateTime lastModified;
    bool voided = false;
    QList<FulfillmentLine> lines;
    QList<Package> packages;
};

struct NetSuiteFeatures
{
    bool advancedShipping = true;
    bool pickPackShip = true;
    bool pickedCountsTowardStatus = false; // apis.md §1.8 [unsure] rule, a switch
};

struct NetSuiteScenario
{
    QString accountId;
    QString consumerKey;
    QString consumerSecret;
    QString tokenId;
    QString tokenSecret;
    NetSuiteFeatures features;
    int concurrencyLimit = 5;
    int concurrencyRejection = 429; // 429, or 401 INVALID_LOGIN (apis.md §1.6 field reports)
    int latencyMs = 0;              // artificial latency per REST request
    bool offsetMustBeMultipleOfLimit = true; // apis.md §1.3 [2nd] rule, a switch
    bool checkTimestamp = true;
    int timestampSkewSeconds = 300;
    QList<ScenarioItem> items;
    QList<NamedRecord> shipMethods;
    QList<NamedRecord> locations;
    QList<Customer> customers;
    QList<SalesOrder> salesOrders;
    QList<ItemFulfillment> itemFulfillments;
};

struct ChannelLineItem
{
    qint64 id = 0;
    QString sku;
    int quantity = 0;
    QString title;
};

// A fulfillment the store holds at load: made by hand or by another connector before the
// switch-over to fulfillsync (the merchant's store is not empty).
struct ExistingFulfillment
{
    QStringList trackingNumbers;
    QString trackingCompany;
    QList<QPair<qint64, int>> lines; // line item id, quantity
};

struct ChannelOrder
{
    qint64 id = 0;
    QString name;
    qint64 locationId = 0;
    QList<ChannelLineItem> lineItems;
    // The status its fulfillment order starts in: open, on_hold or scheduled.
    QString fulfillmentOrderStatus = QStringLiteral("open");
    QList<ExistingFulfillment> fulfillments;
};

struct Channel
{
    QString kind; // shopify, bigcommerce, amazon, woocommerce
    QString name;
    QString shop;
    QString accessToken;
    QString channel; // the custbody_fa_channel value orders of this channel carry
    QString plan = QStringLiteral("standard");
    bool splitOnPartial = true; // false = "reduce" mode: the FO stays, fulfillable shrinks
    int bucketSize = 0;         // 0 = from plan
    double leakPerSecond = 0;   // 0 = from plan
    QList<NamedRecord> locations;
    QList<ChannelOrder> orders;
};

struct Scenario
{
    QDateTime now; // invalid = real time at load
    NetSuiteScenario netsuite;
    QList<Channel> channels;
};

} // namespace fulfillsync::sandbox
