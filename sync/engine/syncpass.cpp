#include "sync/engine/syncpass.h"

#include "models/storage/changenotifier.h"
#include "models/storage/database.h"
#include "models/storage/sqlerror.h"
#include "models/storage/textindex.h"
#include "models/storage/watermarkrepository.h"
#include "sync/channel/channelfactory.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

Q_LOGGING_CATEGORY(lcPass, "fulfillsync.sync.pass", QtInfoMsg)

namespace fulfillsync {

namespace {
const QString kFulfillmentStream = QStringLiteral("fulfillments");
constexpr int kStatesPerCommit = 500;
} // namespace

QString SyncPass::readableJson(const QByteArray &body)
{
    // Compact in storage (a million attempts add up); the detail pane indents for reading.
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isNull())
        return QString::fromUtf8(body.left(4000)); // an HTML page or a fragment: the start
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

SyncPass::SyncPass(QNetworkAccessManager &network, Database &database, Config config,
                   QObject *parent)
    : ConnectorPass(parent)
    , m_network(network)
    , m_database(database)
    , m_config(std::move(config))
{
    m_summary.connectorId = m_config.connector.id;
    m_summary.connectorName = m_config.connector.name;
    m_summary.trigger = m_config.trigger;
    m_summary.dryRun = m_config.dryRun;
}

SyncPass::~SyncPass() = default;

void SyncPass::emitProgress(const QString &phase)
{
    Q_EMIT progressed(SyncProgress{m_config.connector.id, m_config.connector.name, phase,
                                   m_ordersDone, int(m_orderIds.size())});
}

void SyncPass::start()
{
    m_clock.start();
    const QSqlDatabase db = m_database.connection();
    m_orders.emplace(db);
    m_ledger.emplace(db);
    m_quarantine.emplace(db);
    m_recorder.emplace(db,
                       AttemptRecorder::Config{m_config.connector, m_config.trigger,
                                               m_config.mappingVersion, m_config.settingsVersion,
                                               m_config.quarantine, m_config.clock},
                       m_summary);
    m_channel = ChannelFactory::connect(m_config.connector.kind, m_network, m_config.shopify,
                                        m_config.costBucket, m_config.channelOrdersPerRead);
    if (m_config.fence) // send() checked already; a request that then waited is checked again
        m_channel->setSendGuard([this] {
            QSqlDatabase db = m_database.connection();
            return m_config.fence->verify(db);
        });

    WatermarkRepository watermarks(m_database.connection());
    NetSuiteReader::Config reader;
    reader.endpoint = m_config.netsuite;
    reader.gate = m_config.netSuiteGate;
    reader.retryPolicy = m_config.netSuiteRetry;
    if (m_config.onlyOrders.isEmpty()) {
        reader.watermark = watermarks.value(m_config.connector.id, kFulfillmentStream);
        reader.storedProbe = watermarks.probe(m_config.connector.id, kFulfillmentStream);
        m_resumed = watermarks.resume(m_config.connector.id, kFulfillmentStream);
        reader.resume = m_resumed;
    }
    reader.firstPassSince = m_config.firstPassSince;
    reader.overlapSeconds = m_config.overlapSeconds;
    reader.onlyOrders = m_config.onlyOrders;
    reader.readKitMembers = m_config.connector.kitRule == KitRule::Members;
    reader.detectOnly = m_config.detectOnly;
    if (m_config.fence)
        reader.mayWrite = [this] {
            QSqlDatabase db = m_database.connection();
            return m_config.fence->verify(db);
        };
    m_reader = new NetSuiteReader(m_network, *m_orders, reader, this);
    connect(m_reader, &NetSuiteReader::progressed, this, &SyncPass::emitProgress);
    connect(m_reader, &NetSuiteReader::finished, this, &SyncPass::onRead);
    qCInfo(lcPass) << m_config.connector.name << "reading changes";
    m_reader->start();
}

void SyncPass::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reader) {
        m_reader->cancel(); // ends through onRead()
        return;
    }
    if (m_channel)
        m_channel->abortAll(); // each answer settles its job (an unconfirmed create stays so)
    pump();
}

void SyncPass::onRead(const NetSuiteReader::Result &result)
{
    m_reader->deleteLater();
    m_reader = nullptr;
    m_read = result;
    m_summary.netSuiteRequests = result.requests;
    m_summary.detectedFulfillments = result.detectedFulfillments;
    m_summary.idle = result.idle;
    m_summary.warnings << result.warnings;
    for (const QString &warning : result.warnings)
        qCWarning(lcPass) << m_config.connector.name << warning;
    if (!result.error.isEmpty() || m_cancelled)
        return finish(m_cancelled ? QString() : result.error);
    if (m_config.detectOnly)
        return finish();

    const Connector &connector = m_config.connector;
    m_mapper =
        std::make_unique<FulfillmentMapper>(connector, m_config.rules, m_orders->kitMembers());
    QSet<qint64> orders = result.touchedOrders;
    if (m_config.onlyOrders.isEmpty()) {
        // Besides what changed in NetSuite, whatever is owed: pushes never confirmed, failures
        // whose wait is over, held fulfillments after a settings change.
        const QList<qint64> unsettled = m_ledger->unsettledOrderIds(connector.id);
        orders.unite(QSet<qint64>(unsettled.cbegin(), unsettled.cend()));
        const QList<qint64> due =
            m_quarantine->dueOrderIds(connector.id, m_config.clock(), m_config.settingsVersion);
        orders.unite(QSet<qint64>(due.cbegin(), due.cend()));
        if (m_resumed.isValid()) { // what the pass cut short stored waits to be evaluated
            const QList<qint64> stored = m_orders->orderIdsChangedSince(m_resumed.evaluateFrom);
            orders.unite(QSet<qint64>(stored.cbegin(), stored.cend()));
        }
    } else {
        orders = QSet<qint64>(m_config.onlyOrders.cbegin(), m_config.onlyOrders.cend());
    }
    m_orderIds = orders.values();
    std::sort(m_orderIds.begin(), m_orderIds.end());
    m_nextOrder = 0;
    emitProgress(tr("Pushing to %1").arg(m_channel->channelName()));
    pump();
}

void SyncPass::evaluateOrder(qint64 orderId)
{
    const Connector &connector = m_config.connector;
    const std::optional<SalesOrder> order = m_orders->order(orderId);
    if (!order || order->channel.compare(connector.channel, Qt::CaseInsensitive) != 0) {
        ++m_ordersDone;
        return; // another channel's order: another connector's business
    }
    const QList<LedgerEntry> ledger = m_ledger->entriesOfOrder(connector.id, orderId);
    const QList<QuarantineEntry> waiting = m_quarantine->entriesOfOrder(connector.id, orderId);
    const bool resync = m_config.trigger == SyncTrigger::Resync || !m_config.onlyOrders.isEmpty();
    const QDateTime now = m_config.clock();
    const auto quantityRule = [this](const MappedFulfillment &mapped) {
        return m_channel->quantityProblems(mapped);
    };
    const QList<ItemFulfillment> fulfillments = m_orders->fulfillmentsOfOrder(orderId);
    for (const ItemFulfillment &f : fulfillments) {
        Job job;
        job.subject.order = *order;
        job.subject.fulfillment = f;
        DecisionInput input{connector, *order, f};
        for (const LedgerEntry &e : ledger)
            if (e.fulfillmentId == f.id)
                input.ledger = e;
        for (const QuarantineEntry &q : waiting)
            if (q.fulfillmentId == f.id)
                input.quarantine = q;
        input.mapping = SyncDecisions::mapForChannel(*m_mapper, f, *order, quantityRule);
        input.now = now;
        input.skipWaiting = resync;
        input.resendTracking = m_config.resendTracking.contains(f.id);
        job.mapping = input.mapping;
        job.quarantine = input.quarantine;
        if (m_config.replayFulfillmentId != 0) {
            if (f.id != m_config.replayFulfillmentId)
                continue;
            if (f.voided || f.shipStatus != ShipStatus::Shipped || !f.problem.isEmpty()) {
                record(job, SyncOutcome::Skipped, ErrorClass::None,
                       tr("%1 is %2 in NetSuite now; a replay never sends what has not shipped.")
                           .arg(f.tranId, f.voided ? tr("voided")
                                          : !f.problem.isEmpty()
                                              ? tr("unreadable")
                                              : ShipStatus::displayName(f.shipStatus)),
                       {}, AttemptRecorder::Quarantine::Leave);
                continue;
            }
            if (m_config.replayBody.isEmpty() && !job.mapping.ok()) {
                record(job, SyncOutcome::Held, ErrorClass::Mapping, job.mapping.problems.join(u' '),
                       {}, AttemptRecorder::Quarantine::Leave);
                continue;
            }
            job.kind = Job::Kind::Replay;
            decided(*order, f, {}, std::move(job));
            continue;
        }
        const SyncDecision decision = SyncDecisions::decide(input);
        if (input.ledger && (input.ledger->state == LedgerState::Pushed ||
                             input.ledger->state == LedgerState::Adopted)) {
            job.channelFulfillmentId = input.ledger->channelFulfillmentId;
            if (decision.action == SyncDecision::Action::Nothing)
                ++m_summary.alreadyPushed;
        }
        decided(*order, f, decision, std::move(job));
    }
    const WorkPtr work = m_work.value(order->channelOrder);
    if (work && work->orders.contains(orderId))
        work->orders[orderId].second = fulfillments;
    else
        orderDone(*order, fulfillments);
}

void SyncPass::decided(const SalesOrder &order, const ItemFulfillment &f,
                       const SyncDecision &decision, Job job)
{
    using Action = SyncDecision::Action;
    if (job.kind != Job::Kind::Replay) {
        switch (decision.action) {
        case Action::Nothing:
            // Nothing is owed (pushed meanwhile, no longer eligible): no quarantine entry either.
            if (job.quarantine && !m_config.dryRun)
                write([&] { m_recorder->settled(f.id, decision.reason); });
            return;
        case Action::Flag:
            if (m_config.dryRun)
                return record(job, SyncOutcome::Failed, ErrorClass::Conflict, decision.reason, {},
                              AttemptRecorder::Quarantine::Flag);
            write([&] {
                m_ledger->markAttention(m_config.connector.id, f.id);
                record(job, SyncOutcome::Failed, ErrorClass::Conflict, decision.reason, {},
                       AttemptRecorder::Quarantine::Flag);
            });
            return;
        case Action::Hold:
            record(job, SyncOutcome::Held, decision.errorClass, decision.reason, {},
                   AttemptRecorder::Quarantine::Hold);
            return;
        case Action::Wait:
            if (m_config.dryRun)
                planned(job, {}, decision.reason);
            else
                m_recorder->noteWaiting(order.id, decision.reason);
            return;
        case Action::Push:
            job.kind = Job::Kind::Push;
            break;
        case Action::ReadBackFirst:
            job.kind = Job::Kind::ReadBack;
            break;
        case Action::UpdateTracking:
            job.kind = Job::Kind::UpdateTracking;
            break;
        }
    }
    WorkPtr &work = m_work[order.channelOrder];
    if (!work) {
        work = std::make_shared<OrderWork>();
        work->channelOrder = order.channelOrder;
        m_fresh << work;
    }
    if (!work->orders.contains(order.id))
        work->orders.insert(order.id, {order, {}});
    work->jobs.push_back(std::move(job));
}

void SyncPass::orderDone(const SalesOrder &order, const QList<ItemFulfillment> &fulfillments)
{
    ++m_ordersDone;
    if (m_config.dryRun)
        return;
    // The order's state from what the ledger holds now and what this pass ran into.
    const Connector &connector = m_config.connector;
    const auto problem = m_recorder->orderProblems().constFind(order.id);
    const OrderStanding standing = SyncDecisions::standingOf(
        connector, order, fulfillments, m_ledger->entriesOfOrder(connector.id, order.id),
        problem == m_recorder->orderProblems().cend()
            ? std::nullopt
            : std::optional<QPair<OrderSyncState, QString>>(*problem));
    m_states.insert(order.id, standing.state);
    m_stateMessages.insert(order.id, standing.message);
    m_pushedQuantities.insert(order.id, standing.pushedQuantity);
    if (m_states.size() >= kStatesPerCommit)
        writeOrderStates();
}

void SyncPass::writeOrderStates()
{
    if (m_states.isEmpty())
        return;
    // Shared rows (another connector's pass may store the same orders): written in id order,
    // and run again should the database pick this transaction to break a deadlock anyway.
    QList<qint64> ids = m_states.keys();
    std::sort(ids.begin(), ids.end());
    QSqlDatabase db = m_database.connection();
    bool fenced = false;
    QString error;
    const bool stored = runTransaction(
        db,
        [&] {
            if (m_config.fence && !m_config.fence->verify(db)) {
                fenced = true;
                return false;
            }
            for (qint64 id : std::as_const(ids))
                if (!m_orders->updateSyncState(
                        id, orderSyncStateKey(m_states.value(id)), m_stateMessages.value(id),
                        m_pushedQuantities.value(id), m_recorder->lastAttemptAt(id))) {
                    error = m_orders->lastError();
                    return false;
                }
            return true;
        },
        &error);
    if (fenced)
        return stopFenced();
    if (!stored)
        qCWarning(lcPass) << "could not store the order states:" << error;
    for (qint64 id : std::as_const(ids))
        m_recorder->forgetOrder(id);
    m_states.clear();
    m_stateMessages.clear();
    m_pushedQuantities.clear();
}

void SyncPass::record(const Job &job, SyncOutcome outcome, ErrorClass errorClass,
                      const QString &message, const QString &response,
                      AttemptRecorder::Quarantine quarantine)
{
    if (m_config.dryRun) {
        planned(job, {}, message); // a dry run writes nothing, it only tells
        return;
    }
    qint64 id = 0;
    if (!write([&] {
            id =
                m_recorder->record(job.subject, outcome, errorClass, message, response, quarantine);
        }))
        return;
    if (id != 0)
        Q_EMIT historyAdvanced(id);
    // Windows on a shared database refresh on this; once a second is plenty.
    if (!m_lastAnnounce.isValid() || m_lastAnnounce.elapsed() > 1000) {
        ChangeNotifier::announce(m_database.connection());
        m_lastAnnounce.restart();
    }
}

void SyncPass::planned(const Job &job, const QString &body, const QString &problem,
                       PlannedRequest::Action action)
{
    PlannedRequest request;
    request.action = body.isEmpty() ? action : PlannedRequest::Action::Send;
    request.connectorId = m_config.connector.id;
    request.orderTranId = job.subject.order.tranId;
    request.fulfillmentTranId = job.subject.fulfillment.tranId;
    if (!body.isEmpty()) {
        request.method = QStringLiteral("POST");
        request.url = m_channel->sendUrl();
        request.body = QString::fromUtf8(
            QJsonDocument::fromJson(body.toUtf8()).toJson(QJsonDocument::Indented));
    }
    request.problem = problem;
    Q_EMIT requestPlanned(request);
}

bool SyncPass::write(const std::function<void()> &body)
{
    if (fenceLost())
        return false;
    QSqlDatabase db = m_database.connection();
    FencedTransaction transaction(db, m_config.fence.get());
    if (!transaction.isHeld()) {
        if (fenceLost()) {
            stopFenced();
            return false;
        }
        body(); // no transaction to be had: each write reports its own failure, as it would
        return true;
    }
    body();
    QString error;
    if (!transaction.commit(&error))
        qCWarning(lcPass) << "could not commit:" << error;
    return true;
}

bool SyncPass::mayAct()
{
    if (!m_config.fence)
        return true;
    QSqlDatabase db = m_database.connection();
    if (m_config.fence->verify(db))
        return true;
    stopFenced();
    return false;
}

void SyncPass::stopFenced()
{
    if (m_finished)
        return;
    qCWarning(lcPass) << m_config.connector.name << "stops:" << m_config.fence->lostReason();
    m_cancelled = true;
    if (m_reader)
        m_reader->cancel();
    if (m_channel)
        m_channel->abortAll(); // their answers write nothing now
    finish();
}

void SyncPass::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_summary.error = error;
    m_summary.cancelled = m_cancelled;
    if (m_channel) {
        m_summary.channelRequests = m_channel->requestsSent();
        m_summary.channelThrottled = m_channel->throttledAnswers();
    }
    if (m_config.dryRun || m_config.detectOnly || fenceLost()) {
        if (fenceLost())
            m_summary.error = m_config.fence->lostReason(); // and nothing more is written
        m_summary.durationMs = m_clock.elapsed();
        Q_EMIT finished(m_summary);
        return;
    }
    dropUnsentIntents();
    writeOrderStates();
    QString indexError; // the search reads what is not indexed yet: a failure here costs speed
    if (!TextIndex::catchUp(m_database.connection(), &indexError))
        qCWarning(lcPass) << "could not index the history for search:" << indexError;
    ChangeNotifier::announce(m_database.connection());
    // The watermark moves only after a complete read and push loop. A pass cut short leaves
    // where its reading got to, so the next pass goes on from there (and evaluates what this
    // one stored) instead of reading the whole window again; the ledger answers "already
    // pushed" for what it did.
    if (m_config.onlyOrders.isEmpty()) {
        WatermarkRepository watermarks(m_database.connection());
        const bool complete = error.isEmpty() && !m_cancelled;
        bool stored = true;
        const bool written = write([&] {
            if (complete && m_read.newWatermark.isValid())
                stored = watermarks.setValue(m_config.connector.id, kFulfillmentStream,
                                             m_read.newWatermark, m_read.newProbe) &&
                         watermarks.clearResume(m_config.connector.id, kFulfillmentStream);
            else if (!complete && m_read.resume.isValid())
                stored =
                    watermarks.setResume(m_config.connector.id, kFulfillmentStream, m_read.resume);
        });
        if (!written)
            return; // fenced: the pass has ended
        if (!stored)
            m_summary.error = tr("Could not store the watermark: %1").arg(watermarks.lastError());
    }
    m_summary.durationMs = m_clock.elapsed();
    emitProgress(m_cancelled ? tr("Cancelled") : tr("Finished"));
    Q_EMIT finished(m_summary);
}

} // namespace fulfillsync
