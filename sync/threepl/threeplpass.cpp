#include "sync/threepl/threeplpass.h"

#include "models/storage/database.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/threeplrepository.h"
#include "models/storage/watermarkrepository.h"
#include "sync/engine/detectionqueries.h"
#include "sync/net/httpcall.h"
#include "sync/net/leakybucketpacer.h"
#include "sync/net/netsuiteerror.h"
#include "sync/net/netsuiterecords.h"
#include "sync/net/requestgate.h"
#include "sync/net/suiteql.h"
#include "sync/net/suiteqlquery.h"
#include "sync/threepl/shipmentplanner.h"
#include "sync/threepl/threeplordersender.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <algorithm>

Q_LOGGING_CATEGORY(lcThreePl, "fulfillsync.threepl")

namespace fulfillsync {

namespace {

constexpr int kOrdersPerQuery = 900;

} // namespace

ThreePlPass::ThreePlPass(QNetworkAccessManager &network, Database &database, Config config,
                         QObject *parent)
    : ConnectorPass(parent)
    , m_network(network)
    , m_database(database)
    , m_config(std::move(config))
    , m_recorder(database,
                 {m_config.connector, m_config.trigger, m_config.clock,
                  [this](qint64 historyId) { Q_EMIT historyAdvanced(historyId); },
                  m_config.fence.get()},
                 m_summary)
{
    m_summary.connectorId = m_config.connector.id;
    m_summary.connectorName = m_config.connector.name;
    m_summary.trigger = m_config.trigger;
    m_summary.dryRun = m_config.dryRun;
}

ThreePlPass::~ThreePlPass() = default;

void ThreePlPass::start()
{
    m_clock.start();
    // A resync reads from before its orders' earliest held shipment, which finds them again;
    // the rows of the others in that window keep them from being sent twice. Only in memory:
    // the whole pass after it starts where the last whole pass ended.
    const QList<qint64> retried = m_config.dryRun ? QList<qint64>() : m_config.retryOrderIds;
    for (qint64 orderId : retried) {
        m_onlyOrders.insert(orderId);
        const QDateTime held =
            ThreePlRepository(m_database.connection()).retryOrder(m_config.connector.id, orderId);
        if (held.isValid() && (!m_heldSince.isValid() || held < m_heldSince))
            m_heldSince = held;
    }
    sendOrders();
}

// The first leg. Its failure is reported, but never keeps shipments from coming in.
void ThreePlPass::sendOrders()
{
    ThreePlOrderSender::Config config;
    config.connectorId = m_config.connector.id;
    config.netsuite = m_config.netsuite;
    config.threePl = m_config.threePl;
    config.netSuiteGate = m_config.netSuiteGate;
    config.threePlPacer = m_config.threePlPacer;
    config.netSuiteRetry = m_config.netSuiteRetry;
    config.rules = m_config.rules;
    config.firstPassSince = m_config.firstPassSince;
    config.overlapSeconds = m_config.overlapSeconds;
    config.clock = m_config.clock;
    config.dryRun = m_config.dryRun;
    config.onlyOrders = QList<qint64>(m_onlyOrders.cbegin(), m_onlyOrders.cend());
    if (m_config.fence)
        config.mayAct = [this] {
            QSqlDatabase db = m_database.connection();
            return m_config.fence->verify(db);
        };
    std::sort(config.onlyOrders.begin(), config.onlyOrders.end());
    m_sender = new ThreePlOrderSender(m_network, m_database, config, this);
    connect(m_sender, &ThreePlOrderSender::progressed, this, &ThreePlPass::progress);
    connect(m_sender, &ThreePlOrderSender::finished, this,
            [this](const ThreePlOrderSender::Result &r) {
                m_sender->deleteLater();
                m_sender = nullptr; // a cancel from now on is the second leg's
                m_summary.netSuiteRequests += r.netSuiteRequests;
                m_summary.channelRequests += r.threePlRequests;
                m_summary.channelThrottled += r.throttled;
                for (const ThreePlOrderSender::OrderOutcome &o : r.orders)
                    m_recorder.order(o);
                for (const ThreePlOrderSender::OrderOutcome &o : r.unsendable)
                    if (m_config.dryRun) {
                        m_summary.warnings << o.message;
                        plan(o.salesOrderId, o.tranId,
                             ShipStationApi::createOrdersUrl(m_config.threePl), {}, o.message);
                    } else {
                        m_recorder.holdOrder(o);
                    }
                for (const ThreePlOrderSender::OrderOutcome &o : r.planned)
                    plan(o.salesOrderId, o.tranId,
                         ShipStationApi::createOrdersUrl(m_config.threePl), o.request);
                m_ordersSent = r.sent;
                m_ordersCancelled = r.cancelled;
                if (!m_cancelled) // a cancel is said by the summary, not as an error
                    m_orderLegError = r.error;
                if (m_cancelled || fenceLost())
                    return finish();
                settleStart();
            });
    m_sender->start();
}

void ThreePlPass::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_sender)
        m_sender->abort(); // its finished() ends the pass
    else if (m_call)
        m_call->abort(); // its finished() ends the pass
    else
        finish();
}

void ThreePlPass::progress(const QString &phase, int done, int total)
{
    Q_EMIT progressed({m_config.connector.id, m_config.connector.name, phase, done, total});
}

void ThreePlPass::netSuiteCall(HttpCall *call, Done done)
{
    m_call = call;
    call->setRetryPolicy(m_config.netSuiteRetry);
    if (m_config.fence) // each attempt, retries included, leaves only under the lease
        call->setSendGuard([this] {
            QSqlDatabase db = m_database.connection();
            return m_config.fence->verify(db);
        });
    connect(call, &HttpCall::finished, this, [this, call, done](const HttpResult &result) {
        ++m_summary.netSuiteRequests;
        if (m_config.netSuiteGate)
            m_config.netSuiteGate->release();
        call->deleteLater();
        m_call = nullptr;
        if (m_cancelled && !result.isSuccess() && result.cancelled)
            return finish();
        if (!mayAct())
            return; // what it did is read back by the connector's new holder
        done(result);
    });
    // Proven at the moment the request leaves, not when it was queued for a slot.
    const auto startIfHeld = [this, call] {
        if (fenceLost() || (m_config.fence && !mayAct()))
            return call->abort(); // finished() ends the pass
        call->start();
    };
    if (m_config.netSuiteGate)
        m_config.netSuiteGate->acquire(startIfHeld);
    else
        startIfHeld();
}

bool ThreePlPass::mayAct()
{
    if (!m_config.fence)
        return true;
    QSqlDatabase db = m_database.connection();
    if (m_config.fence->verify(db))
        return true;
    m_cancelled = true;
    if (!m_call && !m_sender)
        finish();
    return false;
}

void ThreePlPass::readShipmentsSinceWatermark()
{
    WatermarkRepository watermarks(m_database.connection());
    const QDateTime stored = watermarks.value(m_config.connector.id, watermarkStream());
    const QDateTime mark =
        stored.isValid() && m_heldSince.isValid() && m_heldSince < stored ? m_heldSince : stored;
    m_readSince = mark.isValid()
                      ? mark.addSecs(-m_config.overlapSeconds)
                      : (m_config.firstPassSince.isValid() ? m_config.firstPassSince
                                                           : m_config.clock().addDays(-30));
    m_newest = mark;
    m_newestVoid = watermarks.value(m_config.connector.id, voidsStream());
    m_voidsSince =
        m_newestVoid.isValid() ? m_newestVoid.addSecs(-m_config.overlapSeconds) : m_readSince;
    readShipments(1);
}

// 2. The shipments created since the watermark, every page; then those voided since the voids'
// own watermark.
void ThreePlPass::readShipments(int page, bool voids)
{
    if (m_cancelled)
        return finish();
    progress(voids ? tr("Reading voided labels from the 3PL")
                   : tr("Reading shipments from the 3PL"),
             page - 1, 0);
    HttpCall *call = ShipStationApi::listShipments(
        m_network, m_config.threePl, voids ? m_voidsSince : m_readSince, page, this, voids);
    m_call = call;
    ShipStationApi::pace(*call, m_config.threePlPacer);
    connect(call, &HttpCall::finished, this, [this, call, page, voids](const HttpResult &result) {
        ++m_summary.channelRequests;
        m_summary.channelThrottled += result.throttledAnswers;
        call->deleteLater();
        m_call = nullptr;
        if (!mayAct())
            return;
        if (voids)
            onVoids(result, page);
        else
            onShipments(result, page);
    });
    call->start();
}

// A page of shipments or voided labels, or the pass ends here: a failed or unreadable page is
// unknown, never "none", so the watermark stays.
std::optional<ShipStationApi::ShipmentPage> ThreePlPass::pageOrFinish(const HttpResult &result,
                                                                      const QString &failed)
{
    if (m_cancelled) {
        finish();
        return std::nullopt;
    }
    if (!result.isSuccess()) {
        finish(failed.arg(result.failureText()));
        return std::nullopt;
    }
    QString problem;
    std::optional<ShipStationApi::ShipmentPage> read =
        ShipStationApi::readShipmentPage(result.body, &problem);
    if (!read)
        finish(problem);
    return read;
}

void ThreePlPass::onShipments(const HttpResult &result, int page)
{
    const std::optional<ShipStationApi::ShipmentPage> read =
        pageOrFinish(result, tr("Could not read the 3PL's shipments: %1"));
    if (!read)
        return;
    ThreePlRepository outbox(m_database.connection());
    for (const ThreePlShipment &s : read->shipments) {
        const qint64 orderId =
            ShipmentPlanner::salesOrderOf(s.orderKey, m_config.netsuite.accountId);
        if (!inScope(orderId))
            continue; // another order's, for the next whole pass: not even counted
        ++m_summary.detectedFulfillments;
        if (!m_newest.isValid() || s.createdAt > m_newest)
            m_newest = s.createdAt;
        if (s.voided) {
            ++m_voided;
            continue;
        }
        if (orderId == 0) {
            ++m_notOurs;
            continue;
        }
        if (const auto row = outbox.entry(m_config.connector.id, s.shipmentId)) {
            // The overlap reads it again; its row already says what became of it. A resync of
            // its order plans a held one again (a person fixed what held it).
            if (!isResync() || row->state != ThreePlState::Held)
                continue;
            m_heldAgain.insert(s.shipmentId);
        }
        m_shipments << s;
    }
    if (page < read->pages)
        return readShipments(page + 1);
    if (m_config.dryRun)
        return readOrders(); // a voided label only flags what a real run made
    readShipments(1, true);
}

// A label voided after its item fulfillment was made (or while it was being made): NetSuite
// and perhaps the channel have a shipment that did not happen. Never undone by itself: flagged
// for a person, once.
void ThreePlPass::onVoids(const HttpResult &result, int page)
{
    const std::optional<ShipStationApi::ShipmentPage> read =
        pageOrFinish(result, tr("Could not read the 3PL's voided labels: %1"));
    if (!read)
        return;
    ThreePlRepository outbox(m_database.connection());
    for (const ThreePlShipment &s : read->shipments) {
        if (!s.voided)
            continue;
        if (!m_newestVoid.isValid() || s.voidedAt > m_newestVoid)
            m_newestVoid = s.voidedAt;
        std::optional<ThreePlShipmentEntry> entry =
            outbox.entry(m_config.connector.id, s.shipmentId);
        if (!entry || entry->state == ThreePlState::Flagged || entry->state == ThreePlState::Held)
            continue; // never made into an item fulfillment, or already before a person
        if (!inScope(entry->salesOrderId))
            continue; // a resync's other orders: the next whole pass flags it
        const QString reason =
            tr("The 3PL voided the label of shipment %1 (tracking %2) after it was sent to "
               "NetSuite. Check item fulfillment %3 and what the channel got; nothing was undone.")
                .arg(s.shipmentId, s.trackingNumber,
                     entry->fulfillmentId > 0 ? QStringLiteral("#%1").arg(entry->fulfillmentId)
                                              : entry->externalId);
        // Settled as absent this run and about to be sent again: not any more.
        std::erase_if(m_sends,
                      [&s](const ThreePlShipmentEntry &e) { return e.shipmentId == s.shipmentId; });
        ++m_summary.held;
        recordShipment(
            [&] {
                return outbox.markFlagged(entry->connectorId, entry->shipmentId, reason,
                                          m_config.clock());
            },
            *entry, SyncOutcome::Held, ErrorClass::Conflict, reason, {}, 0);
    }
    if (page < read->pages)
        return readShipments(page + 1, true);
    readOrders();
}

// 3. The sales orders the new shipments ship from: lines, quantities, what is left.
void ThreePlPass::readOrders()
{
    m_orderIds.clear();
    for (const ThreePlShipment &s : std::as_const(m_shipments)) {
        const qint64 id = ShipmentPlanner::salesOrderOf(s.orderKey, m_config.netsuite.accountId);
        if (!m_orderIds.contains(id))
            m_orderIds << id;
    }
    readOrdersFrom(0);
}

void ThreePlPass::readOrdersFrom(qsizetype from)
{
    if (m_cancelled)
        return finish();
    if (from >= m_orderIds.size())
        return planShipments();
    progress(tr("Reading the shipped orders from NetSuite"), int(from), int(m_orderIds.size()));
    auto reader = std::make_shared<OrderRowReader>();
    auto *query = new SuiteQlQuery(
        m_network, m_config.netsuite,
        DetectionQueries::ordersSince(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC),
                                      m_orderIds.mid(from, kOrdersPerQuery)),
        this);
    query->setGate(m_config.netSuiteGate);
    query->setRetryPolicy(m_config.netSuiteRetry);
    connect(query, &SuiteQlQuery::pageReceived, this,
            [reader](const QList<QJsonObject> &rows) { reader->add(rows); });
    connect(query, &SuiteQlQuery::finished, this,
            [this, query, reader, from](const NetSuiteError &error, bool) {
                m_summary.netSuiteRequests += query->requestsSent();
                query->deleteLater();
                if (!mayAct())
                    return;
                if (!error.isOk())
                    return finish(
                        tr("Could not read the sales orders from NetSuite: %1").arg(error.message));
                // A row that could not be read leaves its order incomplete: unknown, so the
                // pass stops rather than planning from half an order.
                if (reader->unreadable().count > 0)
                    return finish(tr("NetSuite sent sales order rows that could not be read: %1")
                                      .arg(reader->unreadable().firstProblem));
                for (const SalesOrder &o : reader->takeAll())
                    m_orders.insert(o.id, o);
                readOrdersFrom(from + kOrdersPerQuery);
            });
    query->start();
}

// 4a. Each new shipment gets its intent (or its hold) before anything is sent.
void ThreePlPass::planShipments()
{
    ThreePlRepository outbox(m_database.connection());
    QHash<qint64, QHash<qint64, double>> taken; // by order: what this pass's shipments took
    for (const ThreePlShipment &s : std::as_const(m_shipments)) {
        const qint64 orderId =
            ShipmentPlanner::salesOrderOf(s.orderKey, m_config.netsuite.accountId);
        ThreePlShipmentEntry entry;
        entry.connectorId = m_config.connector.id;
        entry.shipmentId = s.shipmentId;
        entry.salesOrderId = orderId;
        entry.orderNumber = s.orderNumber;
        entry.externalId = ShipmentPlanner::externalIdFor(s.shipmentId);
        entry.trackingNumber = s.trackingNumber;
        entry.shippedAt = s.createdAt;
        entry.updatedAt = m_config.clock();
        const auto order = m_orders.constFind(orderId);
        if (order == m_orders.cend()) {
            hold(entry, tr("Shipment %1 is for sales order %2, which NetSuite did not return.")
                            .arg(s.shipmentId)
                            .arg(orderId));
            continue;
        }
        entry.orderNumber = order->tranId;
        const ShipmentPlanner::Plan plan =
            ShipmentPlanner::plan(s, *order, entry.externalId, taken.value(orderId),
                                  ShipmentPlanner::shipMethodFor(s, m_config.rules));
        if (plan.body.isEmpty()) {
            // Less left than it ships may mean NetSuite has this very shipment already (another
            // connector on the same 3PL account): its external id says so before it is held.
            if (plan.overQuantity && !m_config.dryRun)
                m_holdChecks.push_back({entry, plan.holdReason});
            else
                hold(entry, plan.holdReason);
            continue;
        }
        entry.request = QString::fromUtf8(plan.body);
        for (auto it = plan.quantities.cbegin(); it != plan.quantities.cend(); ++it)
            taken[orderId][it.key()] += it.value();
        if (m_config.dryRun) {
            this->plan(entry.salesOrderId, entry.orderNumber,
                       NetSuiteRecords::transformUrl(m_config.netsuite, entry.salesOrderId),
                       entry.request);
            continue;
        }
        bool exists = false;
        if (!storeIntent(entry, &exists)) {
            if (exists) { // another worker got there first
                ++m_summary.alreadyPushed;
                continue;
            }
            return finish(tr("Could not store the intent for shipment %1: %2")
                              .arg(s.shipmentId, outbox.lastError()));
        }
        m_sends.push_back(entry);
    }
    m_shipments.clear();
    if (m_config.dryRun)
        return finish();
    m_sendTotal = int(m_sends.size());
    checkHolds();
}

void ThreePlPass::checkHolds()
{
    if (m_cancelled)
        return finish();
    if (m_holdChecks.empty())
        return sendNext();
    const auto [entry, reason] = m_holdChecks.front();
    m_holdChecks.pop_front();
    lookUp(entry, [this, entry, reason](const HttpResult &result, qint64 id) {
        if (id <= 0) {
            hold(entry, reason);
            return checkHolds();
        }
        ThreePlShipmentEntry created = entry;
        created.state = ThreePlState::Created;
        created.fulfillmentId = id;
        ++m_summary.alreadyPushed;
        recordShipment(
            [&] {
                bool exists = false;
                if (!storeIntent(created, &exists))
                    return exists;
                return ThreePlRepository(m_database.connection())
                    .markCreated(created.connectorId, created.shipmentId, id, m_config.clock());
            },
            created, SyncOutcome::Skipped, ErrorClass::None,
            tr("NetSuite has item fulfillment %1 for shipment %2 already (external id %3); "
               "nothing was sent.")
                .arg(id)
                .arg(entry.shipmentId, entry.externalId),
            result.body, result.elapsedMs);
        checkHolds();
    });
}

void ThreePlPass::hold(ThreePlShipmentEntry entry, const QString &reason)
{
    if (m_config.dryRun)
        return plan(entry.salesOrderId, entry.orderNumber,
                    NetSuiteRecords::transformUrl(m_config.netsuite, entry.salesOrderId), {},
                    tr("Shipment %1 would be held: %2").arg(entry.shipmentId, reason));
    entry.state = ThreePlState::Held;
    entry.error = reason;
    ++m_summary.held;
    recordShipment(
        [&] {
            bool exists = false; // held already (an earlier pass): only the line is new
            return storeIntent(entry, &exists) || exists;
        },
        entry, SyncOutcome::Held, ErrorClass::Validation, reason, {}, 0);
}

// A held shipment planned again by a resync: its old row goes just before the new one is
// stored, so a pass that fails before planning it leaves it held, not lost.
bool ThreePlPass::storeIntent(ThreePlShipmentEntry entry, bool *exists)
{
    *exists = false;
    if (!mayAct())
        return false;
    entry.leaseEpoch = m_config.fence ? m_config.fence->epoch() : 0; // who may send it
    ThreePlRepository outbox(m_database.connection());
    if (m_heldAgain.remove(entry.shipmentId) &&
        !outbox.forgetHeld(entry.connectorId, entry.shipmentId))
        qCWarning(lcThreePl) << "could not replace held shipment" << entry.shipmentId
                             << outbox.lastError();
    return outbox.insertIntent(entry, exists);
}

void ThreePlPass::plan(qint64 salesOrderId, const QString &orderTranId, const QUrl &url,
                       const QString &body, const QString &problem)
{
    if (!m_config.dryRunOrders.isEmpty() && !m_config.dryRunOrders.contains(salesOrderId))
        return;
    PlannedRequest r;
    r.connectorId = m_config.connector.id;
    r.orderTranId = orderTranId;
    r.method = QStringLiteral("POST");
    r.url = url.toString();
    r.body = body;
    r.problem = problem;
    Q_EMIT requestPlanned(r);
}

void ThreePlPass::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (fenceLost()) { // nothing more is written: the connector is another worker's now
        m_summary.error = m_config.fence->lostReason();
        m_summary.durationMs = m_clock.elapsed();
        Q_EMIT finished(m_summary);
        return;
    }
    QStringList errors{m_orderLegError, error, m_recordError};
    errors.removeAll(QString());
    m_summary.error = errors.join(u' ');
    m_summary.cancelled = m_cancelled;
    if (m_notOurs > 0)
        m_summary.warnings << tr("%n shipment(s) belong to orders fulfillsync did not send to the "
                                 "3PL; they were left alone.",
                                 nullptr, m_notOurs);
    if (m_voided > 0)
        m_summary.warnings << tr("%n voided shipment(s) were skipped.", nullptr, m_voided);
    // What still waits — for a person, or for its next read-back — makes the run not "all
    // synced" (the worker's exit code 1), like the channel's quarantine: the connector's open
    // Inbox items beyond those this run opened itself.
    if (!m_config.dryRun) {
        int open = 0;
        InboxRepository inbox(m_database.connection());
        inbox.openItems(m_config.connector.id, 0, &open);
        if (!inbox.lastError().isEmpty()) { // unknown is not "nothing waits"
            m_summary.warnings << tr("Could not read the Inbox: %1").arg(inbox.lastError());
            open = m_summary.held + m_summary.failed + 1;
        }
        m_summary.deferred += std::max(0, open - m_summary.held - m_summary.failed);
    }
    // Every shipment read has its row now (intent, hold or created): the next pass may start
    // after them. A pass cut short reads its window again; the rows keep that harmless. A
    // resync left the other orders' shipments for the next whole pass: no mark moves.
    if (error.isEmpty() && m_recordError.isEmpty() && !m_cancelled && m_newest.isValid() &&
        !m_config.dryRun && !isResync()) {
        WatermarkRepository watermarks(m_database.connection());
        watermarks.setValue(m_config.connector.id, watermarkStream(), m_newest, QString());
        if (m_newestVoid.isValid())
            watermarks.setValue(m_config.connector.id, voidsStream(), m_newestVoid, QString());
    }
    m_summary.durationMs = m_clock.elapsed();
    qCDebug(lcThreePl) << "pass finished:" << m_ordersSent << "orders sent," << m_ordersCancelled
                       << "cancelled," << m_summary.pushed << "created," << m_summary.held
                       << "held," << m_summary.failed << "unsure," << m_summary.netSuiteRequests
                       << "NetSuite and" << m_summary.channelRequests << "3PL requests";
    Q_EMIT finished(m_summary);
}

} // namespace fulfillsync
