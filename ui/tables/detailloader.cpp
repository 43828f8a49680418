#include "ui/tables/detailloader.h"

#include "models/storage/database.h"

namespace fulfillsync {

DetailLoader::DetailLoader(Database &database, Read read, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("detail-reader"));
    m_worker = new DetailReadWorker(database, std::move(read));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &DetailLoader::readRequested, m_worker, &DetailReadWorker::read,
            Qt::QueuedConnection);
    connect(m_worker, &DetailReadWorker::done, this,
            [this](quint64 generation, const QVariant &detail) {
                if (generation == m_generation)
                    Q_EMIT loaded(detail);
            });
    m_thread.start();
}

DetailLoader::~DetailLoader()
{
    QMetaObject::invokeMethod(m_worker, &DetailReadWorker::closeConnection,
                              Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void DetailLoader::load(qint64 id)
{
    m_worker->latest.store(++m_generation);
    Q_EMIT readRequested(m_generation, id);
}

void DetailLoader::forget()
{
    m_worker->latest.store(++m_generation);
}

DetailReadWorker::DetailReadWorker(Database &database, DetailLoader::Read read)
    : m_database(database)
    , m_read(std::move(read))
{}

void DetailReadWorker::read(quint64 generation, qint64 id)
{
    if (generation != latest.load())
        return; // a newer selection is on its way
    Q_EMIT done(generation, m_read(m_database, id));
}

void DetailReadWorker::closeConnection()
{
    m_database.closeThreadConnection();
}

} // namespace fulfillsync
