// The window as an admin uses it: click Sync now, watch the history fill in while the window
// keeps answering, cancel a running sync. Offscreen, with the real worker thread and sandbox.

#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/sqlerror.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/secrets/secretstore.h"
#include "sync/synccontroller.h"
#include "testutils/tempdatabase.h"
#include "ui/mappings/mappingspage.h"
#include "ui/mappings/mappingtablemodel.h"
#include "ui/settings/settingsdialog.h"
#include "ui/tables/attemptdetailpane.h"
#include "ui/tables/columnchooser.h"
#include "ui/tables/csvexportrunner.h"
#include "ui/tables/orderdetailpane.h"
#include "ui/tables/tablefilterbar.h"
#include "ui/tables/tablepanel.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
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
        openWindow();
    }

    // A cell's text once its page has arrived (pages load on demand, off the GUI thread).
    static QString cell(PagedTableModel *model, int row, int column)
    {
        model->requestRow(row);
        if (!QTest::qWaitFor([&] { return model->isRowLoaded(row); }, 5000))
            return QStringLiteral("<not loaded>");
        return model->index(row, column).data().toString();
    }

    void syncBasicScenario()
    {
        startWith(0);
        m_window->syncNowAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->syncNowAction()->isEnabled(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->syncNowAction()->isEnabled(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 3, 5000);
    }

    // A new window on the same database and controller, its models under test all along.
    void openWindow()
    {
        m_window.reset();
        SyncRequest syncTemplate;
        syncTemplate.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        m_window = std::make_unique<MainWindow>(m_temp->database(), *m_sync, syncTemplate);
        for (QAbstractItemModel *model :
             {static_cast<QAbstractItemModel *>(m_window->historyModel()),
              static_cast<QAbstractItemModel *>(m_window->orderModel())})
            new QAbstractItemModelTester(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    QTemporaryDir m_settingsDir;

    QToolButton *buttonFor(QAction *action)
    {
        const auto toolbars = m_window->findChildren<QToolBar *>();
        for (QToolBar *bar : toolbars)
            if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action)))
                return button;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Saved views and layouts go to a throw-away settings file, never the admin's.
        QVERIFY(m_settingsDir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    // Every label with a mnemonic in every tab has a buddy: without one the "&" shows as is
    // and the key does nothing.
    void everyMnemonicReachesItsField()
    {
        startWith(0);
        MemorySecretStore secrets;
        m_window->setSecretStore(secrets); // adds the Connectors tab
        int checked = 0;
        for (QLabel *label : m_window->findChildren<QLabel *>()) {
            const QString text = label->text();
            if (!text.contains(u'&') || text.contains(QStringLiteral("&&")) ||
                text.startsWith(u'<') || label->textFormat() == Qt::RichText)
                continue;
            ++checked;
            QVERIFY2(label->buddy(), qPrintable(text));
        }
        QVERIFY(checked > 5);
        m_window.reset();
    }

    // The demo's window says Demo where it is seen (a banner over every tab, the status bar,
    // its Settings), not only in the title.
    void theDemoWindowSaysDemo()
    {
        startWith(0);
        MemorySecretStore secrets;
        m_window->setSecretStore(secrets);
        QVERIFY(!m_window->demoBanner());
        m_window->markAsDemo();
        QVERIFY(m_window->demoBanner());
        QTRY_VERIFY(m_window->demoBanner()->isVisible());
        QVERIFY(m_window->demoBanner()->text().contains(QStringLiteral("Demo")));
        bool badge = false;
        for (QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
            badge = badge || label->text() == QStringLiteral("DEMO");
        QVERIFY(badge);
        QVERIFY(!m_window->openDemoAction()->isVisible());
        for (int tab = 0; tab < m_window->tabs()->count(); ++tab) {
            m_window->tabs()->setCurrentIndex(tab);
            QVERIFY(m_window->demoBanner()->isVisible());
        }
        QString title;
        bool databaseLocked = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            title = dialog->windowTitle();
            databaseLocked = !dialog->databaseUrlEdit()->isEnabled();
            dialog->reject();
        });
        m_window->settingsAction()->trigger();
        QVERIFY2(title.contains(QStringLiteral("Demo")), qPrintable(title));
        QVERIFY(databaseLocked);
        m_window.reset();
    }

    void cleanup()
    {
        QSettings().clear();
        m_window.reset();
        m_sync.reset();
        m_sandbox.reset();
        m_temp.reset();
    }

    // The status line says what still waits, whatever the pass looked at: a pass that found
    // nothing new while fulfillments wait in the Inbox is not shown as all synced.
    void theStatusLineSaysWhatStillWaits()
    {
        SyncRunSummary idle;
        idle.connectorName = QStringLiteral("main-store");
        idle.idle = true;
        QVERIFY(!MainWindow::summaryLine(idle).contains(QStringLiteral("waiting")));
        idle.stillOwed = 2;
        QVERIFY2(MainWindow::summaryLine(idle).contains(QStringLiteral("2 still waiting")),
                 qPrintable(MainWindow::summaryLine(idle)));
        idle.stillOwed = -1;
        QVERIFY(MainWindow::summaryLine(idle).contains(QStringLiteral("could not be read")));
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
            QCOMPARE(cell(m_window->historyModel(), row, HistoryTableModel::Outcome),
                     QStringLiteral("Pushed"));
        QVERIFY2(m_window->statusText().contains(QStringLiteral("3 pushed")),
                 qPrintable(m_window->statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel()->rowCount(), 5, 5000);

        // The quick filter narrows the orders in SQL.
        QLineEdit *filter = m_window->orderPanel()->filterBar()->textEdit();
        QTest::keyClicks(filter, QStringLiteral("SO1005"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel()->rowCount(), 1, 5000);
        QCOMPARE(cell(m_window->orderModel(), 0, OrderTableModel::SyncState),
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
            if (cell(m_window->orderModel(), row, OrderTableModel::Number) == u"SO1002")
                so1002 = row;
        QVERIFY(so1002 >= 0);
        m_window->orderView()->setCurrentIndex(m_window->orderModel()->index(so1002, 0));
        // Explain names the gate that stops the picked fulfillment.
        QTRY_VERIFY2(m_window->orderDetail()->text().contains(
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
        // The question names the fulfillment, order and connector, not a row number.
        QStringList questions;
        m_window->setConfirm([&questions](const QString &question) {
            questions << question;
            return true;
        });
        m_window->tabs()->setCurrentWidget(m_window->historyPanel()->parentWidget());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 3, 5000);
        m_window->historyView()->setCurrentIndex(m_window->historyModel()->index(0, 0));
        QTRY_VERIFY(
            m_window->attemptDetail()->text().contains(QStringLiteral("fulfillmentCreate")));
        const qint64 replayed = m_window->attemptDetail()->attemptId();
        const QString fulfillment =
            cell(m_window->historyModel(), 0, HistoryTableModel::Fulfillment);
        const QString order = cell(m_window->historyModel(), 0, HistoryTableModel::Order);
        for (QPushButton *b : m_window->attemptDetail()->findChildren<QPushButton *>())
            if (b->text() == tr("Re&play"))
                QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(questions.size(), 1);
        const QString expected =
            QStringLiteral("Replay %1 of %2 to main-store").arg(fulfillment, order);
        QVERIFY2(questions.first().contains(expected), qPrintable(questions.first()));
        QVERIFY2(!questions.first().contains(QString::number(replayed)),
                 qPrintable(questions.first()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 4, 30000);
        QTRY_VERIFY2(cell(m_window->historyModel(), 0, HistoryTableModel::Message)
                         .contains(QStringLiteral("Already in Shopify")),
                     qPrintable(cell(m_window->historyModel(), 0, HistoryTableModel::Message)));
        QCOMPARE(cell(m_window->historyModel(), 0, HistoryTableModel::Trigger),
                 QStringLiteral("Replay"));
        // The replay's row came in on top, under the highlight: the highlight, the pane and
        // Replay stay on the attempt that was chosen, now one row further down.
        QTRY_COMPARE(m_window->historyModel()->rowId(m_window->historyView()->currentIndex().row()),
                     replayed);
        QCOMPARE(m_window->historyView()->currentIndex().row(), 1);
        QCOMPARE(m_window->attemptDetail()->attemptId(), replayed);
        QVERIFY(m_window->historyView()->selectionModel()->isRowSelected(1, {}));
        QVERIFY(!m_window->historyView()->selectionModel()->isRowSelected(0, {}));
        // A new filter highlights nothing: the pane offers nothing to act on.
        m_window->historyPanel()->filterBar()->textEdit()->setText(QStringLiteral("SO1002"));
        m_window->historyPanel()->filterBar()->applyNow();
        QTRY_COMPARE(m_window->attemptDetail()->attemptId(), qint64(0));
        for (QPushButton *b : m_window->attemptDetail()->findChildren<QPushButton *>())
            QVERIFY(!b->isEnabled());
    }

    // A fulfillment flagged after it was pushed is closed from the order's pane, with a reason
    // that lands in the history; the button is there only while something is flagged.
    void resolveClosesAFlagWithAReason()
    {
        startWith(0);
        m_window->syncNowAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->syncNowAction()->isEnabled(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 3, 5000);
        LedgerRepository ledger(m_temp->database().connection());
        QSqlQuery first(m_temp->database().connection());
        QVERIFY(first.exec(QStringLiteral("SELECT connector_id, fulfillment_id, order_id FROM "
                                          "pushed_fulfillments WHERE state = 'pushed'")) &&
                first.next());
        LedgerEntry flagged;
        flagged.connectorId = first.value(0).toLongLong();
        flagged.fulfillmentId = first.value(1).toLongLong();
        flagged.orderId = first.value(2).toLongLong();
        QVERIFY(ledger.markAttention(flagged.connectorId, flagged.fulfillmentId));

        QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel()->rowCount(), 5, 5000);
        // The rows' page may be reloading (the sync's last refresh): wait for it, not a time.
        int row = -1;
        const auto findRow = [&] {
            for (int r = 0; r < m_window->orderModel()->rowCount() && row < 0; ++r) {
                m_window->orderModel()->requestRow(r);
                if (m_window->orderModel()->rowId(r) == flagged.orderId)
                    row = r;
            }
            return row >= 0;
        };
        QTRY_VERIFY(findRow());
        m_window->orderView()->setCurrentIndex(m_window->orderModel()->index(row, 0));
        QPushButton *resolve = nullptr;
        for (QPushButton *b : m_window->orderDetail()->findChildren<QPushButton *>())
            if (b->text().startsWith(QStringLiteral("Resol")))
                resolve = b;
        QVERIFY(resolve);
        QTRY_VERIFY(resolve->isEnabled());

        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue(QStringLiteral("refunded in Shopify by hand"));
            dialog->accept();
        });
        QTest::mouseClick(resolve, Qt::LeftButton);
        QTRY_COMPARE(ledger.entry(flagged.connectorId, flagged.fulfillmentId)->state,
                     LedgerState::Resolved);
        QTRY_VERIFY(!resolve->isEnabled()); // the details are read again off the GUI thread
        QVERIFY2(m_window->statusText().contains(QStringLiteral("Resolved 1")),
                 qPrintable(m_window->statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 4, 5000);
        QTRY_VERIFY2(cell(m_window->historyModel(), 0, HistoryTableModel::Message)
                         .contains(QStringLiteral("refunded in Shopify by hand")),
                     qPrintable(cell(m_window->historyModel(), 0, HistoryTableModel::Message)));
    }

    // Unsaved mappings are not lost by closing the window: the admin is asked first.
    void closingAsksAboutUnsavedMappings()
    {
        startWith(0);
        MappingsPage *page = m_window->mappingsPage();
        MappingTableModel *ships = page->model(MappingKind::ShipMethod);
        QVERIFY(ships->rowCount() > 0);
        QVERIFY(ships->setData(ships->index(0, ships->columnOf(MappingTableModel::Field::Target)),
                               QStringLiteral("USPS")));
        QVERIFY(page->isDirty());
        int asked = 0;
        page->setAskUnsaved([&asked](const QString &) {
            ++asked;
            return MappingsPage::UnsavedAnswer::Cancel;
        });
        QVERIFY(!m_window->close()); // stays open, on the Mappings tab
        QCOMPARE(asked, 1);
        QCOMPARE(m_window->tabs()->currentWidget(), page);
        page->setAskUnsaved([](const QString &) { return MappingsPage::UnsavedAnswer::Discard; });
        QVERIFY(m_window->close());
    }

    void windowStaysResponsiveAndCancelStops()
    {
        startWith(600);
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->cancelAction()->isEnabled(), 5000);
        // How long the GUI thread may pause meanwhile is measured in bench_tables, not here.
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
            pushed += cell(m_window->historyModel(), row, HistoryTableModel::Outcome) == u"Pushed";
        QVERIFY(pushed < 100);
    }

    void filteringHistoryThroughTheFilterBar()
    {
        syncBasicScenario();
        TablePanel *panel = m_window->historyPanel();
        TableFilterBar *bar = panel->filterBar();
        HistoryTableModel *model = m_window->historyModel();
        // Outcome: nothing failed in the basic scenario.
        bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("failed")));
        QTRY_COMPARE_WITH_TIMEOUT(model->query().state, QStringLiteral("failed"),
                                  2000); // debounced
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 5000);
        bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("pushed")));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 5000);
        // Free text: one order's number narrows to its attempts, typed and applied with Enter.
        const QString order = cell(model, 0, HistoryTableModel::Order);
        QVERIFY(order.startsWith(QStringLiteral("SO")));
        QTest::keyClicks(bar->textEdit(), order);
        QTest::keyClick(bar->textEdit(), Qt::Key_Return);
        QCOMPARE(model->query().text, order); // at once, no debounce
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 5000);
        QCOMPARE(cell(model, 0, HistoryTableModel::Order), order);
        // Connector and date range.
        bar->textEdit()->clear();
        bar->connectorBox()->setCurrentText(QStringLiteral("no-such-connector"));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 5000);
        bar->connectorBox()->setCurrentText(QString());
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 5000);
        bar->fromEdit()->setDate(QDate::currentDate().addDays(1));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 5000);
        bar->fromEdit()->setDate(QDate::currentDate().addDays(-1));
        bar->toEdit()->setDate(QDate::currentDate().addDays(1));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 5000);
        // A header without an index does not sort; one with an index does.
        QHeaderView *header = m_window->historyView()->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(HistoryTableModel::Message) + 5,
                                 header->height() / 2));
        QCOMPARE(model->query().sortColumn, -1);
        QCOMPARE(header->sortIndicatorSection(), int(HistoryTableModel::Time));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(HistoryTableModel::Order) + 5,
                                 header->height() / 2));
        QCOMPARE(model->query().sortColumn, int(HistoryTableModel::Order));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 5000);
        // Ctrl+End goes to the last row, and Ctrl+C copies it as JSON.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->historyView()->setFocus();
        QTest::keyClick(m_window->historyView(), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(m_window->historyView()->currentIndex().row(), 2);
        QTRY_VERIFY(model->isRowLoaded(2));
        QTest::keyClick(m_window->historyView(), Qt::Key_C, Qt::ControlModifier);
        const QJsonObject copied =
            QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
        QCOMPARE(copied.value(QStringLiteral("id")).toInteger(), model->rowId(2));
        QCOMPARE(copied.value(QStringLiteral("order_tran_id")).toString(),
                 cell(model, 2, HistoryTableModel::Order));
        QCOMPARE(copied.value(QStringLiteral("outcome")).toString(), QStringLiteral("pushed"));
        QTest::keyClick(m_window->historyView(), Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(m_window->historyView()->currentIndex().row(), 0);
        // Enter opens the row's details: the keyboard moves into the detail pane.
        QTRY_VERIFY(
            m_window->attemptDetail()->text().contains(cell(model, 0, HistoryTableModel::Message)));
        QTest::keyClick(m_window->historyView(), Qt::Key_Return);
        QVERIFY(m_window->attemptDetail()->isAncestorOf(QApplication::focusWidget()));
    }

    void columnChooserAndSavedViewsSurviveANewWindow()
    {
        syncBasicScenario();
        TablePanel *panel = m_window->historyPanel();
        // The header's menu lists every column; unticking one hides it.
        std::unique_ptr<QMenu> menu(panel->columnChooser()->makeMenu(nullptr));
        QCOMPARE(menu->actions().size(), int(HistoryTableModel::ColumnCount));
        QAction *message = menu->actions().at(HistoryTableModel::Message);
        QCOMPARE(message->text(), QStringLiteral("Message"));
        QVERIFY(message->isChecked());
        message->trigger();
        QVERIFY(m_window->historyView()->isColumnHidden(HistoryTableModel::Message));
        // A view: outcome pushed, sorted by duration, Message hidden.
        TableFilterBar *bar = panel->filterBar();
        bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("pushed")));
        bar->applyNow();
        m_window->historyModel()->sort(HistoryTableModel::Duration, Qt::AscendingOrder);
        panel->saveViewAs(QStringLiteral("Pushed by duration"));
        // Then something else: a restart keeps the columns and the sort, not the filters.
        bar->textEdit()->setText(QStringLiteral("SO"));
        bar->applyNow();
        panel->columnChooser()->setColumnVisible(HistoryTableModel::Message, true);
        panel->columnChooser()->setColumnVisible(HistoryTableModel::Trigger, false);

        openWindow();
        panel = m_window->historyPanel();
        QVERIFY(m_window->historyView()->isColumnHidden(HistoryTableModel::Trigger));
        QVERIFY(!m_window->historyView()->isColumnHidden(HistoryTableModel::Message));
        QVERIFY(m_window->historyModel()->query().state.isEmpty());
        QVERIFY(m_window->historyModel()->query().text.isEmpty());
        QCOMPARE(m_window->historyModel()->query().sortColumn, int(HistoryTableModel::Duration));
        const int index = panel->viewsBox()->findText(QStringLiteral("Pushed by duration"));
        QVERIFY(index > 0);
        panel->viewsBox()->setCurrentIndex(index);
        Q_EMIT panel->viewsBox()->activated(index);
        const TablePageQuery query = m_window->historyModel()->query();
        QCOMPARE(query.state, QStringLiteral("pushed"));
        QCOMPARE(query.sortColumn, int(HistoryTableModel::Duration));
        QVERIFY(query.ascending);
        QVERIFY(m_window->historyView()->isColumnHidden(HistoryTableModel::Message));
        QVERIFY(!m_window->historyView()->isColumnHidden(HistoryTableModel::Trigger));
        QCOMPARE(panel->filterBar()->stateBox()->currentData().toString(),
                 QStringLiteral("pushed"));
        QCOMPARE(m_window->historyView()->horizontalHeader()->sortIndicatorSection(),
                 int(HistoryTableModel::Duration));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->rowCount(), 3, 5000);
        panel->deleteView(QStringLiteral("Pushed by duration"));
        QCOMPARE(panel->viewsBox()->findText(QStringLiteral("Pushed by duration")), -1);
    }

    void csvExportWritesEveryRowAndCancelLeavesNoFile()
    {
        syncBasicScenario();
        TablePanel *panel = m_window->historyPanel();
        panel->columnChooser()->setColumnVisible(HistoryTableModel::Message, false);
        QTemporaryDir out;
        QSignalSpy done(panel->exportRunner(), &CsvExportRunner::finished);
        const QString path = out.filePath(QStringLiteral("history.csv"));
        panel->exportCsv(path);
        QVERIFY(done.wait(10000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4); // header + 3 attempts
        QVERIFY(lines.at(0).startsWith("Time,Connector,Order"));
        QVERIFY(!lines.at(0).contains("Message")); // columns as shown
        QCOMPARE(lines.at(0).count(','), int(HistoryTableModel::ColumnCount) - 2);
        // The tracking numbers each attempt was about travel with it (quoted: they hold commas).
        QVERIFY(lines.at(0).endsWith("Tracking"));
        bool twoNumbersQuoted = false;
        for (const QByteArray &line : lines)
            twoNumbersQuoted |= line.contains("\"1Z999AA10123456785, 1Z999AA10123456786\"");
        QVERIFY(twoNumbersQuoted);
        file.close();

        // An unwritable place: a clear error, no file.
        panel->exportCsv(QStringLiteral("/proc/no-such-folder/history.csv"));
        QVERIFY(done.wait(10000));
        QVERIFY(!done.last().at(0).toBool());
        QVERIFY2(done.last().at(1).toString().contains(QStringLiteral("Cannot write")),
                 qPrintable(done.last().at(1).toString()));
        QVERIFY2(m_window->statusText().contains(QStringLiteral("Cannot write")),
                 qPrintable(m_window->statusText()));

        // A big export cancelled part way: nothing is left behind, not even a temporary file.
        {
            QSqlDatabase db = m_temp->database().connection();
            Transaction transaction(db);
            HistoryRepository history(db);
            SyncAttempt a;
            a.occurredAt = QDateTime::currentDateTimeUtc();
            a.connectorName = QStringLiteral("main-store");
            a.outcome = SyncOutcome::Pushed;
            a.message = QStringLiteral("bulk");
            for (int i = 0; i < 60000; ++i) {
                a.orderTranId = QStringLiteral("SO%1").arg(i);
                QVERIFY(history.append(a) > 0);
            }
            QVERIFY(transaction.commit(nullptr));
        }
        const QString big = out.filePath(QStringLiteral("big.csv"));
        QFile::remove(big);
        panel->exportCsv(big);
        QVERIFY(panel->exportRunner()->isRunning());
        QVERIFY(panel->exportRunner()->progressDialog()); // with a Cancel button
        // Cancel as the admin would, long before 60,000 rows are written.
        auto *cancel = panel->exportRunner()->progressDialog()->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        QVERIFY(done.wait(10000));
        QVERIFY(!done.last().at(0).toBool());
        QVERIFY2(done.last().at(1).toString().contains(QStringLiteral("cancelled")),
                 qPrintable(done.last().at(1).toString()));
        QVERIFY(!QFile::exists(big));
        QCOMPARE(QDir(out.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("history.csv")});
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
