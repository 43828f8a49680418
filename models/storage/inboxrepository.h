#pragma once

#include "models/domain/inbox.h"
#include "models/storage/sqlerror.h"

#include <QSet>
#include <QSqlDatabase>

namespace fulfillsync {

// The inbox's rows. The engine opens and auto-resolves them in the transaction that records
// the attempt; people resolve them (InboxActions).
class InboxRepository final
{
public:
    explicit InboxRepository(QSqlDatabase db);

    // Opens the item of (connector, subject), or opens it again, with this problem.
    bool open(const InboxItem &item, const QDateTime &now);
    // A pass settled the fulfillment: an open item becomes auto-resolved. No item: nothing.
    bool autoResolve(qint64 connectorId, qint64 fulfillmentId, const QString &resolution,
                     const QDateTime &now);
    bool autoResolve(qint64 connectorId, InboxSubject subject, const QString &subjectKey,
                     const QString &resolution, const QDateTime &now);
    bool resolve(qint64 itemId, const QString &resolution, const QDateTime &now);
    std::optional<InboxItem> item(qint64 connectorId, qint64 fulfillmentId);
    std::optional<InboxItem> item(qint64 connectorId, InboxSubject subject,
                                  const QString &subjectKey);
    QList<InboxItem> items(const QList<qint64> &ids);
    int openCount();
    // The keys of a connector's open items about this subject.
    QSet<QString> openKeys(qint64 connectorId, InboxSubject subject);
    // A connector's open items, latest change first, and how many it has in all.
    QList<InboxItem> openItems(qint64 connectorId, int limit, int *total);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    StatementCache m_statements;
    QString m_error;
};

} // namespace fulfillsync
