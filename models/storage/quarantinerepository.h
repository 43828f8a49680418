#pragma once

#include "models/domain/domain.h"
#include "models/storage/sqlerror.h"

#include <QSqlDatabase>
#include <optional>

namespace fulfillsync {

// The persisted quarantine (architecture.md §7.6, after nextcloud's error blacklist).
class QuarantineRepository final
{
public:
    explicit QuarantineRepository(QSqlDatabase db);

    std::optional<QuarantineEntry> entry(qint64 connectorId, qint64 fulfillmentId);
    QList<QuarantineEntry> entries(qint64 connectorId);
    QList<QuarantineEntry> entriesOfOrder(qint64 connectorId, qint64 orderId);
    bool save(const QuarantineEntry &entry);
    // Orders with work that is due: failures whose wait is over, and fulfillments held for a
    // mapping problem under an older settings version than the current one.
    QList<qint64> dueOrderIds(qint64 connectorId, const QDateTime &now, qint64 settingsVersion);
    bool clear(qint64 connectorId, qint64 fulfillmentId);
    // The admin's "retry now" for everything: every entry due at the next pass, kept until
    // that pass settles it.
    bool retryAllNow(qint64 connectorId);
    // The same for one order's entries (a person's decision changed what they could be).
    bool retryOrderNow(qint64 connectorId, qint64 orderId);

    QString lastError() const { return m_error; }

private:
    QList<QuarantineEntry> select(const QString &where, const QVariantList &values);

    QSqlDatabase m_db;
    StatementCache m_statements; // prepared once per repository object
    QString m_error;
};

// How long a fulfillment waits after its n-th consecutive failure: 25 s × 5^(n-1), capped at a
// day; authentication problems are capped at an hour because a fixed token should be picked up
// soon. Pure, so tests never sleep.
struct QuarantinePolicy
{
    int minSeconds = 25;
    int maxSeconds = 24 * 3600;
    int factor = 5;
    int authMaxSeconds = 3600;

    int delaySeconds(int retryCount, ErrorClass errorClass) const;
    // The "ignore until" of a held fulfillment: it waits for a change (of its mappings or of
    // NetSuite's data), not for a time.
    static QDateTime untilChanged();
};

} // namespace fulfillsync
