#pragma once

// Value types shared by storage, the sync engine and the item models. They cross threads by
// value (queued signals), so each one is registered as a metatype in domain.cpp.

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace fulfillsync {

// NetSuite sales order status letters (SuiteQL `transaction.status` for type SalesOrd).
namespace SalesOrderStatus {
inline constexpr char PendingApproval = 'A';
inline constexpr char PendingFulfillment = 'B';
inline constexpr char Cancelled = 'C';
inline constexpr char PartiallyFulfilled = 'D';
inline constexpr char PendingBillingPartiallyFulfilled = 'E';
inline constexpr char PendingBilling = 'F';
inline constexpr char Billed = 'G';
inline constexpr char Closed = 'H';
QString displayName(const QString &letter);
QStringList defaultTriggerSet(); // D, E, F, G
} // namespace SalesOrderStatus

// Item fulfillment ship status (SuiteQL `transaction.status` for type ItemShip).
namespace ShipStatus {
inline const QString Picked = QStringLiteral("A");
inline const QString Packed = QStringLiteral("B");
inline const QString Shipped = QStringLiteral("C");
QString displayName(const QString &letter);
} // namespace ShipStatus

struct NetSuiteAccount
{
    QString accountId; // "1234567" or "1234567_SB1"
    QString baseUrl;   // empty: derived from the account id
    bool operator==(const NetSuiteAccount &) const = default;
};

enum class UnmappedPolicy { Hold, UseDefault };

// How a NetSuite kit reaches the channel: as the kit's own line (the channel sold the kit as one
// product) or as its member items (the channel lists the members as separate lines).
enum class KitRule { KitLine, Members };
QString kitRuleKey(KitRule rule);
KitRule kitRuleFromKey(const QString &key);

struct Connector
{
    qint64 id = 0;
    QString name;
    QString kind = QStringLiteral("shopify");
    QString channel =
        QStringLiteral("Shopify"); // custbody_fa_channel value routed to this connector
    QString endpoint;              // e.g. https://acme.myshopify.com
    bool enabled = true;
    int intervalMinutes = 5;
    QStringList triggerStatuses = SalesOrderStatus::defaultTriggerSet();
    bool notifyCustomer = true;
    UnmappedPolicy unmappedPolicy = UnmappedPolicy::Hold;
    QString defaultCarrier;
    bool updateTracking = true; // send tracking changes made in NetSuite after the first push
    KitRule kitRule = KitRule::KitLine;
    QStringList alertEmails;    // who gets the digest of failed and held work
    int alertEveryMinutes = 60; // at most one digest per this many minutes
    // Switching over from another connector: the first pass reads NetSuite from this day (not
    // the last 30 days); what the other tool put in the channel is adopted. Invalid: not set.
    QDate takeOverFrom;
    qint64 revision = 0; // grows with every save (read only: the repository keeps it)
    bool operator==(const Connector &) const = default;

    // A 3PL warehouse (ShipStation API) rather than a sales channel: it routes no channel value
    // and runs a ThreePlPass instead of a SyncPass.
    static QString threePlKind() { return QStringLiteral("shipstation"); }
    bool isThreePl() const { return kind == threePlKind(); }
};

enum class MappingKind { ShipMethod, Item, Location, CustomField };
QString mappingKindKey(MappingKind kind);
std::optional<MappingKind> mappingKindFromKey(const QString &key);
QList<MappingKind> allMappingKinds();

// One row of a connector's mapping tables.
// ShipMethod, Item, Location: sourceKey is the NetSuite internal id (or name when no id is
// known), sourceName its display text, target the carrier name / channel SKU / channel location
// id, extra (ship methods only) a tracking URL template with {number}.
// CustomField: sourceKey is the channel field written (see CustomFieldMapping), sourceName the
// NetSuite field read, target the transform key and extra the transform's argument.
struct MappingRule
{
    MappingKind kind = MappingKind::ShipMethod;
    QString sourceKey;
    QString sourceName;
    QString target;
    QString extra;
    bool operator==(const MappingRule &) const = default;
};

struct SalesOrderLine
{
    qint64 lineId = 0;
    qint64 itemId = 0;
    QString itemName;
    double quantity = 0;
    double quantityShipped = 0;
    bool operator==(const SalesOrderLine &) const = default;
};

struct SalesOrder
{
    qint64 id = 0;
    QString tranId;
    QString tranDate; // YYYY-MM-DD
    QString customer;
    QString channel;
    QString channelOrder;
    QString status; // single letter
    QDateTime lastModified;
    QList<SalesOrderLine> lines;
    bool operator==(const SalesOrder &) const = default;
};

struct ItemFulfillmentLine
{
    qint64 lineId = 0;
    qint64 orderLine = 0;
    qint64 itemId = 0;
    QString itemName;
    double quantity = 0;
    qint64 locationId = 0;
    QString locationName;
    QString itemType; // NetSuite item type: InvtPart, Kit, Assembly, ...
    bool isKit() const { return itemType == u"Kit"; }
    bool operator==(const ItemFulfillmentLine &) const = default;
};

struct ItemFulfillment
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString tranId;
    QString tranDate;
    QString shipStatus; // A/B/C
    qint64 shipMethodId = 0;
    QString shipMethodName;
    QDateTime lastModified;
    QList<ItemFulfillmentLine> lines;
    QStringList trackingNumbers;
    bool voided = false;
    // Set when NetSuite's rows for it could not all be read (a null quantity, a wrong type):
    // it is held with this message and never pushed in part.
    QString problem;
    double totalQuantity() const;
    bool operator==(const ItemFulfillment &) const = default;
};

// One member of a NetSuite kit (SuiteQL ItemMember): `quantity` units per kit.
struct KitMember
{
    qint64 kitItemId = 0;
    qint64 itemId = 0;
    QString itemName;
    double quantity = 0;
    bool operator==(const KitMember &) const = default;
};

// The ledger: one row per (connector, NetSuite fulfillment). Written as Pending *before* the
// channel request (the outbox) and completed after the answer, so a crash can never make us
// forget that a request may have reached the channel.
// Attention: pushed, then voided, reduced or moved back in NetSuite. Flagged once for a person;
// never cancelled in the channel automatically. Resolved: a person looked and closed the flag
// (their reason is in the history); nothing is flagged or sent for it again. Adopted: already in
// the channel, made by another tool before this connector took over (a switch-over); recognised,
// never sent by us and never sent again, otherwise treated like Pushed.
enum class LedgerState { Pending, Pushed, Ambiguous, Attention, Resolved, Adopted };
QString ledgerStateKey(LedgerState state);
LedgerState ledgerStateFromKey(const QString &key);

struct LedgerEntry
{
    qint64 connectorId = 0;
    qint64 fulfillmentId = 0;
    qint64 orderId = 0;
    QString channelOrder;
    QString channelFulfillmentId;
    LedgerState state = LedgerState::Pending;
    QString payload; // what was (or is about to be) sent, secrets never included
    QStringList trackingNumbers;
    double quantity = 0; // total quantity pushed
    QDateTime createdAt;
    QDateTime completedAt;
    qint64 leaseEpoch = 0; // the lease epoch that wrote the intent, and so may send it
    bool operator==(const LedgerEntry &) const = default;
};

// A fulfillment that keeps failing waits for a growing while before the next try. A held one
// waits for a change instead (ignoreUntil at the end of time): of the connector's mappings
// (error class "mapping": the first pass after any mapping change takes it up again) or of
// NetSuite's data (taken up again when NetSuite reports the fulfillment changed).
struct QuarantineEntry
{
    qint64 connectorId = 0;
    qint64 fulfillmentId = 0;
    qint64 orderId = 0;
    int retryCount = 0;
    QDateTime lastTryAt;
    QDateTime ignoreUntil;
    QString errorClass;
    QString lastError;
    qint64 settingsVersion = 0; // the connector's settings version it was tried with
    bool waitsForChange() const
    {
        return ignoreUntil.isValid() && ignoreUntil.date().year() >= 9999;
    }
    bool operator==(const QuarantineEntry &) const = default;
};

// Where an order stands with a connector, as the orders table shows it.
enum class OrderSyncState { NotEligible, Waiting, Synced, PartiallySynced, Failed, Held };
QString orderSyncStateKey(OrderSyncState state);
std::optional<OrderSyncState> orderSyncStateFromKey(const QString &key);
QList<OrderSyncState> allOrderSyncStates();

enum class SyncTrigger { Schedule, Manual, Resync, Replay };
QString syncTriggerKey(SyncTrigger trigger);
std::optional<SyncTrigger> syncTriggerFromKey(const QString &key);
QList<SyncTrigger> allSyncTriggers();

enum class SyncOutcome { Pushed, Skipped, Failed, Held };
QString syncOutcomeKey(SyncOutcome outcome);
std::optional<SyncOutcome> syncOutcomeFromKey(const QString &key);
QList<SyncOutcome> allSyncOutcomes();

// Error classes shown to admins and used by retry decisions.
enum class ErrorClass {
    None,
    Auth,
    Permission,
    RateLimit,
    Transient,
    Validation,
    Mapping,
    Conflict,
    Server,
    Storage
};
QString errorClassKey(ErrorClass errorClass);

struct SyncAttempt
{
    qint64 id = 0;
    QDateTime occurredAt;
    qint64 connectorId = 0;
    QString connectorName;
    qint64 orderId = 0;
    QString orderTranId;
    qint64 fulfillmentId = 0;
    QString fulfillmentTranId;
    SyncTrigger trigger = SyncTrigger::Manual;
    SyncOutcome outcome = SyncOutcome::Skipped;
    ErrorClass errorClass = ErrorClass::None;
    qint64 durationMs = 0;
    QString message;
    QString request;           // redacted
    QString response;          // redacted
    qint64 mappingVersion = 0; // the connector's mapping version the request was built with
    QString trackingNumbers;   // the fulfillment's, comma-separated, as they were then
};

// What comes from outside is stored capped, so a damaged or hostile answer (a 10 MB name) can
// never grow the database pass after pass: NetSuite's text values at 4,000 characters (its
// free-form text limit), messages likewise, bodies kept in the history at 64 KiB.
namespace StoredText {
constexpr qsizetype kValue = 4000;
constexpr qsizetype kMessage = 4000;
constexpr qsizetype kBody = 64 * 1024;
// The text itself when it fits; else its start and "…", never half a surrogate pair.
QString capped(const QString &text, qsizetype max);
} // namespace StoredText

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::Connector)
Q_DECLARE_METATYPE(fulfillsync::SalesOrder)
Q_DECLARE_METATYPE(fulfillsync::ItemFulfillment)
Q_DECLARE_METATYPE(fulfillsync::SyncAttempt)
