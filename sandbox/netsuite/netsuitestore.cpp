#include "sandbox/netsuite/netsuitestore.h"

#include "sandbox/scenario/scenarioloader.h"
#include "sandbox/server/sandboxlogging.h"

#include <QJsonArray>

#include <algorithm>
#include <tuple>

namespace fulfillsync::sandbox {

namespace {

// SuiteQL datetimes are kept as UTC text in this shape so that comparison and ORDER BY are
// chronological and TO_CHAR maps onto strftime.
QString sqlTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString sqlDate(const QDate &d)
{
    return d.toString(QStringLiteral("yyyy-MM-dd")) + QLatin1String(" 00:00:00");
}

QDateTime startOf(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), Qt::UTC);
}

QString tf(bool b)
{
    return b ? QStringLiteral("T") : QStringLiteral("F");
}

const char *const kSchema[] = {
    R"(CREATE TABLE "transaction"(id INTEGER PRIMARY KEY, tranid TEXT, type TEXT, status TEXT,
        trandate TEXT, createddate TEXT, lastmodifieddate TEXT, entity INTEGER, otherrefnum TEXT,
        custbody_fa_channel TEXT, custbody_fa_channel_order TEXT, shipcarrier TEXT,
        shipmethod INTEGER, shipdate TEXT, actualshipdate TEXT, trackingnumberlist TEXT,
        "void" TEXT, voided TEXT, source TEXT, memo TEXT, externalid TEXT, shippingaddress INTEGER,
        billingaddress INTEGER))",
    // A transaction's addresses: `shippingaddress` / `billingaddress` hold the nkey of its row.
    R"(CREATE TABLE TransactionShippingAddress(nkey INTEGER PRIMARY KEY, addressee TEXT,
        attention TEXT, addr1 TEXT, addr2 TEXT, addr3 TEXT, city TEXT, state TEXT, zip TEXT,
        country TEXT, addrphone TEXT))",
    R"(CREATE TABLE TransactionBillingAddress(nkey INTEGER PRIMARY KEY, addressee TEXT,
        attention TEXT, addr1 TEXT, addr2 TEXT, addr3 TEXT, city TEXT, state TEXT, zip TEXT,
        country TEXT, addrphone TEXT))",
    R"(CREATE INDEX transaction_type_lmd ON "transaction"(type, lastmodifieddate))",
    R"(CREATE TABLE transactionline("transaction" INTEGER, id INTEGER,
        linesequencenumber INTEGER, mainline TEXT, taxline TEXT, item INTEGER, itemtype TEXT,
        quantity REAL, quantityshiprecv REAL, quantitybilled REAL, isfullyshipped TEXT,
        isclosed TEXT, fulfillable TEXT, kitcomponent TEXT, kitmemberof INTEGER,
        createdfrom INTEGER, shipmethod INTEGER, location INTEGER, linelastmodifieddate TEXT,
        PRIMARY KEY("transaction", id)))",
    R"(CREATE TABLE NextTransactionLineLink(previousdoc INTEGER, previousline INTEGER,
        nextdoc INTEGER, nextline INTEGER, linktype TEXT, previoustype TEXT, nexttype TEXT))",
    R"(CREATE INDEX ntll_next ON NextTransactionLineLink(nextdoc, nextline))",
    R"(CREATE INDEX ntll_previous ON NextTransactionLineLink(previousdoc, previousline))",
    R"(CREATE VIEW PreviousTransactionLineLink AS SELECT * FROM NextTransactionLineLink)",
    R"(CREATE TABLE TrackingNumber(id INTEGER PRIMARY KEY, trackingnumber TEXT))",
    R"(CREATE TABLE TrackingNumberMap("transaction" INTEGER, trackingnumber INTEGER))",
    R"(CREATE INDEX tnm_transaction ON TrackingNumberMap("transaction"))",
    R"(CREATE TABLE TransactionShipment(doc INTEGER PRIMARY KEY, shippingmethod INTEGER,
        weight REAL))",
    R"(CREATE TABLE item(id INTEGER PRIMARY KEY, itemid TEXT, itemtype TEXT, displayname TEXT))",
    // Kit and assembly members, as SuiteQL's ItemMember table has them.
    R"(CREATE TABLE ItemMember(parentitem INTEGER, item INTEGER, quantity REAL,
        linenumber INTEGER))",
    R"(CREATE TABLE shipitem(id INTEGER PRIMARY KEY, itemid TEXT, displayname TEXT))",
    R"(CREATE TABLE location(id INTEGER PRIMARY KEY, name TEXT, fullname TEXT))",
    R"(CREATE TABLE customer(id INTEGER PRIMARY KEY, entityid TEXT, companyname TEXT,
        altname TEXT, email TEXT, phone TEXT))",
    // Display texts for BUILTIN.DF; the prefix keeps it out of reach of client queries.
    R"(CREATE TABLE _sbx_label(sbx_code TEXT PRIMARY KEY, sbx_label TEXT))",
};

struct StatusName
{
    const char *code;
    const char *label;
};
const StatusName kStatusNames[] = {
    {"SalesOrd:A", "Sales Order : Pending Approval"},
    {"SalesOrd:B", "Sales Order : Pending Fulfillment"},
    {"SalesOrd:C", "Sales Order : Cancelled"},
    {"SalesOrd:D", "Sales Order : Partially Fulfilled"},
    {"SalesOrd:E", "Sales Order : Pending Billing/Partially Fulfilled"},
    {"SalesOrd:F", "Sales Order : Pending Billing"},
    {"SalesOrd:G", "Sales Order : Billed"},
    {"SalesOrd:H", "Sales Order : Closed"},
    {"ItemShip:A", "Item Fulfillment : Picked"},
    {"ItemShip:B", "Item Fulfillment : Packed"},
    {"ItemShip:C", "Item Fulfillment : Shipped"},
    {"type:SalesOrd", "Sales Order"},
    {"type:ItemShip", "Item Fulfillment"},
};

} // namespace

struct NetSuiteStore::Statements
{
    SqliteStatement transaction, line, link, tracking, trackingMap, shipment, shipAddress,
        billAddress;
    SqliteStatement deleteTransaction, deleteLines, deleteLinks, deleteTrackingNumbers,
        deleteTrackingMap, deleteShipment, deleteShipAddress, deleteBillAddress;
};

NetSuiteStore::NetSuiteStore(NetSuiteScenario data, const QDateTime &now)
    : m_data(std::move(data))
    , m_stmt(std::make_unique<Statements>())
{
    Q_UNUSED(now)
    if (!m_db.isOpen()) {
        m_error = QStringLiteral("cannot open the in-memory database");
        return;
    }
    createSchema();
    if (!isValid())
        return;
    prepareStatements();
    for (int i = 0; i < m_data.items.size(); ++i)
        m_itemIndex.insert(m_data.items[i].id, i);
    for (const Customer &r : std::as_const(m_data.customers))
        m_customerNames.insert(r.id, r.name);
    for (const NamedRecord &r : std::as_const(m_data.shipMethods))
        m_shipMethodNames.insert(r.id, r.name);
    for (const NamedRecord &r : std::as_const(m_data.locations))
        m_locationNames.insert(r.id, r.name);
    for (int i = 0; i < m_data.salesOrders.size(); ++i) {
        m_orderIndex.insert(m_data.salesOrders[i].id, i);
        m_nextTransactionId = std::max(m_nextTransactionId, m_data.salesOrders[i].id + 1);
    }
    for (int i = 0; i < m_data.itemFulfillments.size(); ++i) {
        ItemFulfillment &f = m_data.itemFulfillments[i];
        if (!f.lastModified.isValid())
            f.lastModified = startOf(f.tranDate);
        if (f.tranId.isEmpty())
            f.tranId = QStringLiteral("IF%1").arg(f.id);
        m_fulfillmentIndex.insert(f.id, i);
        m_byOrder[f.createdFrom].append(i);
        if (!f.externalId.isEmpty())
            m_byExternalId.insert(f.externalId, f.id);
        m_nextTransactionId = std::max(m_nextTransactionId, f.id + 1);
    }
    exec(QStringLiteral("BEGIN"));
    writeReferenceData();
    for (const SalesOrder &order : std::as_const(m_data.salesOrders)) {
        deriveOrder(order, m_byOrder.value(order.id));
        writeSalesOrder(order);
    }
    for (const ItemFulfillment &f : std::as_const(m_data.itemFulfillments))
        writeFulfillment(f);
    exec(QStringLiteral("COMMIT"));
}

NetSuiteStore::~NetSuiteStore() = default;

bool NetSuiteStore::exec(const QString &sql)
{
    QString error;
    if (m_db.exec(sql, &error))
        return true;
    if (m_error.isEmpty())
        m_error = error;
    qCWarning(lcSandbox) << "netsuite store:" << error << sql.left(200);
    return false;
}

void NetSuiteStore::createSchema()
{
    for (const char *sql : kSchema)
        exec(QString::fromUtf8(sql));
}

void NetSuiteStore::prepareStatements()
{
    Statements &s = *m_stmt;
    s.transaction = m_db.prepare(QStringLiteral(
        R"(INSERT INTO "transaction"(id, tranid, type, status, trandate, createddate,
        lastmodifieddate, entity, otherrefnum, custbody_fa_channel, custbody_fa_channel_order,
        shipcarrier, shipmethod, shipdate, actualshipdate, trackingnumberlist, "void", voided,
        source, externalid, shippingaddress, billingaddress) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,
        ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18, ?19, ?20, ?21))"));
    s.line = m_db.prepare(QStringLiteral(
        R"(INSERT INTO transactionline("transaction", id, linesequencenumber, mainline, taxline,
        item, itemtype, quantity, quantityshiprecv, quantitybilled, isfullyshipped, isclosed,
        fulfillable, kitcomponent, kitmemberof, createdfrom, shipmethod, location,
        linelastmodifieddate) VALUES(?1, ?2, ?3, ?4, 'F', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
        ?14, ?15, ?16, ?17, ?18))"));
    s.link = m_db.prepare(QStringLiteral(
        "INSERT INTO NextTransactionLineLink VALUES(?1, ?2, ?3, ?4, 'ShipRcpt', 'SalesOrd', "
        "'ItemShip')"));
    s.tracking = m_db.prepare(QStringLiteral("INSERT INTO TrackingNumber VALUES(?1, ?2)"));
    s.trackingMap = m_db.prepare(QStringLiteral("INSERT INTO TrackingNumberMap VALUES(?1, ?2)"));
    s.shipment = m_db.prepare(QStringLiteral("INSERT INTO TransactionShipment VALUES(?1, ?2, ?3)"));
    s.shipAddress = m_db.prepare(QStringLiteral(
        "INSERT INTO TransactionShippingAddress VALUES(?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, ?9, "
        "?10)"));
    s.billAddress = m_db.prepare(QStringLiteral(
        "INSERT INTO TransactionBillingAddress VALUES(?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, ?9, "
        "?10)"));
    s.deleteShipAddress =
        m_db.prepare(QStringLiteral("DELETE FROM TransactionShippingAddress WHERE nkey = ?1"));
    s.deleteBillAddress =
        m_db.prepare(QStringLiteral("DELETE FROM TransactionBillingAddress WHERE nkey = ?1"));
    s.deleteTransaction =
        m_db.prepare(QStringLiteral(R"(DELETE FROM "transaction" WHERE id = ?1)"));
    s.deleteLines =
        m_db.prepare(QStringLiteral(R"(DELETE FROM transactionline WHERE "transaction" = ?1)"));
    s.deleteLinks =
        m_db.prepare(QStringLiteral("DELETE FROM NextTransactionLineLink WHERE nextdoc = ?1"));
    s.deleteTrackingNumbers = m_db.prepare(QStringLiteral(
        R"(DELETE FROM TrackingNumber WHERE id IN (SELECT trackingnumber FROM TrackingNumberMap
        WHERE "transaction" = ?1))"));
    s.deleteTrackingMap =
        m_db.prepare(QStringLiteral(R"(DELETE FROM TrackingNumberMap WHERE "transaction" = ?1)"));
    s.deleteShipment =
        m_db.prepare(QStringLiteral("DELETE FROM TransactionShipment WHERE doc = ?1"));
    for (SqliteStatement *st :
         {&s.transaction, &s.line, &s.link, &s.tracking, &s.trackingMap, &s.shipment,
          &s.shipAddress, &s.billAddress, &s.deleteTransaction, &s.deleteLines, &s.deleteLinks,
          &s.deleteTrackingNumbers, &s.deleteTrackingMap, &s.deleteShipment, &s.deleteShipAddress,
          &s.deleteBillAddress})
        if (!st->isValid() && m_error.isEmpty())
            m_error = st->error();
}

void NetSuiteStore::writeReferenceData()
{
    SqliteStatement item = m_db.prepare(QStringLiteral("INSERT INTO item VALUES(?1, ?2, ?3, ?2)"));
    for (const ScenarioItem &i : std::as_const(m_data.items)) {
        item.bind(1, i.id);
        item.bind(2, i.itemId);
        item.bind(3, i.type);
        item.execute();
    }
    SqliteStatement member =
        m_db.prepare(QStringLiteral("INSERT INTO ItemMember VALUES(?1, ?2, ?3, ?4)"));
    for (const ScenarioItem &i : std::as_const(m_data.items)) {
        int position = 0;
        for (const KitMember &m : i.members) {
            member.bind(1, i.id);
            member.bind(2, m.item);
            member.bind(3, m.quantity);
            member.bind(4, qint64(++position));
            member.execute();
        }
    }
    SqliteStatement ship = m_db.prepare(QStringLiteral("INSERT INTO shipitem VALUES(?1, ?2, ?2)"));
    for (const NamedRecord &r : std::as_const(m_data.shipMethods)) {
        ship.bind(1, r.id);
        ship.bind(2, r.name);
        ship.execute();
    }
    SqliteStatement location =
        m_db.prepare(QStringLiteral("INSERT INTO location VALUES(?1, ?2, ?2)"));
    for (const NamedRecord &r : std::as_const(m_data.locations)) {
        location.bind(1, r.id);
        location.bind(2, r.name);
        location.execute();
    }
    SqliteStatement customer =
        m_db.prepare(QStringLiteral("INSERT INTO customer VALUES(?1, ?2, ?2, ?2, ?3, ?4)"));
    for (const Customer &r : std::as_const(m_data.customers)) {
        customer.bind(1, r.id);
        customer.bind(2, r.name);
        customer.bind(3, r.email.isEmpty() ? QVariant() : QVariant(r.email));
        customer.bind(4, r.phone.isEmpty() ? QVariant() : QVariant(r.phone));
        customer.execute();
    }
    SqliteStatement label = m_db.prepare(QStringLiteral("INSERT INTO _sbx_label VALUES(?1, ?2)"));
    for (const StatusName &n : kStatusNames) {
        label.bind(1, QString::fromLatin1(n.code));
        label.bind(2, QString::fromLatin1(n.label));
        label.execute();
    }
}

QString NetSuiteStore::statusText(const QString &type, const QString &status)
{
    const QString code = type + QLatin1Char(':') + status;
    for (const StatusName &n : kStatusNames)
        if (code == QLatin1String(n.code))
            return QString::fromLatin1(n.label);
    return QString();
}

void NetSuiteStore::deriveOrder(const SalesOrder &order, const QList<int> &fulfillmentIndexes)
{
    OrderDerived d;
    QHash<int, double> counted;
    QDateTime latest = startOf(order.tranDate);
    for (int index : fulfillmentIndexes) {
        const ItemFulfillment &f = m_data.itemFulfillments.at(index);
        if (f.voided)
            continue;
        const bool shipped = f.shipStatus == QLatin1String("C");
        const bool counts = shipped || m_data.features.pickedCountsTowardStatus;
        for (const FulfillmentLine &l : f.lines) {
            if (shipped)
                d.shipped[l.orderLine] += l.quantity;
            if (counts)
                counted[l.orderLine] += l.quantity;
        }
        latest = std::max(latest, f.lastModified);
    }
    bool any = false, all = true;
    for (const SalesOrderLine &l : order.lines) {
        const double q = counted.value(l.line);
        any = any || q > 0;
        all = all && q + 1e-9 >= l.quantity;
    }
    if (!order.status.isEmpty()) {
        d.status = order.status;
        d.explicitStatus = true;
    } else if (!any) {
        d.status = QStringLiteral("B");
    } else if (!all) {
        d.status = QStringLiteral("D");
    } else {
        d.status = m_data.features.advancedShipping ? QStringLiteral("F") : QStringLiteral("G");
    }
    d.lastModified = order.lastModified.isValid() ? order.lastModified : latest;
    m_derived.insert(order.id, d);
}

void NetSuiteStore::writeSalesOrder(const SalesOrder &order)
{
    Statements &s = *m_stmt;
    const OrderDerived &d = m_derived[order.id];
    QString carrier;
    for (const NamedRecord &m : std::as_const(m_data.shipMethods))
        if (m.id == order.shipMethod)
            carrier = m.name.startsWith(QLatin1String("UPS")) ? QStringLiteral("ups")
                                                              : QStringLiteral("nonups");
    const QString lmd = sqlTime(d.lastModified);
    s.transaction.bind(1, order.id);
    s.transaction.bind(2, order.tranId);
    s.transaction.bind(3, QStringLiteral("SalesOrd"));
    s.transaction.bind(4, d.status);
    s.transaction.bind(5, sqlDate(order.tranDate));
    s.transaction.bind(6, sqlDate(order.tranDate));
    s.transaction.bind(7, lmd);
    s.transaction.bind(8, order.customer);
    s.transaction.bind(9, order.otherRefNum.isEmpty() ? QString() : order.otherRefNum);
    s.transaction.bind(10, order.channel.isEmpty() ? QString() : order.channel);
    s.transaction.bind(11, order.channelOrder.isEmpty() ? QString() : order.channelOrder);
    s.transaction.bind(12, carrier.isEmpty() ? QString() : carrier);
    s.transaction.bind(13, order.shipMethod ? QVariant(order.shipMethod) : QVariant());
    s.transaction.bind(17, QStringLiteral("F"));
    s.transaction.bindNull(19);
    // One address row per order and table, keyed by the order's id.
    for (const auto &[address, statement, column] :
         {std::tuple{&order.shipTo, &s.shipAddress, 20},
          std::tuple{&order.billTo, &s.billAddress, 21}}) {
        if (!*address) {
            s.transaction.bindNull(column);
            continue;
        }
        const Address &a = **address;
        const auto text = [](const QString &v) {
            return v.isEmpty() ? QVariant() : QVariant(v);
        };
        statement->bind(1, order.id);
        statement->bind(2, text(a.addressee));
        statement->bind(3, text(a.attention));
        statement->bind(4, text(a.addr1));
        statement->bind(5, text(a.addr2));
        statement->bind(6, text(a.city));
        statement->bind(7, text(a.state));
        statement->bind(8, text(a.zip));
        statement->bind(9, text(a.country));
        statement->bind(10, text(a.phone));
        statement->execute();
        s.transaction.bind(column, order.id);
    }
    s.transaction.execute();

    const bool closed = d.status == QLatin1String("C") || d.status == QLatin1String("H");
    auto line = [&](qint64 id, int sequence, const QVariant &item, const QString &itemType,
                    const QVariant &quantity, const QVariant &shipped, bool fullyShipped,
                    bool kitComponent, const QVariant &kitMemberOf, qint64 location) {
        s.line.bind(1, order.id);
        s.line.bind(2, id);
        s.line.bind(3, qint64(sequence));
        s.line.bind(4, tf(id == 0));
        s.line.bind(5, item);
        s.line.bind(6, itemType.isEmpty() ? QString() : itemType);
        s.line.bind(7, quantity);
        s.line.bind(8, shipped);
        s.line.bind(9, m_data.features.advancedShipping || id == 0 ? QVariant() : shipped);
        s.line.bind(10, tf(fullyShipped));
        s.line.bind(11, tf(closed));
        s.line.bind(12, tf(id != 0));
        s.line.bind(13, tf(kitComponent));
        s.line.bind(14, kitMemberOf);
        s.line.bind(16, order.shipMethod ? QVariant(order.shipMethod) : QVariant());
        s.line.bind(17, location ? QVariant(location) : QVariant());
        s.line.bind(18, lmd);
        s.line.execute();
    };
    line(0, 0, QVariant(), QString(), QVariant(), QVariant(), false, false, QVariant(), 0);
    qint64 componentId = 100000;
    int sequence = 1;
    for (const SalesOrderLine &l : order.lines) {
        const ScenarioItem &item = m_data.items.at(m_itemIndex.value(l.item));
        const double shipped = d.shipped.value(l.line);
        line(l.line, sequence++, l.item, item.type, -l.quantity, shipped,
             shipped + 1e-9 >= l.quantity, false, QVariant(), l.location);
        for (const KitMember &m : item.members) {
            const ScenarioItem &member = m_data.items.at(m_itemIndex.value(m.item));
            line(componentId++, sequence++, m.item, member.type, -(l.quantity * m.quantity),
                 shipped * m.quantity, shipped + 1e-9 >= l.quantity, true, qint64(l.line),
                 l.location);
        }
    }
}

void NetSuiteStore::writeFulfillment(const ItemFulfillment &f)
{
    Statements &s = *m_stmt;
    const SalesOrder &order = m_data.salesOrders.at(m_orderIndex.value(f.createdFrom));
    QString carrier;
    for (const NamedRecord &m : std::as_const(m_data.shipMethods))
        if (m.id == f.shipMethod)
            carrier = m.name.startsWith(QLatin1String("UPS")) ? QStringLiteral("ups")
                                                              : QStringLiteral("nonups");
    QStringList numbers;
    double weight = 0;
    bool anyWeight = false;
    for (const Package &p : f.packages) {
        numbers << p.trackingNumber;
        weight += p.weight;
        anyWeight = anyWeight || p.hasWeight;
    }
    const QString lmd = sqlTime(f.lastModified);
    s.transaction.bind(1, f.id);
    s.transaction.bind(2, f.tranId);
    s.transaction.bind(3, QStringLiteral("ItemShip"));
    s.transaction.bind(4, f.shipStatus);
    s.transaction.bind(5, sqlDate(f.tranDate));
    s.transaction.bind(6, sqlDate(f.tranDate));
    s.transaction.bind(7, lmd);
    s.transaction.bind(8, order.customer);
    s.transaction.bind(12, carrier.isEmpty() ? QString() : carrier);
    s.transaction.bind(13, f.shipMethod ? QVariant(f.shipMethod) : QVariant());
    if (f.shipStatus == QLatin1String("C")) {
        s.transaction.bind(14, sqlDate(f.tranDate));
        s.transaction.bind(15, sqlDate(f.tranDate));
    }
    s.transaction.bind(16, numbers.isEmpty() ? QString() : numbers.join(QLatin1String(" ")));
    s.transaction.bind(17, tf(f.voided));
    s.transaction.bind(18, f.source.isEmpty() ? QString() : f.source);
    s.transaction.bind(19, f.externalId.isEmpty() ? QString() : f.externalId);
    s.transaction.execute();

    auto line = [&](qint64 id, const QVariant &item, const QString &itemType,
                    const QVariant &quantity, bool kitComponent, const QVariant &kitMemberOf,
                    qint64 location) {
        s.line.bind(1, f.id);
        s.line.bind(2, id);
        s.line.bind(3, id);
        s.line.bind(4, tf(id == 0));
        s.line.bind(5, item);
        s.line.bind(6, itemType.isEmpty() ? QString() : itemType);
        s.line.bind(7, quantity);
        s.line.bind(10, QStringLiteral("F"));
        s.line.bind(11, QStringLiteral("F"));
        s.line.bind(12, tf(id != 0));
        s.line.bind(13, tf(kitComponent));
        s.line.bind(14, kitMemberOf);
        s.line.bind(15, f.createdFrom);
        s.line.bind(16, f.shipMethod ? QVariant(f.shipMethod) : QVariant());
        s.line.bind(17, location ? QVariant(location) : QVariant());
        s.line.bind(18, lmd);
        s.line.execute();
    };
    line(0, QVariant(), QString(), QVariant(), false, QVariant(), 0);
    for (const ExpandedLine &l : expandedLines(f)) {
        if (l.kitMemberOf != 0) {
            line(l.line, l.item, l.itemType, -l.quantity, true, l.kitMemberOf, l.location);
            continue;
        }
        line(l.line, l.item, l.itemType, -l.quantity, false, QVariant(), l.location);
        // Only the kit's own line is linked to the order line; its members carry kitmemberof
        // instead of an order link.
        s.link.bind(1, order.id);
        s.link.bind(2, qint64(l.orderLine));
        s.link.bind(3, f.id);
        s.link.bind(4, l.line);
        s.link.execute();
    }
    s.shipment.bind(1, f.id);
    s.shipment.bind(2, f.shipMethod ? QVariant(f.shipMethod) : QVariant());
    s.shipment.bind(3, anyWeight ? QVariant(weight) : QVariant());
    s.shipment.execute();
    for (const Package &p : f.packages) {
        const qint64 id = m_nextTrackingId++;
        s.tracking.bind(1, id);
        s.tracking.bind(2, p.trackingNumber);
        s.tracking.execute();
        s.trackingMap.bind(1, f.id);
        s.trackingMap.bind(2, id);
        s.trackingMap.execute();
    }
}

void NetSuiteStore::deleteTransaction(qint64 id)
{
    Statements &s = *m_stmt;
    for (SqliteStatement *st :
         {&s.deleteTrackingNumbers, &s.deleteTrackingMap, &s.deleteShipment, &s.deleteLinks,
          &s.deleteLines, &s.deleteShipAddress, &s.deleteBillAddress, &s.deleteTransaction}) {
        st->bind(1, id);
        st->execute();
    }
}

QList<NetSuiteStore::ExpandedLine> NetSuiteStore::expandedLines(const ItemFulfillment &f) const
{
    QList<ExpandedLine> lines;
    qint64 next = 1;
    for (const FulfillmentLine &l : f.lines) {
        const ScenarioItem &item = m_data.items.at(m_itemIndex.value(l.item));
        const qint64 parent = next++;
        lines.append({parent, l.orderLine, l.item, item.type, l.quantity, l.location, 0});
        for (const KitMember &m : item.members) {
            const ScenarioItem &member = m_data.items.at(m_itemIndex.value(m.item));
            lines.append(
                {next++, 0, m.item, member.type, l.quantity * m.quantity, l.location, parent});
        }
    }
    return lines;
}

QList<const ItemFulfillment *> NetSuiteStore::fulfillmentsOf(qint64 salesOrderId) const
{
    QList<const ItemFulfillment *> result;
    for (int index : m_byOrder.value(salesOrderId))
        result << &m_data.itemFulfillments.at(index);
    return result;
}

void NetSuiteStore::refreshOrder(qint64 salesOrderId, const QDateTime &now)
{
    SalesOrder &order = m_data.salesOrders[m_orderIndex.value(salesOrderId)];
    if (order.status != QLatin1String("C") && order.status != QLatin1String("H"))
        order.status.clear(); // the explicit status no longer describes the order
    order.lastModified = now;
    deriveOrder(order, m_byOrder.value(salesOrderId));
    deleteTransaction(order.id);
    writeSalesOrder(order);
}

bool NetSuiteStore::withdrawOrder(qint64 salesOrderId, const QString &status, const QDateTime &now)
{
    if (!m_orderIndex.contains(salesOrderId) ||
        (status != QLatin1String("C") && status != QLatin1String("H")))
        return false;
    m_data.salesOrders[m_orderIndex.value(salesOrderId)].status = status;
    exec(QStringLiteral("BEGIN"));
    refreshOrder(salesOrderId, now);
    exec(QStringLiteral("COMMIT"));
    return true;
}

QString NetSuiteStore::statusOf(qint64 salesOrderId) const
{
    return m_derived.value(salesOrderId).status;
}

QDateTime NetSuiteStore::lastModifiedOf(qint64 salesOrderId) const
{
    return m_derived.value(salesOrderId).lastModified;
}

double NetSuiteStore::quantityShipped(qint64 salesOrderId, int line) const
{
    const auto it = m_derived.constFind(salesOrderId);
    return it == m_derived.cend() ? 0 : it->shipped.value(line);
}

const ItemFulfillment *NetSuiteStore::fulfillment(qint64 id) const
{
    const auto it = m_fulfillmentIndex.constFind(id);
    return it == m_fulfillmentIndex.cend() ? nullptr : &m_data.itemFulfillments.at(*it);
}

const ItemFulfillment *NetSuiteStore::fulfillmentByExternalId(const QString &externalId) const
{
    const auto it = m_byExternalId.constFind(externalId);
    return it == m_byExternalId.cend() ? nullptr : fulfillment(*it);
}

double NetSuiteStore::quantityFulfilled(qint64 salesOrderId, int line) const
{
    double total = 0;
    for (int index : m_byOrder.value(salesOrderId)) {
        const ItemFulfillment &f = m_data.itemFulfillments.at(index);
        if (f.voided)
            continue;
        for (const FulfillmentLine &l : f.lines)
            if (l.orderLine == line)
                total += l.quantity;
    }
    return total;
}

const SalesOrder *NetSuiteStore::salesOrder(qint64 id) const
{
    const auto it = m_orderIndex.constFind(id);
    return it == m_orderIndex.cend() ? nullptr : &m_data.salesOrders.at(*it);
}

const ScenarioItem *NetSuiteStore::item(qint64 id) const
{
    const auto it = m_itemIndex.constFind(id);
    return it == m_itemIndex.cend() ? nullptr : &m_data.items.at(*it);
}

QString NetSuiteStore::customerName(qint64 id) const
{
    return m_customerNames.value(id);
}

QString NetSuiteStore::shipMethodName(qint64 id) const
{
    return m_shipMethodNames.value(id);
}

QString NetSuiteStore::locationName(qint64 id) const
{
    return m_locationNames.value(id);
}

void NetSuiteStore::setGovernance(int concurrencyLimit, int concurrencyRejection, int latencyMs)
{
    m_data.concurrencyLimit = concurrencyLimit;
    m_data.concurrencyRejection = concurrencyRejection;
    m_data.latencyMs = latencyMs;
}

qint64 NetSuiteStore::addFulfillment(ItemFulfillment f, const QDateTime &now)
{
    if (f.id == 0)
        f.id = m_nextTransactionId;
    m_nextTransactionId = std::max(m_nextTransactionId, f.id + 1);
    if (f.tranId.isEmpty())
        f.tranId = QStringLiteral("IF%1").arg(f.id);
    f.lastModified = now;
    exec(QStringLiteral("BEGIN"));
    m_fulfillmentIndex.insert(f.id, int(m_data.itemFulfillments.size()));
    m_byOrder[f.createdFrom].append(int(m_data.itemFulfillments.size()));
    if (!f.externalId.isEmpty())
        m_byExternalId.insert(f.externalId, f.id);
    m_data.itemFulfillments.append(f);
    writeFulfillment(f);
    refreshOrder(f.createdFrom, now);
    exec(QStringLiteral("COMMIT"));
    return f.id;
}

void NetSuiteStore::replaceFulfillment(ItemFulfillment f, const QDateTime &now)
{
    const int index = m_fulfillmentIndex.value(f.id, -1);
    if (index < 0)
        return;
    const qint64 previousOrder = m_data.itemFulfillments[index].createdFrom;
    f.lastModified = now;
    exec(QStringLiteral("BEGIN"));
    deleteTransaction(f.id);
    if (previousOrder != f.createdFrom) {
        m_byOrder[previousOrder].removeOne(index);
        QList<int> &indexes = m_byOrder[f.createdFrom];
        indexes.insert(std::lower_bound(indexes.begin(), indexes.end(), index), index);
    }
    m_data.itemFulfillments[index] = f;
    writeFulfillment(f);
    refreshOrder(f.createdFrom, now);
    if (previousOrder != f.createdFrom)
        refreshOrder(previousOrder, now);
    exec(QStringLiteral("COMMIT"));
}

bool NetSuiteStore::voidFulfillment(qint64 id, const QDateTime &now)
{
    const int index = m_fulfillmentIndex.value(id, -1);
    if (index < 0)
        return false;
    ItemFulfillment f = m_data.itemFulfillments[index];
    f.voided = true;
    replaceFulfillment(f, now);
    return true;
}

QJsonObject NetSuiteStore::stateJson() const
{
    QJsonArray orders;
    for (const SalesOrder &o : m_data.salesOrders) {
        const OrderDerived d = m_derived.value(o.id);
        QJsonArray lines;
        for (const SalesOrderLine &l : o.lines)
            lines.append(QJsonObject{{QStringLiteral("line"), l.line},
                                     {QStringLiteral("item"), l.item},
                                     {QStringLiteral("quantity"), l.quantity},
                                     {QStringLiteral("quantityShipped"), d.shipped.value(l.line)},
                                     {QStringLiteral("location"), l.location}});
        orders.append(QJsonObject{
            {QStringLiteral("id"), o.id},
            {QStringLiteral("tranId"), o.tranId},
            {QStringLiteral("tranDate"), o.tranDate.toString(Qt::ISODate)},
            {QStringLiteral("customer"), o.customer},
            {QStringLiteral("channel"), o.channel},
            {QStringLiteral("channelOrder"), o.channelOrder},
            {QStringLiteral("otherRefNum"), o.otherRefNum},
            {QStringLiteral("shipMethod"), o.shipMethod},
            {QStringLiteral("status"), d.status},
            {QStringLiteral("statusText"), statusText(QStringLiteral("SalesOrd"), d.status)},
            {QStringLiteral("statusExplicit"), d.explicitStatus},
            {QStringLiteral("lastModified"), ScenarioLoader::isoUtc(d.lastModified)},
            {QStringLiteral("lines"), lines}});
    }
    QJsonArray fulfillments;
    for (const ItemFulfillment &f : m_data.itemFulfillments) {
        QJsonObject o = ScenarioLoader::itemFulfillmentToJson(f);
        o.insert(QStringLiteral("statusText"),
                 statusText(QStringLiteral("ItemShip"), f.shipStatus));
        fulfillments.append(o);
    }
    return QJsonObject{
        {QStringLiteral("accountId"), m_data.accountId},
        {QStringLiteral("features"),
         QJsonObject{{QStringLiteral("advancedShipping"), m_data.features.advancedShipping},
                     {QStringLiteral("pickPackShip"), m_data.features.pickPackShip},
                     {QStringLiteral("pickedCountsTowardStatus"),
                      m_data.features.pickedCountsTowardStatus}}},
        {QStringLiteral("concurrencyLimit"), m_data.concurrencyLimit},
        {QStringLiteral("concurrencyRejection"), QString::number(m_data.concurrencyRejection)},
        {QStringLiteral("latencyMs"), m_data.latencyMs},
        {QStringLiteral("salesOrders"), orders},
        {QStringLiteral("itemFulfillments"), fulfillments}};
}

} // namespace fulfillsync::sandbox
