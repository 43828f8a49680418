// Shopify's reconciliation read (issue 23): many orders per nodes(ids:) query under the
// 1,000-point cap, an order that overflows a batch's pages read alone, a damaged answer never
// taken as "matched", the order's own cancelled state, and the bulk export's JSONL reader.
// Against the sandbox's own GraphQL service, mounted in-process.

#include "sync/channel/shopify/shopifyconnection.h"
#include "sync/channel/shopify/shopifyreconcile.h"
#include "sync/engine/reconciliation.h"
#include "sync/net/leakybucketpacer.h"
#include "testutils/inprocessshopify.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::FakeNetworkAccessManager;
using fulfillsync::test::FakeRequest;
using fulfillsync::test::FakeResponse;
using fulfillsync::test::InProcessShopify;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

// Orders 5001… with `lines` line items each (SKU-<order>-<n>, quantity 2).
QList<sandbox::ChannelOrder> orders(int count, int lines = 1)
{
    QList<sandbox::ChannelOrder> list;
    for (int i = 0; i < count; ++i) {
        sandbox::ChannelOrder o;
        o.id = 5001 + i;
        o.name = QStringLiteral("#%1").arg(1001 + i);
        o.locationId = 7001;
        for (int l = 0; l < lines; ++l)
            o.lineItems << sandbox::ChannelLineItem{
                o.id * 100 + l, QStringLiteral("SKU-%1-%2").arg(o.id).arg(l), 2, {}};
        list << o;
    }
    return list;
}

// Fulfils one line item of an order in the sandbox's store, with a tracking number.
void fulfil(InProcessShopify &shopify, qint64 orderId, qint64 lineItemId, const QString &tracking)
{
    sandbox::ShopifyStore::Shop &shop = shopify.shop();
    const sandbox::ShopifyStore::Order *order = shopify.store().order(shop, orderId);
    QVERIFY(order);
    for (qint64 foId : order->fulfillmentOrderIds) {
        const sandbox::ShopifyStore::FulfillmentOrder &fo = shop.fulfillmentOrders[foId];
        for (const sandbox::ShopifyStore::FulfillmentOrderLine &line : fo.lines) {
            if (line.lineItemId != lineItemId || line.fulfillable == 0)
                continue;
            sandbox::ShopifyStore::CreateRequest request;
            request.orders << sandbox::ShopifyStore::RequestedOrder{foId,
                                                                    {{line.id, line.fulfillable}}};
            request.company = QStringLiteral("UPS");
            request.numbers << tracking;
            sandbox::ShopifyStore::Fulfillment created;
            sandbox::ShopifyStore::CreateError error;
            QVERIFY2(shopify.store().createFulfillment(shop, request, kNow, &created, &error),
                     qPrintable(error.message));
            return;
        }
    }
    QFAIL("no fulfillable line");
}

struct Read
{
    QHash<QString, ChannelRead> reads;
    QList<double> requestedCosts; // as the sandbox computed each query's
    QStringList operations;       // each query's operation, in order
};

// JSON written with single quotes (moc of Qt 6.4 cannot read raw string literals).
QByteArray q(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QStringList ids(int from, int count)
{
    QStringList list;
    for (int i = 0; i < count; ++i)
        list << QString::number(from + i);
    return list;
}

} // namespace

class TestReconcileRead : public QObject
{
    Q_OBJECT

    // Reads through the sandbox, noting each answer's requested cost; `damage` may change an
    // answer on its way back.
    Read read(InProcessShopify &shopify, const QStringList &orderIds, int perRequest = 0,
              std::function<QByteArray(const QByteArray &)> damage = {})
    {
        Read result;
        FakeNetworkAccessManager network;
        shopify.setInterceptor([&](const FakeRequest &request, const QString &,
                                   const std::function<FakeResponse()> &serve) {
            FakeResponse response = serve();
            const QJsonObject root = QJsonDocument::fromJson(response.body).object();
            result.requestedCosts << root.value(QLatin1String("extensions"))
                                         .toObject()
                                         .value(QLatin1String("cost"))
                                         .toObject()
                                         .value(QLatin1String("requestedQueryCost"))
                                         .toDouble(-1);
            result.operations << QJsonDocument::fromJson(request.body)
                                     .object()
                                     .value(QLatin1String("query"))
                                     .toString()
                                     .section(u' ', 1, 1);
            if (damage)
                response.body = damage(response.body);
            return response;
        });
        shopify.mount(network);
        LeakyBucketPacer bucket(1e9, 1000000000, 0);
        ShopifyConnection channel(
            network, {InProcessShopify::baseUrl(), InProcessShopify::accessToken()}, &bucket);
        if (perRequest > 0)
            channel.setOrdersPerReconciliationRead(perRequest);
        bool done = false;
        channel.readForReconciliation(orderIds, [&](const QHash<QString, ChannelRead> &reads) {
            result.reads = reads;
            done = true;
        });
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        }();
        return result;
    }

private Q_SLOTS:
    // A batch carries as many orders as its requested cost allows under 1,000 points: N orders
    // take ceil(N/k) requests, and the sandbox (which computes the cost itself) never refuses.
    void ordersAreReadInBatchesUnderTheCostCap()
    {
        const int k = ShopifyReconcile::ordersPerRequest();
        QVERIFY2(k >= 10, qPrintable(QString::number(k)));
        QVERIFY(ShopifyReconcile::orderCost(false) * k <= 1000);
        QVERIFY(ShopifyReconcile::orderCost(false) * (k + 1) > 1000); // near the cap
        const int n = 2 * k + 3;
        InProcessShopify shopify(orders(n));
        for (int i = 0; i < n; ++i)
            fulfil(shopify, 5001 + i, (5001 + i) * 100, QStringLiteral("1Z%1").arg(i));
        const Read r = read(shopify, ids(5001, n));
        QCOMPARE(r.requestedCosts.size(), (n + k - 1) / k);
        for (double cost : r.requestedCosts) {
            QVERIFY2(cost > 0 && cost <= 1000, qPrintable(QString::number(cost)));
        }
        QCOMPARE(r.requestedCosts.first(), ShopifyReconcile::orderCost(false) * k);
        QCOMPARE(r.reads.size(), n);
        for (int i = 0; i < n; ++i) {
            const ChannelRead read = r.reads.value(QString::number(5001 + i));
            QCOMPARE(read.state, ChannelRead::State::Read);
            QVERIFY(read.snapshot.fulfillmentsKnown);
            QCOMPARE(read.snapshot.fulfillments.size(), 1);
            QCOMPARE(read.snapshot.fulfillments.first().trackingNumbers,
                     QStringList{QStringLiteral("1Z%1").arg(i)});
            QCOMPARE(read.snapshot.fulfillments.first().quantityBySku.value(
                         QStringLiteral("SKU-%1-0").arg(5001 + i)),
                     2.0);
        }
        // One order per request: the baseline.
        const Read baseline = read(shopify, ids(5001, 5), 1);
        QCOMPARE(baseline.requestedCosts.size(), 5);
    }

    // An order with as many fulfillments as a batch's page holds may have more: it is read
    // alone with larger pages, never taken as having only those (or none).
    void anOrderThatOverflowsThePageIsReadAlone()
    {
        const int many = ShopifyReconcile::kFulfillments + 1;
        InProcessShopify shopify(orders(3, many));
        for (int l = 0; l < many; ++l)
            fulfil(shopify, 5002, 5002 * 100 + l, QStringLiteral("T%1").arg(l));
        fulfil(shopify, 5001, 500100, QStringLiteral("A"));
        const Read r = read(shopify, ids(5001, 3));
        QCOMPARE(r.requestedCosts.size(), 2); // the batch, then 5002 alone
        QCOMPARE(r.requestedCosts.last(), ShopifyReconcile::orderCost(true));
        const ChannelRead overflowing = r.reads.value(QStringLiteral("5002"));
        QCOMPARE(overflowing.state, ChannelRead::State::Read);
        QCOMPARE(overflowing.snapshot.fulfillments.size(), many);
        QCOMPARE(r.reads.value(QStringLiteral("5001")).snapshot.fulfillments.size(), 1);
        QCOMPARE(r.reads.value(QStringLiteral("5003")).state, ChannelRead::State::Read);
        QCOMPARE(r.reads.value(QStringLiteral("5003")).snapshot.fulfillments.size(), 0);
    }

    // A damaged part of an answer makes that order unknown; the others of the batch stay read.
    // A damaged answer as a whole makes every order unknown. Never "matched".
    void aDamagedAnswerIsUnknownNeverMatched()
    {
        InProcessShopify shopify(orders(3));
        for (int i = 0; i < 3; ++i)
            fulfil(shopify, 5001 + i, (5001 + i) * 100, QStringLiteral("1Z%1").arg(i));
        Read r = read(shopify, ids(5001, 3), 0, [](const QByteArray &body) {
            QJsonObject root = QJsonDocument::fromJson(body).object();
            QJsonObject data = root.value(QLatin1String("data")).toObject();
            QJsonArray nodes = data.value(QLatin1String("nodes")).toArray();
            QJsonObject second = nodes.at(1).toObject();
            QJsonArray fulfillments = second.value(QLatin1String("fulfillments")).toArray();
            QJsonObject f = fulfillments.at(0).toObject();
            f.insert(QStringLiteral("status"), QStringLiteral("SHIPPED?"));
            fulfillments[0] = f;
            second.insert(QStringLiteral("fulfillments"), fulfillments);
            nodes[1] = second;
            data.insert(QStringLiteral("nodes"), nodes);
            root.insert(QStringLiteral("data"), data);
            return QJsonDocument(root).toJson();
        });
        QCOMPARE(r.reads.value(QStringLiteral("5001")).state, ChannelRead::State::Read);
        QCOMPARE(r.reads.value(QStringLiteral("5002")).state, ChannelRead::State::Unreadable);
        QVERIFY(!r.reads.value(QStringLiteral("5002")).snapshot.fulfillmentsKnown);
        QVERIFY(r.reads.value(QStringLiteral("5002")).problem.contains(QStringLiteral("status")));
        QCOMPARE(r.reads.value(QStringLiteral("5003")).state, ChannelRead::State::Read);

        r = read(shopify, ids(5001, 3), 0,
                 [](const QByteArray &body) { return body.left(body.size() / 2); });
        for (const QString &id : ids(5001, 3))
            QCOMPARE(r.reads.value(id).state, ChannelRead::State::Unreadable);
    }

    // The read carries the order's own state: a cancelled channel order says so in classify.
    void aCancelledOrderIsReadAsCancelled()
    {
        InProcessShopify shopify(orders(2));
        QVERIFY(shopify.store().cancelOrder(shopify.shop(), 5002, kNow));
        QVERIFY(shopify.store().closeOrder(shopify.shop(), 5001, kNow));
        const Read r = read(shopify, ids(5001, 2));
        const ChannelRead cancelled = r.reads.value(QStringLiteral("5002"));
        QCOMPARE(cancelled.state, ChannelRead::State::Read);
        QVERIFY(cancelled.snapshot.cancelled);
        QVERIFY(cancelled.snapshot.groups.isEmpty()); // not asked for: cheaper
        const Reconciliation::Shipped shipped{
            1, QStringLiteral("IF1"), {QStringLiteral("1Z")}, {{QStringLiteral("SKU-5002-0"), 2}}};
        QCOMPARE(Reconciliation::classify({shipped}, {}, cancelled.snapshot).first().verdict,
                 Reconciliation::Verdict::OrderCancelled);
        const ChannelRead closed = r.reads.value(QStringLiteral("5001"));
        QVERIFY(closed.snapshot.closed && !closed.snapshot.cancelled);
        const auto rows = Reconciliation::classify({shipped}, {}, closed.snapshot);
        QCOMPARE(rows.first().verdict, Reconciliation::Verdict::OrderCancelled);
        QVERIFY(rows.first().detail.contains(QStringLiteral("closed")));
    }

    // The bulk export's file: fulfillments inline, their lines after them with __parentId.
    void theBulkFileIsReadLineByLine()
    {
        const QByteArray jsonl =
            q("{'id':'gid://shopify/Order/"
              "1','cancelledAt':null,'closed':false,'fulfillments':[{'id':'gid://shopify/"
              "Fulfillment/11','status':'SUCCESS','trackingInfo':[{'number':'1Z1'}]}]}\n"
              "{'id':'gid://shopify/FulfillmentLineItem/"
              "111','quantity':2,'lineItem':{'sku':'A'},'__parentId':'gid://shopify/Fulfillment/"
              "11'}\n"
              "{'id':'gid://shopify/FulfillmentLineItem/"
              "112','quantity':1,'lineItem':{'sku':'B'},'__parentId':'gid://shopify/Fulfillment/"
              "11'}\n"
              "{'id':'gid://shopify/Order/"
              "2','cancelledAt':'2026-11-02T10:00:00Z','closed':true,'fulfillments':[]}\n"
              "{'id':'gid://shopify/Order/"
              "3','cancelledAt':null,'closed':false,'fulfillments':[{'id':'gid://shopify/"
              "Fulfillment/31','status':'SUCCESS','trackingInfo':[]}]}\n");
        const auto reads = ShopifyReconcile::readJsonl(jsonl);
        QCOMPARE(reads.size(), 3);
        const ChannelRead one = reads.value(QStringLiteral("1"));
        QCOMPARE(one.state, ChannelRead::State::Read);
        QVERIFY(one.snapshot.fulfillmentsKnown);
        QCOMPARE(one.snapshot.fulfillments.first().quantityBySku.value(QStringLiteral("A")), 2.0);
        QCOMPARE(one.snapshot.fulfillments.first().quantityBySku.value(QStringLiteral("B")), 1.0);
        QVERIFY(reads.value(QStringLiteral("2")).snapshot.cancelled);
        QCOMPARE(
            reads.value(QStringLiteral("3")).snapshot.fulfillments.first().quantityBySku.size(), 0);
    }

    // A damaged line makes the order it belongs to unknown (a line that cannot be read at all:
    // the order read last); a line whose parent is not in the file is an orphan; a file cut
    // short damages its last order.
    void aDamagedBulkLineMakesThatOrderUnknown()
    {
        const QByteArray order1 =
            q("{'id':'gid://shopify/Order/"
              "1','cancelledAt':null,'closed':false,'fulfillments':[{'id':'gid://shopify/"
              "Fulfillment/11','status':'SUCCESS','trackingInfo':[]}]}");
        const QByteArray line1 =
            q("{'quantity':2,'lineItem':{'sku':'A'},'__parentId':'gid://shopify/Fulfillment/11'}");
        const QByteArray order2 =
            q("{'id':'gid://shopify/Order/"
              "2','cancelledAt':null,'closed':false,'fulfillments':[{'id':'gid://shopify/"
              "Fulfillment/21','status':'SUCCESS','trackingInfo':[]}]}");
        const QByteArray line2 =
            q("{'quantity':1,'lineItem':{'sku':'B'},'__parentId':'gid://shopify/Fulfillment/21'}");
        int orphans = 0;
        auto reads = ShopifyReconcile::readJsonl(order1 + '\n' + "{\"quantity\":2,\"lineIt" + '\n' +
                                                     order2 + '\n' + line2 + '\n',
                                                 &orphans);
        QCOMPARE(reads.value(QStringLiteral("1")).state, ChannelRead::State::Unreadable);
        QCOMPARE(reads.value(QStringLiteral("2")).state, ChannelRead::State::Read);
        QCOMPARE(orphans, 0);
        // A line's quantity of the wrong type: its order.
        reads = ShopifyReconcile::readJsonl(order1 + '\n' +
                                            QByteArray(line1).replace("2,", "\"two\",") + '\n' +
                                            order2 + '\n' + line2 + '\n');
        QCOMPARE(reads.value(QStringLiteral("1")).state, ChannelRead::State::Unreadable);
        QCOMPARE(reads.value(QStringLiteral("2")).state, ChannelRead::State::Read);
        // An orphan: its parent's order line is missing, so the order is absent (read by id).
        reads = ShopifyReconcile::readJsonl(order2 + '\n' + line1 + '\n', &orphans);
        QCOMPARE(orphans, 1);
        QVERIFY(!reads.contains(QStringLiteral("1")));
        QCOMPARE(reads.value(QStringLiteral("2")).state, ChannelRead::State::Unreadable);
        // Cut short after order 2's line: it may have had more.
        reads = ShopifyReconcile::readJsonl(order1 + '\n' + line1 + '\n' + order2 + '\n' + line2);
        QCOMPARE(reads.value(QStringLiteral("1")).state, ChannelRead::State::Read);
        QCOMPARE(reads.value(QStringLiteral("2")).state, ChannelRead::State::Unreadable);
    }
};

QTEST_GUILESS_MAIN(TestReconcileRead)
#include "tst_reconcileread.moc"
