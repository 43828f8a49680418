#pragma once

#include "models/domain/domain.h"
#include "models/domain/inbox.h"
#include "models/domain/threepl.h"
#include "models/storage/leasefence.h"
#include "sync/engine/syncmessages.h"
#include "sync/threepl/threeplordersender.h"

#include <QByteArray>
#include <functional>
#include <optional>

namespace fulfillsync {

class Database;

// The bookkeeping of a 3PL pass, as AttemptRecorder is the channel's: each shipment's and each
// order's history line goes in with its Inbox item in one commit, so an item is open exactly
// while its last line says something needs a person. Counts and warnings go to the summary.
class ThreePlRecorder final
{
public:
    struct Config
    {
        Connector connector;
        SyncTrigger trigger = SyncTrigger::Manual;
        std::function<QDateTime()> clock;
        std::function<void(qint64 historyId)> recorded; // a line was committed
        LeaseFence *fence = nullptr; // proven in each line's commit (null: no lease)
    };

    ThreePlRecorder(Database &database, Config config, SyncRunSummary &summary);

    // A shipment's attempt: held (Validation) or flagged (Conflict) and failed ones open its
    // item; anything else settles it. False: not recorded (said in the run's warnings).
    bool shipment(const ThreePlShipmentEntry &entry, SyncOutcome outcome, ErrorClass errorClass,
                  const QString &message, const QByteArray &response, qint64 elapsedMs);
    // An order the 3PL took or refused for good (settles its item) or refused (opens it).
    void order(const ThreePlOrderSender::OrderOutcome &order);
    // An order that cannot go as it is: held in the Inbox, without a history line on every run.
    void holdOrder(const ThreePlOrderSender::OrderOutcome &order);

private:
    SyncAttempt attempt(qint64 orderId, const QString &orderTranId) const;
    InboxItem itemOf(const SyncAttempt &attempt, InboxSubject subject, const QString &key) const;
    InboxItem orderItem(const SyncAttempt &attempt) const;
    bool append(const SyncAttempt &attempt, const InboxItem &item,
                std::optional<InboxProblem> problem);
    void couldNotRecord(const QString &error);

    Database &m_database;
    Config m_config;
    SyncRunSummary &m_summary;
};

} // namespace fulfillsync
