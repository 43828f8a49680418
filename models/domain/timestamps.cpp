#include "models/domain/timestamps.h"

#include <QTimeZone>

namespace fulfillsync {

QString toStorageTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QDateTime fromStorageTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    if (time.timeSpec() == Qt::LocalTime) // text without an offset is UTC by convention
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

} // namespace fulfillsync
