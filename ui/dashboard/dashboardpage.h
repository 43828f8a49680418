#pragma once

#include "models/storage/dashboardqueries.h"

#include <QThread>
#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QStackedBarSeries;
class QTableView;
class QTimer;
class QValueAxis;

namespace fulfillsync {

class ConnectorSummaryModel;
class Database;
class DashboardReader;
class RecentFailureModel;
class SyncController;

// The first thing an admin sees: each connector's state (counts, last and next run, a stuck
// warning), attempts over time by outcome, and the latest failures, each one activation away
// from its order. Queries run on a reader thread; refreshes after a pass are debounced.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    DashboardPage(Database &database, SyncController &sync, QWidget *parent = nullptr);
    ~DashboardPage() override;

    ConnectorSummaryModel *connectorModel() const { return m_connectors; }
    RecentFailureModel *failureModel() const { return m_failures; }
    QTableView *connectorView() const { return m_connectorView; }
    QTableView *failureView() const { return m_failureView; }
    QChart *chart() const { return m_chart; }
    const DashboardSnapshot &snapshot() const { return m_snapshot; }

    void refresh();              // now
    void scheduleRefresh();      // soon, coalescing bursts of history
    bool refreshPending() const; // a refresh is scheduled and has not run yet

Q_SIGNALS:
    void orderRequested(qint64 orderId, const QString &orderTranId);
    void refreshed(); // a snapshot arrived (tests wait on it)
    void loadRequested(quint64 generation, const fulfillsync::DashboardRequest &request);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void accept(const fulfillsync::DashboardSnapshot &snapshot);
    void updateChart();
    void applyChartPalette();
    void openFailure(const QModelIndex &index);

    QThread m_thread;
    DashboardReader *m_reader = nullptr;
    quint64 m_generation = 0;
    DashboardSnapshot m_snapshot;
    ConnectorSummaryModel *m_connectors = nullptr;
    RecentFailureModel *m_failures = nullptr;
    QTableView *m_connectorView = nullptr;
    QTableView *m_failureView = nullptr;
    QComboBox *m_range = nullptr;
    QLabel *m_status = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QStackedBarSeries *m_series = nullptr;
    QBarCategoryAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
    QList<QBarSet *> m_sets; // one per outcome, in DashboardQueries::outcomeKeys() order
    QTimer *m_refreshDelay = nullptr;
    QTimer *m_clock = nullptr;
    bool m_stale = false; // history moved while the page was hidden
};

} // namespace fulfillsync
