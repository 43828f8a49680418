// The Inbox tab as an operator works it: open items first, bulk Resolve with a reason over a
// selection, Retry over the whole filter, Enter opens the order.

#include "models/item/inboxtablemodel.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/engine/inboxactions.h"
#include "testutils/tempdatabase.h"
#include "ui/inbox/inboxpage.h"
#include "ui/tables/tablefilterbar.h"
#include "ui/tables/tablepanel.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestInboxPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<InboxPage> m_page;
    Connector m_connector;

    void openItem(qint64 fulfillmentId, qint64 orderId, InboxProblem problem)
    {
        InboxItem item;
        item.connectorId = m_connector.id;
        item.connectorName = m_connector.name;
        item.fulfillmentId = fulfillmentId;
        item.orderId = orderId;
        item.orderTranId = QStringLiteral("SO%1").arg(orderId);
        item.fulfillmentTranId = QStringLiteral("IF%1").arg(fulfillmentId);
        item.problem = problem;
        item.message = QStringLiteral("trouble %1").arg(fulfillmentId);
        InboxRepository inbox(m_temp->database().connection());
        QVERIFY2(inbox.open(item, QDateTime::currentDateTimeUtc().addSecs(fulfillmentId)),
                 qPrintable(inbox.lastError()));
    }
    bool waitForRows(int rows)
    {
        return QTest::qWaitFor(
            [&] {
                return m_page->model()->totalCount() == rows &&
                       (rows == 0 || m_page->model()->isRowLoaded(rows - 1));
            },
            5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fulfillsync-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_inboxpage"));
    }

    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_connector = Connector{};
        m_connector.name = QStringLiteral("main-store");
        m_connector.endpoint = QStringLiteral("https://acme.myshopify.com");
        QVERIFY(ConnectorRepository(m_temp->database().connection()).save(m_connector));
        openItem(11, 1, InboxProblem::Failed);
        openItem(12, 2, InboxProblem::Held);
        openItem(13, 3, InboxProblem::Flagged);
        QVERIFY(InboxRepository(m_temp->database().connection())
                    .autoResolve(m_connector.id, 11, QStringLiteral("pushed"),
                                 QDateTime::currentDateTimeUtc()));
        m_page = std::make_unique<InboxPage>(m_temp->database());
        m_page->resize(1100, 600);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup()
    {
        m_page.reset();
        m_temp.reset();
    }

    void opensOnWhatIsStillOpen()
    {
        QVERIFY(waitForRows(2));
        QStringList problems;
        for (int row = 0; row < 2; ++row)
            problems << m_page->model()->index(row, InboxTableModel::Problem).data().toString();
        QCOMPARE(problems, (QStringList{QStringLiteral("Flagged"), QStringLiteral("Held")}));
        QVERIFY(!m_page->resolveButton()->isEnabled()); // nothing selected yet
    }

    void resolvesTheSelectionWithAReason()
    {
        QVERIFY(waitForRows(2));
        QTableView *view = m_page->panel()->view();
        view->selectionModel()->select(m_page->model()->index(1, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(m_page->resolveButton()->isEnabled());
        int asked = 0;
        m_page->setAskReason([&](int count) {
            asked = count;
            return QStringLiteral("mapping fixed by hand, pushed manually");
        });
        QTest::mouseClick(m_page->resolveButton(), Qt::LeftButton);
        QCOMPARE(asked, 1);
        const auto held = InboxRepository(m_temp->database().connection()).item(m_connector.id, 12);
        QCOMPARE(held->state, InboxState::Resolved);
        QVERIFY(held->resolution.contains(QStringLiteral("pushed manually")));
        QVERIFY(waitForRows(1)); // the open filter no longer shows it
        QVERIFY2(m_page->messageLabel()->text().contains(QStringLiteral("Resolved 1")),
                 qPrintable(m_page->messageLabel()->text()));
        // Cancelling the question changes nothing.
        m_page->scopeBox()->setCurrentIndex(1);
        m_page->setAskReason([](int) { return QString(); });
        QTest::mouseClick(m_page->resolveButton(), Qt::LeftButton);
        QCOMPARE(InboxRepository(m_temp->database().connection()).openCount(), 1);
    }

    // Switching over: a person says which channel fulfillment the held one is, from what the
    // order's last reading shows unexplained; it is recorded as adopted, never sent.
    void adoptsTheChannelFulfillmentAPersonChooses()
    {
        QSqlDatabase db = m_temp->database().connection();
        SalesOrder order;
        order.id = 2;
        order.tranId = QStringLiteral("SO2");
        order.tranDate = QStringLiteral("2026-11-20");
        order.channelOrder = QStringLiteral("5002");
        ItemFulfillment f;
        f.id = 12;
        f.orderId = 2;
        f.tranId = QStringLiteral("IF12");
        f.tranDate = QStringLiteral("2026-11-20");
        f.shipStatus = ShipStatus::Shipped;
        f.lines = {{1, 1, 502, QStringLiteral("MUG-BLUE"), 1, 1, QStringLiteral("Main")}};
        OrderRepository orders(db);
        QVERIFY(orders.upsertOrders({order}) && orders.upsertFulfillments({f}));
        QVERIFY(waitForRows(2));
        QTableView *view = m_page->panel()->view();
        view->selectionModel()->setCurrentIndex(m_page->model()->index(1, 0),
                                                QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
        QVERIFY(m_page->adoptButton()->isEnabled());
        int offered = -1;
        m_page->setChooseAdoption([&](const QString &, const QList<ReconciliationReading> &c) {
            offered = int(c.size());
            return std::optional<InboxPage::Adoption>(
                InboxPage::Adoption{c.isEmpty() ? QString() : c.first().channelFulfillmentId,
                                    QStringLiteral("the old connector's shipment")});
        });
        // Not read yet: nothing to choose from, and nothing changes.
        QTest::mouseClick(m_page->adoptButton(), Qt::LeftButton);
        QCOMPARE(offered, -1);
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral("Read the channel first")));

        ReconciliationReading missing;
        missing.fulfillmentId = 12;
        missing.fulfillmentTranId = QStringLiteral("IF12");
        missing.verdict = QStringLiteral("missing");
        missing.checkedAt = QDateTime::currentDateTimeUtc();
        ReconciliationReading extra = missing;
        extra.fulfillmentId = 0;
        extra.fulfillmentTranId.clear();
        extra.verdict = QStringLiteral("extra");
        extra.channelFulfillmentId = QStringLiteral("4100000099");
        extra.channelQuantityBySku = {{QStringLiteral("MUG-BLUE"), 1}};
        QVERIFY(ReconciliationRepository(db).replaceOrder(m_connector.id, 2, {missing, extra}));
        QTest::mouseClick(m_page->adoptButton(), Qt::LeftButton);
        QCOMPARE(offered, 1);
        const auto held = InboxRepository(db).item(m_connector.id, 12);
        QCOMPARE(held->state, InboxState::Resolved);
        QVERIFY(held->resolution.contains(QStringLiteral("4100000099")));
        const QList<LedgerEntry> ledger = LedgerRepository(db).entriesOfOrder(m_connector.id, 2);
        QCOMPARE(ledger.size(), 1);
        QCOMPARE(ledger.first().state, LedgerState::Adopted);
        QCOMPARE(ledger.first().channelFulfillmentId, QStringLiteral("4100000099"));
        // Claimed now: it is no longer offered for anything else of the order.
        QVERIFY(InboxActions::adoptionCandidates(db, held->id).isEmpty());
    }

    void retriesEveryRowOfTheFilter()
    {
        QVERIFY(waitForRows(2));
        m_page->scopeBox()->setCurrentIndex(1); // every row of this filter
        QVERIFY(m_page->retryButton()->isEnabled());
        QSignalSpy retried(m_page.get(), &InboxPage::retryRequested);
        QTest::mouseClick(m_page->retryButton(), Qt::LeftButton);
        QCOMPARE(retried.count(), 1);
        const auto request = retried.first().first().value<SyncRequest>();
        QCOMPARE(request.connectorId, m_connector.id);
        QCOMPARE(request.orderIds, QList<qint64>{2}); // the held one; the flag waits for a person
    }

    // The date labels keep their text whole however the bar is squeezed ("To" was cut).
    void filterLabelsAreNeverClipped()
    {
        for (int width : {1100, 900, 700}) {
            m_page->resize(width, 600);
            QTest::qWait(20);
            const auto labels = m_page->panel()->filterBar()->findChildren<QLabel *>();
            QCOMPARE(labels.size(), 2);
            for (QLabel *label : labels) {
                const qsizetype mnemonic = label->text().indexOf(u'&');
                QString text = label->text();
                text.remove(u'&');
                // The underline splits the text where it is, and the parts are drawn without
                // the kerning between them.
                const QFontMetrics metrics = label->fontMetrics();
                const int drawn = metrics.horizontalAdvance(text.left(mnemonic)) +
                                  metrics.horizontalAdvance(text.mid(mnemonic, 1)) +
                                  metrics.horizontalAdvance(text.mid(mnemonic + 1));
                QVERIFY2(label->contentsRect().width() >= drawn,
                         qPrintable(QStringLiteral("%1 at %2").arg(text).arg(width)));
                // … and nothing is drawn over them.
                QVERIFY2(label->geometry().right() < label->buddy()->geometry().left(),
                         qPrintable(QStringLiteral("%1 at %2: %3 vs %4")
                                        .arg(text)
                                        .arg(width)
                                        .arg(label->geometry().right())
                                        .arg(label->buddy()->geometry().left())));
            }
        }
    }

    void enterOpensTheOrder()
    {
        QVERIFY(waitForRows(2));
        QTableView *view = m_page->panel()->view();
        view->setFocus();
        view->setCurrentIndex(m_page->model()->index(1, 0));
        QSignalSpy opened(m_page.get(), &InboxPage::orderRequested);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().at(0).toLongLong(), 2);
        QCOMPARE(opened.first().at(1).toString(), QStringLiteral("SO2"));
    }
};

QTEST_MAIN(TestInboxPage)
#include "tst_inboxpage.moc"
