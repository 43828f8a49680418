#include "sandbox/shopify/shopifystore.h"

#include "sandbox/scenario/scenarioloader.h"
#include "sandbox/shopify/shopifycarriers.h"

#include <QJsonArray>
#include <QSet>

namespace fulfillsync::sandbox {

ShopifyStore::ShopifyStore(const QList<Channel> &channels, const QDateTime &now)
{
    for (const Channel &c : channels) {
        Shop shop;
        shop.channel = c;
        shop.shopId = 548380000 + m_shops.size() + 1;
        // REST: standard 40 @ 2/s, Advanced 80 @ 4/s, Plus 400 @ 20/s; GraphQL cost bucket
        // 1000 @ 50/s (2000 @ 100/s on Plus), the figures most clients were written against.
        double size = 40, leak = 2, points = 1000, restore = 50;
        if (c.plan == QLatin1String("advanced")) {
            size = 80;
            leak = 4;
        } else if (c.plan == QLatin1String("plus")) {
            size = 400;
            leak = 20;
            points = 2000;
            restore = 100;
        } else if (c.plan == QLatin1String("unlimited")) {
            // Not a Shopify plan: the benchmarks' way to measure the engine without the store's
            // limits in the way.
            size = leak = points = restore = 1e9;
        }
        if (c.bucketSize > 0)
            size = c.bucketSize;
        if (c.leakPerSecond > 0)
            leak = c.leakPerSecond;
        shop.rest.configure(size, leak);
        shop.graphql.configure(points, restore);
        for (const ChannelOrder &o : c.orders) {
            shop.orderIndex.insert(o.id, int(shop.orders.size()));
            Order order{o, {}, {}, now, now, {}, false};
            shop.orders.append(order);
            FulfillmentOrder fo;
            fo.orderId = o.id;
            fo.locationId = o.locationId;
            fo.status = o.fulfillmentOrderStatus;
            fo.createdAt = fo.updatedAt = now;
            for (const ChannelLineItem &li : o.lineItems)
                fo.lines.append({m_nextFulfillmentOrderLineId++, li.id, li.quantity, li.quantity});
            addFulfillmentOrder(shop, fo);
        }
        if (c.kind == QLatin1String("shopify"))
            m_shopIndex.insert(c.shop, int(m_shops.size()));
        m_shops.append(shop);
    }
}

void ShopifyStore::addFulfillmentOrder(Shop &shop, FulfillmentOrder fo)
{
    fo.id = m_nextFulfillmentOrderId++;
    shop.orders[shop.orderIndex.value(fo.orderId)].fulfillmentOrderIds.append(fo.id);
    shop.fulfillmentOrders.insert(fo.id, fo);
}

bool ShopifyStore::cancelOrder(Shop &shop, qint64 orderId, const QDateTime &now)
{
    const int index = shop.orderIndex.value(orderId, -1);
    if (index < 0)
        return false;
    Order &order = shop.orders[index];
    order.cancelledAt = order.updatedAt = now;
    for (qint64 id : order.fulfillmentOrderIds) {
        FulfillmentOrder &fo = shop.fulfillmentOrders[id];
        if (fo.status != QLatin1String("closed")) {
            fo.status = QStringLiteral("cancelled");
            fo.updatedAt = now;
        }
    }
    return true;
}

bool ShopifyStore::closeOrder(Shop &shop, qint64 orderId, const QDateTime &now)
{
    const int index = shop.orderIndex.value(orderId, -1);
    if (index < 0)
        return false;
    shop.orders[index].closed = true;
    shop.orders[index].updatedAt = now;
    return true;
}

QString ShopifyStore::BulkOperation::statusAt(qint64 nowMs) const
{
    if (cancelled)
        return QStringLiteral("CANCELED");
    if (nowMs < createdMs + durationMs)
        return QStringLiteral("RUNNING");
    return errorCode.isEmpty() ? QStringLiteral("COMPLETED") : QStringLiteral("FAILED");
}

void ShopifyStore::configureGraphQl(Shop &shop, const QString &plan)
{
    // 1000 @ 50/s (2000 @ 100/s on Plus), the figures most clients were written against.
    double points = 1000, restore = 50;
    if (plan == QLatin1String("plus")) {
        points = 2000;
        restore = 100;
    } else if (plan == QLatin1String("unlimited")) {
        points = restore = 1e9;
    }
    shop.graphql.configure(points, restore);
}

bool ShopifyStore::setFulfillmentOrderStatus(Shop &shop, qint64 orderId, const QString &status)
{
    const int index = shop.orderIndex.value(orderId, -1);
    if (index < 0)
        return false;
    for (qint64 id : shop.orders.at(index).fulfillmentOrderIds) {
        FulfillmentOrder &fo = shop.fulfillmentOrders[id];
        const bool fulfillable =
            std::any_of(fo.lines.cbegin(), fo.lines.cend(),
                        [](const FulfillmentOrderLine &l) { return l.fulfillable > 0; });
        if (fo.status != QLatin1String("closed") && fulfillable)
            fo.status = status;
    }
    return true;
}

ShopifyStore::Shop *ShopifyStore::shop(const QString &name)
{
    const int index = m_shopIndex.value(name, -1);
    return index < 0 ? nullptr : &m_shops[index];
}

QList<QString> ShopifyStore::shopNames() const
{
    return m_shopIndex.keys();
}

const ShopifyStore::Order *ShopifyStore::order(const Shop &shop, qint64 orderId) const
{
    const int index = shop.orderIndex.value(orderId, -1);
    return index < 0 ? nullptr : &shop.orders.at(index);
}

bool ShopifyStore::validate(const Shop &shop, const CreateRequest &request,
                            CreateError *error) const
{
    auto fail = [error](QStringList field, const QString &message) {
        *error = {std::move(field), message};
        return false;
    };
    const QString list = QStringLiteral("lineItemsByFulfillmentOrder");
    if (request.orders.isEmpty())
        return fail({list}, QStringLiteral("Line items by fulfillment order must not be empty."));
    QSet<qint64> seen;
    const FulfillmentOrder *first = nullptr;
    int totalQuantity = 0;
    for (int i = 0; i < request.orders.size(); ++i) {
        const RequestedOrder &r = request.orders[i];
        const QStringList at = {list, QString::number(i), QStringLiteral("fulfillmentOrderId")};
        const auto it = shop.fulfillmentOrders.constFind(r.fulfillmentOrderId);
        if (it == shop.fulfillmentOrders.cend())
            return fail(
                at,
                QStringLiteral("Fulfillment order %1 does not exist.").arg(r.fulfillmentOrderId));
        if (seen.contains(r.fulfillmentOrderId))
            return fail(at, QStringLiteral("Fulfillment order %1 is listed more than once.")
                                .arg(r.fulfillmentOrderId));
        seen.insert(r.fulfillmentOrderId);
        const FulfillmentOrder &fo = *it;
        if (!first) {
            first = &fo;
        } else if (fo.orderId != first->orderId) {
            return fail(at,
                        QStringLiteral("All fulfillment orders must belong to the same order."));
        } else if (fo.locationId != first->locationId) {
            return fail(at, QStringLiteral("All fulfillment orders must be assigned to the same "
                                           "location."));
        }
        if (fo.status != QLatin1String("open") && fo.status != QLatin1String("in_progress"))
            return fail(at, QStringLiteral("Fulfillment order %1 has an unfulfillable status= %2.")
                                .arg(fo.id)
                                .arg(fo.status));
        if (r.lines.isEmpty()) {
            for (const FulfillmentOrderLine &l : fo.lines)
                totalQuantity += l.fulfillable;
            continue;
        }
        QSet<qint64> seenLines;
        for (int k = 0; k < r.lines.size(); ++k) {
            const QStringList lineAt = {list, QString::number(i),
                                        QStringLiteral("fulfillmentOrderLineItems"),
                                        QString::number(k)};
            const auto &[lineId, quantity] = r.lines[k];
            const FulfillmentOrderLine *line = nullptr;
            for (const FulfillmentOrderLine &l : fo.lines)
                if (l.id == lineId)
                    line = &l;
            if (!line)
                return fail(lineAt + QStringList{QStringLiteral("id")},
                            QStringLiteral("Fulfillment order line item %1 does not exist on "
                                           "fulfillment order %2.")
                                .arg(lineId)
                                .arg(fo.id));
            if (seenLines.contains(lineId))
                return fail(lineAt + QStringList{QStringLiteral("id")},
                            QStringLiteral("Fulfillment order line item %1 is listed more than "
                                           "once.")
                                .arg(lineId));
            seenLines.insert(lineId);
            if (quantity <= 0)
                return fail(lineAt + QStringList{QStringLiteral("quantity")},
                            QStringLiteral("Quantity must be greater than 0."));
            if (quantity > line->fulfillable)
                return fail(lineAt + QStringList{QStringLiteral("quantity")},
                            QStringLiteral("Invalid fulfillment order line item quantity "
                                           "requested."));
            totalQuantity += quantity;
        }
    }
    if (totalQuantity <= 0)
        return fail({list}, QStringLiteral("There are no fulfillable line items."));
    if (!request.urls.isEmpty() && request.numbers.isEmpty())
        return fail({QStringLiteral("trackingInfo"), QStringLiteral("url")},
                    QStringLiteral("Tracking URL requires a tracking number."));
    return true;
}

bool ShopifyStore::createFulfillment(Shop &shop, const CreateRequest &request, const QDateTime &now,
                                     Fulfillment *created, CreateError *error)
{
    if (!validate(shop, request, error))
        return false;
    Fulfillment f;
    f.id = m_nextFulfillmentId++;
    f.createdAt = now;
    f.notifyCustomer = request.notifyCustomer;
    f.trackingCompany = request.company;
    f.trackingNumbers = request.numbers;
    f.trackingUrls = request.urls;
    if (f.trackingUrls.isEmpty()) {
        for (const QString &n : request.numbers) {
            const QString url = ShopifyCarriers::trackingUrl(request.company, n);
            if (!url.isEmpty())
                f.trackingUrls << url;
        }
    }
    for (const RequestedOrder &r : request.orders) {
        FulfillmentOrder &fo = shop.fulfillmentOrders[r.fulfillmentOrderId];
        Order &order = shop.orders[shop.orderIndex.value(fo.orderId)];
        f.orderId = fo.orderId;
        f.locationId = fo.locationId;
        QHash<qint64, int> take; // fo line id -> quantity fulfilled now
        for (const FulfillmentOrderLine &l : fo.lines)
            take.insert(l.id, r.lines.isEmpty() ? l.fulfillable : 0);
        for (const auto &[lineId, quantity] : r.lines)
            take[lineId] = quantity;

        FulfillmentOrder remainder;
        remainder.orderId = fo.orderId;
        remainder.locationId = fo.locationId;
        remainder.status = QStringLiteral("open");
        remainder.createdAt = remainder.updatedAt = now;
        bool anyLeft = false;
        QList<FulfillmentOrderLine> kept;
        for (FulfillmentOrderLine &l : fo.lines) {
            const int q = take.value(l.id);
            if (q > 0) {
                QString sku;
                for (const ChannelLineItem &li : order.source.lineItems)
                    if (li.id == l.lineItemId)
                        sku = li.sku;
                bool merged = false;
                for (FulfillmentLineItem &existing : f.lineItems)
                    if (existing.lineItemId == l.lineItemId) {
                        existing.quantity += q;
                        merged = true;
                    }
                if (!merged)
                    f.lineItems.append({l.lineItemId, sku, q});
            }
            const int left = l.fulfillable - q;
            anyLeft = anyLeft || left > 0;
            if (shop.channel.splitOnPartial) {
                // The original keeps what this fulfillment took (and what earlier ones took);
                // what remains moves to a new fulfillment order with new line item ids.
                if (left > 0)
                    remainder.lines.append(
                        {m_nextFulfillmentOrderLineId++, l.lineItemId, left, left});
                l.quantity -= left;
                l.fulfillable = 0;
                if (l.quantity > 0)
                    kept.append(l);
            } else {
                l.fulfillable = left;
                kept.append(l);
            }
        }
        fo.lines = kept;
        fo.updatedAt = now;
        if (!anyLeft)
            fo.status = QStringLiteral("closed");
        else if (shop.channel.splitOnPartial)
            fo.status = QStringLiteral("closed");
        else
            fo.status = QStringLiteral("in_progress");
        if (anyLeft && shop.channel.splitOnPartial)
            addFulfillmentOrder(shop, remainder);
    }
    Order &order = shop.orders[shop.orderIndex.value(f.orderId)];
    order.updatedAt = now;
    f.name = order.source.name + QLatin1Char('.') + QString::number(order.fulfillments.size() + 1);
    order.fulfillments.append(f);
    *created = f;
    return true;
}

bool ShopifyStore::updateTracking(Shop &shop, qint64 fulfillmentId, const QString &company,
                                  const QStringList &numbers, const QStringList &urls,
                                  Fulfillment *updated, CreateError *error)
{
    for (Order &order : shop.orders) {
        for (Fulfillment &f : order.fulfillments) {
            if (f.id != fulfillmentId)
                continue;
            f.trackingCompany = company;
            f.trackingNumbers = numbers;
            f.trackingUrls = urls;
            if (f.trackingUrls.isEmpty()) {
                for (const QString &n : numbers) {
                    const QString url = ShopifyCarriers::trackingUrl(company, n);
                    if (!url.isEmpty())
                        f.trackingUrls << url;
                }
            }
            *updated = f;
            return true;
        }
    }
    error->field = {QStringLiteral("fulfillmentId")};
    error->message = QStringLiteral("Fulfillment does not exist.");
    return false;
}

QJsonArray ShopifyStore::stateJson() const
{
    QJsonArray channels;
    for (const Shop &shop : m_shops) {
        const Channel &c = shop.channel;
        QJsonArray orders;
        for (const Order &o : shop.orders) {
            QJsonArray lineItems, fos, fulfillments;
            for (const ChannelLineItem &li : o.source.lineItems)
                lineItems.append(QJsonObject{{QStringLiteral("id"), li.id},
                                             {QStringLiteral("sku"), li.sku},
                                             {QStringLiteral("quantity"), li.quantity}});
            for (qint64 id : o.fulfillmentOrderIds) {
                const FulfillmentOrder &fo = shop.fulfillmentOrders[id];
                QJsonArray lines;
                for (const FulfillmentOrderLine &l : fo.lines)
                    lines.append(
                        QJsonObject{{QStringLiteral("id"), l.id},
                                    {QStringLiteral("lineItemId"), l.lineItemId},
                                    {QStringLiteral("quantity"), l.quantity},
                                    {QStringLiteral("fulfillableQuantity"), l.fulfillable}});
                fos.append(QJsonObject{{QStringLiteral("id"), fo.id},
                                       {QStringLiteral("status"), fo.status},
                                       {QStringLiteral("locationId"), fo.locationId},
                                       {QStringLiteral("lineItems"), lines}});
            }
            for (const Fulfillment &f : o.fulfillments) {
                QJsonArray lines;
                for (const FulfillmentLineItem &l : f.lineItems)
                    lines.append(QJsonObject{{QStringLiteral("lineItemId"), l.lineItemId},
                                             {QStringLiteral("sku"), l.sku},
                                             {QStringLiteral("quantity"), l.quantity}});
                fulfillments.append(QJsonObject{
                    {QStringLiteral("id"), f.id},
                    {QStringLiteral("name"), f.name},
                    {QStringLiteral("lineItems"), lines},
                    {QStringLiteral("trackingNumbers"),
                     QJsonArray::fromStringList(f.trackingNumbers)},
                    {QStringLiteral("trackingCompany"), f.trackingCompany},
                    {QStringLiteral("trackingUrl"), f.trackingUrls.value(0)},
                    {QStringLiteral("trackingUrls"), QJsonArray::fromStringList(f.trackingUrls)},
                    {QStringLiteral("notifyCustomer"), f.notifyCustomer},
                    {QStringLiteral("createdAt"), ScenarioLoader::isoUtc(f.createdAt)}});
            }
            orders.append(QJsonObject{{QStringLiteral("id"), o.source.id},
                                      {QStringLiteral("name"), o.source.name},
                                      {QStringLiteral("locationId"), o.source.locationId},
                                      {QStringLiteral("lineItems"), lineItems},
                                      {QStringLiteral("fulfillmentOrders"), fos},
                                      {QStringLiteral("fulfillments"), fulfillments}});
        }
        QJsonArray locations;
        for (const NamedRecord &l : c.locations)
            locations.append(
                QJsonObject{{QStringLiteral("id"), l.id}, {QStringLiteral("name"), l.name}});
        channels.append(
            QJsonObject{{QStringLiteral("kind"), c.kind},
                        {QStringLiteral("name"), c.name},
                        {QStringLiteral("shop"), c.shop},
                        {QStringLiteral("channel"), c.channel},
                        {QStringLiteral("plan"), c.plan},
                        {QStringLiteral("partialFulfillment"),
                         c.splitOnPartial ? QStringLiteral("split") : QStringLiteral("reduce")},
                        {QStringLiteral("locations"), locations},
                        {QStringLiteral("orders"), orders}});
    }
    return channels;
}

} // namespace fulfillsync::sandbox
