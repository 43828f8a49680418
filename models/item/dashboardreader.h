#pragma once

#include "models/storage/dashboardqueries.h"

#include <QObject>
#include <atomic>

namespace fulfillsync {

class Database;

// Runs the dashboard's queries on its own thread with its own connection (like TableReader),
// so a million-row history never stalls the window. A request that is no longer the latest is
// skipped before it touches the database.
class DashboardReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardReader)

public:
    explicit DashboardReader(Database &database);

    void setLatestGeneration(quint64 generation) { m_latest.store(generation); } // thread-safe
    void load(quint64 generation, const fulfillsync::DashboardRequest &request);
    void closeConnection();

Q_SIGNALS:
    void loaded(const fulfillsync::DashboardSnapshot &snapshot);

private:
    Database &m_database;
    std::atomic<quint64> m_latest{0};
};

} // namespace fulfillsync
