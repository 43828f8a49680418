#pragma once

// Shared plumbing for the benchmarks: a fulfillsync-sandbox process serving a scenario, a
// fresh SQLite database configured for it, one engine pass, and peak memory.

#include "app/demosetup.h"
#include "models/storage/database.h"
#include "sync/engine/syncpass.h"

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <memory>

namespace fulfillsync::bench {

// The sandbox runs in its own process so the engine's memory is measured alone.
class SandboxProcess final
{
public:
    bool start(const QJsonObject &scenario, QString *error);
    ~SandboxProcess();
    QUrl baseUrl() const { return m_baseUrl; }
    QJsonObject state() const; // GET /_sandbox/state
    void post(const QString &path, const QJsonObject &body) const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_baseUrl;
};

struct PassResult
{
    SyncRunSummary summary;
    qint64 wallMs = 0;
};

// A SQLite database in a temporary folder, configured for the sandbox's scenario.
class BenchDatabase final
{
public:
    bool open(const QJsonObject &scenario, const QUrl &sandbox, QString *error);
    bool open(const DemoTarget &target, QString *error);
    Database &database() { return *m_database; }
    qint64 connectorId() const { return m_connectorId; }
    DemoTarget target() const { return m_target; }
    // Runs one pass on this thread's event loop (over real HTTP unless network is given).
    PassResult runPass(const std::function<void(SyncPass::Config &)> &adjust = {},
                       QNetworkAccessManager *network = nullptr);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    qint64 m_connectorId = 0;
    DemoTarget m_target;
};

qint64 peakRssKb();
QString sandboxExecutable();

} // namespace fulfillsync::bench
