#pragma once

#include <QDateTime>
#include <QSqlDatabase>

namespace fulfillsync {

// Per-connector position in NetSuite's change stream ("fulfillments", "orders").
class WatermarkRepository final
{
public:
    explicit WatermarkRepository(QSqlDatabase db);

    QDateTime value(qint64 connectorId, const QString &stream); // invalid when never synced
    bool setValue(qint64 connectorId, const QString &stream, const QDateTime &value);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace fulfillsync
