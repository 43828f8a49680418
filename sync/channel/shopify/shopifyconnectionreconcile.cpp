// ShopifyConnection's reconciliation reads (issue 23): batched nodes(ids:) queries near the
// 1,000-point cap, and a bulk operation for a large range. Kept apart from the sync pass's
// reads and writes in shopifyconnection.cpp.

#include "sync/channel/shopify/shopifyconnection.h"

#include "sync/channel/shopify/shopifygraphql.h"
#include "sync/channel/shopify/shopifyreconcile.h"
#include "sync/net/httpcall.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace fulfillsync {

namespace {
constexpr double kPollCost = 1; // node(id:) with scalars only
} // namespace

void ShopifyConnection::readReconciliationAlone(const QString &orderId,
                                                std::function<void(const ChannelRead &)> done)
{
    post(ShopifyReconcile::readBody({orderId}, true), ShopifyReconcile::orderCost(true), true,
         [orderId, done = std::move(done)](const HttpResult &result) {
             if (!result.isSuccess() || ShopifyGraphQl::throttledWaitMs(result.body))
                 return done(failedRead(result));
             done(ShopifyReconcile::readAnswer(result.body, {orderId}, true).value(orderId));
         });
}

void ShopifyConnection::readForReconciliation(const QStringList &orderIds, ReadDone done)
{
    struct Collect
    {
        QHash<QString, ChannelRead> reads;
        int open = 0;
        ReadDone done;
    };
    auto collect = std::make_shared<Collect>();
    collect->done = std::move(done);
    collect->open = int(orderIds.size());
    if (orderIds.isEmpty())
        return collect->done({});
    auto settle = [collect](const QString &id, const ChannelRead &read) {
        collect->reads.insert(id, read);
        if (--collect->open == 0)
            collect->done(collect->reads);
    };
    const int perRequest = m_ordersPerReconciliationRead;
    if (perRequest == 1) { // the baseline: each order alone, with the sync pass's read-back
        for (const QString &id : orderIds)
            readOrders({id}, true, [settle, id](const QHash<QString, ChannelRead> &reads) {
                settle(id, reads.value(id));
            });
        return;
    }
    for (qsizetype from = 0; from < orderIds.size(); from += perRequest) {
        const QStringList ids = orderIds.mid(from, perRequest);
        post(ShopifyReconcile::readBody(ids, false),
             ShopifyReconcile::orderCost(false) * double(ids.size()), true,
             [this, ids, settle](const HttpResult &result) {
                 QHash<QString, ChannelRead> reads;
                 if (!result.isSuccess() || ShopifyGraphQl::throttledWaitMs(result.body)) {
                     for (const QString &id : ids)
                         reads.insert(id, failedRead(result));
                 } else {
                     reads = ShopifyReconcile::readAnswer(result.body, ids, false);
                 }
                 for (const QString &id : ids) {
                     const ChannelRead read = reads.value(id);
                     // More than a batch's pages hold: alone, with larger ones (never "absent").
                     if (read.state == ChannelRead::State::Incomplete && !m_aborted)
                         readReconciliationAlone(
                             id, [settle, id](const ChannelRead &r) { settle(id, r); });
                     else
                         settle(id, read);
                 }
             });
    }
}

struct ShopifyConnection::BulkRead
{
    QStringList orderIds;
    ReadDone done;
    BulkProgress progress;
    QString operationGid;
    int polls = 0;
};

void ShopifyConnection::readInBulkForReconciliation(const QStringList &orderIds,
                                                    const QDateTime &changedSince, ReadDone done,
                                                    BulkProgress progress)
{
    auto bulk = std::make_shared<BulkRead>();
    bulk->orderIds = orderIds;
    bulk->done = std::move(done);
    bulk->progress = std::move(progress);
    m_lastBulkOperation.clear();
    m_lastBulkFallback.clear();
    // Starting it is a mutation (10 points); a lost answer is not retried: a second start
    // would only be refused while the first runs, and the batched reads are always there.
    post(ShopifyReconcile::bulkRunBody(changedSince), ShopifyGraphQl::kMutationCost, false,
         [this, bulk](const HttpResult &result) {
             if (m_aborted)
                 return finishBulk(bulk, {}, {});
             if (!result.isSuccess() || ShopifyGraphQl::throttledWaitMs(result.body))
                 return finishBulk(
                     bulk, {},
                     tr("the bulk export could not be started (%1)").arg(result.failureText()));
             const ShopifyReconcile::BulkStart start = ShopifyReconcile::readBulkStart(result.body);
             if (start.operationGid.isEmpty())
                 return finishBulk(bulk, {},
                                   start.alreadyRunning
                                       ? tr("another bulk export of this app runs on the store")
                                       : start.problem);
             bulk->operationGid = start.operationGid;
             m_lastBulkOperation = start.operationGid;
             QTimer::singleShot(m_bulkPollMs, this, [this, bulk] { pollBulk(bulk); });
         });
}

void ShopifyConnection::pollBulk(std::shared_ptr<BulkRead> bulk)
{
    if (m_aborted)
        return finishBulk(bulk, {}, {});
    ++bulk->polls;
    post(
        ShopifyReconcile::bulkPollBody(bulk->operationGid), kPollCost, true,
        [this, bulk](const HttpResult &result) {
            if (m_aborted)
                return finishBulk(bulk, {}, {});
            if (!result.isSuccess())
                return finishBulk(
                    bulk, {},
                    tr("the bulk export's state could not be read (%1)").arg(result.failureText()));
            const ShopifyReconcile::BulkStatus status =
                ShopifyReconcile::readBulkStatus(result.body);
            if (!status.problem.isEmpty())
                return finishBulk(bulk, {}, status.problem);
            if (bulk->progress)
                bulk->progress(status.objectCount);
            if (!status.finished()) {
                // Polls slow down on a long export: a point each, and nothing to gain.
                const int wait = std::min(m_bulkPollMs * (1 + bulk->polls / 10), 10000);
                QTimer::singleShot(wait, this, [this, bulk] { pollBulk(bulk); });
                return;
            }
            if (status.status != u"COMPLETED") {
                const QString why = tr("the bulk export ended %1 %2")
                                        .arg(status.status, status.errorCode)
                                        .trimmed();
                if (status.errorCode == u"ACCESS_DENIED") {
                    // The same token would be refused order by order too: say so for each.
                    QHash<QString, ChannelRead> reads;
                    for (const QString &id : std::as_const(bulk->orderIds)) {
                        ChannelRead read;
                        read.state = ChannelRead::State::Failed;
                        read.errorClass = ErrorClass::Auth;
                        read.problem = tr("Shopify denied this app the bulk export of orders "
                                          "(ACCESS_DENIED: an access scope is missing).");
                        reads.insert(id, read);
                    }
                    m_lastBulkFallback = why;
                    return bulk->done(reads);
                }
                return finishBulk(bulk, {}, why);
            }
            if (status.url.isEmpty()) // nothing matched the filter: every order by id
                return finishBulk(bulk, {}, {});
            downloadBulk(bulk, status.url);
        });
}

void ShopifyConnection::downloadBulk(std::shared_ptr<BulkRead> bulk, const QString &url)
{
    // A signed storage address: no access token goes with it, and no store bucket is charged.
    auto *call = new HttpCall(
        m_network,
        [url] {
            HttpCall::Prepared prepared;
            prepared.request = QNetworkRequest(QUrl(url));
            prepared.verb = "GET";
            return prepared;
        },
        true, this);
    call->setTimeoutMs(std::max(m_endpoint.timeoutMs, 120000));
    m_calls.removeAll(nullptr);
    m_calls << call;
    connect(call, &HttpCall::finished, this, [this, call, bulk](const HttpResult &result) {
        call->deleteLater();
        m_requests += result.attempts;
        if (m_aborted)
            return finishBulk(bulk, {}, {});
        if (!result.isSuccess())
            return finishBulk(
                bulk, {},
                tr("the bulk export's file could not be fetched (%1)").arg(result.failureText()));
        int orphans = 0;
        finishBulk(bulk, ShopifyReconcile::readJsonl(result.body, &orphans), {});
    });
    call->start();
}

void ShopifyConnection::finishBulk(std::shared_ptr<BulkRead> bulk,
                                   QHash<QString, ChannelRead> reads, const QString &fallback)
{
    if (!fallback.isEmpty())
        m_lastBulkFallback = fallback;
    // Only what was asked for; an order the export does not hold (not changed since, or its
    // own line damaged) is read by id: absent from a file proves nothing.
    QHash<QString, ChannelRead> kept;
    QStringList byId;
    for (const QString &id : std::as_const(bulk->orderIds)) {
        const auto it = reads.constFind(id);
        if (it != reads.cend())
            kept.insert(id, *it);
        else
            byId << id;
    }
    if (byId.isEmpty() || m_aborted) {
        for (const QString &id : std::as_const(byId)) {
            ChannelRead read;
            read.problem = tr("The reconciliation was cancelled before this order was read.");
            kept.insert(id, read);
        }
        return bulk->done(kept);
    }
    readForReconciliation(byId, [bulk, kept](const QHash<QString, ChannelRead> &more) mutable {
        for (auto it = more.cbegin(); it != more.cend(); ++it)
            kept.insert(it.key(), it.value());
        bulk->done(kept);
    });
}

} // namespace fulfillsync
