#pragma once

#include <QDateTime>
#include <QString>

namespace fulfillsync {

// Times are stored as ISO-8601 UTC text with milliseconds ("2026-11-20T12:00:00.000Z") on both
// SQLite and PostgreSQL: it sorts correctly as text, round-trips exactly, and keeps the two
// dialects' repositories identical.
QString toStorageTime(const QDateTime &time);
QDateTime fromStorageTime(const QString &text);

} // namespace fulfillsync
