#include "models/item/historytablemodel.h"

#include "models/domain/timestamps.h"

#include <QLocale>

namespace fulfillsync {

HistoryTableModel::HistoryTableModel(Database &database, QObject *parent)
    : PagedTableModel(database, TablePageQuery{TablePageQuery::Table::History, {}, {}}, parent)
{}

QString HistoryTableModel::outcomeName(const QString &key)
{
    if (key == u"pushed")
        return tr("Pushed");
    if (key == u"skipped")
        return tr("Skipped");
    if (key == u"failed")
        return tr("Failed");
    if (key == u"held")
        return tr("Held");
    return key;
}

QString HistoryTableModel::triggerName(const QString &key)
{
    if (key == u"schedule")
        return tr("Schedule");
    if (key == u"manual")
        return tr("Manual");
    if (key == u"resync")
        return tr("Resync");
    if (key == u"replay")
        return tr("Replay");
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
