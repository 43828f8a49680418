#include "sync/engine/syncpass.h"

#include "models/storage/database.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/watermarkrepository.h"
#include "sync/engine/detectionqueries.h"
#include "sync/net/httpcall.h"
#include "sync/net/leakybucketpacer.h"
#include "sync/net/suiteqlquery.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTimer>
#include <memory>

Q_LOGGING_CATEGORY(lcPass, "fulfillsync.sync.pass", QtInfoMsg)

namespace fulfillsync {

namespace {
const QString kFulfillmentStream = QStringLiteral("fulfillments");

QString compactJson(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isNull())
        return QString::fromUtf8(body.left(4000));
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}
} // namespace

SyncPass::SyncPass(QNetworkAccessManager &network, Database &database, Config config,
                   QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_database(database)
    , m_config(std::move(config))
{
    m_summary.connectorId = m_config.connector.id;
    m_summary.connectorName = m_config.connector.name;
}

SyncPass::~SyncPass() = default;

HttpCall *SyncPass::track(HttpCall *call)
{
    m_call = call;
    ++m_summary.channelRequests;
    return call;
}

void SyncPass::startChannelCall(HttpCall *call)
{
    LeakyBucketPacer *pacer = m_config.channelPacer;
    if (!pacer) {
        call->start();
        return;
    }
    connect(call, &HttpCall::finished, this, [pacer](const HttpResult &result) {
        pacer->observe(result, QDateTime::currentMSecsSinceEpoch());
    });
    const int delay = pacer->delayBeforeNextMs(QDateTime::currentMSecsSinceEpoch());
    auto send = [pacer, call] {
        pacer->noteSent(QDateTime::currentMSecsSinceEpoch());
        call->start();
    };
    if (delay > 0)
        QTimer::singleShot(delay, call, send); // a cancel aborts the call, which drops the timer
    else
        send();
}

void SyncPass::planned(const Job &job, const QString &method, const QString &url,
                       const QByteArray &body, const QString &problem)
{
    PlannedRequest request;
    request.connectorId = m_config.connector.id;
    request.orderTranId = job.order.tranId;
    request.fulfillmentTranId = job.fulfillment.tranId;
    request.method = method;
    request.url = url;
    request.body = QString::fromUtf8(QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented));
    request.problem = problem;
    Q_EMIT requestPlanned(request);
}

void SyncPass::emitProgress(const QString &phase)
{
    Q_EMIT progressed(SyncProgress{m_config.connector.id, m_config.connector.name, phase,
                                   std::max(0, m_jobIndex), int(m_jobs.size())});
}

void SyncPass::start()
{
    m_clock.start();
    WatermarkRepository watermarks(m_database.connection());
    const QDateTime watermark = watermarks.value(m_config.connector.id, kFulfillmentStream);
    m_since =
        watermark.isValid() ? watermark.addSecs(-m_config.overlapSeconds) : m_config.firstPassSince;
    if (!m_since.isValid())
        m_since = QDateTime::currentDateTimeUtc().addDays(-30);
    if (!m_config.onlyOrders.isEmpty())
        m_since = QDateTime::fromSecsSinceEpoch(0, Qt::UTC); // a resync reads these orders whole
    qCInfo(lcPass) << m_config.connector.name << "reading changes since" << m_since;
    readOrders();
}

void SyncPass::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_query)
        m_query->abort();
    if (m_call)
        m_call->abort();
}

void SyncPass::readWindowed(QueryBuilder build, const QDateTime &since, RowSink sink,
                            std::function<QDateTime()> newest, std::function<void()> done)
{
    m_query = new SuiteQlQuery(m_network, m_config.netsuite, build(since), this);
    m_query->setCredentialsProven(m_netSuiteCredentialsProven);
    m_query->setGate(m_config.netSuiteGate);
    connect(m_query, &SuiteQlQuery::pageReceived, this, sink);
    connect(m_query, &SuiteQlQuery::finished, this,
            [=, this](const NetSuiteError &error, bool reachedCeiling) {
                m_summary.netSuiteRequests += m_query->requestsSent();
                m_netSuiteCredentialsProven |= m_query->credentialsProven();
                m_query->deleteLater();
                if (m_cancelled)
                    return finish();
                if (!error.isOk())
                    return finish(error.message);
                if (reachedCeiling) {
                    // Keyset window: continue from the newest change seen. Rows at exactly that
                    // instant are read again and fold away by id.
                    const QDateTime next = newest();
                    if (!next.isValid() || next <= since)
                        return finish(tr("More than 100,000 NetSuite rows changed at %1; SuiteQL "
                                         "cannot page past that. Narrow the first pass with a "
                                         "later start date.")
                                          .arg(since.toString(Qt::ISODate)));
                    return readWindowed(build, next, sink, newest, done);
                }
                done();
            });
    m_query->start();
}

void SyncPass::readOrders()
{
    emitProgress(tr("Reading sales orders from NetSuite"));
    auto reader = std::make_shared<OrderRowReader>();
    readWindowed(
        [ids = m_config.onlyOrders](const QDateTime &since) {
            return DetectionQueries::ordersSince(since, ids);
        },
        m_since, [reader](const QList<QJsonObject> &rows) { reader->add(rows); },
        [reader] { return reader->newestModification(); },
        [this, reader] {
            OrderRepository orders(m_database.connection());
            if (!orders.upsertOrders(reader->orders()))
                return finish(tr("Could not store sales orders: %1").arg(orders.lastError()));
            for (const SalesOrder &order : reader->orders())
                m_touchedOrders.insert(order.id);
            if (reader->newestModification() > m_newestChange)
                m_newestChange = reader->newestModification();
            readFulfillments();
        });
}

void SyncPass::readFulfillments()
{
    emitProgress(tr("Reading item fulfillments from NetSuite"));
    auto reader = std::make_shared<FulfillmentRowReader>();
    readWindowed(
        [ids = m_config.onlyOrders](const QDateTime &since) {
            return DetectionQueries::fulfillmentsSince(since, ids);
        },
        m_since, [reader](const QList<QJsonObject> &rows) { reader->add(rows); },
        [reader] { return reader->newestModification(); },
        [this, reader] {
            if (reader->rejectedRows() > 0)
                qCWarning(lcPass) << reader->rejectedRows()
                                  << "unreadable fulfillment rows skipped";
            OrderRepository orders(m_database.connection());
            if (!orders.upsertOrderHeaders(reader->orderHeaders()) ||
                !orders.upsertFulfillments(reader->fulfillments()))
                return finish(tr("Could not store fulfillments: %1").arg(orders.lastError()));
            for (const ItemFulfillment &f : reader->fulfillments())
                m_touchedOrders.insert(f.orderId);
            if (reader->newestModification() > m_newestChange)
                m_newestChange = reader->newestModification();
            m_summary.detectedFulfillments = int(reader->fulfillments().size());
            if (m_config.detectOnly)
                return finish();
            evaluate();
        });
}

void SyncPass::evaluate()
{
    const Connector &connector = m_config.connector;
    OrderRepository orders(m_database.connection());
    LedgerRepository ledger(m_database.connection());
    const FulfillmentMapper mapper(connector, m_config.rules);
    QuarantineRepository quarantine(m_database.connection());
    const QDateTime now = m_config.clock();

    // Besides what changed in NetSuite, retry what is still owed: intents never confirmed and
    // orders whose last attempt failed (their NetSuite rows may not change again). Held orders
    // wait for a change, a mapping fix and a resync, so they do not fill the history every pass.
    if (m_config.onlyOrders.isEmpty()) {
        const QList<qint64> unsettled = ledger.unsettledOrderIds(connector.id);
        m_touchedOrders.unite(QSet<qint64>(unsettled.cbegin(), unsettled.cend()));
        const QList<qint64> failed =
            orders.orderIdsInSyncState(connector.channel, QStringLiteral("failed"));
        m_touchedOrders.unite(QSet<qint64>(failed.cbegin(), failed.cend()));
    } else {
        m_touchedOrders = QSet<qint64>(m_config.onlyOrders.cbegin(), m_config.onlyOrders.cend());
    }
    const bool resync = m_config.trigger == SyncTrigger::Resync || !m_config.onlyOrders.isEmpty();
    QList<qint64> ids = m_touchedOrders.values();
    std::sort(ids.begin(), ids.end());
    for (qint64 orderId : ids) {
        const std::optional<SalesOrder> order = orders.order(orderId);
        if (!order || order->channel.compare(connector.channel, Qt::CaseInsensitive) != 0)
            continue; // another channel's order: another connector's business
        const bool statusTriggers = connector.triggerStatuses.contains(order->status);
        for (const ItemFulfillment &f : orders.fulfillmentsOfOrder(orderId)) {
            const std::optional<LedgerEntry> entry = ledger.entry(connector.id, f.id);
            if (m_config.replayFulfillmentId != 0) {
                if (f.id == m_config.replayFulfillmentId)
                    planReplay(*order, f, mapper);
                continue;
            }
            if (entry &&
                (entry->state == LedgerState::Pushed || entry->state == LedgerState::Attention)) {
                checkAfterPush(*order, f, *entry, mapper);
                continue; // whatever the order's status is now
            }
            if (!statusTriggers)
                continue; // trigger on status only
            if (f.voided || f.shipStatus != ShipStatus::Shipped)
                continue; // picked and packed are shown, never pushed
            const std::optional<QuarantineEntry> waiting = quarantine.entry(connector.id, f.id);
            if (waiting && waiting->ignoreUntil > now && !resync) {
                ++m_summary.deferred; // still in quarantine: no request, no history row
                continue;
            }
            Job job;
            job.fulfillment = f;
            job.order = *order;
            job.settleFirst = entry.has_value();
            const MappingResult mapping = mapper.map(f);
            job.mapped = mapping.mapped;
            if (!mapping.ok()) {
                // Held: recorded now, no channel call, nothing stored in the ledger.
                recordAttempt(job, SyncOutcome::Held, ErrorClass::Mapping,
                              mapping.problems.join(u' '));
                continue;
            }
            m_jobs << job;
        }
    }
    m_jobIndex = -1;
    nextJob();
}

void SyncPass::planReplay(const SalesOrder &order, const ItemFulfillment &f,
                          const FulfillmentMapper &mapper)
{
    Job job;
    job.fulfillment = f;
    job.order = order;
    job.settleFirst = true; // the live duplicate check, whatever the ledger says
    if (f.voided || f.shipStatus != ShipStatus::Shipped) {
        recordAttempt(
            job, SyncOutcome::Skipped, ErrorClass::None,
            tr("%1 is %2 in NetSuite now; a replay never sends what has not shipped.")
                .arg(f.tranId, f.voided ? tr("voided") : ShipStatus::displayName(f.shipStatus)));
        return;
    }
    const MappingResult mapping = mapper.map(f);
    job.mapped = mapping.mapped;
    if (m_config.replayBody.isEmpty() && !mapping.ok()) {
        recordAttempt(job, SyncOutcome::Held, ErrorClass::Mapping, mapping.problems.join(u' '));
        return;
    }
    m_jobs << job;
}

void SyncPass::checkAfterPush(const SalesOrder &order, const ItemFulfillment &f,
                              const LedgerEntry &entry, const FulfillmentMapper &mapper)
{
    if (entry.state == LedgerState::Attention)
        return; // flagged once already; a person decides
    Job job;
    job.fulfillment = f;
    job.order = order;
    job.channelFulfillmentId = entry.channelFulfillmentId;
    QString problem;
    if (f.voided) {
        problem = tr("%1 was voided in NetSuite after it was pushed as Shopify fulfillment %2. "
                     "Nothing was cancelled in Shopify: cancel it there if the goods did not ship.")
                      .arg(f.tranId, entry.channelFulfillmentId);
    } else if (f.shipStatus != ShipStatus::Shipped) {
        problem =
            tr("%1 went back to %2 in NetSuite after it was pushed as Shopify fulfillment "
               "%3. Nothing was changed in Shopify; check the shipment.")
                .arg(f.tranId, ShipStatus::displayName(f.shipStatus), entry.channelFulfillmentId);
    } else if (entry.quantity > 0 && f.totalQuantity() + 1e-9 < entry.quantity) {
        problem =
            tr("%1 was reduced in NetSuite from %2 to %3 units after it was pushed as Shopify "
               "fulfillment %4. Nothing was changed in Shopify; check the shipment.")
                .arg(f.tranId)
                .arg(entry.quantity)
                .arg(f.totalQuantity())
                .arg(entry.channelFulfillmentId);
    }
    if (!problem.isEmpty()) {
        if (!m_config.dryRun)
            LedgerRepository(m_database.connection()).markAttention(m_config.connector.id, f.id);
        recordAttempt(job, SyncOutcome::Failed, ErrorClass::Conflict, problem, {}, false);
        return;
    }
    QStringList now = f.trackingNumbers;
    QStringList pushed = entry.trackingNumbers;
    now.sort();
    pushed.sort();
    if (now == pushed || now.isEmpty() || !m_config.connector.updateTracking) {
        ++m_summary.alreadyPushed;
        return;
    }
    const MappingResult mapping = mapper.map(f);
    if (!mapping.ok()) {
        recordAttempt(job, SyncOutcome::Held, ErrorClass::Mapping, mapping.problems.join(u' '));
        return;
    }
    job.kind = Job::Kind::UpdateTracking;
    job.mapped = mapping.mapped;
    m_jobs << job;
}

void SyncPass::sendTrackingUpdate()
{
    Job &job = m_jobs[m_jobIndex];
    job.requestBody = ShopifyPlanner::trackingUpdateBody(job.channelFulfillmentId, job.mapped);
    if (m_config.dryRun) {
        planned(job, QStringLiteral("POST"),
                ShopifyApi::adminUrl(m_config.shopify, QStringLiteral("graphql.json")).toString(),
                job.requestBody);
        QMetaObject::invokeMethod(this, &SyncPass::nextJob, Qt::QueuedConnection);
        return;
    }
    auto *call = track(ShopifyApi::postGraphQl(m_network, m_config.shopify, job.requestBody, this));
    connect(call, &HttpCall::finished, this, [this, call](const HttpResult &result) {
        call->deleteLater();
        if (channelCallFailed(result, tr("Updating the Shopify tracking numbers")))
            return;
        Job &job = m_jobs[m_jobIndex];
        const auto answer = ShopifyPlanner::readCreateAnswer(
            result.body, QStringLiteral("fulfillmentTrackingInfoUpdate"));
        if (!answer.userErrors.isEmpty() || answer.fulfillmentId.isEmpty()) {
            completeJob(SyncOutcome::Failed, ErrorClass::Validation,
                        tr("Shopify refused the tracking update: %1")
                            .arg(answer.userErrors.isEmpty() ? answer.malformed
                                                             : answer.userErrors.join(u"; ")),
                        compactJson(result.body));
            return;
        }
        LedgerRepository(m_database.connection())
            .updateTrackingNumbers(m_config.connector.id, job.fulfillment.id,
                                   job.mapped.trackingNumbers);
        completeJob(SyncOutcome::Pushed, ErrorClass::None,
                    tr("Updated the tracking numbers of Shopify fulfillment %1 to %2.")
                        .arg(job.channelFulfillmentId,
                             job.mapped.trackingNumbers.join(QStringLiteral(", "))),
                    compactJson(result.body));
    });
    startGraphQlCall(call);
}

void SyncPass::nextJob()
{
    if (m_cancelled)
        return finish();
    ++m_jobIndex;
    if (m_jobIndex >= m_jobs.size())
        return finish();
    Job &job = m_jobs[m_jobIndex];
    job.clock.start();
    emitProgress(tr("Pushing %1 (%2 of %3)")
                     .arg(job.fulfillment.tranId)
                     .arg(m_jobIndex + 1)
                     .arg(m_jobs.size()));
    if (job.kind == Job::Kind::UpdateTracking)
        sendTrackingUpdate();
    else if (job.settleFirst)
        settleByReadBack();
    else
        fetchChannelOrder();
}

bool SyncPass::channelCallFailed(const HttpResult &result, const QString &what)
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
    completeJob(SyncOutcome::Failed, errorClass, tr("%1 failed: %2").arg(what, reason),
                compactJson(result.body));
    return true;
}

void SyncPass::settleByReadBack()
{
    Job &job = m_jobs[m_jobIndex];
    auto *call = track(ShopifyApi::getFulfillments(m_network, m_config.shopify,
                                                   job.order.channelOrder.toLongLong(), this));
    connect(call, &HttpCall::finished, this, [this, call](const HttpResult &result) {
        call->deleteLater();
        if (channelCallFailed(result, tr("Reading back the Shopify fulfillments")))
            return;
        Job &job = m_jobs[m_jobIndex];
        LedgerRepository ledger(m_database.connection());
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
            completeJob(SyncOutcome::Pushed, ErrorClass::None,
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
            sendPrepared();
            return;
        }
        job.settleFirst = false;
        fetchChannelOrder();
    });
    startChannelCall(call);
}

void SyncPass::fetchChannelOrder()
{
    Job &job = m_jobs[m_jobIndex];
    bool ok = false;
    const qint64 channelOrderId = job.order.channelOrder.toLongLong(&ok);
    if (!ok) {
        completeJob(SyncOutcome::Held, ErrorClass::Mapping,
                    tr("Sales order %1 has no Shopify order id (custbody_fa_channel_order / "
                       "otherrefnum is \"%2\").")
                        .arg(job.order.tranId, job.order.channelOrder));
        return;
    }
    auto *call = track(ShopifyApi::getOrder(m_network, m_config.shopify, channelOrderId, this));
    connect(call, &HttpCall::finished, this, [this, call](const HttpResult &result) {
        call->deleteLater();
        if (channelCallFailed(result, tr("Reading the Shopify order")))
            return;
        m_jobs[m_jobIndex].orderJson = QJsonDocument::fromJson(result.body).object();
        fetchFulfillmentOrders();
    });
    startChannelCall(call);
}

void SyncPass::fetchFulfillmentOrders()
{
    Job &job = m_jobs[m_jobIndex];
    auto *call = track(ShopifyApi::getFulfillmentOrders(m_network, m_config.shopify,
                                                        job.order.channelOrder.toLongLong(), this));
    connect(call, &HttpCall::finished, this, [this, call](const HttpResult &result) {
        call->deleteLater();
        if (channelCallFailed(result, tr("Reading the Shopify fulfillment orders")))
            return;
        Job &job = m_jobs[m_jobIndex];
        job.fulfillmentOrdersJson = QJsonDocument::fromJson(result.body).object();
        sendCreate();
    });
    startChannelCall(call);
}

void SyncPass::sendCreate()
{
    Job &job = m_jobs[m_jobIndex];
    const ShopifyPlan plan =
        ShopifyPlanner::plan(job.mapped, job.orderJson, job.fulfillmentOrdersJson);
    if (plan.alreadyDone) {
        // Everything is fulfilled in Shopify already, yet our ledger has no record: someone
        // fulfilled it by hand or another tool did. Say so; never send a second one.
        completeJob(SyncOutcome::Failed, ErrorClass::Conflict,
                    tr("Shopify shows these lines as fulfilled already, but not by this "
                       "connector. Nothing was sent; check the order in Shopify."));
        return;
    }
    if (!plan.problem.isEmpty()) {
        completeJob(SyncOutcome::Failed, ErrorClass::Conflict, plan.problem);
        return;
    }
    job.requestBody = ShopifyPlanner::fulfillmentCreateBody(plan, job.mapped);
    sendPrepared();
}

void SyncPass::sendPrepared()
{
    Job &job = m_jobs[m_jobIndex];
    if (m_config.dryRun) {
        planned(job, QStringLiteral("POST"),
                ShopifyApi::adminUrl(m_config.shopify, QStringLiteral("graphql.json")).toString(),
                job.requestBody);
        QMetaObject::invokeMethod(this, &SyncPass::nextJob, Qt::QueuedConnection);
        return;
    }

    LedgerRepository ledger(m_database.connection());
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
        completeJob(SyncOutcome::Failed, exists ? ErrorClass::Conflict : ErrorClass::Storage,
                    exists ? tr("Another worker is pushing this fulfillment right now.")
                           : tr("Could not record the push before sending: %1. Nothing was sent.")
                                 .arg(ledger.lastError()));
        return;
    }
    postCreate();
}

void SyncPass::postCreate()
{
    Job &job = m_jobs[m_jobIndex];
    auto *call = track(ShopifyApi::postGraphQl(m_network, m_config.shopify, job.requestBody, this));
    connect(call, &HttpCall::finished, this, [this, call](const HttpResult &result) {
        call->deleteLater();
        onCreateAnswered(result);
    });
    startGraphQlCall(call);
}

void SyncPass::startGraphQlCall(HttpCall *call)
{
    // GraphQL is paced by its cost bucket (a mutation costs 10 points), which every answer
    // describes in extensions.cost.throttleStatus.
    static constexpr double kMutationCost = 10;
    LeakyBucketPacer *pacer = m_config.graphQlPacer;
    if (!pacer) {
        call->start();
        return;
    }
    connect(call, &HttpCall::finished, this, [pacer](const HttpResult &result) {
        const auto answer = ShopifyPlanner::readCreateAnswer(result.body);
        if (answer.maximumAvailable > 0)
            pacer->observeLevel(answer.maximumAvailable - answer.currentlyAvailable,
                                int(answer.maximumAvailable), answer.restoreRate,
                                QDateTime::currentMSecsSinceEpoch());
    });
    const int delay = pacer->delayBeforeNextMs(QDateTime::currentMSecsSinceEpoch(), kMutationCost);
    auto send = [pacer, call] {
        pacer->noteSent(QDateTime::currentMSecsSinceEpoch(), kMutationCost);
        call->start();
    };
    if (delay > 0)
        QTimer::singleShot(delay, call, send);
    else
        send();
}

void SyncPass::onCreateAnswered(const HttpResult &result)
{
    Job &job = m_jobs[m_jobIndex];
    LedgerRepository ledger(m_database.connection());
    const qint64 connectorId = m_config.connector.id;
    if (!result.isSuccess()) {
        if (result.isAmbiguous()) {
            // It may have been created. Keep the intent; the next attempt reads back first.
            ledger.markAmbiguous(connectorId, job.fulfillment.id);
            if (m_cancelled)
                return finish();
            completeJob(SyncOutcome::Failed, ErrorClass::Transient,
                        tr("Shopify did not confirm the fulfillment (%1). It will be checked "
                           "against Shopify before anything is sent again.")
                            .arg(result.hasHttpAnswer() ? tr("HTTP %1").arg(result.status)
                                                        : result.networkErrorText),
                        compactJson(result.body));
            return;
        }
        ledger.removeUnconfirmed(connectorId, job.fulfillment.id);
        channelCallFailed(result, tr("Creating the Shopify fulfillment"));
        return;
    }
    const ShopifyPlanner::CreateAnswer answer = ShopifyPlanner::readCreateAnswer(result.body);
    if (answer.throttled)
        ++m_summary.channelThrottled;
    if (answer.throttled && !m_cancelled && ++job.throttledRetries <= kMaxThrottledRetries) {
        // THROTTLED means not executed: the intent stays pending and the same request goes
        // again once the bucket has refilled.
        QTimer::singleShot(answer.retryAfterMs, this, [this] {
            if (m_cancelled)
                return finish();
            postCreate();
        });
        return;
    }
    if (!answer.fulfillmentId.isEmpty()) {
        ledger.markPushed(connectorId, job.fulfillment.id, answer.fulfillmentId,
                          QDateTime::currentDateTimeUtc());
        completeJob(SyncOutcome::Pushed, ErrorClass::None,
                    tr("Created Shopify fulfillment %1 with %2 tracking number(s).")
                        .arg(answer.fulfillmentId)
                        .arg(job.mapped.trackingNumbers.size()),
                    compactJson(result.body));
        return;
    }
    if (!answer.userErrors.isEmpty()) {
        ledger.removeUnconfirmed(connectorId, job.fulfillment.id);
        completeJob(SyncOutcome::Failed, ErrorClass::Validation,
                    tr("Shopify refused the fulfillment: %1").arg(answer.userErrors.join(u"; ")),
                    compactJson(result.body));
        return;
    }
    ledger.markAmbiguous(connectorId, job.fulfillment.id);
    completeJob(SyncOutcome::Failed, ErrorClass::Server,
                tr("Shopify's answer could not be read (%1). It will be checked against Shopify "
                   "before anything is sent again.")
                    .arg(answer.malformed),
                compactJson(result.body));
}

void SyncPass::completeJob(SyncOutcome outcome, ErrorClass errorClass, const QString &message,
                           const QString &response)
{
    recordAttempt(m_jobs.at(m_jobIndex), outcome, errorClass, message, response);
    QMetaObject::invokeMethod(this, &SyncPass::nextJob, Qt::QueuedConnection);
}

void SyncPass::recordAttempt(const Job &job, SyncOutcome outcome, ErrorClass errorClass,
                             const QString &message, const QString &response, bool quarantine)
{
    if (m_config.dryRun) {
        planned(job, {}, {}, {}, message); // a dry run writes nothing, it only tells
        return;
    }
    SyncAttempt attempt;
    attempt.occurredAt = QDateTime::currentDateTimeUtc();
    attempt.connectorId = m_config.connector.id;
    attempt.connectorName = m_config.connector.name;
    attempt.orderId = job.order.id;
    attempt.orderTranId = job.order.tranId;
    attempt.fulfillmentId = job.fulfillment.id;
    attempt.fulfillmentTranId = job.fulfillment.tranId;
    attempt.trigger = m_config.trigger;
    attempt.outcome = outcome;
    attempt.errorClass = errorClass;
    attempt.durationMs = job.clock.isValid() ? job.clock.elapsed() : 0;
    attempt.message = message;
    attempt.request = compactJson(job.requestBody); // the body only: no headers, no tokens
    attempt.response = response;
    HistoryRepository history(m_database.connection());
    const qint64 id = history.append(attempt);
    if (id == 0)
        qCWarning(lcPass) << "could not record the attempt:" << history.lastError();
    else
        Q_EMIT historyAdvanced(id);

    m_attemptTimes.insert(job.order.id, attempt.occurredAt);
    QuarantineRepository quarantined(m_database.connection());
    switch (outcome) {
    case SyncOutcome::Pushed:
        ++m_summary.pushed;
        quarantined.clear(m_config.connector.id, job.fulfillment.id);
        break;
    case SyncOutcome::Failed: {
        ++m_summary.failed;
        m_orderProblems.insert(job.order.id, {QStringLiteral("failed"), message});
        if (!quarantine)
            break;
        const QDateTime now = m_config.clock();
        QuarantineEntry entry =
            quarantined.entry(m_config.connector.id, job.fulfillment.id)
                .value_or(QuarantineEntry{
                    m_config.connector.id, job.fulfillment.id, job.order.id, 0, {}, {}, {}, {}});
        ++entry.retryCount;
        entry.lastTryAt = now;
        entry.ignoreUntil =
            now.addSecs(m_config.quarantine.delaySeconds(entry.retryCount, errorClass));
        entry.errorClass = errorClassKey(errorClass);
        entry.lastError = message;
        if (!quarantined.save(entry))
            qCWarning(lcPass) << "could not quarantine:" << quarantined.lastError();
        break;
    }
    case SyncOutcome::Held:
        ++m_summary.held;
        if (!m_orderProblems.contains(job.order.id))
            m_orderProblems.insert(job.order.id, {QStringLiteral("held"), message});
        break;
    case SyncOutcome::Skipped:
        break;
    }
}

void SyncPass::updateOrderStates()
{
    const Connector &connector = m_config.connector;
    OrderRepository orders(m_database.connection());
    LedgerRepository ledger(m_database.connection());
    for (qint64 orderId : std::as_const(m_touchedOrders)) {
        const std::optional<SalesOrder> order = orders.order(orderId);
        if (!order || order->channel.compare(connector.channel, Qt::CaseInsensitive) != 0)
            continue;
        double ordered = 0;
        for (const SalesOrderLine &line : order->lines)
            ordered += line.quantity;
        double pushed = 0;
        int shipped = 0;
        int pushedCount = 0;
        QHash<qint64, LedgerState> states;
        for (const LedgerEntry &e : ledger.entriesOfOrder(connector.id, orderId))
            states.insert(e.fulfillmentId, e.state);
        const QList<ItemFulfillment> fulfillments = orders.fulfillmentsOfOrder(orderId);
        for (const ItemFulfillment &f : fulfillments) {
            if (f.shipStatus != ShipStatus::Shipped)
                continue;
            ++shipped;
            if (states.contains(f.id) && states.value(f.id) == LedgerState::Pushed) {
                ++pushedCount;
                for (const ItemFulfillmentLine &line : f.lines)
                    pushed += line.quantity;
            }
        }
        QString state;
        QString message;
        const bool needsAttention = std::any_of(states.cbegin(), states.cend(), [](LedgerState s) {
            return s == LedgerState::Attention;
        });
        if (needsAttention && !m_orderProblems.contains(orderId)) {
            state = QStringLiteral("failed");
            message = tr("A fulfillment changed in NetSuite after it was pushed; see the history.");
        } else if (m_orderProblems.contains(orderId)) {
            state = m_orderProblems.value(orderId).first;
            message = m_orderProblems.value(orderId).second;
        } else if (!connector.triggerStatuses.contains(order->status) && pushedCount == 0) {
            // Not yet approved or fulfilled: it will sync when it ships. Cancelled, closed or
            // any other status outside the trigger set: it will not.
            const bool notYet =
                order->status == QStringLiteral("A") || order->status == QStringLiteral("B");
            state = notYet ? QStringLiteral("waiting") : QStringLiteral("not_eligible");
        } else if (shipped > 0 && pushedCount == shipped) {
            state = pushed + 1e-9 >= ordered ? QStringLiteral("synced")
                                             : QStringLiteral("partially_synced");
        } else {
            state = QStringLiteral("waiting");
        }
        orders.updateSyncState(orderId, state, message, pushed, m_attemptTimes.value(orderId));
    }
}

void SyncPass::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_summary.error = error;
    m_summary.cancelled = m_cancelled;
    if (m_config.dryRun || m_config.detectOnly) {
        m_summary.durationMs = m_clock.elapsed();
        Q_EMIT finished(m_summary);
        return;
    }
    updateOrderStates();
    // The watermark only moves after a complete read and push loop; the overlap window makes
    // re-reading harmless (the ledger answers "already pushed").
    if (error.isEmpty() && !m_cancelled && m_newestChange.isValid() &&
        m_config.onlyOrders.isEmpty()) {
        WatermarkRepository watermarks(m_database.connection());
        if (!watermarks.setValue(m_config.connector.id, kFulfillmentStream, m_newestChange))
            m_summary.error = tr("Could not store the watermark: %1").arg(watermarks.lastError());
    }
    m_summary.durationMs = m_clock.elapsed();
    emitProgress(m_cancelled ? tr("Cancelled") : tr("Finished"));
    Q_EMIT finished(m_summary);
}

} // namespace fulfillsync
