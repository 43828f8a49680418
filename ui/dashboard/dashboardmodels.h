#pragma once

#include "models/storage/dashboardqueries.h"

#include <QAbstractTableModel>

namespace fulfillsync {

// The dashboard's per-connector table, filled from a DashboardSnapshot. data() only formats
// what the snapshot holds; the clock it measures ages against is set with setNow().
class ConnectorSummaryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectorSummaryModel)

public:
    enum Column {
        Name,
        Enabled,
        LastRun,
        NextRun,
        Synced,
        Waiting,
        Failed,
        Held,
        OldestWaiting,
        ColumnCount
    };
    enum Role { StuckRole = Qt::UserRole, ConnectorIdRole };

    explicit ConnectorSummaryModel(QObject *parent = nullptr);

    void setSummaries(const QList<fulfillsync::ConnectorSummary> &summaries, const QDateTime &now);
    void setNow(const QDateTime &now); // ages and "next run" move on between refreshes
    const ConnectorSummary &summary(int row) const { return m_rows.at(row); }

    // Stuck: a due order has waited longer than two intervals and an hour.
    static bool isStuck(const ConnectorSummary &summary, const QDateTime &now);
    // When this window's scheduler will next run the connector (invalid: not scheduled here,
    // e.g. while the window is not syncing by itself). The column shows only this, never a guess.
    void setNextRun(qint64 connectorId, const QDateTime &due);
    static QString formatAge(qint64 seconds);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ConnectorSummary> m_rows;
    QHash<qint64, QDateTime> m_nextRuns;
    QDateTime m_now;
};

// The latest failed attempts, newest first; each row knows its order.
class RecentFailureModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFailureModel)

public:
    enum Column { Time, Connector, Order, ErrorClass, Message, ColumnCount };
    enum Role { OrderIdRole = Qt::UserRole, OrderTranIdRole };

    explicit RecentFailureModel(QObject *parent = nullptr);

    void setFailures(const QList<fulfillsync::RecentFailure> &failures);
    const RecentFailure &failure(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<RecentFailure> m_rows;
};

} // namespace fulfillsync
