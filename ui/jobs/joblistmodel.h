#pragma once

#include "models/storage/runrepository.h"
#include "sync/engine/syncmessages.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSet>
#include <optional>

namespace fulfillsync {

// One row per running or recent connector pass, newest first, built from the controller's
// progress and summary values, after the passes recorded before the window opened. Finished
// passes stay until the list holds more than a fixed number of them.
class JobListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobListModel)

public:
    enum Column {
        Connector,
        Trigger,
        Started,
        Phase,
        Progress,
        Result,
        Duration,
        Action,
        ColumnCount
    };
    enum Role {
        DoneRole = Qt::UserRole, // progress: done, total (0: not known yet), running
        TotalRole,
        RunningRole,
        ConnectorIdRole,
    };

    struct Job
    {
        qint64 connectorId = 0;
        QString connectorName;
        std::optional<SyncTrigger> trigger;
        bool dryRun = false; // sent and wrote nothing, whatever the trigger
        QDateTime started;
        QDateTime finished; // invalid while running
        QString phase;
        int done = 0;
        int total = 0;
        bool cancelling = false;
        std::optional<SyncRunSummary> summary;
        bool running() const { return !finished.isValid(); }
    };

    explicit JobListModel(QObject *parent = nullptr);

    // What the admin asked for, so the pass that starts next can say why it runs.
    void noteRequest(const fulfillsync::SyncRequest &request);
    void clearPendingRequests();
    void applyProgress(const fulfillsync::SyncProgress &progress);
    void applySummary(const fulfillsync::SyncRunSummary &summary);
    void markCancelling(int row);
    // Passes that finished before this window opened (any window or worker), newest first.
    void restore(const QList<fulfillsync::SyncRun> &runs);
    void tick(); // running durations move on

    const Job &job(int row) const { return m_jobs.at(row); }
    int runningRow(qint64 connectorId) const;
    int maxFinished() const { return m_maxFinished; }
    void setMaxFinished(int rows) { m_maxFinished = rows; }

    static QString resultText(const SyncRunSummary &summary);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int startJob(qint64 connectorId, const QString &name);
    void trimFinished();

    QList<Job> m_jobs;
    QHash<qint64, SyncTrigger> m_pendingTriggers; // connector id → trigger; 0: every connector
    QSet<qint64> m_pendingDryRuns;                // connector ids (0: every connector)
    int m_maxFinished = 50;
};

} // namespace fulfillsync
