#include "models/domain/inbox.h"

namespace fulfillsync {

QString inboxProblemKey(InboxProblem problem)
{
    switch (problem) {
    case InboxProblem::Failed:
        return QStringLiteral("failed");
    case InboxProblem::Held:
        return QStringLiteral("held");
    case InboxProblem::Flagged:
        return QStringLiteral("flagged");
    }
    return {};
}

std::optional<InboxProblem> inboxProblemFromKey(const QString &key)
{
    for (InboxProblem problem : allInboxProblems())
        if (inboxProblemKey(problem) == key)
            return problem;
    return std::nullopt;
}

QList<InboxProblem> allInboxProblems()
{
    return {InboxProblem::Failed, InboxProblem::Held, InboxProblem::Flagged};
}

QString inboxStateKey(InboxState state)
{
    switch (state) {
    case InboxState::Open:
        return QStringLiteral("open");
    case InboxState::Resolved:
        return QStringLiteral("resolved");
    case InboxState::AutoResolved:
        return QStringLiteral("auto_resolved");
    }
    return {};
}

std::optional<InboxState> inboxStateFromKey(const QString &key)
{
    for (InboxState state : allInboxStates())
        if (inboxStateKey(state) == key)
            return state;
    return std::nullopt;
}

QList<InboxState> allInboxStates()
{
    return {InboxState::Open, InboxState::Resolved, InboxState::AutoResolved};
}

QString inboxSubjectKey(InboxSubject subject)
{
    switch (subject) {
    case InboxSubject::Fulfillment:
        return QStringLiteral("fulfillment");
    case InboxSubject::ThreePlShipment:
        return QStringLiteral("threepl_shipment");
    case InboxSubject::ThreePlOrder:
        return QStringLiteral("threepl_order");
    }
    return {};
}

std::optional<InboxSubject> inboxSubjectFromKey(const QString &key)
{
    for (InboxSubject subject :
         {InboxSubject::Fulfillment, InboxSubject::ThreePlShipment, InboxSubject::ThreePlOrder})
        if (inboxSubjectKey(subject) == key)
            return subject;
    return std::nullopt;
}

} // namespace fulfillsync
