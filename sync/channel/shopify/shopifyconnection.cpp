#include "sync/channel/shopify/shopifyconnection.h"

#include "sync/channel/shopify/shopifygraphql.h"
#include "sync/channel/shopify/shopifyplanner.h"
#include "sync/channel/shopify/shopifyreconcile.h"
#include "sync/net/httpcall.h"
#include "sync/net/leakybucketpacer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <memory>

namespace fulfillsync {

namespace {
// What Shopify's REST 429s say (Retry-After: 2.0), for a 429 that says nothing.
constexpr int kDefaultRetryAfterMs = 2000;
} // namespace

ShopifyConnection::ShopifyConnection(QNetworkAccessManager &network, ShopifyEndpoint endpoint,
                                     LeakyBucketPacer *costBucket, QObject *parent)
    : ChannelConnection(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
    , m_bucket(costBucket)
    , m_ordersPerRead(ShopifyGraphQl::ordersPerPlanningRead())
    , m_ordersPerReconciliationRead(ShopifyReconcile::ordersPerRequest())
{}

QString ShopifyConnection::channelName() const
{
    return QStringLiteral("Shopify");
}

QString ShopifyConnection::sendUrl() const
{
    return ShopifyApi::adminUrl(m_endpoint, QStringLiteral("graphql.json")).toString();
}

void ShopifyConnection::post(const QByteArray &body, double cost, bool isQuery,
                             std::function<void(const HttpResult &)> answered)
{
    // Queries are retried on transient failures; a mutation never is by the transport (the
    // pass reads back instead).
    auto *call = ShopifyApi::postGraphQl(m_network, m_endpoint, body, isQuery, this);
    if (!isQuery)
        call->setSendGuard(m_sendGuard);
    call->setThrottleReader(
        [](const HttpResult &result) { return ShopifyGraphQl::throttledWaitMs(result.body); });
    call->setPacer(m_bucket, cost, [](LeakyBucketPacer &pacer, const HttpResult &result) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (const auto status = ShopifyGraphQl::throttleStatus(result.body))
            pacer.observeLevel(status->maximumAvailable - status->currentlyAvailable,
                               int(status->maximumAvailable), status->restoreRate, now);
        else if (result.status == 429)
            pacer.observeRetryAfter(now, result.retryAfterMs().value_or(kDefaultRetryAfterMs));
    });
    m_calls.removeAll(nullptr);
    m_calls << call;
    connect(call, &HttpCall::finished, this,
            [this, call, answered = std::move(answered)](const HttpResult &result) {
                call->deleteLater();
                m_requests += result.attempts;
                m_throttled += result.throttledAnswers;
                // The points the answer says it asked for and was charged (a THROTTLED answer
                // charges none).
                const QJsonObject cost = QJsonDocument::fromJson(result.body)
                                             .object()
                                             .value(QLatin1String("extensions"))
                                             .toObject()
                                             .value(QLatin1String("cost"))
                                             .toObject();
                const double actual = cost.value(QLatin1String("actualQueryCost")).toDouble(-1);
                if (actual >= 0) {
                    m_costActual += actual;
                    m_costRequested +=
                        cost.value(QLatin1String("requestedQueryCost")).toDouble(actual);
                }
                answered(result);
            });
    call->start();
}

ChannelRead ShopifyConnection::failedRead(const HttpResult &result)
{
    ChannelRead read;
    read.state = ChannelRead::State::Failed;
    read.errorClass = result.status == 401 || result.status == 403 ? ErrorClass::Auth
                      : result.status == 429                       ? ErrorClass::RateLimit
                                                                   : ErrorClass::Transient;
    read.problem = tr("Reading the Shopify order failed: %1").arg(result.failureText());
    if (result.hasHttpAnswer())
        read.response = QString::fromUtf8(result.body.left(4000));
    return read;
}

void ShopifyConnection::readAlone(const QString &orderId, bool withFulfillments,
                                  std::function<void(const ChannelRead &)> done)
{
    post(ShopifyGraphQl::singleReadBody(orderId, withFulfillments),
         ShopifyGraphQl::singleReadCost(withFulfillments), true,
         [orderId, withFulfillments, done = std::move(done)](const HttpResult &result) {
             if (!result.isSuccess() || ShopifyGraphQl::throttledWaitMs(result.body))
                 return done(failedRead(result));
             done(ShopifyGraphQl::readSingleAnswer(result.body, orderId, withFulfillments));
         });
}

void ShopifyConnection::readOrders(const QStringList &orderIds, bool withFulfillments,
                                   ReadDone done)
{
    struct Collect
    {
        QHash<QString, ChannelRead> reads;
        int open = 0;
        ReadDone done;
    };
    auto collect = std::make_shared<Collect>();
    collect->done = std::move(done);
    auto settle = [collect](const QString &id, const ChannelRead &read) {
        collect->reads.insert(id, read);
        if (--collect->open == 0)
            collect->done(collect->reads);
    };
    collect->open = int(orderIds.size());
    if (orderIds.isEmpty())
        return collect->done({});
    if (withFulfillments || m_ordersPerRead == 1) {
        for (const QString &id : orderIds)
            readAlone(id, withFulfillments,
                      [settle, id](const ChannelRead &read) { settle(id, read); });
        return;
    }
    for (qsizetype from = 0; from < orderIds.size(); from += m_ordersPerRead) {
        const QStringList ids = orderIds.mid(from, m_ordersPerRead);
        post(ShopifyGraphQl::planningReadBody(ids),
             ShopifyGraphQl::planningReadCost(int(ids.size())), true,
             [this, ids, settle](const HttpResult &result) {
                 QHash<QString, ChannelRead> reads;
                 if (!result.isSuccess() || ShopifyGraphQl::throttledWaitMs(result.body)) {
                     for (const QString &id : ids)
                         reads.insert(id, failedRead(result));
                 } else {
                     reads = ShopifyGraphQl::readPlanningAnswer(result.body, ids);
                 }
                 for (const QString &id : ids) {
                     const ChannelRead read = reads.value(id);
                     if (read.state == ChannelRead::State::Incomplete) // larger pages, alone
                         readAlone(id, false,
                                   [settle, id](const ChannelRead &r) { settle(id, r); });
                     else
                         settle(id, read);
                 }
             });
    }
}

QStringList ShopifyConnection::quantityProblems(const MappedFulfillment &mapped) const
{
    return ShopifyPlanner::quantityProblems(mapped);
}

ChannelPlan ShopifyConnection::plan(const MappedFulfillment &mapped,
                                    const ChannelOrderSnapshot &snapshot) const
{
    return ShopifyPlanner::plan(mapped, snapshot);
}

ChannelPlan ShopifyConnection::trackingUpdate(const QString &channelFulfillmentId,
                                              const MappedFulfillment &mapped) const
{
    ChannelPlan plan;
    plan.isTrackingUpdate = true;
    plan.body = ShopifyPlanner::trackingUpdateBody(channelFulfillmentId, mapped);
    return plan;
}

ChannelPlan ShopifyConnection::recorded(const QByteArray &body) const
{
    ChannelPlan plan;
    plan.body = body;
    plan.isTrackingUpdate = body.contains("fulfillmentTrackingInfoUpdate");
    return plan;
}

void ShopifyConnection::send(const ChannelPlan &plan, AnswerDone done)
{
    const QString mutation = plan.isTrackingUpdate ? QStringLiteral("fulfillmentTrackingInfoUpdate")
                                                   : QStringLiteral("fulfillmentCreate");
    post(plan.body, ShopifyGraphQl::kMutationCost, false,
         [mutation, done = std::move(done)](const HttpResult &result) {
             ChannelAnswer answer;
             if (!result.isSuccess()) {
                 answer.response = QString::fromUtf8(result.body.left(4000));
                 if (result.provesNotExecuted()) {
                     answer.kind = ChannelAnswer::Kind::Refused;
                     answer.errorClass = ErrorClass::RateLimit;
                     answer.message = tr("Shopify kept answering \"too many requests\" (%n "
                                         "attempt(s)); nothing was executed.",
                                         nullptr, result.attempts);
                 } else {
                     answer.kind = ChannelAnswer::Kind::Ambiguous;
                     answer.errorClass =
                         result.status == 401 || result.status == 403        ? ErrorClass::Auth
                         : (!result.hasHttpAnswer() || result.status >= 500) ? ErrorClass::Transient
                                                                             : ErrorClass::Server;
                     answer.message = result.failureText();
                 }
                 return done(answer);
             }
             if (ShopifyGraphQl::throttledWaitMs(result.body)) {
                 answer.kind = ChannelAnswer::Kind::Refused; // THROTTLED: not executed
                 answer.errorClass = ErrorClass::RateLimit;
                 answer.message = tr("Shopify kept answering THROTTLED (%n attempt(s)); nothing "
                                     "was executed.",
                                     nullptr, result.attempts);
                 answer.response = QString::fromUtf8(result.body.left(4000));
                 return done(answer);
             }
             done(ShopifyGraphQl::readMutationAnswer(result.body, mutation));
         });
}

ExistingFulfillment ShopifyConnection::findExisting(const MappedFulfillment &mapped,
                                                    const ChannelOrderSnapshot &snapshot,
                                                    const QStringList &claimedElsewhere) const
{
    return ShopifyPlanner::findExisting(mapped, snapshot, claimedElsewhere);
}

void ShopifyConnection::applySent(ChannelOrderSnapshot &snapshot, const ChannelPlan &plan,
                                  const ChannelAnswer &answer,
                                  const MappedFulfillment &mapped) const
{
    if (answer.kind == ChannelAnswer::Kind::Confirmed && !plan.isTrackingUpdate)
        ShopifyPlanner::applyCreated(snapshot, plan, answer.channelFulfillmentId, mapped);
    else if (answer.kind != ChannelAnswer::Kind::Confirmed)
        snapshot.stale = true; // what the channel holds now is not known
}

void ShopifyConnection::abortAll()
{
    m_aborted = true;
    const QList<QPointer<HttpCall>> calls = m_calls;
    for (const QPointer<HttpCall> &call : calls)
        if (call)
            call->abort();
}

} // namespace fulfillsync
