#include "ui/jobs/joblistmodel.h"

#include <QLocale>

namespace fulfillsync {

namespace {

QString triggerName(const JobListModel::Job &job)
{
    if (job.dryRun || (job.summary && job.summary->dryRun))
        return JobListModel::tr("Dry run");
    const std::optional<SyncTrigger> &trigger = job.trigger;
    if (!trigger)
        return JobListModel::tr("Schedule");
    switch (*trigger) {
    case SyncTrigger::Schedule:
        return JobListModel::tr("Schedule");
    case SyncTrigger::Manual:
        return JobListModel::tr("Sync now");
    case SyncTrigger::Resync:
        return JobListModel::tr("Resync");
    case SyncTrigger::Replay:
        return JobListModel::tr("Replay");
    }
    return {};
}

QString seconds(qint64 ms)
{
    return JobListModel::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
}

} // namespace

JobListModel::JobListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void JobListModel::noteRequest(const SyncRequest &request)
{
    SyncTrigger trigger = request.trigger;
    if (request.replayAttemptId != 0)
        trigger = SyncTrigger::Replay;
    // A replay names an attempt, not a connector: it applies to whichever pass starts next.
    const qint64 key = request.replayAttemptId != 0 ? 0 : request.connectorId;
    m_pendingTriggers.insert(key, trigger);
    if (request.dryRun)
        m_pendingDryRuns.insert(key);
    else
        m_pendingDryRuns.remove(key);
}

void JobListModel::clearPendingRequests()
{
    m_pendingTriggers.clear();
    m_pendingDryRuns.clear();
}

int JobListModel::runningRow(qint64 connectorId) const
{
    for (int row = 0; row < m_jobs.size(); ++row)
        if (m_jobs.at(row).connectorId == connectorId && m_jobs.at(row).running())
            return row;
    return -1;
}

int JobListModel::startJob(qint64 connectorId, const QString &name)
{
    Job job;
    job.connectorId = connectorId;
    job.connectorName = name;
    job.started = QDateTime::currentDateTimeUtc();
    if (m_pendingTriggers.contains(connectorId)) {
        job.trigger = m_pendingTriggers.take(connectorId);
        job.dryRun = m_pendingDryRuns.remove(connectorId);
    } else if (m_pendingTriggers.contains(0)) {
        job.trigger = m_pendingTriggers.value(0); // kept: it covers every connector of the run
        job.dryRun = m_pendingDryRuns.contains(0);
    }
    beginInsertRows({}, 0, 0);
    m_jobs.prepend(job);
    endInsertRows();
    return 0;
}

void JobListModel::applyProgress(const SyncProgress &progress)
{
    int row = runningRow(progress.connectorId);
    if (row < 0)
        row = startJob(progress.connectorId, progress.connectorName);
    Job &job = m_jobs[row];
    if (!job.cancelling)
        job.phase = progress.phase;
    job.done = progress.done;
    job.total = progress.total;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void JobListModel::applySummary(const SyncRunSummary &summary)
{
    int row = runningRow(summary.connectorId);
    if (row < 0) // refused before it started: still worth a row, it says why
        row = startJob(summary.connectorId, summary.connectorName);
    Job &job = m_jobs[row];
    job.finished = QDateTime::currentDateTimeUtc();
    job.trigger = summary.trigger; // the pass knows who asked (a follow-up pass was not noted)
    if (summary.durationMs > 0)
        job.started = job.finished.addMSecs(-summary.durationMs);
    job.summary = summary;
    job.phase = summary.cancelled         ? tr("Cancelled")
                : summary.error.isEmpty() ? tr("Finished")
                                          : tr("Could not run");
    if (!summary.connectorName.isEmpty())
        job.connectorName = summary.connectorName;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    trimFinished();
}

void JobListModel::restore(const QList<SyncRun> &runs)
{
    if (runs.isEmpty())
        return;
    beginInsertRows({}, int(m_jobs.size()), int(m_jobs.size() + runs.size()) - 1);
    for (const SyncRun &run : runs) {
        Job job;
        job.connectorId = run.connectorId;
        job.connectorName = run.connectorName;
        job.trigger = run.trigger;
        job.dryRun = run.dryRun;
        job.started = run.startedAt;
        job.finished = run.finishedAt;
        SyncRunSummary summary;
        summary.connectorId = run.connectorId;
        summary.connectorName = run.connectorName;
        summary.trigger = run.trigger;
        summary.pushed = run.pushed;
        summary.failed = run.failed;
        summary.held = run.held;
        summary.alreadyPushed = run.alreadyPushed;
        summary.deferred = run.deferred;
        summary.adopted = run.adopted;
        summary.trackingUpdated = run.trackingUpdated;
        summary.netSuiteRequests = run.netSuiteRequests;
        summary.channelRequests = run.channelRequests;
        summary.cancelled = run.cancelled;
        summary.dryRun = run.dryRun;
        summary.error = run.error;
        summary.skipped = run.skipped;
        summary.durationMs = run.startedAt.msecsTo(run.finishedAt);
        job.summary = summary;
        job.phase = summary.cancelled         ? tr("Cancelled")
                    : summary.error.isEmpty() ? tr("Finished")
                                              : tr("Could not run");
        m_jobs << job;
    }
    endInsertRows();
    trimFinished();
}

void JobListModel::markCancelling(int row)
{
    if (row < 0 || row >= m_jobs.size() || !m_jobs.at(row).running())
        return;
    m_jobs[row].cancelling = true;
    m_jobs[row].phase = tr("Cancelling…");
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void JobListModel::tick()
{
    for (int row = 0; row < m_jobs.size(); ++row)
        if (m_jobs.at(row).running())
            Q_EMIT dataChanged(index(row, Duration), index(row, Duration));
}

void JobListModel::trimFinished()
{
    int finished = 0;
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).running())
            continue;
        if (++finished > m_maxFinished) {
            beginRemoveRows({}, row, row);
            m_jobs.removeAt(row);
            endRemoveRows();
            --row;
        }
    }
}

QString JobListModel::resultText(const SyncRunSummary &summary)
{
    if (!summary.error.isEmpty())
        return summary.error;
    QString text = tr("%1 pushed, %2 failed, %3 held, %4 already in the channel")
                       .arg(summary.pushed)
                       .arg(summary.failed)
                       .arg(summary.held)
                       .arg(summary.alreadyPushed);
    if (summary.adopted > 0) // switching over: another tool's, recognised, nothing sent
        text += tr(", %n adopted", nullptr, summary.adopted);
    if (summary.trackingUpdated > 0)
        text += tr(", %n tracking update(s)", nullptr, summary.trackingUpdated);
    if (summary.cancelled)
        text = tr("Cancelled: %1").arg(text);
    return text;
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_jobs.at(index.row());
    switch (role) {
    case DoneRole:
        return job.done;
    case TotalRole:
        return job.total;
    case RunningRole:
        return job.running();
    case ConnectorIdRole:
        return job.connectorId;
    case Qt::ToolTipRole:
        if (index.column() == Action && job.running())
            return tr("Cancel this pass after its current request");
        if (index.column() == Result && job.summary)
            return resultText(*job.summary);
        return {};
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Connector:
        return job.connectorName;
    case Trigger:
        return triggerName(job);
    case Started:
        return job.started.toLocalTime().time().toString(QStringLiteral("HH:mm:ss"));
    case Phase:
        return job.phase;
    case Progress:
        return job.total > 0 ? tr("%1 / %2").arg(job.done).arg(job.total) : QString();
    case Result:
        return job.summary ? resultText(*job.summary) : QString();
    case Duration:
        return seconds(
            job.started.msecsTo(job.running() ? QDateTime::currentDateTimeUtc() : job.finished));
    case Action:
        return job.running() ? (job.cancelling ? tr("Cancelling…") : tr("Cancel")) : QString();
    }
    return {};
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Connector:
        return tr("Connector");
    case Trigger:
        return tr("Trigger");
    case Started:
        return tr("Started");
    case Phase:
        return tr("Phase");
    case Progress:
        return tr("Progress");
    case Result:
        return tr("Result");
    case Duration:
        return tr("Duration");
    case Action:
        return QString();
    }
    return {};
}

} // namespace fulfillsync
