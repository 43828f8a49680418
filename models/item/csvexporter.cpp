#include "models/item/csvexporter.h"

#include "models/storage/database.h"
#include "models/storage/sqlerror.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSqlQuery>

namespace fulfillsync {

CsvExporter::CsvExporter(Database &database)
    : m_database(database)
{}

QString CsvExporter::csvField(const QVariant &value)
{
    QString text = value.toString();
    // A cell starting like a formula would run in a spreadsheet: neutralise it.
    if (!text.isEmpty() && QStringLiteral("=+@\t\r").contains(text.front()))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') ||
        text.contains(u'\r')) {
        text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        text = u'"' + text + u'"';
    }
    return text;
}

void CsvExporter::run(const CsvExportRequest &request)
{
    // This thread lives for one export: its connection goes with it (after the queries below).
    const auto closeConnection = qScopeGuard([this] { m_database.closeThreadConnection(); });
    const auto fail = [this](qint64 rows, const QString &error) {
        Q_EMIT finished(false, false, rows, error);
    };
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen())
        return fail(0, error);
    TablePageQuery query = request.query;
    query.useFts5 = m_database.isSqlite(); // the rows the table found, found the same way
    qint64 total = 0;
    {
        const TablePageQuery::Sql count = query.countSql();
        QSqlQuery q(db);
        if (!prepareOrReport(q, count.text, &error))
            return fail(0, error);
        for (const QVariant &value : count.values)
            q.addBindValue(value);
        if (!execOrReport(q, &error))
            return fail(0, error);
        total = q.next() ? q.value(0).toLongLong() : 0;
    }
    QSaveFile file(request.path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(0, tr("Cannot write %1: %2. Choose "
                          "another folder.")
                           .arg(request.path, file.errorString()));
    const TablePageQuery::Sql sql = query.exportSql(request.withBodies);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!prepareOrReport(q, sql.text, &error))
        return fail(0, error);
    for (const QVariant &value : sql.values)
        q.addBindValue(value);
    if (!execOrReport(q, &error))
        return fail(0, error);

    const int columnCount = int(request.query.columns().size());
    const bool bodies = request.withBodies && request.query.hasBodies();
    QStringList header;
    for (const QString &title : request.headers)
        header << csvField(title);
    if (bodies)
        header << tr("Request") << tr("Response");
    QByteArray chunk = header.join(u',').toUtf8() + '\n';
    qint64 rows = 0;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    QStringList fields;
    while (q.next()) {
        fields.clear();
        for (int column : request.columns)
            fields << csvField(q.value(column + 1));
        if (bodies)
            fields << csvField(q.value(columnCount)) << csvField(q.value(columnCount + 1));
        chunk += fields.join(u',').toUtf8() + '\n';
        ++rows;
        if (chunk.size() > (1 << 16)) {
            if (file.write(chunk) != chunk.size())
                return fail(rows, tr("Writing %1 failed: %2. Free some "
                                     "disk space or choose another "
                                     "folder.")
                                      .arg(request.path, file.errorString()));
            chunk.clear();
        }
        if (m_cancelled.load()) {
            file.cancelWriting(); // the temporary file goes, nothing is renamed
            Q_EMIT finished(false, true, rows, QString());
            return;
        }
        if (sinceProgress.elapsed() >= 100) {
            sinceProgress.restart();
            Q_EMIT progressed(rows, total);
        }
    }
    if (m_cancelled.load()) {
        file.cancelWriting();
        Q_EMIT finished(false, true, rows, QString());
        return;
    }
    if (file.write(chunk) != chunk.size() || !file.commit())
        return fail(rows, tr("Writing %1 failed: %2. Free some disk "
                             "space or choose another folder.")
                              .arg(request.path, file.errorString()));
    Q_EMIT progressed(rows, total);
    Q_EMIT finished(true, false, rows, QString());
}

} // namespace fulfillsync
