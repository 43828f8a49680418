#include "testutils/scenariobuilder.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>

namespace fulfillsync::test {

// Orders with one or two lines, each shipped in one fulfillment, a quarter of them in two
// (partial shipments), every fulfillment with its own tracking number.
QJsonObject shippedOrdersScenario(int orders, const QString &plan, int *shippedFulfillments,
                                  int round)
{
    QJsonArray salesOrders, fulfillments, channelOrders;
    const int firstIf = 10000001 + round * 1000000; // apart from the sales order ids
    int ifId = firstIf;
    // Each round's changes come after the last round's clock, and its clock after them, as on a
    // real account: NetSuite stamps a change with the time it is made (a reader trusts that no
    // change appears much older than NetSuite's clock at its last read).
    const QDateTime changed =
        QDateTime(QDate(2026, 11, 19), QTime(10, 0), Qt::UTC).addSecs(round * 3 * 3600);
    const QDateTime now = changed.addSecs(150 * 60); // the data spans two hours
    for (int i = 0; i < orders; ++i) {
        const int so = 10001 + round * 200000 + i;
        const qint64 channelOrder = 900000000LL + round * 200000 + i;
        const qint64 lineBase = qint64(so) * 10;
        const int lines = 1 + i % 2;
        QJsonArray soLines, liLines;
        for (int l = 1; l <= lines; ++l) {
            soLines.append(QJsonObject{{QStringLiteral("line"), l},
                                       {QStringLiteral("item"), 500 + l},
                                       {QStringLiteral("quantity"), 2},
                                       {QStringLiteral("location"), 1}});
            liLines.append(
                QJsonObject{{QStringLiteral("id"), lineBase + l},
                            {QStringLiteral("sku"), QStringLiteral("SKU-%1").arg(500 + l)},
                            {QStringLiteral("quantity"), 2}});
        }
        salesOrders.append(
            QJsonObject{{QStringLiteral("id"), so},
                        {QStringLiteral("tranId"), QStringLiteral("SO%1").arg(so)},
                        {QStringLiteral("tranDate"), QStringLiteral("2026-11-18")},
                        {QStringLiteral("customer"), 77},
                        {QStringLiteral("channel"), QStringLiteral("Shopify")},
                        {QStringLiteral("channelOrder"), QString::number(channelOrder)},
                        {QStringLiteral("shipMethod"), 12},
                        {QStringLiteral("lines"), soLines}});
        channelOrders.append(QJsonObject{{QStringLiteral("id"), channelOrder},
                                         {QStringLiteral("name"), QStringLiteral("#%1").arg(i)},
                                         {QStringLiteral("locationId"), 7001},
                                         {QStringLiteral("lineItems"), liLines}});
        const bool split = i % 4 == 0;
        const int parts = split ? 2 : 1;
        for (int p = 0; p < parts; ++p) {
            QJsonArray ifLines;
            for (int l = 1; l <= lines; ++l)
                ifLines.append(QJsonObject{{QStringLiteral("orderLine"), l},
                                           {QStringLiteral("item"), 500 + l},
                                           {QStringLiteral("quantity"), split ? 1 : 2},
                                           {QStringLiteral("location"), 1}});
            fulfillments.append(
                QJsonObject{{QStringLiteral("id"), ifId},
                            {QStringLiteral("tranId"), QStringLiteral("IF%1").arg(ifId)},
                            {QStringLiteral("createdFrom"), so},
                            {QStringLiteral("tranDate"), QStringLiteral("2026-11-19")},
                            {QStringLiteral("shipStatus"), QStringLiteral("C")},
                            {QStringLiteral("shipMethod"), 12},
                            {QStringLiteral("lastModified"),
                             changed.addSecs(p * 3600 + (i % 60) * 60).toString(Qt::ISODate)},
                            {QStringLiteral("lines"), ifLines},
                            {QStringLiteral("packages"),
                             QJsonArray{QJsonObject{{QStringLiteral("trackingNumber"),
                                                     QStringLiteral("1ZCS%1").arg(ifId)}}}}});
            ++ifId;
        }
    }
    *shippedFulfillments = ifId - firstIf;
    const QJsonObject credentials{{QStringLiteral("consumerKey"), QStringLiteral("ck-crash")},
                                  {QStringLiteral("consumerSecret"), QStringLiteral("cs-crash")},
                                  {QStringLiteral("tokenId"), QStringLiteral("t-crash")},
                                  {QStringLiteral("tokenSecret"), QStringLiteral("ts-crash")}};
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("fulfillsync-scenario/1")},
        {QStringLiteral("now"), now.toString(Qt::ISODate)},
        {QStringLiteral("netsuite"),
         QJsonObject{
             {QStringLiteral("accountId"), QStringLiteral("1234567_SB1")},
             {QStringLiteral("credentials"), credentials},
             {QStringLiteral("features"), QJsonObject{{QStringLiteral("advancedShipping"), true},
                                                      {QStringLiteral("pickPackShip"), true}}},
             {QStringLiteral("concurrencyLimit"), 5},
             {QStringLiteral("items"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), 501},
                                     {QStringLiteral("itemId"), QStringLiteral("SKU-501")},
                                     {QStringLiteral("type"), QStringLiteral("InvtPart")}},
                         QJsonObject{{QStringLiteral("id"), 502},
                                     {QStringLiteral("itemId"), QStringLiteral("SKU-502")},
                                     {QStringLiteral("type"), QStringLiteral("InvtPart")}}}},
             {QStringLiteral("shipMethods"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), 12},
                                     {QStringLiteral("name"), QStringLiteral("UPS Ground")}}}},
             {QStringLiteral("locations"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), 1},
                                     {QStringLiteral("name"), QStringLiteral("Main Warehouse")}}}},
             {QStringLiteral("customers"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), 77},
                                     {QStringLiteral("name"), QStringLiteral("Ada Lovelace")}}}},
             {QStringLiteral("salesOrders"), salesOrders},
             {QStringLiteral("itemFulfillments"), fulfillments}}},
        {QStringLiteral("channels"),
         QJsonArray{QJsonObject{
             {QStringLiteral("kind"), QStringLiteral("shopify")},
             {QStringLiteral("name"), QStringLiteral("main-store")},
             {QStringLiteral("shop"), QStringLiteral("acme")},
             {QStringLiteral("accessToken"), QStringLiteral("shpat_crash")},
             {QStringLiteral("plan"), plan},
             // Pacing is measured elsewhere; here the bucket must not slow the runs down.
             {QStringLiteral("rateLimit"), QJsonObject{{QStringLiteral("bucketSize"), 100000},
                                                       {QStringLiteral("leakPerSecond"), 100000}}},
             {QStringLiteral("locations"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), 7001},
                                     {QStringLiteral("name"), QStringLiteral("Main Warehouse")}}}},
             {QStringLiteral("orders"), channelOrders}}}}};
}

QJsonObject teamScenario(int stores, int orders, int *shippedFulfillments, int round)
{
    QJsonObject scenario =
        shippedOrdersScenario(orders, QStringLiteral("unlimited"), shippedFulfillments, round);
    QJsonObject ns = scenario[QLatin1String("netsuite")].toObject();
    QJsonArray salesOrders;
    QHash<QString, int> storeOfChannelOrder;
    int i = 0;
    for (const QJsonValue &value : ns[QLatin1String("salesOrders")].toArray()) {
        QJsonObject so = value.toObject();
        const int store = 1 + i++ % stores;
        so.insert(QStringLiteral("channel"), QStringLiteral("Shopify %1").arg(store));
        storeOfChannelOrder.insert(so[QLatin1String("channelOrder")].toString(), store);
        salesOrders.append(so);
    }
    ns.insert(QStringLiteral("salesOrders"), salesOrders);
    scenario.insert(QStringLiteral("netsuite"), ns);
    const QJsonObject first = scenario[QLatin1String("channels")].toArray().first().toObject();
    QJsonArray channels;
    for (int store = 1; store <= stores; ++store) {
        QJsonArray channelOrders;
        for (const QJsonValue &order : first[QLatin1String("orders")].toArray())
            if (storeOfChannelOrder.value(
                    QString::number(order[QLatin1String("id")].toInteger())) == store)
                channelOrders.append(order);
        QJsonObject channel = first;
        channel.insert(QStringLiteral("name"), QStringLiteral("store-%1").arg(store));
        channel.insert(QStringLiteral("shop"), QStringLiteral("acme-%1").arg(store));
        channel.insert(QStringLiteral("accessToken"), QStringLiteral("shpat_team_%1").arg(store));
        channel.insert(QStringLiteral("channel"), QStringLiteral("Shopify %1").arg(store));
        channel.insert(QStringLiteral("orders"), channelOrders);
        channels.append(channel);
    }
    scenario.insert(QStringLiteral("channels"), channels);
    return scenario;
}

QJsonObject threePlOrdersScenario(int orders)
{
    int shipped = 0;
    QJsonObject scenario = shippedOrdersScenario(orders, QStringLiteral("unlimited"), &shipped);
    QJsonObject ns = scenario[QLatin1String("netsuite")].toObject();
    QJsonArray salesOrders;
    for (const QJsonValue &value : ns[QLatin1String("salesOrders")].toArray()) {
        QJsonObject so = value.toObject();
        QJsonArray lines;
        for (const QJsonValue &line : so[QLatin1String("lines")].toArray()) {
            QJsonObject l = line.toObject();
            l.insert(QStringLiteral("location"), 2);
            lines.append(l);
        }
        so.insert(QStringLiteral("lines"), lines);
        salesOrders.append(so);
    }
    ns.insert(QStringLiteral("salesOrders"), salesOrders);
    ns.insert(QStringLiteral("itemFulfillments"), QJsonArray());
    // The 3PL needs somewhere to ship them: the customer's default address is each order's.
    ns.insert(QStringLiteral("customers"),
              QJsonArray{QJsonObject{
                  {QStringLiteral("id"), 77},
                  {QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                  {QStringLiteral("email"), QStringLiteral("ada@example.com")},
                  {QStringLiteral("address"),
                   QJsonObject{{QStringLiteral("addressee"), QStringLiteral("Ada Lovelace")},
                               {QStringLiteral("addr1"), QStringLiteral("12 St James's Square")},
                               {QStringLiteral("city"), QStringLiteral("London")},
                               {QStringLiteral("zip"), QStringLiteral("SW1Y 4JH")},
                               {QStringLiteral("country"), QStringLiteral("GB")}}}}});
    QJsonArray locations = ns[QLatin1String("locations")].toArray();
    locations.append(QJsonObject{{QStringLiteral("id"), 2},
                                 {QStringLiteral("name"), QStringLiteral("East Coast 3PL")}});
    ns.insert(QStringLiteral("locations"), locations);
    scenario.insert(QStringLiteral("netsuite"), ns);
    return scenario;
}

} // namespace fulfillsync::test
