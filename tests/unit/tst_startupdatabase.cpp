// Which database the window opens: the demo never writes into the real one, nor into the real
// settings; a configured database that does not open asks for another instead of ending.

#include "app/startupdatabase.h"
#include "models/storage/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace fulfillsync;

class TestStartupDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realRunUsesTheConfiguredOrTheGivenDatabase()
    {
        const QString real = QStringLiteral("postgresql://team@db.example/fulfillsync");
        QCOMPARE(chooseStartupDatabase(false, {}, real, QStringLiteral("/tmp/x")).url, real);
        QCOMPARE(chooseStartupDatabase(false, QStringLiteral("sqlite:///tmp/a.db"), real,
                                       QStringLiteral("/tmp/x"))
                     .url,
                 QStringLiteral("sqlite:///tmp/a.db"));
    }

    void demoGetsADatabaseOfItsOwn()
    {
        const QString real = QStringLiteral("postgresql://team@db.example/fulfillsync");
        const StartupDatabase demo =
            chooseStartupDatabase(true, {}, real, QStringLiteral("/tmp/demo-folder"));
        QVERIFY(demo.error.isEmpty());
        QCOMPARE(demo.url, QStringLiteral("sqlite:///tmp/demo-folder/fulfillsync-demo.db"));
    }

    void demoRefusesTheRealDatabase_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("configured");
        QTest::newRow("a team PostgreSQL") << QStringLiteral("postgresql://team@db/fs")
                                           << QStringLiteral("sqlite:///home/a/fs.db");
        QTest::newRow("the configured file")
            << QStringLiteral("sqlite:///home/a/fs.db") << QStringLiteral("sqlite:///home/a/fs.db");
        QTest::newRow("the same file, spelled otherwise")
            << QStringLiteral("sqlite:///home/a/../a/fs.db")
            << QStringLiteral("sqlite:///home/a/fs.db");
    }

    void demoRefusesTheRealDatabase()
    {
        QFETCH(QString, given);
        QFETCH(QString, configured);
        const StartupDatabase chosen =
            chooseStartupDatabase(true, given, configured, QStringLiteral("/tmp/demo"));
        QVERIFY(chosen.url.isEmpty());
        QVERIFY(!chosen.error.isEmpty());
    }

    void demoMayUseAScratchFile()
    {
        const StartupDatabase chosen =
            chooseStartupDatabase(true, QStringLiteral("sqlite:///tmp/shot.db"),
                                  QStringLiteral("sqlite:///home/a/fs.db"), QStringLiteral("/d"));
        QVERIFY(chosen.error.isEmpty());
        QCOMPARE(chosen.url, QStringLiteral("sqlite:///tmp/shot.db"));
    }

    // A start whose database does not open asks (the window shows DatabaseRecoveryDialog)
    // instead of ending, and goes on with what the admin chose.
    void aDatabaseThatDoesNotOpenAsksForAnother()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        // Nobody listens there: PostgreSQL refuses at once.
        const QString broken = QStringLiteral("postgresql://nobody@127.0.0.1:1/none");
        const QString working =
            QStringLiteral("sqlite://") + folder.filePath(QStringLiteral("fs.db"));
        QStringList asked;
        QString why;
        QString opened;
        QString error;
        std::unique_ptr<Database> database = openStartupDatabase(
            broken,
            [&](const QString &failedUrl, const QString &reason) {
                asked << failedUrl;
                why = reason;
                return working;
            },
            &opened, &error);
        QVERIFY(database);
        QCOMPARE(asked, QStringList{broken});
        QVERIFY(!why.isEmpty());
        QCOMPARE(opened, working);
        QVERIFY(database->connection().isOpen());
        database->closeThreadConnection();
        database.reset();

        // Asked again as long as the choice does not open either; an empty answer is Quit.
        asked.clear();
        database = openStartupDatabase(
            broken,
            [&](const QString &failedUrl, const QString &) {
                asked << failedUrl;
                return asked.size() < 2 ? QStringLiteral("mysql://nope") : QString();
            },
            &opened, &error);
        QVERIFY(!database);
        QCOMPARE(asked, (QStringList{broken, QStringLiteral("mysql://nope")}));
        QVERIFY(!error.isEmpty());
    }

    void demoIsKnownBeforeTheCommandLineIsParsed_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("demo");
        const QString app = QStringLiteral("fulfillsync");
        QTest::newRow("plain") << QStringList{app} << false;
        QTest::newRow("--demo") << QStringList{app, QStringLiteral("--demo")} << true;
        QTest::newRow("--scenario file")
            << QStringList{app, QStringLiteral("--scenario"), QStringLiteral("a.json")} << true;
        QTest::newRow("--scenario=file")
            << QStringList{app, QStringLiteral("--scenario=a.json")} << true;
        QTest::newRow("--demo-orders alone")
            << QStringList{app, QStringLiteral("--demo-orders"), QStringLiteral("5")} << false;
        QTest::newRow("a database named --demo")
            << QStringList{app, QStringLiteral("--"), QStringLiteral("--demo")} << false;
    }

    void demoIsKnownBeforeTheCommandLineIsParsed()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, demo);
        QCOMPARE(isDemoRun(arguments), demo);
    }

    // Whatever the demo saves stays in its own scope; it starts with the admin's language and
    // theme, and never writes them back.
    void theDemoHasASettingsScopeOfItsOwn()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder.path());
        QCoreApplication::setOrganizationName(QStringLiteral("fulfillsync-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("fulfillsync"));
        const QString realUrl = QStringLiteral("postgresql://team@db.example/fulfillsync");
        {
            QSettings real;
            real.setValue(QStringLiteral("database/url"), realUrl);
            real.setValue(QStringLiteral("appearance/theme"), QStringLiteral("dark"));
            real.setValue(QStringLiteral("window/geometry"), QByteArray("real"));
        }
        enterDemoSettingsScope({QStringLiteral("appearance/theme")});
        QCOMPARE(QCoreApplication::applicationName(), demoApplicationName());
        {
            QSettings demo;
            QCOMPARE(demo.value(QStringLiteral("appearance/theme")).toString(),
                     QStringLiteral("dark"));
            QVERIFY(!demo.contains(QStringLiteral("database/url")));
            QVERIFY(!demo.contains(QStringLiteral("window/geometry")));
            demo.setValue(QStringLiteral("database/url"), QStringLiteral("sqlite:///tmp/x.db"));
            demo.setValue(QStringLiteral("appearance/theme"), QStringLiteral("light"));
            demo.setValue(QStringLiteral("window/geometry"), QByteArray("demo"));
            demo.setValue(QStringLiteral("views/history/views"), QStringLiteral("demo view"));
        }
        const QSettings real(QSettings::IniFormat, QSettings::UserScope,
                             QStringLiteral("fulfillsync-tests"), QStringLiteral("fulfillsync"));
        QCOMPARE(real.value(QStringLiteral("database/url")).toString(), realUrl);
        QCOMPARE(real.value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));
        QCOMPARE(real.value(QStringLiteral("window/geometry")).toByteArray(), QByteArray("real"));
        QVERIFY(!real.contains(QStringLiteral("views/history/views")));
        QCoreApplication::setApplicationName(QStringLiteral("fulfillsync"));
        QCOMPARE(configuredDatabaseUrl(), realUrl); // the real app still finds its database
    }
};

QTEST_GUILESS_MAIN(TestStartupDatabase)
#include "tst_startupdatabase.moc"
