// SuiteQL literals, defensive value parsing and the folding of change-detection rows.

#include "sync/engine/detectionqueries.h"
#include "sync/net/suiteql.h"

#include <QJsonArray>
#include <QTest>

using namespace fulfillsync;

namespace {
QJsonObject row(std::initializer_list<QPair<QString, QJsonValue>> values)
{
    QJsonObject object;
    for (const auto &[key, value] : values)
        object.insert(key, value);
    return object;
}

QJsonObject fulfillmentRow(const QString &ifId, const QString &line, const QString &tracking,
                           const QString &trackingId,
                           const QString &lmd = QStringLiteral("2026-11-19T15:04:05"))
{
    QJsonObject r = row({{QStringLiteral("links"), QJsonArray()},
                         {QStringLiteral("if_id"), ifId},
                         {QStringLiteral("if_tranid"), QString(QStringLiteral("IF") + ifId)},
                         {QStringLiteral("if_status"), QStringLiteral("C")},
                         {QStringLiteral("if_lmd"), lmd},
                         {QStringLiteral("if_date"), QStringLiteral("2026-11-19")},
                         {QStringLiteral("so_id"), QStringLiteral("1001")},
                         {QStringLiteral("so_tranid"), QStringLiteral("SO1001")},
                         {QStringLiteral("so_status"), QStringLiteral("F")},
                         {QStringLiteral("channel"), QStringLiteral("Shopify")},
                         {QStringLiteral("channel_order"), QStringLiteral("5001")},
                         {QStringLiteral("if_line"), line},
                         {QStringLiteral("so_line"), QStringLiteral("1")},
                         {QStringLiteral("item"), QStringLiteral("501")},
                         {QStringLiteral("item_name"), QStringLiteral("TSHIRT-RED-M")},
                         {QStringLiteral("quantity"), QStringLiteral("2")},
                         {QStringLiteral("ship_method"), QStringLiteral("12")},
                         {QStringLiteral("ship_method_name"), QStringLiteral("UPS Ground")}});
    if (!tracking.isEmpty()) {
        r.insert(QStringLiteral("tracking_number"), tracking);
        r.insert(QStringLiteral("tracking_id"), trackingId);
    }
    return r;
}
} // namespace

class TestSuiteQl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringLiterals_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("literal");
        QTest::newRow("plain") << "Shopify"
                               << "'Shopify'";
        QTest::newRow("quote doubled") << "O'Brien"
                                       << "'O''Brien'";
        QTest::newRow("injection stays inside") << "x' OR '1'='1"
                                                << "'x'' OR ''1''=''1'";
        QTest::newRow("control characters refused") << "a\nb"
                                                    << "''";
        QTest::newRow("empty") << ""
                               << "''";
    }
    void stringLiterals()
    {
        QFETCH(QString, input);
        QFETCH(QString, literal);
        QCOMPARE(SuiteQl::stringLiteral(input), literal);
    }

    void timestampLiteralIsUtc()
    {
        const QDateTime berlin =
            QDateTime(QDate(2026, 11, 19), QTime(16, 4, 5), Qt::OffsetFromUTC, 3600);
        QCOMPARE(SuiteQl::timestampLiteral(berlin),
                 QStringLiteral("TO_TIMESTAMP('2026-11-19 15:04:05', 'YYYY-MM-DD HH24:MI:SS')"));
    }

    void valueQuirks()
    {
        const QJsonObject r = row({{QStringLiteral("id"), QStringLiteral("107")},
                                   {QStringLiteral("n"), 12},
                                   {QStringLiteral("q"), QStringLiteral("2.5")},
                                   {QStringLiteral("flag"), QStringLiteral("T")},
                                   {QStringLiteral("bad"), QStringLiteral("abc")},
                                   {QStringLiteral("obj"), QJsonObject()}});
        bool ok = false;
        QCOMPARE(SuiteQlValue::integer(r, "id", &ok), 107);
        QVERIFY(ok);
        QCOMPARE(SuiteQlValue::integer(r, "n", &ok), 12);
        QVERIFY(ok);
        QCOMPARE(SuiteQlValue::number(r, "q"), 2.5);
        QVERIFY(SuiteQlValue::boolean(r, "flag"));
        QVERIFY(!SuiteQlValue::boolean(r, "absent"));
        SuiteQlValue::integer(r, "bad", &ok);
        QVERIFY(!ok);
        SuiteQlValue::integer(r, "absent", &ok); // NULL columns are absent
        QVERIFY(!ok);
        SuiteQlValue::integer(r, "obj", &ok); // wrong type
        QVERIFY(!ok);
        QCOMPARE(SuiteQlValue::text(r, "absent"), QString());
        const QJsonObject t = row({{QStringLiteral("t"), QStringLiteral("2026-11-19T15:04:05")}});
        QCOMPARE(SuiteQlValue::timestamp(t, "t"),
                 QDateTime(QDate(2026, 11, 19), QTime(15, 4, 5), Qt::UTC));
    }

    void detectionQueryUsesTheWatermarkAsLiteral()
    {
        const QString q = DetectionQueries::fulfillmentsSince(
            QDateTime(QDate(2026, 11, 19), QTime(0, 0), Qt::UTC));
        QVERIFY(q.contains(QStringLiteral(
            "f.lastmodifieddate >= TO_TIMESTAMP('2026-11-19 00:00:00', 'YYYY-MM-DD HH24:MI:SS')")));
        QVERIFY(q.endsWith(QStringLiteral("ORDER BY f.lastmodifieddate, f.id, fl.id, tn.id")));
    }

    void rowsFoldIntoFulfillmentsAcrossPages()
    {
        FulfillmentRowReader reader;
        // Two lines × two packages arrive as four rows, split over two pages.
        reader.add(
            {fulfillmentRow("2004", "1", "1Z5", "1"), fulfillmentRow("2004", "1", "1Z6", "2")});
        reader.add({fulfillmentRow("2004", "2", "1Z5", "1"),
                    fulfillmentRow("2004", "2", "1Z6", "2"),
                    fulfillmentRow("2005", "1", QString(), QString(),
                                   QStringLiteral("2026-11-20T10:30:00"))});
        // The first fulfillment is complete once the next one starts; the last only at the end.
        QList<ItemFulfillment> fulfillments = reader.takeComplete();
        QCOMPARE(fulfillments.size(), 1);
        fulfillments << reader.takeAll();
        QCOMPARE(fulfillments.size(), 2);
        QCOMPARE(fulfillments.at(0).id, 2004);
        QCOMPARE(fulfillments.at(0).lines.size(), 2);
        QCOMPARE(fulfillments.at(0).trackingNumbers,
                 QStringList({QStringLiteral("1Z5"), QStringLiteral("1Z6")}));
        QCOMPARE(fulfillments.at(0).lines.at(0).quantity, 2.0);
        QCOMPARE(fulfillments.at(1).trackingNumbers, QStringList());
        QCOMPARE(reader.newestModification(),
                 QDateTime(QDate(2026, 11, 20), QTime(10, 30), Qt::UTC));
        const QList<SalesOrder> headers = reader.takeOrderHeaders();
        QCOMPARE(headers.size(), 1);
        QCOMPARE(headers.first().channelOrder, QStringLiteral("5001"));
        QCOMPARE(reader.unreadable().count, 0);
    }

    // An unreadable row is never dropped quietly: a fulfillment it names is held with the
    // reason, and the rows bound the watermark so they are read again.
    void unreadableRowsHoldTheirFulfillmentAndStopTheWatermark()
    {
        FulfillmentRowReader reader;
        QJsonObject noId = fulfillmentRow("2004", "1", "1Z5", "1");
        noId.remove(QStringLiteral("if_id"));
        QJsonObject badStatus = fulfillmentRow("2006", "1", "1Z7", "3");
        badStatus.insert(QStringLiteral("if_status"), QJsonArray{1, 2});
        QJsonObject nullQuantity = fulfillmentRow("2007", "1", "1Z8", "4");
        nullQuantity.insert(QStringLiteral("quantity"), QJsonValue::Null);
        QJsonObject textQuantity = fulfillmentRow("2009", "1", "1Z0", "6");
        textQuantity.insert(QStringLiteral("quantity"), QStringLiteral("two"));
        QJsonObject emptiedChannel = fulfillmentRow("2010", "1", "1ZA", "7");
        emptiedChannel.insert(QStringLiteral("channel"), QJsonObject{});
        reader.add({noId, badStatus, nullQuantity, textQuantity, emptiedChannel,
                    fulfillmentRow("2008", "1", "1Z9", "5")});
        // Five rows, and 2006 held once more as the neighbour of the row without an id.
        QCOMPARE(reader.unreadable().count, 6);
        QHash<qint64, ItemFulfillment> byId;
        for (const ItemFulfillment &f : reader.takeAll())
            byId.insert(f.id, f);
        QCOMPARE(byId.size(), 5); // 2004 cannot be named: only counted
        QVERIFY(byId.value(2008).problem.isEmpty());
        for (qint64 id : {2006, 2007, 2009, 2010})
            QVERIFY2(!byId.value(id).problem.isEmpty(), qPrintable(QString::number(id)));
        QVERIFY(byId.value(2007).problem.contains(QStringLiteral("no quantity")));
        QVERIFY(byId.value(2009).problem.contains(QStringLiteral("two")));
        // The damaged row's header is not taken (an empty channel would hide the order).
        for (const SalesOrder &header : reader.takeOrderHeaders())
            QCOMPARE(header.channel, QStringLiteral("Shopify"));
        const QDateTime newest = reader.newestModification();
        QCOMPARE(reader.unreadable().cap(newest, {}), reader.unreadable().oldest);
        QVERIFY(reader.unreadable().oldest < newest || reader.unreadable().oldest == newest);
    }

    // A row whose fulfillment id is damaged belongs to the fulfillment before it or after it:
    // neither may be pushed without it (it was, as a "reduced" or a partial fulfillment).
    void aRowWithoutAnIdHoldsItsNeighbours()
    {
        FulfillmentRowReader reader;
        QJsonObject damaged = fulfillmentRow("3001", "2", "1Z1", "1");
        damaged.insert(QStringLiteral("if_id"), QStringLiteral("nan"));
        reader.add({fulfillmentRow("3001", "1", "1Z1", "1"), damaged});
        reader.add(
            {fulfillmentRow("3002", "1", "1Z2", "2"), fulfillmentRow("3003", "1", "1Z3", "3")});
        QHash<qint64, ItemFulfillment> byId;
        for (const ItemFulfillment &f : reader.takeAll())
            byId.insert(f.id, f);
        QCOMPARE(byId.size(), 3);
        QVERIFY(byId.value(3001).problem.contains(QStringLiteral("without a readable id")));
        QVERIFY(byId.value(3002).problem.contains(QStringLiteral("without a readable id")));
        QVERIFY(byId.value(3003).problem.isEmpty());
    }

    void anUndatedUnreadableRowKeepsTheWatermarkWhereItWas()
    {
        FulfillmentRowReader reader;
        QJsonObject undated = fulfillmentRow("2004", "1", "1Z5", "1");
        undated.remove(QStringLiteral("if_id"));
        undated.remove(QStringLiteral("if_lmd"));
        reader.add({undated, fulfillmentRow("2008", "1", "1Z9", "5")});
        const QDateTime before(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        QCOMPARE(reader.unreadable().cap(reader.newestModification(), before), before);
    }

    void theProbeComparesNetSuiteWithTheLocalCopy()
    {
        auto probeRow = [](const char *kind, const char *part, const char *n, const char *s,
                           const char *m) {
            return row({{QStringLiteral("kind"), QLatin1String(kind)},
                        {QStringLiteral("part"), QLatin1String(part)},
                        {QStringLiteral("n"), QLatin1String(n)},
                        {QStringLiteral("s"), QLatin1String(s)},
                        {QStringLiteral("m"), QLatin1String(m)}});
        };
        const QList<QJsonObject> server = {
            probeRow("ItemShip", "upto", "2", "4003", "2026-11-20T10:00:40"),
            probeRow("ItemShip", "from", "3", "6020", "2026-11-20T10:05:00"),
            probeRow("SalesOrd", "upto", "1", "1001", "2026-11-20T10:00:30")};
        const DetectionQueries::ProbeAnswer answer = DetectionQueries::readProbe(server);
        QVERIFY(answer.readable);
        QCOMPARE(answer.from.value(QStringLiteral("ItemShip")).count, 3);
        QCOMPARE(answer.from.value(QStringLiteral("SalesOrd")).count, 0);
        QCOMPARE(answer.newest, QDateTime(QDate(2026, 11, 20), QTime(10, 5), Qt::UTC));
        // What the local copy holds of the same range, counted the same way (a type with no
        // change is left out of both).
        const QDateTime t(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC);
        QHash<QString, DetectionQueries::ChangeCount> stored{
            {QStringLiteral("SalesOrd"), {1, 1001, t.addSecs(30)}},
            {QStringLiteral("ItemShip"), {2, 4003, t.addSecs(40)}},
            {QStringLiteral("Other"), {0, 0, {}}}};
        QCOMPARE(DetectionQueries::digest(answer.upTo), DetectionQueries::digest(stored));
        // A late commit NetSuite holds but the local copy does not changes the digest.
        stored[QStringLiteral("ItemShip")] = {1, 2001, t.addSecs(40)};
        QVERIFY(DetectionQueries::digest(answer.upTo) != DetectionQueries::digest(stored));
        // Unreadable rows, an unknown type or part: unknown, never "nothing changed".
        QList<QJsonObject> damaged = server;
        damaged[0].insert(QStringLiteral("n"), QJsonArray{});
        QVERIFY(!DetectionQueries::readProbe(damaged).readable);
        damaged = server;
        damaged[1].insert(QStringLiteral("part"), QStringLiteral("later"));
        QVERIFY(!DetectionQueries::readProbe(damaged).readable);
        damaged = server;
        damaged[2].insert(QStringLiteral("kind"), QStringLiteral("CustInvc"));
        QVERIFY(!DetectionQueries::readProbe(damaged).readable);
        QVERIFY(DetectionQueries::readProbe({}).readable); // nothing changed at all: no rows
    }

    void orderRowsFold()
    {
        OrderRowReader reader;
        auto orderRow = [](const char *line, const char *qty) {
            return row({{QStringLiteral("so_id"), QStringLiteral("1001")},
                        {QStringLiteral("so_tranid"), QStringLiteral("SO1001")},
                        {QStringLiteral("so_status"), QStringLiteral("B")},
                        {QStringLiteral("so_lmd"), QStringLiteral("2026-11-18T09:00:00")},
                        {QStringLiteral("so_line"), QString::fromLatin1(line)},
                        {QStringLiteral("item"), QStringLiteral("501")},
                        {QStringLiteral("quantity"), QString::fromLatin1(qty)}});
        };
        reader.add(
            {orderRow("1", "2"), orderRow("2", "1"), orderRow("2", "1"), orderRow("3", "x")});
        const QList<SalesOrder> orders = reader.takeAll();
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.first().lines.size(), 2);
        QCOMPARE(orders.first().lines.at(0).quantity, 2.0);
        QCOMPARE(reader.unreadable().count, 1); // line 3's quantity
        QCOMPARE(reader.unreadable().oldest, QDateTime(QDate(2026, 11, 18), QTime(9, 0), Qt::UTC));
    }
};

QTEST_APPLESS_MAIN(TestSuiteQl)
#include "tst_suiteql.moc"
