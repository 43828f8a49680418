#include "sync/engine/reconcilerun.h"

#include "models/storage/database.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/channel/channelconnection.h"
#include "sync/channel/channelfactory.h"
#include "sync/engine/fulfillmentmapper.h"

namespace fulfillsync {

ReconcileRun::ReconcileRun(QNetworkAccessManager &network, Database &database, Config config,
                           QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_database(database)
    , m_config(std::move(config))
{}

ReconcileRun::~ReconcileRun() = default;

void ReconcileRun::start()
{
    OrderRepository orders(m_database.connection());
    bool ok = false;
    const QList<qint64> ids = orders.ordersShippedBetween(m_config.connector.channel,
                                                          m_config.since, m_config.until, &ok);
    if (!ok) {
        Q_EMIT finished(
            {}, tr("Could not read the local copy of NetSuite: %1").arg(orders.lastError()));
        return;
    }
    const FulfillmentMapper mapper(m_config.connector, m_config.rules, orders.kitMembers());
    for (qint64 id : ids) {
        const std::optional<SalesOrder> order = orders.order(id);
        if (!order)
            continue;
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
        m_results << OrderResult{id, order->tranId, order->channelOrder, {}, {}};
    }
    m_channel = ChannelFactory::connect(m_config.connector.kind, m_network, m_config.shopify,
                                        m_config.costBucket);
    readNext();
}

void ReconcileRun::cancel()
{
    m_cancelled = true;
    if (m_channel)
        m_channel->abortAll();
}

void ReconcileRun::readNext()
{
    Q_EMIT progressed(int(m_next), int(m_results.size()));
    if (m_cancelled || m_next >= m_results.size()) {
        if (m_cancelled)
            m_results.resize(m_next); // what was read; the rest was not looked at
        Q_EMIT finished(m_results, {});
        return;
    }
    const QString channelOrder = m_results.at(m_next).channelOrder;
    // With its fulfillments: one order a request (ChannelConnection::readOrders).
    m_channel->readOrders({channelOrder}, true, [this, channelOrder](const auto &reads) {
        OrderResult &result = m_results[m_next++];
        const ChannelRead read = reads.value(channelOrder);
        if (read.state != ChannelRead::State::Read || !read.snapshot.fulfillmentsKnown) {
            result.problem =
                read.problem.isEmpty() ? tr("the channel did not answer") : read.problem;
        } else {
            const QList<LedgerEntry> ledger =
                LedgerRepository(m_database.connection())
                    .entriesOfOrder(m_config.connector.id, result.orderId);
            result.rows =
                Reconciliation::classify(m_shipped.value(result.orderId), ledger, read.snapshot);
            // The order's reading, for Explain and the order pane; a failure to keep it costs
            // only that.
            const QDateTime now = QDateTime::currentDateTimeUtc();
            QList<ReconciliationReading> readings;
            for (const Reconciliation::Row &row : std::as_const(result.rows))
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
            ReconciliationRepository store(m_database.connection());
            if (!store.replaceOrder(m_config.connector.id, result.orderId, readings))
                result.storeProblem = store.lastError();
        }
        QMetaObject::invokeMethod(this, &ReconcileRun::readNext, Qt::QueuedConnection);
    });
}

} // namespace fulfillsync
