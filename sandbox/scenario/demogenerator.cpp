#include "sandbox/scenario/demogenerator.h"

#include <QRandomGenerator>

#include <algorithm>
#include <iterator>

namespace fulfillsync::sandbox {

namespace {

const char *const kProducts[] = {
    "TSHIRT-RED-S",  "TSHIRT-RED-M",   "TSHIRT-RED-L",     "TSHIRT-BLUE-S",    "TSHIRT-BLUE-M",
    "TSHIRT-BLUE-L", "TSHIRT-BLACK-M", "TSHIRT-BLACK-L",   "HOODIE-GREY-M",    "HOODIE-GREY-L",
    "HOODIE-NAVY-M", "HOODIE-NAVY-L",  "MUG-BLUE",         "MUG-WHITE",        "MUG-BLACK",
    "CAP-BLACK",     "CAP-RED",        "BEANIE-GREY",      "SOCKS-STRIPE-M",   "SOCKS-PLAIN-L",
    "TOTE-NATURAL",  "TOTE-BLACK",     "POSTER-A2-CITY",   "POSTER-A3-MAP",    "STICKER-PACK-10",
    "NOTEBOOK-A5",   "PEN-SET-3",      "BOTTLE-750-STEEL", "BOTTLE-500-GLASS", "PHONECASE-CLEAR",
    "KEYRING-LOGO",  "APRON-DENIM",    "CANDLE-CEDAR",     "CANDLE-LAVENDER",  "BLANKET-WOOL",
    "PUZZLE-1000",   "SCARF-PLAID",    "UMBRELLA-COMPACT", "LANYARD-BLUE"};

const char *const kCustomers[] = {"Ada Lovelace",      "Grace Hopper",      "Alan Turing",
                                  "Katherine Johnson", "Edsger Dijkstra",   "Barbara Liskov",
                                  "Donald Knuth",      "Margaret Hamilton", "Tim Berners-Lee",
                                  "Radia Perlman",     "Ken Thompson"};

// Where the demo's customers live (made up; the 3PL needs an address to buy a label).
struct Street
{
    const char *street;
    const char *city;
    const char *state;
    const char *zip;
};
const Street kStreets[] = {{"12 Harbour Road", "Portland", "ME", "04101"},
                           {"400 Elm Street", "Springfield", "IL", "62701"},
                           {"77 Mission Street", "San Francisco", "CA", "94105"},
                           {"9 Lake Drive", "Madison", "WI", "53703"}};

struct ShipMethod
{
    qint64 id;
    const char *name;
};
const ShipMethod kShipMethods[] = {{12, "UPS Ground"},
                                   {13, "FedEx 2Day"},
                                   {14, "USPS Priority Mail"},
                                   {15, "DHL Express Worldwide"},
                                   {16, "Local Courier"}};

QString shipMethodName(qint64 id)
{
    for (const ShipMethod &m : kShipMethods)
        if (m.id == id)
            return QString::fromLatin1(m.name);
    return QString();
}

} // namespace

QString DemoGenerator::trackingNumber(QRandomGenerator &rng, const QString &shipMethodName)
{
    auto digits = [&rng](int n) {
        QString s;
        for (int i = 0; i < n; ++i)
            s += QChar(u'0' + rng.bounded(10));
        return s;
    };
    // USPS before UPS, as for NetSuite's package sublists.
    if (shipMethodName.contains(QLatin1String("USPS")))
        return QStringLiteral("9400") + digits(18);
    if (shipMethodName.contains(QLatin1String("UPS")))
        return QStringLiteral("1Z999AA1") + digits(10);
    if (shipMethodName.contains(QLatin1String("FedEx"), Qt::CaseInsensitive))
        return digits(12);
    if (shipMethodName.contains(QLatin1String("DHL")))
        return digits(10);
    return QStringLiteral("LC-") + digits(8);
}

Scenario DemoGenerator::generate(int orderCount, quint32 seed, const QDateTime &now)
{
    QRandomGenerator rng(seed);
    Scenario s;
    s.now = now.toUTC();
    NetSuiteScenario &a = s.netsuite;
    a.accountId = QStringLiteral("1234567_SB1");
    a.consumerKey =
        QStringLiteral("ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4");
    a.consumerSecret =
        QStringLiteral("d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5");
    a.tokenId = QStringLiteral("2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc");
    a.tokenSecret =
        QStringLiteral("c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295");
    a.concurrencyLimit = 5;

    qint64 itemId = 501;
    for (const char *sku : kProducts)
        a.items.append({itemId++, QString::fromLatin1(sku), QStringLiteral("InvtPart"), {}});
    // One kit, so the demo shows NetSuite's kit member rows.
    a.items.append({itemId++,
                    QStringLiteral("GIFT-SET-MUG-CAP"),
                    QStringLiteral("Kit"),
                    {{513, 1}, {516, 1}}});
    const int productCount = int(a.items.size());
    for (const ShipMethod &m : kShipMethods)
        a.shipMethods.append({m.id, QString::fromLatin1(m.name)});
    a.locations = {{1, QStringLiteral("Main Warehouse")}, {2, QStringLiteral("East Coast 3PL")}};
    qint64 customerId = 77;
    for (const char *name : kCustomers) {
        Customer c{customerId++, QString::fromUtf8(name), {}, {}, std::nullopt};
        const Street &street = kStreets[(c.id - 77) % std::size(kStreets)];
        c.email = c.name.toLower().replace(u' ', u'.') + QStringLiteral("@example.com");
        c.phone = QStringLiteral("555-01%1").arg(c.id % 100, 2, 10, QLatin1Char('0'));
        c.address = Address{c.name,
                            {},
                            QString::fromLatin1(street.street),
                            {},
                            QString::fromLatin1(street.city),
                            QString::fromLatin1(street.state),
                            QString::fromLatin1(street.zip),
                            QStringLiteral("US"),
                            c.phone};
        a.customers.append(c);
    }

    Channel shop;
    shop.kind = QStringLiteral("shopify");
    shop.name = QStringLiteral("main-store");
    shop.shop = QStringLiteral("acme");
    shop.accessToken = QStringLiteral("shpat_demo_token");
    shop.channel = QStringLiteral("Shopify");
    // A Shopify Plus store (bucket 400, 20 calls/s): a demo of a few hundred orders syncs in
    // seconds. Scenario files choose "standard" to see pacing at 2 calls/s.
    shop.plan = QStringLiteral("plus");
    shop.locations = {{7001, QStringLiteral("Main Warehouse")},
                      {7002, QStringLiteral("East Coast 3PL")}};

    a.salesOrders.reserve(orderCount);
    shop.orders.reserve(orderCount);
    const qint64 firstOrderId = 100001;
    qint64 nextFulfillmentId = firstOrderId + orderCount + 1000;
    qint64 nextLineItemId = 9000000001LL;
    const qint64 spanSecs = 10 * 86400;

    for (int i = 0; i < orderCount; ++i) {
        SalesOrder so;
        so.id = firstOrderId + i;
        so.tranId = QStringLiteral("SO%1").arg(10001 + i);
        const QDateTime created = s.now.addSecs(-qint64(rng.bounded(quint32(spanSecs))));
        so.tranDate = created.date();
        const Customer &customer = a.customers.at(rng.bounded(int(a.customers.size())));
        so.customer = customer.id;
        so.shipTo = customer.address; // NetSuite's default on a new order
        so.billTo = customer.address;
        so.channel = QStringLiteral("Shopify");
        const qint64 channelOrderId = 5100000001LL + i;
        so.channelOrder = QString::number(channelOrderId);
        so.otherRefNum = so.channelOrder;
        // Mostly the big carriers; about 1 order in 25 goes by a local courier that a fresh
        // connector has no mapping for, so the demo shows the held path without drowning in it.
        so.shipMethod = rng.bounded(100) < 4 ? kShipMethods[4].id : kShipMethods[rng.bounded(4)].id;
        const qint64 location = rng.bounded(100) < 70 ? 1 : 2;
        const int lineCount = 1 + (rng.bounded(100) < 45 ? 0 : int(rng.bounded(3)) + 1);
        QList<int> picked;
        while (picked.size() < lineCount) {
            // The kit is rare: one order in fifty may carry it.
            const int p =
                rng.bounded(100) < 2 ? productCount - 1 : int(rng.bounded(productCount - 1));
            if (!picked.contains(p))
                picked << p;
        }
        const int kind = int(rng.bounded(100));
        for (int l = 0; l < lineCount; ++l) {
            const int q = rng.bounded(100) < 70 ? 1 : 2 + int(rng.bounded(2));
            so.lines.append({l + 1, a.items.at(picked[l]).id, double(q), location});
        }
        const bool partial = kind >= 55 && kind < 70;
        if (partial && so.lines.size() == 1 && so.lines[0].quantity < 3)
            so.lines[0].quantity = 3;

        ChannelOrder co;
        co.id = channelOrderId;
        co.name = QStringLiteral("#%1").arg(1001 + i);
        co.locationId = location == 1 ? 7001 : 7002;
        for (const SalesOrderLine &l : so.lines)
            co.lineItems.append({nextLineItemId++, a.items.at(picked[l.line - 1]).itemId,
                                 int(l.quantity), QString()});

        auto fulfillment = [&](const QString &status, QList<FulfillmentLine> lines, int packages) {
            ItemFulfillment f;
            f.id = nextFulfillmentId++;
            f.tranId = QStringLiteral("IF%1").arg(f.id);
            f.createdFrom = so.id;
            const qint64 ageSecs = std::max<qint64>(0, created.secsTo(s.now));
            const QDateTime when =
                created.addSecs(qint64(rng.bounded(quint32(std::max<qint64>(1, ageSecs)))));
            f.tranDate = when.date();
            f.lastModified = when;
            f.shipStatus = status;
            f.shipMethod = so.shipMethod;
            const int sourceDraw = int(rng.bounded(100));
            f.source = sourceDraw < 30   ? QStringLiteral("3pl")
                       : sourceDraw < 40 ? QStringLiteral("scanner")
                                         : QStringLiteral("warehouse");
            f.lines = std::move(lines);
            for (int p = 0; p < packages; ++p)
                f.packages.append({trackingNumber(rng, shipMethodName(f.shipMethod)),
                                   0.2 + double(rng.bounded(40)) / 10.0, true});
            a.itemFulfillments.append(f);
        };
        auto allLines = [&] {
            QList<FulfillmentLine> lines;
            for (const SalesOrderLine &l : so.lines)
                lines.append({l.line, l.item, l.quantity, l.location});
            return lines;
        };
        auto packageCount = [&] {
            const int d = int(rng.bounded(100));
            return d < 75 ? 1 : (d < 93 ? 2 : 3);
        };

        if (kind < 55) {
            fulfillment(QStringLiteral("C"), allLines(), packageCount());
        } else if (partial) {
            // Two shipments that together leave at least one unit open.
            double total = 0;
            for (const SalesOrderLine &l : so.lines)
                total += l.quantity;
            double first = std::max(1.0, std::floor(total / 3)), second = first;
            QList<FulfillmentLine> a1, a2;
            for (const SalesOrderLine &l : so.lines) {
                double left = l.quantity;
                const double t1 = std::min(left, first);
                first -= t1;
                left -= t1;
                const double t2 = std::min(left, second);
                second -= t2;
                if (t1 > 0)
                    a1.append({l.line, l.item, t1, l.location});
                if (t2 > 0)
                    a2.append({l.line, l.item, t2, l.location});
            }
            fulfillment(QStringLiteral("C"), a1, 1);
            if (!a2.isEmpty())
                fulfillment(QStringLiteral("C"), a2, 1);
        } else if (kind < 78) {
            const bool packed = rng.bounded(2) == 1;
            fulfillment(packed ? QStringLiteral("B") : QStringLiteral("A"), allLines(),
                        packed ? 1 : 0);
        } else if (kind < 93) {
            // not yet fulfilled
        } else if (kind < 97) {
            so.status = QStringLiteral("C");
        } else {
            so.status = QStringLiteral("H");
        }
        a.salesOrders.append(so);
        shop.orders.append(co);
    }
    s.channels.append(shop);
    return s;
}

} // namespace fulfillsync::sandbox
