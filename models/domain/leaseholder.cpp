#include "models/domain/leaseholder.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSysInfo>
#include <QUuid>

namespace fulfillsync {

LeaseHolder LeaseHolder::thisProcess()
{
    return {QSysInfo::machineHostName(), QCoreApplication::applicationPid(),
            QUuid::createUuid().toString(QUuid::Id128).left(8)};
}

std::optional<LeaseHolder> LeaseHolder::parse(const QString &text)
{
    // The host name may hold spaces; the pid and the tag may not.
    static const QRegularExpression form(QStringLiteral("^(.+) pid (\\d+)(?: \\(([^ ()]*)\\))?$"));
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 pid = match.captured(2).toLongLong(&ok);
    if (!ok || pid <= 0)
        return std::nullopt;
    return LeaseHolder{match.captured(1), pid, match.captured(3)};
}

QString LeaseHolder::toString() const
{
    return tag.isEmpty() ? process() : QStringLiteral("%1 (%2)").arg(process(), tag);
}

QString LeaseHolder::process() const
{
    return QStringLiteral("%1 pid %2").arg(host).arg(pid);
}

bool LeaseHolder::isThisMachine() const
{
    return host == QSysInfo::machineHostName();
}

bool LeaseHolder::isThisProcess() const
{
    return isThisMachine() && pid == QCoreApplication::applicationPid();
}

} // namespace fulfillsync
