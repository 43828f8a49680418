#include "models/item/ordertablemodel.h"

#include "models/domain/domain.h"
#include "models/domain/timestamps.h"

#include <QLocale>

namespace fulfillsync {

OrderTableModel::OrderTableModel(Database &database, QObject *parent)
    : PagedTableModel(database, TablePageQuery{TablePageQuery::Table::Orders, {}, {}}, parent)
{}

QString OrderTableModel::syncStateName(const QString &key)
{
    const std::optional<OrderSyncState> state = orderSyncStateFromKey(key);
    if (!state)
        return key;
    switch (*state) {
    case OrderSyncState::NotEligible:
        return tr("Not eligible");
    case OrderSyncState::Waiting:
        return tr("Waiting");
    case OrderSyncState::Synced:
        return tr("Synced");
    case OrderSyncState::PartiallySynced:
        return tr("Partially synced");
    case OrderSyncState::Failed:
        return tr("Failed");
    case OrderSyncState::Held:
        return tr("Held");
    }
    return key;
}

QString OrderTableModel::columnTitle(int column) const
{
    switch (column) {
    case Number:
        return tr("Order");
    case Date:
        return tr("Date");
    case Customer:
        return tr("Customer");
    case Channel:
        return tr("Channel");
    case ChannelOrder:
        return tr("Channel order");
    case Status:
        return tr("NetSuite status");
    case Ordered:
        return tr("Ordered");
    case Shipped:
        return tr("Shipped");
    case Pushed:
        return tr("Pushed");
    case SyncState:
        return tr("Sync state");
    case LastAttempt:
        return tr("Last attempt");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

bool OrderTableModel::isNumeric(int column) const
{
    return column == Ordered || column == Shipped || column == Pushed;
}

QVariant OrderTableModel::displayValue(const QVariantList &row, int column) const
{
    const QVariant value = row.value(column + 1);
    switch (column) {
    case Status:
        return SalesOrderStatus::displayName(value.toString());
    case Ordered:
    case Shipped:
    case Pushed:
        return QLocale().toString(value.toDouble(), 'g', 12);
    case SyncState:
        return syncStateName(value.toString());
    case LastAttempt: {
        const QDateTime time = fromStorageTime(value.toString());
        return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                              : QString();
    }
    default:
        return value;
    }
}

} // namespace fulfillsync
