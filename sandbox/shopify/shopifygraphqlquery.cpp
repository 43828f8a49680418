#include "sandbox/shopify/shopifygraphqlquery.h"

#include <QHash>
#include <algorithm>
#include <functional>

namespace fulfillsync::sandbox {

namespace {

enum class Kind { Scalar, Object, Connection, List };
struct FieldSpec
{
    Kind kind = Kind::Scalar;
    QString type;
};
using TypeSpec = QHash<QString, FieldSpec>;

const QHash<QString, TypeSpec> &schema()
{
    static const QHash<QString, TypeSpec> types = [] {
        const FieldSpec s{Kind::Scalar, {}};
        auto object = [](const char *t) {
            return FieldSpec{Kind::Object, QString::fromLatin1(t)};
        };
        auto connection = [](const char *t) {
            return FieldSpec{Kind::Connection, QString::fromLatin1(t)};
        };
        auto list = [](const char *t) {
            return FieldSpec{Kind::List, QString::fromLatin1(t)};
        };
        QHash<QString, TypeSpec> t;
        // node(id:) serves bulk operations only (the orders are read through order/nodes).
        t[QStringLiteral("QueryRoot")] = {
            {QStringLiteral("order"), object("Order")},
            {QStringLiteral("nodes"), list("Order")},
            {QStringLiteral("orders"), connection("Order")},
            {QStringLiteral("node"), object("BulkOperation")},
            {QStringLiteral("currentBulkOperation"), object("BulkOperation")}};
        t[QStringLiteral("BulkOperation")] = {{QStringLiteral("id"), s},
                                              {QStringLiteral("status"), s},
                                              {QStringLiteral("errorCode"), s},
                                              {QStringLiteral("objectCount"), s},
                                              {QStringLiteral("rootObjectCount"), s},
                                              {QStringLiteral("fileSize"), s},
                                              {QStringLiteral("url"), s},
                                              {QStringLiteral("partialDataUrl"), s},
                                              {QStringLiteral("createdAt"), s},
                                              {QStringLiteral("completedAt"), s},
                                              {QStringLiteral("query"), s},
                                              {QStringLiteral("type"), s}};
        t[QStringLiteral("Order")] = {
            {QStringLiteral("id"), s},
            {QStringLiteral("name"), s},
            {QStringLiteral("cancelledAt"), s},
            {QStringLiteral("closed"), s},
            {QStringLiteral("closedAt"), s},
            {QStringLiteral("createdAt"), s},
            {QStringLiteral("updatedAt"), s},
            {QStringLiteral("lineItems"), connection("LineItem")},
            {QStringLiteral("fulfillmentOrders"), connection("FulfillmentOrder")},
            {QStringLiteral("fulfillments"), list("Fulfillment")}};
        t[QStringLiteral("FulfillmentOrder")] = {
            {QStringLiteral("id"), s},
            {QStringLiteral("status"), s},
            {QStringLiteral("assignedLocation"), object("FulfillmentOrderAssignedLocation")},
            {QStringLiteral("lineItems"), connection("FulfillmentOrderLineItem")}};
        t[QStringLiteral("FulfillmentOrderAssignedLocation")] = {
            {QStringLiteral("name"), s}, {QStringLiteral("location"), object("Location")}};
        t[QStringLiteral("Location")] = {{QStringLiteral("id"), s}, {QStringLiteral("name"), s}};
        t[QStringLiteral("FulfillmentOrderLineItem")] = {
            {QStringLiteral("id"), s},
            {QStringLiteral("remainingQuantity"), s},
            {QStringLiteral("totalQuantity"), s},
            {QStringLiteral("lineItem"), object("LineItem")}};
        t[QStringLiteral("LineItem")] = {{QStringLiteral("id"), s},
                                         {QStringLiteral("sku"), s},
                                         {QStringLiteral("name"), s},
                                         {QStringLiteral("quantity"), s}};
        t[QStringLiteral("Fulfillment")] = {
            {QStringLiteral("id"), s},
            {QStringLiteral("status"), s},
            {QStringLiteral("name"), s},
            {QStringLiteral("createdAt"), s},
            {QStringLiteral("trackingInfo"), list("FulfillmentTrackingInfo")},
            {QStringLiteral("fulfillmentLineItems"), connection("FulfillmentLineItem")}};
        t[QStringLiteral("FulfillmentTrackingInfo")] = {{QStringLiteral("number"), s},
                                                        {QStringLiteral("company"), s},
                                                        {QStringLiteral("url"), s}};
        t[QStringLiteral("FulfillmentLineItem")] = {
            {QStringLiteral("id"), s},
            {QStringLiteral("quantity"), s},
            {QStringLiteral("lineItem"), object("LineItem")}};
        t[QStringLiteral("PageInfo")] = {{QStringLiteral("hasNextPage"), s},
                                         {QStringLiteral("hasPreviousPage"), s},
                                         {QStringLiteral("endCursor"), s},
                                         {QStringLiteral("startCursor"), s}};
        return t;
    }();
    return types;
}

bool applies(const GraphQlField &f, const QString &type)
{
    return f.onType.isEmpty() || f.onType == type;
}

QString undefinedField(const QString &field, const QString &type)
{
    return QStringLiteral("Field '%1' doesn't exist on type '%2'").arg(field, type);
}

// The page size a connection or list asks for; 0 when it gives none.
int pageSize(const GraphQlField &f)
{
    return f.arguments.value(QStringLiteral("first")).toInt(0);
}

bool staticCost(const QString &type, const QList<GraphQlField> &selection, double *cost,
                QString *error);

bool connectionCost(const FieldSpec &spec, const GraphQlField &f, double *cost, QString *error)
{
    const int first = pageSize(f);
    if (first < 1 || first > 250) {
        *error = QStringLiteral("%1: you must provide first, from 1 to 250").arg(f.name);
        return false;
    }
    double total = 2;
    for (const GraphQlField &sub : f.selection) {
        double inner = 0;
        if (sub.name == u"nodes") {
            if (!staticCost(spec.type, sub.selection, &inner, error))
                return false;
            total += first * (1 + inner);
        } else if (sub.name == u"edges") {
            for (const GraphQlField &edge : sub.selection) {
                if (edge.name == u"node") {
                    if (!staticCost(spec.type, edge.selection, &inner, error))
                        return false;
                    total += first * (1 + inner);
                } else if (edge.name != u"cursor") {
                    *error = undefinedField(edge.name, spec.type + QStringLiteral("Edge"));
                    return false;
                }
            }
        } else if (sub.name == u"pageInfo") {
            if (!staticCost(QStringLiteral("PageInfo"), sub.selection, &inner, error))
                return false;
            total += 1;
        } else {
            *error = undefinedField(sub.name, spec.type + QStringLiteral("Connection"));
            return false;
        }
    }
    *cost += total;
    return true;
}

bool staticCost(const QString &type, const QList<GraphQlField> &selection, double *cost,
                QString *error)
{
    const TypeSpec &fields = schema().value(type);
    for (const GraphQlField &f : selection) {
        if (!applies(f, type))
            continue;
        if (!fields.contains(f.name)) {
            *error = undefinedField(f.name, type);
            return false;
        }
        const FieldSpec spec = fields.value(f.name);
        double inner = 0;
        switch (spec.kind) {
        case Kind::Scalar:
            break;
        case Kind::Object:
            if (!staticCost(spec.type, f.selection, &inner, error))
                return false;
            *cost += 1 + inner;
            break;
        case Kind::List: {
            const int n = type == u"QueryRoot" && f.name == u"nodes"
                              ? int(f.arguments.value(QStringLiteral("ids")).toArray().size())
                              : std::max(1, pageSize(f));
            if (!staticCost(spec.type, f.selection, &inner, error))
                return false;
            *cost += n * (1 + inner);
            break;
        }
        case Kind::Connection:
            if (!connectionCost(spec, f, cost, error))
                return false;
            break;
        }
    }
    return true;
}

QString gid(const char *type, qint64 id)
{
    return QStringLiteral("gid://shopify/%1/%2").arg(QLatin1String(type)).arg(id);
}

qint64 idOfGid(const QJsonValue &v, const char *type)
{
    const QString s = v.toString();
    const QString prefix = QStringLiteral("gid://shopify/%1/").arg(QLatin1String(type));
    return s.startsWith(prefix) ? s.mid(prefix.size()).toLongLong() : 0;
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// Answers one query, counting the actual cost of what it returns.
class Resolver
{
public:
    Resolver(const ShopifyStore &store, const ShopifyStore::Shop &shop, qint64 nowMs, bool bulk)
        : m_store(store)
        , m_shop(shop)
        , m_nowMs(nowMs)
        , m_bulk(bulk)
    {}
    double actual = 0;

    QJsonObject root(const QList<GraphQlField> &selection)
    {
        QJsonObject out;
        for (const GraphQlField &f : selection) {
            if (f.name == u"order") {
                const ShopifyStore::Order *o = m_store.order(
                    m_shop, idOfGid(f.arguments.value(QStringLiteral("id")), "Order"));
                out.insert(f.responseKey(),
                           o ? QJsonValue(object([&] { return order(*o, f.selection); }))
                             : QJsonValue(QJsonValue::Null));
            } else if (f.name == u"nodes") {
                QJsonArray list;
                for (const QJsonValue &id : f.arguments.value(QStringLiteral("ids")).toArray()) {
                    const ShopifyStore::Order *o = m_store.order(m_shop, idOfGid(id, "Order"));
                    list.append(o ? QJsonValue(object([&] { return order(*o, f.selection); }))
                                  : QJsonValue(QJsonValue::Null));
                }
                out.insert(f.responseKey(), list);
            } else if (f.name == u"orders") {
                QList<const ShopifyStore::Order *> matching;
                const QString search = f.arguments.value(QStringLiteral("query")).toString();
                for (const ShopifyStore::Order &o : m_shop.orders)
                    if (ShopifyGraphQlQuery::matchesSearch(o, search))
                        matching << &o;
                // Cursors are positions in the filtered list.
                const QJsonValue after = f.arguments.value(QStringLiteral("after"));
                m_cursorBase = after.isString() ? after.toString().toLongLong() + 1 : 0;
                matching = matching.mid(m_cursorBase);
                out.insert(
                    f.responseKey(),
                    connection(f, matching, [this](const ShopifyStore::Order *o, const auto &sel) {
                        return order(*o, sel);
                    }));
                m_cursorBase = 0;
            } else if (f.name == u"currentBulkOperation" || f.name == u"node") {
                const ShopifyStore::BulkOperation *op = nullptr;
                if (f.name == u"node") {
                    const qint64 id =
                        idOfGid(f.arguments.value(QStringLiteral("id")), "BulkOperation");
                    for (const ShopifyStore::BulkOperation &b : m_shop.bulkOperations)
                        if (b.id == id)
                            op = &b;
                } else if (!m_shop.bulkOperations.isEmpty()) {
                    op = &m_shop.bulkOperations.constLast();
                }
                out.insert(f.responseKey(),
                           op ? QJsonValue(object([&] { return bulkOperation(*op, f.selection); }))
                              : QJsonValue(QJsonValue::Null));
            }
        }
        return out;
    }

private:
    QJsonObject bulkOperation(const ShopifyStore::BulkOperation &op,
                              const QList<GraphQlField> &selection)
    {
        const QString status = op.statusAt(m_nowMs);
        const bool done = status != u"RUNNING";
        // While it runs, objectCount grows with the time it has had.
        const double share =
            op.durationMs > 0
                ? std::clamp(double(m_nowMs - op.createdMs) / double(op.durationMs), 0.0, 1.0)
                : 1.0;
        QJsonObject out;
        for (const GraphQlField &f : selection) {
            if (!applies(f, QStringLiteral("BulkOperation")))
                continue;
            const QString key = f.responseKey();
            if (f.name == u"id")
                out.insert(key, gid("BulkOperation", op.id));
            else if (f.name == u"status")
                out.insert(key, status);
            else if (f.name == u"errorCode")
                out.insert(key, status == u"FAILED" ? QJsonValue(op.errorCode)
                                                    : QJsonValue(QJsonValue::Null));
            else if (f.name == u"objectCount" || f.name == u"rootObjectCount")
                // UnsignedInt64 is a string on the wire.
                out.insert(key, QString::number(qint64(double(op.objectCount) * share)));
            else if (f.name == u"fileSize")
                out.insert(key, status == u"COMPLETED" && !op.jsonl.isEmpty()
                                    ? QJsonValue(QString::number(op.jsonl.size()))
                                    : QJsonValue(QJsonValue::Null));
            else if (f.name == u"url")
                out.insert(key, status == u"COMPLETED" && !op.jsonl.isEmpty()
                                    ? QJsonValue(op.url)
                                    : QJsonValue(QJsonValue::Null));
            else if (f.name == u"partialDataUrl")
                out.insert(key, status == u"FAILED" && !op.partialDataUrl.isEmpty()
                                    ? QJsonValue(op.partialDataUrl)
                                    : QJsonValue(QJsonValue::Null));
            else if (f.name == u"createdAt")
                out.insert(key, op.createdAt.toString(Qt::ISODate));
            else if (f.name == u"completedAt")
                out.insert(
                    key,
                    done && status == u"COMPLETED"
                        ? QJsonValue(op.createdAt.addMSecs(op.durationMs).toString(Qt::ISODate))
                        : QJsonValue(QJsonValue::Null));
            else if (f.name == u"query")
                out.insert(key, op.query);
            else if (f.name == u"type")
                out.insert(key, QStringLiteral("QUERY"));
        }
        return out;
    }

    template<typename F> QJsonObject object(F make)
    {
        actual += 1;
        return make();
    }

    template<typename T, typename F>
    QJsonObject connection(const GraphQlField &f, const QList<T> &items, F node)
    {
        actual += 2;
        // A bulk operation pages by itself: every node.
        const qsizetype first = m_bulk ? items.size() : pageSize(f);
        const qsizetype n = std::min<qsizetype>(first, items.size());
        QJsonObject out;
        for (const GraphQlField &sub : f.selection) {
            if (sub.name == u"nodes") {
                QJsonArray list;
                for (qsizetype i = 0; i < n; ++i)
                    list.append(object([&] { return node(items.at(i), sub.selection); }));
                out.insert(sub.responseKey(), list);
            } else if (sub.name == u"edges") {
                QJsonArray list;
                for (qsizetype i = 0; i < n; ++i) {
                    QJsonObject edge;
                    for (const GraphQlField &e : sub.selection) {
                        if (e.name == u"node")
                            edge.insert(e.responseKey(),
                                        object([&] { return node(items.at(i), e.selection); }));
                        else
                            edge.insert(e.responseKey(), QString::number(m_cursorBase + i));
                    }
                    list.append(edge);
                }
                out.insert(sub.responseKey(), list);
            } else if (sub.name == u"pageInfo") {
                actual += 1;
                QJsonObject info;
                for (const GraphQlField &p : sub.selection) {
                    if (p.name == u"endCursor")
                        info.insert(p.responseKey(),
                                    n > 0 ? QJsonValue(QString::number(m_cursorBase + n - 1))
                                          : QJsonValue(QJsonValue::Null));
                    else
                        info.insert(p.responseKey(),
                                    p.name == u"hasNextPage" ? items.size() > first : false);
                }
                out.insert(sub.responseKey(), info);
            }
        }
        return out;
    }

    template<typename T, typename F>
    QJsonArray list(const GraphQlField &f, const QList<T> &items, F item)
    {
        const qsizetype n = pageSize(f) > 0 && !m_bulk
                                ? std::min<qsizetype>(pageSize(f), items.size())
                                : items.size();
        QJsonArray out;
        for (qsizetype i = 0; i < n; ++i)
            out.append(object([&] { return item(items.at(i), f.selection); }));
        return out;
    }

    const ChannelLineItem *lineItem(const ShopifyStore::Order &o, qint64 id) const
    {
        for (const ChannelLineItem &li : o.source.lineItems)
            if (li.id == id)
                return &li;
        return nullptr;
    }

    QJsonObject lineItemJson(const ChannelLineItem &li, const QList<GraphQlField> &selection)
    {
        QJsonObject out;
        for (const GraphQlField &f : selection) {
            if (f.name == u"id")
                out.insert(f.responseKey(), gid("LineItem", li.id));
            else if (f.name == u"sku")
                out.insert(f.responseKey(), orNull(li.sku));
            else if (f.name == u"name")
                out.insert(f.responseKey(), li.title.isEmpty() ? li.sku : li.title);
            else if (f.name == u"quantity")
                out.insert(f.responseKey(), li.quantity);
        }
        return out;
    }

    QJsonObject order(const ShopifyStore::Order &o, const QList<GraphQlField> &selection)
    {
        QJsonObject out;
        for (const GraphQlField &f : selection) {
            if (!applies(f, QStringLiteral("Order")))
                continue;
            if (f.name == u"id") {
                out.insert(f.responseKey(), gid("Order", o.source.id));
            } else if (f.name == u"name") {
                out.insert(f.responseKey(), o.source.name);
            } else if (f.name == u"cancelledAt") {
                out.insert(f.responseKey(), o.cancelledAt.isValid()
                                                ? QJsonValue(o.cancelledAt.toString(Qt::ISODate))
                                                : QJsonValue(QJsonValue::Null));
            } else if (f.name == u"closed") {
                out.insert(f.responseKey(), o.closed);
            } else if (f.name == u"closedAt") {
                out.insert(f.responseKey(), o.closed ? QJsonValue(o.updatedAt.toString(Qt::ISODate))
                                                     : QJsonValue(QJsonValue::Null));
            } else if (f.name == u"createdAt") {
                out.insert(f.responseKey(), o.createdAt.toString(Qt::ISODate));
            } else if (f.name == u"updatedAt") {
                out.insert(f.responseKey(), o.updatedAt.toString(Qt::ISODate));
            } else if (f.name == u"lineItems") {
                out.insert(f.responseKey(),
                           connection(f, o.source.lineItems,
                                      [this](const ChannelLineItem &li, const auto &sel) {
                                          return lineItemJson(li, sel);
                                      }));
            } else if (f.name == u"fulfillmentOrders") {
                QList<const ShopifyStore::FulfillmentOrder *> fos;
                for (qint64 id : o.fulfillmentOrderIds) {
                    const auto it = m_shop.fulfillmentOrders.constFind(id);
                    if (it != m_shop.fulfillmentOrders.cend())
                        fos << &it.value();
                }
                out.insert(f.responseKey(),
                           connection(f, fos,
                                      [this, &o](const ShopifyStore::FulfillmentOrder *fo,
                                                 const auto &sel) {
                                          return fulfillmentOrder(o, *fo, sel);
                                      }));
            } else if (f.name == u"fulfillments") {
                out.insert(f.responseKey(),
                           list(f, o.fulfillments,
                                [this, &o](const ShopifyStore::Fulfillment &ff, const auto &sel) {
                                    return fulfillment(o, ff, sel);
                                }));
            }
        }
        return out;
    }

    QJsonObject fulfillmentOrder(const ShopifyStore::Order &o,
                                 const ShopifyStore::FulfillmentOrder &fo,
                                 const QList<GraphQlField> &selection)
    {
        QJsonObject out;
        for (const GraphQlField &f : selection) {
            if (f.name == u"id") {
                out.insert(f.responseKey(), gid("FulfillmentOrder", fo.id));
            } else if (f.name == u"status") {
                out.insert(f.responseKey(), fo.status.toUpper());
            } else if (f.name == u"assignedLocation") {
                out.insert(
                    f.responseKey(), object([&] {
                        QJsonObject assigned;
                        for (const GraphQlField &a : f.selection) {
                            if (a.name == u"location")
                                assigned.insert(a.responseKey(), object([&] {
                                                    return location(fo.locationId, a.selection);
                                                }));
                            else if (a.name == u"name")
                                assigned.insert(a.responseKey(), locationName(fo.locationId));
                        }
                        return assigned;
                    }));
            } else if (f.name == u"lineItems") {
                out.insert(
                    f.responseKey(),
                    connection(
                        f, fo.lines,
                        [this, &o](const ShopifyStore::FulfillmentOrderLine &l,
                                   const QList<GraphQlField> &sel) {
                            QJsonObject line;
                            for (const GraphQlField &lf : sel) {
                                if (lf.name == u"id")
                                    line.insert(lf.responseKey(),
                                                gid("FulfillmentOrderLineItem", l.id));
                                else if (lf.name == u"remainingQuantity")
                                    line.insert(lf.responseKey(), l.fulfillable);
                                else if (lf.name == u"totalQuantity")
                                    line.insert(lf.responseKey(), l.quantity);
                                else if (lf.name == u"lineItem")
                                    if (const ChannelLineItem *li = lineItem(o, l.lineItemId))
                                        line.insert(lf.responseKey(), object([&] {
                                                        return lineItemJson(*li, lf.selection);
                                                    }));
                            }
                            return line;
                        }));
            }
        }
        return out;
    }

    QString locationName(qint64 id) const
    {
        for (const NamedRecord &l : m_shop.channel.locations)
            if (l.id == id)
                return l.name;
        return {};
    }

    QJsonObject location(qint64 id, const QList<GraphQlField> &selection)
    {
        QJsonObject out;
        for (const GraphQlField &f : selection) {
            if (f.name == u"id")
                out.insert(f.responseKey(), gid("Location", id));
            else if (f.name == u"name")
                out.insert(f.responseKey(), locationName(id));
        }
        return out;
    }

    QJsonObject fulfillment(const ShopifyStore::Order &o, const ShopifyStore::Fulfillment &ff,
                            const QList<GraphQlField> &selection)
    {
        QJsonObject out;
        for (const GraphQlField &f : selection) {
            if (f.name == u"id") {
                out.insert(f.responseKey(), gid("Fulfillment", ff.id));
            } else if (f.name == u"status") {
                out.insert(f.responseKey(), QStringLiteral("SUCCESS"));
            } else if (f.name == u"name") {
                out.insert(f.responseKey(), ff.name);
            } else if (f.name == u"createdAt") {
                out.insert(f.responseKey(), ff.createdAt.toString(Qt::ISODate));
            } else if (f.name == u"trackingInfo") {
                QList<int> positions;
                for (int i = 0; i < ff.trackingNumbers.size(); ++i)
                    positions << i;
                out.insert(f.responseKey(),
                           list(f, positions, [&ff](int i, const QList<GraphQlField> &sel) {
                               QJsonObject info;
                               for (const GraphQlField &t : sel) {
                                   if (t.name == u"number")
                                       info.insert(t.responseKey(), ff.trackingNumbers.at(i));
                                   else if (t.name == u"company")
                                       info.insert(t.responseKey(), orNull(ff.trackingCompany));
                                   else if (t.name == u"url")
                                       info.insert(t.responseKey(),
                                                   orNull(ff.trackingUrls.value(i)));
                               }
                               return info;
                           }));
            } else if (f.name == u"fulfillmentLineItems") {
                out.insert(
                    f.responseKey(),
                    connection(
                        f, ff.lineItems,
                        [this, &o](const ShopifyStore::FulfillmentLineItem &l,
                                   const QList<GraphQlField> &sel) {
                            QJsonObject line;
                            for (const GraphQlField &lf : sel) {
                                if (lf.name == u"id")
                                    line.insert(lf.responseKey(),
                                                gid("FulfillmentLineItem", l.lineItemId));
                                else if (lf.name == u"quantity")
                                    line.insert(lf.responseKey(), l.quantity);
                                else if (lf.name == u"lineItem")
                                    if (const ChannelLineItem *li = lineItem(o, l.lineItemId))
                                        line.insert(lf.responseKey(), object([&] {
                                                        return lineItemJson(*li, lf.selection);
                                                    }));
                            }
                            return line;
                        }));
            }
        }
        return out;
    }

    const ShopifyStore &m_store;
    const ShopifyStore::Shop &m_shop;
    qint64 m_nowMs = 0;
    bool m_bulk = false;
    qsizetype m_cursorBase = 0;
};

} // namespace

bool ShopifyGraphQlQuery::requestedCost(const GraphQlDocument &document, double *cost,
                                        QString *error)
{
    *cost = 0;
    return staticCost(QStringLiteral("QueryRoot"), document.selection, cost, error);
}

ShopifyGraphQlQuery::Result ShopifyGraphQlQuery::run(const ShopifyStore &store,
                                                     const ShopifyStore::Shop &shop,
                                                     const GraphQlDocument &document, qint64 nowMs,
                                                     bool bulk)
{
    Result result;
    QString error;
    // A bulk query gives no page sizes (it pages by itself) and is checked by ShopifyBulk.
    if (!bulk && !requestedCost(document, &result.requestedCost, &error)) {
        result.data = QJsonValue::Null;
        result.errors.append(
            QJsonObject{{QStringLiteral("message"), error},
                        {QStringLiteral("extensions"),
                         QJsonObject{{QStringLiteral("code"), QStringLiteral("undefinedField")}}}});
        return result;
    }
    Resolver resolver(store, shop, nowMs, bulk);
    result.data = resolver.root(document.selection);
    result.actualCost = resolver.actual;
    return result;
}

namespace {

// One search term against an order: true when it holds, or when the sandbox does not know it.
bool termHolds(const ShopifyStore::Order &order, const QString &term)
{
    static const QStringList ops = {QStringLiteral(">="), QStringLiteral("<="), QStringLiteral(">"),
                                    QStringLiteral("<")};
    const qsizetype colon = term.indexOf(u':');
    if (colon <= 0)
        return true;
    const QString key = term.left(colon).toLower();
    QString rest = term.mid(colon + 1);
    QString op;
    for (const QString &o : ops)
        if (rest.startsWith(o)) {
            op = o;
            rest = rest.mid(o.size());
            break;
        }
    if (rest.size() >= 2 && (rest.front() == u'\'' || rest.front() == u'"') &&
        rest.back() == rest.front())
        rest = rest.mid(1, rest.size() - 2);
    auto compare = [&op](auto a, auto b) {
        if (op == u">=")
            return a >= b;
        if (op == u"<=")
            return a <= b;
        if (op == u">")
            return a > b;
        if (op == u"<")
            return a < b;
        return a == b;
    };
    if (key == u"id")
        return compare(order.source.id, rest.toLongLong());
    if (key == u"created_at" || key == u"updated_at") {
        QDateTime value = QDateTime::fromString(rest, Qt::ISODate);
        if (!value.isValid()) {
            const QDate date = QDate::fromString(rest, Qt::ISODate);
            if (!date.isValid())
                return true;
            value = QDateTime(date, QTime(0, 0), Qt::UTC);
        }
        const QDateTime at = key == u"created_at" ? order.createdAt : order.updatedAt;
        return compare(at.toMSecsSinceEpoch(), value.toMSecsSinceEpoch());
    }
    return true;
}

} // namespace

bool ShopifyGraphQlQuery::matchesSearch(const ShopifyStore::Order &order, const QString &query)
{
    // Terms split on spaces outside quotes.
    QStringList terms;
    QString current;
    QChar quote;
    for (const QChar c : query) {
        if (!quote.isNull()) {
            current += c;
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            current += c;
        } else if (c.isSpace()) {
            if (!current.isEmpty())
                terms << current;
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.isEmpty())
        terms << current;
    // OR binds alternatives of AND groups: a OR b c = (a) OR (b AND c).
    bool any = false, group = true, sawTerm = false;
    for (const QString &term : std::as_const(terms)) {
        if (term == u"OR") {
            any |= group && sawTerm;
            group = true;
            sawTerm = false;
        } else if (term != u"AND") {
            group = group && termHolds(order, term);
            sawTerm = true;
        }
    }
    return any || (group && (sawTerm || terms.isEmpty()));
}

ShopifyGraphQlQuery::FieldKind
ShopifyGraphQlQuery::fieldKind(const QString &type, const QString &field, QString *childType)
{
    const TypeSpec fields = schema().value(type);
    const auto it = fields.constFind(field);
    if (it == fields.cend())
        return FieldKind::None;
    if (childType)
        *childType = it->type;
    switch (it->kind) {
    case Kind::Scalar:
        return FieldKind::Scalar;
    case Kind::Object:
        return FieldKind::Object;
    case Kind::Connection:
        return FieldKind::Connection;
    case Kind::List:
        return FieldKind::List;
    }
    return FieldKind::None;
}

} // namespace fulfillsync::sandbox
