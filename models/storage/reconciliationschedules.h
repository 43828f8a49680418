#pragma once

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QTime>
#include <optional>

namespace fulfillsync {

// When a connector's reconciliation runs by itself: once a night at a local time, over the
// last rangeDays days. Every channel connector has one (these defaults) until a person
// changes it.
struct ReconcileSchedule
{
    qint64 connectorId = 0;
    bool enabled = true;
    int atMinute = 2 * 60 + 30; // minutes after local midnight: 02:30
    int rangeDays = 30;

    QTime at() const { return QTime(atMinute / 60, atMinute % 60); }
    // The night whose run is due at `localNow`: today once the time of day has come, else none
    // (yesterday's was due yesterday; a worker that was down then does not run it late today).
    std::optional<QDate> dueNight(const QDateTime &localNow) const;
    bool operator==(const ReconcileSchedule &) const = default;
};

class ReconciliationSchedules final
{
public:
    explicit ReconciliationSchedules(QSqlDatabase db);

    ReconcileSchedule of(qint64 connectorId); // the defaults when none was saved
    bool save(const ReconcileSchedule &schedule);
    // Takes the connector's run of that night for `holder`: true for exactly one caller across
    // every worker and window on this database; false when another took it (or it failed:
    // lastError() says so). The key outlives leases, which expire and move between workers.
    bool claimNight(qint64 connectorId, const QDate &night, const QString &holder);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
