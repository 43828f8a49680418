#include "ui/dashboard/dashboardmodels.h"

#include "models/domain/leaseholder.h"

#include <QColor>
#include <QCoreApplication>
#include <QLocale>

namespace fulfillsync {

namespace {

QString shortTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

// A lease holder of another process: "host pid N" (without the holder's random tail), or
// empty for this process's own leases and for none.
QString otherHolder(const QString &holder)
{
    const std::optional<LeaseHolder> who = LeaseHolder::parse(holder);
    if (!who)
        return holder; // not a worker's name: shown as it is
    return who->isThisProcess() ? QString() : who->process();
}

} // namespace

ConnectorSummaryModel::ConnectorSummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ConnectorSummaryModel::setSummaries(const QList<ConnectorSummary> &summaries,
                                         const QDateTime &now)
{
    // A small list that changes as a whole: a reset is simpler than a diff and keeps views
    // consistent.
    beginResetModel();
    m_rows = summaries;
    m_now = now;
    endResetModel();
}

void ConnectorSummaryModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, LastRun), index(rowCount() - 1, OldestWaiting));
}

void ConnectorSummaryModel::setNextRun(qint64 connectorId, const QDateTime &due)
{
    if (due.isValid())
        m_nextRuns.insert(connectorId, due);
    else
        m_nextRuns.remove(connectorId);
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).connectorId == connectorId)
            Q_EMIT dataChanged(index(row, NextRun), index(row, NextRun));
}

bool ConnectorSummaryModel::isStuck(const ConnectorSummary &summary, const QDateTime &now)
{
    if (!summary.oldestWaitingSince.isValid())
        return false;
    const qint64 limit = 2 * 60LL * summary.intervalMinutes + 3600;
    return summary.oldestWaitingSince.secsTo(now) > limit;
}

QString ConnectorSummaryModel::formatAge(qint64 seconds)
{
    if (seconds < 60)
        return tr("%n s", nullptr, int(std::max<qint64>(0, seconds)));
    if (seconds < 3600)
        return tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 2 * 86400)
        return tr("%n h", nullptr, int(seconds / 3600));
    return tr("%n days", nullptr, int(seconds / 86400));
}

int ConnectorSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectorSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectorSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectorSummary &s = m_rows.at(index.row());
    const bool stuck = isStuck(s, m_now);
    if (role == StuckRole)
        return stuck;
    if (role == ConnectorIdRole)
        return s.connectorId;
    if (role == Qt::TextAlignmentRole && index.column() >= Synced && index.column() <= Held)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == OldestWaiting && stuck)
        return QColor(0xd3, 0x2f, 0x2f); // a red that reads on light and dark backgrounds
    if (role == Qt::ToolTipRole && s.threePl && index.column() >= Synced &&
        index.column() <= OldestWaiting)
        return tr("A 3PL connector counts its shipments: synced ones are item fulfillments in "
                  "NetSuite, waiting ones are not confirmed yet, held ones wait for a person.");
    if (role == Qt::ToolTipRole && index.column() == NextRun &&
        !otherHolder(s.leaseHolder).isEmpty())
        return tr("Another fulfillsync worker on this database (%1) holds this connector and runs "
                  "it on its schedule; this window's own schedule leaves it to that worker.")
            .arg(s.leaseHolder);
    if (role == Qt::ToolTipRole && index.column() == OldestWaiting && stuck)
        return tr("Order %1 is due but has waited longer than two sync intervals and an hour. "
                  "Open it under Sales Orders and use Explain to see what holds it.")
            .arg(s.oldestWaitingTranId);
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case Name:
        return s.name;
    case Enabled:
        return s.enabled ? tr("On") : tr("Off");
    case LastRun:
        if (!s.lastRun.isValid())
            return tr("never");
        return tr("%1 ago").arg(formatAge(s.lastRun.secsTo(m_now)));
    case NextRun: {
        if (!s.enabled)
            return tr("disabled");
        if (const QString other = otherHolder(s.leaseHolder); !other.isEmpty())
            return tr("run by %1").arg(other);
        const QDateTime next = m_nextRuns.value(s.connectorId);
        if (!next.isValid())
            return tr("not scheduled here");
        const qint64 in = m_now.secsTo(next);
        return in <= 0 ? tr("starting") : tr("in %1").arg(formatAge(in));
    }
    case Synced:
        return s.count(OrderSyncState::Synced) + s.count(OrderSyncState::PartiallySynced);
    case Waiting:
        return s.count(OrderSyncState::Waiting);
    case Failed:
        return s.count(OrderSyncState::Failed);
    case Held:
        return s.count(OrderSyncState::Held);
    case OldestWaiting:
        if (s.oldestWaitingTranId.isEmpty())
            return tr("none due");
        return stuck
                   ? tr("⚠ %1, %2 — stuck")
                         .arg(s.oldestWaitingTranId, formatAge(s.oldestWaitingSince.secsTo(m_now)))
                   : tr("%1, %2").arg(s.oldestWaitingTranId,
                                      formatAge(s.oldestWaitingSince.secsTo(m_now)));
    }
    return {};
}

QVariant ConnectorSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Connector");
    case Enabled:
        return tr("Enabled");
    case LastRun:
        return tr("Last run");
    case NextRun:
        return tr("Next run");
    // Orders, not fulfillments (the status line counts fulfillments): said in the header.
    case Synced:
        return tr("Orders synced");
    case Waiting:
        return tr("Orders waiting");
    case Failed:
        return tr("Orders failed");
    case Held:
        return tr("Orders held");
    case OldestWaiting:
        return tr("Oldest waiting");
    }
    return {};
}

RecentFailureModel::RecentFailureModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void RecentFailureModel::setFailures(const QList<RecentFailure> &failures)
{
    beginResetModel();
    m_rows = failures;
    endResetModel();
}

int RecentFailureModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecentFailureModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecentFailureModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecentFailure &f = m_rows.at(index.row());
    if (role == OrderIdRole)
        return f.orderId;
    if (role == OrderTranIdRole)
        return f.orderTranId;
    if (role == Qt::ToolTipRole)
        return f.orderId != 0
                   ? tr("Double-click or press Enter to open order %1.").arg(f.orderTranId)
                   : f.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return shortTime(f.occurredAt);
    case Connector:
        return f.connectorName;
    case Order:
        return f.orderTranId;
    case ErrorClass:
        return f.errorClass;
    case Message:
        return f.message;
    }
    return {};
}

QVariant RecentFailureModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Connector:
        return tr("Connector");
    case Order:
        return tr("Order");
    case ErrorClass:
        return tr("Error");
    case Message:
        return tr("Message");
    }
    return {};
}

} // namespace fulfillsync
