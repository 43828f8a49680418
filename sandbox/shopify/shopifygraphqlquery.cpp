#include "sandbox/shopify/shopifygraphqlquery.h"

#include <QHash>
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
        t[QStringLiteral("QueryRoot")] = {{QStringLiteral("order"), object("Order")},
                                          {QStringLiteral("nodes"), list("Order")}};
        t[QStringLiteral("Order")] = {
            {QStringLiteral("id"), s},
            {QStringLiteral("name"), s},
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
                                         {QStringLiteral("hasPreviousPage"), s}};
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
    Resolver(const ShopifyStore &store, const ShopifyStore::Shop &shop)
        : m_store(store)
        , m_shop(shop)
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
            }
        }
        return out;
    }

private:
    template<typename F> QJsonObject object(F make)
    {
        actual += 1;
        return make();
    }

    template<typename T, typename F>
    QJsonObject connection(const GraphQlField &f, const QList<T> &items, F node)
    {
        actual += 2;
        const int first = pageSize(f);
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
                            edge.insert(e.responseKey(), QString::number(i));
                    }
                    list.append(edge);
                }
                out.insert(sub.responseKey(), list);
            } else if (sub.name == u"pageInfo") {
                actual += 1;
                QJsonObject info;
                for (const GraphQlField &p : sub.selection)
                    info.insert(p.responseKey(),
                                p.name == u"hasNextPage" ? items.size() > first : false);
                out.insert(sub.responseKey(), info);
            }
        }
        return out;
    }

    template<typename T, typename F>
    QJsonArray list(const GraphQlField &f, const QList<T> &items, F item)
    {
        const qsizetype n =
            pageSize(f) > 0 ? std::min<qsizetype>(pageSize(f), items.size()) : items.size();
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
                                                     const GraphQlDocument &document)
{
    Result result;
    QString error;
    if (!requestedCost(document, &result.requestedCost, &error)) {
        result.data = QJsonValue::Null;
        result.errors.append(
            QJsonObject{{QStringLiteral("message"), error},
                        {QStringLiteral("extensions"),
                         QJsonObject{{QStringLiteral("code"), QStringLiteral("undefinedField")}}}});
        return result;
    }
    Resolver resolver(store, shop);
    result.data = resolver.root(document.selection);
    result.actualCost = resolver.actual;
    return result;
}

} // namespace fulfillsync::sandbox
