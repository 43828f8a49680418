#pragma once

#include <QtGlobal>

namespace fulfillsync {

struct HttpResult;

// Paces requests to a leaky-bucket API (Shopify REST: X-Shopify-Shop-Api-Call-Limit "used/size",
// leaking at the plan's rate) so we stay just under the limit instead of bouncing off 429s.
// Keeps a model of the bucket, corrected by every response's header. Pure: times are passed in.
class LeakyBucketPacer final
{
public:
    explicit LeakyBucketPacer(double leakPerSecond = 2.0, int bucketSize = 40, int headroom = 2);

    // Delay before the next request may go, in ms (0: now).
    int delayBeforeNextMs(qint64 nowMs, double cost = 1) const;
    void noteSent(qint64 nowMs, double cost = 1);
    // For several requests in flight: books one at once (its delay returned), so requests
    // scheduled together space themselves out, and keeps it counted until answered() — an
    // answer's header cannot count requests the server has not seen yet.
    int reserve(qint64 nowMs, double cost = 1);
    void answered(double cost = 1);
    void observe(const HttpResult &result, qint64 nowMs); // REST call-limit header
    void observeFull(qint64 nowMs);                       // a 429: full, whatever the model said
    // A 429 that says how long to wait (Retry-After) but not the bucket's level: nothing goes
    // before then. Assuming "full" instead would stall a 1,000-point GraphQL bucket for 20 s.
    void observeRetryAfter(qint64 nowMs, int waitMs);
    // A cost bucket the server describes itself (Shopify GraphQL's throttleStatus).
    void observeLevel(double used, int size, double leakPerSecond, qint64 nowMs);

    double estimatedUsed(qint64 nowMs) const;
    double leakPerSecond() const { return m_leak; }
    int bucketSize() const { return m_size; }

private:
    double m_leak;
    int m_size;
    int m_headroom;
    double m_used = 0;
    qint64 m_atMs = 0;
    double m_inFlight = 0; // reserved, not yet answered
};

} // namespace fulfillsync
