#include "models/item/historytablemodel.h"

#include "models/domain/domain.h"
#include "models/domain/timestamps.h"

#include <QLocale>

namespace fulfillsync {

HistoryTableModel::HistoryTableModel(Database &database, QObject *parent)
    : PagedTableModel(database, TablePageQuery{TablePageQuery::Table::History, {}, {}}, parent)
{}

QString HistoryTableModel::outcomeName(const QString &key)
{
    const std::optional<SyncOutcome> outcome = syncOutcomeFromKey(key);
    if (!outcome)
        return key;
    switch (*outcome) {
    case SyncOutcome::Pushed:
        return tr("Pushed");
    case SyncOutcome::Skipped:
        return tr("Skipped");
    case SyncOutcome::Failed:
        return tr("Failed");
    case SyncOutcome::Held:
        return tr("Held");
    }
    return key;
}

QString HistoryTableModel::triggerName(const QString &key)
{
    const std::optional<SyncTrigger> trigger = syncTriggerFromKey(key);
    if (!trigger)
        return key;
    switch (*trigger) {
    case SyncTrigger::Schedule:
        return tr("Schedule");
    case SyncTrigger::Manual:
        return tr("Manual");
    case SyncTrigger::Resync:
        return tr("Resync");
    case SyncTrigger::Replay:
        return tr("Replay");
    }
    return key;
}

QString HistoryTableModel::columnTitle(int column) const
{
    switch (column) {
    case Time:
        return tr("Time");
    case Connector:
        return tr("Connector");
    case Order:
        return tr("Order");
    case Fulfillment:
        return tr("Fulfillment");
    case Trigger:
        return tr("Trigger");
    case Outcome:
        return tr("Outcome");
    case ErrorClass:
        return tr("Error class");
    case Duration:
        return tr("Duration");
    case Message:
        return tr("Message");
    case Tracking:
        return tr("Tracking");
    default:
        return {};
    }
}

QVariant HistoryTableModel::displayValue(const QVariantList &row, int column) const
{
    const QVariant value = row.value(column + 1);
    switch (column) {
    case Time: {
        const QDateTime time = fromStorageTime(value.toString());
        return QLocale().toString(time.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    case Trigger:
        return triggerName(value.toString());
    case Outcome:
        return outcomeName(value.toString());
    case Duration:
        return tr("%1 ms").arg(value.toLongLong());
    default:
        return value;
    }
}

} // namespace fulfillsync
