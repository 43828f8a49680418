// Reading expanded Record API documents: reference fields, kit components, every package sublist.

#include "sync/net/netsuiterecords.h"

#include <QJsonDocument>
#include <QTest>

using namespace fulfillsync;

namespace {
// Shaped like NetSuite's expandSubResources output (apis.md §1.4).
QJsonObject fulfillmentRecord()
{
    return QJsonDocument::fromJson(
               QByteArrayLiteral(
                   "{\"id\":\"2004\",\"tranId\":\"IF2004\",\"tranDate\":\"2026-11-20\","
                   "\"createdFrom\":{\"id\":\"1005\",\"refName\":\"Sales Order #SO1005\"},"
                   "\"shipStatus\":{\"id\":\"C\",\"refName\":\"Shipped\"},"
                   "\"shipMethod\":{\"id\":\"12\",\"refName\":\"UPS Ground\"},"
                   "\"lastModifiedDate\":\"2026-11-20T10:30:00Z\","
                   "\"item\":{\"links\":[],\"count\":3,\"hasMore\":false,\"items\":["
                   "{\"line\":1,\"orderLine\":1,\"item\":{\"id\":\"600\",\"refName\":\"GIFT-SET\"},"
                   "\"quantity\":1,"
                   "\"location\":{\"id\":\"1\",\"refName\":\"Main Warehouse\"}},"
                   "{\"line\":2,\"kitMemberOf\":1,\"item\":{\"id\":\"501\",\"refName\":\"TSHIRT\"},"
                   "\"quantity\":1},"
                   "{\"line\":3,\"orderLine\":2,\"item\":{\"id\":\"503\",\"refName\":\"CAP-BLACK\"}"
                   ",\"quantity\":2}]},"
                   "\"package\":{\"items\":[{\"packageTrackingNumber\":\"PKG1\"}]},"
                   "\"packageUps\":{\"items\":[{\"packageTrackingNumberUps\":\"1Z5\"},{"
                   "\"packageTrackingNumberUps\":\"1Z6\"}]},"
                   "\"packageFedex\":{\"items\":[{\"packageTrackingNumberFedEx\":\"7946\"}]},"
                   "\"packageUsps\":{\"items\":[{\"packageTrackingNumberUsps\":\"9400\"},{"
                   "\"packageTrackingNumberUsps\":\"PKG1\"}]}}"))
        .object();
}
} // namespace

class TestNetSuiteRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fulfillmentRecord_()
    {
        QString problem;
        const auto f = NetSuiteRecords::fulfillmentFromRecord(fulfillmentRecord(), &problem);
        QVERIFY2(f, qPrintable(problem));
        QCOMPARE(f->id, 2004);
        QCOMPARE(f->orderId, 1005);
        QCOMPARE(f->shipStatus, QStringLiteral("C"));
        QCOMPARE(f->shipMethodName, QStringLiteral("UPS Ground"));
        QCOMPARE(f->lines.size(), 2); // the kit component is not a line of its own
        QCOMPARE(f->lines.first().itemName, QStringLiteral("GIFT-SET"));
        QCOMPARE(f->lines.last().quantity, 2.0);
        QCOMPARE(f->trackingNumbers,
                 (QStringList{QStringLiteral("PKG1"), QStringLiteral("1Z5"), QStringLiteral("1Z6"),
                              QStringLiteral("7946"), QStringLiteral("9400")}));
        QCOMPARE(f->lastModified, QDateTime(QDate(2026, 11, 20), QTime(10, 30), Qt::UTC));
    }

    void recordWithoutOrderIsRefused()
    {
        QJsonObject record = fulfillmentRecord();
        record.remove(QStringLiteral("createdFrom"));
        QString problem;
        QVERIFY(!NetSuiteRecords::fulfillmentFromRecord(record, &problem));
        QVERIFY(!problem.isEmpty());
    }

    void salesOrderRecord()
    {
        const QJsonObject record =
            QJsonDocument::fromJson(
                QByteArrayLiteral("{\"id\":\"1005\",\"tranId\":\"SO1005\",\"status\":{\"id\":\"F\","
                                  "\"refName\":\"Pending Billing\"},"
                                  "\"entity\":{\"id\":\"78\",\"refName\":\"Grace "
                                  "Hopper\"},\"otherRefNum\":\"5005\","
                                  "\"item\":{\"items\":[{\"line\":1,\"item\":{\"id\":\"501\"},"
                                  "\"quantity\":1,\"quantityFulfilled\":1}]}}"))
                .object();
        QString problem;
        const auto o = NetSuiteRecords::salesOrderFromRecord(record, &problem);
        QVERIFY(o);
        QCOMPARE(o->status, QStringLiteral("F"));
        QCOMPARE(o->customer, QStringLiteral("Grace Hopper"));
        QCOMPARE(o->channelOrder, QStringLiteral("5005")); // falls back to otherRefNum
        QCOMPARE(o->lines.first().quantityShipped, 1.0);
    }
};

QTEST_APPLESS_MAIN(TestNetSuiteRecords)
#include "tst_netsuiterecords.moc"
