#include "ui/dashboard/dashboardpage.h"

#include "models/item/dashboardreader.h"
#include "models/item/historytablemodel.h"
#include "sync/synccontroller.h"
#include "ui/dashboard/dashboardmodels.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

namespace fulfillsync {

namespace {

// Mid-tone colours: strong enough on a white chart and still clear on a dark one.
QColor outcomeColor(const QString &key)
{
    switch (syncOutcomeFromKey(key).value_or(SyncOutcome::Skipped)) {
    case SyncOutcome::Pushed:
        return QColor(0x2e, 0x9d, 0x4f);
    case SyncOutcome::Failed:
        return QColor(0xd6, 0x45, 0x45);
    case SyncOutcome::Held:
        return QColor(0xe0, 0xa0, 0x30);
    case SyncOutcome::Skipped:
        break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

DashboardPage::DashboardPage(Database &database, SyncController &sync, QWidget *parent)
    : QWidget(parent)
{
    m_thread.setObjectName(QStringLiteral("dashboard-reader"));
    m_reader = new DashboardReader(database);
    m_reader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    connect(this, &DashboardPage::loadRequested, m_reader, &DashboardReader::load,
            Qt::QueuedConnection);
    connect(m_reader, &DashboardReader::loaded, this, &DashboardPage::accept, Qt::QueuedConnection);
    m_thread.start();

    m_connectors = new ConnectorSummaryModel(this);
    m_failures = new RecentFailureModel(this);

    m_connectorView = makeTable(m_connectors, this);
    m_connectorView->setAccessibleName(tr("Connectors"));
    m_failureView = makeTable(m_failures, this);
    m_failureView->setAccessibleName(tr("Latest failures"));
    m_failureView->setToolTip(tr("Double-click or press Enter to open the order"));
    connect(m_failureView, &QAbstractItemView::activated, this, &DashboardPage::openFailure);

    m_range = new QComboBox(this);
    m_range->addItem(tr("Last 24 hours"));
    m_range->addItem(tr("Last 14 days"));
    m_range->setAccessibleName(tr("Chart period"));
    connect(m_range, &QComboBox::currentIndexChanged, this, &DashboardPage::refresh);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    m_chart = new QChart;
    m_chart->setTitle(tr("Attempts by outcome"));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_series = new QStackedBarSeries(m_chart);
    for (const QString &outcome : DashboardQueries::outcomeKeys()) {
        auto *set = new QBarSet(HistoryTableModel::outcomeName(outcome), m_series);
        set->setColor(outcomeColor(outcome));
        set->setBorderColor(outcomeColor(outcome));
        m_series->append(set);
        m_sets << set;
    }
    m_chart->addSeries(m_series);
    m_axisX = new QBarCategoryAxis(m_chart);
    m_axisY = new QValueAxis(m_chart);
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);
    m_chartView->setAccessibleName(tr("Attempts over time by outcome"));
    applyChartPalette();

    auto *rangeRow = new QHBoxLayout;
    auto *connectorsTitle = new QLabel(tr("<b>Connectors</b>"), this);
    rangeRow->addWidget(connectorsTitle);
    rangeRow->addStretch(1);
    auto *rangeLabel = new QLabel(tr("Chart &period:"), this);
    rangeLabel->setBuddy(m_range);
    rangeRow->addWidget(rangeLabel);
    rangeRow->addWidget(m_range);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(rangeRow);
    topLayout->addWidget(m_connectorView);
    topLayout->addWidget(m_status);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *failuresLabel =
        new QLabel(tr("<b>Latest &failures</b> (Enter or double-click opens the order)"), this);
    failuresLabel->setBuddy(m_failureView);
    bottomLayout->addWidget(failuresLabel);
    bottomLayout->addWidget(m_failureView);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_chartView);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    setTabOrder(m_range, m_connectorView);
    setTabOrder(m_connectorView, m_failureView);

    // A big pass adds history many times a second: one refresh per second at most.
    m_refreshDelay = new QTimer(this);
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(1000);
    connect(m_refreshDelay, &QTimer::timeout, this, &DashboardPage::refresh);
    connect(&sync, &SyncController::passFinished, this, &DashboardPage::scheduleRefresh);
    connect(&sync, &SyncController::historyAdvanced, this, &DashboardPage::scheduleRefresh);
    connect(&sync, &SyncController::nextRunChanged, m_connectors,
            &ConnectorSummaryModel::setNextRun);
    // Ages and "next run" move on while nothing happens; a full reload every few minutes
    // catches passes of other processes (the worker CLI) on a shared database.
    m_clock = new QTimer(this);
    m_clock->setInterval(5 * 1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_connectors->setNow(QDateTime::currentDateTimeUtc());
        if (m_snapshot.takenAt.secsTo(QDateTime::currentDateTimeUtc()) > 300)
            scheduleRefresh();
    });
    m_clock->start();
    refresh();
}

DashboardPage::~DashboardPage()
{
    m_reader->setLatestGeneration(0);
    QMetaObject::invokeMethod(m_reader, &DashboardReader::closeConnection,
                              Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void DashboardPage::scheduleRefresh()
{
    // Hidden behind another tab, the page only notes it is out of date: a long pass then
    // costs the GUI thread nothing here.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    if (!m_refreshDelay->isActive())
        m_refreshDelay->start();
}

bool DashboardPage::refreshPending() const
{
    return m_refreshDelay->isActive();
}

void DashboardPage::refresh()
{
    m_refreshDelay->stop();
    DashboardRequest request;
    if (m_range->currentIndex() == 1) {
        request.bucketSize = BucketSize::Day;
        request.bucketCount = 14;
    }
    m_reader->setLatestGeneration(++m_generation);
    Q_EMIT loadRequested(m_generation, request);
}

void DashboardPage::accept(const DashboardSnapshot &snapshot)
{
    if (snapshot.generation != m_generation)
        return;
    if (!snapshot.error.isEmpty()) {
        m_status->setText(tr("Could not read the dashboard from the database: %1\nCheck that "
                             "the database is reachable; the page retries after the next sync.")
                              .arg(snapshot.error));
        Q_EMIT refreshed();
        return;
    }
    m_snapshot = snapshot;
    m_connectors->setSummaries(snapshot.connectors, snapshot.takenAt);
    m_failures->setFailures(snapshot.failures);
    m_connectorView->resizeColumnsToContents();
    m_failureView->resizeColumnsToContents();
    int stuck = 0;
    for (const ConnectorSummary &s : snapshot.connectors)
        stuck += ConnectorSummaryModel::isStuck(s, snapshot.takenAt);
    if (snapshot.connectors.isEmpty())
        m_status->setText(tr("No connector yet. Add one under Connectors to start syncing."));
    else if (stuck > 0)
        m_status->setText(tr("⚠ %n connector(s) have an order that should have synced by now. "
                             "Open the order and use Explain to see what holds it.",
                             nullptr, stuck));
    else
        m_status->clear();
    updateChart();
    Q_EMIT refreshed();
}

void DashboardPage::updateChart()
{
    const bool hours = m_snapshot.request.bucketSize == BucketSize::Hour;
    QStringList categories;
    QList<QList<qreal>> values(m_sets.size());
    int highest = 0;
    const QStringList outcomes = DashboardQueries::outcomeKeys();
    for (const AttemptBucket &bucket : m_snapshot.buckets) {
        // Buckets are UTC; the axis speaks the admin's local time.
        const QDateTime start = QDateTime::fromString(
            bucket.bucket + (hours ? QStringLiteral(":00:00Z") : QStringLiteral("T00:00:00Z")),
            Qt::ISODate);
        // Two characters per hour: 24 labels fit a normal window without being cut.
        categories << (hours ? start.toLocalTime().toString(QStringLiteral("HH"))
                             : QLocale().toString(start.date(), QStringLiteral("d MMM")));
        for (int i = 0; i < outcomes.size(); ++i)
            values[i] << bucket.byOutcome.value(outcomes.at(i));
        highest = std::max(highest, bucket.total());
    }
    for (int i = 0; i < m_sets.size(); ++i) {
        m_sets[i]->remove(0, m_sets[i]->count());
        m_sets[i]->append(values.at(i));
    }
    m_axisX->clear();
    m_axisX->append(categories);
    m_axisY->setRange(0, std::max(4, highest + highest / 10 + 1));
    m_axisY->applyNiceNumbers();
    m_chart->setTitle(hours ? tr("Attempts per hour (local time) by outcome, last 24 hours")
                            : tr("Attempts per day by outcome, last 14 days"));
}

void DashboardPage::applyChartPalette()
{
    // The chart draws itself; hand it the window's colours so it reads in light and dark themes.
    const QPalette p = palette();
    m_chart->setBackgroundBrush(p.color(QPalette::Base));
    m_chart->setTitleBrush(p.color(QPalette::WindowText));
    m_chart->legend()->setLabelColor(p.color(QPalette::WindowText));
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_axisX), static_cast<QAbstractAxis *>(m_axisY)}) {
        axis->setLabelsColor(p.color(QPalette::WindowText));
        axis->setLinePenColor(p.color(QPalette::Mid));
        axis->setGridLineColor(p.color(QPalette::Midlight));
    }
    m_chartView->setBackgroundBrush(p.color(QPalette::Window));
}

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyChartPalette();
    QWidget::changeEvent(event);
}

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

void DashboardPage::openFailure(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const RecentFailure &failure = m_failures->failure(index.row());
    if (failure.orderId == 0) {
        m_status->setText(tr("This failure has no order (it happened before any order was "
                             "read). See Sync History for details."));
        return;
    }
    Q_EMIT orderRequested(failure.orderId, failure.orderTranId);
}

} // namespace fulfillsync
