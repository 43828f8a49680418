// fulfillsync-worker as a user runs it: real process, real SQLite file, the sandbox on loopback.

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/databaseurl.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/leaserepository.h"
#include "models/storage/quarantinerepository.h"
#include "sandbox/server/sandboxserver.h"
#include "testutils/loopbackreceivers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>

using namespace fulfillsync;

class TestWorkerCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    // Runs the worker while this thread keeps serving the sandbox (no blocking waits).
    Run worker(const QStringList &arguments)
    {
        QProcess process;
        process.start(qEnvironmentVariable("FULFILLSYNC_WORKER"), arguments);
        QSignalSpy finished(&process, &QProcess::finished);
        if (!finished.wait(60000)) {
            process.kill();
            return {};
        }
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QString databaseArg() const
    {
        return QStringLiteral("--database=sqlite://") + m_dir.filePath(QStringLiteral("w.db"));
    }
    QString credentialsPath() const { return m_dir.filePath(QStringLiteral("credentials.json")); }

    // Acts on the worker's database directly (as another process would) with main-store.
    void withConnector(const std::function<void(QSqlDatabase, const Connector &)> &act)
    {
        Database database(DatabaseUrl::parse(databaseArg().mid(11)));
        QString error;
        QVERIFY2(database.openAndMigrate(&error), qPrintable(error));
        const auto connector =
            ConnectorRepository(database.connection()).byName(QStringLiteral("main-store"));
        QVERIFY(connector);
        act(database.connection(), *connector);
        database.closeThreadConnection();
    }
    static QString scenarioPath()
    {
        return qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
               QStringLiteral("/sandbox/scenarios/basic.json");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        QVERIFY2(m_sandbox->loadScenarioFile(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
                                                 QStringLiteral("/sandbox/scenarios/basic.json"),
                                             &error),
                 qPrintable(error));
        QVERIFY(m_sandbox->listen(0) != 0);
    }

    void setupWritesAPrivateCredentialsFile()
    {
        const Run run = worker({databaseArg(), QStringLiteral("--credentials"), credentialsPath(),
                                QStringLiteral("--scenario"), scenarioPath(),
                                QStringLiteral("setup-sandbox"), m_sandbox->baseUrl().toString()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(credentialsPath());
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        QVERIFY(!run.out.contains(
            QStringLiteral("shpat_"))); // secrets go to the file, not the terminal
    }

    void syncOnceThenNothingMore()
    {
        const QStringList args = {databaseArg(),
                                  QStringLiteral("--credentials"),
                                  credentialsPath(),
                                  QStringLiteral("--since"),
                                  QStringLiteral("2000-01-01"),
                                  QStringLiteral("sync"),
                                  QStringLiteral("--once")};
        const Run first = worker(args);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err + first.out));
        QVERIFY2(first.out.contains(QStringLiteral("3 pushed, 0 failed, 0 held")),
                 qPrintable(first.out));
        const Run second = worker(args);
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.contains(QStringLiteral("0 pushed, 0 failed, 0 held")),
                 qPrintable(second.out));
        QVERIFY2(second.out.contains(QStringLiteral("and 0 channel requests")),
                 qPrintable(second.out));
    }

    // "Pushed" proves nothing until the channel shows it: reconcile reads every shipped order
    // back and names each disagreement; exit 1 while anything does not match.
    void reconcileReadsTheChannelBack()
    {
        const QStringList args = {databaseArg(),
                                  QStringLiteral("--credentials"),
                                  credentialsPath(),
                                  QStringLiteral("--since"),
                                  QStringLiteral("2000-01-01"),
                                  QStringLiteral("reconcile")};
        Run run = worker(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY2(run.out.contains(QStringLiteral("3 matched, 0 not matching, 0 not readable")),
                 qPrintable(run.out));
        // The run's number comes first (to resume it), its totals per verdict last.
        const QRegularExpression started(QStringLiteral("reconciliation run (\\d+) "));
        const QRegularExpressionMatch number = started.match(run.out);
        QVERIFY2(number.hasMatch(), qPrintable(run.out));
        QVERIFY2(run.out.indexOf(number.captured(0)) < run.out.indexOf(QStringLiteral("matched")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("run %1 finished: 3 matched, 0 missing")
                                      .arg(number.captured(1))),
                 qPrintable(run.out));
        // A finished run has nothing to resume.
        const Run resumed = worker({databaseArg(), QStringLiteral("--credentials"),
                                    credentialsPath(), QStringLiteral("--resume"),
                                    number.captured(1), QStringLiteral("reconcile")});
        QVERIFY2(resumed.exitCode != 0 && resumed.err.contains(QStringLiteral("nothing to resume")),
                 qPrintable(resumed.err + resumed.out));
        // NetSuite's tracking number of one pushed fulfillment changes (as the local copy has
        // it): the channel still shows the old one.
        qint64 fulfillmentId = 0;
        QString original;
        withConnector([&](QSqlDatabase db, const Connector &) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT fulfillment_id, tracking_number FROM packages "
                                          "ORDER BY fulfillment_id LIMIT 1")) &&
                    q.next());
            fulfillmentId = q.value(0).toLongLong();
            original = q.value(1).toString();
            QVERIFY(q.exec(QStringLiteral("UPDATE packages SET tracking_number = 'CHANGED-1' "
                                          "WHERE fulfillment_id = %1 AND position = 0")
                               .arg(fulfillmentId)));
            QCOMPARE(q.numRowsAffected(), 1);
        });
        run = worker(args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("tracking_differs")) &&
                     run.out.contains(original) && run.out.contains(QStringLiteral("CHANGED-1")),
                 qPrintable(run.out));
        // Explain shows the order three ways with the last reading, and what disagreed.
        QString orderTranId;
        withConnector([&](QSqlDatabase db, const Connector &) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT so.tran_id FROM sales_orders so JOIN "
                                          "item_fulfillments f ON f.order_id = so.id WHERE "
                                          "f.id = %1")
                               .arg(fulfillmentId)) &&
                    q.next());
            orderTranId = q.value(0).toString();
        });
        const Run explained = worker({databaseArg(), QStringLiteral("explain"), orderTranId});
        QVERIFY2(explained.out.contains(QStringLiteral("The channel as of the last reconciliation")) &&
                     explained.out.contains(QStringLiteral("CHANGED-1")),
                 qPrintable(explained.out));
        run = worker(args + QStringList{QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        int lines = 0, differing = 0;
        QJsonObject totals;
        for (const QString &line : run.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject row = QJsonDocument::fromJson(line.toUtf8()).object();
            if (row.contains(QLatin1String("run"))) { // the run's own line, last
                totals = row.value(QLatin1String("totals")).toObject();
                continue;
            }
            ++lines;
            differing += row.value(QLatin1String("verdict")).toString() != u"matched" ? 1 : 0;
        }
        QCOMPARE(lines, 3);
        QCOMPARE(differing, 1);
        QCOMPARE(totals.value(QLatin1String("matched")).toInt(), 2);
        QCOMPARE(totals.value(QLatin1String("tracking_differs")).toInt(), 1);
        withConnector([&](QSqlDatabase db, const Connector &) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE packages SET tracking_number = '%1' WHERE "
                                          "fulfillment_id = %2 AND position = 0")
                               .arg(original)
                               .arg(fulfillmentId)));
        });
        QCOMPARE(worker(args).exitCode, 0);
        // A date range without shipments checks nothing, and says so.
        run = worker({databaseArg(), QStringLiteral("--credentials"), credentialsPath(),
                      QStringLiteral("--since"), QStringLiteral("2001-01-01"),
                      QStringLiteral("--until"), QStringLiteral("2001-01-31"),
                      QStringLiteral("reconcile")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("0 order(s) shipped")), qPrintable(run.out));
    }

    // Headless operators work the inbox too: list (JSON), resolve with a reason, list --all.
    void inboxListsAndResolves()
    {
        withConnector([](QSqlDatabase db, const Connector &connector) {
            InboxItem item;
            item.connectorId = connector.id;
            item.connectorName = connector.name;
            item.fulfillmentId = 9901;
            item.orderId = 9900;
            item.orderTranId = QStringLiteral("SO9900");
            item.problem = InboxProblem::Held;
            item.message = QStringLiteral("Item GIFT-CARD has no Shopify SKU");
            QVERIFY(InboxRepository(db).open(item, QDateTime::currentDateTimeUtc()));
        });
        Run run = worker({databaseArg(), QStringLiteral("inbox"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject listed = QJsonDocument::fromJson(run.out.trimmed().toUtf8()).object();
        QCOMPARE(listed.value(QLatin1String("order")).toString(), QStringLiteral("SO9900"));
        QCOMPARE(listed.value(QLatin1String("problem")).toString(), QStringLiteral("held"));
        const QString id = QString::number(listed.value(QLatin1String("id")).toInteger());
        run = worker({databaseArg(), QStringLiteral("inbox"), QStringLiteral("resolve"), id});
        QCOMPARE(run.exitCode, 2); // a reason is required
        run = worker({databaseArg(), QStringLiteral("inbox"), QStringLiteral("resolve"), id,
                      QStringLiteral("--reason"), QStringLiteral("gift cards ship by mail")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("Resolved 1")));
        run = worker({databaseArg(), QStringLiteral("inbox")});
        QVERIFY(run.out.trimmed().isEmpty());
        run = worker({databaseArg(), QStringLiteral("inbox"), QStringLiteral("--all")});
        QVERIFY2(run.out.contains(QStringLiteral("resolved")), qPrintable(run.out));
    }

    // A cron job or a monitor reads only the exit code: a pass that finds nothing new in
    // NetSuite still exits 1 while anything is owed (here a fulfillment waiting in quarantine)
    // or when its connector was skipped, and 0 once nothing is.
    void aPassWithNothingNewStillReportsWhatIsOwed()
    {
        const QStringList args = {databaseArg(), QStringLiteral("--credentials"), credentialsPath(),
                                  QStringLiteral("sync"), QStringLiteral("--once")};
        QuarantineEntry waiting;
        withConnector([&waiting](QSqlDatabase db, const Connector &connector) {
            waiting.connectorId = connector.id;
            waiting.fulfillmentId = 2003;
            waiting.orderId = 1002;
            waiting.retryCount = 1;
            waiting.lastTryAt = QDateTime::currentDateTimeUtc();
            waiting.ignoreUntil = waiting.lastTryAt.addDays(1); // not due in this pass
            waiting.errorClass = QStringLiteral("transient");
            waiting.lastError = QStringLiteral("HTTP 503");
            QVERIFY(QuarantineRepository(db).save(waiting));
        });
        Run run = worker(args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("0 pushed, 0 failed, 0 held")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("still owed")), qPrintable(run.out));

        withConnector([&waiting](QSqlDatabase db, const Connector &) {
            QVERIFY(QuarantineRepository(db).clear(waiting.connectorId, waiting.fulfillmentId));
            // Another worker in the middle of a pass of it (an idle holder's lease is borrowed).
            LeaseRepository leases(db);
            qint64 epoch = 0;
            QVERIFY(leases.acquire(waiting.connectorId, QStringLiteral("another-host pid 1 (a)"),
                                   QDateTime::currentDateTimeUtc(), 300, nullptr, &epoch));
            QVERIFY(leases.setBusy(waiting.connectorId, QStringLiteral("another-host pid 1 (a)"),
                                   epoch, true));
        });
        run = worker(args);
        QCOMPARE(run.exitCode, 1); // skipped: nothing was synced by this run
        QVERIFY2(run.out.contains(QStringLiteral("was skipped")), qPrintable(run.out));

        withConnector([&waiting](QSqlDatabase db, const Connector &) {
            QVERIFY(LeaseRepository(db).release(waiting.connectorId,
                                                QStringLiteral("another-host pid 1 (a)")));
        });
        run = worker(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    }

    void explainNamesTheGates()
    {
        const Run run =
            worker({databaseArg(), QStringLiteral("explain"), QStringLiteral("SO1002")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("IF2003 is not pushed: Picked")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("already in the channel")), qPrintable(run.out));
        const Run unknown =
            worker({databaseArg(), QStringLiteral("explain"), QStringLiteral("SO9999")});
        QCOMPARE(unknown.exitCode, 2);
    }

    void refusesACredentialsFileOthersCanRead()
    {
        QFile::setPermissions(credentialsPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                     QFileDevice::ReadOther);
        const Run run = worker({databaseArg(), QStringLiteral("--credentials"), credentialsPath(),
                                QStringLiteral("sync"), QStringLiteral("--once")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("chmod 600")));
        QFile::setPermissions(credentialsPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // The daemon as systemd runs it: a connector enabled on the database while it runs is
    // picked up without a restart, its token read from the credentials file written meanwhile;
    // SIGTERM ends it with 0.
    void daemonPicksUpConnectorsAndSecretsWhileRunning()
    {
        const QString db =
            QStringLiteral("--database=sqlite://") + m_dir.filePath(QStringLiteral("daemon.db"));
        const QString secrets = m_dir.filePath(QStringLiteral("daemon-credentials.json"));
        const QString config = m_dir.filePath(QStringLiteral("daemon-config.json"));
        sandbox::SandboxServer store; // a store of its own: nothing pushed there yet
        QString error;
        QVERIFY2(store.loadScenarioFile(scenarioPath(), &error), qPrintable(error));
        QVERIFY(store.listen(0) != 0);
        Run run =
            worker({db, QStringLiteral("--credentials"), secrets, QStringLiteral("--scenario"),
                    scenarioPath(), QStringLiteral("setup-sandbox"), store.baseUrl().toString()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile secretsFile(secrets);
        QVERIFY(secretsFile.open(QIODevice::ReadOnly));
        const QByteArray allSecrets = secretsFile.readAll();
        secretsFile.close();
        run = worker({db, QStringLiteral("config"), QStringLiteral("export")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile configFile(config);
        QVERIFY(configFile.open(QIODevice::WriteOnly));
        configFile.write(run.out.toUtf8());
        configFile.close();
        const auto rewrite = [](const QString &path, const std::function<void(QJsonObject &)> &f) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
            file.close();
            f(root);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(root).toJson());
        };
        const auto setEnabled = [](bool on) {
            return [on](QJsonObject &root) {
                QJsonArray connectors = root.value(QStringLiteral("connectors")).toArray();
                QJsonObject first = connectors.at(0).toObject();
                first.insert(QStringLiteral("enabled"), on);
                connectors.replace(0, first);
                root.insert(QStringLiteral("connectors"), connectors);
            };
        };
        // At start: the connector is off, and the file holds NetSuite's secrets only.
        rewrite(config, setEnabled(false));
        run = worker({db, QStringLiteral("config"), QStringLiteral("import"), config});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        rewrite(secrets, [](QJsonObject &root) { root.remove(QStringLiteral("channels")); });

        QProcess daemon;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FULFILLSYNC_SCHEDULE_RELOAD_MS"), QStringLiteral("200"));
        daemon.setProcessEnvironment(env);
        daemon.start(qEnvironmentVariable("FULFILLSYNC_WORKER"),
                     {db, QStringLiteral("--credentials"), secrets, QStringLiteral("sync"),
                      QStringLiteral("--daemon")});
        QVERIFY(daemon.waitForStarted());
        QString out;
        const auto readOut = [&] {
            out += QString::fromUtf8(daemon.readAllStandardOutput());
            return out;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(readOut().contains(QStringLiteral("Running 0 connector")),
                                  qPrintable(out), 20000);

        // While it runs: the token arrives in the file, then the connector is switched on.
        QVERIFY(secretsFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        secretsFile.write(allSecrets);
        secretsFile.close();
        rewrite(config, setEnabled(true));
        run = worker({db, QStringLiteral("config"), QStringLiteral("import"), config});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QTRY_VERIFY2_WITH_TIMEOUT(
            readOut().contains(QStringLiteral("3 pushed, 0 failed, 0 held")),
            qPrintable(out + QString::fromUtf8(daemon.readAllStandardError())), 30000);

        daemon.terminate(); // SIGTERM, as systemd stops it
        QSignalSpy finished(&daemon, &QProcess::finished);
        QVERIFY(finished.wait(20000) || daemon.state() == QProcess::NotRunning);
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
    }

    void badDatabaseUrlIsOneLineAndExitTwo()
    {
        const Run run = worker({QStringLiteral("--database=postgresql://nobody@127.0.0.1:1/x"),
                                QStringLiteral("sync"), QStringLiteral("--once")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.trimmed().count(u'\n'), 0);
        QVERIFY(run.err.startsWith(QStringLiteral("fulfillsync-worker: ")));
    }

    // A dead server is exit 3, and the connector's webhook hears that it stopped syncing,
    // once, before the process ends (cron runs `sync --once` and reads no terminal).
    void deadSandboxIsExitThreeAndSaidOnce()
    {
        test::LoopbackWebhookReceiver hook;
        QVERIFY(hook.start());
        qputenv("FULFILLSYNC_ALERT_WEBHOOK_MAIN_STORE", hook.url().toUtf8());
        m_sandbox.reset();
        const QStringList args = {databaseArg(), QStringLiteral("--credentials"), credentialsPath(),
                                  QStringLiteral("sync"), QStringLiteral("--once")};
        Run run = worker(args);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains(QStringLiteral("cannot be reached")));
        QVERIFY2(run.out.contains(QStringLiteral("Alert sent (down, by webhook)")),
                 qPrintable(run.out + run.err));
        QCOMPARE(hook.posts.size(), 1);
        QCOMPARE(hook.posts.at(0).value(QLatin1String("connector")).toString(),
                 QStringLiteral("main-store"));
        QVERIFY(hook.posts.at(0)
                    .value(QLatin1String("text"))
                    .toString()
                    .contains(QLatin1String("cannot be reached")));
        run = worker(args);
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(hook.posts.size(), 1); // still down: not said again
        qunsetenv("FULFILLSYNC_ALERT_WEBHOOK_MAIN_STORE");
    }
};

QTEST_GUILESS_MAIN(TestWorkerCli)
#include "tst_workercli.moc"
