#include "sync/engine/attemptrecorder.h"

#include "models/storage/sqlerror.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRecorder, "fulfillsync.sync.recorder", QtInfoMsg)

namespace fulfillsync {

AttemptRecorder::AttemptRecorder(QSqlDatabase db, Config config, SyncRunSummary &summary)
    : m_db(db)
    , m_config(std::move(config))
    , m_summary(summary)
    , m_history(db)
    , m_quarantine(db)
    , m_inbox(db)
{}

void AttemptRecorder::settled(qint64 fulfillmentId, const QString &reason)
{
    Transaction transaction(m_db);
    if (!m_quarantine.clear(m_config.connector.id, fulfillmentId) ||
        !m_inbox.autoResolve(m_config.connector.id, fulfillmentId, reason, m_config.clock()))
        qCWarning(lcRecorder) << "could not settle:" << m_quarantine.lastError()
                              << m_inbox.lastError();
    QString error;
    if (!transaction.commit(&error))
        qCWarning(lcRecorder) << "could not settle:" << error;
}

void AttemptRecorder::noteWaiting(qint64 orderId, const QString &message)
{
    ++m_summary.deferred;
    if (!m_orderProblems.contains(orderId))
        m_orderProblems.insert(orderId, {OrderSyncState::Failed, message});
}

qint64 AttemptRecorder::record(const Subject &subject, SyncOutcome outcome, ErrorClass errorClass,
                               const QString &message, const QString &response,
                               Quarantine quarantine)
{
    const qint64 connectorId = m_config.connector.id;
    const qint64 fulfillmentId = subject.fulfillment.id;
    const qint64 orderId = subject.order.id;
    switch (outcome) {
    case SyncOutcome::Pushed:
        // Counted where the ledger records the push (SyncPass): a tracking update, or a second
        // confirmation of one push, is not another fulfillment in the channel.
        break;
    case SyncOutcome::Failed:
        ++m_summary.failed;
        m_orderProblems.insert(orderId, {OrderSyncState::Failed, message});
        break;
    case SyncOutcome::Held:
        ++m_summary.held;
        if (!m_orderProblems.contains(orderId))
            m_orderProblems.insert(orderId, {OrderSyncState::Held, message});
        break;
    case SyncOutcome::Skipped:
        break;
    }

    const QDateTime now = m_config.clock();
    Transaction transaction(m_db);
    std::optional<QuarantineEntry> entry;
    if (quarantine != Quarantine::Leave && quarantine != Quarantine::Flag)
        entry = m_quarantine.entry(connectorId, fulfillmentId);
    if (quarantine == Quarantine::Hold && entry && entry->errorClass == errorClassKey(errorClass) &&
        entry->lastError == StoredText::capped(message, StoredText::kMessage) &&
        entry->settingsVersion >= m_config.settingsVersion) {
        // Held again for the very same reason: already in the history once.
        return 0;
    }

    SyncAttempt attempt;
    attempt.occurredAt = QDateTime::currentDateTimeUtc();
    attempt.connectorId = connectorId;
    attempt.connectorName = m_config.connector.name;
    attempt.orderId = orderId;
    attempt.orderTranId = subject.order.tranId;
    attempt.fulfillmentId = fulfillmentId;
    attempt.fulfillmentTranId = subject.fulfillment.tranId;
    attempt.trigger = m_config.trigger;
    attempt.outcome = outcome;
    attempt.errorClass = errorClass;
    attempt.durationMs = subject.clock.isValid() ? subject.clock.elapsed() : 0;
    attempt.message = message;
    attempt.request = subject.request;
    attempt.response = response;
    attempt.mappingVersion = m_config.mappingVersion;
    attempt.trackingNumbers = subject.fulfillment.trackingNumbers.join(QStringLiteral(", "));
    const qint64 id = m_history.append(attempt);
    if (id == 0)
        qCWarning(lcRecorder) << "could not record the attempt:" << m_history.lastError();
    m_attemptTimes.insert(orderId, attempt.occurredAt);

    InboxItem item;
    item.connectorId = connectorId;
    item.connectorName = m_config.connector.name;
    item.fulfillmentId = fulfillmentId;
    item.orderId = orderId;
    item.orderTranId = subject.order.tranId;
    item.fulfillmentTranId = subject.fulfillment.tranId;
    item.message = message;
    switch (quarantine) {
    case Quarantine::Leave:
        break;
    case Quarantine::Flag:
        item.problem = InboxProblem::Flagged;
        if (!m_inbox.open(item, now))
            qCWarning(lcRecorder) << "could not open the inbox item:" << m_inbox.lastError();
        break;
    case Quarantine::Clear:
        if (entry)
            m_quarantine.clear(connectorId, fulfillmentId);
        if (!m_inbox.autoResolve(connectorId, fulfillmentId, message, now))
            qCWarning(lcRecorder) << "could not settle the inbox item:" << m_inbox.lastError();
        break;
    case Quarantine::Grow:
    case Quarantine::Hold: {
        QuarantineEntry e = entry.value_or(
            QuarantineEntry{connectorId, fulfillmentId, orderId, 0, {}, {}, {}, {}, 0});
        if (entry && entry->waitsForChange() != (quarantine == Quarantine::Hold))
            e.retryCount = 0; // a different kind of trouble starts its own count
        ++e.retryCount;
        e.orderId = orderId;
        e.lastTryAt = now;
        e.ignoreUntil = quarantine == Quarantine::Hold
                            ? QuarantinePolicy::untilChanged()
                            : now.addSecs(m_config.policy.delaySeconds(e.retryCount, errorClass));
        e.errorClass = errorClassKey(errorClass);
        e.lastError = message;
        e.settingsVersion = m_config.settingsVersion;
        if (!m_quarantine.save(e))
            qCWarning(lcRecorder) << "could not quarantine:" << m_quarantine.lastError();
        item.problem = quarantine == Quarantine::Hold ? InboxProblem::Held : InboxProblem::Failed;
        if (!m_inbox.open(item, now))
            qCWarning(lcRecorder) << "could not open the inbox item:" << m_inbox.lastError();
        break;
    }
    }
    QString error;
    if (!transaction.commit(&error)) {
        qCWarning(lcRecorder) << "could not record the attempt:" << error;
        return 0;
    }
    return id;
}

} // namespace fulfillsync
