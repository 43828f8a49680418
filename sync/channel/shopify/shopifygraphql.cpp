#include "sync/channel/shopify/shopifygraphql.h"

#include "sync/channel/shopify/shopifyanswerreader.h"

#include "sync/net/strictnumber.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace fulfillsync {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ShopifyGraphQl)
};

using namespace ShopifyGraphQl;

// Requested cost of one order's selection (see planningReadCost): pageInfo counts as an object.
double groupsCost(int groups, int lines)
{
    const double lineItems = 2 + lines * (1 /*FOLI*/ + 1 /*LineItem*/) + 1 /*pageInfo*/;
    const double group = 1 + 1 /*assignedLocation*/ + 1 /*location*/ + lineItems;
    return 2 + groups * group + 1 /*pageInfo*/;
}

double fulfillmentsCost()
{
    const double lines = 2 + kLinesPerFulfillment * (1 + 1) + 1;
    return kFulfillmentsRead * (1 + kTrackingPerFulfillment + lines);
}

QString groupsSelection(int groups, int lines)
{
    return QStringLiteral(
               "fulfillmentOrders(first: %1) { pageInfo { hasNextPage } nodes { id "
               "status assignedLocation { location { id } } lineItems(first: %2) { "
               "pageInfo { hasNextPage } nodes { id remainingQuantity totalQuantity lineItem { id "
               "sku } } } } }")
        .arg(groups)
        .arg(lines);
}

QString fulfillmentsSelection()
{
    return QStringLiteral("fulfillments(first: %1) { id status trackingInfo(first: %2) { number } "
                          "fulfillmentLineItems(first: %3) { pageInfo { hasNextPage } nodes { "
                          "quantity lineItem { sku } } } }")
        .arg(kFulfillmentsRead)
        .arg(kTrackingPerFulfillment)
        .arg(kLinesPerFulfillment);
}

using Reader = ShopifyAnswerReader;

const QStringList kGroupStatuses = {QStringLiteral("OPEN"),      QStringLiteral("IN_PROGRESS"),
                                    QStringLiteral("ON_HOLD"),   QStringLiteral("SCHEDULED"),
                                    QStringLiteral("CLOSED"),    QStringLiteral("CANCELLED"),
                                    QStringLiteral("INCOMPLETE")};
const QStringList kFulfillmentStatuses = {QStringLiteral("SUCCESS"), QStringLiteral("CANCELLED"),
                                          QStringLiteral("ERROR"),   QStringLiteral("FAILURE"),
                                          QStringLiteral("OPEN"),    QStringLiteral("PENDING")};

// One Order object. Returns the state; incomplete pages make it Incomplete.
ChannelRead readOrder(const QJsonObject &order, const QString &orderId, bool withFulfillments,
                      const QString &at)
{
    Reader r;
    ChannelRead read;
    ChannelOrderSnapshot &s = read.snapshot;
    s.orderId = orderId;
    bool incomplete = false;
    if (r.gid(order.value(QLatin1String("id")), at + QStringLiteral(".id")) != orderId)
        r.fail(at + QStringLiteral(".id"), Text::tr("names another order"));
    const QString foPath = at + QStringLiteral(".fulfillmentOrders");
    const QJsonObject fos = r.object(order.value(QLatin1String("fulfillmentOrders")), foPath);
    incomplete |= r.flag(r.object(fos.value(QLatin1String("pageInfo")), foPath + u".pageInfo")
                             .value(QLatin1String("hasNextPage")),
                         foPath + u".pageInfo.hasNextPage");
    const QJsonArray groups = r.array(fos.value(QLatin1String("nodes")), foPath + u".nodes");
    for (int g = 0; g < groups.size() && r.ok(); ++g) {
        const QString gp = foPath + QStringLiteral(".nodes[%1]").arg(g);
        const QJsonObject fo = r.object(groups.at(g), gp);
        ChannelOrderSnapshot::Group group;
        group.id = r.gid(fo.value(QLatin1String("id")), gp + u".id");
        group.status = r.status(fo.value(QLatin1String("status")), gp + u".status", kGroupStatuses);
        const QJsonValue assigned = fo.value(QLatin1String("assignedLocation"));
        if (!assigned.isNull()) {
            const QJsonValue location =
                r.object(assigned, gp + u".assignedLocation").value(QLatin1String("location"));
            if (!location.isNull())
                group.locationId = r.gid(r.object(location, gp + u".assignedLocation.location")
                                             .value(QLatin1String("id")),
                                         gp + u".assignedLocation.location.id");
        }
        const QString lp = gp + QStringLiteral(".lineItems");
        const QJsonObject lineItems = r.object(fo.value(QLatin1String("lineItems")), lp);
        incomplete |= r.flag(r.object(lineItems.value(QLatin1String("pageInfo")), lp + u".pageInfo")
                                 .value(QLatin1String("hasNextPage")),
                             lp + u".pageInfo.hasNextPage");
        const QJsonArray lines = r.array(lineItems.value(QLatin1String("nodes")), lp + u".nodes");
        for (int l = 0; l < lines.size() && r.ok(); ++l) {
            const QString p = lp + QStringLiteral(".nodes[%1]").arg(l);
            const QJsonObject li = r.object(lines.at(l), p);
            ChannelOrderSnapshot::Line line;
            line.id = r.gid(li.value(QLatin1String("id")), p + u".id");
            line.remaining =
                r.count(li.value(QLatin1String("remainingQuantity")), p + u".remainingQuantity");
            // What is fulfilled already (total - remaining) tells a switch-over's pass whether
            // the channel holds more than the ledger explains; an answer without it is not
            // wrong, it only makes that check read the fulfillments.
            const QJsonValue total = li.value(QLatin1String("totalQuantity"));
            if (!total.isUndefined())
                line.total = r.count(total, p + u".totalQuantity");
            const QJsonObject item =
                r.object(li.value(QLatin1String("lineItem")), p + u".lineItem");
            line.lineItemId = r.gid(item.value(QLatin1String("id")), p + u".lineItem.id");
            line.sku =
                r.text(item.value(QLatin1String("sku")), p + u".lineItem.sku", true).trimmed();
            group.lines << line;
        }
        s.groups << group;
    }
    if (withFulfillments && r.ok()) {
        const QString fp = at + QStringLiteral(".fulfillments");
        const QJsonArray list = r.array(order.value(QLatin1String("fulfillments")), fp);
        // A full page may hide more: absence cannot be proved from it.
        incomplete |= list.size() >= kFulfillmentsRead;
        for (int i = 0; i < list.size() && r.ok(); ++i) {
            const QString p = fp + QStringLiteral("[%1]").arg(i);
            const QJsonObject f = r.object(list.at(i), p);
            ChannelOrderSnapshot::Fulfillment fulfillment;
            fulfillment.id = r.gid(f.value(QLatin1String("id")), p + u".id");
            fulfillment.status =
                r.status(f.value(QLatin1String("status")), p + u".status", kFulfillmentStatuses);
            const QJsonArray tracking =
                r.array(f.value(QLatin1String("trackingInfo")), p + u".trackingInfo");
            incomplete |= tracking.size() >= kTrackingPerFulfillment;
            for (int t = 0; t < tracking.size() && r.ok(); ++t) {
                const QString number =
                    r.text(r.object(tracking.at(t), p + QStringLiteral(".trackingInfo[%1]").arg(t))
                               .value(QLatin1String("number")),
                           p + QStringLiteral(".trackingInfo[%1].number").arg(t), true)
                        .trimmed();
                if (!number.isEmpty())
                    fulfillment.trackingNumbers << number;
            }
            const QString lp = p + QStringLiteral(".fulfillmentLineItems");
            const QJsonObject items = r.object(f.value(QLatin1String("fulfillmentLineItems")), lp);
            incomplete |= r.flag(r.object(items.value(QLatin1String("pageInfo")), lp + u".pageInfo")
                                     .value(QLatin1String("hasNextPage")),
                                 lp + u".pageInfo.hasNextPage");
            const QJsonArray nodes = r.array(items.value(QLatin1String("nodes")), lp + u".nodes");
            for (int n = 0; n < nodes.size() && r.ok(); ++n) {
                const QString np = lp + QStringLiteral(".nodes[%1]").arg(n);
                const QJsonObject node = r.object(nodes.at(n), np);
                const qint64 quantity =
                    r.count(node.value(QLatin1String("quantity")), np + u".quantity");
                const QString sku =
                    r.text(r.object(node.value(QLatin1String("lineItem")), np + u".lineItem")
                               .value(QLatin1String("sku")),
                           np + u".lineItem.sku", true)
                        .trimmed();
                fulfillment.quantityBySku[sku] += double(quantity);
            }
            s.fulfillments << fulfillment;
        }
        s.fulfillmentsKnown = r.ok() && !incomplete;
    }
    if (!r.ok()) {
        read.state = ChannelRead::State::Unreadable;
        read.problem = Text::tr("Shopify's answer could not be read: %1").arg(r.problem);
        read.snapshot = {};
    } else if (incomplete) {
        read.state = ChannelRead::State::Incomplete;
        read.problem = Text::tr("The Shopify order has more fulfillment orders, lines or "
                                "fulfillments than one request returns.");
    } else {
        read.state = ChannelRead::State::Read;
    }
    return read;
}

QString readableBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isNull())
        return QString::fromUtf8(body.left(4000));
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact)).left(20000);
}

} // namespace

QByteArray ShopifyGraphQl::requestBody(const QString &query, const QJsonObject &variables)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("query"), query},
                                     {QStringLiteral("variables"), variables}})
        .toJson(QJsonDocument::Compact);
}

// The data object of an answer, or a problem (top-level errors, not JSON, no data).
std::optional<QJsonObject> ShopifyGraphQl::dataOf(const QByteArray &body, QString *problem)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        *problem = Text::tr("Shopify's answer is not JSON (%1).").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const QJsonValue errors = root.value(QLatin1String("errors"));
    if (!errors.isUndefined() && !errors.isNull()) {
        QStringList messages;
        for (const QJsonValue &e : errors.toArray())
            messages << e.toObject().value(QLatin1String("message")).toString();
        if (messages.isEmpty())
            messages
                << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact)).left(200);
        *problem = Text::tr("Shopify answered with errors: %1").arg(messages.join(u"; "));
        return std::nullopt;
    }
    const QJsonValue data = root.value(QLatin1String("data"));
    if (!data.isObject()) {
        *problem = Text::tr("Shopify's answer has no data.");
        return std::nullopt;
    }
    return data.toObject();
}

QString ShopifyGraphQl::numericId(const QString &gid)
{
    const QString tail = gid.section(u'/', -1);
    bool ok = false;
    const qint64 value = tail.toLongLong(&ok);
    if (!ok || value <= 0 || (gid.contains(u'/') && !gid.startsWith(u"gid://shopify/")))
        return {};
    return QString::number(value);
}

QString ShopifyGraphQl::orderGid(const QString &orderId)
{
    return QStringLiteral("gid://shopify/Order/") + orderId;
}

double ShopifyGraphQl::planningReadCost(int orders)
{
    return orders * (1 + groupsCost(kGroupsPerOrder, kLinesPerGroup));
}

int ShopifyGraphQl::ordersPerPlanningRead()
{
    return std::max(1, int(kMaxQueryCost / planningReadCost(1)));
}

double ShopifyGraphQl::singleReadCost(bool withFulfillments)
{
    return withFulfillments ? 1 + groupsCost(kGroupsPerOrder, kLinesPerGroup) + fulfillmentsCost()
                            : 1 + groupsCost(kGroupsAlone, kLinesAlone);
}

QByteArray ShopifyGraphQl::planningReadBody(const QStringList &orderIds)
{
    QJsonArray ids;
    for (const QString &id : orderIds)
        ids.append(orderGid(id));
    return requestBody(QStringLiteral("query FulfillmentSyncPlan($ids: [ID!]!) { nodes(ids: $ids) "
                                      "{ ... on Order { id ") +
                           groupsSelection(kGroupsPerOrder, kLinesPerGroup) +
                           QStringLiteral(" } } }"),
                       {{QStringLiteral("ids"), ids}});
}

QByteArray ShopifyGraphQl::singleReadBody(const QString &orderId, bool withFulfillments)
{
    const QString selection = withFulfillments ? groupsSelection(kGroupsPerOrder, kLinesPerGroup) +
                                                     u' ' + fulfillmentsSelection()
                                               : groupsSelection(kGroupsAlone, kLinesAlone);
    return requestBody(QStringLiteral("query %1($id: ID!) { order(id: $id) { id ")
                               .arg(withFulfillments ? QStringLiteral("FulfillmentSyncReadBack")
                                                     : QStringLiteral("FulfillmentSyncOrder")) +
                           selection + QStringLiteral(" } }"),
                       {{QStringLiteral("id"), orderGid(orderId)}});
}

QHash<QString, ChannelRead> ShopifyGraphQl::readPlanningAnswer(const QByteArray &body,
                                                               const QStringList &ids)
{
    QHash<QString, ChannelRead> result;
    auto all = [&](ChannelRead::State state, const QString &problem) {
        for (const QString &id : ids)
            result.insert(id,
                          ChannelRead{state, {}, ErrorClass::Server, problem, readableBody(body)});
        return result;
    };
    QString problem;
    const std::optional<QJsonObject> data = dataOf(body, &problem);
    if (!data)
        return all(ChannelRead::State::Unreadable, problem);
    const QJsonValue nodes = data->value(QLatin1String("nodes"));
    if (!nodes.isArray() || nodes.toArray().size() != ids.size())
        return all(ChannelRead::State::Unreadable,
                   Text::tr("Shopify's answer could not be read: data.nodes does not list the %n "
                            "order(s) asked for.",
                            nullptr, int(ids.size())));
    const QJsonArray list = nodes.toArray();
    for (int i = 0; i < ids.size(); ++i) {
        const QJsonValue node = list.at(i);
        ChannelRead read;
        if (node.isNull()) {
            read.state = ChannelRead::State::Missing;
            read.problem =
                Text::tr("Shopify has no order %1 (or this app may not read it).").arg(ids.at(i));
        } else if (!node.isObject()) {
            read.state = ChannelRead::State::Unreadable;
            read.problem = Text::tr("Shopify's answer could not be read: data.nodes[%1] is not "
                                    "an object")
                               .arg(i);
        } else {
            read = readOrder(node.toObject(), ids.at(i), false,
                             QStringLiteral("data.nodes[%1]").arg(i));
        }
        if (read.state != ChannelRead::State::Read)
            read.response = readableBody(body);
        result.insert(ids.at(i), read);
    }
    return result;
}

ChannelRead ShopifyGraphQl::readSingleAnswer(const QByteArray &body, const QString &orderId,
                                             bool withFulfillments)
{
    QString problem;
    const std::optional<QJsonObject> data = dataOf(body, &problem);
    ChannelRead read;
    if (!data) {
        read.state = ChannelRead::State::Unreadable;
        read.problem = problem;
    } else if (!data->contains(QLatin1String("order"))) {
        read.state = ChannelRead::State::Unreadable;
        read.problem = Text::tr("Shopify's answer could not be read: data.order is missing");
    } else if (data->value(QLatin1String("order")).isNull()) {
        read.state = ChannelRead::State::Missing;
        read.problem =
            Text::tr("Shopify has no order %1 (or this app may not read it).").arg(orderId);
    } else if (!data->value(QLatin1String("order")).isObject()) {
        read.state = ChannelRead::State::Unreadable;
        read.problem = Text::tr("Shopify's answer could not be read: data.order is not an object");
    } else {
        read = readOrder(data->value(QLatin1String("order")).toObject(), orderId, withFulfillments,
                         QStringLiteral("data.order"));
    }
    read.response = readableBody(body);
    return read;
}

std::optional<ShopifyGraphQl::ThrottleStatus> ShopifyGraphQl::throttleStatus(const QByteArray &body)
{
    const QJsonObject throttle = QJsonDocument::fromJson(body)
                                     .object()
                                     .value(QLatin1String("extensions"))
                                     .toObject()
                                     .value(QLatin1String("cost"))
                                     .toObject()
                                     .value(QLatin1String("throttleStatus"))
                                     .toObject();
    // Shopify's buckets hold 1,000 to 20,000 points and restore 50 to 1,000 a second; a reading
    // far outside that (1e300, a rate of 0.0001) is a damaged answer, not a plan. The bound is
    // wide: the sandbox's "unlimited" plan, for benchmarks, has a billion.
    constexpr double kMostPoints = 1e10;
    const auto maximum =
        StrictNumber::jsonNumber(throttle.value(QLatin1String("maximumAvailable")), 1, kMostPoints);
    const auto available = StrictNumber::jsonNumber(
        throttle.value(QLatin1String("currentlyAvailable")), 0, kMostPoints);
    const auto rate =
        StrictNumber::jsonNumber(throttle.value(QLatin1String("restoreRate")), 1, kMostPoints);
    if (!maximum || !available || !rate || *available > *maximum)
        return std::nullopt;
    return ThrottleStatus{*maximum, *available, *rate};
}

std::optional<int> ShopifyGraphQl::throttledWaitMs(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    bool throttled = false;
    for (const QJsonValue &error : root.value(QLatin1String("errors")).toArray()) {
        throttled |= error.toObject()
                         .value(QLatin1String("extensions"))
                         .toObject()
                         .value(QLatin1String("code"))
                         .toString() == u"THROTTLED";
    }
    if (!throttled)
        return std::nullopt;
    const QJsonObject cost =
        root.value(QLatin1String("extensions")).toObject().value(QLatin1String("cost")).toObject();
    const std::optional<ThrottleStatus> status = throttleStatus(body);
    const double requested =
        StrictNumber::jsonNumber(cost.value(QLatin1String("requestedQueryCost")), 0, 1e6)
            .value_or(kMutationCost);
    const double available = status ? status->currentlyAvailable : 0;
    const double rate = status ? status->restoreRate : 50.0;
    // Never more than a full bucket takes to refill (at most 400 s on any plan today).
    const double needed =
        std::clamp(requested - available, 1.0, status ? status->maximumAvailable : 1000.0);
    return std::clamp(int(std::ceil(needed / rate * 1000.0)), 100, 10 * 60 * 1000);
}

ChannelAnswer ShopifyGraphQl::readMutationAnswer(const QByteArray &body, const QString &mutation)
{
    ChannelAnswer answer;
    answer.response = readableBody(body);
    QString problem;
    const std::optional<QJsonObject> data = dataOf(body, &problem);
    if (!data) {
        answer.kind = ChannelAnswer::Kind::Ambiguous;
        answer.errorClass = ErrorClass::Server;
        answer.message = problem;
        return answer;
    }
    const QJsonValue payloadValue = data->value(mutation);
    if (!payloadValue.isObject()) {
        answer.kind = ChannelAnswer::Kind::Ambiguous;
        answer.errorClass = ErrorClass::Server;
        answer.message = Text::tr("Shopify's answer has no %1 result.").arg(mutation);
        return answer;
    }
    const QJsonObject payload = payloadValue.toObject();
    const QJsonValue fulfillment = payload.value(QLatin1String("fulfillment"));
    if (fulfillment.isObject()) {
        const QString id = numericId(fulfillment.toObject().value(QLatin1String("id")).toString());
        if (!id.isEmpty()) {
            answer.kind = ChannelAnswer::Kind::Confirmed;
            answer.errorClass = ErrorClass::None;
            answer.channelFulfillmentId = id;
            return answer;
        }
    }
    const QJsonValue userErrors = payload.value(QLatin1String("userErrors"));
    QStringList messages;
    for (const QJsonValue &e : userErrors.toArray()) {
        const QString message = e.toObject().value(QLatin1String("message")).toString();
        if (!message.isEmpty())
            messages << message;
    }
    if (fulfillment.isNull() && !messages.isEmpty()) {
        answer.kind = ChannelAnswer::Kind::Refused;
        answer.errorClass = ErrorClass::Validation;
        answer.message = messages.join(u"; ");
        return answer;
    }
    answer.kind = ChannelAnswer::Kind::Ambiguous;
    answer.errorClass = ErrorClass::Server;
    answer.message = Text::tr("Shopify's answer names neither a fulfillment nor an error.");
    return answer;
}

} // namespace fulfillsync
