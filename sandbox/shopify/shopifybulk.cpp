#include "sandbox/shopify/shopifybulk.h"

#include "sandbox/shopify/graphqldocument.h"
#include "sandbox/shopify/shopifygraphqlquery.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace fulfillsync::sandbox {

namespace {

using Kind = ShopifyGraphQlQuery::FieldKind;
constexpr int kMaxConnections = 5;
constexpr int kMaxConnectionDepth = 2; // the top-level connection and one nested in it

bool applies(const GraphQlField &f, const QString &type)
{
    return f.onType.isEmpty() || f.onType == type;
}

// The node selection of a connection field (edges { node { … } } or nodes { … }).
QList<GraphQlField> nodeSelection(const GraphQlField &connection)
{
    QList<GraphQlField> selection;
    for (const GraphQlField &sub : connection.selection) {
        if (sub.name == u"nodes")
            selection += sub.selection;
        else if (sub.name == u"edges")
            for (const GraphQlField &edge : sub.selection)
                if (edge.name == u"node")
                    selection += edge.selection;
    }
    return selection;
}

bool selectsId(const QList<GraphQlField> &selection)
{
    return std::any_of(selection.cbegin(), selection.cend(),
                       [](const GraphQlField &f) { return f.name == u"id"; });
}

// Checks a bulk query's selection: fields exist, connections counted and not nested too deep,
// and an object with a nested connection selects its id.
bool check(const QString &type, const QList<GraphQlField> &selection, int depth, int *connections,
           QString *error)
{
    for (const GraphQlField &f : selection) {
        if (!applies(f, type))
            continue;
        QString child;
        const Kind kind = ShopifyGraphQlQuery::fieldKind(type, f.name, &child);
        if (kind == Kind::None) {
            *error = QStringLiteral("Field '%1' doesn't exist on type '%2'").arg(f.name, type);
            return false;
        }
        if (kind == Kind::Connection) {
            if (++*connections > kMaxConnections) {
                *error = QStringLiteral("Bulk queries cannot contain more than %1 connections.")
                             .arg(kMaxConnections);
                return false;
            }
            if (depth + 1 > kMaxConnectionDepth) {
                *error = QStringLiteral("Bulk queries cannot contain connections with a nesting "
                                        "depth greater than %1.")
                             .arg(kMaxConnectionDepth);
                return false;
            }
            if (!selectsId(selection)) {
                *error = QStringLiteral("The parent of the nested connection '%1' must select "
                                        "'id' (sandbox rule).")
                             .arg(f.name);
                return false;
            }
            if (!check(child, nodeSelection(f), depth + 1, connections, error))
                return false;
        } else if (kind == Kind::Object || kind == Kind::List) {
            if (!check(child, f.selection, depth, connections, error))
                return false;
        }
    }
    return true;
}

struct Child
{
    QString type;
    QJsonObject object;
    QList<GraphQlField> selection;
    QString parentId;
};

void extractNested(const QString &type, QJsonObject *object, const QList<GraphQlField> &selection,
                   QList<Child> *children);

void emitObject(const Child &node, QByteArray *jsonl, qint64 *lines)
{
    QJsonObject object = node.object;
    QList<Child> children;
    extractNested(node.type, &object, node.selection, &children);
    if (!node.parentId.isEmpty())
        object.insert(QStringLiteral("__parentId"), node.parentId);
    *jsonl += QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    ++*lines;
    for (const Child &child : std::as_const(children))
        emitObject(child, jsonl, lines);
}

void extractNested(const QString &type, QJsonObject *object, const QList<GraphQlField> &selection,
                   QList<Child> *children)
{
    const QString id = object->value(QStringLiteral("id")).toString();
    for (const GraphQlField &f : selection) {
        if (!applies(f, type) || !object->contains(f.responseKey()))
            continue;
        QString child;
        const Kind kind = ShopifyGraphQlQuery::fieldKind(type, f.name, &child);
        const QJsonValue value = object->value(f.responseKey());
        if (kind == Kind::Connection) {
            const QJsonObject connection = value.toObject();
            QJsonArray nodes = connection.value(QStringLiteral("nodes")).toArray();
            for (const QJsonValue &edge : connection.value(QStringLiteral("edges")).toArray())
                nodes.append(edge.toObject().value(QStringLiteral("node")));
            for (const QJsonValue &n : std::as_const(nodes))
                children->append({child, n.toObject(), nodeSelection(f), id});
            object->remove(f.responseKey());
        } else if (kind == Kind::Object && value.isObject()) {
            QJsonObject inner = value.toObject();
            extractNested(child, &inner, f.selection, children);
            object->insert(f.responseKey(), inner);
        } else if (kind == Kind::List && value.isArray()) {
            QJsonArray items = value.toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                QJsonObject inner = items.at(i).toObject();
                extractNested(child, &inner, f.selection, children);
                items[i] = inner;
            }
            object->insert(f.responseKey(), items);
        }
    }
}

QJsonObject payload(const QJsonValue &operation, const QJsonArray &userErrors)
{
    return {{QStringLiteral("data"),
             QJsonObject{{QStringLiteral("bulkOperationRunQuery"),
                          QJsonObject{{QStringLiteral("bulkOperation"), operation},
                                      {QStringLiteral("userErrors"), userErrors}}}}}};
}

QJsonObject userError(const QString &code, const QString &message)
{
    return payload(QJsonValue::Null, QJsonArray{QJsonObject{{QStringLiteral("field"),
                                                             QJsonArray{QStringLiteral("query")}},
                                                            {QStringLiteral("message"), message},
                                                            {QStringLiteral("code"), code}}});
}

} // namespace

QJsonObject ShopifyBulk::runQuery(ShopifyStore &store, ShopifyStore::Shop &shop,
                                  const QString &query, qint64 clockMs, const QDateTime &now,
                                  const QUrl &baseUrl)
{
    for (const ShopifyStore::BulkOperation &op : std::as_const(shop.bulkOperations))
        if (op.statusAt(clockMs) == u"RUNNING")
            return userError(QStringLiteral("OPERATION_IN_PROGRESS"),
                             QStringLiteral("A bulk query operation for this app and shop is "
                                            "already in progress: gid://shopify/BulkOperation/%1.")
                                 .arg(op.id));
    GraphQlDocument document;
    QString error;
    if (!GraphQlDocument::parse(query, {}, &document, &error))
        return userError(QStringLiteral("INVALID"), QStringLiteral("Invalid bulk query: ") + error);
    if (document.operation != u"query")
        return userError(QStringLiteral("INVALID"),
                         QStringLiteral("Invalid bulk query: only queries can run in bulk."));
    if (document.selection.size() != 1)
        return userError(QStringLiteral("INVALID"),
                         QStringLiteral("Invalid bulk query: select exactly one top-level field."));
    const GraphQlField &top = document.selection.first();
    if (top.name == u"node" || top.name == u"nodes")
        return userError(QStringLiteral("INVALID"),
                         QStringLiteral("Invalid bulk query: bulk queries cannot contain a top "
                                        "level `node` or `nodes` field."));
    QString nodeType;
    if (ShopifyGraphQlQuery::fieldKind(QStringLiteral("QueryRoot"), top.name, &nodeType) !=
        Kind::Connection)
        return userError(QStringLiteral("INVALID"),
                         QStringLiteral("Invalid bulk query: the query must include a connection "
                                        "field ('%1' is not one).")
                             .arg(top.name));
    int connections = 1;
    if (!check(nodeType, nodeSelection(top), 1, &connections, &error))
        return userError(QStringLiteral("INVALID"), QStringLiteral("Invalid bulk query: ") + error);

    // Run now, over every node; the file is what the shop held at the start.
    const ShopifyGraphQlQuery::Result result =
        ShopifyGraphQlQuery::run(store, shop, document, clockMs, true);
    ShopifyStore::BulkOperation op;
    op.id = store.nextBulkOperationId();
    op.query = query;
    op.createdMs = clockMs;
    op.createdAt = now;
    const QJsonObject connection = result.data.toObject().value(top.responseKey()).toObject();
    QJsonArray roots = connection.value(QStringLiteral("nodes")).toArray();
    for (const QJsonValue &edge : connection.value(QStringLiteral("edges")).toArray())
        roots.append(edge.toObject().value(QStringLiteral("node")));
    for (const QJsonValue &root : std::as_const(roots))
        emitObject({nodeType, root.toObject(), nodeSelection(top), {}}, &op.jsonl, &op.objectCount);
    op.durationMs =
        qint64(double(op.objectCount) / std::max(1.0, shop.bulkObjectsPerSecond) * 1000.0);
    op.errorCode = std::exchange(shop.bulkFailNext, QString());
    op.signature = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    const QString base = baseUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery) +
                         QStringLiteral("/shopify/%1/bulk/%2").arg(shop.channel.shop).arg(op.id);
    op.url = base + QStringLiteral(".jsonl?signature=") + QString::fromLatin1(op.signature);
    if (op.errorCode == u"INTERNAL_SERVER_ERROR" || op.errorCode == u"TIMEOUT")
        op.partialDataUrl =
            base + QStringLiteral(".partial.jsonl?signature=") + QString::fromLatin1(op.signature);
    shop.bulkOperations.append(op);
    return payload(QJsonObject{{QStringLiteral("id"),
                                QStringLiteral("gid://shopify/BulkOperation/%1").arg(op.id)},
                               {QStringLiteral("status"), QStringLiteral("CREATED")},
                               {QStringLiteral("query"), query},
                               {QStringLiteral("createdAt"), now.toString(Qt::ISODate)}},
                   QJsonArray());
}

HttpReply ShopifyBulk::download(const ShopifyStore::Shop &shop, qint64 operationId, bool partial,
                                const QByteArray &signature, qint64 clockMs)
{
    for (const ShopifyStore::BulkOperation &op : shop.bulkOperations) {
        if (op.id != operationId || op.signature != signature)
            continue;
        const QString status = op.statusAt(clockMs);
        QByteArray body;
        if (!partial && status == u"COMPLETED") {
            body = op.jsonl;
        } else if (partial && status == u"FAILED" && !op.partialDataUrl.isEmpty()) {
            const QList<QByteArray> lines = op.jsonl.split('\n');
            for (qsizetype i = 0; i < (lines.size() - 1) / 2; ++i)
                body += lines.at(i) + '\n';
        } else {
            break;
        }
        HttpReply reply;
        reply.status = 200;
        reply.body = body;
        reply.contentType = "application/jsonl";
        return reply;
    }
    // As a storage host answers an address it does not sign.
    HttpReply reply;
    reply.status = 403;
    reply.contentType = "application/xml; charset=UTF-8";
    reply.body = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code>"
                 "<Message>Access denied.</Message></Error>";
    return reply;
}

} // namespace fulfillsync::sandbox
