#pragma once

#include "sync/channel/channelconnection.h"
#include "sync/net/shopifyapi.h"

#include <QPointer>
#include <memory>

class QNetworkAccessManager;

namespace fulfillsync {

class HttpCall;
class LeakyBucketPacer;
struct HttpResult;

// Shopify through its GraphQL Admin API: planning reads for several orders in one request, a
// read-back of one order's fulfillments, fulfillmentCreate and fulfillmentTrackingInfoUpdate.
// Every attempt, retries included, is booked in the store's cost bucket first (the pacer is the
// worker's, kept across passes); THROTTLED and 429 answers are waited out through it.
class ShopifyConnection final : public ChannelConnection
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShopifyConnection)

public:
    ShopifyConnection(QNetworkAccessManager &network, ShopifyEndpoint endpoint,
                      LeakyBucketPacer *costBucket, QObject *parent = nullptr);

    // Orders per planning read; 1 reads each order alone (the benchmarks' baseline).
    void setOrdersPerRead(int orders) { m_ordersPerRead = std::max(1, orders); }

    QString channelName() const override;
    int ordersPerRead() const override { return m_ordersPerRead; }
    void readOrders(const QStringList &orderIds, bool withFulfillments, ReadDone done) override;
    QStringList quantityProblems(const MappedFulfillment &mapped) const override;
    ChannelPlan plan(const MappedFulfillment &mapped,
                     const ChannelOrderSnapshot &snapshot) const override;
    ChannelPlan trackingUpdate(const QString &channelFulfillmentId,
                               const MappedFulfillment &mapped) const override;
    ChannelPlan recorded(const QByteArray &body) const override;
    void send(const ChannelPlan &plan, AnswerDone done) override;
    ExistingFulfillment findExisting(const MappedFulfillment &mapped,
                                     const ChannelOrderSnapshot &snapshot,
                                     const QStringList &claimedElsewhere) const override;
    void applySent(ChannelOrderSnapshot &snapshot, const ChannelPlan &plan,
                   const ChannelAnswer &answer, const MappedFulfillment &mapped) const override;
    QString sendUrl() const override;
    void abortAll() override;

    int ordersPerReconciliationRead() const override { return m_ordersPerReconciliationRead; }
    // Orders per reconciliation read; 1 reads each order alone.
    void setOrdersPerReconciliationRead(int orders) override
    {
        m_ordersPerReconciliationRead = std::max(1, orders);
    }
    void readForReconciliation(const QStringList &orderIds, ReadDone done) override;
    bool readsInBulk() const override { return true; }
    void readInBulkForReconciliation(const QStringList &orderIds, const QDateTime &changedSince,
                                     ReadDone done, BulkProgress progress) override;
    // How often a running bulk operation is asked for its state (Shopify: no sooner than a
    // second or so; each poll costs a point).
    void setBulkPollMs(int ms) override { m_bulkPollMs = std::max(10, ms); }
    // What the last bulk read did, for the run's record and the benchmark: the operation's id,
    // and why it fell back to batched reads (empty: it did not).
    QString lastBulkOperation() const { return m_lastBulkOperation; }
    QString lastBulkFallback() const override { return m_lastBulkFallback; }

private:
    // One paced GraphQL request; `cost` is what it asks of the bucket.
    void post(const QByteArray &body, double cost, bool isQuery,
              std::function<void(const HttpResult &)> answered);
    void readAlone(const QString &orderId, bool withFulfillments,
                   std::function<void(const ChannelRead &)> done);
    static ChannelRead failedRead(const HttpResult &result);
    void readReconciliationAlone(const QString &orderId,
                                 std::function<void(const ChannelRead &)> done);
    struct BulkRead;
    void pollBulk(std::shared_ptr<BulkRead> bulk);
    void downloadBulk(std::shared_ptr<BulkRead> bulk, const QString &url);
    void finishBulk(std::shared_ptr<BulkRead> bulk, QHash<QString, ChannelRead> reads,
                    const QString &fallback);

    QNetworkAccessManager &m_network;
    ShopifyEndpoint m_endpoint;
    LeakyBucketPacer *m_bucket;
    int m_ordersPerRead;
    QList<QPointer<HttpCall>> m_calls; // in flight, for abortAll()
    int m_ordersPerReconciliationRead;
    int m_bulkPollMs = 1000;
    QString m_lastBulkOperation;
    QString m_lastBulkFallback;
    bool m_aborted = false;
};

} // namespace fulfillsync
