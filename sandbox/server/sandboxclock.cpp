#include "sandbox/server/sandboxclock.h"

namespace fulfillsync::sandbox {

SandboxClock::SandboxClock()
{
    setNow(QDateTime::currentDateTimeUtc());
}

QDateTime SandboxClock::now() const
{
    // Whole seconds: NetSuite's lastmodifieddate has second resolution.
    return QDateTime::fromMSecsSinceEpoch(nowMs() / 1000 * 1000, Qt::UTC);
}

qint64 SandboxClock::nowMs() const
{
    return m_baseMs + m_elapsed.elapsed();
}

void SandboxClock::setNow(const QDateTime &now)
{
    m_baseMs = now.toMSecsSinceEpoch();
    m_elapsed.start();
}

void SandboxClock::advance(qint64 seconds)
{
    m_baseMs += seconds * 1000;
}

} // namespace fulfillsync::sandbox
