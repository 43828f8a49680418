#include "models/storage/mappingdiscovery.h"

#include "models/storage/database.h"
#include "models/storage/sqlerror.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

namespace {

struct KindQuery
{
    MappingKind kind;
    const char *sql;
};

// Values with neither id nor name (a fulfillment without a ship method) are not mappable.
// One row per id (its latest name may differ between fulfillments), or per name without an id.
// COUNT(DISTINCT order) because an order has several lines and may have several fulfillments.
const KindQuery kQueries[] = {
    {MappingKind::ShipMethod,
     "SELECT f.ship_method_id, MAX(f.ship_method_name), COUNT(DISTINCT f.order_id), MIN(o.tran_id) "
     "FROM sales_orders o JOIN item_fulfillments f ON f.order_id = o.id "
     "WHERE o.channel = ? AND (f.ship_method_id <> 0 OR f.ship_method_name <> '') "
     "GROUP BY f.ship_method_id, CASE WHEN f.ship_method_id = 0 THEN f.ship_method_name ELSE '' "
     "END"},
    {MappingKind::Item,
     "SELECT l.item_id, MAX(l.item_name), COUNT(DISTINCT f.order_id), MIN(o.tran_id) "
     "FROM sales_orders o JOIN item_fulfillments f ON f.order_id = o.id "
     "JOIN item_fulfillment_lines l ON l.fulfillment_id = f.id "
     "WHERE o.channel = ? AND (l.item_id <> 0 OR l.item_name <> '') "
     "GROUP BY l.item_id, CASE WHEN l.item_id = 0 THEN l.item_name ELSE '' END"},
    {MappingKind::Location,
     "SELECT l.location_id, MAX(l.location_name), COUNT(DISTINCT f.order_id), MIN(o.tran_id) "
     "FROM sales_orders o JOIN item_fulfillments f ON f.order_id = o.id "
     "JOIN item_fulfillment_lines l ON l.fulfillment_id = f.id "
     "WHERE o.channel = ? AND (l.location_id <> 0 OR l.location_name <> '') "
     "GROUP BY l.location_id, CASE WHEN l.location_id = 0 THEN l.location_name ELSE '' END"},
};

} // namespace

QString DiscoveredValue::sourceKey() const
{
    return netsuiteId != 0 ? QString::number(netsuiteId) : name;
}

bool DiscoveredValue::isMappedBy(const QList<MappingRule> &rules) const
{
    const QString idKey = QString::number(netsuiteId);
    for (const MappingRule &rule : rules) {
        if (rule.kind != kind || rule.target.isEmpty())
            continue;
        if ((netsuiteId != 0 && rule.sourceKey == idKey) ||
            (!name.isEmpty() && rule.sourceKey == name))
            return true;
    }
    return false;
}

DiscoveryResult MappingDiscovery::discover(QSqlDatabase db, const QString &channel)
{
    DiscoveryResult result;
    QElapsedTimer timer;
    timer.start();
    for (const KindQuery &kq : kQueries) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!runQuery(q, QString::fromLatin1(kq.sql), {channel}, &result.error))
            return result;
        QList<DiscoveredValue> values;
        while (q.next())
            values << DiscoveredValue{kq.kind, q.value(0).toLongLong(), q.value(1).toString(),
                                      q.value(2).toLongLong(), q.value(3).toString()};
        std::stable_sort(values.begin(), values.end(),
                         [](const DiscoveredValue &a, const DiscoveredValue &b) {
                             if (a.orderCount != b.orderCount)
                                 return a.orderCount > b.orderCount;
                             return a.name < b.name;
                         });
        result.values << values;
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

MappingDiscoveryWorker::MappingDiscoveryWorker(Database &database)
    : m_database(database)
{
    qRegisterMetaType<fulfillsync::DiscoveryResult>();
}

void MappingDiscoveryWorker::run(quint64 generation, const QString &channel)
{
    if (generation != m_latest.load())
        return;
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    DiscoveryResult result;
    if (db.isOpen())
        result = MappingDiscovery::discover(db, channel);
    else
        result.error = error;
    result.generation = generation;
    Q_EMIT finished(result);
}

void MappingDiscoveryWorker::closeConnection()
{
    m_database.closeThreadConnection();
}

} // namespace fulfillsync
