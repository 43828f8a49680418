#include "sync/net/httpresult.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(HttpResult)
};
} // namespace

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpResult::failureText() const
{
    if (cancelled)
        return Text::tr("cancelled");
    if (hasHttpAnswer())
        return Text::tr("HTTP %1").arg(status);
    if (timedOut)
        return networkErrorText.isEmpty() ? Text::tr("no answer in time") : networkErrorText;
    return networkErrorText.isEmpty() ? Text::tr("no answer") : networkErrorText;
}

bool RetryPolicy::isRateLimited(const HttpResult &result) const
{
    return result.status == 429 || (result.status == 401 && unauthorizedMeansBusy);
}

std::optional<int> HttpResult::retryAfterMs() const
{
    bool ok = false;
    const double seconds = header("Retry-After").toDouble(&ok);
    if (!ok || seconds < 0 || seconds > 86400)
        return std::nullopt;
    return int(seconds * 1000.0);
}

RetryDecision RetryPolicy::decide(const HttpResult &result, int attempt, bool idempotent,
                                  double jitter01) const
{
    if (result.cancelled)
        return {};
    const bool rateLimited = isRateLimited(result);
    const bool transient = result.timedOut || !result.hasHttpAnswer() || result.status >= 500;
    // A request that was rate limited never reached the application: always safe to repeat.
    // A transient failure may have been acted on: only repeat what is idempotent.
    if (!rateLimited && !(transient && idempotent))
        return {};
    if (attempt >= (rateLimited ? maxThrottledAttempts : maxAttempts))
        return {};

    if (const std::optional<int> waitMs = result.retryAfterMs())
        return {true, std::min(*waitMs, maxDelayMs)};

    // Exponential backoff with "full jitter" so parallel clients do not retry in lockstep.
    const double ceiling = std::min<double>(maxDelayMs, baseDelayMs * std::pow(2.0, attempt - 1));
    return {true, int(ceiling / 2 + jitter01 * ceiling / 2)};
}

} // namespace fulfillsync
