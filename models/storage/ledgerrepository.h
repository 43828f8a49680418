#pragma once

#include "models/domain/domain.h"
#include "models/storage/sqlerror.h"

#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// The pushed-fulfillments ledger, doubling as the outbox (see LedgerEntry).
class LedgerRepository final
{
public:
    explicit LedgerRepository(QSqlDatabase db);

    // Entries come without their payload (kept in the table for forensics, never needed to
    // decide anything), so reading the ledger stays cheap however large the requests were.
    std::optional<LedgerEntry> entry(qint64 connectorId, qint64 fulfillmentId);
    QList<LedgerEntry> entriesOfOrder(qint64 connectorId, qint64 orderId);
    // Records the intent to push. Fails (returns false, alreadyExists set) when an entry exists:
    // the primary key is the last line of defence against a second push.
    bool insertPending(const LedgerEntry &entry, bool *alreadyExists = nullptr);
    // The outbox intents of several sends in one commit, synced to disk before it returns: one
    // fsync for a batch, not one per fulfillment. (*alreadyExists)[i]: another writer holds entry
    // i's fulfillment, so that one was not written. False: a storage error, nothing was written.
    bool insertIntents(const QList<LedgerEntry> &entries, QList<bool> *alreadyExists);
    // changed: whether this made it Pushed (false when it was already): the run counts a push
    // once, however many passes confirm it.
    bool markPushed(qint64 connectorId, qint64 fulfillmentId, const QString &channelFulfillmentId,
                    const QDateTime &at, bool *changed = nullptr);
    // A fulfillment another tool made before this connector took over, recognised in the
    // channel: recorded as Adopted (channel fulfillment id, completed at `at`), never sent. False
    // (alreadyExists set) when the fulfillment has an entry already.
    bool insertAdopted(const LedgerEntry &entry, const QDateTime &at,
                       bool *alreadyExists = nullptr);
    bool markAmbiguous(qint64 connectorId, qint64 fulfillmentId);
    bool markAttention(qint64 connectorId, qint64 fulfillmentId);
    // A person closed the flag (Attention → Resolved); false when there was no flag.
    bool resolve(qint64 connectorId, qint64 fulfillmentId);
    bool updateTrackingNumbers(qint64 connectorId, qint64 fulfillmentId,
                               const QStringList &numbers);
    // Only after a definite "not created" answer from the channel.
    bool removeUnconfirmed(qint64 connectorId, qint64 fulfillmentId);
    // Only for an explicit replay, after reading the channel back showed nothing.
    bool removeAny(qint64 connectorId, qint64 fulfillmentId);
    qint64 countInState(LedgerState state);
    // Orders with an intent that was never confirmed: they are settled on the next pass.
    QList<qint64> unsettledOrderIds(qint64 connectorId);

    QString lastError() const { return m_error; }

private:
    bool insertRow(const LedgerEntry &entry, bool *alreadyExists);
    QList<LedgerEntry> select(const QString &where, const QVariantList &values);
    bool setState(qint64 connectorId, qint64 fulfillmentId, LedgerState state);

    QSqlDatabase m_db;
    StatementCache m_statements; // prepared once per repository object
    QString m_error;
};

} // namespace fulfillsync
