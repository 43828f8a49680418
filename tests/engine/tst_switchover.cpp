// Switching over from another connector (issue 23, item 3): the store already holds
// fulfillments another tool made for NetSuite fulfillments this connector never sent. The first
// passes recognise them (tracking numbers and lines; without tracking, lines and quantities and
// only when unambiguous), record them as adopted, never send them, and push only what is
// missing. What cannot be told is held in the Inbox with its candidates named.

#include "syncpassfixture.h"

#include "models/storage/inboxrepository.h"

#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

class TestSwitchover : public SyncPassFixture
{
    Q_OBJECT

    struct If
    {
        qint64 id = 0;
        QString tracking;
        QList<QPair<int, int>> lines; // sales order line (1 shirt, 2 mug), quantity
    };
    QList<If> m_ifs;

    // NetSuite answers with these fulfillments of SO1001 (Shopify order 5001).
    void routeFulfillments(const QList<If> &ifs)
    {
        m_ifs = ifs;
        m_network->route("POST", QStringLiteral("/suiteql$"), [this](const FakeRequest &r) {
            const QString q =
                QJsonDocument::fromJson(r.body).object()[QStringLiteral("q")].toString();
            QJsonArray rows;
            if (q.contains(QStringLiteral("sl.mainline")))
                rows = orderRows();
            else if (!q.contains(QStringLiteral("GROUP BY t.type")))
                rows = ifRows();
            return FakeResponse{
                200, QJsonDocument(suiteQlEnvelope(rows)).toJson(), {{"Date", kNetSuiteDate}}};
        });
    }

    QJsonArray ifRows() const
    {
        QJsonArray rows;
        for (const If &f : m_ifs) {
            int n = 0;
            for (const auto &[soLine, quantity] : f.lines) {
                const bool shirt = soLine == 1;
                rows.append(QJsonObject{
                    {QStringLiteral("links"), QJsonArray()},
                    {QStringLiteral("if_id"), QString::number(f.id)},
                    {QStringLiteral("if_tranid"), QStringLiteral("IF%1").arg(f.id)},
                    {QStringLiteral("if_status"), QStringLiteral("C")},
                    {QStringLiteral("if_lmd"), QStringLiteral("2026-11-19T15:04:05")},
                    {QStringLiteral("if_date"), QStringLiteral("2026-11-19")},
                    {QStringLiteral("so_id"), QStringLiteral("1001")},
                    {QStringLiteral("so_tranid"), QStringLiteral("SO1001")},
                    {QStringLiteral("so_status"), QStringLiteral("F")},
                    {QStringLiteral("channel"), QStringLiteral("Shopify")},
                    {QStringLiteral("channel_order"), QStringLiteral("5001")},
                    {QStringLiteral("if_line"), QString::number(f.id * 10 + ++n)},
                    {QStringLiteral("so_line"), QString::number(soLine)},
                    {QStringLiteral("item"), shirt ? QStringLiteral("501") : QStringLiteral("502")},
                    {QStringLiteral("item_name"),
                     shirt ? QStringLiteral("TSHIRT-RED-M") : QStringLiteral("MUG-BLUE")},
                    {QStringLiteral("quantity"), QString::number(quantity)},
                    {QStringLiteral("if_void"), QStringLiteral("F")},
                    {QStringLiteral("ship_method"), QStringLiteral("12")},
                    {QStringLiteral("ship_method_name"), QStringLiteral("UPS Ground")},
                    {QStringLiteral("tracking_id"), QStringLiteral("1")},
                    {QStringLiteral("tracking_number"), f.tracking}});
            }
        }
        return rows;
    }

    // "Another tool" fulfills these lines (Shopify line item 9001 shirt, 9002 mug) directly in
    // the store; returns the new fulfillment's id.
    QString byAnotherTool(const QList<QPair<qint64, int>> &lines, const QStringList &numbers)
    {
        sandbox::ShopifyStore::Shop &shop = m_shopify->shop();
        sandbox::ShopifyStore::RequestedOrder requested;
        for (const qint64 foId : m_shopify->store().order(shop, 5001)->fulfillmentOrderIds) {
            const sandbox::ShopifyStore::FulfillmentOrder &fo = shop.fulfillmentOrders[foId];
            if (fo.status != u"open" && fo.status != u"in_progress")
                continue;
            for (const auto &[lineItem, quantity] : lines)
                for (const auto &line : fo.lines)
                    if (line.lineItemId == lineItem && line.fulfillable >= quantity) {
                        requested.fulfillmentOrderId = foId;
                        requested.lines << qMakePair(line.id, quantity);
                    }
            if (!requested.lines.isEmpty())
                break;
        }
        sandbox::ShopifyStore::CreateRequest request;
        request.orders = {requested};
        request.company = QStringLiteral("UPS");
        request.numbers = numbers;
        sandbox::ShopifyStore::Fulfillment made;
        sandbox::ShopifyStore::CreateError error;
        if (!m_shopify->store().createFulfillment(shop, request, QDateTime::currentDateTimeUtc(),
                                                  &made, &error))
            qWarning() << "could not pre-fill the store:" << error.message;
        return QString::number(made.id);
    }

    std::optional<LedgerEntry> ledgerOf(qint64 fulfillmentId) const
    {
        return LedgerRepository(m_temp->database().connection())
            .entry(m_connector.id, fulfillmentId);
    }

    std::optional<InboxItem> inboxOf(qint64 fulfillmentId) const
    {
        return InboxRepository(m_temp->database().connection()).item(m_connector.id, fulfillmentId);
    }

    // A later pass that looks at the order again, whatever the watermark says.
    SyncRunSummary again() { return runPass(SyncTrigger::Resync, {1001}); }

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void aTrackedFulfillmentOfAnotherToolIsAdoptedNeverSent()
    {
        // IF2001: two shirts and a mug, 1Z1 — in Shopify already, by another tool.
        const QString theirs = byAnotherTool({{9001, 2}, {9002, 1}}, {QStringLiteral("1Z1")});
        QCOMPARE(channelFulfillments(), 1);
        const SyncRunSummary first = runPass();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.adopted, 1);
        QCOMPARE(first.pushed, 0);
        QCOMPARE(first.failed, 0);
        QCOMPARE(first.held, 0);
        QCOMPARE(creates(), 0);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(ledger()->state, LedgerState::Adopted);
        QCOMPARE(ledger()->channelFulfillmentId, theirs);
        QCOMPARE(lastAttempt().outcome, SyncOutcome::Skipped);
        QVERIFY2(
            lastAttempt().message.contains(
                QStringLiteral("Adopted Shopify fulfillment %1 made by another tool").arg(theirs)),
            qPrintable(lastAttempt().message));
        QVERIFY(lastAttempt().message.contains(QStringLiteral("1Z1")));
        QVERIFY(!inboxOf(2001) || inboxOf(2001)->state != InboxState::Open);

        // Later passes send nothing, adopt nothing again.
        const SyncRunSummary later = again();
        QVERIFY2(later.error.isEmpty(), qPrintable(later.error));
        QCOMPARE(later.adopted, 0);
        QCOMPARE(later.pushed, 0);
        QCOMPARE(later.alreadyPushed, 1);
        QCOMPARE(creates(), 0);
        QCOMPARE(channelFulfillments(), 1);
        QCOMPARE(ledger()->state, LedgerState::Adopted);
    }

    // The first IF of the order is in Shopify (another tool), the second is not: the first is
    // adopted, the second pushed once.
    void aPartialOrderAdoptsTheFirstAndPushesOnlyTheSecond()
    {
        routeFulfillments(
            {{2001, QStringLiteral("1Z1"), {{1, 2}}}, {2002, QStringLiteral("1Z2"), {{2, 1}}}});
        const QString theirs = byAnotherTool({{9001, 2}}, {QStringLiteral("1Z1")});
        const SyncRunSummary first = runPass();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.adopted, 1);
        QCOMPARE(first.pushed, 1);
        QCOMPARE(first.failed, 0);
        QCOMPARE(first.held, 0);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 2);
        QCOMPARE(ledgerOf(2001)->state, LedgerState::Adopted);
        QCOMPARE(ledgerOf(2001)->channelFulfillmentId, theirs);
        QCOMPARE(ledgerOf(2002)->state, LedgerState::Pushed);
        QVERIFY(ledgerOf(2002)->channelFulfillmentId != theirs);
        QSqlQuery state(m_temp->database().connection());
        QVERIFY(state.exec(QStringLiteral("SELECT sync_state FROM sales_orders WHERE id = 1001")));
        QVERIFY(state.next());
        QCOMPARE(state.value(0).toString(), orderSyncStateKey(OrderSyncState::Synced));

        const SyncRunSummary later = again();
        QCOMPARE(later.pushed + later.adopted, 0);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 2);
    }

    // Our own fulfillment of the order is in the ledger, and another tool put the next one in
    // the channel: part of a line, so the channel could still take a create. The channel
    // holds more units than the ledger explains, so its fulfillments are read and the other
    // tool's is adopted, never duplicated.
    void anotherToolsFulfillmentBesideOursIsAdopted()
    {
        routeFulfillments({{2001, QStringLiteral("1Z1"), {{2, 1}}}});
        const SyncRunSummary first = runPass();
        QCOMPARE(first.pushed, 1);
        QCOMPARE(creates(), 1);
        routeFulfillments(
            {{2001, QStringLiteral("1Z1"), {{2, 1}}}, {2002, QStringLiteral("1Z2"), {{1, 1}}}});
        const QString theirs = byAnotherTool({{9001, 1}}, {QStringLiteral("1Z2")});
        const SyncRunSummary later = again();
        QVERIFY2(later.error.isEmpty(), qPrintable(later.error));
        QCOMPARE(later.adopted, 1);
        QCOMPARE(later.pushed, 0);
        QCOMPARE(creates(), 1);
        QCOMPARE(channelFulfillments(), 2);
        QCOMPARE(ledgerOf(2002)->state, LedgerState::Adopted);
        QCOMPARE(ledgerOf(2002)->channelFulfillmentId, theirs);
    }

    // A dry run of the first pass tells what it would adopt and what it would push, and writes
    // nothing.
    void aDryRunTellsWhatItWouldAdoptAndWhatItWouldPush()
    {
        routeFulfillments(
            {{2001, QStringLiteral("1Z1"), {{1, 2}}}, {2002, QStringLiteral("1Z2"), {{2, 1}}}});
        const QString theirs = byAnotherTool({{9001, 2}}, {QStringLiteral("1Z1")});
        const SyncRunSummary dry = runPass(SyncTrigger::Manual, {1001}, true);
        QVERIFY2(dry.error.isEmpty(), qPrintable(dry.error));
        QCOMPARE(creates(), 0);
        QCOMPARE(m_planned.size(), 2);
        QCOMPARE(m_planned.at(0).fulfillmentTranId, QStringLiteral("IF2001"));
        QVERIFY(m_planned.at(0).body.isEmpty());
        QVERIFY2(m_planned.at(0).problem.contains(
                     QStringLiteral("Would adopt Shopify fulfillment %1").arg(theirs)),
                 qPrintable(m_planned.at(0).problem));
        QCOMPARE(m_planned.at(1).fulfillmentTranId, QStringLiteral("IF2002"));
        QVERIFY(m_planned.at(1).body.contains(QStringLiteral("1Z2")));
        QVERIFY(!ledgerOf(2001));
        QVERIFY(!ledgerOf(2002));
        QCOMPARE(HistoryRepository(m_temp->database().connection()).count(), 0);
    }

    void anUntrackedOneIsAdoptedByLinesAndQuantitiesWhenUnambiguous()
    {
        routeFulfillments({{2001, {}, {{1, 2}}}, {2002, {}, {{2, 1}}}});
        const QString theirs = byAnotherTool({{9001, 2}}, {});
        const SyncRunSummary first = runPass();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.adopted, 1);
        QCOMPARE(first.pushed, 1);
        QCOMPARE(creates(), 1);
        QCOMPARE(ledgerOf(2001)->state, LedgerState::Adopted);
        QCOMPARE(ledgerOf(2001)->channelFulfillmentId, theirs);
        QCOMPARE(ledgerOf(2002)->state, LedgerState::Pushed);
        const SyncRunSummary later = again();
        QCOMPARE(later.pushed + later.adopted, 0);
        QCOMPARE(creates(), 1);
    }

    // Two untracked IFs of one shirt each, two identical untracked fulfillments in Shopify:
    // which is which cannot be told. Both are held in the Inbox, the candidates named; nothing
    // is guessed, nothing sent.
    void anAmbiguousUntrackedOneIsHeldWithItsCandidates()
    {
        routeFulfillments({{2001, {}, {{1, 1}}}, {2002, {}, {{1, 1}}}});
        const QString a = byAnotherTool({{9001, 1}}, {});
        const QString b = byAnotherTool({{9001, 1}}, {});
        QVERIFY(a != b);
        const SyncRunSummary first = runPass();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.adopted, 0);
        QCOMPARE(first.pushed, 0);
        QCOMPARE(first.held, 2);
        QCOMPARE(creates(), 0);
        QVERIFY(!ledgerOf(2001));
        QVERIFY(!ledgerOf(2002));
        for (const qint64 id : {2001, 2002}) {
            const std::optional<InboxItem> item = inboxOf(id);
            QVERIFY(item);
            QCOMPARE(item->state, InboxState::Open);
            QCOMPARE(item->problem, InboxProblem::Held);
            QVERIFY2(item->message.contains(a) && item->message.contains(b),
                     qPrintable(item->message));
        }
        QCOMPARE(lastAttempt().errorClass, ErrorClass::Conflict);
    }

    // One untracked fulfillment in Shopify, two untracked IFs it could equally be: held.
    void anUntrackedOneThatTwoIfsCouldBeIsHeld()
    {
        routeFulfillments({{2001, {}, {{1, 1}}}, {2002, {}, {{1, 1}}}});
        const QString theirs = byAnotherTool({{9001, 1}}, {});
        const SyncRunSummary first = runPass();
        QCOMPARE(first.adopted, 0);
        QCOMPARE(creates(), 0);
        QVERIFY(!ledgerOf(2001));
        QVERIFY(inboxOf(2001));
        QVERIFY2(inboxOf(2001)->message.contains(theirs), qPrintable(inboxOf(2001)->message));
    }

    // This connector's own fulfillment carries the same tracking number as the new IF (one
    // carton, two IFs); another tool made the new IF's fulfillment. Ours is claimed by the
    // ledger and never taken for another tool's: the other one is adopted.
    void ourOwnFulfillmentIsNeverTakenForAnotherTools()
    {
        routeFulfillments({{2001, QStringLiteral("1Z1"), {{1, 2}}}});
        QCOMPARE(runPass().pushed, 1);
        const QString ours = ledgerOf(2001)->channelFulfillmentId;
        QVERIFY(!ours.isEmpty());
        const QString theirs = byAnotherTool({{9002, 1}}, {QStringLiteral("1Z1")});
        routeFulfillments(
            {{2001, QStringLiteral("1Z1"), {{1, 2}}}, {2002, QStringLiteral("1Z1"), {{2, 1}}}});
        const SyncRunSummary second = again();
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        QCOMPARE(second.adopted, 1);
        QCOMPARE(second.held, 0);
        QCOMPARE(creates(), 1);
        QCOMPARE(ledgerOf(2001)->state, LedgerState::Pushed);
        QCOMPARE(ledgerOf(2001)->channelFulfillmentId, ours);
        QCOMPARE(ledgerOf(2002)->state, LedgerState::Adopted);
        QCOMPARE(ledgerOf(2002)->channelFulfillmentId, theirs);
    }
};

QTEST_GUILESS_MAIN(TestSwitchover)
#include "tst_switchover.moc"
