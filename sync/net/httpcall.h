#pragma once

#include "sync/net/httpresult.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <functional>

class QNetworkAccessManager;
class QTimer;

namespace fulfillsync {

// One logical HTTP request with its own timeout and retries (nextcloud's AbstractNetworkJob).
// The request is rebuilt for every attempt, so signed requests get a fresh nonce and timestamp.
// Retries wait on a timer, never by sleeping; abort() ends it at once.
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

    HttpCall(QNetworkAccessManager &network, Factory factory, bool idempotent,
             QObject *parent = nullptr);
    ~HttpCall() override;

    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void start();
    void abort();

Q_SIGNALS:
    void finished(const fulfillsync::HttpResult &result);

private:
    void send();
    void onReplyFinished();

    QNetworkAccessManager &m_network;
    Factory m_factory;
    bool m_idempotent;
    RetryPolicy m_policy;
    int m_timeoutMs = 60000;
    int m_attempt = 0;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QElapsedTimer m_clock;        // the whole call
    QElapsedTimer m_attemptClock; // this attempt, to tell a timeout from an abort
    bool m_done = false;
};

} // namespace fulfillsync
