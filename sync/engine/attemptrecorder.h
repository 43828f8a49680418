#pragma once

#include "models/domain/domain.h"
#include "models/storage/historyrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/engine/syncmessages.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <functional>

namespace fulfillsync {

// The bookkeeping half of a pass: every attempt goes into the history with its quarantine
// consequence in the same commit, the pass's counts and each order's problem are kept for the
// summary and the orders table. A dry run records nothing.
class AttemptRecorder final
{
public:
    // What an attempt does to the fulfillment's quarantine entry, and so to its inbox item.
    enum class Quarantine {
        Leave, // nothing (skips, replays)
        Clear, // a success wipes it; an open inbox item is auto-resolved
        Grow,  // a failure: the next try waits longer; the inbox item is open
        Hold,  // held: waits for a mapping change (or NetSuite's data), not for a time
        Flag,  // changed after the push: left alone, flagged in the inbox for a person
    };
    struct Subject
    {
        SalesOrder order;
        ItemFulfillment fulfillment;
        QElapsedTimer clock; // since the attempt began; invalid for decisions without requests
        QString request;     // what was sent (the body only: no headers, no tokens)
    };

    struct Config
    {
        Connector connector;
        SyncTrigger trigger = SyncTrigger::Manual;
        qint64 mappingVersion = 0;  // recorded on every attempt
        qint64 settingsVersion = 0; // held fulfillments are tried again when it grows
        QuarantinePolicy policy;
        std::function<QDateTime()> clock;
    };

    AttemptRecorder(QSqlDatabase db, Config config, SyncRunSummary &summary);

    // Records one attempt; returns the history row's id (0 when nothing was written: a held
    // fulfillment held again for the same reason is not written twice).
    qint64 record(const Subject &subject, SyncOutcome outcome, ErrorClass errorClass,
                  const QString &message, const QString &response, Quarantine quarantine);
    // A decision without a request: counted, and the order's state follows it.
    void noteWaiting(qint64 orderId, const QString &message);
    // Nothing is owed any more (pushed meanwhile, no longer eligible): the quarantine entry
    // goes and an open inbox item is auto-resolved.
    void settled(qint64 fulfillmentId, const QString &reason);

    // The worst problem of each order in this pass: (state, message).
    const QHash<qint64, QPair<OrderSyncState, QString>> &orderProblems() const
    {
        return m_orderProblems;
    }
    QDateTime lastAttemptAt(qint64 orderId) const { return m_attemptTimes.value(orderId); }
    // The order's state is stored: what was kept for it goes (a pass over a million orders
    // must not hold one entry per order).
    void forgetOrder(qint64 orderId)
    {
        m_attemptTimes.remove(orderId);
        m_orderProblems.remove(orderId);
    }

private:
    QSqlDatabase m_db;
    Config m_config;
    SyncRunSummary &m_summary;
    HistoryRepository m_history;
    QuarantineRepository m_quarantine;
    InboxRepository m_inbox;
    QHash<qint64, QPair<OrderSyncState, QString>> m_orderProblems;
    QHash<qint64, QDateTime> m_attemptTimes;
};

} // namespace fulfillsync
