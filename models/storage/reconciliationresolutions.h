#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace fulfillsync {

// What a person decided about a channel fulfillment that no item fulfillment explains (an
// *extra* of a reconciliation): flagged for a look, or resolved as fine, with the reason and
// who decided it. Kept by (connector, order, channel fulfillment), apart from the readings, so
// a new reading of the order (which replaces its rows) shows the decision again.
struct ReconciliationResolution
{
    qint64 connectorId = 0;
    qint64 orderId = 0;
    QString channelFulfillmentId;
    QString state; // "flagged" or "resolved"
    QString reason;
    QString osUser; // the person at the computer
    QString dbUser; // the database role it was written as (empty on SQLite: there is none)
    QDateTime decidedAt;
};

class ReconciliationResolutions final
{
public:
    explicit ReconciliationResolutions(QSqlDatabase db);

    // A later decision about the same channel fulfillment replaces the earlier one. Refuses an
    // empty reason or channel fulfillment: a decision without them explains nothing.
    bool record(const ReconciliationResolution &resolution);
    std::optional<ReconciliationResolution> of(qint64 connectorId, qint64 orderId,
                                               const QString &channelFulfillmentId);
    // The role this connection writes as: PostgreSQL's current_user; empty for SQLite.
    QString databaseUser();

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
