#pragma once

#include <QDateTime>
#include <QSqlDatabase>

namespace fulfillsync {

// Where a pass that was cut short stopped reading: each query's next start, and since when the
// changes it stored still wait to be evaluated. Invalid: there is nothing to continue.
struct ReadResume
{
    QDateTime ordersFrom;
    QDateTime fulfillmentsFrom;
    QDateTime evaluateFrom;
    bool isValid() const { return evaluateFrom.isValid(); }
    bool operator==(const ReadResume &) const = default;
};

// Per-connector position in NetSuite's change stream ("fulfillments", "orders").
class WatermarkRepository final
{
public:
    explicit WatermarkRepository(QSqlDatabase db);

    QDateTime value(qint64 connectorId, const QString &stream); // invalid when never synced
    // probe: what NetSuite's idle probe answered for the window this watermark starts, as of
    // the read that set it; empty when unknown (the next pass reads in full).
    bool setValue(qint64 connectorId, const QString &stream, const QDateTime &value,
                  const QString &probe = {});
    QString probe(qint64 connectorId, const QString &stream);

    ReadResume resume(qint64 connectorId, const QString &stream);
    bool setResume(qint64 connectorId, const QString &stream, const ReadResume &resume);
    bool clearResume(qint64 connectorId, const QString &stream);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
