// SyncPass, the channel side: each job goes through settle (read back), the order's line items
// and fulfillment orders, the create or tracking update, each call paced by the store's buckets;
// several jobs run side by side. The NetSuite side, evaluation and bookkeeping are in
// syncpass.cpp.

#include "sync/engine/syncpass.h"

#include "models/storage/database.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/sqlerror.h"
#include "sync/net/httpcall.h"
#include "sync/net/leakybucketpacer.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcPass)

namespace fulfillsync {

void SyncPass::startPaced(HttpCall *call, LeakyBucketPacer *pacer, double cost,
                          std::function<void(const HttpResult &)> observe)
{
    if (!pacer) {
        call->start();
        return;
    }
    // Booked now, so that jobs starting together space themselves out; settled once, when the
    // answer arrives or the call is gone (aborted before it was sent).
    const int delay = pacer->reserve(QDateTime::currentMSecsSinceEpoch(), cost);
    auto open = std::make_shared<bool>(true);
    auto settle = [pacer, cost, open] {
        if (std::exchange(*open, false))
            pacer->answered(cost);
    };
    connect(call, &HttpCall::finished, call, [settle, observe](const HttpResult &result) {
        settle();
        observe(result);
    });
    connect(call, &QObject::destroyed, settle); // no context: must run whatever else is gone
    if (delay > 0)
        QTimer::singleShot(delay, call, &HttpCall::start); // an abort deletes the call and timer
    else
        call->start();
}

void SyncPass::startChannelCall(HttpCall *call)
{
    LeakyBucketPacer *pacer = m_config.channelPacer;
    startPaced(call, pacer, 1, [pacer](const HttpResult &result) {
        pacer->observe(result, QDateTime::currentMSecsSinceEpoch());
    });
}

void SyncPass::sendTrackingUpdate(const JobPtr &jobPtr)
{
    Job &job = *jobPtr;
    job.requestBody = ShopifyPlanner::trackingUpdateBody(job.channelFulfillmentId, job.mapped);
    if (m_config.dryRun) {
        planned(job, QStringLiteral("POST"),
                ShopifyApi::adminUrl(m_config.shopify, QStringLiteral("graphql.json")).toString(),
                job.requestBody);
        jobDone(jobPtr);
        return;
    }
    auto *call = track(ShopifyApi::postGraphQl(m_network, m_config.shopify, job.requestBody, this));
    connect(call, &HttpCall::finished, this, [this, call, jobPtr](const HttpResult &result) {
        call->deleteLater();
        if (channelCallFailed(jobPtr, result, tr("Updating the Shopify tracking numbers")))
            return;
        Job &job = *jobPtr;
        const auto answer = ShopifyPlanner::readCreateAnswer(
            result.body, QStringLiteral("fulfillmentTrackingInfoUpdate"));
        if (!answer.userErrors.isEmpty() || answer.fulfillmentId.isEmpty()) {
            completeJob(jobPtr, SyncOutcome::Failed, ErrorClass::Validation,
                        tr("Shopify refused the tracking update: %1")
                            .arg(answer.userErrors.isEmpty() ? answer.malformed
                                                             : answer.userErrors.join(u"; ")),
                        readableJson(result.body));
            return;
        }
        m_ledger->updateTrackingNumbers(m_config.connector.id, job.fulfillment.id,
                                        job.mapped.trackingNumbers);
        completeJob(jobPtr, SyncOutcome::Pushed, ErrorClass::None,
                    tr("Updated the tracking numbers of Shopify fulfillment %1 to %2.")
                        .arg(job.channelFulfillmentId,
                             job.mapped.trackingNumbers.join(QStringLiteral(", "))),
                    readableJson(result.body));
    });
    startGraphQlCall(call);
}

void SyncPass::startJob(const JobPtr &job)
{
    ++m_running;
    m_busyChannelOrders.insert(job->order.channelOrder);
    job->clock.start();
    emitProgress(tr("Pushing %1").arg(job->fulfillment.tranId));
    if (job->kind == Job::Kind::UpdateTracking)
        sendTrackingUpdate(job);
    else if (job->settleFirst)
        settleByReadBack(job);
    else
        fetchChannelOrder(job);
}

bool SyncPass::channelCallFailed(const JobPtr &job, const HttpResult &result, const QString &what)
{
    if (result.isSuccess())
        return false;
    if (m_cancelled) {
        finish();
        return true;
    }
    ErrorClass errorClass = ErrorClass::Validation;
    if (result.status == 401 || result.status == 403)
        errorClass = ErrorClass::Auth;
    else if (result.status == 429)
        errorClass = ErrorClass::RateLimit;
    else if (!result.hasHttpAnswer() || result.status >= 500)
        errorClass = ErrorClass::Transient;
    const QString reason = result.hasHttpAnswer() ? tr("HTTP %1").arg(result.status)
                                                  : (result.timedOut ? tr("no answer in time")
                                                                     : result.networkErrorText);
    completeJob(job, SyncOutcome::Failed, errorClass, tr("%1 failed: %2").arg(what, reason),
                readableJson(result.body));
    return true;
}

void SyncPass::readChannel(const JobPtr &job, HttpCall *call, const QString &what,
                           std::function<void(const HttpResult &)> onSuccess)
{
    track(call);
    connect(call, &HttpCall::finished, this,
            [this, job, call, what, onSuccess = std::move(onSuccess)](const HttpResult &result) {
                call->deleteLater();
                if (!channelCallFailed(job, result, what))
                    onSuccess(result);
            });
    startChannelCall(call);
}

void SyncPass::settleByReadBack(const JobPtr &jobPtr)
{
    readChannel(
        jobPtr,
        ShopifyApi::getFulfillments(m_network, m_config.shopify,
                                    jobPtr->order.channelOrder.toLongLong(), this),
        tr("Reading back the Shopify fulfillments"), [this, jobPtr](const HttpResult &result) {
            Job &job = *jobPtr;
            LedgerRepository &ledger = *m_ledger;
            QStringList claimed;
            for (const LedgerEntry &e : ledger.entriesOfOrder(m_config.connector.id, job.order.id))
                if (e.fulfillmentId != job.fulfillment.id && !e.channelFulfillmentId.isEmpty())
                    claimed << e.channelFulfillmentId;
            const QString existing = ShopifyPlanner::findExisting(
                job.mapped, QJsonDocument::fromJson(result.body).object(), claimed);
            if (!existing.isEmpty()) {
                if (!m_config.dryRun)
                    ledger.markPushed(m_config.connector.id, job.fulfillment.id, existing,
                                      QDateTime::currentDateTimeUtc());
                completeJob(
                    jobPtr, SyncOutcome::Pushed, ErrorClass::None,
                    tr("Already in Shopify as fulfillment %1 (found by reading back after an "
                       "unconfirmed earlier attempt); nothing sent.")
                        .arg(existing));
                return;
            }
            // Definitely not there: the earlier intent never reached Shopify (or, for an explicit
            // replay, the channel no longer has it).
            if (!m_config.dryRun) {
                if (m_config.replayFulfillmentId != 0)
                    ledger.removeAny(m_config.connector.id, job.fulfillment.id);
                else
                    ledger.removeUnconfirmed(m_config.connector.id, job.fulfillment.id);
            }
            if (!m_config.replayBody.isEmpty()) {
                job.requestBody = m_config.replayBody; // as recorded: no planning, no reads
                sendPrepared(jobPtr);
                return;
            }
            job.settleFirst = false;
            fetchChannelOrder(jobPtr);
        });
}

void SyncPass::fetchChannelOrder(const JobPtr &job)
{
    bool ok = false;
    const qint64 channelOrderId = job->order.channelOrder.toLongLong(&ok);
    if (!ok) {
        completeJob(job, SyncOutcome::Held, ErrorClass::Mapping,
                    tr("Sales order %1 has no Shopify order id (custbody_fa_channel_order / "
                       "otherrefnum is \"%2\").")
                        .arg(job->order.tranId, job->order.channelOrder));
        return;
    }
    readChannel(job, ShopifyApi::getOrder(m_network, m_config.shopify, channelOrderId, this),
                tr("Reading the Shopify order"), [this, job](const HttpResult &result) {
                    job->orderJson = QJsonDocument::fromJson(result.body).object();
                    fetchFulfillmentOrders(job);
                });
}

void SyncPass::fetchFulfillmentOrders(const JobPtr &job)
{
    readChannel(job,
                ShopifyApi::getFulfillmentOrders(m_network, m_config.shopify,
                                                 job->order.channelOrder.toLongLong(), this),
                tr("Reading the Shopify fulfillment orders"),
                [this, job](const HttpResult &result) {
                    job->fulfillmentOrdersJson = QJsonDocument::fromJson(result.body).object();
                    sendCreate(job);
                });
}

void SyncPass::sendCreate(const JobPtr &jobPtr)
{
    Job &job = *jobPtr;
    const ShopifyPlan plan =
        ShopifyPlanner::plan(job.mapped, job.orderJson, job.fulfillmentOrdersJson);
    if (plan.alreadyDone) {
        // Everything is fulfilled in Shopify already, yet our ledger has no record: someone
        // fulfilled it by hand or another tool did. Say so; never send a second one.
        completeJob(jobPtr, SyncOutcome::Failed, ErrorClass::Conflict,
                    tr("Shopify shows these lines as fulfilled already, but not by this "
                       "connector. Nothing was sent; check the order in Shopify."));
        return;
    }
    if (!plan.problem.isEmpty()) {
        completeJob(jobPtr, SyncOutcome::Failed, ErrorClass::Conflict, plan.problem);
        return;
    }
    job.requestBody = ShopifyPlanner::fulfillmentCreateBody(plan, job.mapped);
    sendPrepared(jobPtr);
}

void SyncPass::sendPrepared(const JobPtr &jobPtr)
{
    Job &job = *jobPtr;
    if (m_config.dryRun) {
        planned(job, QStringLiteral("POST"),
                ShopifyApi::adminUrl(m_config.shopify, QStringLiteral("graphql.json")).toString(),
                job.requestBody);
        jobDone(jobPtr);
        return;
    }

    LedgerRepository &ledger = *m_ledger;
    LedgerEntry intent;
    intent.connectorId = m_config.connector.id;
    intent.fulfillmentId = job.fulfillment.id;
    intent.orderId = job.order.id;
    intent.channelOrder = job.order.channelOrder;
    intent.payload = QString::fromUtf8(job.requestBody);
    intent.trackingNumbers = job.mapped.trackingNumbers;
    intent.quantity = job.fulfillment.totalQuantity();
    bool exists = false;
    if (!ledger.insertPending(intent, &exists)) {
        completeJob(jobPtr, SyncOutcome::Failed,
                    exists ? ErrorClass::Conflict : ErrorClass::Storage,
                    exists ? tr("Another worker is pushing this fulfillment right now.")
                           : tr("Could not record the push before sending: %1. Nothing was sent.")
                                 .arg(ledger.lastError()));
        return;
    }
    postCreate(jobPtr);
}

void SyncPass::postCreate(const JobPtr &job)
{
    auto *call =
        track(ShopifyApi::postGraphQl(m_network, m_config.shopify, job->requestBody, this));
    connect(call, &HttpCall::finished, this, [this, call, job](const HttpResult &result) {
        call->deleteLater();
        onCreateAnswered(job, result);
    });
    startGraphQlCall(call);
}

void SyncPass::startGraphQlCall(HttpCall *call)
{
    // GraphQL is paced by its cost bucket (a mutation costs 10 points), which every answer
    // describes in extensions.cost.throttleStatus.
    static constexpr double kMutationCost = 10;
    LeakyBucketPacer *pacer = m_config.graphQlPacer;
    startPaced(call, pacer, kMutationCost, [pacer](const HttpResult &result) {
        const auto answer = ShopifyPlanner::readCreateAnswer(result.body);
        if (answer.maximumAvailable > 0)
            pacer->observeLevel(answer.maximumAvailable - answer.currentlyAvailable,
                                int(answer.maximumAvailable), answer.restoreRate,
                                QDateTime::currentMSecsSinceEpoch());
    });
}

void SyncPass::onCreateAnswered(const JobPtr &jobPtr, const HttpResult &result)
{
    Job &job = *jobPtr;
    LedgerRepository &ledger = *m_ledger;
    const qint64 connectorId = m_config.connector.id;
    if (!result.isSuccess()) {
        if (result.isAmbiguous()) {
            // It may have been created. Keep the intent; the next attempt reads back first.
            ledger.markAmbiguous(connectorId, job.fulfillment.id);
            if (m_cancelled)
                return finish();
            completeJob(jobPtr, SyncOutcome::Failed, ErrorClass::Transient,
                        tr("Shopify did not confirm the fulfillment (%1). It will be checked "
                           "against Shopify before anything is sent again.")
                            .arg(result.hasHttpAnswer() ? tr("HTTP %1").arg(result.status)
                                                        : result.networkErrorText),
                        readableJson(result.body));
            return;
        }
        ledger.removeUnconfirmed(connectorId, job.fulfillment.id);
        channelCallFailed(jobPtr, result, tr("Creating the Shopify fulfillment"));
        return;
    }
    const ShopifyPlanner::CreateAnswer answer = ShopifyPlanner::readCreateAnswer(result.body);
    if (answer.throttled)
        ++m_summary.channelThrottled;
    if (answer.throttled && !m_cancelled && ++job.throttledRetries <= kMaxThrottledRetries) {
        // THROTTLED means not executed: the intent stays pending and the same request goes
        // again once the bucket has refilled.
        QTimer::singleShot(answer.retryAfterMs, this, [this, jobPtr] {
            if (m_cancelled)
                return finish();
            postCreate(jobPtr);
        });
        return;
    }
    if (!answer.fulfillmentId.isEmpty()) {
        // Confirmed and recorded in one commit. Should it fail, the intent stays Pending and
        // the next pass finds the fulfillment by reading back.
        QSqlDatabase db = m_database.connection();
        Transaction transaction(db);
        m_ledger->markPushed(connectorId, job.fulfillment.id, answer.fulfillmentId,
                             QDateTime::currentDateTimeUtc());
        completeJob(jobPtr, SyncOutcome::Pushed, ErrorClass::None,
                    tr("Created Shopify fulfillment %1 with %n tracking number(s).", nullptr,
                       int(job.mapped.trackingNumbers.size()))
                        .arg(answer.fulfillmentId),
                    readableJson(result.body));
        QString error;
        if (!transaction.commit(&error))
            qCWarning(lcPass) << "could not store the confirmed push:" << error;
        return;
    }
    if (!answer.userErrors.isEmpty()) {
        ledger.removeUnconfirmed(connectorId, job.fulfillment.id);
        completeJob(jobPtr, SyncOutcome::Failed, ErrorClass::Validation,
                    tr("Shopify refused the fulfillment: %1").arg(answer.userErrors.join(u"; ")),
                    readableJson(result.body));
        return;
    }
    ledger.markAmbiguous(connectorId, job.fulfillment.id);
    completeJob(jobPtr, SyncOutcome::Failed, ErrorClass::Server,
                tr("Shopify's answer could not be read (%1). It will be checked against Shopify "
                   "before anything is sent again.")
                    .arg(answer.malformed),
                readableJson(result.body));
}

} // namespace fulfillsync
