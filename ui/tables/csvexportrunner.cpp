#include "ui/tables/csvexportrunner.h"

#include <QDir>
#include <QProgressDialog>
#include <QThread>

namespace fulfillsync {

CsvExportRunner::CsvExportRunner(Database &database, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_database(database)
    , m_dialogParent(dialogParent)
{
    qRegisterMetaType<fulfillsync::CsvExportRequest>();
}

CsvExportRunner::~CsvExportRunner()
{
    if (m_thread) {
        m_exporter->cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

void CsvExportRunner::start(const CsvExportRequest &request)
{
    if (isRunning())
        return;
    m_path = request.path;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("csv-export"));
    m_exporter = new CsvExporter(m_database);
    m_exporter->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_exporter, &QObject::deleteLater);
    connect(m_exporter, &CsvExporter::finished, this, &CsvExportRunner::onFinished,
            Qt::QueuedConnection);

    m_dialog = new QProgressDialog(tr("Exporting to %1…").arg(QDir::toNativeSeparators(m_path)),
                                   tr("Cancel"), 0, 0, m_dialogParent);
    m_dialog->setWindowTitle(tr("Export CSV"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setMinimumDuration(300);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, this, &CsvExportRunner::cancel);
    connect(m_exporter, &CsvExporter::progressed, this, &CsvExportRunner::progressed);
    connect(m_exporter, &CsvExporter::progressed, m_dialog, [this](qint64 rows, qint64 total) {
        if (!m_dialog)
            return;
        // QProgressDialog counts in int; a percentage is all the bar needs.
        m_dialog->setRange(0, 1000);
        m_dialog->setValue(total > 0 ? int(std::min<qint64>(rows * 1000 / total, 1000)) : 0);
        m_dialog->setLabelText(tr("Exporting to %1: %L2 of %L3 rows…")
                                   .arg(QDir::toNativeSeparators(m_path))
                                   .arg(rows)
                                   .arg(total));
    });
    m_thread->start();
    QMetaObject::invokeMethod(
        m_exporter, [exporter = m_exporter, request] { exporter->run(request); },
        Qt::QueuedConnection);
}

void CsvExportRunner::cancel()
{
    if (m_exporter)
        m_exporter->cancel();
}

void CsvExportRunner::onFinished(bool ok, bool cancelled, qint64 rows, const QString &error)
{
    m_thread->quit();
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    m_exporter = nullptr;
    if (m_dialog)
        m_dialog->close();
    const QString path = QDir::toNativeSeparators(m_path);
    if (ok)
        Q_EMIT finished(true, tr("Exported %L1 rows to %2.").arg(rows).arg(path), false);
    else if (cancelled)
        Q_EMIT finished(false, tr("Export cancelled; %1 was not written.").arg(path), false);
    else
        Q_EMIT finished(false, tr("The export failed: %1").arg(error), true);
}

} // namespace fulfillsync
