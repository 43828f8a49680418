// Mapping storage: versioned saves (history written in the save's transaction) on SQLite and
// PostgreSQL, discovery of the values NetSuite used, the CSV/JSON files and the row checks.

#include "models/domain/mappingcheck.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/mappingdiscovery.h"
#include "models/storage/mappingfile.h"
#include "models/storage/mappinghistory.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/orderrepository.h"
#include "testutils/tempdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {

MappingRule ship(const QString &key, const QString &name, const QString &target,
                 const QString &extra = {})
{
    return {MappingKind::ShipMethod, key, name, target, extra};
}

ItemFulfillment fulfillment(qint64 id, qint64 orderId, qint64 shipId, const QString &shipName,
                            QList<ItemFulfillmentLine> lines)
{
    ItemFulfillment f;
    f.id = id;
    f.orderId = orderId;
    f.tranId = QStringLiteral("IF%1").arg(id);
    f.tranDate = QStringLiteral("2026-11-20");
    f.shipStatus = ShipStatus::Shipped;
    f.shipMethodId = shipId;
    f.shipMethodName = shipName;
    f.lastModified = QDateTime::currentDateTimeUtc();
    f.lines = std::move(lines);
    return f;
}

ItemFulfillmentLine line(qint64 lineId, qint64 itemId, const QString &itemName, qint64 locationId,
                         const QString &locationName)
{
    ItemFulfillmentLine l;
    l.lineId = lineId;
    l.orderLine = lineId;
    l.itemId = itemId;
    l.itemName = itemName;
    l.quantity = 1;
    l.locationId = locationId;
    l.locationName = locationName;
    return l;
}

} // namespace

class TestMappingStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    qint64 m_connectorId = 0;
    QSqlDatabase db() { return m_temp->database().connection(); }

    int historyRows()
    {
        QSqlQuery q(db());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM mapping_changes")) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        m_temp = std::make_unique<TempDatabase>(engine);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        ConnectorRepository connectors(db());
        Connector c;
        c.name = QStringLiteral("store");
        c.channel = QStringLiteral("Shopify");
        c.endpoint = QStringLiteral("https://store.example");
        QVERIFY2(connectors.save(c), qPrintable(connectors.lastError()));
        m_connectorId = c.id;
    }

    void cleanup() { m_temp.reset(); }

    void saveWritesHistoryInTheSameTransaction()
    {
        MappingRepository repo(db());
        MappingHistoryRepository history(db());
        const MappingRule ups =
            ship(QStringLiteral("12"), QStringLiteral("UPS Ground"), QStringLiteral("UPS"));
        const MappingRule fedex =
            ship(QStringLiteral("13"), QStringLiteral("FedEx 2Day"), QStringLiteral("FedEx"));
        QVERIFY2(repo.replace(m_connectorId, {ups, fedex}, QStringLiteral("alice")),
                 qPrintable(repo.lastError()));
        QList<MappingChange> changes = history.changes(m_connectorId);
        QCOMPARE(changes.size(), 2);
        for (const MappingChange &c : changes) {
            QCOMPARE(c.action, MappingChangeAction::Added);
            QCOMPARE(c.changedBy, QStringLiteral("alice"));
            QVERIFY(!c.before);
            QVERIFY(c.after);
            QVERIFY(qAbs(c.changedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        }

        // Change one, remove one, add one: three rows with before and after.
        MappingRule upsNew = ups;
        upsNew.target = QStringLiteral("UPS Freight");
        upsNew.extra = QStringLiteral("https://ups.example/t/{number}");
        const MappingRule item{MappingKind::Item,
                               QStringLiteral("500"),
                               QStringLiteral("CAP"),
                               QStringLiteral("CAP-BLK"),
                               {}};
        QVERIFY2(repo.replace(m_connectorId, {upsNew, item}, QStringLiteral("bob")),
                 qPrintable(repo.lastError()));
        changes = history.changes(m_connectorId);
        QCOMPARE(changes.size(), 5);
        QHash<QString, MappingChange> latest;
        for (int i = 0; i < 3; ++i)
            latest.insert(changes.at(i).sourceKey, changes.at(i));
        QCOMPARE(latest.value(QStringLiteral("12")).action, MappingChangeAction::Changed);
        QCOMPARE(*latest.value(QStringLiteral("12")).before, ups);
        QCOMPARE(*latest.value(QStringLiteral("12")).after, upsNew);
        QCOMPARE(latest.value(QStringLiteral("13")).action, MappingChangeAction::Removed);
        QCOMPARE(*latest.value(QStringLiteral("13")).before, fedex);
        QVERIFY(!latest.value(QStringLiteral("13")).after);
        QCOMPARE(latest.value(QStringLiteral("500")).action, MappingChangeAction::Added);
        QCOMPARE(latest.value(QStringLiteral("500")).changedBy, QStringLiteral("bob"));

        // Saving the same rules again is no change, and keeps the version.
        const qint64 version = history.version(m_connectorId);
        QCOMPARE(version, changes.first().id);
        QVERIFY(repo.replace(m_connectorId, {upsNew, item}));
        QCOMPARE(historyRows(), 5);
        QCOMPARE(history.version(m_connectorId), version);
        QCOMPARE(history.version(m_connectorId + 1000), 0);
        QVERIFY(repo.upsert(m_connectorId, item));
        QCOMPARE(historyRows(), 5);
        MappingRule itemNew = item;
        itemNew.target = QStringLiteral("CAP-BLACK");
        QVERIFY2(repo.upsert(m_connectorId, itemNew), qPrintable(repo.lastError()));
        QCOMPARE(historyRows(), 6);
        QCOMPARE(history.changes(m_connectorId, 1).first().changedBy, currentUserName());
        QVERIFY(history.version(m_connectorId) > version);
    }

    void replaceIfUnchangedRefusesAfterAnotherSave()
    {
        MappingRepository repo(db());
        const MappingRule a = ship(QStringLiteral("12"), {}, QStringLiteral("UPS"));
        const MappingRule b = ship(QStringLiteral("13"), {}, QStringLiteral("FedEx"));
        QVERIFY(repo.replace(m_connectorId, {a, b}));
        // The editor's copy, in another order, is still current.
        QVERIFY2(repo.replaceIfUnchanged(m_connectorId, {b, a}, {a}), qPrintable(repo.lastError()));
        QVERIFY(!repo.changedElsewhere());
        QCOMPARE(repo.rules(m_connectorId), QList<MappingRule>{a});
        // An editor that still holds {a, b} is refused, and nothing is written.
        QVERIFY(!repo.replaceIfUnchanged(m_connectorId, {a, b}, {b}));
        QVERIFY(repo.changedElsewhere());
        QCOMPARE(repo.rules(m_connectorId), QList<MappingRule>{a});
        QCOMPARE(historyRows(), 3);
    }

    void failedHistoryWriteRollsTheSaveBack()
    {
        MappingRepository repo(db());
        const MappingRule ups = ship(QStringLiteral("12"), QString(), QStringLiteral("UPS"));
        QVERIFY(repo.replace(m_connectorId, {ups}));
        QSqlQuery q(db());
        QVERIFY(
            q.exec(QStringLiteral("ALTER TABLE mapping_changes RENAME TO mapping_changes_off")));
        QVERIFY(
            !repo.replace(m_connectorId, {ship(QStringLiteral("13"), {}, QStringLiteral("DHL"))}));
        QVERIFY(!repo.lastError().isEmpty());
        QCOMPARE(repo.rules(m_connectorId), QList<MappingRule>{ups});
        QVERIFY(
            q.exec(QStringLiteral("ALTER TABLE mapping_changes_off RENAME TO mapping_changes")));
        QCOMPARE(historyRows(), 1);
    }

    void discoveryCountsOrdersPerValue()
    {
        OrderRepository orders(db());
        QList<SalesOrder> list;
        for (int i = 1; i <= 4; ++i) {
            SalesOrder o;
            o.id = i;
            o.tranId = QStringLiteral("SO%1").arg(i);
            o.tranDate = QStringLiteral("2026-11-20");
            o.channel = i == 4 ? QStringLiteral("Amazon") : QStringLiteral("Shopify");
            o.channelOrder = QString::number(9000 + i);
            o.status = QStringLiteral("B");
            o.lastModified = QDateTime::currentDateTimeUtc();
            list << o;
        }
        QVERIFY2(orders.upsertOrders(list), qPrintable(orders.lastError()));
        const QString ups = QStringLiteral("UPS Ground");
        const QString main = QStringLiteral("Main, \"East\"");
        QVERIFY2(
            orders.upsertFulfillments({
                fulfillment(101, 1, 12, ups, {line(1, 500, QStringLiteral("CAP"), 7, main)}),
                fulfillment(102, 1, 12, ups,
                            {line(1, 500, QStringLiteral("CAP"), 7, main),
                             line(2, 501, QStringLiteral("HAT"), 8, QStringLiteral("West"))}),
                fulfillment(103, 2, 12, ups, {line(1, 500, QStringLiteral("CAP"), 7, main)}),
                fulfillment(104, 3, 0, QStringLiteral("Local Courier"),
                            {line(1, 0, QStringLiteral("GIFT"), 7, main)}),
                fulfillment(105, 3, 0, QString(), {line(1, 500, QStringLiteral("CAP"), 7, main)}),
                fulfillment(106, 4, 99, QStringLiteral("Amazon Ship"),
                            {line(1, 599, QStringLiteral("OTHER"), 9, QStringLiteral("X"))}),
            }),
            qPrintable(orders.lastError()));

        const DiscoveryResult result = MappingDiscovery::discover(db(), QStringLiteral("Shopify"));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        auto of = [&](MappingKind kind) {
            QList<DiscoveredValue> values;
            for (const DiscoveredValue &v : result.values)
                if (v.kind == kind)
                    values << v;
            return values;
        };
        const QList<DiscoveredValue> methods = of(MappingKind::ShipMethod);
        QCOMPARE(methods.size(), 2); // the fulfillment without a ship method is left out
        QCOMPARE(methods.at(0),
                 (DiscoveredValue{MappingKind::ShipMethod, 12, ups, 2, QStringLiteral("SO1")}));
        QCOMPARE(methods.at(1),
                 (DiscoveredValue{MappingKind::ShipMethod, 0, QStringLiteral("Local Courier"), 1,
                                  QStringLiteral("SO3")}));
        QCOMPARE(methods.at(1).sourceKey(), QStringLiteral("Local Courier"));
        const QList<DiscoveredValue> items = of(MappingKind::Item);
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).netsuiteId, 500);
        QCOMPARE(items.at(0).orderCount, 3);
        QCOMPARE(items.at(1).orderCount, 1);
        QCOMPARE(items.at(2).orderCount, 1);
        const QList<DiscoveredValue> locations = of(MappingKind::Location);
        QCOMPARE(locations.size(), 2);
        QCOMPARE(locations.at(0),
                 (DiscoveredValue{MappingKind::Location, 7, main, 3, QStringLiteral("SO1")}));
        QCOMPARE(locations.at(1).name, QStringLiteral("West"));

        // Mapped the way the engine matches: by id or by name; an empty target maps nothing.
        QVERIFY(methods.at(0).isMappedBy({ship(QStringLiteral("12"), {}, QStringLiteral("UPS"))}));
        QVERIFY(methods.at(0).isMappedBy({ship(ups, {}, QStringLiteral("UPS"))}));
        QVERIFY(!methods.at(0).isMappedBy({ship(QStringLiteral("12"), {}, {})}));
        QVERIFY(!methods.at(0).isMappedBy(
            {MappingRule{MappingKind::Item, QStringLiteral("12"), {}, QStringLiteral("X"), {}}}));
        QVERIFY(!methods.at(1).isMappedBy({ship(QStringLiteral("0"), {}, QStringLiteral("UPS"))}));

        QVERIFY(MappingDiscovery::discover(db(), QStringLiteral("eBay")).values.isEmpty());
    }

    void csvRoundTripKeepsCommasQuotesAndNewlines()
    {
        const QList<MappingRule> rules = {
            ship(QStringLiteral("12"), QStringLiteral("UPS, \"Ground\""), QStringLiteral("UPS")),
            ship(QStringLiteral("Local"), QStringLiteral("two\nlines"), QStringLiteral("Courier"),
                 QStringLiteral("https://c.example/t?n={number}&a=1,2")),
            {MappingKind::Item, QStringLiteral("500"), QString(), QStringLiteral("SKU \"1\""), {}},
            {MappingKind::CustomField, QStringLiteral("message"), QStringLiteral("order.tranId"),
             QStringLiteral("template"), QStringLiteral("NetSuite {value}")},
        };
        const QByteArray csv = MappingFile::toCsv(rules);
        QVERIFY(!csv.contains("'"));
        QVERIFY(csv.startsWith("kind,source,sourceName,target,extra\r\n"));
        QVERIFY(csv.contains("\"UPS, \"\"Ground\"\"\""));
        QString error;
        const auto back = MappingFile::fromCsv(csv, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, rules);

        // Values a spreadsheet would run as formulas are written as text and read back as they
        // were; a leading apostrophe of a value's own survives too.
        const QList<MappingRule> formulas = {
            {MappingKind::Item, QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("@SUM(A1)"),
             QStringLiteral("-5"), QStringLiteral("+1")},
            {MappingKind::Item, QStringLiteral("'=quoted"), QStringLiteral("'plain"),
             QStringLiteral("''"), QStringLiteral("'")},
        };
        const QByteArray guarded = MappingFile::toCsv(formulas);
        QVERIFY2(guarded.contains("item,\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),'-5,'+1\r\n"),
                 guarded.constData());
        QVERIFY2(guarded.contains("item,''=quoted,'plain,''','\r\n"), guarded.constData());
        const auto formulasBack = MappingFile::fromCsv(guarded, &error);
        QVERIFY2(formulasBack, qPrintable(error));
        QCOMPARE(*formulasBack, formulas);

        // Columns in another order, optional ones missing, a byte order mark, LF endings.
        const auto reordered = MappingFile::fromCsv(
            "\xEF\xBB\xBFtarget,Kind,source\nUPS,ship_method,12\n\n\"A,B\",item,7\n", &error);
        QVERIFY2(reordered, qPrintable(error));
        QCOMPARE(*reordered,
                 (QList<MappingRule>{
                     ship(QStringLiteral("12"), {}, QStringLiteral("UPS")),
                     {MappingKind::Item, QStringLiteral("7"), {}, QStringLiteral("A,B"), {}}}));
    }

    void csvErrorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        const QByteArray header = "kind,source,sourceName,target,extra\n";
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("unknown column") << QByteArray("kind,source,target,colour\n")
                                        << QStringLiteral("Line 1: unknown column \"colour\"");
        QTest::newRow("missing column")
            << QByteArray("kind,source\nitem,1\n") << QStringLiteral("\"target\" is missing");
        QTest::newRow("unclosed quote") << header + "item,1,x,y,\n"
                                                    "item,2,\"never\nclosed,y,\n"
                                        << QStringLiteral("Line 3: a quoted value is never closed");
        QTest::newRow("too many values") << header + "item,1,x,y,\nitem,2,a,b,c,d\n"
                                         << QStringLiteral("Line 3: 6 values");
        QTest::newRow("line count after a quoted newline")
            << header + "item,1,\"a\nb\",y,\nitem,2,a\n"
            << QStringLiteral("Line 4: 3 values");
        QTest::newRow("unknown kind") << header + "carrier,1,x,y,\n"
                                      << QStringLiteral("Line 2: unknown kind \"carrier\"");
        QTest::newRow("stray quote") << header + "item,1,a\"b,y,\n"
                                     << QStringLiteral("Line 2: a value with a quote");
        QTest::newRow("text after quote") << header + "item,1,\"a\"b,y,\n"
                                          << QStringLiteral("Line 2: after a closing quote");
        QTest::newRow("empty source") << header + "item,,x,y,\n"
                                      << QStringLiteral("Line 2: the source is empty");
    }

    void csvErrorsNameTheLine()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!MappingFile::fromCsv(csv, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void jsonRoundTripAndErrorsNameThePath()
    {
        const QList<MappingRule> rules = {
            ship(QStringLiteral("12"), QStringLiteral("UPS, \"Ground\"\nx"), QStringLiteral("UPS")),
            {MappingKind::Location,
             QStringLiteral("7"),
             QStringLiteral("Main"),
             QStringLiteral("65432109876"),
             {}},
        };
        QString error;
        const auto back = MappingFile::fromJson(MappingFile::toJson(rules), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, rules);
        const auto wrapped = MappingFile::fromJson(
            "{\"mappings\": [{\"kind\": \"item\", \"source\": \"5\", \"target\": \"S\"}]}", &error);
        QVERIFY2(wrapped, qPrintable(error));
        QCOMPARE(wrapped->size(), 1);

        const QList<QPair<QByteArray, QString>> bad = {
            {"[{\"kind\": \"item\", \"source\": \"5\"}, {\"kind\": \"bogus\", \"source\": \"6\"}]",
             QStringLiteral("[1].kind: expected")},
            {"[{\"kind\": \"item\", \"source\": 5}]", QStringLiteral("[0].source: expected text")},
            {"{\"mappings\": [{\"kind\": \"item\"}]}",
             QStringLiteral("mappings[0].source: required")},
            {"[{\"kind\": \"item\", \"source\": \"5\", \"colour\": \"red\"}]",
             QStringLiteral("[0].colour: unknown key")},
            {"[\n{\"kind\": \"item\",\n \"source\": }]",
             QStringLiteral("Line 3: this is not valid")},
            {"{\"kind\": \"item\"}", QStringLiteral("Expected an array")},
            {"{\"format\": \"fulfillsync-config/1\", \"connectors\": []}",
             QStringLiteral("whole configuration file")},
        };
        for (const auto &[json, expected] : bad) {
            error.clear();
            QVERIFY2(!MappingFile::fromJson(json, &error), json.constData());
            QVERIFY2(error.contains(expected), qPrintable(error));
        }
    }

    // A 3PL connector's targets are the 3PL's codes, not Shopify's carriers and locations.
    void threePlTargetsAreThe3plsCodes()
    {
        const QList<MappingRule> services = {
            ship(QStringLiteral("12"), {}, QStringLiteral("ups/ups_ground")),
            ship(QStringLiteral("13"), {}, QStringLiteral("UPS"))};
        const QList<MappingIssue> issues =
            checkMappingRows(MappingKind::ShipMethod, services, MappingTarget::ThreePl);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().row, 1);
        QVERIFY(issues.first().text.contains(QLatin1String("carrierCode/serviceCode")));
        // The same service as a Shopify carrier is wrong there.
        QCOMPARE(checkMappingRows(MappingKind::ShipMethod, services).first().row, 0);
        const QList<MappingRule> warehouses = {
            {MappingKind::Location, QStringLiteral("2"), {}, QStringLiteral("45678"), {}},
            {MappingKind::Location, QStringLiteral("3"), {}, QStringLiteral("east"), {}}};
        const QList<MappingIssue> where =
            checkMappingRows(MappingKind::Location, warehouses, MappingTarget::ThreePl);
        QCOMPARE(where.size(), 1);
        QCOMPARE(where.first().row, 1);
        Connector threePl;
        threePl.kind = QStringLiteral("shipstation");
        QCOMPARE(mappingTargetOf(threePl), MappingTarget::ThreePl);
        QCOMPARE(mappingTargetOf(Connector{}), MappingTarget::Channel);
    }

    void rowChecksFindWhatWouldBlockASync()
    {
        auto fields = [](const QList<MappingIssue> &issues) {
            QList<QPair<int, MappingField>> result;
            for (const MappingIssue &issue : issues)
                result << qMakePair(issue.row, issue.field);
            return result;
        };
        QVERIFY(checkMappingRows(MappingKind::ShipMethod,
                                 {ship(QStringLiteral("12"), {}, QStringLiteral("UPS")),
                                  ship(QStringLiteral("13"), {}, QStringLiteral("My Courier"),
                                       QStringLiteral("https://c.example/{number}")),
                                  ship(QStringLiteral("14"), {}, {})})
                    .isEmpty());
        const QList<MappingIssue> issues = checkMappingRows(
            MappingKind::ShipMethod,
            {ship(QStringLiteral("12"), QStringLiteral("UPS Ground"), QStringLiteral("UPS")),
             ship(QStringLiteral("12"), {}, QStringLiteral("FedEx")),
             ship(QStringLiteral("13"), {}, QStringLiteral("My Courier")),
             ship(QStringLiteral("14"), {}, QStringLiteral("ups")),
             ship(QStringLiteral("15"), {}, QStringLiteral("UPS"), QStringLiteral("ftp://x")),
             ship(QStringLiteral("16"), {}, QStringLiteral("UPS"), QStringLiteral("https://x/")),
             ship(QString(), {}, QStringLiteral("UPS")),
             ship(QStringLiteral("UPS Ground"), {}, QStringLiteral("DHL"))});
        QCOMPARE(fields(issues), (QList<QPair<int, MappingField>>{{1, MappingField::Source},
                                                                  {2, MappingField::Target},
                                                                  {3, MappingField::Target},
                                                                  {4, MappingField::Extra},
                                                                  {5, MappingField::Extra},
                                                                  {6, MappingField::Source},
                                                                  {7, MappingField::Source}}));
        QVERIFY2(issues.at(0).text.contains(QStringLiteral("row 1")),
                 qPrintable(issues.at(0).text));
        QVERIFY2(issues.at(2).text.contains(QStringLiteral("\"UPS\"")),
                 qPrintable(issues.at(2).text));
        QVERIFY2(issues.at(6).text.contains(QStringLiteral("Ambiguous")),
                 qPrintable(issues.at(6).text));

        QCOMPARE(fields(checkMappingRows(
                     MappingKind::Location,
                     {{MappingKind::Location, QStringLiteral("7"), {}, QStringLiteral("main"), {}},
                      {MappingKind::Location,
                       QStringLiteral("8"),
                       {},
                       QStringLiteral("gid://shopify/Location/12"),
                       {}}})),
                 (QList<QPair<int, MappingField>>{{0, MappingField::Target}}));
        QCOMPARE(
            fields(checkMappingRows(MappingKind::CustomField,
                                    {{MappingKind::CustomField, QStringLiteral("message"),
                                      QStringLiteral("order.tranId"), QStringLiteral("template"),
                                      QStringLiteral("no placeholder")},
                                     {MappingKind::CustomField,
                                      QStringLiteral("message"),
                                      QStringLiteral("order.tranId"),
                                      QStringLiteral("copy"),
                                      {}},
                                     {MappingKind::CustomField,
                                      QStringLiteral("trackingInfo.url"),
                                      QStringLiteral("order.nothing"),
                                      QStringLiteral("copy"),
                                      {}},
                                     {MappingKind::CustomField,
                                      QStringLiteral("originAddress.city"),
                                      QString(),
                                      QStringLiteral("shout"),
                                      {}}})),
            (QList<QPair<int, MappingField>>{{0, MappingField::Extra},
                                             {1, MappingField::Source},
                                             {2, MappingField::SourceName},
                                             {3, MappingField::Target}}));
    }
};

QTEST_GUILESS_MAIN(TestMappingStore)
#include "tst_mappingstore.moc"
