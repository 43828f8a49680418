#include "sync/net/httpcall.h"

#include "sync/net/leakybucketpacer.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <map>

Q_LOGGING_CATEGORY(lcHttp, "fulfillsync.sync.http", QtInfoMsg)

namespace fulfillsync {

namespace {
constexpr int kPacerRecheckMs = 1000;
// QTimer refuses a negative interval and never fires: whatever a server's answer made of the
// wait, it is started within [0, an hour].
constexpr int kLongestWaitMs = 3600 * 1000;

// QNetworkAccessManager opens at most six connections per host and queues further requests
// inside itself, where they leave whenever a connection frees: after any check made before
// handing them over, and after a pause of the whole process. So calls wait for a connection
// here instead, and the send guard is asked at the moment one leaves. Per network manager and
// host; a manager lives in one thread, hence thread_local.
constexpr int kConnectionsPerHost = 6;
struct HostQueue
{
    int inFlight = 0;
    std::deque<QPointer<HttpCall>> waiting;
};
thread_local std::map<QString, HostQueue> t_hosts;

QString hostKey(const QNetworkAccessManager &network, const QUrl &url)
{
    return QStringLiteral("%1 %2://%3:%4")
        .arg(quintptr(&network))
        .arg(url.scheme(), url.host())
        .arg(url.port(url.scheme() == u"https" ? 443 : 80));
}
} // namespace

HttpCall::HttpCall(QNetworkAccessManager &network, Factory factory, bool idempotent,
                   QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_factory(std::move(factory))
    , m_idempotent(idempotent)
    , m_waitTimer(new QTimer(this))
{
    m_waitTimer->setSingleShot(true);
}

HttpCall::~HttpCall()
{
    settleBooking();
    releaseHostSlot();
    if (m_waitsForHost)
        std::erase(t_hosts[m_host].waiting, QPointer<HttpCall>(this));
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpCall::setPacer(LeakyBucketPacer *pacer, double cost, PacerObserver observe)
{
    m_pacer = pacer;
    m_cost = cost;
    m_observe = std::move(observe);
}

void HttpCall::settleBooking()
{
    if (m_pacer && std::exchange(m_booked, false))
        m_pacer->answered(m_cost);
}

void HttpCall::start()
{
    if (m_done)
        return; // aborted before it was sent
    m_clock.start();
    admit();
}

void HttpCall::admit()
{
    m_waitTimer->disconnect(this);
    if (!m_pacer)
        return send();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int delay = m_pacer->delayBeforeNextMs(now, m_cost);
    if (delay > 0) {
        // Asked again shortly rather than booked for the whole wait: an answer meanwhile may
        // show a larger bucket (the first answer reveals the plan) or a 429 a longer one.
        qCDebug(lcHttp) << "paced: waiting" << delay << "ms";
        connect(m_waitTimer, &QTimer::timeout, this, &HttpCall::admit);
        m_waitTimer->start(std::min(delay, kPacerRecheckMs));
        return;
    }
    m_pacer->reserve(now, m_cost);
    m_booked = true;
    send();
}

void HttpCall::send()
{
    if (m_sendGuard && !m_sendGuard()) {
        qCInfo(lcHttp) << "not sent: its guard said no";
        return abort(); // no reply yet: finishes as cancelled, the booking returned
    }
    Prepared prepared = m_factory();
    if (!takeHostSlot(prepared.request.url()))
        return; // sent (and guarded again) when a connection to its host frees
    ++m_attempt;
    prepared.request.setTransferTimeout(m_timeoutMs);
    prepared.request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    m_reply = m_network.sendCustomRequest(prepared.request, prepared.verb, prepared.body);
    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
}

bool HttpCall::takeHostSlot(const QUrl &url)
{
    m_host = hostKey(m_network, url);
    HostQueue &queue = t_hosts[m_host];
    if (queue.inFlight >= kConnectionsPerHost) {
        if (!m_waitsForHost)
            queue.waiting.push_back(this);
        m_waitsForHost = true;
        return false;
    }
    ++queue.inFlight;
    m_holdsHostSlot = true;
    return true;
}

void HttpCall::releaseHostSlot()
{
    if (!std::exchange(m_holdsHostSlot, false))
        return;
    HostQueue &queue = t_hosts[m_host];
    --queue.inFlight;
    while (!queue.waiting.empty()) {
        const QPointer<HttpCall> next = queue.waiting.front();
        queue.waiting.pop_front();
        if (!next || !next->m_waitsForHost)
            continue;
        next->m_waitsForHost = false;
        QMetaObject::invokeMethod(next, &HttpCall::send, Qt::QueuedConnection);
        break;
    }
}

void HttpCall::abort()
{
    if (m_done)
        return;
    if (std::exchange(m_waitsForHost, false))
        std::erase(t_hosts[m_host].waiting, QPointer<HttpCall>(this));
    m_waitTimer->stop();
    if (m_reply) {
        m_aborting = true;
        m_reply->abort(); // finishes with OperationCanceledError → onReplyFinished
        return;
    }
    settleBooking(); // booked but never sent
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
    releaseHostSlot();
    reply->deleteLater();

    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.networkError = reply->error();
    result.networkErrorText = reply->errorString();
    // Both the transfer timeout and abort() end a reply with OperationCanceledError; only
    // abort() sets m_aborting. (Comparing elapsed time with the timeout misreads timeouts:
    // coarse timers may fire a little early.)
    const bool canceledError = reply->error() == QNetworkReply::OperationCanceledError;
    result.cancelled = canceledError && m_aborting;
    result.timedOut = canceledError && !m_aborting;
    if (result.timedOut) {
        result.networkError = QNetworkReply::TimeoutError;
        result.networkErrorText =
            tr("no answer within %n second(s)", nullptr, (m_timeoutMs + 999) / 1000);
    }
    result.elapsedMs = m_clock.elapsed();
    result.attempts = m_attempt;
    qCDebug(lcHttp) << reply->url().path() << "answered" << result.status << result.networkError
                    << "after" << result.elapsedMs << "ms," << result.body.size() << "bytes";

    if (m_pacer) {
        settleBooking();
        if (m_observe)
            m_observe(*m_pacer, result);
    }

    RetryDecision decision;
    if (!result.cancelled && m_throttleReader && result.isSuccess()) {
        if (const std::optional<int> waitMs = m_throttleReader(result)) {
            ++m_throttled;
            result.throttledAnswers = m_throttled;
            if (m_throttled <= m_policy.maxThrottledAttempts)
                decision = {true, *waitMs};
        }
    }
    if (!decision.retry && !result.isSuccess())
        decision = m_policy.decide(result, m_attempt, m_idempotent,
                                   QRandomGenerator::global()->generateDouble());
    result.throttledAnswers = m_throttled;
    if (decision.retry && !m_aborting) {
        qCInfo(lcHttp) << "retrying" << reply->url().path() << "status" << result.status << "in"
                       << decision.delayMs << "ms";
        m_waitTimer->disconnect(this);
        connect(m_waitTimer, &QTimer::timeout, this, &HttpCall::admit);
        m_waitTimer->start(std::clamp(decision.delayMs, 0, kLongestWaitMs));
        return;
    }
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace fulfillsync
