#include "models/item/dashboardreader.h"

#include "models/storage/database.h"

namespace fulfillsync {

DashboardReader::DashboardReader(Database &database)
    : m_database(database)
{
    qRegisterMetaType<fulfillsync::DashboardRequest>();
    qRegisterMetaType<fulfillsync::DashboardSnapshot>();
}

void DashboardReader::load(quint64 generation, const DashboardRequest &request)
{
    if (generation != m_latest.load())
        return;
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    DashboardSnapshot snapshot;
    if (!db.isOpen()) {
        snapshot.error = error;
    } else {
        snapshot = DashboardQueries(db).snapshot(request);
    }
    snapshot.generation = generation;
    Q_EMIT loaded(snapshot);
}

void DashboardReader::closeConnection()
{
    m_database.closeThreadConnection();
}

} // namespace fulfillsync
