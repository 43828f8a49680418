#include "sync/threepl/threeplrecorder.h"

#include "models/storage/database.h"
#include "models/storage/historyrepository.h"
#include "models/storage/inboxrepository.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcThreePlRecorder, "fulfillsync.threepl.recorder")

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ThreePlRecorder)
};
constexpr int kResponseKept = 4000; // characters of an answer kept in the history
} // namespace

ThreePlRecorder::ThreePlRecorder(Database &database, Config config, SyncRunSummary &summary)
    : m_database(database)
    , m_config(std::move(config))
    , m_summary(summary)
{}

SyncAttempt ThreePlRecorder::attempt(qint64 orderId, const QString &orderTranId) const
{
    SyncAttempt a;
    a.occurredAt = m_config.clock();
    a.connectorId = m_config.connector.id;
    a.connectorName = m_config.connector.name;
    a.orderId = orderId;
    a.orderTranId = orderTranId;
    a.trigger = m_config.trigger;
    return a;
}

InboxItem ThreePlRecorder::itemOf(const SyncAttempt &attempt, InboxSubject subject,
                                  const QString &key) const
{
    InboxItem item;
    item.connectorId = attempt.connectorId;
    item.connectorName = attempt.connectorName;
    item.subject = subject;
    item.subjectKey = key;
    item.fulfillmentId = attempt.fulfillmentId;
    item.orderId = attempt.orderId;
    item.orderTranId = attempt.orderTranId;
    item.message = attempt.message;
    return item;
}

// An order's item: it has no fulfillment, the Fulfillment column says what it is about.
InboxItem ThreePlRecorder::orderItem(const SyncAttempt &attempt) const
{
    InboxItem item = itemOf(attempt, InboxSubject::ThreePlOrder, QString::number(attempt.orderId));
    item.fulfillmentTranId = Text::tr("Order to the 3PL");
    return item;
}

void ThreePlRecorder::couldNotRecord(const QString &error)
{
    qCWarning(lcThreePlRecorder) << "could not record:" << error;
    // The history or the Inbox misses something: the run says so rather than "all synced".
    m_summary.warnings << Text::tr("Could not record in the history or the Inbox: %1").arg(error);
}

// No problem: the attempt settled the item.
bool ThreePlRecorder::append(const SyncAttempt &attempt, const InboxItem &item,
                             std::optional<InboxProblem> problem)
{
    QSqlDatabase db = m_database.connection();
    FencedTransaction transaction(db, m_config.fence);
    if (!transaction.isHeld() && m_config.fence && m_config.fence->isLost())
        return false; // another worker acts for the connector now: this one records nothing
    InboxRepository inbox(db);
    HistoryRepository history(db);
    const qint64 id = history.append(attempt);
    InboxItem opened = item;
    opened.problem = problem.value_or(InboxProblem::Failed);
    const bool inboxed = problem
                             ? inbox.open(opened, attempt.occurredAt)
                             : inbox.autoResolve(item.connectorId, item.subject, item.subjectKey,
                                                 attempt.message, attempt.occurredAt);
    QString error;
    if (id == 0 || !inboxed || !transaction.commit(&error)) {
        QStringList errors{error, history.lastError(), inbox.lastError()};
        errors.removeAll(QString());
        couldNotRecord(errors.join(QStringLiteral("; ")));
        return false;
    }
    if (m_config.recorded)
        m_config.recorded(id);
    return true;
}

bool ThreePlRecorder::shipment(const ThreePlShipmentEntry &entry, SyncOutcome outcome,
                               ErrorClass errorClass, const QString &message,
                               const QByteArray &response, qint64 elapsedMs)
{
    SyncAttempt a = attempt(entry.salesOrderId, entry.orderNumber);
    a.fulfillmentId = entry.fulfillmentId;
    // NetSuite gave the new record's id, not its number: the column shows the id.
    if (entry.fulfillmentId > 0)
        a.fulfillmentTranId = QStringLiteral("#%1").arg(entry.fulfillmentId);
    a.outcome = outcome;
    a.errorClass = errorClass;
    a.durationMs = elapsedMs;
    a.message = message;
    a.request = entry.request;
    a.response = QString::fromUtf8(response.left(kResponseKept));
    a.trackingNumbers = entry.trackingNumber;

    InboxItem item = itemOf(a, InboxSubject::ThreePlShipment, entry.shipmentId);
    item.fulfillmentTranId =
        a.fulfillmentTranId.isEmpty()
            ? Text::tr("Shipment %1").arg(entry.shipmentId)
            : Text::tr("%1 (shipment %2)").arg(a.fulfillmentTranId, entry.shipmentId);
    std::optional<InboxProblem> problem;
    if (outcome == SyncOutcome::Held)
        problem = errorClass == ErrorClass::Conflict ? InboxProblem::Flagged : InboxProblem::Held;
    else if (outcome == SyncOutcome::Failed)
        problem = InboxProblem::Failed;
    return append(a, item, problem);
}

void ThreePlRecorder::order(const ThreePlOrderSender::OrderOutcome &order)
{
    SyncAttempt a = attempt(order.salesOrderId, order.tranId);
    a.outcome = order.taken     ? SyncOutcome::Pushed
                : order.settled ? SyncOutcome::Skipped
                                : SyncOutcome::Failed;
    a.errorClass = order.taken || order.settled ? ErrorClass::None : ErrorClass::Validation;
    a.message = order.message;
    a.request = order.request;
    a.response = order.response;
    if (!order.taken && !order.settled)
        ++m_summary.failed;
    // A refusal that will not change is shown once (this line, the run's warnings) and settles
    // the order's item: nothing is left for the 3PL or for a person to retry.
    if (order.settled)
        m_summary.warnings << order.message;
    append(a, orderItem(a),
           order.taken || order.settled ? std::nullopt
                                        : std::optional<InboxProblem>(InboxProblem::Failed));
}

// Sent later, its item settles like any other order's. Resolved, it stays resolved while the
// same thing stops it: the person has decided about exactly that (shipped it by hand, say);
// only a different reason, after a change in NetSuite, asks them again.
void ThreePlRecorder::holdOrder(const ThreePlOrderSender::OrderOutcome &order)
{
    SyncAttempt a = attempt(order.salesOrderId, order.tranId);
    a.message = order.message;
    InboxItem item = orderItem(a);
    item.problem = InboxProblem::Held;
    InboxRepository inbox(m_database.connection());
    const std::optional<InboxItem> known =
        inbox.item(item.connectorId, item.subject, item.subjectKey);
    if (known && known->state == InboxState::Resolved && known->message == item.message)
        return; // unreadable (nullopt) is not "resolved": it is held again
    m_summary.warnings << order.message;
    ++m_summary.held;
    if (!inbox.open(item, a.occurredAt))
        couldNotRecord(inbox.lastError());
}

} // namespace fulfillsync
