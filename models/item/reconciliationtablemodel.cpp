#include "models/item/reconciliationtablemodel.h"

#include "models/domain/timestamps.h"

#include <QLocale>

namespace fulfillsync {

ReconciliationTableModel::ReconciliationTableModel(Database &database, QObject *parent)
    : PagedTableModel(database, TablePageQuery{TablePageQuery::Table::Reconciliation, {}, {}},
                      parent)
{}

QStringList ReconciliationTableModel::verdictKeys()
{
    return {QStringLiteral("matched"),
            QStringLiteral("missing"),
            QStringLiteral("quantity_differs"),
            QStringLiteral("tracking_differs"),
            QStringLiteral("extra"),
            QStringLiteral("order_cancelled")};
}

QString ReconciliationTableModel::verdictName(const QString &key)
{
    if (key == u"matched")
        return tr("Matched");
    if (key == u"missing")
        return tr("Missing in the channel");
    if (key == u"quantity_differs")
        return tr("Quantity differs");
    if (key == u"tracking_differs")
        return tr("Tracking differs");
    if (key == u"extra")
        return tr("Extra in the channel");
    if (key == u"order_cancelled")
        return tr("Order cancelled or closed in the channel");
    return key; // a verdict a newer version wrote: shown as stored
}

QString ReconciliationTableModel::resolutionStateName(const QString &key)
{
    if (key == u"flagged")
        return tr("Flagged");
    if (key == u"resolved")
        return tr("Resolved");
    return key;
}

QString ReconciliationTableModel::resolutionText(const QVariantList &row)
{
    const QString state = row.value(ResolutionState).toString();
    if (state.isEmpty())
        return {};
    const QString dbUser = row.value(ResolvedDbUser).toString();
    const QString who =
        dbUser.isEmpty()
            ? row.value(ResolvedBy).toString()
            : tr("%1 (database user %2)").arg(row.value(ResolvedBy).toString(), dbUser);
    const QString when =
        QLocale().toString(fromStorageTime(row.value(ResolvedAt).toString()).toLocalTime(),
                           QStringLiteral("yyyy-MM-dd HH:mm"));
    return tr("%1: %2 — %3, %4")
        .arg(resolutionStateName(state), row.value(Resolution + 1).toString(), who, when);
}

int ReconciliationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReconciliationTableModel::data(const QModelIndex &index, int role) const
{
    // The detail and the resolution are long sentences: the whole text on hover.
    if (role == Qt::ToolTipRole && (index.column() == Detail || index.column() == Resolution))
        return PagedTableModel::data(index, Qt::DisplayRole);
    return PagedTableModel::data(index, role);
}

QString ReconciliationTableModel::columnTitle(int column) const
{
    switch (column) {
    case Checked:
        return tr("Checked");
    case Connector:
        return tr("Connector");
    case Order:
        return tr("Order");
    case ChannelOrder:
        return tr("Channel order");
    case Customer:
        return tr("Customer");
    case Fulfillment:
        return tr("Item fulfillment");
    case ChannelFulfillment:
        return tr("Channel fulfillment");
    case Verdict:
        return tr("Verdict");
    case Detail:
        return tr("Detail");
    case Resolution:
        return tr("Resolution");
    default:
        return {};
    }
}

QVariant ReconciliationTableModel::displayValue(const QVariantList &row, int column) const
{
    const QVariant value = row.value(column + 1);
    switch (column) {
    case Checked:
        return QLocale().toString(fromStorageTime(value.toString()).toLocalTime(),
                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Verdict:
        return verdictName(value.toString());
    case Resolution:
        return resolutionText(row);
    default:
        return value;
    }
}

} // namespace fulfillsync
