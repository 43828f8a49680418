// The pass against an in-process NetSuite fake and the sandbox's own Shopify (mounted on the
// fake network): fast, deterministic, and able to fail exactly the request a rule is about.
// Never-a-duplicate is the centre: every answer that does not prove success or refusal is
// read back, never taken for "not created".

#include "syncpassfixture.h"

#include "models/storage/leaserepository.h"
#include "models/storage/watermarkrepository.h"

#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace fulfillsync;
using namespace fulfillsync::test;

class TestSyncPass : public SyncPassFixture
{
    Q_OBJECT

    // As the window's Cancel arrives: from the event loop, not from inside a progress signal.
    static void cancelSoon(SyncPass &pass)
    {
        QTimer::singleShot(0, &pass, [&pass] { pass.cancel(); });
    }

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void pushesOnceInTwoRequestsAndSignsEveryNetSuiteRequest()
    {
        const SyncRunSummary first = runPass();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingNumbers,
                 QStringList{QStringLiteral("1Z1")});
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingCompany, QStringLiteral("UPS"));
        // One read of the order (what the plan needs), one create: nothing else.
        QCOMPARE(first.channelRequests, 2);
        for (const FakeRequest &r : m_network->journal()) {
            if (r.url.host() == u"ns.test") {
                const auto auth =
                    std::find_if(r.headers.cbegin(), r.headers.cend(),
                                 [](const auto &h) { return h.first == "Authorization"; });
                QVERIFY(auth != r.headers.cend() &&
                        auth->second.startsWith("OAuth realm=\"1234567_SB1\""));
                QVERIFY(r.url.query().contains(QStringLiteral("limit=1000")));
            }
        }
        const SyncRunSummary second = runPass();
        QCOMPARE(second.pushed, 0);
        QCOMPARE(second.alreadyPushed, 1);
        QCOMPARE(creates(), 1);
        // Nothing secret reached the history.
        for (const SyncAttempt &a : HistoryRepository(m_temp->database().connection()).latest(10)) {
            QVERIFY(!a.request.contains(QStringLiteral("shpat_secret")));
            QVERIFY(!a.response.contains(QStringLiteral("shpat_secret")));
        }
    }

    // Whatever the create's answer was, if Shopify committed it, it is found by reading back
    // and never created a second time.
    void anAnswerThatProvesNothingIsReadBack_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        const QByteArray html("<html><body>Bad gateway</body></html>");
        QTest::newRow("502 html") << 502 << html;
        QTest::newRow("503") << 503 << QByteArray("{\"errors\":\"Service Unavailable\"}");
        QTest::newRow("599") << 599 << QByteArray();
        QTest::newRow("400 from a proxy") << 400 << html;
        QTest::newRow("404 from a proxy") << 404 << html;
        QTest::newRow("422") << 422 << QByteArray("{\"errors\":[\"Unprocessable\"]}");
        QTest::newRow("200 INTERNAL_SERVER_ERROR")
            << 200
            << QByteArray("{\"errors\":[{\"message\":\"Internal error\",\"extensions\":{\"code\":"
                          "\"INTERNAL_SERVER_ERROR\"}}]}");
        QTest::newRow("200 html") << 200 << html;
        QTest::newRow("200 truncated")
            << 200 << QByteArray("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":{\"id\":\"gid");
        QTest::newRow("200 id of the wrong type")
            << 200
            << QByteArray("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":{\"id\":4100000001},"
                          "\"userErrors\":[]}}}");
        QTest::newRow("no answer (timeout)") << 0 << QByteArray();
    }
    void anAnswerThatProvesNothingIsReadBack()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        answerCreatesWith(status, body);
        const SyncRunSummary first = runPass();
        // Read back at once in the same pass: found, recorded as pushed, nothing sent again.
        QCOMPARE(first.pushed, 1);
        QCOMPARE(first.failed, 0);
        QCOMPARE(readBacks(), 1);
        QCOMPARE(ledger()->state, LedgerState::Pushed);
        QCOMPARE(ledger()->channelFulfillmentId,
                 QString::number(m_shopify->fulfillments(5001).first().id));
        QVERIFY(!QuarantineRepository(m_temp->database().connection()).entry(m_connector.id, 2001));
        m_now = m_now.addSecs(3600);
        QCOMPARE(runPass().pushed, 0);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void onlyARefusalRemovesTheIntent_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("userErrors")
            << 200
            << QByteArray("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":null,\"userErrors\":"
                          "[{\"field\":[\"x\"],\"message\":\"Fulfillment order is closed\"}]}}}");
        QTest::newRow("429 every time") << 429 << QByteArray("{\"errors\":\"Throttled\"}");
    }
    void onlyARefusalRemovesTheIntent()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        answerCreatesWith(status, body, false, 1000);
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QVERIFY(!ledger()); // proven not created
        QCOMPARE(readBacks(), 0);
        QCOMPARE(channelFulfillments(), 0);
    }

    void notFoundAfterAnUnconfirmedCreateWaitsThenSendsOnce()
    {
        answerCreatesWith(502, "<html>Bad gateway</html>", false);
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QCOMPARE(ledger()->state, LedgerState::Ambiguous); // not seen yet is not "not created"
        QVERIFY(lastAttempt().message.contains(QStringLiteral("does not show")));
        // The next pass reads back first; then, with the quarantine wait over, sends once.
        m_now = m_now.addSecs(30);
        const SyncRunSummary second = runPass();
        QCOMPARE(second.pushed, 1);
        QCOMPARE(creates(), 2);
        QCOMPARE(readBacks(), 2);
        QCOMPARE(channelFulfillments(), 1);
    }

    // Unreadable is unknown, never absent: a damaged read-back keeps the intent.
    void anUnreadableReadBackKeepsTheIntent()
    {
        answerCreatesWith(502, "<html>Bad gateway</html>", false);
        QCOMPARE(runPass().failed, 1);
        m_shopify->setInterceptor(
            [](const FakeRequest &r, const QString &, const std::function<FakeResponse()> &serve) {
                FakeResponse response = serve();
                if (r.body.contains("FulfillmentSyncReadBack")) // a status of the wrong type
                    response.body.replace("\"SUCCESS\"", "7").replace("\"OPEN\"", "7");
                return response;
            });
        m_now = m_now.addSecs(3600);
        for (int i = 0; i < 3; ++i) {
            const SyncRunSummary summary = runPass();
            QCOMPARE(summary.failed, 1);
            QCOMPARE(ledger()->state, LedgerState::Ambiguous);
            m_now = m_now.addSecs(3600 * 24);
        }
        QCOMPARE(creates(), 1);
        m_shopify->setInterceptor({});
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void failuresAreRetriedAfterTheOverlapWindowHasPassed()
    {
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        routeNetSuite(true); // NetSuite now reports nothing new
        m_shopify->setInterceptor({});
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void quarantineGrowsIsSkippedAndIsWipedOnSuccess()
    {
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        QuarantineRepository quarantine(m_temp->database().connection());
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->retryCount, 1);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->ignoreUntil, m_now.addSecs(25));
        const int sends = creates();
        // Within the quarantine: no channel request at all.
        const SyncRunSummary waiting = runPass();
        QCOMPARE(waiting.deferred, 1);
        QCOMPARE(waiting.failed, 0);
        QCOMPARE(waiting.channelRequests, 0);
        QCOMPARE(creates(), sends);
        // After it: tried again, fails again, waits five times longer.
        m_now = m_now.addSecs(26);
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->retryCount, 2);
        QCOMPARE(quarantine.entry(m_connector.id, 2001)->ignoreUntil, m_now.addSecs(125));
        // A resync ignores the quarantine; success wipes it.
        m_shopify->setInterceptor({});
        QCOMPARE(runPass(SyncTrigger::Resync, {1001}).pushed, 1);
        QVERIFY(!quarantine.entry(m_connector.id, 2001));
    }

    void quarantinePolicy_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<int>("errorClass");
        QTest::addColumn<int>("seconds");
        QTest::newRow("first") << 1 << int(ErrorClass::Transient) << 25;
        QTest::newRow("second") << 2 << int(ErrorClass::Transient) << 125;
        QTest::newRow("fifth") << 5 << int(ErrorClass::Transient) << 15625;
        QTest::newRow("capped at a day") << 9 << int(ErrorClass::Validation) << 86400;
        QTest::newRow("auth capped at an hour") << 6 << int(ErrorClass::Auth) << 3600;
    }
    void quarantinePolicy()
    {
        QFETCH(int, retry);
        QFETCH(int, errorClass);
        QFETCH(int, seconds);
        QCOMPARE(QuarantinePolicy{}.delaySeconds(retry, ErrorClass(errorClass)), seconds);
    }

    void trackingChangedAfterPushIsSentOn()
    {
        QCOMPARE(runPass().pushed, 1);
        m_tracking = QStringLiteral("1Z9-CORRECTED");
        const SyncRunSummary summary = runPass();
        // An update, not another fulfillment: the run's pushes match the ledger's.
        QCOMPARE(summary.pushed, 0);
        QCOMPARE(summary.trackingUpdated, 1);
        QCOMPARE(creates(), 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingNumbers,
                 QStringList{QStringLiteral("1Z9-CORRECTED")});
        QCOMPARE(ledger()->trackingNumbers, QStringList{QStringLiteral("1Z9-CORRECTED")});
        QCOMPARE(runPass().pushed, 0); // settled: nothing more
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
    }

    void aFailedTrackingUpdateWaitsInQuarantine()
    {
        QCOMPARE(runPass().pushed, 1);
        m_tracking = QStringLiteral("1Z9");
        m_shopify->setInterceptor([](const FakeRequest &, const QString &endpoint,
                                     const std::function<FakeResponse()> &serve) {
            if (endpoint == u"shopify.graphql.fulfillmentTrackingInfoUpdate")
                return FakeResponse{503, "{}"};
            return serve();
        });
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
        // Not re-sent on every pass: it waits like any failure.
        const SyncRunSummary waiting = runPass();
        QCOMPARE(waiting.deferred, 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
        m_shopify->setInterceptor({});
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().trackingUpdated, 1);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 2);
    }

    void trackingUpdatesCanBeSwitchedOff()
    {
        m_connector.updateTracking = false;
        QCOMPARE(runPass().pushed, 1);
        m_tracking = QStringLiteral("1Z9");
        QCOMPARE(runPass().pushed, 0);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 0);
    }

    // A reconciliation found other tracking numbers in the channel than NetSuite's, which the
    // ledger has: only a person's request sends them again, as a tracking update (not another
    // fulfillment), even with tracking updates switched off.
    void trackingIsSentAgainOnlyWhenAsked()
    {
        m_connector.updateTracking = false;
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(runPass(SyncTrigger::Resync, {1001}).trackingUpdated, 0);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 0);
        m_resendTracking = {2001};
        const SyncRunSummary summary = runPass(SyncTrigger::Resync, {1001});
        QCOMPARE(summary.trackingUpdated, 1);
        QCOMPARE(summary.pushed, 0);
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
        QCOMPARE(creates(), 1);
        QCOMPARE(ledger()->trackingNumbers, m_shopify->fulfillments(5001).first().trackingNumbers);
        m_resendTracking.clear();
        QCOMPARE(runPass(SyncTrigger::Resync, {1001}).trackingUpdated, 0); // asked once, sent once
        QCOMPARE(count("fulfillmentTrackingInfoUpdate("), 1);
    }

    void voidedAfterPushIsFlaggedOnceNeverCancelledAndCanBeResolved()
    {
        QCOMPARE(runPass().pushed, 1);
        m_voided = QStringLiteral("T");
        const SyncRunSummary flagged = runPass();
        QCOMPARE(flagged.failed, 1);
        QCOMPARE(lastAttempt().errorClass, ErrorClass::Conflict);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("voided")));
        QCOMPARE(ledger()->state, LedgerState::Attention);
        QCOMPARE(channelFulfillments(), 1); // nothing cancelled, nothing new
        QCOMPARE(runPass().failed, 0);      // flagged once, not every pass
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 2);

        // A person resolves it: recorded with the reason, the order is no longer failed.
        QSqlDatabase db = m_temp->database().connection();
        Connector stored = *ConnectorRepository(db).byId(m_connector.id);
        QString error;
        QCOMPARE(
            FlagResolution::resolve(db, stored, 1001, 0, QString(), QStringLiteral("ada"), &error),
            0); // a reason is required
        QCOMPARE(FlagResolution::resolve(db, stored, 1001, 0,
                                         QStringLiteral("cancelled in Shopify by hand"),
                                         QStringLiteral("ada"), &error),
                 1);
        QCOMPARE(ledger()->state, LedgerState::Resolved);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("ada")));
        QVERIFY(lastAttempt().message.contains(QStringLiteral("cancelled in Shopify by hand")));
        QCOMPARE(runPass().failed, 0);
        QCOMPARE(creates(), 1);
    }

    void reducedAfterPushIsFlagged()
    {
        QCOMPARE(runPass().pushed, 1);
        m_shirtQuantity = QStringLiteral("1");
        QCOMPARE(runPass().failed, 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("reduced")));
        QCOMPARE(creates(), 1);
    }

    void voidedBeforePushIsNeverSent()
    {
        m_voided = QStringLiteral("T");
        QCOMPARE(runPass().pushed, 0);
        QCOMPARE(creates(), 0);
    }

    // A quantity NetSuite sends unreadable holds the whole fulfillment (never a part of it),
    // and the watermark does not pass it: once NetSuite answers clean, it goes.
    void anUnreadableQuantityHoldsTheFulfillment_data()
    {
        QTest::addColumn<QJsonValue>("quantity");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("text") << QJsonValue(QStringLiteral("two"));
        QTest::newRow("an object") << QJsonValue(QJsonObject{});
    }
    void anUnreadableQuantityHoldsTheFulfillment()
    {
        QFETCH(QJsonValue, quantity);
        m_shirtQuantity = quantity;
        const SyncRunSummary held = runPass();
        QCOMPARE(held.held, 1);
        QCOMPARE(held.pushed, 0);
        QCOMPARE(creates(), 0);
        QVERIFY(!held.warnings.isEmpty());
        QVERIFY(lastAttempt().message.contains(QStringLiteral("IF2001")));
        m_shirtQuantity = QStringLiteral("2");
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().lineItems.size(), 2);
    }

    void aQuantityShopifyCannotTakeIsHeld()
    {
        m_shirtQuantity = QStringLiteral("3000000000");
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.held, 1);
        QCOMPARE(creates(), 0);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("3000000000")));
    }

    void dryRunShowsTheExactRequestAndWritesNothing()
    {
        const SyncRunSummary summary = runPass(SyncTrigger::Manual, {1001}, true);
        QVERIFY(summary.error.isEmpty());
        QCOMPARE(creates(), 0);
        QCOMPARE(m_planned.size(), 1);
        QCOMPARE(m_planned.first().method, QStringLiteral("POST"));
        QVERIFY(m_planned.first().url.endsWith(QStringLiteral("/admin/api/2024-10/graphql.json")));
        QVERIFY(m_planned.first().body.contains(
            QStringLiteral("gid://shopify/FulfillmentOrderLineItem/")));
        QVERIFY(m_planned.first().body.contains(QStringLiteral("1Z1")));
        QVERIFY(!m_planned.first().body.contains(QStringLiteral("shpat_secret")));
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 0);
        QVERIFY(!ledger());
        // The real pass afterwards still reads everything (no watermark was stored).
        QCOMPARE(runPass().pushed, 1);
    }

    void dryRunNamesWhatWouldStopIt()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        runPass(SyncTrigger::Manual, {1001}, true);
        QCOMPARE(m_planned.size(), 1);
        QVERIFY(m_planned.first().problem.contains(QStringLiteral("Local Courier")));
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 0);
    }

    // Held work goes by itself once the settings change: no resync needed, and no history row
    // per pass while nothing changes.
    void heldWorkGoesByItselfAfterAMappingChange()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        QCOMPARE(runPass().held, 1);
        routeNetSuite(true); // nothing new in NetSuite from now on
        QCOMPARE(runPass({}, {}, false, {}, 0).held, 0);
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 1);
        const MappingRule courier{MappingKind::ShipMethod,
                                  QStringLiteral("Local Courier"),
                                  {},
                                  QStringLiteral("Local Courier"),
                                  QStringLiteral("https://courier.example/t/{number}")};
        const SyncRunSummary next = runPass(SyncTrigger::Schedule, {}, false, {courier}, 1);
        QCOMPARE(next.pushed, 1);
        QCOMPARE(creates(), 1);
        QVERIFY(!QuarantineRepository(m_temp->database().connection()).entry(m_connector.id, 2001));
        QCOMPARE(m_shopify->fulfillments(5001).first().trackingUrls.first(),
                 QStringLiteral("https://courier.example/t/1Z1"));
    }

    void anUnmappedItemIsHeldUnlessTheConnectorUsesDefaults()
    {
        m_rules.removeLast(); // no item mapping for the mug
        const SyncRunSummary held = runPass();
        QCOMPARE(held.held, 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("MUG-BLUE")));
        QCOMPARE(creates(), 0);
        m_connector.unmappedPolicy = UnmappedPolicy::UseDefault; // the NetSuite name as SKU
        QCOMPARE(runPass(SyncTrigger::Resync, {1001}).pushed, 1);
        QCOMPARE(m_shopify->fulfillments(5001).first().lineItems.size(), 2);
    }

    void replayRebuiltSendsWhatIsMissingAfterALiveCheck()
    {
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        const SyncAttempt failed = lastAttempt();
        m_shopify->setInterceptor({});
        const SyncRunSummary summary = replay(failed, false);
        QCOMPARE(summary.pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(readBacks(), 1); // the live check
        QCOMPARE(lastAttempt().trigger, SyncTrigger::Replay);
    }

    void replayAsRecordedNeverDuplicates()
    {
        QCOMPARE(runPass().pushed, 1);
        const SyncAttempt pushed = lastAttempt();
        QVERIFY(pushed.request.contains(QStringLiteral("fulfillmentCreate")));
        const SyncRunSummary summary = replay(pushed, true);
        QCOMPARE(creates(), 1); // found by reading back: nothing sent
        QCOMPARE(channelFulfillments(), 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("Already in Shopify")));
        QCOMPARE(summary.failed, 0);
        // What was sent is what is counted: nothing pushed, one found in the channel.
        QCOMPARE(summary.pushed, 0);
        QCOMPARE(summary.alreadyPushed, 1);
        QCOMPARE(lastAttempt().outcome, SyncOutcome::Skipped);
    }

    void replayAsRecordedSendsTheRecordedBodyWhenMissing()
    {
        QCOMPARE(runPass(SyncTrigger::Manual, {1001}, true).pushed, 0);
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        const SyncAttempt failed = lastAttempt();
        QVERIFY(!failed.request.isEmpty());
        m_shopify->setInterceptor({});
        QCOMPARE(replay(failed, true).pushed, 1);
        const FakeRequest last =
            *std::find_if(m_network->journal().crbegin(), m_network->journal().crend(), isCreate);
        QCOMPARE(last.body,
                 QJsonDocument::fromJson(failed.request.toUtf8()).toJson(QJsonDocument::Compact));
        QCOMPARE(channelFulfillments(), 1);
    }

    void aHungCreateIsATimeoutAndIsReadBack()
    {
        answerCreatesWith(0, {}, false);
        const SyncRunSummary first = runPass();
        QCOMPARE(first.failed, 1);
        QCOMPARE(ledger()->state, LedgerState::Ambiguous);
        QCOMPARE(readBacks(), 1);
        // Said as a timeout, not as "Operation canceled".
        QVERIFY2(lastAttempt().message.contains(QStringLiteral("no answer within")),
                 qPrintable(lastAttempt().message));
    }

    void pickedIsShownButNeverPushedUntilShipped()
    {
        m_ifStatus = QStringLiteral("A");
        const SyncRunSummary picked = runPass();
        QCOMPARE(picked.pushed, 0);
        QCOMPARE(creates(), 0);
        QCOMPARE(OrderRepository(m_temp->database().connection())
                     .fulfillmentsOfOrder(1001)
                     .first()
                     .shipStatus,
                 QStringLiteral("A"));
        m_ifStatus = QStringLiteral("C");
        QCOMPARE(runPass().pushed, 1);
    }

    void unmappedShipMethodIsHeldWithAClearMessage()
    {
        m_shipMethodName = QStringLiteral("Local Courier");
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.held, 1);
        QCOMPARE(creates(), 0);
        QCOMPARE(summary.channelRequests, 0);
        QCOMPARE(lastAttempt().outcome, SyncOutcome::Held);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("Local Courier")));
    }

    void alreadyFulfilledInShopifyIsAConflictNotADuplicate()
    {
        sandbox::ShopifyStore::CreateRequest byHand;
        byHand.orders = {
            {m_shopify->store().order(m_shopify->shop(), 5001)->fulfillmentOrderIds.first(), {}}};
        sandbox::ShopifyStore::Fulfillment made;
        sandbox::ShopifyStore::CreateError error;
        QVERIFY(m_shopify->store().createFulfillment(
            m_shopify->shop(), byHand, QDateTime::currentDateTimeUtc(), &made, &error));
        const SyncRunSummary summary = runPass();
        QCOMPARE(summary.failed, 1);
        QCOMPARE(creates(), 0);
        QCOMPARE(lastAttempt().errorClass, ErrorClass::Conflict);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("not by this connector")));
    }

    // On hold and scheduled mean "not yet", never "fulfilled already": it goes once released.
    void aHeldFulfillmentOrderWaitsAndGoesWhenReleased()
    {
        QVERIFY(m_shopify->store().setFulfillmentOrderStatus(m_shopify->shop(), 5001,
                                                             QStringLiteral("on_hold")));
        const SyncRunSummary held = runPass();
        QCOMPARE(held.failed, 1);
        QVERIFY(lastAttempt().message.contains(QStringLiteral("on hold")));
        QVERIFY(!lastAttempt().message.contains(QStringLiteral("already")));
        QVERIFY(m_shopify->store().setFulfillmentOrderStatus(m_shopify->shop(), 5001,
                                                             QStringLiteral("open")));
        m_now = m_now.addSecs(30);
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
    }

    void malformedNetSuiteAnswerStopsTheRunCleanly()
    {
        m_network->route("POST", QStringLiteral("/suiteql$"), [](const FakeRequest &) {
            return FakeResponse{200, "{\"items\": [1, 2"};
        });
        const SyncRunSummary summary = runPass();
        QVERIFY2(summary.error.contains(QStringLiteral("cannot read")), qPrintable(summary.error));
        QCOMPARE(summary.pushed, 0);
    }

    // A pass cut short while reading — cancelled, or stopped by an answer it cannot read —
    // keeps what it stored: the next pass continues each query where it got to, not from the
    // window's start, and pushes what the first one read. Without the resume point the second
    // pass reads the orders from the start again.
    void aPassCutShortContinuesWhereItStopped_data()
    {
        QTest::addColumn<bool>("cancel");
        QTest::newRow("cancelled") << true;
        QTest::newRow("unreadable answer") << false;
    }
    void aPassCutShortContinuesWhereItStopped()
    {
        QFETCH(bool, cancel);
        const QString ordersQuery = QStringLiteral("sl.mainline");
        const QString fulfillmentsQuery = QStringLiteral("f.type = 'ItemShip'");
        m_network->route("POST", QStringLiteral("/suiteql$"), [=, this](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            if (q.contains(ordersQuery))
                return FakeResponse{200, QJsonDocument(suiteQlEnvelope(orderRows())).toJson()};
            return cancel ? FakeResponse{0, {}, {}, true} : FakeResponse{200, "{\"items\": [1"};
        });
        if (cancel)
            m_onProgress = [](SyncPass &pass, const SyncProgress &progress) {
                if (progress.phase.startsWith(QStringLiteral("Reading item fulfillments")))
                    cancelSoon(pass);
            };
        const SyncRunSummary cut = runPass();
        QCOMPARE(cut.cancelled, cancel);
        QCOMPARE(cut.error.isEmpty(), cancel);
        QCOMPARE(channelFulfillments(), 0);
        QVERIFY(OrderRepository(m_temp->database().connection()).order(1001).has_value());

        m_onProgress = {};
        routeNetSuite();
        m_network->clearJournal();
        const SyncRunSummary next = runPass();
        QVERIFY2(next.error.isEmpty(), qPrintable(next.error));
        // Orders go on from 10 minutes (the overlap) before the newest order read; the
        // fulfillments, never read, from the window's start.
        const QStringList orders = suiteQl(ordersQuery);
        QCOMPARE(orders.size(), 1);
        QVERIFY2(orders.first().contains(QStringLiteral("'2026-11-19 14:54:05'")),
                 qPrintable(orders.first()));
        const QStringList fulfillments = suiteQl(fulfillmentsQuery);
        QCOMPARE(fulfillments.size(), 1);
        QVERIFY2(fulfillments.first().contains(QStringLiteral("'1970-01-01 00:00:00'")),
                 qPrintable(fulfillments.first()));
        QCOMPARE(next.pushed, 1);
        QCOMPARE(channelFulfillments(), 1);
        // Done: the watermark stands, and the pass after probes as usual.
        QVERIFY(!WatermarkRepository(m_temp->database().connection())
                     .resume(m_connector.id, QStringLiteral("fulfillments"))
                     .isValid());
        m_network->clearJournal();
        runPass();
        QCOMPARE(suiteQl(QStringLiteral("GROUP BY t.type")).size(), 1);
    }

    // Orders stored by a pass cut short after its reading are evaluated by the next pass even
    // when NetSuite has nothing new for them.
    void aPassCutShortWhilePushingLeavesNothingUnevaluated()
    {
        // Shopify does not answer; the pass is cancelled before anything was sent.
        m_shopify->setInterceptor(
            [](const FakeRequest &, const QString &, const std::function<FakeResponse()> &) {
                return FakeResponse{0, {}, {}, true};
            });
        m_onProgress = [](SyncPass &pass, const SyncProgress &progress) {
            if (progress.phase.startsWith(QStringLiteral("Pushing")))
                cancelSoon(pass);
        };
        const SyncRunSummary cut = runPass();
        QVERIFY(cut.cancelled);
        QCOMPARE(channelFulfillments(), 0);
        m_onProgress = {};
        m_shopify->setInterceptor({});
        routeNetSuite(true); // NetSuite has nothing newer
        const SyncRunSummary next = runPass();
        QVERIFY2(next.error.isEmpty(), qPrintable(next.error));
        QVERIFY2(channelFulfillments() == 1, qPrintable(lastAttempt().message));
    }

    // What a pass wrote is in the free-text indexes when it ends (searches read the rest the
    // slow way, see TextIndex).
    void aPassIndexesWhatItWroteForSearch()
    {
        QCOMPARE(runPass().pushed, 1);
        QSqlQuery q(m_temp->database().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT value FROM meta WHERE key = "
                                      "'history_text_indexed_to'), (SELECT MAX(id) FROM "
                                      "sync_attempts), (SELECT COUNT(*) FROM order_text_pending), "
                                      "(SELECT COUNT(*) FROM sales_orders_text WHERE "
                                      "sales_orders_text MATCH '\"1Z1\"')")));
        QVERIFY(q.next());
        QVERIFY(q.value(1).toLongLong() > 0);
        QCOMPARE(q.value(0).toLongLong(), q.value(1).toLongLong());
        QCOMPARE(q.value(2).toInt(), 0);
        QCOMPARE(q.value(3).toInt(), 1); // the order, found by its tracking number
    }

    // Explain shows the decision the pass acts on: after each pass, what Explain says is what
    // the pass did.
    void explainAgreesWithThePass()
    {
        QSqlDatabase db = m_temp->database().connection();
        auto explained = [&] {
            OrderRepository orders(db);
            const SalesOrder order = *orders.order(1001);
            const QList<ItemFulfillment> fulfillments = orders.fulfillmentsOfOrder(1001);
            const Connector connector = *ConnectorRepository(db).byId(m_connector.id);
            const FulfillmentMapper mapper(connector, rules());
            const ExplainInput input{
                connector, mapper, [](const MappedFulfillment &) { return QStringList(); }, m_now};
            return Explainer::explain(input, order, fulfillments,
                                      LedgerRepository(db).entriesOfOrder(m_connector.id, 1001),
                                      QuarantineRepository(db).entriesOfOrder(m_connector.id, 1001))
                .fulfillments.first()
                .decision.action;
        };
        answerCreatesWith(429, "{}", false, 1000);
        QCOMPARE(runPass().failed, 1);
        QCOMPARE(explained(), SyncDecision::Action::Wait);
        QCOMPARE(runPass().deferred, 1);
        m_now = m_now.addSecs(30);
        QCOMPARE(explained(), SyncDecision::Action::Push);
        m_shopify->setInterceptor({});
        QCOMPARE(runPass().pushed, 1);
        QCOMPARE(explained(), SyncDecision::Action::Nothing);
        QCOMPARE(runPass().pushed, 0);
    }

    // Issue 27: a worker paused past its lease wakes with a pass half done. Another worker took
    // the connector over while it stood still (here: while Shopify answered the read the plan
    // needs); the woken pass sends nothing, writes no intent and no history (no false
    // conflicts), and says why. The new holder pushes the fulfillment once.
    void aPassWhoseLeaseWasTakenOverSendsAndRecordsNothing()
    {
        const QString paused = QStringLiteral("host-a pid 1 (paused)");
        const QString next = QStringLiteral("host-b pid 2 (next)");
        QSqlDatabase db = m_temp->database().connection();
        LeaseRepository leases(db);
        qint64 epoch = 0;
        QVERIFY(leases.acquire(m_connector.id, paused, QDateTime::currentDateTimeUtc(), 30, nullptr,
                               &epoch));
        m_fence = std::make_shared<LeaseFence>(m_connector.id, paused, epoch, 30);
        qint64 nextEpoch = 0;
        m_shopify->setInterceptor([&](const FakeRequest &, const QString &endpoint,
                                      const std::function<FakeResponse()> &serve) {
            if (endpoint == u"shopify.graphql.query" && nextEpoch == 0)
                LeaseRepository(m_temp->database().connection())
                    .takeOver(m_connector.id, paused, next, QDateTime::currentDateTimeUtc(), 30,
                              &nextEpoch);
            return serve();
        });
        const SyncRunSummary fenced = runPass();
        m_shopify->setInterceptor({});
        QCOMPARE(nextEpoch, epoch + 1); // the takeover happened, before the create
        QCOMPARE(creates(), 0);
        QCOMPARE(channelFulfillments(), 0);
        QVERIFY(!ledger()); // no intent for the paused worker to send later
        QCOMPARE(HistoryRepository(db).count(), 0);
        QCOMPARE(fenced.pushed, 0);
        QCOMPARE(fenced.failed, 0);
        QVERIFY2(fenced.error.contains(QStringLiteral("took the connector over")) &&
                     fenced.error.contains(next),
                 qPrintable(fenced.error));
        QVERIFY(m_fence->isLost());
        // Its reading stays unfinished: the new holder's pass takes it all up and pushes once.
        QVERIFY(!WatermarkRepository(db)
                     .value(m_connector.id, QStringLiteral("fulfillments"))
                     .isValid());
        m_fence = std::make_shared<LeaseFence>(m_connector.id, next, nextEpoch, 30);
        const SyncRunSummary taken = runPass();
        QVERIFY2(taken.error.isEmpty(), qPrintable(taken.error));
        QCOMPARE(taken.pushed, 1);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(ledger()->state, LedgerState::Pushed);
    }

    // The lease is taken over while the create is on its way: Shopify made the fulfillment, but
    // the fenced pass records neither the confirmation nor a history row. The intent it wrote
    // before sending stays, so the new holder reads it back, finds it and counts it once:
    // nothing is sent twice and the push is counted once over both passes.
    void aConfirmationArrivingAfterATakeOverIsLeftToTheNewHolder()
    {
        const QString paused = QStringLiteral("host-a pid 1 (paused)");
        const QString next = QStringLiteral("host-b pid 2 (next)");
        QSqlDatabase db = m_temp->database().connection();
        qint64 epoch = 0;
        QVERIFY(LeaseRepository(db).acquire(m_connector.id, paused, QDateTime::currentDateTimeUtc(),
                                            30, nullptr, &epoch));
        m_fence = std::make_shared<LeaseFence>(m_connector.id, paused, epoch, 30);
        qint64 nextEpoch = 0;
        m_shopify->setInterceptor([&](const FakeRequest &, const QString &endpoint,
                                      const std::function<FakeResponse()> &serve) {
            if (endpoint == u"shopify.graphql.fulfillmentCreate")
                LeaseRepository(m_temp->database().connection())
                    .takeOver(m_connector.id, paused, next, QDateTime::currentDateTimeUtc(), 30,
                              &nextEpoch);
            return serve();
        });
        const SyncRunSummary fenced = runPass();
        m_shopify->setInterceptor({});
        QCOMPARE(nextEpoch, epoch + 1);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(fenced.pushed, 0);
        QVERIFY2(fenced.error.contains(next), qPrintable(fenced.error));
        QCOMPARE(ledger()->state, LedgerState::Pending); // unconfirmed: read back, never resent
        QSqlQuery writtenBy(db); // the intent names the epoch that may send it
        QVERIFY(writtenBy.exec(QStringLiteral("SELECT lease_epoch FROM pushed_fulfillments")));
        QVERIFY(writtenBy.next());
        QCOMPARE(writtenBy.value(0).toLongLong(), epoch);
        QCOMPARE(HistoryRepository(db).count(), 0);
        m_fence = std::make_shared<LeaseFence>(m_connector.id, next, nextEpoch, 30);
        const SyncRunSummary taken = runPass();
        QVERIFY2(taken.error.isEmpty(), qPrintable(taken.error));
        QCOMPARE(taken.pushed, 1);
        QCOMPARE(readBacks(), 1);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(ledger()->state, LedgerState::Pushed);
        // Read back again later (a replay of it): already pushed, not counted again.
        const SyncRunSummary again = replay(lastAttempt(), true);
        QCOMPARE(again.pushed, 0);
        QCOMPARE(again.alreadyPushed, 1);
        QCOMPARE(creates(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncPass)
#include "tst_syncpass.moc"
