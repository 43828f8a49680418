// Which database the window opens: the demo never writes into the real one.

#include "app/startupdatabase.h"

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
};

QTEST_GUILESS_MAIN(TestStartupDatabase)
#include "tst_startupdatabase.moc"
