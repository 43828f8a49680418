#include "bench/fakestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <atomic>
#include <memory>

namespace fulfillsync::bench {

namespace {

// One change a second from here, so rows come in last-modified order like NetSuite's.
const QDateTime kBase(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);

QJsonObject fulfillmentRow(int i, int line)
{
    const QString so = QString::number(100000 + i);
    return {{QStringLiteral("if_id"), QString::number(5000000 + i)},
            {QStringLiteral("if_tranid"), QStringLiteral("IF%1").arg(5000000 + i)},
            {QStringLiteral("if_status"), QStringLiteral("C")},
            {QStringLiteral("if_lmd"),
             kBase.addSecs(i).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))},
            {QStringLiteral("so_id"), so},
            {QStringLiteral("so_tranid"), QString(QStringLiteral("SO") + so)},
            {QStringLiteral("so_status"), QStringLiteral("F")},
            {QStringLiteral("channel"), QStringLiteral("Shopify")},
            {QStringLiteral("channel_order"), QString::number(900000 + i)},
            {QStringLiteral("if_line"), QString::number(line)},
            {QStringLiteral("so_line"), QString::number(line)},
            {QStringLiteral("item"), QString::number(500 + line)},
            {QStringLiteral("item_name"), QStringLiteral("SKU-%1").arg(500 + line)},
            {QStringLiteral("quantity"), QStringLiteral("2")},
            {QStringLiteral("ship_method_name"), QStringLiteral("UPS Ground")},
            {QStringLiteral("tracking_id"), QString::number(i)},
            {QStringLiteral("tracking_number"), QStringLiteral("1ZB%1").arg(i)}};
}

} // namespace

void installFakeStore(test::FakeNetworkAccessManager &network, int orders)
{
    network.route("POST", QStringLiteral("/suiteql$"), [orders](const test::FakeRequest &r) {
        const QUrlQuery query(r.url);
        const int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
        const int offset = query.queryItemValue(QStringLiteral("offset")).toInt();
        const bool ordersQuery = r.body.contains("sl.mainline");
        // Honour the watermark literal, so keyset windows past 100,000 rows move on.
        const int at = int(r.body.indexOf("TO_TIMESTAMP('"));
        const QDateTime since = QDateTime::fromString(QString::fromUtf8(r.body.mid(at + 14, 19)),
                                                      QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const int first =
            since.isValid()
                ? std::max<qint64>(0, kBase.secsTo(QDateTime(since.date(), since.time(), Qt::UTC)))
                : 0;
        const int total = ordersQuery ? 0 : std::max(0, orders - first) * 2; // two lines each
        QJsonArray items;
        for (int row = offset; row < std::min(total, offset + limit); ++row)
            items.append(fulfillmentRow(first + row / 2, 1 + row % 2));
        const QJsonObject envelope{{QStringLiteral("items"), items},
                                   {QStringLiteral("hasMore"), offset + limit < total},
                                   {QStringLiteral("count"), items.size()}};
        return test::FakeResponse{200, QJsonDocument(envelope).toJson(QJsonDocument::Compact)};
    });
    // Shopify GraphQL: the batched planning read (nodes(ids)) and fulfillmentCreate. Every order
    // has one open fulfillment order at location 1 with both SKUs, two units each.
    auto next = std::make_shared<std::atomic<qint64>>(4100000000);
    network.route("POST", QStringLiteral("/graphql.json$"), [next](const test::FakeRequest &req) {
        const QJsonObject request = QJsonDocument::fromJson(req.body).object();
        if (request.value(QLatin1String("query")).toString().contains(u"fulfillmentCreate"))
            return test::FakeResponse{
                200, QStringLiteral("{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":{\"id\":"
                                    "\"gid://shopify/Fulfillment/%1\"},\"userErrors\":[]}}}")
                         .arg((*next)++)
                         .toUtf8()};
        const auto line = [](int n, const char *sku) {
            return QJsonObject{
                {QStringLiteral("id"),
                 QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1").arg(30 + n)},
                {QStringLiteral("remainingQuantity"), 2},
                {QStringLiteral("lineItem"),
                 QJsonObject{{QStringLiteral("id"),
                              QStringLiteral("gid://shopify/LineItem/%1").arg(10 + n)},
                             {QStringLiteral("sku"), QLatin1String(sku)}}}};
        };
        const QJsonObject noMore{{QStringLiteral("hasNextPage"), false}};
        const QJsonObject group{
            {QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/21")},
            {QStringLiteral("status"), QStringLiteral("OPEN")},
            {QStringLiteral("assignedLocation"),
             QJsonObject{{QStringLiteral("location"),
                          QJsonObject{{QStringLiteral("id"),
                                       QStringLiteral("gid://shopify/Location/1")}}}}},
            {QStringLiteral("lineItems"),
             QJsonObject{
                 {QStringLiteral("pageInfo"), noMore},
                 {QStringLiteral("nodes"), QJsonArray{line(1, "SKU-501"), line(2, "SKU-502")}}}}};
        QJsonArray nodes;
        const QJsonArray ids = request.value(QLatin1String("variables"))
                                   .toObject()
                                   .value(QLatin1String("ids"))
                                   .toArray();
        for (const QJsonValue &id : ids)
            nodes.append(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("fulfillmentOrders"),
                                      QJsonObject{{QStringLiteral("pageInfo"), noMore},
                                                  {QStringLiteral("nodes"), QJsonArray{group}}}}});
        const QJsonObject answer{
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("nodes"), nodes}}}};
        return test::FakeResponse{200, QJsonDocument(answer).toJson(QJsonDocument::Compact)};
    });
}

} // namespace fulfillsync::bench
