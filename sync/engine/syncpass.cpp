#include "sync/engine/syncpass.h"

#include "models/storage/changenotifier.h"
#include "models/storage/database.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/sqlerror.h"
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
} // namespace

QString SyncPass::readableJson(const QByteArray &body)
{
    // Compact in storage (a million attempts add up); the detail pane indents for reading.
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isNull())
        return QString::fromUtf8(
            body.left(4000)); // an HTML page or a fragment: the start is enough
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

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
    m_calls.removeAll(nullptr); // calls done and deleted since
    m_calls << call;
    ++m_summary.channelRequests;
    return call;
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
    // Orders not evaluated yet count as one job each: the total firms up as the pass goes.
    const int total =
        m_completed + m_running + int(m_queue.size()) + int(m_orderIds.size() - m_nextOrder);
    Q_EMIT progressed(
        SyncProgress{m_config.connector.id, m_config.connector.name, phase, m_completed, total});
}

void SyncPass::start()
{
    m_clock.start();
    const QSqlDatabase db = m_database.connection();
    m_orders.emplace(db);
    m_ledger.emplace(db);
    m_quarantine.emplace(db);
    m_history.emplace(db);
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
    // Each aborted call ends its job; an unconfirmed create stays Ambiguous in the ledger.
    const QList<QPointer<HttpCall>> calls = m_calls;
    for (const QPointer<HttpCall> &call : calls)
        if (call)
            call->abort();
    if (m_query.isNull())
        finish(); // jobs waiting for a THROTTLED retry keep their Pending intent
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
                    qCInfo(lcPass) << "100,000-row window full; continuing from" << next;
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
            OrderRepository &orders = *m_orders;
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
            OrderRepository &orders = *m_orders;
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
            readKitMembers(reader->fulfillments());
        });
}

void SyncPass::readKitMembers(const QList<ItemFulfillment> &fulfillments)
{
    QSet<qint64> kits;
    if (m_config.connector.kitRule == KitRule::Members) {
        for (const ItemFulfillment &f : fulfillments)
            for (const ItemFulfillmentLine &line : f.lines)
                if (line.isKit())
                    kits.insert(line.itemId);
    }
    if (kits.isEmpty())
        return evaluate();
    emitProgress(tr("Reading kit members from NetSuite"));
    QList<qint64> ids = kits.values();
    std::sort(ids.begin(), ids.end());
    auto rows = std::make_shared<QList<QJsonObject>>();
    readWindowed(
        [ids](const QDateTime &) { return DetectionQueries::kitMembers(ids); }, m_since,
        [rows](const QList<QJsonObject> &page) { *rows << page; }, [] { return QDateTime(); },
        [this, ids, rows] {
            OrderRepository &orders = *m_orders;
            if (!orders.replaceKitMembers(ids, DetectionQueries::readKitMembers(*rows)))
                return finish(tr("Could not store kit members: %1").arg(orders.lastError()));
            evaluate();
        });
}

void SyncPass::evaluate()
{
    const Connector &connector = m_config.connector;
    OrderRepository &orders = *m_orders;
    LedgerRepository &ledger = *m_ledger;
    m_mapper = std::make_unique<FulfillmentMapper>(connector, m_config.rules, orders.kitMembers());

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
    m_resync = m_config.trigger == SyncTrigger::Resync || !m_config.onlyOrders.isEmpty();
    m_orderIds = m_touchedOrders.values();
    std::sort(m_orderIds.begin(), m_orderIds.end());
    m_nextOrder = 0;
    pump();
}

void SyncPass::evaluateOrder(qint64 orderId)
{
    const Connector &connector = m_config.connector;
    OrderRepository &orders = *m_orders;
    LedgerRepository &ledger = *m_ledger;
    QuarantineRepository &quarantine = *m_quarantine;
    const std::optional<SalesOrder> order = orders.order(orderId);
    if (!order || order->channel.compare(connector.channel, Qt::CaseInsensitive) != 0)
        return; // another channel's order: another connector's business
    const bool statusTriggers = connector.triggerStatuses.contains(order->status);
    const QDateTime now = m_config.clock();
    for (const ItemFulfillment &f : orders.fulfillmentsOfOrder(orderId)) {
        const std::optional<LedgerEntry> entry = ledger.entry(connector.id, f.id);
        if (m_config.replayFulfillmentId != 0) {
            if (f.id == m_config.replayFulfillmentId)
                planReplay(*order, f);
            continue;
        }
        if (entry &&
            (entry->state == LedgerState::Pushed || entry->state == LedgerState::Attention)) {
            checkAfterPush(*order, f, *entry);
            continue; // whatever the order's status is now
        }
        if (!statusTriggers)
            continue; // trigger on status only
        if (f.voided || f.shipStatus != ShipStatus::Shipped)
            continue; // picked and packed are shown, never pushed
        const std::optional<QuarantineEntry> waiting = quarantine.entry(connector.id, f.id);
        if (waiting && waiting->ignoreUntil > now && !m_resync) {
            ++m_summary.deferred; // still in quarantine: no request, no history row
            continue;
        }
        Job job;
        job.fulfillment = f;
        job.order = *order;
        job.settleFirst = entry.has_value();
        job.quarantined = waiting.has_value();
        const MappingResult mapping = m_mapper->map(f, *order);
        job.mapped = mapping.mapped;
        if (!mapping.ok()) {
            // Held: recorded now, no channel call, nothing stored in the ledger.
            recordAttempt(job, SyncOutcome::Held, ErrorClass::Mapping, mapping.problems.join(u' '));
            continue;
        }
        queue(std::move(job));
    }
}

void SyncPass::queue(Job job)
{
    m_queue.push_back(std::make_shared<Job>(std::move(job)));
}

void SyncPass::pump()
{
    if (m_finished)
        return;
    if (m_cancelled)
        return finish();
    const int limit = std::max(1, m_config.maxJobsInFlight);
    while (m_running < limit) {
        while (m_queue.empty() && m_nextOrder < m_orderIds.size())
            evaluateOrder(m_orderIds.at(m_nextOrder++));
        if (m_queue.empty())
            break;
        const JobPtr job = m_queue.front();
        if (m_busyChannelOrders.contains(job->order.channelOrder))
            break; // one job per channel order at a time: the next plans against its result
        m_queue.pop_front();
        startJob(job);
    }
    if (m_running == 0 && m_queue.empty() && m_nextOrder >= m_orderIds.size())
        finish();
}

void SyncPass::jobDone(const JobPtr &job)
{
    --m_running;
    ++m_completed;
    m_busyChannelOrders.remove(job->order.channelOrder);
    QMetaObject::invokeMethod(this, &SyncPass::pump, Qt::QueuedConnection);
}

void SyncPass::planReplay(const SalesOrder &order, const ItemFulfillment &f)
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
    const MappingResult mapping = m_mapper->map(f, order);
    job.mapped = mapping.mapped;
    if (m_config.replayBody.isEmpty() && !mapping.ok()) {
        recordAttempt(job, SyncOutcome::Held, ErrorClass::Mapping, mapping.problems.join(u' '));
        return;
    }
    queue(std::move(job));
}

void SyncPass::checkAfterPush(const SalesOrder &order, const ItemFulfillment &f,
                              const LedgerEntry &entry)
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
            m_ledger->markAttention(m_config.connector.id, f.id);
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
    const MappingResult mapping = m_mapper->map(f, order);
    if (!mapping.ok()) {
        recordAttempt(job, SyncOutcome::Held, ErrorClass::Mapping, mapping.problems.join(u' '));
        return;
    }
    job.kind = Job::Kind::UpdateTracking;
    job.mapped = mapping.mapped;
    queue(std::move(job));
}

void SyncPass::completeJob(const JobPtr &job, SyncOutcome outcome, ErrorClass errorClass,
                           const QString &message, const QString &response)
{
    recordAttempt(*job, outcome, errorClass, message, response);
    // Done with this job's channel documents; callbacks may still hold the job a moment.
    job->orderJson = {};
    job->fulfillmentOrdersJson = {};
    job->requestBody.clear();
    jobDone(job);
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
    attempt.request = readableJson(job.requestBody); // the body only: no headers, no tokens
    attempt.response = response;
    attempt.mappingVersion = m_config.mappingVersion;
    // The attempt and its quarantine bookkeeping in one commit (and, for a push, with the
    // ledger's confirmation that the caller opened a transaction for).
    QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    HistoryRepository &history = *m_history;
    const qint64 id = history.append(attempt);
    if (id == 0)
        qCWarning(lcPass) << "could not record the attempt:" << history.lastError();

    m_attemptTimes.insert(job.order.id, attempt.occurredAt);
    QuarantineRepository &quarantined = *m_quarantine;
    switch (outcome) {
    case SyncOutcome::Pushed:
        ++m_summary.pushed;
        if (job.quarantined)
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
    QString error;
    if (!transaction.commit(&error))
        qCWarning(lcPass) << "could not record the attempt:" << error;
    else if (id != 0)
        Q_EMIT historyAdvanced(id);
    // Windows on a shared database refresh on this; once a second is plenty.
    if (!m_lastAnnounce.isValid() || m_lastAnnounce.elapsed() > 1000) {
        ChangeNotifier::announce(db);
        m_lastAnnounce.restart();
    }
}

void SyncPass::updateOrderStates()
{
    const Connector &connector = m_config.connector;
    QSqlDatabase db = m_database.connection();
    Transaction transaction(db); // one commit for all the states, not one per order
    OrderRepository &orders = *m_orders;
    LedgerRepository &ledger = *m_ledger;
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
    QString error;
    if (!transaction.commit(&error))
        qCWarning(lcPass) << "could not store the order states:" << error;
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
    ChangeNotifier::announce(m_database.connection());
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
