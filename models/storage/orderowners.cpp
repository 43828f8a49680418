#include "models/storage/orderowners.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/threeplrepository.h"

namespace fulfillsync {

QList<qint64> connectorsOwningOrders(QSqlDatabase db, const QList<qint64> &orderIds)
{
    QStringList channels;
    OrderRepository orders(db);
    for (qint64 id : orderIds)
        if (const auto order = orders.order(id); order && !channels.contains(order->channel))
            channels << order->channel;
    ThreePlRepository threePl(db);
    QList<qint64> owners;
    for (const Connector &connector : ConnectorRepository(db).all()) {
        if (!connector.enabled)
            continue;
        bool owns = false;
        if (connector.isThreePl()) {
            owns = !threePl.sentOrders(connector.id, orderIds).isEmpty();
            for (qsizetype i = 0; !owns && i < orderIds.size(); ++i)
                owns = !threePl.entriesOfOrder(connector.id, orderIds.at(i)).isEmpty();
        } else {
            owns = channels.contains(connector.channel, Qt::CaseInsensitive); // as a pass compares
        }
        if (owns)
            owners << connector.id;
    }
    return owners;
}

} // namespace fulfillsync
