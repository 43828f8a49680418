#pragma once

#include <QtGlobal>

#include <algorithm>

namespace fulfillsync::sandbox {

// A leaky bucket on the sandbox clock (Shopify's REST call limit and GraphQL cost limit):
// each call adds to the level, which drains at a fixed rate; a call that would overflow is
// refused. Times are milliseconds of the sandbox clock, so moving the clock drains it.
class LeakyBucket final
{
public:
    LeakyBucket(double size = 40, double leakPerSecond = 2);

    void configure(double size, double leakPerSecond);
    bool tryAdd(qint64 nowMs, double amount = 1);
    // Gives back part of what tryAdd took (GraphQL charges the actual cost, not the requested).
    void refund(double amount) { m_level = std::max(0.0, m_level - amount); }
    double level(qint64 nowMs);
    double size() const { return m_size; }
    double leakPerSecond() const { return m_leak; }
    // Seconds until `amount` more would fit.
    double secondsUntil(qint64 nowMs, double amount = 1);

private:
    void drain(qint64 nowMs);

    double m_size;
    double m_leak;
    double m_level = 0;
    qint64 m_lastMs = 0;
    bool m_started = false;
};

} // namespace fulfillsync::sandbox
