// Explain: every gate, and the first one that stops a fulfillment.

#include "sync/engine/explainer.h"

#include <QTest>

using namespace fulfillsync;

namespace {
SalesOrder order(const QString &status)
{
    SalesOrder o;
    o.id = 1002;
    o.tranId = QStringLiteral("SO1002");
    o.channel = QStringLiteral("Shopify");
    o.channelOrder = QStringLiteral("5002");
    o.status = status;
    return o;
}

ItemFulfillment fulfillment(qint64 id, const QString &shipStatus)
{
    ItemFulfillment f;
    f.id = id;
    f.tranId = QStringLiteral("IF%1").arg(id);
    f.shipStatus = shipStatus;
    f.shipMethodName = QStringLiteral("FedEx 2Day");
    f.lines = {{1, 1, 501, QStringLiteral("TSHIRT-RED-M"), 2, 1, {}}};
    return f;
}

const QList<MappingRule> kRules = {
    {MappingKind::ShipMethod, QStringLiteral("FedEx 2Day"), {}, QStringLiteral("FedEx"), {}}};
} // namespace

class TestExplainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedUnpushedIsDuePickedIsNot()
    {
        Connector c;
        c.name = QStringLiteral("main-store");
        const OrderExplanation e = Explainer::explain(
            c, FulfillmentMapper(c, kRules), order(QStringLiteral("D")),
            {fulfillment(2002, QStringLiteral("C")), fulfillment(2003, QStringLiteral("A"))}, {});
        QCOMPARE(e.fulfillments.size(), 2);
        QVERIFY(e.fulfillments.at(0).wouldPush());
        QVERIFY(!e.fulfillments.at(1).wouldPush());
        QVERIFY(e.fulfillments.at(1).verdict().contains(QStringLiteral("Picked")));
        QVERIFY(e.toText().contains(QStringLiteral("IF2002 is due")));
    }

    void alreadyPushedSaysWhere()
    {
        Connector c;
        LedgerEntry pushed;
        pushed.fulfillmentId = 2002;
        pushed.state = LedgerState::Pushed;
        pushed.channelFulfillmentId = QStringLiteral("700");
        const OrderExplanation e =
            Explainer::explain(c, FulfillmentMapper(c, kRules), order(QStringLiteral("F")),
                               {fulfillment(2002, QStringLiteral("C"))}, {pushed});
        QVERIFY(!e.fulfillments.first().wouldPush());
        QVERIFY(e.fulfillments.first().verdict().contains(QStringLiteral("700")));
    }

    void orderGatesStopEverything_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pending fulfillment") << "B" << true << "Shopify"
                                             << "Pending Fulfillment";
        QTest::newRow("cancelled") << "C" << true << "Shopify"
                                   << "Cancelled";
        QTest::newRow("disabled connector") << "F" << false << "Shopify"
                                            << "disabled";
        QTest::newRow("other channel") << "F" << true << "Amazon"
                                       << "Amazon";
    }
    void orderGatesStopEverything()
    {
        QFETCH(QString, status);
        QFETCH(bool, enabled);
        QFETCH(QString, channel);
        QFETCH(QString, expected);
        Connector c;
        c.enabled = enabled;
        SalesOrder o = order(status);
        o.channel = channel;
        const OrderExplanation e = Explainer::explain(c, FulfillmentMapper(c, kRules), o,
                                                      {fulfillment(2002, QStringLiteral("C"))}, {});
        QVERIFY(!e.fulfillments.first().wouldPush());
        QVERIFY2(e.toText().contains(expected), qPrintable(e.toText()));
    }

    void quarantineIsAGateUntilItExpires()
    {
        Connector c;
        const QDateTime now(QDate(2026, 11, 26), QTime(12, 0), Qt::UTC);
        QuarantineEntry q{0,
                          2002,
                          1002,
                          2,
                          now.addSecs(-60),
                          now.addSecs(65),
                          QStringLiteral("transient"),
                          QStringLiteral("HTTP 503")};
        const auto blocked =
            Explainer::explain(c, FulfillmentMapper(c, kRules), order(QStringLiteral("F")),
                               {fulfillment(2002, QStringLiteral("C"))}, {}, {q}, now);
        QVERIFY(!blocked.fulfillments.first().wouldPush());
        QVERIFY(blocked.fulfillments.first().verdict().contains(QStringLiteral("HTTP 503")));
        const auto later =
            Explainer::explain(c, FulfillmentMapper(c, kRules), order(QStringLiteral("F")),
                               {fulfillment(2002, QStringLiteral("C"))}, {}, {q}, now.addSecs(70));
        QVERIFY(later.fulfillments.first().wouldPush());
    }

    void unmappedShipMethodIsNamed()
    {
        Connector c;
        const OrderExplanation e =
            Explainer::explain(c, FulfillmentMapper(c, {}), order(QStringLiteral("F")),
                               {fulfillment(2002, QStringLiteral("C"))}, {});
        QVERIFY(!e.fulfillments.first().wouldPush());
        QVERIFY(e.fulfillments.first().verdict().contains(QStringLiteral("FedEx 2Day")));
    }
};

QTEST_APPLESS_MAIN(TestExplainer)
#include "tst_explainer.moc"
