#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QList>
#include <QNetworkReply>
#include <QString>

#include <optional>

namespace fulfillsync {

// Everything the engine needs to know about one finished HTTP exchange, as a value.
struct HttpResult
{
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    bool timedOut = false;
    bool cancelled = false;
    qint64 elapsedMs = 0;
    int attempts = 1;
    int throttledAnswers = 0; // answers that said "slow down, not executed" (429, THROTTLED)

    bool hasHttpAnswer() const { return status != 0; }
    bool isSuccess() const { return status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const;
    // Retry-After in ms when the answer carries a readable one: seconds (as Shopify sends) or
    // an HTTP-date, at most a day; anything else is no wait at all (the caller's backoff).
    std::optional<int> retryAfterMs(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // True only for an answer that proves the request was not acted on: 429 Too Many Requests
    // (the rate limiter answers before the application runs). Everything else that is not a
    // success — timeouts, dropped connections, any 5xx, other 4xx, a proxy's error page — may
    // have followed a commit, so for a request that creates something it is ambiguous.
    bool provesNotExecuted() const { return status == 429; }
    // The server's clock when it began on this request, at the latest: its Date header (RFC
    // 9110 §6.6.1, to the second) less the time the exchange took here. Invalid without a
    // readable Date.
    QDateTime serverStartedBy() const;
    // What went wrong, in words, for messages ("HTTP 503", "no answer within 30 seconds").
    QString failureText() const;
};

// Retry decision for one request, a pure function (architecture.md §7.6).
struct RetryDecision
{
    bool retry = false;
    int delayMs = 0;
};

class RetryPolicy final
{
public:
    int maxAttempts = 5;           // for failures that may be transient (timeouts, 5xx)
    int maxThrottledAttempts = 20; // for "slow down" answers, which never executed anything
    int baseDelayMs = 500;
    int maxDelayMs = 30000;
    // NetSuite under load can answer 401 INVALID_LOGIN to a correctly signed request
    // (apis.md §1.6). Once the same credentials have worked, a 401 means "busy", not "wrong".
    bool unauthorizedMeansBusy = false;

    // jitter01 in [0,1) is passed in so tests are deterministic.
    RetryDecision decide(const HttpResult &result, int attempt, bool idempotent,
                         double jitter01) const;
    bool isRateLimited(const HttpResult &result) const;
};

} // namespace fulfillsync
