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

// What an item is about. A channel connector's items are NetSuite item fulfillments; a 3PL
// connector's are the 3PL's shipments (held or flagged before or after they became item
// fulfillments) and the orders the 3PL refused.
enum class InboxSubject { Fulfillment, ThreePlShipment, ThreePlOrder };
QString inboxSubjectKey(InboxSubject subject);
std::optional<InboxSubject> inboxSubjectFromKey(const QString &key);

struct InboxItem
{
    qint64 id = 0;
    qint64 connectorId = 0;
    QString connectorName;
    InboxSubject subject = InboxSubject::Fulfillment;
    // Which one, unique per connector and subject: the fulfillment id, the 3PL's shipment id or
    // the sales order id. Empty: the fulfillment id.
    QString subjectKey;
    qint64 fulfillmentId = 0; // the NetSuite item fulfillment, where there is one
    qint64 orderId = 0;
    QString orderTranId;
    QString fulfillmentTranId;
    InboxProblem problem = InboxProblem::Failed;
    InboxState state = InboxState::Open;
    QString message;
    QDateTime openedAt;
    QDateTime updatedAt;
    QString resolution;

    QString key() const
    {
        return subjectKey.isEmpty() ? QString::number(fulfillmentId) : subjectKey;
    }
};

} // namespace fulfillsync
