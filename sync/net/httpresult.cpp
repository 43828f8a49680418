#include "sync/net/httpresult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace fulfillsync {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResult::isAmbiguous() const
{
    if (cancelled)
        return true;
    if (timedOut || !hasHttpAnswer())
        return true; // the request may have been processed before the connection died
    return status == 500 || status == 502 || status == 504;
}

bool RetryPolicy::isRateLimited(const HttpResult &result) const
{
    return result.status == 429 || (result.status == 401 && unauthorizedMeansBusy);
}

RetryDecision RetryPolicy::decide(const HttpResult &result, int attempt, bool idempotent,
                                  double jitter01) const
{
    if (result.cancelled || attempt >= maxAttempts)
        return {};
    const bool rateLimited = isRateLimited(result);
    const bool transient = result.timedOut || !result.hasHttpAnswer() || result.status >= 500;
    // A request that was rate limited never reached the application: always safe to repeat.
    // A transient failure may have been acted on: only repeat what is idempotent.
    if (!rateLimited && !(transient && idempotent))
        return {};

    const QByteArray retryAfter = result.header("Retry-After");
    bool ok = false;
    const double seconds = retryAfter.toDouble(&ok);
    if (ok && seconds >= 0)
        return {true, int(std::min<double>(seconds * 1000.0, maxDelayMs))};

    // Exponential backoff with "full jitter" so parallel clients do not retry in lockstep.
    const double ceiling = std::min<double>(maxDelayMs, baseDelayMs * std::pow(2.0, attempt - 1));
    return {true, int(ceiling / 2 + jitter01 * ceiling / 2)};
}

} // namespace fulfillsync
