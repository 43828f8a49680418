#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace fulfillsync::sandbox {

// The sandbox's virtual clock: starts at the scenario's `now` and advances with real elapsed
// time; POST /_sandbox/clock sets or advances it. Data times (lastmodifieddate) and the rate
// limit buckets run on it. OAuth freshness deliberately does not: clients sign with real time.
class SandboxClock final
{
public:
    SandboxClock();

    QDateTime now() const;
    qint64 nowMs() const;
    void setNow(const QDateTime &now);
    void advance(qint64 seconds);

private:
    qint64 m_baseMs = 0;
    QElapsedTimer m_elapsed;
};

} // namespace fulfillsync::sandbox
