#include "sync/net/httpcall.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTimer>

Q_LOGGING_CATEGORY(lcHttp, "fulfillsync.sync.http", QtInfoMsg)

namespace fulfillsync {

HttpCall::HttpCall(QNetworkAccessManager &network, Factory factory, bool idempotent,
                   QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_factory(std::move(factory))
    , m_idempotent(idempotent)
    , m_retryTimer(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &HttpCall::send);
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpCall::start()
{
    if (m_done)
        return; // aborted before it was sent
    m_clock.start();
    send();
}

void HttpCall::send()
{
    ++m_attempt;
    m_attemptClock.start();
    Prepared prepared = m_factory();
    prepared.request.setTransferTimeout(m_timeoutMs);
    prepared.request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    m_reply = m_network.sendCustomRequest(prepared.request, prepared.verb, prepared.body);
    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
}

void HttpCall::abort()
{
    if (m_done)
        return;
    m_retryTimer->stop();
    if (m_reply) {
        m_reply->abort(); // finishes with OperationCanceledError → onReplyFinished
        return;
    }
    HttpResult result;
    result.cancelled = true;
    result.attempts = m_attempt;
    m_done = true;
    Q_EMIT finished(result);
}

void HttpCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();

    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.networkError = reply->error();
    result.networkErrorText = reply->errorString();
    // setTransferTimeout aborts with OperationCanceledError; our own abort() also does, so the
    // retry timer state tells them apart.
    const bool aborted = reply->error() == QNetworkReply::OperationCanceledError;
    result.timedOut = aborted && m_attemptClock.elapsed() >= m_timeoutMs;
    result.cancelled = aborted && !result.timedOut;
    if (result.timedOut)
        result.networkError = QNetworkReply::TimeoutError;
    result.elapsedMs = m_clock.elapsed();
    result.attempts = m_attempt;

    const RetryDecision decision = m_policy.decide(result, m_attempt, m_idempotent,
                                                   QRandomGenerator::global()->generateDouble());
    if (decision.retry) {
        qCInfo(lcHttp) << "retrying" << reply->url().path() << "status" << result.status << "in"
                       << decision.delayMs << "ms";
        m_retryTimer->start(decision.delayMs);
        return;
    }
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace fulfillsync
