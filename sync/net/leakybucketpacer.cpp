#include "sync/net/leakybucketpacer.h"

#include "sync/net/httpresult.h"
#include "sync/net/strictnumber.h"

#include <algorithm>
#include <cmath>

namespace fulfillsync {

LeakyBucketPacer::LeakyBucketPacer(double leakPerSecond, int bucketSize, int headroom)
    : m_leak(leakPerSecond)
    , m_size(bucketSize)
    , m_headroom(headroom)
{}

double LeakyBucketPacer::estimatedUsed(qint64 nowMs) const
{
    return std::max(0.0, m_used - m_leak * double(nowMs - m_atMs) / 1000.0);
}

int LeakyBucketPacer::delayBeforeNextMs(qint64 nowMs, double cost) const
{
    const double limit = m_size - m_headroom;
    const double over = estimatedUsed(nowMs) + cost - limit;
    if (over <= 0)
        return 0;
    // Bounded whatever the model was told: an hour is beyond any real bucket's wait.
    return int(std::min(3600000.0, std::ceil(over / m_leak * 1000.0)));
}

void LeakyBucketPacer::noteSent(qint64 nowMs, double cost)
{
    m_used = estimatedUsed(nowMs) + cost;
    m_atMs = nowMs;
}

int LeakyBucketPacer::reserve(qint64 nowMs, double cost)
{
    const int delay = delayBeforeNextMs(nowMs, cost);
    // Counted now as if sent now: the model leaks it away during the delay exactly as the real
    // bucket will after it is sent at the end of the delay.
    noteSent(nowMs, cost);
    m_inFlight += cost;
    return delay;
}

void LeakyBucketPacer::answered(double cost)
{
    m_inFlight = std::max(0.0, m_inFlight - cost);
}

void LeakyBucketPacer::observeLevel(double used, int size, double leakPerSecond, qint64 nowMs)
{
    if (size <= 0 || leakPerSecond <= 0)
        return;
    m_size = size;
    m_leak = leakPerSecond;
    m_used = std::clamp(used + m_inFlight, 0.0, double(size));
    m_atMs = nowMs;
}

void LeakyBucketPacer::observe(const HttpResult &result, qint64 nowMs)
{
    const QByteArray header = result.header("X-Shopify-Shop-Api-Call-Limit");
    const int slash = header.indexOf('/');
    if (slash <= 0)
        return;
    const std::optional<qint64> usedRead =
        StrictNumber::integer(header.left(slash).trimmed(), 0, 2000000000);
    const std::optional<qint64> sizeRead =
        StrictNumber::integer(header.mid(slash + 1).trimmed(), 1, 2000000000);
    if (!usedRead || !sizeRead)
        return;
    const int used = int(*usedRead);
    const int size = int(*sizeRead);
    if (size != m_size) {
        // The bucket tells the plan: 40 → 2/s (standard), 80 → 4/s (Advanced), larger → Plus.
        m_size = size;
        m_leak = size >= 400 ? 20.0 : size >= 80 ? 4.0 : 2.0;
    }
    m_used = std::min(double(m_size), used + m_inFlight);
    m_atMs = nowMs;
    if (result.status == 429)
        observeFull(nowMs);
}

void LeakyBucketPacer::observeRetryAfter(qint64 nowMs, int waitMs)
{
    // The level at which the next request waits exactly waitMs (delayBeforeNextMs' inverse).
    const double limit = m_size - m_headroom;
    m_used = std::max(estimatedUsed(nowMs), limit - 1 + m_leak * std::max(0, waitMs) / 1000.0);
    m_atMs = nowMs;
}

void LeakyBucketPacer::observeFull(qint64 nowMs)
{
    m_used = m_size;
    m_atMs = nowMs;
}

} // namespace fulfillsync
