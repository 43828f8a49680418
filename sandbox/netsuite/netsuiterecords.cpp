#include "sandbox/netsuite/netsuiterecords.h"

#include "sandbox/netsuite/netsuiteservice.h"
#include "sandbox/netsuite/netsuitestore.h"
#include "sandbox/scenario/scenarioloader.h"

#include <QHash>
#include <QJsonArray>

namespace fulfillsync::sandbox {

namespace {

const QString kRecordRoot = QStringLiteral("/services/rest/record/v1");

QJsonArray selfLinks(const QString &href)
{
    return QJsonArray{QJsonObject{{QStringLiteral("rel"), QStringLiteral("self")},
                                  {QStringLiteral("href"), href}}};
}

// Reference hrefs name the target's record type in lower case, as in Oracle's examples
// (".../inventoryitem/13861"); record types in paths are matched case-insensitively.
QJsonObject reference(const QString &base, const QString &recordType, qint64 id,
                      const QString &refName)
{
    return QJsonObject{
        {QStringLiteral("id"), QString::number(id)},
        {QStringLiteral("refName"), refName},
        {QStringLiteral("links"),
         selfLinks(base + QLatin1Char('/') + recordType + QLatin1Char('/') + QString::number(id))}};
}

QJsonObject select(const QString &id, const QString &refName)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("refName"), refName}};
}

QString itemRecordType(const QString &itemType)
{
    static const QHash<QString, QString> types = {
        {QStringLiteral("InvtPart"), QStringLiteral("inventoryitem")},
        {QStringLiteral("Kit"), QStringLiteral("kititem")},
        {QStringLiteral("Assembly"), QStringLiteral("assemblyitem")},
        {QStringLiteral("NonInvtPart"), QStringLiteral("noninventorysaleitem")},
        {QStringLiteral("Service"), QStringLiteral("servicesaleitem")},
        {QStringLiteral("OthCharge"), QStringLiteral("otherchargesaleitem")},
        {QStringLiteral("Discount"), QStringLiteral("discountitem")}};
    return types.value(itemType, QStringLiteral("item"));
}

// "Sales Order : Pending Fulfillment" -> "Pending Fulfillment": the Record API shows the status
// without the record type.
QJsonObject status(const QString &type, const QString &code)
{
    const QString label = NetSuiteStore::statusText(type, code);
    const qsizetype colon = label.indexOf(QLatin1String(" : "));
    return select(code, colon < 0 ? label : label.mid(colon + 3));
}

QJsonObject sublist(const QString &href, const QJsonArray &items, bool expand)
{
    QJsonObject o{{QStringLiteral("links"), selfLinks(href)}};
    if (!expand)
        return o;
    o.insert(QStringLiteral("items"), items);
    o.insert(QStringLiteral("count"), items.size());
    o.insert(QStringLiteral("hasMore"), false);
    o.insert(QStringLiteral("offset"), 0);
    o.insert(QStringLiteral("totalResults"), items.size());
    return o;
}

QJsonObject itemReference(const NetSuiteStore &store, const QString &base, qint64 id)
{
    const ScenarioItem *item = store.item(id);
    return reference(base, itemRecordType(item ? item->type : QString()), id,
                     item ? item->itemId : QString());
}

void insertIf(QJsonObject &o, const QString &key, const QString &value)
{
    if (!value.isEmpty()) // NetSuite leaves empty body fields out
        o.insert(key, value);
}

HttpReply notFound()
{
    return NetSuiteService::error(
        404, QStringLiteral("NONEXISTENT_ID"),
        QStringLiteral("The record instance does not exist. Provide a valid record instance ID."));
}

} // namespace

bool NetSuiteRecords::isRecordPath(const QString &path)
{
    return path.startsWith(kRecordRoot + QLatin1Char('/'));
}

QString NetSuiteRecords::packageSublist(const QString &shipMethodName)
{
    // USPS first: it would not match "UPS", but a name may carry both words.
    if (shipMethodName.contains(QLatin1String("USPS")))
        return QStringLiteral("packageUsps");
    if (shipMethodName.contains(QLatin1String("UPS")))
        return QStringLiteral("packageUps");
    if (shipMethodName.contains(QLatin1String("FedEx"), Qt::CaseInsensitive))
        return QStringLiteral("packageFedex");
    return QStringLiteral("package");
}

QJsonObject NetSuiteRecords::salesOrder(const NetSuiteStore &store, const SalesOrder &order,
                                        const QString &base, bool expand)
{
    const QString self = base + QStringLiteral("/salesOrder/") + QString::number(order.id);
    const QString code = store.statusOf(order.id);
    const bool closed = code == QLatin1String("C") || code == QLatin1String("H");
    QJsonArray lines;
    for (const SalesOrderLine &l : order.lines) {
        const ScenarioItem *item = store.item(l.item);
        QJsonObject line{
            {QStringLiteral("links"),
             selfLinks(self + QStringLiteral("/item/") + QString::number(l.line))},
            {QStringLiteral("line"), l.line},
            {QStringLiteral("item"), itemReference(store, base, l.item)},
            {QStringLiteral("itemType"),
             select(item ? item->type : QString(), item ? item->type : QString())},
            {QStringLiteral("quantity"), l.quantity},
            {QStringLiteral("quantityFulfilled"), store.quantityShipped(order.id, l.line)},
            {QStringLiteral("isClosed"), closed}};
        if (l.location != 0)
            line.insert(QStringLiteral("location"),
                        reference(base, QStringLiteral("location"), l.location,
                                  store.locationName(l.location)));
        lines.append(line);
    }
    QJsonObject o{
        {QStringLiteral("links"), selfLinks(self)},
        {QStringLiteral("id"), QString::number(order.id)},
        {QStringLiteral("tranId"), order.tranId},
        {QStringLiteral("tranDate"), order.tranDate.toString(Qt::ISODate)},
        {QStringLiteral("lastModifiedDate"),
         ScenarioLoader::isoUtc(store.lastModifiedOf(order.id))},
        {QStringLiteral("status"), status(QStringLiteral("SalesOrd"), code)},
        {QStringLiteral("entity"), reference(base, QStringLiteral("customer"), order.customer,
                                             store.customerName(order.customer))},
        {QStringLiteral("item"), sublist(self + QStringLiteral("/item"), lines, expand)}};
    insertIf(o, QStringLiteral("otherRefNum"), order.otherRefNum);
    insertIf(o, QStringLiteral("custbody_fa_channel"), order.channel);
    insertIf(o, QStringLiteral("custbody_fa_channel_order"), order.channelOrder);
    if (order.shipMethod != 0)
        o.insert(QStringLiteral("shipMethod"),
                 reference(base, QStringLiteral("shipitem"), order.shipMethod,
                           store.shipMethodName(order.shipMethod)));
    return o;
}

QJsonObject NetSuiteRecords::itemFulfillment(const NetSuiteStore &store, const ItemFulfillment &f,
                                             const QString &base, bool expand)
{
    const QString self = base + QStringLiteral("/itemFulfillment/") + QString::number(f.id);
    QJsonArray lines;
    for (const NetSuiteStore::ExpandedLine &l : store.expandedLines(f)) {
        QJsonObject line{{QStringLiteral("links"),
                          selfLinks(self + QStringLiteral("/item/") + QString::number(l.line))},
                         {QStringLiteral("line"), l.line},
                         {QStringLiteral("item"), itemReference(store, base, l.item)},
                         {QStringLiteral("itemType"), select(l.itemType, l.itemType)},
                         {QStringLiteral("quantity"), l.quantity},
                         {QStringLiteral("itemReceive"), true}};
        // Kit members map to no order line; they point at their kit's line instead.
        if (l.kitMemberOf != 0)
            line.insert(QStringLiteral("kitMemberOf"), l.kitMemberOf);
        else
            line.insert(QStringLiteral("orderLine"), l.orderLine);
        if (l.location != 0)
            line.insert(QStringLiteral("location"),
                        reference(base, QStringLiteral("location"), l.location,
                                  store.locationName(l.location)));
        lines.append(line);
    }

    const QString shipMethod = store.shipMethodName(f.shipMethod);
    const QString packages = packageSublist(shipMethod);
    // Field names per sublist: packageTrackingNumber, packageTrackingNumberUps,
    // packageTrackingNumberFedEx, packageTrackingNumberUsps (and the weights alike).
    const QString suffix = packages == QLatin1String("packageUps")     ? QStringLiteral("Ups")
                           : packages == QLatin1String("packageFedex") ? QStringLiteral("FedEx")
                           : packages == QLatin1String("packageUsps")  ? QStringLiteral("Usps")
                                                                       : QString();
    QJsonArray packageLines;
    for (qsizetype i = 0; i < f.packages.size(); ++i) {
        const Package &p = f.packages.at(i);
        QJsonObject line{
            {QStringLiteral("links"), selfLinks(self + QLatin1Char('/') + packages +
                                                QLatin1Char('/') + QString::number(i + 1))},
            {QStringLiteral("packageTrackingNumber") + suffix, p.trackingNumber}};
        if (p.hasWeight)
            line.insert(QStringLiteral("packageWeight") + suffix, p.weight);
        packageLines.append(line);
    }

    const SalesOrder *order = store.salesOrder(f.createdFrom);
    const QJsonObject shipStatus = status(QStringLiteral("ItemShip"), f.shipStatus);
    QJsonObject o{
        {QStringLiteral("links"), selfLinks(self)},
        {QStringLiteral("id"), QString::number(f.id)},
        {QStringLiteral("tranId"), f.tranId},
        {QStringLiteral("tranDate"), f.tranDate.toString(Qt::ISODate)},
        {QStringLiteral("lastModifiedDate"), ScenarioLoader::isoUtc(f.lastModified)},
        {QStringLiteral("createdFrom"),
         reference(base, QStringLiteral("salesorder"), f.createdFrom,
                   QStringLiteral("Sales Order #") + (order ? order->tranId : QString()))},
        {QStringLiteral("shipStatus"), shipStatus},
        {QStringLiteral("status"), shipStatus},
        {QStringLiteral("void"), f.voided},
        {QStringLiteral("item"), sublist(self + QStringLiteral("/item"), lines, expand)},
        {packages, sublist(self + QLatin1Char('/') + packages, packageLines, expand)}};
    if (order)
        o.insert(QStringLiteral("entity"),
                 reference(base, QStringLiteral("customer"), order->customer,
                           store.customerName(order->customer)));
    if (f.shipMethod != 0)
        o.insert(QStringLiteral("shipMethod"),
                 reference(base, QStringLiteral("shipitem"), f.shipMethod, shipMethod));
    return o;
}

HttpReply NetSuiteRecords::handle(const HttpRequest &request, const NetSuiteStore &store)
{
    const QStringList parts = request.path.mid(kRecordRoot.size() + 1).split(QLatin1Char('/'));
    const QString &type = parts.first();
    const bool isOrder = type.compare(QLatin1String("salesOrder"), Qt::CaseInsensitive) == 0;
    const bool isFulfillment =
        type.compare(QLatin1String("itemFulfillment"), Qt::CaseInsensitive) == 0;
    // [unsure] NetSuite's exact wording for an unknown type was not found; the code is known.
    if (!isOrder && !isFulfillment)
        return NetSuiteService::error(400, QStringLiteral("INVALID_RCRD_TYPE"),
                                      QStringLiteral("The record type '%1' is invalid.").arg(type));
    if (request.method != QLatin1String("GET"))
        return NetSuiteService::error(
            405, QStringLiteral("INVALID_METHOD"),
            QStringLiteral("The %1 method is not supported by this sandbox for records; only GET "
                           "is.")
                .arg(request.method));
    if (parts.size() != 2)
        return NetSuiteService::error(
            404, QStringLiteral("NONEXISTENT_ID"),
            QStringLiteral("The requested resource %1 does not exist in this sandbox.")
                .arg(request.path));
    // "eid:<external id>" stands for the record with that external id (apis.md §1.4).
    bool numeric = false;
    qint64 id = parts.at(1).toLongLong(&numeric);
    if (parts.at(1).startsWith(QLatin1String("eid:"))) {
        const ItemFulfillment *byExternal =
            isFulfillment ? store.fulfillmentByExternalId(parts.at(1).mid(4)) : nullptr;
        numeric = byExternal != nullptr;
        id = byExternal ? byExternal->id : 0;
    }
    const bool expand = request.query.queryItemValue(QStringLiteral("expandSubResources"))
                            .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    const QString base =
        request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
            .toString() +
        kRecordRoot;
    if (isOrder) {
        const SalesOrder *order = numeric ? store.salesOrder(id) : nullptr;
        return order ? HttpReply::json(200, salesOrder(store, *order, base, expand)) : notFound();
    }
    // A voided fulfillment is still a record; it says so in its `void` field.
    const ItemFulfillment *fulfillment = numeric ? store.fulfillment(id) : nullptr;
    return fulfillment ? HttpReply::json(200, itemFulfillment(store, *fulfillment, base, expand))
                       : notFound();
}

} // namespace fulfillsync::sandbox
