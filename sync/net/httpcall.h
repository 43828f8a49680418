#pragma once

#include "sync/net/httpresult.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace fulfillsync {

class LeakyBucketPacer;

// One logical HTTP request with its own timeout and retries (nextcloud's AbstractNetworkJob).
// The request is rebuilt for every attempt, so signed requests get a fresh nonce and timestamp.
// Retries wait on a timer, never by sleeping; abort() ends it at once.
// With a pacer, every attempt — the first and each retry — is booked in the service's bucket
// before it goes, so retries never bypass the pacing that keeps us under the rate limit.
class HttpCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    struct Prepared
    {
        QNetworkRequest request;
        QByteArray verb; // GET, POST, …
        QByteArray body;
    };
    using Factory = std::function<Prepared()>;
    // Reads an answer for a "slow down, nothing was executed" signal that comes with a 2xx
    // status (Shopify GraphQL's THROTTLED); returns the wait in ms, or nothing.
    using ThrottleReader = std::function<std::optional<int>(const HttpResult &)>;
    // Corrects the pacer's model from an answer (rate-limit headers, cost extensions).
    using PacerObserver = std::function<void(LeakyBucketPacer &, const HttpResult &)>;

    HttpCall(QNetworkAccessManager &network, Factory factory, bool idempotent,
             QObject *parent = nullptr);
    ~HttpCall() override;

    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setThrottleReader(ThrottleReader reader) { m_throttleReader = std::move(reader); }
    // Not owned; must outlive the call. cost: what one attempt costs in the bucket.
    void setPacer(LeakyBucketPacer *pacer, double cost, PacerObserver observe = {});
    // Asked at the last moment before each attempt leaves, after any wait for the pacer or a
    // retry: false ends the call unsent (cancelled). A worker that lost its connector's lease
    // while a request waited must not send it when it wakes (LeaseFence).
    using SendGuard = std::function<bool()>;
    void setSendGuard(SendGuard guard) { m_sendGuard = std::move(guard); }
    void start();
    void abort();
    int attempts() const { return m_attempt; }

Q_SIGNALS:
    void finished(const fulfillsync::HttpResult &result);

private:
    void admit(); // books the next attempt in the pacer, then sends it
    void send();
    void onReplyFinished();
    void settleBooking();
    // A connection to the request's host (see kConnectionsPerHost in httpcall.cpp).
    bool takeHostSlot(const QUrl &url);
    void releaseHostSlot();

    QNetworkAccessManager &m_network;
    Factory m_factory;
    bool m_idempotent;
    RetryPolicy m_policy;
    ThrottleReader m_throttleReader;
    SendGuard m_sendGuard;
    LeakyBucketPacer *m_pacer = nullptr;
    double m_cost = 1;
    PacerObserver m_observe;
    bool m_booked = false; // an attempt is counted in the pacer and not yet answered
    int m_timeoutMs = 60000;
    int m_attempt = 0;
    int m_throttled = 0; // answers that said "not executed, slow down"
    QPointer<QNetworkReply> m_reply;
    QTimer *m_waitTimer = nullptr; // retry backoff and pacing delay
    QElapsedTimer m_clock;         // the whole call
    bool m_aborting = false;       // our own abort(), as opposed to the transfer timeout
    bool m_done = false;
    QString m_host; // the host whose connection it holds or waits for
    bool m_holdsHostSlot = false;
    bool m_waitsForHost = false;
};

} // namespace fulfillsync
