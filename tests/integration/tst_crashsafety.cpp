// Never a duplicate, proven the hard way: fulfillsync-worker is killed with SIGKILL at random
// moments of a sync over 500+ fulfillments and restarted, again and again; then the same with
// the sandbox failing 20 % of requests (429, 5xx, hangs, commit-then-fail). At the end every
// shipped fulfillment must exist exactly once in the channel.

#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "sandbox/sandboxserver.h"
#include "testutils/scenariobuilder.h"
#include "testutils/tempdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fulfillsync;

class TestCrashSafety : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_network;
    int m_expected = 0;
    QRandomGenerator m_random{20261126};

    QString databaseUrl() const
    {
        return QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("crash.db"));
    }
    QString credentialsPath() const { return m_dir.filePath(QStringLiteral("credentials.json")); }

    QJsonObject post(const QString &path, const QJsonObject &body)
    {
        QNetworkRequest request(m_sandbox->baseUrl().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QProcess *startWorker()
    {
        auto *process = new QProcess(this);
        process->start(qEnvironmentVariable("FULFILLSYNC_WORKER"),
                       {QStringLiteral("--database"), databaseUrl(),
                        QStringLiteral("--credentials"), credentialsPath(),
                        QStringLiteral("--since"), QStringLiteral("2000-01-01"),
                        QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("sync"),
                        QStringLiteral("--once")});
        return process;
    }

    // Runs the worker to its end (the sandbox keeps serving meanwhile); returns its exit code.
    int runToEnd()
    {
        QProcess *process = startWorker();
        QSignalSpy finished(process, &QProcess::finished);
        finished.wait(180000);
        const int code = process->exitCode();
        const QByteArray output =
            process->readAllStandardOutput() + process->readAllStandardError();
        if (code != 0) {
            QProcess history;
            history.start(qEnvironmentVariable("FULFILLSYNC_WORKER"),
                          {QStringLiteral("--database"), databaseUrl(), QStringLiteral("history"),
                           QStringLiteral("--limit"), QStringLiteral("2")});
            QSignalSpy historyDone(&history, &QProcess::finished);
            historyDone.wait(30000);
            qInfo("worker exit %d: %s\nlatest: %s", code, output.right(600).constData(),
                  history.readAllStandardOutput().constData());
        }
        process->deleteLater();
        return code;
    }

    void killRepeatedly(int times, int maxDelayMs)
    {
        for (int i = 0; i < times; ++i) {
            QProcess *process = startWorker();
            QTest::qWait(30 + int(m_random.bounded(maxDelayMs)));
            process->kill(); // SIGKILL: no chance to clean up
            QSignalSpy finished(process, &QProcess::finished);
            if (process->state() != QProcess::NotRunning)
                finished.wait(10000);
            process->deleteLater();
        }
    }

    void clearQuarantine()
    {
        QProcess process;
        process.start(qEnvironmentVariable("FULFILLSYNC_WORKER"),
                      {QStringLiteral("--database"), databaseUrl(), QStringLiteral("quarantine"),
                       QStringLiteral("clear")});
        QSignalSpy finished(&process, &QProcess::finished);
        finished.wait(30000);
    }

    // Every tracking number of the scenario exactly once in the channel, and never more units
    // fulfilled than ordered.
    void verifyExactlyOnce()
    {
        QNetworkReply *reply = m_network.get(QNetworkRequest(
            m_sandbox->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/state")))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(30000));
        const QJsonObject state = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QHash<QString, int> seen;
        int fulfillments = 0;
        for (const QJsonValue &order :
             state[QStringLiteral("channels")][0][QStringLiteral("orders")].toArray()) {
            QHash<qint64, double> fulfilled;
            for (const QJsonValue &f : order[QStringLiteral("fulfillments")].toArray()) {
                ++fulfillments;
                for (const QJsonValue &n : f[QStringLiteral("trackingNumbers")].toArray())
                    ++seen[n.toString()];
                for (const QJsonValue &li : f[QStringLiteral("lineItems")].toArray())
                    fulfilled[li[QStringLiteral("lineItemId")].toInteger()] +=
                        li[QStringLiteral("quantity")].toDouble();
            }
            for (double quantity : std::as_const(fulfilled))
                QVERIFY(quantity <= 2);
        }
        int duplicates = 0;
        for (int count : std::as_const(seen))
            duplicates += count - 1;
        qInfo("channel fulfillments %d, expected %d, distinct tracking numbers %d, duplicates %d",
              fulfillments, m_expected, int(seen.size()), duplicates);
        QCOMPARE(duplicates, 0);
        QCOMPARE(int(seen.size()), m_expected);
        QCOMPARE(fulfillments, m_expected);
    }

    void converge(int maxRuns)
    {
        for (int run = 0; run < maxRuns; ++run) {
            clearQuarantine();
            if (runToEnd() == 0)
                return;
        }
        QFAIL("the worker did not converge");
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("crash.db")));
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        QVERIFY2(
            m_sandbox->loadScenario(
                test::shippedOrdersScenario(420, QStringLiteral("unlimited"), &m_expected), &error),
            qPrintable(error));
        QVERIFY(m_expected >= 500);
        QVERIFY(m_sandbox->listen(0) != 0);
        Database database(DatabaseUrl::parse(databaseUrl()));
        QVERIFY2(database.openAndMigrate(&error), qPrintable(error));
        const DemoTarget target = demoTargetOf(*m_sandbox);
        QVERIFY2(configureDemo(database.connection(), target, &error) > 0, qPrintable(error));
        database.closeThreadConnection();
        QFile credentials(credentialsPath());
        QVERIFY(credentials.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(credentials.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        credentials.write(
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("netsuite"),
                     QJsonObject{{QStringLiteral("consumerKey"), target.netsuite.consumerKey},
                                 {QStringLiteral("consumerSecret"), target.netsuite.consumerSecret},
                                 {QStringLiteral("tokenId"), target.netsuite.tokenId},
                                 {QStringLiteral("tokenSecret"), target.netsuite.tokenSecret}}},
                    {QStringLiteral("channels"),
                     QJsonObject{{target.connectorName, target.accessToken}}}})
                .toJson());
    }

    void cleanup() { m_sandbox.reset(); }

    void killedAtRandomPointsNeverDuplicates()
    {
        killRepeatedly(40, 900);
        converge(3);
        verifyExactlyOnce();
    }

    void twentyPercentFaultsNeverDuplicate()
    {
        // Every kind of fault the issue names, each on a share of the requests it can hit.
        const QList<QJsonObject> faults = {
            {{QStringLiteral("match"), QStringLiteral("shopify.*")},
             {QStringLiteral("status"), 429},
             {QStringLiteral("probability"), 0.05},
             {QStringLiteral("count"), 100000},
             {QStringLiteral("seed"), 7}},
            {{QStringLiteral("match"), QStringLiteral("shopify.*")},
             {QStringLiteral("status"), 503},
             {QStringLiteral("probability"), 0.05},
             {QStringLiteral("count"), 100000}},
            {{QStringLiteral("match"), QStringLiteral("shopify.graphql.fulfillmentCreate")},
             {QStringLiteral("commitThenFail"), true},
             {QStringLiteral("status"), 502},
             {QStringLiteral("probability"), 0.06},
             {QStringLiteral("count"), 100000}},
            {{QStringLiteral("match"), QStringLiteral("shopify.graphql.fulfillmentCreate")},
             {QStringLiteral("hang"), true},
             {QStringLiteral("probability"), 0.02},
             {QStringLiteral("count"), 8}},
            {{QStringLiteral("match"), QStringLiteral("netsuite.suiteql")},
             {QStringLiteral("status"), 503},
             {QStringLiteral("probability"), 0.2},
             {QStringLiteral("count"), 100000}},
        };
        for (const QJsonObject &fault : faults)
            QVERIFY2(
                !post(QStringLiteral("/_sandbox/faults"), fault).contains(QStringLiteral("error")),
                "fault refused");
        killRepeatedly(15, 1500);
        for (int run = 0; run < 6; ++run) { // with faults on: progress, but failures too
            clearQuarantine();
            runToEnd();
        }
        QNetworkReply *reply = m_network.deleteResource(QNetworkRequest(
            m_sandbox->baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/faults")))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        reply->deleteLater();
        converge(4);
        verifyExactlyOnce();
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
