#pragma once

#include "sync/engine/reconcilemessages.h"
#include "sync/engine/syncmessages.h"

#include <QElapsedTimer>
#include <QSet>
#include <QWidget>
#include <functional>

class QComboBox;
class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;

namespace fulfillsync {

class Database;
class ReconciliationTableModel;
class TablePanel;

// The Reconciliation tab: the stored readings of the last reconciliations (filters, sort, CSV,
// a PDF report for an auditor), a run of one connector over a date range with progress and
// Cancel, its nightly schedule, and each row's action: push what is missing or send the
// tracking again (both through a resync, the normal outbox), or flag or resolve an extra with a
// reason. It asks for runs and resyncs by signal; the window hands them to the sync thread.
class ReconciliationPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationPage)

public:
    // Asks a person for a reason; empty: cancelled. Tests answer directly.
    using AskReason = std::function<QString(const QString &title, const QString &question)>;
    using AskPath = std::function<QString()>; // where to save the PDF; empty: cancelled

    explicit ReconciliationPage(Database &database, QWidget *parent = nullptr);

    TablePanel *panel() const { return m_panel; }
    ReconciliationTableModel *model() const { return m_model; }
    QComboBox *runConnectorBox() const { return m_connector; }
    QDateEdit *sinceEdit() const { return m_since; }
    QDateEdit *untilEdit() const { return m_until; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *resumeButton() const { return m_resume; }
    QLabel *lastRunLabel() const { return m_lastRun; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *scheduleLabel() const { return m_scheduleLabel; }
    QPushButton *pushMissingButton() const { return m_pushMissing; }
    QPushButton *resendTrackingButton() const { return m_resendTracking; }
    QPushButton *flagButton() const { return m_flag; }
    QPushButton *resolveButton() const { return m_resolve; }
    QPushButton *pdfButton() const { return m_pdf; }
    QLabel *messageLabel() const { return m_message; }
    void setAskReason(AskReason ask) { m_askReason = std::move(ask); }
    void setAskPdfPath(AskPath ask) { m_askPdfPath = std::move(ask); }

    // Re-reads the channel connectors (run, schedule and filter lists).
    void reloadConnectors();
    void refresh();

    // The printable report of what the filters show (connector, checked range).
    QString reportHtml(QString *error = nullptr);
    bool savePdf(const QString &path, QString *error = nullptr);

    void runReconciliation();
    void resumeLastRun(); // the selected connector's last run, cancelled or failed
    void pushMissing();
    void resendTracking();
    void flagExtra();
    void resolveExtra();
    void editSchedule();
    void savePdfAsked();

    // What the sync thread reports.
    void reconcileStarted(const fulfillsync::ReconcileRequest &request);
    void reconcileProgressed(qint64 connectorId, int done, int total);
    void reconcileFinished(const fulfillsync::ReconcileSummary &summary);

    // Who acts here: the OS user and, on PostgreSQL, the database role.
    QString whoAmI();

Q_SIGNALS:
    void reconcileRequested(const fulfillsync::ReconcileRequest &request);
    void cancelRequested(qint64 connectorId);
    void syncRequested(const fulfillsync::SyncRequest &request); // a resync through the outbox
    void orderRequested(qint64 orderId, const QString &orderTranId);

private:
    QVariantList currentRow() const; // empty: no row, or still loading
    void decideExtra(const QString &state);
    void updateActions();
    void updateSchedule();
    void updateLastRun();
    void showMessage(const QString &text, bool problem = false);
    void setRunning(qint64 connectorId);
    QString connectorName(qint64 connectorId) const;

    Database &m_database;
    ReconciliationTableModel *m_model = nullptr;
    TablePanel *m_panel = nullptr;
    QComboBox *m_connector = nullptr;
    QDateEdit *m_since = nullptr;
    QDateEdit *m_until = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_resume = nullptr;
    QLabel *m_lastRun = nullptr;
    qint64 m_resumable = 0; // the last run of the selected connector, when it can resume
    QProgressBar *m_progress = nullptr;
    QLabel *m_scheduleLabel = nullptr;
    QPushButton *m_schedule = nullptr;
    QPushButton *m_pushMissing = nullptr;
    QPushButton *m_resendTracking = nullptr;
    QPushButton *m_flag = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_openOrder = nullptr;
    QPushButton *m_pdf = nullptr;
    QLabel *m_message = nullptr;
    AskReason m_askReason;
    AskPath m_askPdfPath;
    qint64 m_running = 0;        // the connector whose reconciliation is under way, 0: none
    QSet<qint64> m_orderReads;   // connectors being read for one order (the order pane's)
    QElapsedTimer m_lastRefresh; // the table follows a run at most once a second
};

} // namespace fulfillsync
