#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace fulfillsync {

// What needed a person about one fulfillment of one connector.
enum class InboxProblem { Failed, Held, Flagged };
QString inboxProblemKey(InboxProblem problem);
std::optional<InboxProblem> inboxProblemFromKey(const QString &key);
QList<InboxProblem> allInboxProblems();

// Open until settled: resolved by a person (their reason kept) or auto-resolved when a later
// pass pushed the fulfillment or found nothing owed any more. A new failure opens it again.
enum class InboxState { Open, Resolved, AutoResolved };
QString inboxStateKey(InboxState state);
std::optional<InboxState> inboxStateFromKey(const QString &key);
QList<InboxState> allInboxStates();

struct InboxItem
{
    qint64 id = 0;
    qint64 connectorId = 0;
    QString connectorName;
    qint64 fulfillmentId = 0;
    qint64 orderId = 0;
    QString orderTranId;
    QString fulfillmentTranId;
    InboxProblem problem = InboxProblem::Failed;
    InboxState state = InboxState::Open;
    QString message;
    QDateTime openedAt;
    QDateTime updatedAt;
    QString resolution;
};

} // namespace fulfillsync
