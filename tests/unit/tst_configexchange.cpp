// Configuration export/import: round trip, validation that names the path, no secrets, one
// transaction (nested savepoints underneath).

#include "models/storage/configexchange.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/sqlerror.h"
#include "testutils/tempdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {
QJsonObject sample()
{
    return QJsonDocument::fromJson(
               QByteArrayLiteral(
                   "{\"format\":\"fulfillsync-config/"
                   "1\",\"netsuite\":{\"accountId\":\"1234567_SB1\",\"baseUrl\":\"\"},"
                   "\"connectors\":[{\"name\":\"main-store\",\"kind\":\"shopify\",\"channel\":"
                   "\"Shopify\","
                   "\"endpoint\":\"https://"
                   "acme.myshopify.com\",\"intervalMinutes\":10,\"triggerStatuses\":[\"D\",\"F\"],"
                   "\"unmappedPolicy\":\"default\",\"defaultCarrier\":\"Other\",\"updateTracking\":"
                   "false,\"takeOverFrom\":\"2026-12-01\","
                   "\"mappings\":[{\"kind\":\"ship_method\",\"source\":\"12\",\"sourceName\":\"UPS "
                   "Ground\",\"target\":\"UPS\"},"
                   "{\"kind\":\"item\",\"source\":\"503\",\"target\":\"CAP-BLK\"}]}]}"))
        .object();
}
} // namespace

class TestConfigExchange : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;

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
    }
    void cleanup() { m_temp.reset(); }

    void roundTrip()
    {
        QSqlDatabase db = m_temp->database().connection();
        QString error;
        QVERIFY2(ConfigExchange::importConfig(db, sample(), &error), qPrintable(error));
        const auto connector = ConnectorRepository(db).byName(QStringLiteral("main-store"));
        QVERIFY(connector);
        QCOMPARE(connector->intervalMinutes, 10);
        QCOMPARE(connector->triggerStatuses,
                 (QStringList{QStringLiteral("D"), QStringLiteral("F")}));
        QCOMPARE(connector->unmappedPolicy, UnmappedPolicy::UseDefault);
        QVERIFY(!connector->updateTracking);
        QCOMPARE(connector->takeOverFrom, QDate(2026, 12, 1));
        QCOMPARE(MappingRepository(db).rules(connector->id).size(), 2);
        const QJsonObject exported = ConfigExchange::exportConfig(db, &error);
        QCOMPARE(
            exported[QStringLiteral("connectors")][0][QStringLiteral("mappings")].toArray().size(),
            2);
        // Importing the export again changes nothing and duplicates nothing.
        QVERIFY(ConfigExchange::importConfig(db, exported, &error));
        QCOMPARE(ConnectorRepository(db).all().size(), 1);
        QCOMPARE(ConfigExchange::exportConfig(db, &error), exported);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong type") << "intervalMinutes" << QJsonValue(QStringLiteral("ten"))
                                    << "connectors[0].intervalMinutes";
        QTest::newRow("zero interval") << "intervalMinutes" << QJsonValue(0) << "at least 1";
        QTest::newRow("bad status")
            << "triggerStatuses" << QJsonValue(QJsonArray{QStringLiteral("Z")}) << "\"Z\"";
        QTest::newRow("bad policy")
            << "unmappedPolicy" << QJsonValue(QStringLiteral("guess")) << "unmappedPolicy";
        QTest::newRow("no endpoint")
            << "endpoint" << QJsonValue() << "connectors[0].endpoint: missing";
        QTest::newRow("bad kind") << "kind" << QJsonValue(QStringLiteral("ebay"))
                                  << "connectors[0].kind";
        QTest::newRow("statuses not a list")
            << "triggerStatuses" << QJsonValue(QStringLiteral("DF"))
            << "connectors[0].triggerStatuses: expected a list";
        QTest::newRow("status not text")
            << "triggerStatuses" << QJsonValue(QJsonArray{4}) << "connectors[0].triggerStatuses";
        QTest::newRow("mappings not a list")
            << "mappings" << QJsonValue(QJsonObject{}) << "connectors[0].mappings: expected a list";
        QTest::newRow("mapping not an object") << "mappings" << QJsonValue(QJsonArray{7})
                                               << "connectors[0].mappings[0]: expected an object";
        QTest::newRow("huge interval") << "intervalMinutes" << QJsonValue(3e9) << "at least 1";
        QTest::newRow("alert emails not a list")
            << "alertEmails" << QJsonValue(QStringLiteral("a@b.c"))
            << "connectors[0].alertEmails: expected a list";
        QTest::newRow("take-over day not a date")
            << "takeOverFrom" << QJsonValue(QStringLiteral("last week"))
            << "connectors[0].takeOverFrom: expected a date";
        QTest::newRow("alert interval zero")
            << "alertEveryMinutes" << QJsonValue(0) << "connectors[0].alertEveryMinutes";
        QTest::newRow("webhook is a secret")
            << "alertWebhook" << QJsonValue(QStringLiteral("https://hooks.slack.com/T/B/tok"))
            << "connectors[0].alertWebhook";
    }

    // A refused import leaves the stored connector and its mappings exactly as they were.
    void refusedImportKeepsWhatWasStored()
    {
        QSqlDatabase db = m_temp->database().connection();
        QString error;
        QVERIFY2(ConfigExchange::importConfig(db, sample(), &error), qPrintable(error));
        const QJsonObject before = ConfigExchange::exportConfig(db, &error);
        for (const QJsonValue &bad : {QJsonValue(QJsonObject{}), QJsonValue(QStringLiteral("x"))}) {
            QJsonObject config = sample();
            QJsonArray connectors = config[QStringLiteral("connectors")].toArray();
            QJsonObject c = connectors.at(0).toObject();
            c.insert(QStringLiteral("mappings"), bad);
            c.insert(QStringLiteral("triggerStatuses"), bad);
            connectors[0] = c;
            config.insert(QStringLiteral("connectors"), connectors);
            QVERIFY(!ConfigExchange::importConfig(db, config, &error));
            QCOMPARE(ConfigExchange::exportConfig(db, &error), before);
        }
    }
    void refusals()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject config = sample();
        QJsonArray connectors = config[QStringLiteral("connectors")].toArray();
        QJsonObject c = connectors.at(0).toObject();
        if (value.isNull())
            c.remove(path);
        else
            c.insert(path, value);
        connectors[0] = c;
        config.insert(QStringLiteral("connectors"), connectors);
        QString error;
        QVERIFY(!ConfigExchange::importConfig(m_temp->database().connection(), config, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(ConnectorRepository(m_temp->database().connection())
                    .all()
                    .isEmpty()); // nothing half-written
    }

    void secretsAreRefused()
    {
        QJsonObject config = sample();
        QJsonObject ns = config[QStringLiteral("netsuite")].toObject();
        ns.insert(QStringLiteral("tokenSecret"), QStringLiteral("s3cret"));
        config.insert(QStringLiteral("netsuite"), ns);
        QString error;
        QVERIFY(!ConfigExchange::importConfig(m_temp->database().connection(), config, &error));
        QVERIFY(error.contains(QStringLiteral("netsuite.tokenSecret")));
        QVERIFY(!error.contains(QStringLiteral("s3cret")));
    }

    // Two connectors on one channel value would both push its orders and neither would own
    // their state: refused, in one file and against a stored connector.
    void oneConnectorPerChannelValue()
    {
        QSqlDatabase db = m_temp->database().connection();
        QString error;
        QVERIFY2(ConfigExchange::importConfig(db, sample(), &error), qPrintable(error));
        QJsonObject config = sample();
        QJsonArray connectors = config[QStringLiteral("connectors")].toArray();
        QJsonObject second = connectors.at(0).toObject();
        second.insert(QStringLiteral("name"), QStringLiteral("outlet"));
        config.insert(QStringLiteral("connectors"), QJsonArray{second});
        QVERIFY(!ConfigExchange::importConfig(db, config, &error));
        QVERIFY2(error.contains(QStringLiteral("main-store")), qPrintable(error));
        QCOMPARE(ConnectorRepository(db).all().size(), 1);
        // Moving main-store to another value in the same file frees "Shopify" for outlet.
        QJsonObject moved = connectors.at(0).toObject();
        moved.insert(QStringLiteral("channel"), QStringLiteral("Shopify EU"));
        config.insert(QStringLiteral("connectors"), QJsonArray{moved, second});
        QVERIFY2(ConfigExchange::importConfig(db, config, &error), qPrintable(error));
        QCOMPARE(ConnectorRepository(db).all().size(), 2);
    }

    // 3PL connectors import and export beside the channel connectors: no channel value, so two
    // of them never clash over one.
    void threePlConnectorsRoundTrip()
    {
        QSqlDatabase db = m_temp->database().connection();
        QString error;
        QJsonObject config = sample();
        QJsonArray connectors = config[QStringLiteral("connectors")].toArray();
        for (const char *name : {"east-3pl", "west-3pl"})
            connectors.append(QJsonObject{
                {QStringLiteral("name"), QLatin1String(name)},
                {QStringLiteral("kind"), QStringLiteral("shipstation")},
                {QStringLiteral("channel"), QStringLiteral("Shopify")}, // ignored: no channel
                {QStringLiteral("endpoint"), QStringLiteral("https://ssapi.shipstation.com")},
                {QStringLiteral("mappings"),
                 QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("location")},
                                        {QStringLiteral("source"), QStringLiteral("2")},
                                        {QStringLiteral("target"), QStringLiteral("55")}}}}});
        config.insert(QStringLiteral("connectors"), connectors);
        QVERIFY2(ConfigExchange::importConfig(db, config, &error), qPrintable(error));
        const auto east = ConnectorRepository(db).byName(QStringLiteral("east-3pl"));
        QVERIFY(east);
        QCOMPARE(east->kind, QStringLiteral("shipstation"));
        QCOMPARE(east->channel, QString());
        QCOMPARE(MappingRepository(db).rules(east->id).size(), 1);
        const QJsonObject exported = ConfigExchange::exportConfig(db, &error);
        QVERIFY2(ConfigExchange::importConfig(db, exported, &error), qPrintable(error));
        QCOMPARE(ConnectorRepository(db).all().size(), 3);
        QCOMPARE(ConfigExchange::exportConfig(db, &error), exported);
    }

    void alertSettingsRoundTripWithoutSecrets()
    {
        QSqlDatabase db = m_temp->database().connection();
        QJsonObject config = sample();
        config.insert(
            QStringLiteral("mailServer"),
            QJsonObject{{QStringLiteral("url"), QStringLiteral("smtp://mail.acme.test:587")},
                        {QStringLiteral("username"), QStringLiteral("alerts")},
                        {QStringLiteral("sender"), QStringLiteral("fs@acme.test")}});
        QJsonArray connectors = config[QStringLiteral("connectors")].toArray();
        QJsonObject c = connectors.at(0).toObject();
        c.insert(QStringLiteral("alertEmails"), QJsonArray{QStringLiteral("ops@acme.test")});
        c.insert(QStringLiteral("alertEveryMinutes"), 15);
        connectors[0] = c;
        config.insert(QStringLiteral("connectors"), connectors);
        QString error;
        QVERIFY2(ConfigExchange::importConfig(db, config, &error), qPrintable(error));
        const auto connector = ConnectorRepository(db).byName(QStringLiteral("main-store"));
        QCOMPARE(connector->alertEmails, QStringList{QStringLiteral("ops@acme.test")});
        QCOMPARE(connector->alertEveryMinutes, 15);
        const QJsonObject exported = ConfigExchange::exportConfig(db, &error);
        QCOMPARE(exported[QStringLiteral("mailServer")][QStringLiteral("url")].toString(),
                 QStringLiteral("smtp://mail.acme.test:587"));
        QVERIFY(!exported[QStringLiteral("mailServer")].toObject().contains(
            QStringLiteral("password")));

        QJsonObject withPassword = config;
        QJsonObject server = config[QStringLiteral("mailServer")].toObject();
        server.insert(QStringLiteral("password"), QStringLiteral("hunter2"));
        withPassword.insert(QStringLiteral("mailServer"), server);
        QVERIFY(!ConfigExchange::importConfig(db, withPassword, &error));
        QVERIFY(error.contains(QStringLiteral("mailServer.password")));
        QVERIFY(!error.contains(QStringLiteral("hunter2")));
    }

    void nestedTransactionsAreSavepoints()
    {
        QSqlDatabase db = m_temp->database().connection();
        QString error;
        {
            Transaction outer(db);
            QVERIFY(outer.isActive());
            ConnectorRepository repo(db);
            Connector kept;
            kept.name = QStringLiteral("kept");
            QVERIFY(repo.save(kept));
            {
                Transaction inner(db);
                QVERIFY(inner.isActive());
                Connector dropped;
                dropped.name = QStringLiteral("dropped");
                QVERIFY(repo.save(dropped));
            } // inner rolled back
            QVERIFY2(outer.commit(&error), qPrintable(error));
        }
        QStringList names;
        for (const Connector &c : ConnectorRepository(db).all())
            names << c.name;
        QCOMPARE(names, QStringList{QStringLiteral("kept")});
    }
};

QTEST_GUILESS_MAIN(TestConfigExchange)
#include "tst_configexchange.moc"
