#pragma once

#include "models/item/csvexporter.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

class QThread;
class QWidget;

namespace fulfillsync {

class Database;

// Runs one CSV export at a time on a thread of its own, with a progress dialog and Cancel, and
// reports the outcome in admin words.
class CsvExportRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvExportRunner)

public:
    CsvExportRunner(Database &database, QWidget *dialogParent);
    ~CsvExportRunner() override;

    bool isRunning() const { return m_exporter != nullptr; }
    void start(const fulfillsync::CsvExportRequest &request);
    void cancel();
    QProgressDialog *progressDialog() const { return m_dialog; }

Q_SIGNALS:
    // message: what happened, for the status line; error is true when the admin must act.
    void finished(bool ok, const QString &message, bool error);
    void progressed(qint64 rows, qint64 total);

private:
    void onFinished(bool ok, bool cancelled, qint64 rows, const QString &error);

    Database &m_database;
    QWidget *m_dialogParent;
    QThread *m_thread = nullptr;
    CsvExporter *m_exporter = nullptr;
    QPointer<QProgressDialog> m_dialog;
    QString m_path;
};

} // namespace fulfillsync
