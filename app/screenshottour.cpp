#include "app/screenshottour.h"

#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/item/reconciliationtablemodel.h"
#include "sync/synccontroller.h"
#include "ui/connectors/connectorlistmodel.h"
#include "ui/connectors/connectorspage.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/inbox/inboxpage.h"
#include "ui/jobs/jobspage.h"
#include "ui/mappings/mappingspage.h"
#include "ui/reconciliation/reconciliationpage.h"
#include "ui/tables/orderdetailpane.h"
#include "ui/tables/tablepanel.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QImage>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QTimer>

namespace fulfillsync {

namespace {
constexpr int kSettleMs = 900; // pages load on reader threads; let them arrive before a picture
} // namespace

ScreenshotTour::ScreenshotTour(MainWindow &window, SyncController &sync, const QDir &folder,
                               QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_sync(sync)
    , m_folder(folder)
{
    QDir().mkpath(m_folder.absolutePath());
}

void ScreenshotTour::start()
{
    // Two syncs: the first sends the demo's 3PL its orders, and by the second it has shipped
    // some, so the pictures show both legs.
    connect(&m_sync, &SyncController::busyChanged, this, [this](bool busy) {
        if (busy || m_started)
            return;
        if (++m_syncs < 2) {
            QTimer::singleShot(4000, this, [this] { m_window.syncNowAction()->trigger(); });
            return;
        }
        m_started = true;
        m_stops = stops();
        // A reconciliation of the demo store, so its tab has readings to show; the tour goes on
        // when it ends (or after a minute, whatever happened).
        ReconciliationPage *reconciliation = m_window.reconciliation();
        if (!reconciliation || reconciliation->runConnectorBox()->count() == 0) {
            QTimer::singleShot(1500, this, &ScreenshotTour::next);
            return;
        }
        auto *fallback = new QTimer(this);
        fallback->setSingleShot(true);
        const auto go = [this, fallback] {
            if (!fallback->isActive())
                return; // gone already
            fallback->stop();
            QTimer::singleShot(1500, this, &ScreenshotTour::next);
        };
        connect(&m_sync, &SyncController::reconcileFinished, this, go, Qt::SingleShotConnection);
        connect(fallback, &QTimer::timeout, this, [this] { next(); });
        fallback->start(60000);
        reconciliation->runReconciliation();
    });
    QTimer::singleShot(300, this, [this] { m_window.syncNowAction()->trigger(); });
}

// The order of the newest item fulfillment the 3PL connector created, from Sync History.
QString ScreenshotTour::latestThreePlOrder() const
{
    HistoryTableModel *history = m_window.historyModel();
    for (int row = 0; row < history->rowCount(); ++row) {
        const auto cell = [&](int column, int role) {
            return history->index(row, column).data(role).toString();
        };
        if (cell(HistoryTableModel::Connector, Qt::DisplayRole) == u"Warehouse 3PL" &&
            cell(HistoryTableModel::Outcome, PagedTableModel::RawValueRole) == u"pushed" &&
            !cell(HistoryTableModel::Fulfillment, Qt::DisplayRole).isEmpty())
            return cell(HistoryTableModel::Order, Qt::DisplayRole);
    }
    return {};
}

void ScreenshotTour::save(QWidget *widget, const QString &file)
{
    widget->grab().save(m_folder.filePath(file));
}

void ScreenshotTour::next()
{
    if (m_stops.isEmpty()) {
        QApplication::quit();
        return;
    }
    const Stop stop = m_stops.takeFirst();
    stop.prepare();
    QTimer::singleShot(kSettleMs, this, [this, file = stop.file] {
        // A modal dialog open (Settings) is the screen; otherwise the window.
        if (QWidget *modal = QApplication::activeModalWidget()) {
            save(modal, file);
            modal->close();
        } else {
            save(&m_window, file);
        }
        next();
    });
}

QList<ScreenshotTour::Stop> ScreenshotTour::stops()
{
    QTabWidget *tabs = m_window.tabs();
    const auto showTab = [tabs](QWidget *page) {
        tabs->setCurrentWidget(page);
    };
    QList<Stop> list;
    list << Stop{QStringLiteral("dashboard.png"), [=, this] {
                     showTab(m_window.dashboard());
                 }};
    list << Stop{QStringLiteral("sales-orders.png"), [=, this] {
                     // An order with a partial shipment, to show the detail pane at work.
                     OrderTableModel *model = m_window.orderModel();
                     int pick = 0;
                     for (int row = 0; row < model->rowCount(); ++row)
                         if (model->index(row, OrderTableModel::SyncState)
                                 .data(PagedTableModel::RawValueRole)
                                 .toString() == u"partially_synced") {
                             pick = row;
                             break;
                         }
                     showTab(m_window.orderPanel()->parentWidget());
                     m_window.orderView()->setCurrentIndex(model->index(pick, 0));
                 }};
    list << Stop{QStringLiteral("sync-history.png"), [=, this] {
                     showTab(m_window.historyPanel()->parentWidget());
                     m_window.historyView()->setCurrentIndex(m_window.historyModel()->index(0, 0));
                 }};
    list << Stop{
        QStringLiteral("explain-3pl.png"), [=, this] {
            // An order the 3PL shipped, its detail scrolled to the 3PL connector's
            // Explain: what went to the 3PL and what each shipment became.
            const QString order = latestThreePlOrder();
            OrderTableModel *model = m_window.orderModel();
            showTab(m_window.orderPanel()->parentWidget());
            for (int row = 0; row < model->rowCount(); ++row)
                if (model->index(row, OrderTableModel::Number).data().toString() == order) {
                    connect(
                        m_window.orderDetail(), &OrderDetailPane::shown, this,
                        [this] {
                            m_window.orderDetail()->showExplainTab();
                            if (auto *text = m_window.orderDetail()->findChild<QPlainTextEdit *>())
                                text->moveCursor(QTextCursor::End);
                        },
                        Qt::SingleShotConnection);
                    m_window.orderView()->setCurrentIndex(model->index(row, 0));
                    break;
                }
        }};
    list << Stop{QStringLiteral("inbox.png"), [=, this] {
                     showTab(m_window.inbox());
                 }};
    if (ReconciliationPage *reconciliation = m_window.reconciliation())
        list << Stop{QStringLiteral("reconciliation.png"), [=, this] {
                         showTab(reconciliation);
                         // A row that did not match, with its actions.
                         const auto *model = reconciliation->model();
                         for (int row = 0; row < model->rowCount(); ++row)
                             if (model->index(row, ReconciliationTableModel::Verdict)
                                     .data(PagedTableModel::RawValueRole)
                                     .toString() != u"matched") {
                                 reconciliation->panel()->view()->setCurrentIndex(
                                     model->index(row, 0));
                                 break;
                             }
                         // And the report's first page as the PDF shows it (A4 landscape).
                         QTextDocument document;
                         document.setHtml(reconciliation->reportHtml());
                         document.setPageSize(QSizeF(1123, 794));
                         QImage page(1123, 794, QImage::Format_RGB32);
                         page.fill(Qt::white);
                         QPainter painter(&page);
                         document.drawContents(&painter, QRectF(0, 0, 1123, 794));
                         painter.end();
                         page.save(m_folder.filePath(QStringLiteral("reconciliation-report.png")));
                     }};
    if (ReconciliationPage *reconciliation = m_window.reconciliation())
        list << Stop{QStringLiteral("three-way.png"), [=, this] {
                         // That order in the Sales Orders pane: NetSuite, what was sent and
                         // what the channel showed, the disagreement marked.
                         const auto *model = reconciliation->model();
                         for (int row = 0; row < model->rowCount(); ++row)
                             if (model->index(row, ReconciliationTableModel::Verdict)
                                     .data(PagedTableModel::RawValueRole)
                                     .toString() != u"matched") {
                                 const QVariantList values = model->rowValues(row);
                                 m_window.showOrder(
                                     values.value(ReconciliationTableModel::OrderId).toLongLong(),
                                     values.value(ReconciliationTableModel::Order + 1).toString());
                                 break;
                             }
                         m_window.orderDetail()->showProofTab();
                     }};
    if (ConnectorsPage *connectors = m_window.connectorsPage())
        list << Stop{QStringLiteral("connectors.png"), [=] {
                         showTab(connectors);
                         // The demo's 3PL connector: the second kind and its own fields.
                         for (int row = 0; row < connectors->model()->rowCount(); ++row) {
                             const Connector c = connectors->model()->connectorAt(row);
                             if (c.isThreePl())
                                 connectors->selectConnector(c.id);
                         }
                     }};
    list << Stop{QStringLiteral("mappings.png"), [=, this] {
                     showTab(m_window.mappingsPage());
                     m_window.mappingsPage()->discover(); // unmapped values, with their counts
                 }};
    list << Stop{QStringLiteral("jobs.png"), [=, this] {
                     showTab(m_window.jobs());
                 }};
    if (QAction *settings = m_window.settingsAction())
        list << Stop{QStringLiteral("settings.png"), [settings] {
                         // exec() runs its own loop; the tour's timer fires inside it.
                         QTimer::singleShot(0, settings, &QAction::trigger);
                     }};
    return list;
}

} // namespace fulfillsync
