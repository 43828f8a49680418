#include "sandbox/shopify/shopifyservice.h"

#include "sandbox/scenario/scenarioloader.h"
#include "sandbox/shopify/shopifybulk.h"
#include "sandbox/shopify/shopifygraphqlquery.h"

#include <QJsonArray>

#include <cmath>

namespace fulfillsync::sandbox {

namespace {

constexpr double kMutationCost = 10;
constexpr double kMaxQueryCost = 1000; // Shopify refuses single queries that ask for more

HttpReply errors(int status, const QJsonValue &value)
{
    return HttpReply::json(status, QJsonObject{{QStringLiteral("errors"), value}});
}

QString graphqlField(const QString &query)
{
    return query.contains(QLatin1String("fulfillmentCreateV2"))
               ? QStringLiteral("fulfillmentCreateV2")
               : QStringLiteral("fulfillmentCreate");
}

// "gid://shopify/FulfillmentOrder/123" or "123" -> 123; 0 when it is neither.
qint64 idOf(const QJsonValue &v)
{
    if (v.isDouble())
        return qint64(v.toDouble());
    const QString s = v.toString();
    return s.mid(s.lastIndexOf(QLatin1Char('/')) + 1).toLongLong();
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

bool ShopifyService::parse(const HttpRequest &request, Route *route)
{
    // /shopify/{shop}/admin/api/{version}/...
    const QStringList parts = request.path.split(QLatin1Char('/'));
    if (parts.size() < 7 || parts[1] != QLatin1String("shopify") ||
        parts[3] != QLatin1String("admin") || parts[4] != QLatin1String("api"))
        return false;
    route->shop = parts[2];
    route->rest = parts.mid(6);
    return true;
}

QString ShopifyService::endpointOf(const HttpRequest &request)
{
    const QStringList parts = request.path.split(QLatin1Char('/'));
    if (parts.size() >= 5 && parts[1] == QLatin1String("shopify")) {
        if (parts[3] == QLatin1String("bulk"))
            return QStringLiteral("shopify.bulk.download");
        if (parts[3] == QLatin1String("_sandbox"))
            return QStringLiteral("shopify.control");
    }
    Route r;
    if (!parse(request, &r))
        return QStringLiteral("shopify.other");
    const QStringList &p = r.rest;
    if (p.size() == 3 && p[0] == QLatin1String("orders") &&
        p[2] == QLatin1String("fulfillment_orders.json") && request.method == QLatin1String("GET"))
        return QStringLiteral("shopify.fulfillment_orders.get");
    if (p.size() == 3 && p[0] == QLatin1String("orders") &&
        p[2] == QLatin1String("fulfillments.json") && request.method == QLatin1String("GET"))
        return QStringLiteral("shopify.fulfillments.get");
    if (p.size() == 1 && p[0] == QLatin1String("fulfillments.json") &&
        request.method == QLatin1String("POST"))
        return QStringLiteral("shopify.fulfillments.post");
    if (p.size() == 1 && p[0] == QLatin1String("shop.json") &&
        request.method == QLatin1String("GET"))
        return QStringLiteral("shopify.shop.get");
    if (p.size() == 2 && p[0] == QLatin1String("orders") && p[1].endsWith(QLatin1String(".json")) &&
        request.method == QLatin1String("GET"))
        return QStringLiteral("shopify.orders.get");
    if (p.size() == 1 && p[0] == QLatin1String("graphql.json")) {
        const QString query = QJsonDocument::fromJson(request.body)
                                  .object()
                                  .value(QStringLiteral("query"))
                                  .toString();
        if (query.contains(QLatin1String("fulfillmentTrackingInfoUpdate")))
            return QStringLiteral("shopify.graphql.fulfillmentTrackingInfoUpdate");
        if (query.contains(QLatin1String("bulkOperationRunQuery")))
            return QStringLiteral("shopify.graphql.bulkOperationRunQuery");
        if (query.contains(QLatin1String("fulfillmentCreate")))
            return QStringLiteral("shopify.graphql.fulfillmentCreate");
        return query.trimmed().startsWith(QLatin1String("mutation"))
                   ? QStringLiteral("shopify.graphql.other")
                   : QStringLiteral("shopify.graphql.query");
    }
    return QStringLiteral("shopify.other");
}

HttpReply ShopifyService::handle(const HttpRequest &request, qint64 clockMs,
                                 const QDateTime &clockNow)
{
    const QStringList parts = request.path.split(QLatin1Char('/'));
    if (parts.size() >= 5 && parts[1] == QLatin1String("shopify") &&
        (parts[3] == QLatin1String("bulk") || parts[3] == QLatin1String("_sandbox"))) {
        ShopifyStore::Shop *target = m_store ? m_store->shop(parts[2]) : nullptr;
        if (!target)
            return errors(404, QStringLiteral("Not Found"));
        if (parts[3] == QLatin1String("_sandbox"))
            return control(*target, parts.mid(4), request, clockNow);
        // A signed download address: no token, no rate limit.
        QString file = parts[4];
        const bool partial = file.endsWith(QLatin1String(".partial.jsonl"));
        file.chop(partial ? 14 : 6);
        return ShopifyBulk::download(
            *target, file.toLongLong(), partial,
            request.query.queryItemValue(QStringLiteral("signature")).toLatin1(), clockMs);
    }
    Route route;
    ShopifyStore::Shop *shop = nullptr;
    if (!parse(request, &route) || !m_store || !(shop = m_store->shop(route.shop)))
        return errors(404, QStringLiteral("Not Found"));
    if (request.header("x-shopify-access-token") != shop->channel.accessToken.toUtf8())
        return errors(401, QStringLiteral("[API] Invalid API key or access token (unrecognized "
                                          "login or wrong password)"));
    if (route.rest.size() == 1 && route.rest[0] == QLatin1String("graphql.json")) {
        if (request.method != QLatin1String("POST"))
            return errors(404, QStringLiteral("Not Found"));
        return graphql(*shop, request, clockMs, clockNow);
    }
    // REST: every call costs one unit of the app's bucket, and every answer says how full it is.
    const bool admitted = shop->rest.tryAdd(clockMs);
    const QByteArray callLimit =
        QByteArray::number(qint64(std::ceil(shop->rest.level(clockMs) - 1e-9))) + '/' +
        QByteArray::number(qint64(shop->rest.size()));
    HttpReply reply;
    if (!admitted) {
        reply = errors(429, QStringLiteral("Exceeded 2 calls per second for api client. Reduce "
                                           "request rates to resume uninterrupted service."));
        reply.addHeader("Retry-After", "2.0");
    } else {
        reply = rest(*shop, route, request, clockNow);
    }
    reply.addHeader("X-Shopify-Shop-Api-Call-Limit", callLimit);
    return reply;
}

HttpReply ShopifyService::control(ShopifyStore::Shop &shop, const QStringList &path,
                                  const HttpRequest &request, const QDateTime &now)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    auto ok = [] {
        return HttpReply::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    };
    if (request.method != QLatin1String("POST"))
        return errors(405, QStringLiteral("use POST"));
    if (path == QStringList{QStringLiteral("plan")}) {
        const QString plan = body.value(QStringLiteral("plan")).toString();
        if (plan != u"standard" && plan != u"advanced" && plan != u"plus" && plan != u"unlimited")
            return errors(400, QStringLiteral("plan: standard, advanced, plus or unlimited"));
        shop.channel.plan = plan;
        ShopifyStore::configureGraphQl(shop, plan);
        return ok();
    }
    if (path == QStringList{QStringLiteral("bulk")}) {
        const QString fail = body.value(QStringLiteral("failNext")).toString();
        if (!fail.isEmpty() && fail != u"ACCESS_DENIED" && fail != u"INTERNAL_SERVER_ERROR" &&
            fail != u"TIMEOUT")
            return errors(400, QStringLiteral("failNext: ACCESS_DENIED, INTERNAL_SERVER_ERROR or "
                                              "TIMEOUT"));
        shop.bulkFailNext = fail;
        if (body.contains(QStringLiteral("objectsPerSecond")))
            shop.bulkObjectsPerSecond =
                std::max(1.0, body.value(QStringLiteral("objectsPerSecond")).toDouble());
        return ok();
    }
    if (path.size() == 3 && path[0] == u"orders" && (path[2] == u"cancel" || path[2] == u"close")) {
        const qint64 id = path[1].toLongLong();
        const bool done = path[2] == u"cancel" ? m_store->cancelOrder(shop, id, now)
                                               : m_store->closeOrder(shop, id, now);
        return done ? ok() : errors(404, QStringLiteral("no such order"));
    }
    return errors(404, QStringLiteral("Not Found"));
}

HttpReply ShopifyService::rest(ShopifyStore::Shop &shop, const Route &route,
                               const HttpRequest &request, const QDateTime &now)
{
    const QStringList &p = route.rest;
    if (p.size() == 1 && p[0] == QLatin1String("fulfillments.json") &&
        request.method == QLatin1String("POST"))
        return createRest(shop, request, now);
    // GET shop.json: what the admin app's Test connection reads.
    if (p.size() == 1 && p[0] == QLatin1String("shop.json") &&
        request.method == QLatin1String("GET"))
        return HttpReply::json(
            200,
            QJsonObject{
                {QStringLiteral("shop"),
                 QJsonObject{{QStringLiteral("id"), shop.shopId},
                             {QStringLiteral("name"), shop.channel.name},
                             {QStringLiteral("myshopify_domain"),
                              QString(shop.channel.shop + QStringLiteral(".myshopify.com"))}}}});
    if (p.size() == 2 && p[0] == QLatin1String("orders") && p[1].endsWith(QLatin1String(".json")) &&
        request.method == QLatin1String("GET")) {
        // GET orders/{id}.json: the order with its line items (SKUs live here, not on the
        // fulfillment orders). The `fields` parameter is accepted and ignored.
        const ShopifyStore::Order *order = m_store->order(shop, p[1].chopped(5).toLongLong());
        if (!order)
            return errors(404, QStringLiteral("Not Found"));
        QJsonArray lines;
        for (const ChannelLineItem &li : order->source.lineItems)
            lines.append(QJsonObject{{QStringLiteral("id"), li.id},
                                     {QStringLiteral("sku"), li.sku},
                                     {QStringLiteral("quantity"), li.quantity},
                                     {QStringLiteral("title"), li.title}});
        return HttpReply::json(
            200, QJsonObject{{QStringLiteral("order"),
                              QJsonObject{{QStringLiteral("id"), order->source.id},
                                          {QStringLiteral("name"), order->source.name},
                                          {QStringLiteral("line_items"), lines}}}});
    }
    if (p.size() == 3 && p[0] == QLatin1String("orders") &&
        request.method == QLatin1String("GET")) {
        const ShopifyStore::Order *order = m_store->order(shop, p[1].toLongLong());
        if (!order)
            return errors(404, QStringLiteral("Not Found"));
        if (p[2] == QLatin1String("fulfillment_orders.json")) {
            QJsonArray list;
            for (qint64 id : order->fulfillmentOrderIds)
                list.append(fulfillmentOrderJson(shop, shop.fulfillmentOrders[id]));
            return HttpReply::json(200, QJsonObject{{QStringLiteral("fulfillment_orders"), list}});
        }
        if (p[2] == QLatin1String("fulfillments.json")) {
            QJsonArray list;
            for (const ShopifyStore::Fulfillment &f : order->fulfillments)
                list.append(fulfillmentJson(f));
            return HttpReply::json(200, QJsonObject{{QStringLiteral("fulfillments"), list}});
        }
    }
    return errors(404, QStringLiteral("Not Found"));
}

HttpReply ShopifyService::createRest(ShopifyStore::Shop &shop, const HttpRequest &request,
                                     const QDateTime &now)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    const QJsonValue f = doc.object().value(QStringLiteral("fulfillment"));
    if (pe.error != QJsonParseError::NoError || !f.isObject())
        return errors(400, QJsonObject{{QStringLiteral("fulfillment"),
                                        QStringLiteral("Required parameter missing or invalid")}});
    const QJsonObject input = f.toObject();
    ShopifyStore::CreateRequest r;
    for (const QJsonValue &v :
         input.value(QStringLiteral("line_items_by_fulfillment_order")).toArray()) {
        const QJsonObject o = v.toObject();
        ShopifyStore::RequestedOrder ro;
        ro.fulfillmentOrderId = idOf(o.value(QStringLiteral("fulfillment_order_id")));
        for (const QJsonValue &l :
             o.value(QStringLiteral("fulfillment_order_line_items")).toArray())
            ro.lines.append({idOf(l[QLatin1String("id")]), l[QLatin1String("quantity")].toInt()});
        r.orders.append(ro);
    }
    const QJsonObject tracking = input.value(QStringLiteral("tracking_info")).toObject();
    r.company = tracking.value(QStringLiteral("company")).toString();
    // REST carries a single tracking number per fulfillment.
    if (!tracking.value(QStringLiteral("number")).toString().isEmpty())
        r.numbers << tracking.value(QStringLiteral("number")).toString();
    if (!tracking.value(QStringLiteral("url")).toString().isEmpty())
        r.urls << tracking.value(QStringLiteral("url")).toString();
    r.notifyCustomer = input.value(QStringLiteral("notify_customer")).toBool();
    ShopifyStore::Fulfillment created;
    ShopifyStore::CreateError error;
    if (!m_store->createFulfillment(shop, r, now, &created, &error))
        return errors(422, QJsonArray{error.message});
    return HttpReply::json(201,
                           QJsonObject{{QStringLiteral("fulfillment"), fulfillmentJson(created)}});
}

HttpReply ShopifyService::graphql(ShopifyStore::Shop &shop, const HttpRequest &request,
                                  qint64 clockMs, const QDateTime &now)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return errors(400, QStringLiteral("Bad Request: the body must be JSON"));
    const QString query = doc.object().value(QStringLiteral("query")).toString();
    auto cost = [&](const QJsonValue &actual) {
        const double max = shop.graphql.size();
        return QJsonObject{
            {QStringLiteral("cost"),
             QJsonObject{
                 {QStringLiteral("requestedQueryCost"), kMutationCost},
                 {QStringLiteral("actualQueryCost"), actual},
                 {QStringLiteral("throttleStatus"),
                  QJsonObject{{QStringLiteral("maximumAvailable"), max},
                              {QStringLiteral("currentlyAvailable"),
                               std::floor(max - shop.graphql.level(clockMs))},
                              {QStringLiteral("restoreRate"), shop.graphql.leakPerSecond()}}}}}};
    };
    if (query.contains(QLatin1String("fulfillmentTrackingInfoUpdate")))
        return trackingUpdate(shop, doc.object(), clockMs);
    if (!query.trimmed().startsWith(QLatin1String("mutation")))
        return runQuery(shop, doc.object(), clockMs);
    if (query.contains(QLatin1String("bulkOperationRunQuery"))) {
        GraphQlDocument document;
        QString parseError;
        if (!GraphQlDocument::parse(query,
                                    doc.object().value(QStringLiteral("variables")).toObject(),
                                    &document, &parseError) ||
            document.selection.isEmpty())
            return errors(200, QJsonArray{QJsonObject{{QStringLiteral("message"), parseError}}});
        if (!shop.graphql.tryAdd(clockMs, kMutationCost))
            return HttpReply::json(
                200,
                QJsonObject{
                    {QStringLiteral("errors"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("message"), QStringLiteral("Throttled")},
                         {QStringLiteral("extensions"),
                          QJsonObject{{QStringLiteral("code"), QStringLiteral("THROTTLED")}}}}}},
                    {QStringLiteral("extensions"), cost(QJsonValue::Null)}});
        QJsonObject answer = ShopifyBulk::runQuery(
            *m_store, shop,
            document.selection.first().arguments.value(QStringLiteral("query")).toString(), clockMs,
            now, request.url);
        answer.insert(QStringLiteral("extensions"), cost(kMutationCost));
        return HttpReply::json(200, answer);
    }
    if (!query.contains(QLatin1String("fulfillmentCreate")))
        return HttpReply::json(
            200,
            QJsonObject{{QStringLiteral("errors"),
                         QJsonArray{QJsonObject{{QStringLiteral("message"),
                                                 QStringLiteral("This sandbox implements only the "
                                                                "fulfillmentCreate and "
                                                                "fulfillmentTrackingInfoUpdate "
                                                                "mutations.")}}}}});
    if (!shop.graphql.tryAdd(clockMs, kMutationCost))
        return HttpReply::json(
            200, QJsonObject{
                     {QStringLiteral("errors"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("message"), QStringLiteral("Throttled")},
                          {QStringLiteral("extensions"),
                           QJsonObject{{QStringLiteral("code"), QStringLiteral("THROTTLED")}}}}}},
                     {QStringLiteral("extensions"), cost(QJsonValue::Null)}});

    const QString field = graphqlField(query);
    const QJsonObject input = doc.object()
                                  .value(QStringLiteral("variables"))
                                  .toObject()
                                  .value(QStringLiteral("fulfillment"))
                                  .toObject();
    auto userError = [&](const QStringList &path, const QString &message) {
        QJsonArray fieldPath{QStringLiteral("fulfillment")};
        for (const QString &p : path)
            fieldPath.append(p);
        return HttpReply::json(
            200,
            QJsonObject{
                {QStringLiteral("data"),
                 QJsonObject{{field, QJsonObject{{QStringLiteral("fulfillment"), QJsonValue::Null},
                                                 {QStringLiteral("userErrors"),
                                                  QJsonArray{QJsonObject{
                                                      {QStringLiteral("field"), fieldPath},
                                                      {QStringLiteral("message"), message}}}}}}}},
                {QStringLiteral("extensions"), cost(kMutationCost)}});
    };
    if (input.isEmpty())
        return HttpReply::json(
            200, QJsonObject{{QStringLiteral("errors"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("message"),
                                   QStringLiteral("Variable $fulfillment of type FulfillmentInput! "
                                                  "was provided invalid value")}}}}});
    ShopifyStore::CreateRequest r;
    const QJsonArray groups = input.value(QStringLiteral("lineItemsByFulfillmentOrder")).toArray();
    for (int i = 0; i < groups.size(); ++i) {
        const QJsonObject o = groups[i].toObject();
        ShopifyStore::RequestedOrder ro;
        ro.fulfillmentOrderId = idOf(o.value(QStringLiteral("fulfillmentOrderId")));
        if (ro.fulfillmentOrderId <= 0)
            return userError({QStringLiteral("lineItemsByFulfillmentOrder"), QString::number(i),
                              QStringLiteral("fulfillmentOrderId")},
                             QStringLiteral("Invalid global id"));
        for (const QJsonValue &l : o.value(QStringLiteral("fulfillmentOrderLineItems")).toArray())
            ro.lines.append({idOf(l[QLatin1String("id")]), l[QLatin1String("quantity")].toInt()});
        r.orders.append(ro);
    }
    const QJsonObject tracking = input.value(QStringLiteral("trackingInfo")).toObject();
    r.company = tracking.value(QStringLiteral("company")).toString();
    const bool singular =
        tracking.contains(QStringLiteral("number")) || tracking.contains(QStringLiteral("url"));
    const bool plural =
        tracking.contains(QStringLiteral("numbers")) || tracking.contains(QStringLiteral("urls"));
    if (singular && plural)
        return userError({QStringLiteral("trackingInfo")},
                         QStringLiteral("Specify either number and url, or numbers and urls, not "
                                        "both."));
    if (!tracking.value(QStringLiteral("number")).toString().isEmpty())
        r.numbers << tracking.value(QStringLiteral("number")).toString();
    if (!tracking.value(QStringLiteral("url")).toString().isEmpty())
        r.urls << tracking.value(QStringLiteral("url")).toString();
    for (const QJsonValue &n : tracking.value(QStringLiteral("numbers")).toArray())
        r.numbers << n.toString();
    for (const QJsonValue &u : tracking.value(QStringLiteral("urls")).toArray())
        r.urls << u.toString();
    r.notifyCustomer = input.value(QStringLiteral("notifyCustomer")).toBool();

    ShopifyStore::Fulfillment created;
    ShopifyStore::CreateError error;
    if (!m_store->createFulfillment(shop, r, now, &created, &error))
        return userError(error.field, error.message);
    QJsonArray trackingInfo;
    for (int i = 0; i < created.trackingNumbers.size(); ++i)
        trackingInfo.append(
            QJsonObject{{QStringLiteral("company"), orNull(created.trackingCompany)},
                        {QStringLiteral("number"), created.trackingNumbers[i]},
                        {QStringLiteral("url"), orNull(created.trackingUrls.value(i))}});
    const QJsonObject fulfillment{
        {QStringLiteral("id"), QStringLiteral("gid://shopify/Fulfillment/%1").arg(created.id)},
        {QStringLiteral("name"), created.name},
        {QStringLiteral("status"), QStringLiteral("SUCCESS")},
        {QStringLiteral("trackingInfo"), trackingInfo}};
    return HttpReply::json(
        200, QJsonObject{
                 {QStringLiteral("data"),
                  QJsonObject{{field, QJsonObject{{QStringLiteral("fulfillment"), fulfillment},
                                                  {QStringLiteral("userErrors"), QJsonArray()}}}}},
                 {QStringLiteral("extensions"), cost(kMutationCost)}});
}

HttpReply ShopifyService::runQuery(ShopifyStore::Shop &shop, const QJsonObject &body,
                                   qint64 clockMs)
{
    auto error = [](const QString &message, const QString &code) {
        return HttpReply::json(
            200,
            QJsonObject{{QStringLiteral("errors"),
                         QJsonArray{QJsonObject{{QStringLiteral("message"), message},
                                                {QStringLiteral("extensions"),
                                                 QJsonObject{{QStringLiteral("code"), code}}}}}}});
    };
    GraphQlDocument document;
    QString parseError;
    if (!GraphQlDocument::parse(body.value(QStringLiteral("query")).toString(),
                                body.value(QStringLiteral("variables")).toObject(), &document,
                                &parseError))
        return error(parseError, QStringLiteral("parseError"));
    double requested = 0;
    QString costError;
    if (!ShopifyGraphQlQuery::requestedCost(document, &requested, &costError))
        return error(costError, QStringLiteral("undefinedField"));
    if (requested > kMaxQueryCost)
        return error(QStringLiteral("Query cost is %1, which exceeds the single query max cost "
                                    "limit (%2).")
                         .arg(requested)
                         .arg(kMaxQueryCost),
                     QStringLiteral("MAX_COST_EXCEEDED"));
    auto costExtension = [&](const QJsonValue &actual) {
        const double max = shop.graphql.size();
        return QJsonObject{
            {QStringLiteral("cost"),
             QJsonObject{
                 {QStringLiteral("requestedQueryCost"), requested},
                 {QStringLiteral("actualQueryCost"), actual},
                 {QStringLiteral("throttleStatus"),
                  QJsonObject{{QStringLiteral("maximumAvailable"), max},
                              {QStringLiteral("currentlyAvailable"),
                               std::floor(max - shop.graphql.level(clockMs))},
                              {QStringLiteral("restoreRate"), shop.graphql.leakPerSecond()}}}}}};
    };
    // The bucket must hold the requested cost; only the actual cost is kept.
    if (!shop.graphql.tryAdd(clockMs, requested))
        return HttpReply::json(
            200, QJsonObject{
                     {QStringLiteral("errors"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("message"), QStringLiteral("Throttled")},
                          {QStringLiteral("extensions"),
                           QJsonObject{{QStringLiteral("code"), QStringLiteral("THROTTLED")}}}}}},
                     {QStringLiteral("extensions"), costExtension(QJsonValue::Null)}});
    const ShopifyGraphQlQuery::Result result =
        ShopifyGraphQlQuery::run(*m_store, shop, document, clockMs);
    shop.graphql.refund(requested - result.actualCost);
    QJsonObject answer{{QStringLiteral("data"), result.data},
                       {QStringLiteral("extensions"), costExtension(result.actualCost)}};
    if (!result.errors.isEmpty())
        answer.insert(QStringLiteral("errors"), result.errors);
    return HttpReply::json(200, answer);
}

HttpReply ShopifyService::trackingUpdate(ShopifyStore::Shop &shop, const QJsonObject &body,
                                         qint64 clockMs)
{
    if (!shop.graphql.tryAdd(clockMs, kMutationCost))
        return HttpReply::json(
            200, QJsonObject{
                     {QStringLiteral("errors"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("message"), QStringLiteral("Throttled")},
                          {QStringLiteral("extensions"),
                           QJsonObject{{QStringLiteral("code"), QStringLiteral("THROTTLED")}}}}}}});
    const QJsonObject variables = body.value(QStringLiteral("variables")).toObject();
    const QJsonObject tracking = variables.value(QStringLiteral("trackingInfoInput")).toObject();
    QStringList numbers, urls;
    if (!tracking.value(QStringLiteral("number")).toString().isEmpty())
        numbers << tracking.value(QStringLiteral("number")).toString();
    for (const QJsonValue &n : tracking.value(QStringLiteral("numbers")).toArray())
        numbers << n.toString();
    if (!tracking.value(QStringLiteral("url")).toString().isEmpty())
        urls << tracking.value(QStringLiteral("url")).toString();
    for (const QJsonValue &u : tracking.value(QStringLiteral("urls")).toArray())
        urls << u.toString();
    ShopifyStore::Fulfillment updated;
    ShopifyStore::CreateError error;
    const QString field = QStringLiteral("fulfillmentTrackingInfoUpdate");
    if (!m_store->updateTracking(shop, idOf(variables.value(QStringLiteral("fulfillmentId"))),
                                 tracking.value(QStringLiteral("company")).toString(), numbers,
                                 urls, &updated, &error)) {
        return HttpReply::json(
            200,
            QJsonObject{
                {QStringLiteral("data"),
                 QJsonObject{
                     {field, QJsonObject{{QStringLiteral("fulfillment"), QJsonValue::Null},
                                         {QStringLiteral("userErrors"),
                                          QJsonArray{QJsonObject{
                                              {QStringLiteral("field"),
                                               QJsonArray::fromStringList(error.field)},
                                              {QStringLiteral("message"), error.message}}}}}}}}});
    }
    return HttpReply::json(
        200,
        QJsonObject{
            {QStringLiteral("data"),
             QJsonObject{
                 {field, QJsonObject{{QStringLiteral("fulfillment"),
                                      QJsonObject{{QStringLiteral("id"),
                                                   QStringLiteral("gid://shopify/Fulfillment/%1")
                                                       .arg(updated.id)}}},
                                     {QStringLiteral("userErrors"), QJsonArray()}}}}}});
}

QJsonObject ShopifyService::fulfillmentOrderJson(const ShopifyStore::Shop &shop,
                                                 const ShopifyStore::FulfillmentOrder &fo) const
{
    QJsonArray lines;
    for (const ShopifyStore::FulfillmentOrderLine &l : fo.lines)
        lines.append(QJsonObject{{QStringLiteral("id"), l.id},
                                 {QStringLiteral("shop_id"), shop.shopId},
                                 {QStringLiteral("fulfillment_order_id"), fo.id},
                                 {QStringLiteral("quantity"), l.quantity},
                                 {QStringLiteral("line_item_id"), l.lineItemId},
                                 {QStringLiteral("inventory_item_id"), QJsonValue::Null},
                                 {QStringLiteral("fulfillable_quantity"), l.fulfillable},
                                 {QStringLiteral("variant_id"), QJsonValue::Null}});
    QString locationName;
    for (const NamedRecord &l : shop.channel.locations)
        if (l.id == fo.locationId)
            locationName = l.name;
    const bool open =
        fo.status == QLatin1String("open") || fo.status == QLatin1String("in_progress");
    const QJsonArray actions = open ? QJsonArray{QStringLiteral("create_fulfillment"),
                                                 QStringLiteral("move"), QStringLiteral("hold")}
                                    : QJsonArray();
    return QJsonObject{{QStringLiteral("id"), fo.id},
                       {QStringLiteral("shop_id"), shop.shopId},
                       {QStringLiteral("order_id"), fo.orderId},
                       {QStringLiteral("assigned_location_id"), fo.locationId},
                       {QStringLiteral("request_status"), QStringLiteral("unsubmitted")},
                       {QStringLiteral("status"), fo.status},
                       {QStringLiteral("supported_actions"), actions},
                       {QStringLiteral("destination"), QJsonValue::Null},
                       {QStringLiteral("line_items"), lines},
                       {QStringLiteral("fulfill_at"), QJsonValue::Null},
                       {QStringLiteral("fulfill_by"), QJsonValue::Null},
                       {QStringLiteral("international_duties"), QJsonValue::Null},
                       {QStringLiteral("fulfillment_holds"), QJsonArray()},
                       {QStringLiteral("delivery_method"), QJsonValue::Null},
                       {QStringLiteral("created_at"), ScenarioLoader::isoUtc(fo.createdAt)},
                       {QStringLiteral("updated_at"), ScenarioLoader::isoUtc(fo.updatedAt)},
                       {QStringLiteral("assigned_location"),
                        QJsonObject{{QStringLiteral("location_id"), fo.locationId},
                                    {QStringLiteral("name"), locationName}}},
                       {QStringLiteral("merchant_requests"), QJsonArray()}};
}

QJsonObject ShopifyService::fulfillmentJson(const ShopifyStore::Fulfillment &f)
{
    QJsonArray lines;
    for (const ShopifyStore::FulfillmentLineItem &l : f.lineItems)
        lines.append(
            QJsonObject{{QStringLiteral("id"), l.lineItemId},
                        {QStringLiteral("sku"), l.sku},
                        {QStringLiteral("quantity"), l.quantity},
                        {QStringLiteral("fulfillment_status"), QStringLiteral("fulfilled")}});
    return QJsonObject{
        {QStringLiteral("id"), f.id},
        {QStringLiteral("order_id"), f.orderId},
        {QStringLiteral("status"), QStringLiteral("success")},
        {QStringLiteral("created_at"), ScenarioLoader::isoUtc(f.createdAt)},
        {QStringLiteral("updated_at"), ScenarioLoader::isoUtc(f.createdAt)},
        {QStringLiteral("service"), QStringLiteral("manual")},
        {QStringLiteral("shipment_status"), QJsonValue::Null},
        {QStringLiteral("location_id"), f.locationId},
        {QStringLiteral("tracking_company"), orNull(f.trackingCompany)},
        {QStringLiteral("tracking_number"), orNull(f.trackingNumbers.value(0))},
        {QStringLiteral("tracking_numbers"), QJsonArray::fromStringList(f.trackingNumbers)},
        {QStringLiteral("tracking_url"), orNull(f.trackingUrls.value(0))},
        {QStringLiteral("tracking_urls"), QJsonArray::fromStringList(f.trackingUrls)},
        {QStringLiteral("line_items"), lines},
        {QStringLiteral("name"), f.name},
        {QStringLiteral("notify_customer"), f.notifyCustomer},
        {QStringLiteral("admin_graphql_api_id"),
         QStringLiteral("gid://shopify/Fulfillment/%1").arg(f.id)}};
}

} // namespace fulfillsync::sandbox
