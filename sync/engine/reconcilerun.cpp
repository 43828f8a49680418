#include "sync/engine/reconcilerun.h"

#include "models/storage/database.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "sync/alerts/reconcilealert.h"
#include "sync/channel/channelconnection.h"
#include "sync/channel/channelfactory.h"
#include "sync/engine/fulfillmentmapper.h"

namespace fulfillsync {

namespace {
// Orders classified and committed per step of a bulk read: the cursor moves and progress is
// reported this often, and the event loop breathes (a cancel lands between steps).
constexpr qsizetype kOrdersPerStep = 500;
// A channel order's fulfillment is made at or after NetSuite's ship date; a margin for time
// zones and clocks. The bulk export is only a shortcut: what it misses is read by id.
constexpr int kChangedSinceMarginDays = 2;
} // namespace

ReconcileRun::ReconcileRun(QNetworkAccessManager &network, Database &database, Config config,
                           QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_database(database)
    , m_config(std::move(config))
{}

ReconcileRun::~ReconcileRun() = default;

bool ReconcileRun::prepare(QString *error)
{
    ReconciliationRepository runs(m_database.connection());
    if (m_config.resumeRunId != 0) {
        const std::optional<ReconciliationRunRecord> run = runs.run(m_config.resumeRunId);
        if (!run) {
            *error = runs.lastError().isEmpty()
                         ? tr("There is no reconciliation run %1.").arg(m_config.resumeRunId)
                         : runs.lastError();
            return false;
        }
        if (run->connectorId != m_config.connector.id) {
            *error = tr("Reconciliation run %1 is not one of %2.")
                         .arg(run->id)
                         .arg(m_config.connector.name);
            return false;
        }
        if (run->state == u"finished") {
            *error =
                tr("Reconciliation run %1 has finished; there is nothing to resume.").arg(run->id);
            return false;
        }
        m_record = *run;
        m_config.since = run->since;
        m_config.until = run->until;
    } else {
        m_record.connectorId = m_config.connector.id;
        m_record.since = m_config.since;
        m_record.until = m_config.until;
        m_record.startedAt = QDateTime::currentDateTimeUtc();
    }
    OrderRepository orders(m_database.connection());
    bool ok = false;
    QList<qint64> ids = m_config.onlyOrders;
    if (ids.isEmpty())
        ids = orders.ordersShippedBetween(m_config.connector.channel, m_config.since,
                                          m_config.until, &ok);
    else
        ok = true;
    std::sort(ids.begin(), ids.end());
    if (!ok) {
        *error = tr("Could not read the local copy of NetSuite: %1").arg(orders.lastError());
        return false;
    }
    // In ascending id (as the query sorts them): everything up to the cursor is done.
    const qint64 cursor = m_record.lastOrderId;
    ids.removeIf([cursor](qint64 id) { return id <= cursor; });
    const FulfillmentMapper mapper(m_config.connector, m_config.rules, orders.kitMembers());
    for (qint64 id : std::as_const(ids)) {
        const std::optional<SalesOrder> order = orders.order(id);
        if (!order || order->channel.compare(m_config.connector.channel, Qt::CaseInsensitive))
            continue; // another channel's order is not this connector's to read
        QList<Reconciliation::Shipped> shipped;
        for (const ItemFulfillment &f : orders.fulfillmentsOfOrder(id)) {
            if (f.voided || f.shipStatus != ShipStatus::Shipped)
                continue;
            const MappedFulfillment mapped = mapper.map(f, *order).mapped;
            Reconciliation::Shipped s{f.id, f.tranId, f.trackingNumbers, {}};
            for (const MappedFulfillment::Line &line : mapped.lines)
                s.quantityBySku[line.sku] += line.quantity;
            shipped << s;
        }
        m_shipped.insert(id, shipped);
        m_results << OrderResult{id, order->tranId, order->channelOrder, {}, {}, {}};
    }
    m_channel = ChannelFactory::connect(m_config.connector.kind, m_network, m_config.shopify,
                                        m_config.costBucket);
    if (m_config.ordersPerRequest > 0)
        m_channel->setOrdersPerReconciliationRead(m_config.ordersPerRequest);
    m_channel->setBulkPollMs(m_config.bulkPollMs);
    const bool bulk = m_config.ordersPerRequest != 1 && m_config.bulkThreshold > 0 &&
                      m_results.size() > m_config.bulkThreshold && m_channel->readsInBulk();
    m_record.readMode = bulk ? QStringLiteral("bulk")
                        : m_channel->ordersPerReconciliationRead() > 1
                            ? QStringLiteral("batched")
                            : QStringLiteral("one_by_one");
    m_record.state = QStringLiteral("running");
    m_record.finishedAt = {};
    m_record.problem.clear();
    m_record.ordersTotal = m_record.ordersDone + int(m_results.size());
    m_requestsBefore = m_record.channelRequests;
    m_requestedBefore = m_record.costRequested;
    m_actualBefore = m_record.costActual;
    const bool stored = m_record.id == 0 ? runs.createRun(&m_record) : runs.updateRun(m_record);
    if (!stored) {
        *error = tr("Could not record the reconciliation run: %1").arg(runs.lastError());
        return false;
    }
    return true;
}

void ReconcileRun::start()
{
    QString error;
    if (!prepare(&error)) {
        m_done = true;
        Q_EMIT finished({}, error);
        return;
    }
    Q_EMIT runStarted(m_record.id);
    Q_EMIT progressed(m_record.ordersDone, m_record.ordersTotal);
    if (m_cancelled) // before it started, or by a slot of the signals above
        return finish(QStringLiteral("cancelled"), {});
    if (m_record.readMode == u"bulk")
        readBulk();
    else
        readNextBatch();
}

void ReconcileRun::cancel()
{
    m_cancelled = true;
    if (m_channel)
        m_channel->abortAll();
    // A read in flight ends by abortAll (its answer says "cancelled"); between steps the next
    // step sees the flag. Either way finish() runs once.
    if (!m_done && m_record.id != 0)
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_done)
                    finish(QStringLiteral("cancelled"), {});
            },
            Qt::QueuedConnection);
}

int ReconcileRun::channelThrottled() const
{
    return m_channel ? m_channel->throttledAnswers() : 0;
}

void ReconcileRun::saveRecord()
{
    m_record.channelRequests = m_requestsBefore + (m_channel ? m_channel->requestsSent() : 0);
    m_record.costRequested = m_requestedBefore + (m_channel ? m_channel->costRequested() : 0);
    m_record.costActual = m_actualBefore + (m_channel ? m_channel->costActual() : 0);
    ReconciliationRepository runs(m_database.connection());
    if (!runs.updateRun(m_record) && m_record.problem.isEmpty())
        m_record.problem = tr("The run's progress could not be kept: %1").arg(runs.lastError());
}

void ReconcileRun::readNextBatch()
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish(QStringLiteral("cancelled"), {});
    if (m_next >= m_results.size())
        return finish(QStringLiteral("finished"), {});
    const qsizetype count =
        std::min<qsizetype>(m_channel->ordersPerReconciliationRead(), m_results.size() - m_next);
    QStringList ids;
    for (qsizetype i = m_next; i < m_next + count; ++i)
        if (!m_results.at(i).channelOrder.isEmpty() && !ids.contains(m_results.at(i).channelOrder))
            ids << m_results.at(i).channelOrder;
    m_channel->readForReconciliation(ids, [this, count](const QHash<QString, ChannelRead> &reads) {
        if (m_done || m_cancelled) // cancelled while in flight: not counted, read on resume
            return;
        classifyStep(reads, count);
        QMetaObject::invokeMethod(this, &ReconcileRun::readNextBatch, Qt::QueuedConnection);
    });
}

void ReconcileRun::readBulk()
{
    QStringList ids;
    for (const OrderResult &r : std::as_const(m_results))
        if (!r.channelOrder.isEmpty())
            ids << r.channelOrder;
    ids.removeDuplicates();
    const QDateTime changedSince =
        QDateTime(m_config.since.addDays(-kChangedSinceMarginDays), QTime(0, 0), Qt::UTC);
    m_channel->readInBulkForReconciliation(
        ids, changedSince,
        [this](const QHash<QString, ChannelRead> &reads) {
            if (m_done || m_cancelled)
                return;
            m_bulkReads = reads;
            if (const QString why = m_channel->lastBulkFallback(); !why.isEmpty())
                m_record.problem = tr("The bulk export was not used (%1); the orders were read "
                                      "by id instead.")
                                       .arg(why);
            QMetaObject::invokeMethod(this, &ReconcileRun::classifyBulkStep, Qt::QueuedConnection);
        },
        {});
}

void ReconcileRun::classifyBulkStep()
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish(QStringLiteral("cancelled"), {});
    if (m_next >= m_results.size()) {
        m_bulkReads.clear();
        return finish(QStringLiteral("finished"), {});
    }
    classifyStep(m_bulkReads, std::min(kOrdersPerStep, m_results.size() - m_next));
    QMetaObject::invokeMethod(this, &ReconcileRun::classifyBulkStep, Qt::QueuedConnection);
}

void ReconcileRun::applyRead(OrderResult &result, const ChannelRead &read, const QDateTime &now)
{
    const QList<Reconciliation::Shipped> shipped = m_shipped.value(result.orderId);
    if (result.channelOrder.isEmpty()) {
        result.problem = tr("The order names no channel order.");
    } else if (read.state != ChannelRead::State::Read || !read.snapshot.fulfillmentsKnown) {
        result.problem = read.problem.isEmpty() ? tr("the channel did not answer") : read.problem;
    }
    if (!result.problem.isEmpty()) {
        // Its item fulfillments are unknown: counted so, never as matched.
        m_record.unknown += std::max<int>(1, int(shipped.size()));
        return;
    }
    const QList<LedgerEntry> ledger = LedgerRepository(m_database.connection())
                                          .entriesOfOrder(m_config.connector.id, result.orderId);
    result.rows = Reconciliation::classify(shipped, ledger, read.snapshot);
    QList<ReconciliationReading> readings;
    for (const Reconciliation::Row &row : std::as_const(result.rows)) {
        switch (row.verdict) {
        case Reconciliation::Verdict::Matched:
            ++m_record.matched;
            break;
        case Reconciliation::Verdict::MissingInChannel:
            ++m_record.missing;
            break;
        case Reconciliation::Verdict::QuantityDiffers:
            ++m_record.quantityDiffers;
            break;
        case Reconciliation::Verdict::TrackingDiffers:
            ++m_record.trackingDiffers;
            break;
        case Reconciliation::Verdict::ExtraInChannel:
            ++m_record.extra;
            break;
        case Reconciliation::Verdict::OrderCancelled:
            ++m_record.orderCancelled;
            break;
        }
        readings << ReconciliationReading{m_config.connector.id,
                                          result.orderId,
                                          row.fulfillmentId,
                                          row.tranId,
                                          row.channelFulfillmentId,
                                          Reconciliation::verdictKey(row.verdict),
                                          row.detail,
                                          now,
                                          row.channelTracking,
                                          row.channelQuantityBySku};
    }
    // The order's reading, for Explain and the order pane; a failure to keep it costs only that.
    ReconciliationRepository store(m_database.connection());
    if (!store.replaceOrder(m_config.connector.id, result.orderId, readings))
        result.storeProblem = store.lastError();
}

void ReconcileRun::classifyStep(const QHash<QString, ChannelRead> &reads, qsizetype count)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = m_database.connection();
    // The step's readings and the run's cursor commit together: a killed run resumes after the
    // last step it kept, and never counts an order twice.
    Transaction transaction(db);
    for (qsizetype i = m_next; i < m_next + count; ++i) {
        OrderResult &result = m_results[i];
        applyRead(result, reads.value(result.channelOrder), now);
        m_record.lastOrderId = result.orderId;
    }
    m_next += count;
    m_record.ordersDone += int(count);
    saveRecord();
    QString error;
    if (!transaction.commit(&error) && m_record.problem.isEmpty())
        m_record.problem = tr("The run's progress could not be kept: %1").arg(error);
    Q_EMIT progressed(m_record.ordersDone, m_record.ordersTotal);
}

void ReconcileRun::finish(const QString &state, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_cancelled && state == u"finished")
        m_record.state = QStringLiteral("cancelled");
    else
        m_record.state = state;
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    if (!error.isEmpty())
        m_record.problem = error;
    saveRecord();
    if (m_cancelled)
        m_results.resize(m_next); // what was read; the rest was not looked at
    const bool alertDue =
        m_record.state == u"finished" && m_record.notMatched() > 0 &&
        (!m_config.alertWebhook.isEmpty() || !m_config.connector.alertEmails.isEmpty());
    if (!alertDue) {
        Q_EMIT finished(m_results, error);
        return;
    }
    m_alert = new ReconcileAlert(m_network, m_database, this);
    m_alert->send(m_config.connector, m_record, {m_config.alertWebhook, m_config.alertMailPassword},
                  [this, error](bool, const QString &problem) {
                      m_alertProblem = problem;
                      Q_EMIT finished(m_results, error);
                  });
}

} // namespace fulfillsync
