// Reconciliation::classify: NetSuite, the ledger and the channel, one order at a time.

#include "sync/engine/reconciliation.h"

#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::Reconciliation;

class TestReconciliation : public QObject
{
    Q_OBJECT

    static Shipped shipped(qint64 id, const QString &tracking, double quantity = 2)
    {
        return {id,
                QStringLiteral("IF%1").arg(id),
                tracking.isEmpty() ? QStringList() : QStringList{tracking},
                {{QStringLiteral("SKU-1"), quantity}}};
    }
    static ChannelOrderSnapshot::Fulfillment
    inChannel(const QString &id, const QString &tracking, double quantity = 2,
              const QString &status = QStringLiteral("success"))
    {
        return {id,
                status,
                tracking.isEmpty() ? QStringList() : QStringList{tracking},
                {{QStringLiteral("SKU-1"), quantity}}};
    }
    static LedgerEntry pushed(qint64 fulfillmentId, const QString &channelId)
    {
        LedgerEntry e;
        e.fulfillmentId = fulfillmentId;
        e.channelFulfillmentId = channelId;
        e.state = LedgerState::Pushed;
        return e;
    }
    static ChannelOrderSnapshot channel(QList<ChannelOrderSnapshot::Fulfillment> fulfillments,
                                        const QString &groupStatus = QStringLiteral("closed"))
    {
        ChannelOrderSnapshot s;
        s.orderId = QStringLiteral("5001");
        s.groups = {{QStringLiteral("g1"), groupStatus, QStringLiteral("7001"), {}}};
        s.fulfillmentsKnown = true;
        s.fulfillments = std::move(fulfillments);
        return s;
    }

private Q_SLOTS:
    void aPushedFulfillmentThatIsThereMatches()
    {
        const auto rows =
            classify({shipped(1, QStringLiteral("1Z1"))}, {pushed(1, QStringLiteral("f1"))},
                     channel({inChannel(QStringLiteral("f1"), QStringLiteral("1Z1"))}));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().verdict, Verdict::Matched);
        QCOMPARE(rows.first().channelFulfillmentId, QStringLiteral("f1"));
        QCOMPARE(rows.first().ledger, std::optional(LedgerState::Pushed));
        QVERIFY(allMatched(rows));
    }

    // "Pushed" proves nothing: the ledger says so, the channel does not show it.
    void pushedButGoneIsMissing()
    {
        const auto rows =
            classify({shipped(1, QStringLiteral("1Z1"))}, {pushed(1, QStringLiteral("f1"))},
                     channel({inChannel(QStringLiteral("f1"), QStringLiteral("1Z1"), 2,
                                        QStringLiteral("cancelled"))}));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().verdict, Verdict::MissingInChannel);
        QVERIFY(rows.first().detail.contains(QStringLiteral("recorded as pushed")));
        QVERIFY(!allMatched(rows));
    }

    void anAdoptedFulfillmentThatIsGoneIsMissingToo()
    {
        LedgerEntry adopted = pushed(1, QStringLiteral("f7"));
        adopted.state = LedgerState::Adopted;
        const auto rows = classify({shipped(1, QStringLiteral("1Z1"))}, {adopted}, channel({}));
        QCOMPARE(rows.first().verdict, Verdict::MissingInChannel);
        QVERIFY(rows.first().detail.contains(QStringLiteral("adopted")));
    }

    void foundByTrackingWhenTheLedgerDoesNotKnowIt()
    {
        const auto rows =
            classify({shipped(1, QStringLiteral("1Z1"))}, {},
                     channel({inChannel(QStringLiteral("f9"), QStringLiteral("1Z1"))}));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().verdict, Verdict::Matched);
        QCOMPARE(rows.first().channelFulfillmentId, QStringLiteral("f9"));
        QVERIFY(!rows.first().ledger);
    }

    void quantityAndTrackingDifferencesAreNamed()
    {
        auto rows =
            classify({shipped(1, QStringLiteral("1Z1"), 2)}, {pushed(1, QStringLiteral("f1"))},
                     channel({inChannel(QStringLiteral("f1"), QStringLiteral("1Z1"), 1)}));
        QCOMPARE(rows.first().verdict, Verdict::QuantityDiffers);
        QVERIFY2(rows.first().detail.contains(QStringLiteral("2 × SKU-1")) &&
                     rows.first().detail.contains(QStringLiteral("1 × SKU-1")),
                 qPrintable(rows.first().detail));
        rows = classify({shipped(1, QStringLiteral("1Z-NEW"))}, {pushed(1, QStringLiteral("f1"))},
                        channel({inChannel(QStringLiteral("f1"), QStringLiteral("1Z-OLD"))}));
        QCOMPARE(rows.first().verdict, Verdict::TrackingDiffers);
        QVERIFY(rows.first().detail.contains(QStringLiteral("1Z-OLD")));
    }

    // A fulfillment no item fulfillment explains: a manual one, another tool's, a duplicate.
    void aSecondFulfillmentIsExtra()
    {
        const auto rows =
            classify({shipped(1, QStringLiteral("1Z1"))}, {pushed(1, QStringLiteral("f1"))},
                     channel({inChannel(QStringLiteral("f1"), QStringLiteral("1Z1")),
                              inChannel(QStringLiteral("f2"), QStringLiteral("1Z1"))}));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).verdict, Verdict::Matched);
        QCOMPARE(rows.at(1).verdict, Verdict::ExtraInChannel);
        QCOMPARE(rows.at(1).channelFulfillmentId, QStringLiteral("f2"));
        QCOMPARE(rows.at(1).fulfillmentId, 0);
    }

    // One channel fulfillment is never the proof of two item fulfillments.
    void oneChannelFulfillmentExplainsOneShipment()
    {
        const auto rows =
            classify({shipped(1, QStringLiteral("1Z1")), shipped(2, QStringLiteral("1Z1"))}, {},
                     channel({inChannel(QStringLiteral("f1"), QStringLiteral("1Z1"))}));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).verdict, Verdict::Matched);
        QCOMPARE(rows.at(1).verdict, Verdict::MissingInChannel);
    }

    void aCancelledChannelOrderIsSaidSo()
    {
        const auto rows = classify({shipped(1, QStringLiteral("1Z1"))}, {},
                                   channel({}, QStringLiteral("cancelled")));
        QCOMPARE(rows.first().verdict, Verdict::OrderCancelled);
        QCOMPARE(verdictKey(rows.first().verdict), QStringLiteral("order_cancelled"));
    }
};

QTEST_GUILESS_MAIN(TestReconciliation)
#include "tst_reconciliation.moc"
