#include "sync/channel/shopify/shopifyreconcile.h"

#include "sync/channel/shopify/shopifyanswerreader.h"
#include "sync/channel/shopify/shopifygraphql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace fulfillsync {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ShopifyReconcile)
};

using namespace ShopifyReconcile;

const QStringList kFulfillmentStatuses = {QStringLiteral("SUCCESS"), QStringLiteral("CANCELLED"),
                                          QStringLiteral("ERROR"),   QStringLiteral("FAILURE"),
                                          QStringLiteral("OPEN"),    QStringLiteral("PENDING")};

using Reader = ShopifyAnswerReader;

QString fulfillmentsSelection(bool alone, bool bulk)
{
    if (bulk)
        return QStringLiteral("fulfillments { id status trackingInfo { number } "
                              "fulfillmentLineItems { edges { node { id quantity lineItem { sku "
                              "} } } } }");
    return QStringLiteral("fulfillments(first: %1) { id status trackingInfo(first: %2) { number } "
                          "fulfillmentLineItems(first: %3) { pageInfo { hasNextPage } nodes { "
                          "quantity lineItem { sku } } } }")
        .arg(alone ? kFulfillmentsAlone : kFulfillments)
        .arg(alone ? kTrackingAlone : kTracking)
        .arg(alone ? kLinesAlone : kLines);
}

// The order's own fields and its fulfillments' heads (status, tracking); lines are read by the
// caller (inline in a query, separate lines in a bulk file). Returns the fulfillment objects.
QJsonArray readOrderHead(Reader &r, const QJsonObject &order, const QString &at,
                         ChannelOrderSnapshot *s, bool *incomplete, int trackingPage,
                         int fulfillmentPage)
{
    s->cancelled =
        !r.text(order.value(QLatin1String("cancelledAt")), at + u".cancelledAt", true).isEmpty();
    s->closed = r.flag(order.value(QLatin1String("closed")), at + u".closed");
    const QString fp = at + QStringLiteral(".fulfillments");
    const QJsonArray list = r.array(order.value(QLatin1String("fulfillments")), fp);
    // A full page may hide more: absence cannot be proved from it.
    if (fulfillmentPage > 0 && list.size() >= fulfillmentPage)
        *incomplete = true;
    for (int i = 0; i < list.size() && r.ok(); ++i) {
        const QString p = fp + QStringLiteral("[%1]").arg(i);
        const QJsonObject f = r.object(list.at(i), p);
        ChannelOrderSnapshot::Fulfillment fulfillment;
        fulfillment.id =
            r.gid(f.value(QLatin1String("id")), p + u".id", QStringLiteral("Fulfillment"));
        const QString status = r.text(f.value(QLatin1String("status")), p + u".status");
        if (r.ok() && !kFulfillmentStatuses.contains(status))
            r.fail(p + u".status", Text::tr("has the unknown value \"%1\"").arg(status));
        fulfillment.status = status.toLower();
        const QJsonArray tracking =
            r.array(f.value(QLatin1String("trackingInfo")), p + u".trackingInfo");
        if (trackingPage > 0 && tracking.size() >= trackingPage)
            *incomplete = true;
        for (int t = 0; t < tracking.size() && r.ok(); ++t) {
            const QString tp = p + QStringLiteral(".trackingInfo[%1]").arg(t);
            const QString number =
                r.text(r.object(tracking.at(t), tp).value(QLatin1String("number")), tp + u".number",
                       true)
                    .trimmed();
            if (!number.isEmpty())
                fulfillment.trackingNumbers << number;
        }
        s->fulfillments << fulfillment;
    }
    return list;
}

void addLine(Reader &r, const QJsonObject &node, const QString &np,
             ChannelOrderSnapshot::Fulfillment *f)
{
    const qint64 quantity = r.count(node.value(QLatin1String("quantity")), np + u".quantity");
    const QString sku = r.text(r.object(node.value(QLatin1String("lineItem")), np + u".lineItem")
                                   .value(QLatin1String("sku")),
                               np + u".lineItem.sku", true)
                            .trimmed();
    if (r.ok())
        f->quantityBySku[sku] += double(quantity);
}

ChannelRead readOrderNode(const QJsonObject &order, const QString &orderId, const QString &at,
                          bool alone)
{
    Reader r;
    ChannelRead read;
    ChannelOrderSnapshot &s = read.snapshot;
    s.orderId = orderId;
    bool incomplete = false;
    if (r.gid(order.value(QLatin1String("id")), at + u".id", QStringLiteral("Order")) != orderId &&
        r.ok())
        r.fail(at + u".id", Text::tr("names another order"));
    const QJsonArray list =
        readOrderHead(r, order, at, &s, &incomplete, alone ? kTrackingAlone : kTracking,
                      alone ? kFulfillmentsAlone : kFulfillments);
    for (int i = 0; i < list.size() && r.ok(); ++i) {
        const QString lp = at + QStringLiteral(".fulfillments[%1].fulfillmentLineItems").arg(i);
        const QJsonObject items =
            r.object(list.at(i).toObject().value(QLatin1String("fulfillmentLineItems")), lp);
        incomplete |= r.flag(r.object(items.value(QLatin1String("pageInfo")), lp + u".pageInfo")
                                 .value(QLatin1String("hasNextPage")),
                             lp + u".pageInfo.hasNextPage");
        const QJsonArray nodes = r.array(items.value(QLatin1String("nodes")), lp + u".nodes");
        for (int n = 0; n < nodes.size() && r.ok(); ++n) {
            const QString np = lp + QStringLiteral(".nodes[%1]").arg(n);
            addLine(r, r.object(nodes.at(n), np), np, &s.fulfillments[i]);
        }
    }
    s.fulfillmentsKnown = r.ok() && !incomplete;
    if (!r.ok()) {
        read.state = ChannelRead::State::Unreadable;
        read.problem = Text::tr("Shopify's answer could not be read: %1").arg(r.problem);
        read.snapshot = {};
    } else if (incomplete) {
        read.state = ChannelRead::State::Incomplete;
        read.problem = Text::tr("The Shopify order has more fulfillments, tracking numbers or "
                                "lines than one request returns.");
    } else {
        read.state = ChannelRead::State::Read;
    }
    return read;
}

} // namespace

double ShopifyReconcile::orderCost(bool alone)
{
    const int f = alone ? kFulfillmentsAlone : kFulfillments;
    const int t = alone ? kTrackingAlone : kTracking;
    const int l = alone ? kLinesAlone : kLines;
    // Per fulfillment: itself 1, tracking t, the lines' connection 2 + l × (line 1 + lineItem
    // 1) + pageInfo 1.
    return 1 + f * (1.0 + t + 2 + 2.0 * l + 1);
}

int ShopifyReconcile::ordersPerRequest()
{
    return std::max(1, int(ShopifyGraphQl::kMaxQueryCost / orderCost(false)));
}

QByteArray ShopifyReconcile::readBody(const QStringList &orderIds, bool alone)
{
    QJsonArray ids;
    for (const QString &id : orderIds)
        ids.append(ShopifyGraphQl::orderGid(id));
    return ShopifyGraphQl::requestBody(
        QStringLiteral("query FulfillmentSyncReconcile($ids: [ID!]!) { nodes(ids: "
                       "$ids) { ... on Order { id cancelledAt closed ") +
            fulfillmentsSelection(alone, false) + QStringLiteral(" } } }"),
        {{QStringLiteral("ids"), ids}});
}

QHash<QString, ChannelRead> ShopifyReconcile::readAnswer(const QByteArray &body,
                                                         const QStringList &orderIds, bool alone)
{
    QHash<QString, ChannelRead> result;
    const QString response = QString::fromUtf8(body.left(4000));
    auto all = [&](const QString &problem) {
        for (const QString &id : orderIds)
            result.insert(
                id, ChannelRead{
                        ChannelRead::State::Unreadable, {}, ErrorClass::Server, problem, response});
        return result;
    };
    QString problem;
    const std::optional<QJsonObject> data = ShopifyGraphQl::dataOf(body, &problem);
    if (!data)
        return all(problem);
    const QJsonValue nodes = data->value(QLatin1String("nodes"));
    if (!nodes.isArray() || nodes.toArray().size() != orderIds.size())
        return all(Text::tr("Shopify's answer could not be read: data.nodes does not list the %n "
                            "order(s) asked for.",
                            nullptr, int(orderIds.size())));
    const QJsonArray list = nodes.toArray();
    for (int i = 0; i < orderIds.size(); ++i) {
        const QJsonValue node = list.at(i);
        ChannelRead read;
        if (node.isNull()) {
            read.state = ChannelRead::State::Missing;
            read.problem = Text::tr("Shopify has no order %1 (or this app may not read it).")
                               .arg(orderIds.at(i));
        } else if (!node.isObject()) {
            read.state = ChannelRead::State::Unreadable;
            read.problem =
                Text::tr("Shopify's answer could not be read: data.nodes[%1] is not an object")
                    .arg(i);
        } else {
            read = readOrderNode(node.toObject(), orderIds.at(i),
                                 QStringLiteral("data.nodes[%1]").arg(i), alone);
        }
        if (read.state != ChannelRead::State::Read)
            read.response = response;
        result.insert(orderIds.at(i), read);
    }
    return result;
}

QString ShopifyReconcile::bulkQuery(const QDateTime &changedSince)
{
    // Shopify's search syntax; the export is only a shortcut: an order it misses is read by id.
    return QStringLiteral("{ orders(query: \"updated_at:>='%1'\") { edges { node { id cancelledAt "
                          "closed ")
               .arg(changedSince.toUTC().toString(Qt::ISODate)) +
           fulfillmentsSelection(false, true) + QStringLiteral(" } } } }");
}

QByteArray ShopifyReconcile::bulkRunBody(const QDateTime &changedSince)
{
    return ShopifyGraphQl::requestBody(
        QStringLiteral("mutation FulfillmentSyncReconcileExport($query: String!) { "
                       "bulkOperationRunQuery(query: $query) { bulkOperation { id "
                       "status } userErrors { field message code } } }"),
        {{QStringLiteral("query"), bulkQuery(changedSince)}});
}

QByteArray ShopifyReconcile::bulkPollBody(const QString &operationGid)
{
    return ShopifyGraphQl::requestBody(
        QStringLiteral("query FulfillmentSyncReconcilePoll($id: ID!) { node(id: "
                       "$id) { ... on BulkOperation { id status errorCode "
                       "objectCount url } } }"),
        {{QStringLiteral("id"), operationGid}});
}

ShopifyReconcile::BulkStart ShopifyReconcile::readBulkStart(const QByteArray &body)
{
    BulkStart start;
    const std::optional<QJsonObject> data = ShopifyGraphQl::dataOf(body, &start.problem);
    if (!data)
        return start;
    const QJsonObject payload = data->value(QLatin1String("bulkOperationRunQuery")).toObject();
    QStringList messages;
    for (const QJsonValue &e : payload.value(QLatin1String("userErrors")).toArray()) {
        const QJsonObject error = e.toObject();
        messages << error.value(QLatin1String("message")).toString();
        start.alreadyRunning |=
            error.value(QLatin1String("code")).toString() == u"OPERATION_IN_PROGRESS";
    }
    const QString id = payload.value(QLatin1String("bulkOperation"))
                           .toObject()
                           .value(QLatin1String("id"))
                           .toString();
    if (messages.isEmpty() && id.startsWith(u"gid://shopify/BulkOperation/"))
        start.operationGid = id;
    else
        start.problem =
            messages.isEmpty()
                ? Text::tr("Shopify's answer names no bulk operation.")
                : Text::tr("Shopify refused the bulk export: %1").arg(messages.join(u"; "));
    return start;
}

ShopifyReconcile::BulkStatus ShopifyReconcile::readBulkStatus(const QByteArray &body)
{
    BulkStatus status;
    const std::optional<QJsonObject> data = ShopifyGraphQl::dataOf(body, &status.problem);
    if (!data)
        return status;
    const QJsonValue node = data->value(QLatin1String("node"));
    if (!node.isObject()) {
        status.problem = Text::tr("Shopify's answer names no bulk operation.");
        return status;
    }
    const QJsonObject op = node.toObject();
    status.status = op.value(QLatin1String("status")).toString();
    status.errorCode = op.value(QLatin1String("errorCode")).toString();
    // UnsignedInt64 comes as a string.
    const QJsonValue count = op.value(QLatin1String("objectCount"));
    status.objectCount = count.isString() ? count.toString().toLongLong() : count.toInteger();
    status.url = op.value(QLatin1String("url")).toString();
    if (status.status.isEmpty())
        status.problem = Text::tr("Shopify's answer has no bulk operation status.");
    return status;
}

QHash<QString, ChannelRead> ShopifyReconcile::readJsonl(const QByteArray &jsonl, int *orphans)
{
    QHash<QString, ChannelRead> reads;
    QHash<QString, QPair<QString, int>> parents; // fulfillment gid → (order id, index)
    QString current;                             // the order read last
    int orphanCount = 0;
    auto damage = [&](const QString &orderId, const QString &problem) {
        if (orderId.isEmpty())
            return;
        ChannelRead &read = reads[orderId];
        if (read.state == ChannelRead::State::Unreadable)
            return;
        read.state = ChannelRead::State::Unreadable;
        read.problem = Text::tr("Shopify's bulk export could not be read: %1").arg(problem);
        read.snapshot = {};
        read.snapshot.orderId = orderId;
    };
    const QList<QByteArray> lines = jsonl.split('\n');
    // A file that does not end with a line break was cut short: its last line is damaged even
    // where it happens to parse.
    const bool cutShort = !jsonl.isEmpty() && !jsonl.endsWith('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QByteArray &line = lines.at(n);
        if (line.trimmed().isEmpty())
            continue;
        const QString where = Text::tr("line %1").arg(n + 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject() || (cutShort && n == lines.size() - 1)) {
            // Lines follow their parents: it belongs to the order read last (if it was an
            // order's own line, that order is absent and read by id instead).
            damage(current, Text::tr("%1 is damaged").arg(where));
            continue;
        }
        const QJsonObject object = document.object();
        const QString parent = object.value(QLatin1String("__parentId")).toString();
        if (object.contains(QLatin1String("__parentId"))) {
            const auto owner = parents.constFind(parent);
            if (owner == parents.cend()) {
                ++orphanCount;
                damage(current, Text::tr("%1 names a parent not in the file").arg(where));
                continue;
            }
            ChannelRead &read = reads[owner->first];
            if (read.state != ChannelRead::State::Read)
                continue;
            Reader r;
            addLine(r, object, where, &read.snapshot.fulfillments[owner->second]);
            if (!r.ok())
                damage(owner->first, r.problem);
            continue;
        }
        Reader r;
        const QString orderId =
            r.gid(object.value(QLatin1String("id")), where + u".id", QStringLiteral("Order"));
        if (!r.ok()) {
            damage(current, r.problem);
            continue;
        }
        current = orderId;
        ChannelRead read;
        read.snapshot.orderId = orderId;
        bool incomplete = false;
        const QJsonArray fulfillments =
            readOrderHead(r, object, where, &read.snapshot, &incomplete, 0, 0);
        if (!r.ok()) {
            reads.insert(orderId, {});
            damage(orderId, r.problem);
            continue;
        }
        read.state = ChannelRead::State::Read;
        read.snapshot.fulfillmentsKnown = true;
        reads.insert(orderId, read);
        for (int i = 0; i < fulfillments.size(); ++i)
            parents.insert(fulfillments.at(i).toObject().value(QLatin1String("id")).toString(),
                           {orderId, i});
    }
    if (orphans)
        *orphans = orphanCount;
    return reads;
}

} // namespace fulfillsync
