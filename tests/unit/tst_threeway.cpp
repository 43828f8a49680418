// ThreeWay::build: NetSuite, what the connector sent and what the channel showed, line by line,
// with every disagreement named on the side it is on (the order pane and `explain`).

#include "sync/engine/threeway.h"

#include <QTest>

using namespace fulfillsync;

namespace {

ItemFulfillment shippedFulfillment(qint64 id, const QString &tracking)
{
    ItemFulfillment f;
    f.id = id;
    f.orderId = 1005;
    f.tranId = QStringLiteral("IF%1").arg(id);
    f.shipStatus = ShipStatus::Shipped;
    f.lines = {{1, 1, 501, QStringLiteral("TSHIRT-RED-M"), 1, 1, QStringLiteral("Main")},
               {2, 2, 503, QStringLiteral("CAP-BLACK"), 2, 1, QStringLiteral("Main")}};
    f.trackingNumbers = {tracking};
    return f;
}

LedgerEntry entry(qint64 fulfillmentId, LedgerState state, const QString &channelId,
                  const QString &tracking)
{
    LedgerEntry e;
    e.fulfillmentId = fulfillmentId;
    e.state = state;
    e.channelFulfillmentId = channelId;
    e.trackingNumbers = {tracking};
    return e;
}

ReconciliationReading reading(qint64 fulfillmentId, const QString &verdict,
                              const QString &channelId, const QString &tracking,
                              QHash<QString, double> quantities)
{
    ReconciliationReading r;
    r.fulfillmentId = fulfillmentId;
    r.verdict = verdict;
    r.channelFulfillmentId = channelId;
    r.checkedAt = QDateTime(QDate(2026, 12, 7), QTime(2, 30), Qt::UTC);
    if (!tracking.isEmpty())
        r.channelTracking = {tracking};
    r.channelQuantityBySku = std::move(quantities);
    return r;
}

const QList<MappingRule> kItems{
    {MappingKind::Item, QStringLiteral("501"), {}, QStringLiteral("TSHIRT-RED-M"), {}},
    {MappingKind::Item, QStringLiteral("503"), {}, QStringLiteral("CAP-BLACK"), {}}};

} // namespace

class TestThreeWay : public QObject
{
    Q_OBJECT

    Connector m_connector;
    SalesOrder m_order;

    ThreeWay::View build(const QList<ItemFulfillment> &fulfillments,
                         const QList<LedgerEntry> &ledger,
                         const QList<ReconciliationReading> &channel,
                         const QList<MappingRule> &rules = kItems)
    {
        const FulfillmentMapper mapper(m_connector, rules);
        const QHash<qint64, HistoryRepository::FulfillmentAttempts> attempts{{2004, {3, 77, {}}}};
        return ThreeWay::build({mapper, m_order, fulfillments, ledger, attempts, channel});
    }

private Q_SLOTS:
    void agreeingSidesShowNoDisagreement()
    {
        const auto view = build(
            {shippedFulfillment(2004, QStringLiteral("1Z5"))},
            {entry(2004, LedgerState::Pushed, QStringLiteral("f1"), QStringLiteral("1Z5"))},
            {reading(2004, QStringLiteral("matched"), QStringLiteral("f1"), QStringLiteral("1Z5"),
                     {{QStringLiteral("TSHIRT-RED-M"), 1}, {QStringLiteral("CAP-BLACK"), 2}})});
        QVERIFY(view.channelRead);
        QCOMPARE(view.rows.size(), 2); // one row per channel SKU
        for (const ThreeWay::Row &row : view.rows) {
            QVERIFY2(row.disagreements.isEmpty(), qPrintable(row.disagreements.join(u';')));
            QCOMPARE(row.attempts, 3);
            QCOMPARE(row.lastAttemptId, 77);
            QCOMPARE(row.channelQuantity, std::optional(row.netSuiteQuantity));
        }
        QVERIFY(view.text().contains(QStringLiteral("ok")));
    }

    // The channel has one cap where NetSuite shipped two: that line, and only that line, says so.
    void aQuantityDifferenceIsNamedOnItsLine()
    {
        const auto view = build(
            {shippedFulfillment(2004, QStringLiteral("1Z5"))},
            {entry(2004, LedgerState::Pushed, QStringLiteral("f1"), QStringLiteral("1Z5"))},
            {reading(2004, QStringLiteral("quantity_differs"), QStringLiteral("f1"),
                     QStringLiteral("1Z5"),
                     {{QStringLiteral("TSHIRT-RED-M"), 1}, {QStringLiteral("CAP-BLACK"), 1}})});
        QCOMPARE(view.rows.size(), 2);
        const ThreeWay::Row &shirt = view.rows.at(0);
        const ThreeWay::Row &cap = view.rows.at(1);
        QCOMPARE(cap.sku, QStringLiteral("CAP-BLACK"));
        QVERIFY(shirt.disagreements.isEmpty());
        QVERIFY(cap.channelDiffers);
        QVERIFY(!cap.sentDiffers);
        QVERIFY(cap.disagreements.join(u';').contains(QStringLiteral("the channel has 1")));
    }

    void trackingChangedAfterSendingIsOnTheSentSide()
    {
        const auto view = build(
            {shippedFulfillment(2004, QStringLiteral("1Z9"))},
            {entry(2004, LedgerState::Pushed, QStringLiteral("f1"), QStringLiteral("1Z5"))},
            {reading(2004, QStringLiteral("tracking_differs"), QStringLiteral("f1"),
                     QStringLiteral("1Z5"),
                     {{QStringLiteral("TSHIRT-RED-M"), 1}, {QStringLiteral("CAP-BLACK"), 2}})});
        const ThreeWay::Row &row = view.rows.first();
        QVERIFY(row.sentDiffers);
        QVERIFY(row.channelDiffers);
        QVERIFY(row.disagreements.join(u';').contains(QStringLiteral("after it was sent")));
        QVERIFY(
            row.disagreements.join(u';').contains(QStringLiteral("tracking in the channel: 1Z5")));
    }

    // Not read is not "missing": a channel never read shows no disagreement of the channel.
    void anUnreadChannelIsUnknownNotMissing()
    {
        const auto view = build(
            {shippedFulfillment(2004, QStringLiteral("1Z5"))},
            {entry(2004, LedgerState::Pushed, QStringLiteral("f1"), QStringLiteral("1Z5"))}, {});
        QVERIFY(!view.channelRead);
        for (const ThreeWay::Row &row : view.rows) {
            QVERIFY(!row.channelRead);
            QVERIFY(!row.channelDiffers);
        }
        QVERIFY(view.text().contains(QStringLiteral("not read")));
    }

    void missingAndNotSentAreBothNamed()
    {
        const auto view = build({shippedFulfillment(2004, QStringLiteral("1Z5"))}, {},
                                {reading(2004, QStringLiteral("missing"), {}, {}, {})});
        QVERIFY(!view.rows.isEmpty());
        const QString words = view.rows.first().disagreements.join(u';');
        QVERIFY(words.contains(QStringLiteral("not sent yet")));
        QVERIFY(words.contains(QStringLiteral("not in the channel")));
        QCOMPARE(view.rows.first().channelQuantity, std::nullopt);
    }

    void anExtraInTheChannelGetsItsOwnRows()
    {
        ReconciliationReading extra =
            reading(0, QStringLiteral("extra"), QStringLiteral("f9"), QStringLiteral("OTHER1"),
                    {{QStringLiteral("CAP-BLACK"), 2}});
        const auto view = build(
            {shippedFulfillment(2004, QStringLiteral("1Z5"))},
            {entry(2004, LedgerState::Adopted, QStringLiteral("f1"), QStringLiteral("1Z5"))},
            {reading(2004, QStringLiteral("matched"), QStringLiteral("f1"), QStringLiteral("1Z5"),
                     {{QStringLiteral("TSHIRT-RED-M"), 1}, {QStringLiteral("CAP-BLACK"), 2}}),
             extra});
        QCOMPARE(view.rows.size(), 3);
        const ThreeWay::Row &last = view.rows.last();
        QCOMPARE(last.fulfillmentId, 0);
        QCOMPARE(last.channelFulfillmentId, QStringLiteral("f9"));
        QCOMPARE(last.channelQuantity, std::optional(2.0));
        QVERIFY(last.disagreements.join(u';').contains(QStringLiteral("no item fulfillment")));
        QVERIFY(view.rows.first().disagreements.isEmpty()); // adopted and there: fine
    }

    void anUnmappedItemKeepsItsNetSuiteName()
    {
        const auto view = build({shippedFulfillment(2004, QStringLiteral("1Z5"))}, {}, {}, {});
        QCOMPARE(view.rows.size(), 2);
        QCOMPARE(view.rows.first().itemName, QStringLiteral("TSHIRT-RED-M"));
        QVERIFY(view.rows.first().sku.isEmpty());
        QVERIFY(view.rows.first().netSuiteDiffers);
    }
};

QTEST_GUILESS_MAIN(TestThreeWay)
#include "tst_threeway.moc"
