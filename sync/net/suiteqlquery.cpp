#include "sync/net/suiteqlquery.h"

#include "sync/net/httpcall.h"
#include "sync/net/requestgate.h"

#include <QPointer>
#include <QTimer>

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace fulfillsync {

SuiteQlQuery::SuiteQlQuery(QNetworkAccessManager &network, NetSuiteEndpoint endpoint, QString query,
                           QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
    , m_query(std::move(query))
{}

SuiteQlQuery::~SuiteQlQuery()
{
    releaseSlot();
}

void SuiteQlQuery::releaseSlot()
{
    if (m_gate && m_holdsSlot) {
        m_holdsSlot = false;
        m_gate->release();
    }
}

void SuiteQlQuery::start()
{
    m_offset = 0;
    requestPage();
}

void SuiteQlQuery::abort()
{
    if (m_call) {
        m_call->abort(); // finishes through onPage()
        return;
    }
    if (m_aborted)
        return;
    m_aborted = true; // still waiting for a gate slot
    HttpResult cancelled;
    cancelled.cancelled = true;
    Q_EMIT finished(NetSuiteError::fromResult(cancelled), false);
}

void SuiteQlQuery::requestPage()
{
    if (!m_gate)
        return sendPage();
    QPointer<SuiteQlQuery> self(this);
    m_gate->acquire([self, gate = m_gate] {
        if (!self || self->m_aborted) {
            gate->release(); // gone or cancelled while waiting: hand the slot straight back
            return;
        }
        self->m_holdsSlot = true;
        self->sendPage();
    });
}

void SuiteQlQuery::sendPage()
{
    QUrl url = m_endpoint.restBase();
    url.setPath(url.path() + QStringLiteral("/services/rest/query/v1/suiteql"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    query.addQueryItem(QStringLiteral("offset"), QString::number(m_offset));
    url.setQuery(query);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("q"), m_query}}).toJson(QJsonDocument::Compact);
    const NetSuiteEndpoint endpoint = m_endpoint;

    auto factory = [url, body, endpoint] {
        HttpCall::Prepared prepared;
        prepared.request.setUrl(url);
        prepared.request.setHeader(QNetworkRequest::ContentTypeHeader,
                                   QByteArray("application/json"));
        prepared.request.setRawHeader("Prefer", "transient");
        prepared.request.setRawHeader("Accept", "application/json");
        prepared.request.setRawHeader(
            "Authorization", TbaSigner::authorizationHeader(
                                 "POST", url, endpoint.realm(), endpoint.credentials,
                                 TbaSigner::newNonce(), QDateTime::currentSecsSinceEpoch()));
        prepared.verb = "POST";
        prepared.body = body;
        return prepared;
    };
    // SuiteQL is read-only, so every failure may be retried.
    m_call = new HttpCall(m_network, factory, /*idempotent=*/true, this);
    m_call->setTimeoutMs(m_endpoint.timeoutMs);
    RetryPolicy policy = m_policy;
    policy.unauthorizedMeansBusy = m_credentialsProven;
    m_call->setRetryPolicy(policy);
    connect(m_call, &HttpCall::finished, this, &SuiteQlQuery::onPage);
    ++m_requests;
    m_call->start();
}

void SuiteQlQuery::onPage(const HttpResult &result)
{
    m_call->deleteLater();
    m_call = nullptr;
    releaseSlot();
    m_requests += result.attempts - 1;
    if (!result.isSuccess()) {
        Q_EMIT finished(NetSuiteError::fromResult(result), false);
        return;
    }
    m_credentialsProven = true;
    const QDateTime started = result.serverStartedBy();
    m_dateless |= !started.isValid();
    if (started.isValid() && (!m_earliestStart.isValid() || started < m_earliestStart))
        m_earliestStart = started;
    const QString unreadable = readPage(result.body);
    if (unreadable.isEmpty())
        return;
    // A read is safe to repeat: an unreadable page (a proxy's page, a cut-off body) is asked
    // for again a few times before the query gives up.
    if (++m_unreadablePages < m_policy.maxAttempts) {
        QTimer::singleShot(m_policy.baseDelayMs * m_unreadablePages, this,
                           &SuiteQlQuery::requestPage);
        return;
    }
    Q_EMIT finished(NetSuiteError::malformed(unreadable), false);
}

QString SuiteQlQuery::readPage(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return parseError.errorString();
    const QJsonObject envelope = document.object();
    const QJsonValue itemsValue = envelope.value(QLatin1String("items"));
    if (!itemsValue.isArray())
        return QStringLiteral("no items array");
    const QJsonArray items = itemsValue.toArray();
    QList<QJsonObject> rows;
    rows.reserve(items.size());
    for (const QJsonValue &item : items) {
        if (!item.isObject())
            return QStringLiteral("an item is not an object");
        // Keys come back lower-case; normalise anyway in case a proxy or version differs.
        QJsonObject row;
        const QJsonObject object = item.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            row.insert(it.key().toLower(), it.value());
        rows << row;
    }
    // An envelope that does not say whether more pages follow cannot be trusted to be the end.
    const QJsonValue hasMoreValue = envelope.value(QLatin1String("hasMore"));
    if (!hasMoreValue.isBool() || (hasMoreValue.toBool() && rows.isEmpty()))
        return QStringLiteral("no readable hasMore");
    m_unreadablePages = 0;
    const QJsonValue total = envelope.value(QLatin1String("totalResults"));
    m_totalResults = total.isDouble() && total.toDouble() >= 0 ? qint64(total.toDouble()) : -1;
    Q_EMIT pageReceived(rows);

    if (!hasMoreValue.toBool()) {
        Q_EMIT finished({}, false);
        return {};
    }
    m_offset += m_pageSize;
    if (m_offset + m_pageSize > RowCeiling) {
        Q_EMIT finished({}, true);
        return {};
    }
    requestPage();
    return {};
}

} // namespace fulfillsync
