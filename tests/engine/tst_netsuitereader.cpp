// The NetSuite half of a pass (NetSuiteReader) against an in-process NetSuite fake: how far a
// long read has got, and what a pass reads — from the watermark, the window before it checked
// against the local copy, each change once.

#include "syncpassfixture.h"

#include "models/storage/watermarkrepository.h"

#include <QJsonDocument>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

class TestNetSuiteReader : public SyncPassFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // A long first pass says how far it has read, not just what it reads.
    void readingSaysHowManyRowsItHasRead()
    {
        runPass();
        QVERIFY2(m_phases.contains(
                     QStringLiteral("Reading sales orders from NetSuite: 2 of 2 rows read")),
                 qPrintable(m_phases.join(u'\n')));
        QVERIFY2(m_phases.contains(
                     QStringLiteral("Reading item fulfillments from NetSuite: 2 of 2 rows read")),
                 qPrintable(m_phases.join(u'\n')));
    }

    // With NetSuite's totalResults the count has a total, and the pace so far gives the time
    // left; without it, only the count.
    void readingSaysWhatIsLeft()
    {
        const QString phase = QStringLiteral("Reading item fulfillments from NetSuite");
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const auto restore = qScopeGuard([&before] { QLocale::setDefault(before); });
        QCOMPARE(NetSuiteReader::progressText(phase, 1000, -1, 5000),
                 phase + QStringLiteral(": 1,000 rows read"));
        QCOMPARE(NetSuiteReader::progressText(phase, 1000, 200000, 1000),
                 phase + QStringLiteral(": 1,000 of 200,000 rows read"));
        QCOMPARE(NetSuiteReader::progressText(phase, 50000, 200000, 60000),
                 phase + QStringLiteral(": 50,000 of 200,000 rows read, about 3 minute(s) left"));
        QCOMPARE(NetSuiteReader::progressText(phase, 190000, 200000, 60000),
                 phase + QStringLiteral(": 190,000 of 200,000 rows read, less than a minute left"));
        QCOMPARE(NetSuiteReader::progressText(phase, 200000, 200000, 60000),
                 phase + QStringLiteral(": 200,000 of 200,000 rows read"));
    }

    // The orders are read before the fulfillments: an order changed in between, older than the
    // newest fulfillment, was not read. The watermark stays at the newest order read, so the
    // next pass reads from there instead of finding it a "late commit" in its window.
    void theWatermarkIsWhereBothQueriesAreComplete()
    {
        QJsonArray later = fulfillmentRows();
        for (qsizetype i = 0; i < later.size(); ++i) {
            QJsonObject row = later.at(i).toObject();
            row.insert(QStringLiteral("if_lmd"), QStringLiteral("2026-11-19T15:20:00"));
            later.replace(i, row);
        }
        m_network->route("POST", QStringLiteral("/suiteql$"), [=, this](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            return FakeResponse{
                200,
                QJsonDocument(suiteQlEnvelope(
                                  q.contains(QStringLiteral("sl.mainline")) ? orderRows() : later))
                    .toJson()};
        });
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(WatermarkRepository(m_temp->database().connection())
                     .value(m_connector.id, QStringLiteral("fulfillments")),
                 QDateTime(QDate(2026, 11, 19), QTime(15, 4, 5), Qt::UTC));
    }

    // A fulfillment of the window that changes again while the pass reads is where NetSuite's
    // probe counted it until then: it is counted back in, and the window is not read whole for
    // it (which happened on nearly every busy pass of a high-volume trickle).
    void aChangeDuringTheReadIsNoLateCommit()
    {
        // The first pass reads IF2001 changed at 15:00 and SO1001 at 15:04:05 (the watermark).
        auto withTime = [](QJsonArray rows, const char *key, const char *time) {
            for (qsizetype i = 0; i < rows.size(); ++i) {
                QJsonObject row = rows.at(i).toObject();
                row.insert(QLatin1String(key), QLatin1String(time));
                rows.replace(i, row);
            }
            return rows;
        };
        const QJsonArray before = withTime(fulfillmentRows(), "if_lmd", "2026-11-19T15:00:00");
        const QJsonArray changed = withTime(fulfillmentRows(), "if_lmd", "2026-11-19T15:10:00");
        auto probeRow = [](const char *kind, const char *part, const char *id, const char *m) {
            return QJsonObject{{QStringLiteral("kind"), QLatin1String(kind)},
                               {QStringLiteral("part"), QLatin1String(part)},
                               {QStringLiteral("n"), QStringLiteral("1")},
                               {QStringLiteral("s"), QLatin1String(id)},
                               {QStringLiteral("m"), QLatin1String(m)}};
        };
        // At the probe: the window holds IF2001 as read, SO1001 is the watermark, and another
        // fulfillment changed after it (15:05). While the pass reads, IF2001 changes (15:10).
        const QJsonArray probe{probeRow("ItemShip", "upto", "2001", "2026-11-19T15:00:00"),
                               probeRow("ItemShip", "from", "2099", "2026-11-19T15:05:00"),
                               probeRow("SalesOrd", "from", "1001", "2026-11-19T15:04:05")};
        bool first = true;
        int queries = 0;
        m_network->route(
            "POST", QStringLiteral("/suiteql$"), [=, this, &first, &queries](const FakeRequest &r) {
                ++queries;
                const QString q =
                    QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
                const QJsonArray rows = q.contains(QStringLiteral("GROUP BY t.type")) ? probe
                                        : q.contains(QStringLiteral("sl.mainline"))   ? orderRows()
                                        : first                                       ? before
                                                                                      : changed;
                return FakeResponse{200, QJsonDocument(suiteQlEnvelope(rows)).toJson()};
            });
        QCOMPARE(runPass().pushed, 1);
        first = false;
        queries = 0;
        const SyncRunSummary s = runPass();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        // The probe, then the orders and the fulfillments from the watermark on, not the whole
        // window. (These answers carry no Date, so NetSuite's clock is unknown: SO1001, in the
        // watermark's own second, is read again rather than taken as unchanged.)
        QCOMPARE(s.netSuiteRequests, 3);
        QCOMPARE(queries, 3);
        QCOMPARE(s.detectedFulfillments, 1);
    }

    // Another connector's pass stored a change in this connector's window (it read NetSuite
    // first). NetSuite's count of the window then equals the local copy's and nothing came after
    // the watermark, yet this is no idle pass: what the other stored is evaluated here too.
    void changesAnotherConnectorStoredAreEvaluatedHereToo()
    {
        routeNetSuite();
        QCOMPARE(runPass().pushed, 1);
        // NetSuite's probe: SO1001 and IF2001 in the window before the watermark, as stored.
        auto probeRow = [](const char *kind, const char *id) {
            return QJsonObject{{QStringLiteral("kind"), QLatin1String(kind)},
                               {QStringLiteral("part"), QStringLiteral("upto")},
                               {QStringLiteral("n"), QStringLiteral("1")},
                               {QStringLiteral("s"), QLatin1String(id)},
                               {QStringLiteral("m"), QStringLiteral("2026-11-19T15:04:05")}};
        };
        const QJsonArray probe{probeRow("ItemShip", "2001"), probeRow("SalesOrd", "1001")};
        m_network->route("POST", QStringLiteral("/suiteql$"), [=, this](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            return FakeResponse{
                200, QJsonDocument(suiteQlEnvelope(q.contains(QStringLiteral("GROUP BY t.type"))
                                                       ? probe
                                                       : QJsonArray()))
                         .toJson()};
        });
        const SyncRunSummary idle = runPass();
        QVERIFY(idle.idle);
        QCOMPARE(idle.netSuiteRequests, 1);
        QCOMPARE(idle.alreadyPushed, 0); // nothing evaluated

        // As if another connector's pass had stored what this one has not seen: the local copy
        // of the window is not what it was at this connector's last pass.
        WatermarkRepository watermarks(m_temp->database().connection());
        QVERIFY(
            watermarks.setValue(m_connector.id, QStringLiteral("fulfillments"),
                                watermarks.value(m_connector.id, QStringLiteral("fulfillments")),
                                QStringLiteral("ItemShip:0:0:2026-11-19T15:04:05")));
        const SyncRunSummary evaluated = runPass();
        QVERIFY(!evaluated.idle);
        QCOMPARE(evaluated.netSuiteRequests, 1); // nothing read from NetSuite
        QCOMPARE(evaluated.alreadyPushed, 1);    // but the window evaluated
        QCOMPARE(creates(), 1);
        QVERIFY(runPass().idle); // and the pass after is idle again
    }

    // A probe NetSuite refuses (its SQL, say) is no reason to stop: the pass reads the whole
    // window as before the probe existed, and says so.
    void aRefusedProbeReadsTheWholeWindow()
    {
        routeNetSuite();
        QCOMPARE(runPass().pushed, 1);
        m_network->route("POST", QStringLiteral("/suiteql$"), [this](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            if (q.contains(QStringLiteral("GROUP BY t.type")))
                return FakeResponse{
                    400, R"({"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",)"
                         R"("title":"Bad Request","status":400,"o:errorDetails":[{"detail":)"
                         R"("Invalid search query.","o:errorCode":"INVALID_PARAMETER"}]})"};
            const bool orders = q.contains(QStringLiteral("sl.mainline"));
            return FakeResponse{
                200,
                QJsonDocument(suiteQlEnvelope(orders ? orderRows() : fulfillmentRows())).toJson()};
        });
        const SyncRunSummary s = runPass();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.netSuiteRequests, 3);
        QCOMPARE(s.alreadyPushed, 1); // read and evaluated
        QVERIFY2(s.warnings.join(u' ').contains(QLatin1String("check for changes")),
                 qPrintable(s.warnings.join(u' ')));
    }
};

QTEST_GUILESS_MAIN(TestNetSuiteReader)
#include "tst_netsuitereader.moc"
