#pragma once

#include "models/item/tablepagequery.h"

#include <QObject>
#include <atomic>

namespace fulfillsync {

class Database;

struct CsvExportRequest
{
    TablePageQuery query; // filters and sort, as the table shows them
    QList<int> columns;   // model columns to write, in order (the visible ones)
    QStringList headers;  // their titles
    QString path;
    bool withBodies = false; // history: add the recorded (redacted) request and response
};

// Streams a table's rows straight from SQL into a CSV file, on its own thread with its own
// connection (never through the model, architecture.md §7.5.9). Writes through QSaveFile: the
// file appears complete or not at all (cancel, full disk, unwritable folder).
class CsvExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvExporter)

public:
    explicit CsvExporter(Database &database);

    void cancel() { m_cancelled.store(true); } // thread-safe
    // Once per exporter, on its own thread; closes that thread's connection when done.
    void run(const fulfillsync::CsvExportRequest &request);

    static QString csvField(const QVariant &value);

Q_SIGNALS:
    void progressed(qint64 rows, qint64 total);
    // error is empty on success and on cancel.
    void finished(bool ok, bool cancelled, qint64 rows, const QString &error);

private:
    Database &m_database;
    std::atomic<bool> m_cancelled{false};
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::CsvExportRequest)
