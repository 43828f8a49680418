#pragma once

#include "models/domain/domain.h"

#include <QObject>
#include <QSqlDatabase>
#include <atomic>

namespace fulfillsync {

class Database;

// One ship method, item or location that NetSuite actually used on a connector's orders (from
// the local cache the sync engine keeps), with the number of orders it appears on.
struct DiscoveredValue
{
    MappingKind kind = MappingKind::ShipMethod;
    qint64 netsuiteId = 0; // 0: NetSuite gave no id, only the name
    QString name;
    qint64 orderCount = 0;
    QString exampleOrder; // the lowest order number using it, to look it up

    // The key a new mapping row gets: the internal id when known, else the name.
    QString sourceKey() const;
    // Whether a rule matches it the way the sync engine matches (by id or by name).
    bool isMappedBy(const QList<MappingRule> &rules) const;
    bool operator==(const DiscoveredValue &) const = default;
};

struct DiscoveryResult
{
    quint64 generation = 0;
    QList<DiscoveredValue> values; // per kind, most orders first
    qint64 elapsedMs = 0;
    QString error;
};

namespace MappingDiscovery {
// Grouped SQL over sales_orders, item_fulfillments and item_fulfillment_lines of the orders
// whose channel is `channel`. Ship methods, items and locations; custom fields have none.
DiscoveryResult discover(QSqlDatabase db, const QString &channel);
} // namespace MappingDiscovery

// Runs discover() on its own thread with its own connection (like TableReader): on 200,000
// orders it takes long enough that the window must not wait for it.
class MappingDiscoveryWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingDiscoveryWorker)

public:
    explicit MappingDiscoveryWorker(Database &database);

    // Thread-safe: a request whose generation is no longer the latest is skipped (Cancel).
    void setLatestGeneration(quint64 generation) { m_latest.store(generation); }

    void run(quint64 generation, const QString &channel);
    void closeConnection();

Q_SIGNALS:
    void finished(const fulfillsync::DiscoveryResult &result);

private:
    Database &m_database;
    std::atomic<quint64> m_latest{0};
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::DiscoveryResult)
