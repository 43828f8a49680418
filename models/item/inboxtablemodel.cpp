#include "models/item/inboxtablemodel.h"

#include "models/domain/inbox.h"
#include "models/domain/timestamps.h"

#include <QLocale>

namespace fulfillsync {

InboxTableModel::InboxTableModel(Database &database, QObject *parent)
    : PagedTableModel(
          database,
          TablePageQuery{TablePageQuery::Table::Inbox, {}, inboxStateKey(InboxState::Open)}, parent)
{}

QString InboxTableModel::problemName(const QString &key)
{
    const std::optional<InboxProblem> problem = inboxProblemFromKey(key);
    if (!problem)
        return key;
    switch (*problem) {
    case InboxProblem::Failed:
        return tr("Failed");
    case InboxProblem::Held:
        return tr("Held");
    case InboxProblem::Flagged:
        return tr("Flagged");
    }
    return key;
}

QString InboxTableModel::stateName(const QString &key)
{
    const std::optional<InboxState> state = inboxStateFromKey(key);
    if (!state)
        return key;
    switch (*state) {
    case InboxState::Open:
        return tr("Open");
    case InboxState::Resolved:
        return tr("Resolved");
    case InboxState::AutoResolved:
        return tr("Auto-resolved");
    }
    return key;
}

QString InboxTableModel::columnTitle(int column) const
{
    switch (column) {
    case Updated:
        return tr("Updated");
    case Connector:
        return tr("Connector");
    case Order:
        return tr("Order");
    case Fulfillment:
        return tr("Fulfillment");
    case Problem:
        return tr("Problem");
    case State:
        return tr("State");
    case Message:
        return tr("Message");
    case Opened:
        return tr("Opened");
    case Resolution:
        return tr("Resolution");
    default:
        return {};
    }
}

QVariant InboxTableModel::displayValue(const QVariantList &row, int column) const
{
    const QVariant value = row.value(column + 1);
    switch (column) {
    case Updated:
    case Opened:
        return QLocale().toString(fromStorageTime(value.toString()).toLocalTime(),
                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Problem:
        return problemName(value.toString());
    case State:
        return stateName(value.toString());
    default:
        return value;
    }
}

} // namespace fulfillsync
