#include "models/domain/domain.h"
#include "models/domain/threepl.h"

#include <QCoreApplication>

namespace fulfillsync {

QString SalesOrderStatus::displayName(const QString &letter)
{
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Pending Approval"),
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Pending Fulfillment"),
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Cancelled"),
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Partially Fulfilled"),
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Pending Billing/Partially Fulfilled"),
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Pending Billing"),
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Billed"),
        QT_TRANSLATE_NOOP("SalesOrderStatus", "Closed"),
    };
    if (letter.size() != 1 || letter.at(0) < u'A' || letter.at(0) > u'H')
        return letter;
    return QCoreApplication::translate("SalesOrderStatus", names[letter.at(0).unicode() - 'A']);
}

QStringList SalesOrderStatus::defaultTriggerSet()
{
    return {QStringLiteral("D"), QStringLiteral("E"), QStringLiteral("F"), QStringLiteral("G")};
}

QString ShipStatus::displayName(const QString &letter)
{
    if (letter == Picked)
        return QCoreApplication::translate("ShipStatus", "Picked");
    if (letter == Packed)
        return QCoreApplication::translate("ShipStatus", "Packed");
    if (letter == Shipped)
        return QCoreApplication::translate("ShipStatus", "Shipped");
    return letter;
}

QString mappingKindKey(MappingKind kind)
{
    switch (kind) {
    case MappingKind::ShipMethod:
        return QStringLiteral("ship_method");
    case MappingKind::Item:
        return QStringLiteral("item");
    case MappingKind::Location:
        return QStringLiteral("location");
    case MappingKind::CustomField:
        return QStringLiteral("custom_field");
    }
    return {};
}

QList<MappingKind> allMappingKinds()
{
    return {MappingKind::ShipMethod, MappingKind::Item, MappingKind::Location,
            MappingKind::CustomField};
}

std::optional<MappingKind> mappingKindFromKey(const QString &key)
{
    for (MappingKind kind : allMappingKinds())
        if (mappingKindKey(kind) == key)
            return kind;
    return std::nullopt;
}

QString kitRuleKey(KitRule rule)
{
    return rule == KitRule::Members ? QStringLiteral("members") : QStringLiteral("kit_line");
}

KitRule kitRuleFromKey(const QString &key)
{
    return key == u"members" ? KitRule::Members : KitRule::KitLine;
}

QString ledgerStateKey(LedgerState state)
{
    switch (state) {
    case LedgerState::Pending:
        return QStringLiteral("pending");
    case LedgerState::Pushed:
        return QStringLiteral("pushed");
    case LedgerState::Ambiguous:
        return QStringLiteral("ambiguous");
    case LedgerState::Attention:
        return QStringLiteral("attention");
    case LedgerState::Resolved:
        return QStringLiteral("resolved");
    case LedgerState::Adopted:
        return QStringLiteral("adopted");
    }
    return {};
}

LedgerState ledgerStateFromKey(const QString &key)
{
    if (key == u"pushed")
        return LedgerState::Pushed;
    if (key == u"ambiguous")
        return LedgerState::Ambiguous;
    if (key == u"attention")
        return LedgerState::Attention;
    if (key == u"resolved")
        return LedgerState::Resolved;
    if (key == u"adopted")
        return LedgerState::Adopted;
    return LedgerState::Pending;
}

QString orderSyncStateKey(OrderSyncState state)
{
    switch (state) {
    case OrderSyncState::NotEligible:
        return QStringLiteral("not_eligible");
    case OrderSyncState::Waiting:
        return QStringLiteral("waiting");
    case OrderSyncState::Synced:
        return QStringLiteral("synced");
    case OrderSyncState::PartiallySynced:
        return QStringLiteral("partially_synced");
    case OrderSyncState::Failed:
        return QStringLiteral("failed");
    case OrderSyncState::Held:
        return QStringLiteral("held");
    }
    return {};
}

std::optional<OrderSyncState> orderSyncStateFromKey(const QString &key)
{
    for (OrderSyncState state : allOrderSyncStates())
        if (orderSyncStateKey(state) == key)
            return state;
    return std::nullopt;
}

QList<OrderSyncState> allOrderSyncStates()
{
    return {OrderSyncState::NotEligible,     OrderSyncState::Waiting, OrderSyncState::Synced,
            OrderSyncState::PartiallySynced, OrderSyncState::Failed,  OrderSyncState::Held};
}

double ItemFulfillment::totalQuantity() const
{
    double total = 0;
    for (const ItemFulfillmentLine &line : lines)
        total += line.quantity;
    return total;
}

QString syncTriggerKey(SyncTrigger trigger)
{
    switch (trigger) {
    case SyncTrigger::Schedule:
        return QStringLiteral("schedule");
    case SyncTrigger::Manual:
        return QStringLiteral("manual");
    case SyncTrigger::Resync:
        return QStringLiteral("resync");
    case SyncTrigger::Replay:
        return QStringLiteral("replay");
    }
    return {};
}

QString syncOutcomeKey(SyncOutcome outcome)
{
    switch (outcome) {
    case SyncOutcome::Pushed:
        return QStringLiteral("pushed");
    case SyncOutcome::Skipped:
        return QStringLiteral("skipped");
    case SyncOutcome::Failed:
        return QStringLiteral("failed");
    case SyncOutcome::Held:
        return QStringLiteral("held");
    }
    return {};
}

std::optional<SyncTrigger> syncTriggerFromKey(const QString &key)
{
    for (SyncTrigger trigger : allSyncTriggers())
        if (syncTriggerKey(trigger) == key)
            return trigger;
    return std::nullopt;
}

QList<SyncTrigger> allSyncTriggers()
{
    return {SyncTrigger::Schedule, SyncTrigger::Manual, SyncTrigger::Resync, SyncTrigger::Replay};
}

std::optional<SyncOutcome> syncOutcomeFromKey(const QString &key)
{
    for (SyncOutcome outcome : allSyncOutcomes())
        if (syncOutcomeKey(outcome) == key)
            return outcome;
    return std::nullopt;
}

QList<SyncOutcome> allSyncOutcomes()
{
    return {SyncOutcome::Pushed, SyncOutcome::Skipped, SyncOutcome::Failed, SyncOutcome::Held};
}

QString errorClassKey(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
        return {};
    case ErrorClass::Auth:
        return QStringLiteral("auth");
    case ErrorClass::Permission:
        return QStringLiteral("permission");
    case ErrorClass::RateLimit:
        return QStringLiteral("rate_limit");
    case ErrorClass::Transient:
        return QStringLiteral("transient");
    case ErrorClass::Validation:
        return QStringLiteral("validation");
    case ErrorClass::Mapping:
        return QStringLiteral("mapping");
    case ErrorClass::Conflict:
        return QStringLiteral("conflict");
    case ErrorClass::Server:
        return QStringLiteral("server");
    case ErrorClass::Storage:
        return QStringLiteral("storage");
    }
    return {};
}

} // namespace fulfillsync

namespace fulfillsync {

QString threePlStateKey(ThreePlState state)
{
    switch (state) {
    case ThreePlState::Pending:
        return QStringLiteral("pending");
    case ThreePlState::Unknown:
        return QStringLiteral("unknown");
    case ThreePlState::Created:
        return QStringLiteral("created");
    case ThreePlState::Held:
        return QStringLiteral("held");
    case ThreePlState::Flagged:
        return QStringLiteral("flagged");
    }
    return QStringLiteral("pending");
}

ThreePlState threePlStateFromKey(const QString &key)
{
    // Anything unreadable is treated as "not known to have reached NetSuite, read it back".
    if (key == QLatin1String("created"))
        return ThreePlState::Created;
    if (key == QLatin1String("held"))
        return ThreePlState::Held;
    if (key == QLatin1String("flagged"))
        return ThreePlState::Flagged;
    if (key == QLatin1String("pending"))
        return ThreePlState::Pending;
    return ThreePlState::Unknown;
}

QString StoredText::capped(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    qsizetype keep = std::max<qsizetype>(0, max - 1);
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    return text.left(keep) + u'\u2026';
}

} // namespace fulfillsync
