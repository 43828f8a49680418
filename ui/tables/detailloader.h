#pragma once

#include <QObject>
#include <QThread>
#include <QVariant>
#include <atomic>
#include <functional>

namespace fulfillsync {

class Database;
class DetailReadWorker;

// Reads what a detail pane shows on a thread of its own with its own connection (as
// TableReader does), so a selection, a refresh during a sync or a slow shared database never
// stalls the window. Only the newest request is answered: older ones are skipped before they
// touch the database, and answers that arrive late are dropped.
class DetailLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailLoader)

public:
    // Runs on the loader's thread: it must not touch widgets.
    using Read = std::function<QVariant(Database &database, qint64 id)>;

    DetailLoader(Database &database, Read read, QObject *parent = nullptr);
    ~DetailLoader() override; // closes the thread's connection, joins the thread

    void load(qint64 id);
    void forget(); // the pane shows nothing now: answers to earlier loads are dropped

Q_SIGNALS:
    void loaded(const QVariant &detail);
    void readRequested(quint64 generation, qint64 id); // into the thread

private:
    QThread m_thread;
    DetailReadWorker *m_worker = nullptr; // lives in m_thread
    quint64 m_generation = 0;
};

// The loader's half on its thread.
class DetailReadWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailReadWorker)

public:
    DetailReadWorker(Database &database, DetailLoader::Read read);

    std::atomic<quint64> latest{0}; // set from the GUI thread
    void read(quint64 generation, qint64 id);
    void closeConnection();

Q_SIGNALS:
    void done(quint64 generation, const QVariant &detail);

private:
    Database &m_database;
    DetailLoader::Read m_read;
};

} // namespace fulfillsync
