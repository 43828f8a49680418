// Switching over from another connector, the whole way (issue 23, item 3): the real
// fulfillsync-worker against the sandbox on loopback, whose Shopify store already holds what
// "another tool" pushed before the switch (sandbox/scenarios/switchover.json):
//   SO1101  IF2101 tracked, in the store with its tracking           -> adopted, never sent
//   SO1102  IF2102 in the store, IF2103 not (a partial order)        -> adopt one, push the other
//   SO1103  IF2104 untracked, the store has those lines untracked    -> adopted by lines
//   SO1104  IF2105 + IF2106 untracked, the store has one of them     -> both held, candidates named
//   SO1105  IF2107 tracked, nothing in the store                     -> pushed
//   SO1106  IF2108 tracked, the store has the same lines under
//           other tracking numbers                                   -> held, never a duplicate
// The dry run of the first pass tells the same in advance and changes nothing.

#include "testutils/workerharness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;

class TestSwitchoverStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::WorkerHarness> m_harness;

    // The store's fulfillments per Shopify order id.
    QHash<qint64, int> fulfillmentsPerOrder()
    {
        QHash<qint64, int> counts;
        const QJsonObject state = m_harness->state();
        for (const QJsonValue &order :
             state[QStringLiteral("channels")][0][QStringLiteral("orders")].toArray())
            counts.insert(order[QStringLiteral("id")].toInteger(),
                          int(order[QStringLiteral("fulfillments")].toArray().size()));
        return counts;
    }

    // The connector's "take over from" day, as the Connectors form saves it.
    void takeOverFrom(const QString &day)
    {
        const QString name = QStringLiteral("switchover-connector");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_harness->databaseUrl().mid(int(qstrlen("sqlite://"))));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.prepare(QStringLiteral("UPDATE connectors SET take_over_from = ?")));
            q.addBindValue(day);
            QVERIFY(q.exec());
            QVERIFY(q.numRowsAffected() > 0);
        }
        QSqlDatabase::removeDatabase(name);
    }

    test::WorkerHarness::Run dryRun()
    {
        return m_harness->runToEnd({QStringLiteral("--timeout"), QStringLiteral("5"),
                                    QStringLiteral("sync"), QStringLiteral("--once"),
                                    QStringLiteral("--dry-run")});
    }

    int queryInt(const QString &sql)
    {
        int value = -1;
        const QString name = QStringLiteral("switchover-query");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_harness->databaseUrl().mid(int(qstrlen("sqlite://"))));
            QSqlQuery q(db);
            if (db.open() && q.exec(sql) && q.next())
                value = q.value(0).toInt();
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    }

    QHash<qint64, QString> ledgerStates()
    {
        QHash<qint64, QString> states;
        const QString name = QStringLiteral("switchover-ledger");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_harness->databaseUrl().mid(int(qstrlen("sqlite://"))));
            if (db.open()) {
                QSqlQuery q(QStringLiteral("SELECT fulfillment_id, state FROM pushed_fulfillments"),
                            db);
                while (q.next())
                    states.insert(q.value(0).toLongLong(), q.value(1).toString());
            }
        }
        QSqlDatabase::removeDatabase(name);
        return states;
    }

    const QHash<qint64, int> m_prefilled{{5101, 1}, {5102, 1}, {5103, 1},
                                         {5104, 1}, {5105, 0}, {5106, 1}};

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
                   QStringLiteral("/sandbox/scenarios/switchover.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_harness =
            std::make_unique<test::WorkerHarness>(qEnvironmentVariable("FULFILLSYNC_WORKER"));
        QString error;
        QVERIFY2(m_harness->start(QJsonDocument::fromJson(file.readAll()).object(), &error),
                 qPrintable(error));
        QCOMPARE(fulfillmentsPerOrder(), m_prefilled); // the other tool's work is there
    }

    // The first pass starts on the connector's take-over day: everything the other tool did
    // before it (here: all of it, by 20 November) is not this connector's to read.
    void theFirstPassStartsOnTheTakeOverDay()
    {
        m_harness->setSince({}); // as a person runs it: the connector's day decides
        takeOverFrom(QStringLiteral("2026-11-21"));
        const auto run = dryRun();
        QVERIFY2(!run.crashed && !run.hung, run.output.constData());
        const QString said = QString::fromUtf8(run.output);
        QVERIFY2(said.contains(QStringLiteral("Would push 0")) &&
                     said.contains(QStringLiteral("Would adopt 0")),
                 qPrintable(said));
        takeOverFrom(QStringLiteral("2026-11-18"));
    }

    void theDryRunTellsWhatItWouldPushAndAdoptAndChangesNothing()
    {
        const auto run = dryRun();
        QVERIFY2(!run.crashed && !run.hung, run.output.constData());
        const QString said = QString::fromUtf8(run.output);
        QVERIFY2(said.contains(QStringLiteral("Would push 2: SO1102/IF2103, SO1105/IF2107")),
                 qPrintable(said));
        QVERIFY2(said.contains(
                     QStringLiteral("Would adopt 3: SO1101/IF2101, SO1102/IF2102, SO1103/IF2104")),
                 qPrintable(said));
        QCOMPARE(fulfillmentsPerOrder(), m_prefilled);
        QVERIFY(ledgerStates().isEmpty());
    }

    void theFirstPassAdoptsPushesOnlyWhatIsMissingAndHoldsTheRest()
    {
        const auto run = m_harness->runToEnd();
        QVERIFY2(!run.crashed && !run.hung, run.output.constData());
        QCOMPARE(run.exitCode, 1); // three fulfillments wait for a person: not "all synced"
        QVERIFY2(run.output.contains("3 fulfillment(s) another tool had put in the channel were "
                                     "adopted"),
                 run.output.constData());
        QCOMPARE(queryInt(QStringLiteral("SELECT SUM(adopted) FROM sync_runs")), 3); // Jobs
        const QHash<qint64, int> expected{{5101, 1}, {5102, 2}, {5103, 1},
                                          {5104, 1}, {5105, 1}, {5106, 1}};
        QCOMPARE(fulfillmentsPerOrder(), expected);
        const test::WorkerHarness::Tally tally = m_harness->tally(2);
        QCOMPARE(tally.duplicates, 0);
        QCOMPARE(tally.overFulfilledLines, 0);
        const QHash<qint64, QString> ledger = ledgerStates();
        QCOMPARE(ledger.value(2101), QStringLiteral("adopted"));
        QCOMPARE(ledger.value(2102), QStringLiteral("adopted"));
        QCOMPARE(ledger.value(2104), QStringLiteral("adopted"));
        QCOMPARE(ledger.value(2103), QStringLiteral("pushed"));
        QCOMPARE(ledger.value(2107), QStringLiteral("pushed"));
        for (qint64 held : {2105, 2106, 2108})
            QVERIFY2(!ledger.contains(held), qPrintable(QString::number(held)));

        const auto inbox = m_harness->runToEnd(
            {QStringLiteral("inbox"), QStringLiteral("list"), QStringLiteral("--json")});
        const QString items = QString::fromUtf8(inbox.output);
        for (const char *fulfillment : {"IF2105", "IF2106", "IF2108"})
            QVERIFY2(items.contains(QLatin1String(fulfillment)), qPrintable(items));
        QVERIFY2(items.contains(QStringLiteral("could each be it")), qPrintable(items));
    }

    // Of the two untracked item fulfillments one channel fulfillment could be, a person says
    // which (after the channel was read): that one is adopted, the other is pushed; a wrong
    // choice is refused.
    void aPersonChoosesWhichOneItIs()
    {
        const auto reconciled = m_harness->runToEnd(
            {QStringLiteral("reconcile"), QStringLiteral("--since"), QStringLiteral("2026-11-01")});
        QCOMPARE(reconciled.exitCode, 1); // SO1104 and SO1106 do not match yet
        const auto inbox = m_harness->runToEnd(
            {QStringLiteral("inbox"), QStringLiteral("list"), QStringLiteral("--json")});
        qint64 item = 0;
        for (const QByteArray &line : inbox.output.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o[QStringLiteral("fulfillment")].toString() == u"IF2105")
                item = o[QStringLiteral("id")].toInteger();
        }
        QVERIFY2(item != 0, inbox.output.constData());
        const QString id = QString::number(item);
        const auto offered =
            m_harness->runToEnd({QStringLiteral("inbox"), QStringLiteral("adopt"), id});
        QCOMPARE(offered.exitCode, 0);
        const QString candidate = QString::fromUtf8(offered.output.split('\t').first()).trimmed();
        QVERIFY2(!candidate.isEmpty() && candidate.at(0).isDigit(), offered.output.constData());

        const auto wrong = m_harness->runToEnd({QStringLiteral("inbox"), QStringLiteral("adopt"),
                                                id, QStringLiteral("4199999999"),
                                                QStringLiteral("--reason"), QStringLiteral("x")});
        QCOMPARE(wrong.exitCode, 2);
        const auto adopted = m_harness->runToEnd({QStringLiteral("inbox"), QStringLiteral("adopt"),
                                                  id, candidate, QStringLiteral("--reason"),
                                                  QStringLiteral("the old connector's shipment")});
        QVERIFY2(adopted.exitCode == 0, adopted.output.constData());
        QCOMPARE(ledgerStates().value(2105), QStringLiteral("adopted"));

        m_harness->runToEnd(); // IF2106 is no longer "one of two": it goes out
        QCOMPARE(ledgerStates().value(2106), QStringLiteral("pushed"));
        QCOMPARE(fulfillmentsPerOrder().value(5104), 2);
        QCOMPARE(m_harness->tally(2).overFulfilledLines, 0);
    }

    void laterPassesSendNothingMore()
    {
        const auto run = m_harness->runToEnd();
        QVERIFY2(!run.crashed && !run.hung, run.output.constData());
        QCOMPARE(fulfillmentsPerOrder().value(5102), 2);
        int total = 0;
        for (int n : fulfillmentsPerOrder())
            total += n;
        QCOMPARE(total, 8);
    }
};

QTEST_GUILESS_MAIN(TestSwitchoverStore)
#include "tst_switchoverstore.moc"
