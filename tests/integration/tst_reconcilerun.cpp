// A reconciliation run end to end over real loopback HTTP (issue 23): the sandbox serves a
// store the connector has pushed to, ReconcileRun reads it back in one bulk operation (or in
// batches when the bulk export fails), keeps the run in reconciliation_runs, resumes a
// cancelled run after its cursor without reading again what was done, and raises one alert
// for a run that found something not matched. On SQLite and PostgreSQL.

#include "app/demosetup.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/reconciliationrepository.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/alerts/reconcilealert.h"
#include "sync/engine/reconcilerun.h"
#include "sync/engine/syncpass.h"
#include "sync/net/leakybucketpacer.h"
#include "testutils/loopbackreceivers.h"
#include "testutils/scenariobuilder.h"
#include "testutils/tempdatabase.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {

constexpr int kOrders = 30;

struct Outcome
{
    QList<ReconcileRun::OrderResult> results;
    QString error;
    ReconciliationRunRecord record;
};

} // namespace

class TestReconcileRun : public QObject
{
    Q_OBJECT

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<TempDatabase> m_db;
    DemoTarget m_target;
    qint64 m_connectorId = 0;
    int m_fulfillments = 0;
    QNetworkAccessManager m_network;
    LeakyBucketPacer m_bucket{1e9, 1000000000, 0};

    TempDatabase::Engine engine() const
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        return engine;
    }

    // A store the connector has pushed every shipped fulfillment to.
    bool setUpStore()
    {
        const QJsonObject scenario =
            test::shippedOrdersScenario(kOrders, QStringLiteral("unlimited"), &m_fulfillments);
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        if (!m_sandbox->loadScenario(scenario, &error) || m_sandbox->listen() == 0) {
            qWarning() << error;
            return false;
        }
        m_db = std::make_unique<TempDatabase>(engine());
        if (!m_db->isValid()) {
            qWarning() << m_db->error();
            return false;
        }
        const QJsonObject ns = scenario[QStringLiteral("netsuite")].toObject();
        const QJsonObject creds = ns[QStringLiteral("credentials")].toObject();
        const QJsonObject shop = scenario[QStringLiteral("channels")][0].toObject();
        m_target = {};
        m_target.accountId = ns[QStringLiteral("accountId")].toString();
        m_target.netSuiteUrl = m_sandbox->baseUrl();
        m_target.netsuite = {creds[QStringLiteral("consumerKey")].toString(),
                             creds[QStringLiteral("consumerSecret")].toString(),
                             creds[QStringLiteral("tokenId")].toString(),
                             creds[QStringLiteral("tokenSecret")].toString()};
        m_target.connectorName = shop[QStringLiteral("name")].toString();
        m_target.channel = QStringLiteral("Shopify");
        m_target.shopUrl = m_sandbox->shopifyBaseUrl(shop[QStringLiteral("shop")].toString());
        m_target.accessToken = shop[QStringLiteral("accessToken")].toString();
        for (const QJsonValue &item : ns[QStringLiteral("items")].toArray())
            m_target.items.append({item[QStringLiteral("id")].toInteger(),
                                   item[QStringLiteral("itemId")].toString()});
        m_connectorId = configureDemo(m_db->database().connection(), m_target, &error);
        if (m_connectorId <= 0) {
            qWarning() << error;
            return false;
        }
        SyncPass::Config config;
        config.connector = *ConnectorRepository(m_db->database().connection()).byId(m_connectorId);
        config.rules = MappingRepository(m_db->database().connection()).rules(m_connectorId);
        config.netsuite.accountId = m_target.accountId;
        config.netsuite.baseUrl = m_target.netSuiteUrl;
        config.netsuite.credentials = m_target.netsuite;
        config.shopify.baseUrl = m_target.shopUrl;
        config.shopify.accessToken = m_target.accessToken;
        config.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        SyncPass pass(m_network, m_db->database(), config);
        std::optional<SyncRunSummary> summary;
        connect(&pass, &SyncPass::finished, this, [&](const SyncRunSummary &s) { summary = s; });
        pass.start();
        QElapsedTimer clock;
        clock.start();
        while (!summary && clock.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!summary)
            return false;
        if (summary->pushed != m_fulfillments)
            qWarning() << "pushed" << summary->pushed << "of" << m_fulfillments;
        return summary->pushed == m_fulfillments;
    }

    ReconcileRun::Config config()
    {
        ReconcileRun::Config c;
        c.connector = *ConnectorRepository(m_db->database().connection()).byId(m_connectorId);
        c.rules = MappingRepository(m_db->database().connection()).rules(m_connectorId);
        c.shopify.baseUrl = m_target.shopUrl;
        c.shopify.accessToken = m_target.accessToken;
        c.costBucket = &m_bucket;
        c.since = QDate(2000, 1, 1);
        c.until = QDate::currentDate().addDays(1);
        c.bulkPollMs = 20;
        return c;
    }

    Outcome run(const ReconcileRun::Config &c, const std::function<void(ReconcileRun &)> &hook = {})
    {
        Outcome outcome;
        ReconcileRun run(m_network, m_db->database(), c);
        if (hook)
            hook(run);
        bool done = false;
        connect(&run, &ReconcileRun::finished, this,
                [&](const QList<ReconcileRun::OrderResult> &results, const QString &error) {
                    outcome.results = results;
                    outcome.error = error;
                    done = true;
                });
        run.start();
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
        }();
        outcome.record = run.record();
        return outcome;
    }

    int requests(const QString &endpoint) const
    {
        return m_sandbox
            ->state()[QStringLiteral("requests")][QStringLiteral("byEndpoint")][endpoint]
                     [QStringLiteral("total")]
            .toInt();
    }

    void post(const QString &path, const QJsonObject &body)
    {
        QNetworkRequest request(m_sandbox->baseUrl().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }

    // NetSuite's tracking number of one fulfillment changes in the local copy: the channel still
    // shows the one pushed. Returns the fulfillment's order id.
    qint64 changeOneTrackingNumber()
    {
        QSqlQuery q(m_db->database().connection());
        if (!q.exec(QStringLiteral("SELECT p.fulfillment_id, f.order_id FROM packages p JOIN "
                                   "item_fulfillments f ON f.id = p.fulfillment_id ORDER BY "
                                   "p.fulfillment_id LIMIT 1")) ||
            !q.next())
            return 0;
        const qint64 fulfillment = q.value(0).toLongLong();
        const qint64 order = q.value(1).toLongLong();
        QSqlQuery u(m_db->database().connection());
        u.prepare(QStringLiteral("UPDATE packages SET tracking_number = 'CHANGED-1' WHERE "
                                 "fulfillment_id = ?"));
        u.addBindValue(fulfillment);
        return u.exec() ? order : 0;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        if (!TempDatabase::addEngineRows())
            QFAIL(TempDatabase::kPostgresMissing);
    }

    void init() { QVERIFY(setUpStore()); }

    void cleanup()
    {
        m_db.reset();
        m_sandbox.reset();
    }

    // More orders than the threshold: one bulk operation (start, polls, one download), no
    // per-order reads; every item fulfillment classified; the run kept with its counts.
    void aLargeRangeIsReadInOneBulkOperation()
    {
        QVERIFY(changeOneTrackingNumber() > 0);
        ReconcileRun::Config c = config();
        c.bulkThreshold = 10;
        const int queriesBefore = requests(QStringLiteral("shopify.graphql.query")); // the pass's
        const Outcome o = run(c);
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(o.record.readMode, QStringLiteral("bulk"));
        QCOMPARE(o.record.state, QStringLiteral("finished"));
        QCOMPARE(o.record.ordersDone, kOrders);
        QCOMPARE(o.record.ordersTotal, kOrders);
        QCOMPARE(o.record.matched, m_fulfillments - 1);
        QCOMPARE(o.record.trackingDiffers, 1);
        QCOMPARE(o.record.notMatched(), 1);
        QVERIFY2(o.record.problem.isEmpty(), qPrintable(o.record.problem));
        QCOMPARE(requests(QStringLiteral("shopify.graphql.bulkOperationRunQuery")), 1);
        QCOMPARE(requests(QStringLiteral("shopify.bulk.download")), 1);
        const int polls = requests(QStringLiteral("shopify.graphql.query")) - queriesBefore;
        QVERIFY2(polls >= 1 && polls < 20, qPrintable(QString::number(polls)));
        QCOMPARE(o.record.channelRequests, 1 + polls + 1);
        QVERIFY(o.record.costActual >= 10); // the mutation, and a point a poll
        // The run as stored is the run as reported.
        const auto stored =
            ReconciliationRepository(m_db->database().connection()).run(o.record.id);
        QVERIFY(stored);
        QCOMPARE(stored->matched, o.record.matched);
        QCOMPARE(stored->lastOrderId, o.results.last().orderId);
        QVERIFY(stored->finishedAt.isValid());
    }

    // A bulk export that fails for a passing reason falls back to batched reads; one the store
    // denies (ACCESS_DENIED) leaves every order unknown, never matched.
    void aFailedBulkOperationIsNeverMatched()
    {
        const QString shop = m_target.shopUrl.path().section(u'/', -1);
        post(QStringLiteral("/shopify/%1/_sandbox/bulk").arg(shop),
             {{QStringLiteral("failNext"), QStringLiteral("INTERNAL_SERVER_ERROR")}});
        ReconcileRun::Config c = config();
        c.bulkThreshold = 10;
        Outcome o = run(c);
        QCOMPARE(o.record.state, QStringLiteral("finished"));
        QCOMPARE(o.record.matched, m_fulfillments);
        QCOMPARE(o.record.unknown, 0);
        QVERIFY(requests(QStringLiteral("shopify.graphql.query")) >= 2); // polls and batches

        post(QStringLiteral("/shopify/%1/_sandbox/bulk").arg(shop),
             {{QStringLiteral("failNext"), QStringLiteral("ACCESS_DENIED")}});
        o = run(c);
        QCOMPARE(o.record.state, QStringLiteral("finished"));
        QCOMPARE(o.record.matched, 0);
        QCOMPARE(o.record.unknown, m_fulfillments);
        for (const ReconcileRun::OrderResult &r : std::as_const(o.results))
            QVERIFY(r.problem.contains(QStringLiteral("ACCESS_DENIED")));
    }

    // Cancelled after two batches, a run keeps its cursor; resumed, it reads only the orders
    // after it and ends with the whole range counted once.
    void aResumedRunContinuesAfterItsCursor()
    {
        ReconcileRun::Config c = config();
        c.bulkThreshold = 0;
        c.ordersPerRequest = 5;
        const int passReads = requests(QStringLiteral("shopify.graphql.query"));
        const Outcome first = run(c, [](ReconcileRun &r) {
            connect(&r, &ReconcileRun::progressed, &r, [&r](int done, int) {
                if (done >= 10)
                    r.cancel();
            });
        });
        QCOMPARE(first.record.state, QStringLiteral("cancelled"));
        QCOMPARE(first.record.ordersDone, 10);
        QCOMPARE(first.results.size(), 10);
        const qint64 cursor = first.record.lastOrderId;
        QCOMPARE(cursor, first.results.last().orderId);
        const int readsBefore = requests(QStringLiteral("shopify.graphql.query"));
        QCOMPARE(readsBefore - passReads, 2);

        c.resumeRunId = first.record.id;
        c.since = c.until = {}; // the run's own
        const Outcome second = run(c);
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        QCOMPARE(second.record.id, first.record.id);
        QCOMPARE(second.record.state, QStringLiteral("finished"));
        QCOMPARE(second.results.size(), kOrders - 10);
        for (const ReconcileRun::OrderResult &r : std::as_const(second.results))
            QVERIFY(r.orderId > cursor);
        QCOMPARE(requests(QStringLiteral("shopify.graphql.query")) - readsBefore,
                 (kOrders - 10 + 4) / 5);
        QCOMPARE(second.record.ordersDone, kOrders);
        QCOMPARE(second.record.matched, m_fulfillments); // each counted once
        QCOMPARE(second.record.channelRequests, (kOrders + 4) / 5);

        // A finished run is not resumed.
        const Outcome third = run(c);
        QVERIFY(third.error.contains(QStringLiteral("nothing to resume")));
    }

    // The order pane's "Read the channel now": one order, whatever its ship date, and only an
    // order of the connector's own channel.
    void onlyTheAskedOrdersAreRead()
    {
        ReconcileRun::Config c = config();
        c.bulkThreshold = 0;
        c.since = c.until = QDate::currentDate(); // the range does not matter then
        const Outcome all = run(config());
        QVERIFY(all.results.size() > 2);
        const qint64 asked = all.results.at(1).orderId;
        c.onlyOrders = {asked, 999999999}; // the second is no order of this channel
        const int reads = requests(QStringLiteral("shopify.graphql.query"));
        const Outcome one = run(c);
        QVERIFY2(one.error.isEmpty(), qPrintable(one.error));
        QCOMPARE(one.results.size(), 1);
        QCOMPARE(one.results.first().orderId, asked);
        QCOMPARE(requests(QStringLiteral("shopify.graphql.query")) - reads, 1);
    }

    // Cancelled while the store exports, a bulk run keeps nothing; resumed while that export
    // still runs (one bulk query at a time per shop), it reads the orders in batches instead.
    void aBulkRunCancelledWhileExportingResumes()
    {
        const QString shop = m_target.shopUrl.path().section(u'/', -1);
        post(QStringLiteral("/shopify/%1/_sandbox/bulk").arg(shop),
             {{QStringLiteral("objectsPerSecond"), 2}});
        ReconcileRun::Config c = config();
        c.bulkThreshold = 10;
        const Outcome first = run(c, [](ReconcileRun &r) {
            connect(&r, &ReconcileRun::runStarted, &r,
                    [&r] { QTimer::singleShot(200, &r, [&r] { r.cancel(); }); });
        });
        QCOMPARE(first.record.state, QStringLiteral("cancelled"));
        QCOMPARE(first.record.readMode, QStringLiteral("bulk"));
        QCOMPARE(first.record.ordersDone, 0);
        QCOMPARE(first.results.size(), 0);

        c.resumeRunId = first.record.id;
        const Outcome second = run(c);
        QCOMPARE(second.record.state, QStringLiteral("finished"));
        QCOMPARE(second.record.ordersDone, kOrders);
        QCOMPARE(second.record.matched, m_fulfillments);
        QVERIFY2(second.record.problem.contains(QStringLiteral("another bulk export")),
                 qPrintable(second.record.problem));
        QCOMPARE(requests(QStringLiteral("shopify.bulk.download")), 0);
    }

    // A finished run with anything not matched raises one alert naming the run and its counts;
    // a run where everything matches raises none.
    void aMismatchRaisesOneAlertPerRun()
    {
        test::LoopbackWebhookReceiver receiver;
        QVERIFY(receiver.start());
        ReconcileRun::Config c = config();
        c.alertWebhook = receiver.url();
        Outcome o = run(c);
        QCOMPARE(o.record.notMatched(), 0);
        QTest::qWait(100);
        QCOMPARE(receiver.posts.size(), 0);

        QVERIFY(changeOneTrackingNumber() > 0);
        o = run(c);
        QCOMPARE(o.record.trackingDiffers, 1);
        QTRY_COMPARE(receiver.posts.size(), 1);
        const QJsonObject alert = receiver.posts.first();
        QCOMPARE(alert.value(QLatin1String("kind")).toString(), QStringLiteral("reconciliation"));
        QCOMPARE(alert.value(QLatin1String("run")).toInteger(), o.record.id);
        QCOMPARE(alert.value(QLatin1String("tracking_differs")).toInt(), 1);
        QCOMPARE(alert.value(QLatin1String("matched")).toInt(), m_fulfillments - 1);
        QVERIFY(alert.value(QLatin1String("text"))
                    .toString()
                    .contains(QStringLiteral("run %1").arg(o.record.id)));
        const auto stored =
            ReconciliationRepository(m_db->database().connection()).run(o.record.id);
        QVERIFY(stored && stored->alertedAt.isValid());

        // The same run again: nothing more is sent.
        ReconcileAlert again(m_network, m_db->database());
        bool settled = false, sent = true;
        again.send(c.connector, *stored, {receiver.url(), {}}, [&](bool s, const QString &) {
            sent = s;
            settled = true;
        });
        QTRY_VERIFY(settled);
        QVERIFY(!sent);
        QTest::qWait(100);
        QCOMPARE(receiver.posts.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestReconcileRun)
#include "tst_reconcilerun.moc"
