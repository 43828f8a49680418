#include "sync/engine/syncworker.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/historyrepository.h"
#include "models/storage/mappinghistory.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/orderowners.h"
#include "models/storage/runrepository.h"
#include "sync/channel/shopify/shopifygraphql.h"
#include "sync/engine/reconcilerun.h"
#include "sync/engine/syncpass.h"
#include "sync/threepl/threeplpass.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

Q_LOGGING_CATEGORY(lcWorker, "fulfillsync.sync.worker", QtInfoMsg)

namespace fulfillsync {

namespace {
constexpr int kAbandonAfterMs = 30000; // after its deadline, for a pass that ignores cancel

QString overdueText(int deadlineMs)
{
    return SyncWorker::tr("The pass ran longer than %n minute(s) and was stopped. What it read and "
                          "sent is kept; the next pass goes on from there.",
                          nullptr, std::max(1, deadlineMs / 60000));
}
} // namespace

SyncWorker::SyncWorker(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_leases(new LeaseKeeper(database, this))
{
    m_leases->setRunningCheck([this](qint64 id) { return m_running.contains(id); });
    // Fenced: the pass stops before it sends or writes again (it may be mid-request; that
    // answer is read back by the new holder).
    connect(m_leases, &LeaseKeeper::lost, this, [this](qint64 connectorId) {
        m_followUps.remove(connectorId);
        if (ConnectorPass *pass = m_running.value(connectorId))
            pass->cancel();
    });
    connect(m_leases, &LeaseKeeper::adopted, this, [this](qint64 connectorId) {
        SyncRequest request;
        request.connectorId = connectorId;
        request.trigger = SyncTrigger::Schedule;
        run(request);
    });
    qRegisterMetaType<fulfillsync::SyncRequest>();
    qRegisterMetaType<fulfillsync::SyncProgress>();
    qRegisterMetaType<fulfillsync::SyncRunSummary>();
    qRegisterMetaType<fulfillsync::PlannedRequest>();
    qRegisterMetaType<fulfillsync::SyncCredentials>();
    qRegisterMetaType<fulfillsync::ReconcileRequest>();
    qRegisterMetaType<fulfillsync::ReconcileSummary>();
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::setCredentials(const SyncCredentials &credentials)
{
    m_credentials = credentials;
}

void SyncWorker::run(const SyncRequest &request)
{
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen()) {
        Q_EMIT failedToStart(error);
        emitIdleIfDone();
        return;
    }
    ConnectorRepository connectors(db);
    QList<qint64> ids;
    if (request.replayAttemptId != 0) {
        const std::optional<SyncAttempt> attempt =
            HistoryRepository(db).byId(request.replayAttemptId);
        // A 3PL connector's replay tries the order's held shipments again: no fulfillment yet.
        const std::optional<Connector> owner =
            attempt ? connectors.byId(attempt->connectorId) : std::nullopt;
        const bool threePl = owner && owner->isThreePl();
        if (!attempt || (attempt->fulfillmentId == 0 && !threePl)) {
            Q_EMIT failedToStart(tr("There is no attempt %1 with a fulfillment to replay.")
                                     .arg(request.replayAttemptId));
            emitIdleIfDone();
            return;
        }
        if (request.replayAsRecorded && !threePl && attempt->request.trimmed().isEmpty()) {
            Q_EMIT failedToStart(tr("Attempt %1 sent nothing, so there is no request to replay as "
                                    "recorded. Replay it rebuilt with today's mappings instead.")
                                     .arg(attempt->id));
            emitIdleIfDone();
            return;
        }
        ids << attempt->connectorId;
    } else if (request.connectorId != 0) {
        ids << request.connectorId;
    } else if (!request.orderIds.isEmpty()) {
        // A resync or dry run of orders is for the connectors that own them, not every
        // connector's whole pass.
        ids = connectorsOwningOrders(db, request.orderIds);
        if (ids.isEmpty()) {
            Q_EMIT failedToStart(tr("No enabled connector handles these orders: no connector has "
                                    "their channel and no 3PL connector has them."));
            emitIdleIfDone();
            return;
        }
    } else {
        for (const Connector &c : connectors.all())
            if (c.enabled)
                ids << c.id;
    }
    if (ids.isEmpty()) {
        Q_EMIT failedToStart(
            tr("No enabled connector to sync. Add or enable one under Connectors."));
        emitIdleIfDone();
        return;
    }
    for (qint64 id : ids) {
        if (m_running.contains(id)) {
            QList<SyncRequest> &waiting = m_followUps[id];
            if (!waiting.contains(request))
                waiting.append(request); // the same request twice runs once
        } else
            startPass(id, request);
    }
}

void SyncWorker::cancel()
{
    m_followUps.clear();
    const auto passes = m_running.values();
    for (ConnectorPass *pass : passes)
        pass->cancel();
}

void SyncWorker::cancelConnector(qint64 connectorId)
{
    m_followUps.remove(connectorId);
    if (ConnectorPass *pass = m_running.value(connectorId))
        pass->cancel();
}

void SyncWorker::shutdown()
{
    cancel();
    qDeleteAll(m_running);
    m_running.clear();
    qDeleteAll(m_reconciling); // a run deleted mid-read stores nothing more
    m_reconciling.clear();
    m_leases->releaseAll(); // before the connection closes
    delete m_network;
    m_network = nullptr;
    m_database.closeThreadConnection();
}

void SyncWorker::emitIdleIfDone()
{
    if (m_running.isEmpty())
        Q_EMIT idle();
}

void SyncWorker::passEnded(qint64 connectorId)
{
    m_running.remove(connectorId);
    m_leases->setBusy(connectorId, false);
    QList<SyncRequest> &waiting = m_followUps[connectorId];
    if (!waiting.isEmpty())
        startPass(connectorId, waiting.takeFirst());
    else
        emitIdleIfDone();
}

void SyncWorker::finishPass(SyncRunSummary summary)
{
    RunRepository runs(m_database.connection());
    if (!summary.dryRun && summary.connectorId != 0) {
        const std::optional<OwedWork> owed = runs.owedWork(summary.connectorId);
        summary.stillOwed = owed ? owed->total() : -1; // unknown is not "nothing owed"
        if (!owed)
            summary.warnings << tr("Could not read what is still owed: %1").arg(runs.lastError());
    }
    SyncRun run;
    run.connectorId = summary.connectorId;
    run.connectorName = summary.connectorName;
    run.trigger = summary.trigger;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.startedAt = run.finishedAt.addMSecs(-summary.durationMs);
    run.pushed = summary.pushed;
    run.failed = summary.failed;
    run.held = summary.held;
    run.alreadyPushed = summary.alreadyPushed;
    run.deferred = summary.deferred;
    run.adopted = summary.adopted;
    run.trackingUpdated = summary.trackingUpdated;
    run.netSuiteRequests = summary.netSuiteRequests;
    run.channelRequests = summary.channelRequests;
    run.cancelled = summary.cancelled;
    run.dryRun = summary.dryRun;
    run.error = summary.error;
    run.skipped = summary.skipped;
    // A fenced pass records nothing: the connector's runs are its new holder's to tell.
    if (!summary.fenced && !runs.record(run)) // only the Jobs list would miss it
        qCWarning(lcWorker) << "could not record the run:" << runs.lastError();
    Q_EMIT passFinished(summary);
}

void SyncWorker::startPass(qint64 connectorId, const SyncRequest &request)
{
    QSqlDatabase db = m_database.connection();
    ConnectorRepository connectors(db);
    const std::optional<Connector> connector = connectors.byId(connectorId);
    const std::optional<NetSuiteAccount> account = connectors.account();
    auto refuse = [&](const QString &name, const QString &message) {
        SyncRunSummary summary;
        summary.connectorId = connectorId;
        summary.connectorName = name;
        summary.trigger = request.trigger;
        summary.dryRun = request.dryRun;
        summary.error = message;
        finishPass(summary);
        QMetaObject::invokeMethod(this, &SyncWorker::emitIdleIfDone, Qt::QueuedConnection);
    };
    if (!connector)
        return refuse(QString(), tr("Connector %1 does not exist.").arg(connectorId));
    if (!account || account->accountId.isEmpty())
        return refuse(connector->name, tr("No NetSuite account is configured. Enter the account id "
                                          "in Settings."));
    if (!m_credentials.netsuite.isComplete())
        return refuse(connector->name, tr("The NetSuite token credentials are missing. Enter them "
                                          "in Settings."));
    const QString token = m_credentials.channelTokens.value(connector->id);
    if (token.isEmpty())
        return refuse(connector->name, tr("The access token of connector %1 is missing. Enter it "
                                          "under Connectors.")
                                           .arg(connector->name));

    const bool threePl = connector->isThreePl();
    // A dry run sends and writes nothing, so it needs no lease.
    std::shared_ptr<LeaseFence> fence;
    if (!request.dryRun) {
        m_leases->start();
        const bool scheduled = request.trigger == SyncTrigger::Schedule;
        const LeaseKeeper::Claim claim = m_leases->claim(connectorId, scheduled);
        using Refusal = LeaseKeeper::Refusal;
        if (claim.refusal == Refusal::Error)
            return refuse(connector->name,
                          tr("Could not take the connector's lease: %1").arg(claim.error));
        if (claim.refusal != Refusal::None && scheduled) {
            // Its holder runs it on its own schedule, or a less busy worker takes it: a tick
            // of every worker's timer is not a run of its own.
            QMetaObject::invokeMethod(this, &SyncWorker::emitIdleIfDone, Qt::QueuedConnection);
            return;
        }
        if (claim.refusal != Refusal::None) {
            SyncRunSummary summary;
            summary.connectorId = connectorId;
            summary.connectorName = connector->name;
            summary.trigger = request.trigger;
            summary.skipped = tr("%1 is being synced by another fulfillsync worker (%2); this "
                                 "run was skipped.")
                                  .arg(connector->name, claim.holder);
            finishPass(summary);
            QMetaObject::invokeMethod(this, &SyncWorker::emitIdleIfDone, Qt::QueuedConnection);
            return;
        }
        fence = claim.fence;
        m_leases->setBusy(connectorId, true);
    }

    if (!m_network)
        m_network = m_networkFactory ? m_networkFactory(this) : new QNetworkAccessManager(this);

    NetSuiteEndpoint netsuite;
    netsuite.accountId = account->accountId;
    netsuite.baseUrl = QUrl(account->baseUrl);
    netsuite.credentials = m_credentials.netsuite;
    if (request.timeoutMs > 0)
        netsuite.timeoutMs = request.timeoutMs;
    ConnectorPass *pass = threePl ? threePlPass(*connector, netsuite, token, request, fence)
                                  : channelPass(*connector, netsuite, token, request, fence);
    m_running.insert(connectorId, pass);
    connect(pass, &ConnectorPass::progressed, this, &SyncWorker::progressed);
    connect(pass, &ConnectorPass::historyAdvanced, this, &SyncWorker::historyAdvanced);
    connect(pass, &ConnectorPass::requestPlanned, this, &SyncWorker::requestPlanned);
    connect(pass, &ConnectorPass::finished, this,
            [this, pass, connectorId, threePl, request, fence](SyncRunSummary summary) {
                pass->deleteLater();
                const bool overdue = m_overdue.remove(connectorId);
                if (overdue) {
                    // Stopped by its deadline, not by a person: a failure, and alerted as one.
                    summary.cancelled = false;
                    summary.error = overdueText(m_passDeadlineMs);
                } else if (fence && fence->isLost()) {
                    summary.fenced = true;
                    summary.cancelled = false;
                    summary.error = fence->lostReason();
                }
                finishPass(summary);
                if (overdue) // another worker may try the connector now
                    m_leases->release(connectorId);
                if (threePl && summary.pushed > 0 && !summary.dryRun && !summary.fenced)
                    followWithChannels(request); // before the worker may say it is idle
                passEnded(connectorId);
            });
    auto *deadline = new QTimer(pass);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, connectorId] { passOverdue(connectorId); });
    deadline->start(m_passDeadlineMs);
    pass->start();
}

void SyncWorker::followWithChannels(const SyncRequest &request)
{
    // Only a run of every connector, or of orders, takes the channels along; a run of one
    // named connector, or a replay, does what it names.
    if (request.connectorId != 0 || request.replayAttemptId != 0)
        return;
    QSqlDatabase db = m_database.connection();
    const QList<qint64> owners =
        request.orderIds.isEmpty() ? QList<qint64>() : connectorsOwningOrders(db, request.orderIds);
    SyncRequest follow = request;
    for (const Connector &c : ConnectorRepository(db).all()) {
        if (!c.enabled || c.isThreePl() || (!request.orderIds.isEmpty() && !owners.contains(c.id)))
            continue;
        follow.connectorId = c.id;
        run(follow); // after the channel's pass under way, if there is one
    }
}

void SyncWorker::passOverdue(qint64 connectorId)
{
    ConnectorPass *pass = m_running.value(connectorId);
    if (!pass)
        return;
    qCWarning(lcWorker) << "connector" << connectorId << "passed its deadline; cancelling";
    m_overdue.insert(connectorId);
    pass->cancel();
    // A pass that does not end when cancelled is abandoned, as a crash would leave it: its
    // outbox rows are read back by the next pass before anything is sent again.
    QTimer::singleShot(kAbandonAfterMs, pass, [this, pass, connectorId] {
        if (m_running.value(connectorId) != pass)
            return;
        qCWarning(lcWorker) << "connector" << connectorId << "ignored its cancel; abandoned";
        pass->disconnect(this);
        pass->deleteLater();
        m_overdue.remove(connectorId);
        m_leases->release(connectorId); // its fence is down: should it wake, it writes nothing
        SyncRunSummary summary;
        summary.connectorId = connectorId;
        summary.error = overdueText(m_passDeadlineMs);
        if (const auto connector = ConnectorRepository(m_database.connection()).byId(connectorId))
            summary.connectorName = connector->name;
        finishPass(summary);
        passEnded(connectorId);
    });
}

ConnectorPass *SyncWorker::channelPass(const Connector &connector, const NetSuiteEndpoint &netsuite,
                                       const QString &token, const SyncRequest &request,
                                       std::shared_ptr<LeaseFence> fence)
{
    QSqlDatabase db = m_database.connection();
    SyncPass::Config config;
    config.connector = connector;
    config.rules = MappingRepository(db).rules(connector.id);
    config.mappingVersion = MappingHistoryRepository(db).version(connector.id);
    // Both only grow, so their sum grows with every change of either.
    config.settingsVersion = config.mappingVersion + connector.revision;
    config.netsuite = netsuite;
    config.netSuiteGate = &m_netSuiteGate;
    // Shopify's standard GraphQL bucket until the first answer tells the real one.
    config.costBucket =
        &m_costBuckets
             .try_emplace(connector.id, ShopifyGraphQl::kStandardRestorePerSecond,
                          ShopifyGraphQl::kStandardBucketPoints, ShopifyGraphQl::kCostHeadroom)
             .first->second;
    config.shopify.baseUrl = QUrl(connector.endpoint);
    config.shopify.accessToken = token;
    config.trigger = request.trigger;
    // Switching over: a first pass starts on the day the connector takes over, unless asked
    // otherwise (--since, the demo).
    config.firstPassSince = request.firstPassSince.isValid() || !connector.takeOverFrom.isValid()
                                ? request.firstPassSince
                                : connector.takeOverFrom.startOfDay().toUTC();
    config.onlyOrders = request.orderIds;
    config.resendTracking = request.resendTracking;
    config.dryRun = request.dryRun;
    config.fence = std::move(fence);
    if (request.timeoutMs > 0)
        config.shopify.timeoutMs = request.timeoutMs;
    if (request.replayAttemptId != 0) {
        const std::optional<SyncAttempt> attempt =
            HistoryRepository(db).byId(request.replayAttemptId);
        config.trigger = SyncTrigger::Replay;
        config.onlyOrders = {attempt->orderId};
        config.replayFulfillmentId = attempt->fulfillmentId;
        if (request.replayAsRecorded)
            config.replayBody =
                QJsonDocument::fromJson(attempt->request.toUtf8()).toJson(QJsonDocument::Compact);
    }
    return new SyncPass(*m_network, m_database, config, this);
}

ConnectorPass *SyncWorker::threePlPass(const Connector &connector, const NetSuiteEndpoint &netsuite,
                                       const QString &token, const SyncRequest &request,
                                       std::shared_ptr<LeaseFence> fence)
{
    ThreePlPass::Config config;
    config.connector = connector;
    config.rules = MappingRepository(m_database.connection()).rules(connector.id);
    config.netsuite = netsuite;
    config.netSuiteGate = &m_netSuiteGate;
    // The key's 40 requests a minute, kept across passes: a pass right after another must not
    // start as if the minute were fresh.
    config.threePlPacer =
        &m_threePlPacers.try_emplace(connector.id, ShipStationApi::makePacer()).first->second;
    config.threePl.baseUrl = QUrl(connector.endpoint);
    // The connector's secret is "API key:API secret", as ShipStation shows them.
    config.threePl.apiKey = token.section(u':', 0, 0);
    config.threePl.apiSecret = token.section(u':', 1);
    if (request.timeoutMs > 0)
        config.threePl.timeoutMs = request.timeoutMs;
    config.trigger = request.trigger;
    config.firstPassSince = request.firstPassSince;
    // A resync of orders (Retry in the Inbox) does those orders only, on both legs, and tries
    // their held and unconfirmed shipments again; the other orders wait for a whole pass.
    config.retryOrderIds = request.orderIds;
    config.dryRun = request.dryRun;
    config.dryRunOrders = request.orderIds;
    config.fence = std::move(fence);
    if (request.replayAttemptId != 0) {
        // Replay of a held shipment's attempt: that order's held shipments are tried again.
        const std::optional<SyncAttempt> attempt =
            HistoryRepository(m_database.connection()).byId(request.replayAttemptId);
        config.trigger = SyncTrigger::Replay;
        if (attempt)
            config.retryOrderIds = {attempt->orderId};
    }
    return new ThreePlPass(*m_network, m_database, config, this);
}

void SyncWorker::reconcile(const ReconcileRequest &request)
{
    ReconcileSummary summary;
    summary.connectorId = request.connectorId;
    summary.trigger = request.trigger;
    summary.since = request.since;
    summary.until = request.until;
    const auto refuse = [&](const QString &error) {
        summary.error = error;
        Q_EMIT reconcileFinished(summary);
    };
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen())
        return refuse(error);
    const std::optional<Connector> connector = ConnectorRepository(db).byId(request.connectorId);
    if (!connector)
        return refuse(tr("Connector %1 does not exist.").arg(request.connectorId));
    summary.connectorName = connector->name;
    if (connector->isThreePl())
        return refuse(tr("%1 is a 3PL connector: there is no channel to reconcile with.")
                          .arg(connector->name));
    if (!request.since.isValid() || !request.until.isValid() || request.until < request.since)
        return refuse(tr("The reconciliation needs a date range whose end is not before its "
                         "start."));
    if (m_reconciling.contains(connector->id))
        return refuse(tr("A reconciliation of %1 is already under way.").arg(connector->name));
    const QString token = m_credentials.channelTokens.value(connector->id);
    if (token.isEmpty())
        return refuse(tr("The access token of connector %1 is missing. Enter it under "
                         "Connectors.")
                          .arg(connector->name));
    if (!m_network)
        m_network = m_networkFactory ? m_networkFactory(this) : new QNetworkAccessManager(this);

    ReconcileRun::Config config;
    config.connector = *connector;
    config.rules = MappingRepository(db).rules(connector->id);
    config.shopify.baseUrl = QUrl(connector->endpoint);
    config.shopify.accessToken = token;
    // The passes' bucket: reading back for a reconciliation spends the same store's points.
    config.costBucket =
        &m_costBuckets
             .try_emplace(connector->id, ShopifyGraphQl::kStandardRestorePerSecond,
                          ShopifyGraphQl::kStandardBucketPoints, ShopifyGraphQl::kCostHeadroom)
             .first->second;
    config.since = request.since;
    config.until = request.until;
    config.onlyOrders = request.orderIds;
    config.resumeRunId = request.resumeRunId;
    // A run that finds anything not matched alerts as the CLI's does; a read of one order (the
    // order pane's look) is not a run of the range and alerts no one.
    if (request.orderIds.isEmpty()) {
        config.alertWebhook = m_credentials.alertWebhooks.value(connector->id);
        config.alertMailPassword = m_credentials.mailPassword;
    } else {
        config.connector.alertEmails.clear();
    }
    auto *run = new ReconcileRun(*m_network, m_database, config, this);
    m_reconciling.insert(connector->id, run);
    const qint64 connectorId = connector->id;
    QElapsedTimer clock;
    clock.start();
    connect(run, &ReconcileRun::progressed, this, [this, connectorId](int done, int total) {
        Q_EMIT reconcileProgressed(connectorId, done, total);
    });
    connect(run, &ReconcileRun::finished, this,
            [this, run, summary, clock](const QList<ReconcileRun::OrderResult> &results,
                                        const QString &runError) mutable {
                summary.durationMs = clock.elapsed();
                summary.error = runError;
                summary.cancelled = run->property("cancelled").toBool();
                summary.alertProblem = run->alertProblem();
                for (const ReconcileRun::OrderResult &order : results) {
                    if (!order.problem.isEmpty()) {
                        ++summary.unreadable;
                        continue;
                    }
                    ++summary.orders;
                    if (!order.storeProblem.isEmpty())
                        ++summary.notKept;
                    for (const Reconciliation::Row &row : order.rows)
                        summary.rows[Reconciliation::verdictKey(row.verdict)] += 1;
                }
                if (m_reconciling.value(summary.connectorId) == run)
                    m_reconciling.remove(summary.connectorId);
                run->deleteLater();
                Q_EMIT reconcileFinished(summary);
            });
    run->start(); // may finish at once (nothing shipped in the range, an unreadable copy)
}

void SyncWorker::cancelReconcile(qint64 connectorId)
{
    const auto runs = m_reconciling;
    for (auto it = runs.cbegin(); it != runs.cend(); ++it) {
        if (connectorId != 0 && it.key() != connectorId)
            continue;
        it.value()->setProperty("cancelled", true);
        it.value()->cancel();
    }
}

} // namespace fulfillsync
