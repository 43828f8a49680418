// The window as an admin uses it: click Sync now, watch the history fill in while the window
// keeps answering, cancel a running sync. Offscreen, with the real worker thread and sandbox.

#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "sandbox/sandboxserver.h"
#include "sync/synccontroller.h"
#include "testutils/tempdatabase.h"
#include "ui/attemptdetailpane.h"
#include "ui/mainwindow.h"
#include "ui/orderdetailpane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<SyncController> m_sync;
    std::unique_ptr<MainWindow> m_window;

    void startWith(int demoOrders)
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        QString error;
        if (demoOrders > 0)
            m_sandbox->loadDemo(demoOrders, 7);
        else
            QVERIFY2(
                m_sandbox->loadScenarioFile(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
                                                QStringLiteral("/sandbox/scenarios/basic.json"),
                                            &error),
                qPrintable(error));
        QVERIFY(m_sandbox->listen(0) != 0);
        const DemoTarget target = demoTargetOf(*m_sandbox);
        const qint64 connectorId = configureDemo(m_temp->database().connection(), target, &error);
        QVERIFY2(connectorId > 0, qPrintable(error));
        m_sync = std::make_unique<SyncController>(m_temp->database());
        m_sync->setCredentials(demoCredentials(target, connectorId));
        SyncRequest syncTemplate;
        syncTemplate.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        m_window = std::make_unique<MainWindow>(m_temp->database(), *m_sync, syncTemplate);
        new QAbstractItemModelTester(m_window->historyModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window->historyModel());
        new QAbstractItemModelTester(m_window->orderModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window->orderModel());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    QToolButton *buttonFor(QAction *action)
    {
        const auto toolbars = m_window->findChildren<QToolBar *>();
        for (QToolBar *bar : toolbars)
            if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action)))
                return button;
        return nullptr;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_window.reset();
        m_sync.reset();
        m_sandbox.reset();
        m_temp.reset();
    }

    void clickingSyncNowFillsTheHistory()
    {
        startWith(0);
        QCOMPARE(m_window->historyModel()->rowCount(), 0);
        QToolButton *button = buttonFor(m_window->syncNowAction());
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->syncNowAction()->isEnabled(), 5000); // busy
        QTRY_VERIFY_WITH_TIMEOUT(m_window->syncNowAction()->isEnabled(), 30000); // done
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 3, 5000);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(
                m_window->historyModel()->index(row, HistoryTableModel::Outcome).data().toString(),
                QStringLiteral("Pushed"));
        QVERIFY2(m_window->statusText().contains(QStringLiteral("3 pushed")),
                 qPrintable(m_window->statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel()->rowCount(), 5, 5000);

        // The quick filter narrows the orders in SQL.
        auto *filter = m_window->findChild<QLineEdit *>();
        QVERIFY(filter);
        QTest::keyClicks(filter, QStringLiteral("SO1005"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel()->rowCount(), 1, 5000);
        QCOMPARE(m_window->orderModel()->index(0, OrderTableModel::SyncState).data().toString(),
                 QStringLiteral("Synced"));
    }

    void detailPanesExplainDryRunAndReplay()
    {
        startWith(0);
        m_window->setConfirm([](const QString &) { return true; });
        m_window->syncNowAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->syncNowAction()->isEnabled(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel()->rowCount(), 5, 5000);
        int so1002 = -1;
        for (int row = 0; row < m_window->orderModel()->rowCount(); ++row)
            if (m_window->orderModel()->index(row, OrderTableModel::Number).data().toString() ==
                u"SO1002")
                so1002 = row;
        QVERIFY(so1002 >= 0);
        m_window->orderView()->setCurrentIndex(m_window->orderModel()->index(so1002, 0));
        // Explain names the gate that stops the picked fulfillment.
        QVERIFY2(m_window->orderDetail()->text().contains(
                     QStringLiteral("IF2003 is not pushed: Picked")),
                 qPrintable(m_window->orderDetail()->text()));
        QVERIFY(m_window->orderDetail()->text().contains(QStringLiteral("794698727210")));

        // Dry run on an order that is fully in the channel: says so, sends nothing.
        const auto buttons = m_window->orderDetail()->findChildren<QPushButton *>();
        for (QPushButton *b : buttons)
            if (b->text().contains(QStringLiteral("Dry")))
                QTest::mouseClick(b, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->orderDetail()->text().contains(QStringLiteral("Nothing would be sent")),
            30000);

        // Replay the first pushed attempt: the live duplicate check finds it, nothing is sent.
        m_window->tabs()->setCurrentWidget(m_window->historyView()->parentWidget());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 3, 5000);
        m_window->historyView()->setCurrentIndex(m_window->historyModel()->index(0, 0));
        QVERIFY(m_window->attemptDetail()->text().contains(QStringLiteral("fulfillmentCreate")));
        for (QPushButton *b : m_window->attemptDetail()->findChildren<QPushButton *>())
            if (b->text() == tr("Re&play"))
                QTest::mouseClick(b, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 4, 30000);
        QVERIFY2(
            m_window->historyModel()
                ->index(0, HistoryTableModel::Message)
                .data()
                .toString()
                .contains(QStringLiteral("Already in Shopify")),
            qPrintable(
                m_window->historyModel()->index(0, HistoryTableModel::Message).data().toString()));
        QCOMPARE(m_window->historyModel()->index(0, HistoryTableModel::Trigger).data().toString(),
                 QStringLiteral("Replay"));
    }

    void windowStaysResponsiveAndCancelStops()
    {
        startWith(600);
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->cancelAction()->isEnabled(), 5000);
        // While the worker runs, the GUI thread answers timers promptly: the longest pause
        // between ticks, not their number, which a loaded machine would decide.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0;
        qint64 longestPause = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            longestPause = std::max(longestPause, now - last);
            last = now;
        });
        timer.start(10);
        QTest::qWait(300);
        QVERIFY2(longestPause < 150, qPrintable(QString::number(longestPause)));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->historyModel()->rowCount() > 0 ||
                                     !m_window->cancelAction()->isEnabled(),
                                 30000);
        m_window->cancelAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->syncNowAction()->isEnabled(), 30000);
        // The demo store allows 2 calls a second after a burst of 40, so 600 orders are far from
        // done when Cancel arrives.
        QVERIFY2(m_window->statusText().contains(QStringLiteral("cancelled")),
                 qPrintable(m_window->statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->historyModel()->rowCount() > 0, 5000);
        int pushed = 0;
        for (int row = 0; row < m_window->historyModel()->rowCount(); ++row)
            pushed += m_window->historyModel()
                          ->index(row, HistoryTableModel::Outcome)
                          .data()
                          .toString() == u"Pushed";
        QVERIFY(pushed < 100);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
