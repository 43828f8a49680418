#include "models/storage/inboxrepository.h"

#include "models/domain/domain.h"
#include "models/domain/timestamps.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

namespace {

const QString kColumns = QStringLiteral(
    "id, connector_id, connector_name, fulfillment_id, order_id, order_tran_id, "
    "fulfillment_tran_id, problem, state, message, opened_at, updated_at, resolution, subject, "
    "subject_key");

InboxItem fromQuery(const QSqlQuery &q)
{
    InboxItem item;
    item.id = q.value(0).toLongLong();
    item.connectorId = q.value(1).toLongLong();
    item.connectorName = q.value(2).toString();
    item.fulfillmentId = q.value(3).toLongLong();
    item.orderId = q.value(4).toLongLong();
    item.orderTranId = q.value(5).toString();
    item.fulfillmentTranId = q.value(6).toString();
    item.problem = inboxProblemFromKey(q.value(7).toString()).value_or(InboxProblem::Failed);
    item.state = inboxStateFromKey(q.value(8).toString()).value_or(InboxState::Open);
    item.message = q.value(9).toString();
    item.openedAt = fromStorageTime(q.value(10).toString());
    item.updatedAt = fromStorageTime(q.value(11).toString());
    item.resolution = q.value(12).toString();
    item.subject = inboxSubjectFromKey(q.value(13).toString()).value_or(InboxSubject::Fulfillment);
    item.subjectKey = q.value(14).toString();
    return item;
}

} // namespace

InboxRepository::InboxRepository(QSqlDatabase db)
    : m_db(db)
    , m_statements(db)
{}

bool InboxRepository::open(const InboxItem &item, const QDateTime &now)
{
    const QString time = toStorageTime(now);
    // A settled item that fails again is open again, and counts from now.
    return bool(m_statements.run(
        QStringLiteral(
            "INSERT INTO inbox_items (connector_id, connector_name, subject, subject_key, "
            "fulfillment_id, order_id, order_tran_id, fulfillment_tran_id, problem, state, "
            "message, opened_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT "
            "(connector_id, subject, subject_key) DO UPDATE SET connector_name = "
            "excluded.connector_name, fulfillment_id = excluded.fulfillment_id, order_tran_id = "
            "excluded.order_tran_id, fulfillment_tran_id = excluded.fulfillment_tran_id, "
            "problem = excluded.problem, message = excluded.message, updated_at = "
            "excluded.updated_at, opened_at = CASE WHEN inbox_items.state = 'open' THEN "
            "inbox_items.opened_at ELSE excluded.opened_at END, state = 'open', resolution = ''"),
        {item.connectorId, item.connectorName, inboxSubjectKey(item.subject), item.key(),
         item.fulfillmentId, item.orderId, item.orderTranId, item.fulfillmentTranId,
         inboxProblemKey(item.problem), inboxStateKey(InboxState::Open),
         StoredText::capped(item.message, StoredText::kMessage), time, time},
        &m_error));
}

bool InboxRepository::autoResolve(qint64 connectorId, qint64 fulfillmentId,
                                  const QString &resolution, const QDateTime &now)
{
    return autoResolve(connectorId, InboxSubject::Fulfillment, QString::number(fulfillmentId),
                       resolution, now);
}

bool InboxRepository::autoResolve(qint64 connectorId, InboxSubject subject,
                                  const QString &subjectKey, const QString &resolution,
                                  const QDateTime &now)
{
    return bool(m_statements.run(
        QStringLiteral("UPDATE inbox_items SET state = ?, resolution = ?, updated_at = ? WHERE "
                       "connector_id = ? AND subject = ? AND subject_key = ? AND state = ?"),
        {inboxStateKey(InboxState::AutoResolved), resolution, toStorageTime(now), connectorId,
         inboxSubjectKey(subject), subjectKey, inboxStateKey(InboxState::Open)},
        &m_error));
}

bool InboxRepository::resolve(qint64 itemId, const QString &resolution, const QDateTime &now)
{
    return bool(m_statements.run(
        QStringLiteral("UPDATE inbox_items SET state = ?, resolution = ?, updated_at = ? WHERE "
                       "id = ?"),
        {inboxStateKey(InboxState::Resolved), resolution, toStorageTime(now), itemId}, &m_error));
}

std::optional<InboxItem> InboxRepository::item(qint64 connectorId, qint64 fulfillmentId)
{
    return item(connectorId, InboxSubject::Fulfillment, QString::number(fulfillmentId));
}

std::optional<InboxItem> InboxRepository::item(qint64 connectorId, InboxSubject subject,
                                               const QString &subjectKey)
{
    const auto statement =
        m_statements.run(QStringLiteral("SELECT ") + kColumns +
                             QStringLiteral(" FROM inbox_items WHERE connector_id = ? AND "
                                            "subject = ? AND subject_key = ?"),
                         {connectorId, inboxSubjectKey(subject), subjectKey}, &m_error);
    if (!statement || !statement.query().next())
        return std::nullopt;
    return fromQuery(statement.query());
}

QList<InboxItem> InboxRepository::items(const QList<qint64> &ids)
{
    QList<InboxItem> result;
    m_error.clear();
    // In chunks: a selection can be a whole filter's worth of ids.
    for (qsizetype start = 0; start < ids.size(); start += 500) {
        const QList<qint64> chunk = ids.mid(start, 500);
        QStringList marks(chunk.size(), QStringLiteral("?"));
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!prepareOrReport(q,
                             QStringLiteral("SELECT ") + kColumns +
                                 QStringLiteral(" FROM inbox_items WHERE id IN (") +
                                 marks.join(u',') + QStringLiteral(") ORDER BY id"),
                             &m_error))
            return {};
        for (qint64 id : chunk)
            q.addBindValue(id);
        if (!execOrReport(q, &m_error))
            return {};
        while (q.next())
            result << fromQuery(q);
    }
    return result;
}

int InboxRepository::openCount()
{
    const auto statement =
        m_statements.run(QStringLiteral("SELECT COUNT(*) FROM inbox_items WHERE state = ?"),
                         {inboxStateKey(InboxState::Open)}, &m_error);
    return statement && statement.query().next() ? statement.query().value(0).toInt() : 0;
}

QSet<QString> InboxRepository::openKeys(qint64 connectorId, InboxSubject subject)
{
    QSet<QString> keys;
    const auto statement = m_statements.run(
        QStringLiteral("SELECT subject_key FROM inbox_items WHERE connector_id = ? AND subject = ? "
                       "AND state = ?"),
        {connectorId, inboxSubjectKey(subject), inboxStateKey(InboxState::Open)}, &m_error);
    while (statement && statement.query().next())
        keys.insert(statement.query().value(0).toString());
    return keys;
}

QList<InboxItem> InboxRepository::openItems(qint64 connectorId, int limit, int *total)
{
    QList<InboxItem> result;
    const QString open = inboxStateKey(InboxState::Open);
    {
        const auto count = m_statements.run(
            QStringLiteral("SELECT COUNT(*) FROM inbox_items WHERE connector_id = ? AND state = ?"),
            {connectorId, open}, &m_error);
        *total = count && count.query().next() ? count.query().value(0).toInt() : 0;
    }
    const auto statement = m_statements.run(
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(" FROM inbox_items WHERE connector_id = ? AND state = ? ORDER BY "
                           "updated_at DESC, id DESC LIMIT ?"),
        {connectorId, open, limit}, &m_error);
    while (statement && statement.query().next())
        result << fromQuery(statement.query());
    return result;
}

} // namespace fulfillsync
