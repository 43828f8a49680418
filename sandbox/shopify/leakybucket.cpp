#include "sandbox/shopify/leakybucket.h"

#include <algorithm>

namespace fulfillsync::sandbox {

LeakyBucket::LeakyBucket(double size, double leakPerSecond)
    : m_size(size)
    , m_leak(leakPerSecond)
{}

void LeakyBucket::configure(double size, double leakPerSecond)
{
    m_size = size;
    m_leak = leakPerSecond;
    m_level = std::min(m_level, m_size);
}

void LeakyBucket::drain(qint64 nowMs)
{
    if (m_started && nowMs > m_lastMs)
        m_level = std::max(0.0, m_level - m_leak * double(nowMs - m_lastMs) / 1000.0);
    // A clock moved backwards drains nothing but restarts the measurement from there.
    m_lastMs = nowMs;
    m_started = true;
}

bool LeakyBucket::tryAdd(qint64 nowMs, double amount)
{
    drain(nowMs);
    if (m_level + amount > m_size + 1e-9)
        return false;
    m_level += amount;
    return true;
}

double LeakyBucket::level(qint64 nowMs)
{
    drain(nowMs);
    return m_level;
}

double LeakyBucket::secondsUntil(qint64 nowMs, double amount)
{
    drain(nowMs);
    const double excess = m_level + amount - m_size;
    return excess <= 0 || m_leak <= 0 ? 0.0 : excess / m_leak;
}

} // namespace fulfillsync::sandbox
