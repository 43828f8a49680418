#include "sync/net/httpresult.h"

#include "sync/net/strictnumber.h"

#include <QCoreApplication>
#include <QDateTime>
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

namespace {
// An HTTP-date as servers send it (IMF-fixdate); anything unreadable is invalid.
QDateTime httpDate(const QByteArray &value)
{
    // Qt reads RFC 2822's numeric zone; an HTTP-date always says GMT.
    QString text = QString::fromLatin1(value.trimmed());
    if (!text.endsWith(QLatin1String(" GMT")))
        return {};
    text.chop(3);
    const QDateTime at = QDateTime::fromString(text + QLatin1String("+0000"), Qt::RFC2822Date);
    return at.isValid() ? at.toUTC() : QDateTime();
}
} // namespace

QDateTime HttpResult::serverStartedBy() const
{
    const QDateTime sent = httpDate(header("Date"));
    return sent.isValid() ? sent.addMSecs(-std::max<qint64>(0, elapsedMs)) : QDateTime();
}

std::optional<int> HttpResult::retryAfterMs(const QDateTime &now) const
{
    constexpr double kDay = 86400;
    // RFC 9110 §10.2.3: delay-seconds or an HTTP-date. A fraction is tolerated (some servers
    // send one); NaN, inf, hex, signs and anything beyond a day are not a wait.
    const QByteArray value = header("Retry-After").trimmed();
    if (const std::optional<double> seconds =
            StrictNumber::decimal(QString::fromLatin1(value), 0, kDay))
        return int(std::ceil(*seconds * 1000.0));
    const QDateTime at = httpDate(value);
    if (!at.isValid())
        return std::nullopt;
    const qint64 waitMs = now.msecsTo(at);
    if (waitMs > qint64(kDay * 1000))
        return std::nullopt;
    return int(std::max<qint64>(0, waitMs));
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
