#include "sandbox/scenario/livewarehouse.h"

#include "sandbox/netsuite/netsuitestore.h"
#include "sandbox/scenario/demogenerator.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace fulfillsync::sandbox {

namespace {

// Candidates are looked for from a random start, at most this many records on: enough to find
// one in a 200k-order demo at once, and exhaustive for small scenarios.
constexpr qsizetype kScanLimit = 4000;

bool isOpen(const QString &status)
{
    // Pending Approval cannot be fulfilled; Cancelled and Closed are terminal.
    return status != QLatin1String("A") && status != QLatin1String("C") &&
           status != QLatin1String("H");
}

} // namespace

LiveWarehouse::LiveWarehouse(quint32 seed)
    : m_random(seed)
{}

int LiveWarehouse::actionsPerTick()
{
    return 1 + int(m_random.bounded(3));
}

std::optional<LiveWarehouse::Action> LiveWarehouse::next(const NetSuiteStore &store,
                                                         const QDate &today)
{
    // About a third of the moves ship what the warehouse already picked or packed.
    if (m_random.bounded(100) < 30) {
        if (auto action = shipPicked(store))
            return action;
        return shipOpenOrder(store, today);
    }
    if (auto action = shipOpenOrder(store, today))
        return action;
    return shipPicked(store);
}

std::optional<LiveWarehouse::Action> LiveWarehouse::shipOpenOrder(const NetSuiteStore &store,
                                                                  const QDate &today)
{
    const QList<SalesOrder> &orders = store.data().salesOrders;
    if (orders.isEmpty())
        return std::nullopt;
    const qsizetype start = qsizetype(m_random.bounded(quint32(orders.size())));
    const qsizetype scan = std::min(orders.size(), kScanLimit);
    for (qsizetype k = 0; k < scan; ++k) {
        const SalesOrder &order = orders.at((start + k) % orders.size());
        if (!isOpen(store.statusOf(order.id)) ||
            (m_handledElsewhere && m_handledElsewhere(order.id)))
            continue;
        // What is left is what no fulfillment took yet, whatever its stage: NetSuite refuses
        // to fulfil more than was ordered.
        QHash<int, double> taken;
        for (const ItemFulfillment *f : store.fulfillmentsOf(order.id))
            if (!f->voided)
                for (const FulfillmentLine &l : f->lines)
                    taken[l.orderLine] += l.quantity;
        QList<QPair<int, double>> open;
        for (const SalesOrderLine &l : order.lines) {
            const double left = l.quantity - taken.value(l.line);
            if (left > 1e-9)
                open.append({l.line, left});
        }
        if (open.isEmpty())
            continue;

        const bool partial = m_random.bounded(100) < 25;
        QJsonArray lines;
        for (const auto &[line, left] : std::as_const(open)) {
            const double quantity = partial ? std::floor(left / 2) : left;
            if (quantity > 0)
                lines.append(QJsonObject{{QStringLiteral("orderLine"), line},
                                         {QStringLiteral("quantity"), quantity}});
        }
        if (lines.isEmpty()) // half of single units: one whole line ships, the rest waits
            lines.append(QJsonObject{{QStringLiteral("orderLine"), open.first().first},
                                     {QStringLiteral("quantity"), open.first().second}});
        const int sourceDraw = int(m_random.bounded(100));
        const QString source = sourceDraw < 30   ? QStringLiteral("3pl")
                               : sourceDraw < 40 ? QStringLiteral("scanner")
                                                 : QStringLiteral("warehouse");
        return Action{0, QJsonObject{{QStringLiteral("createdFrom"), order.id},
                                     {QStringLiteral("tranDate"), today.toString(Qt::ISODate)},
                                     {QStringLiteral("shipStatus"), QStringLiteral("C")},
                                     {QStringLiteral("source"), source},
                                     {QStringLiteral("lines"), lines},
                                     {QStringLiteral("packages"),
                                      packages(store.shipMethodName(order.shipMethod))}}};
    }
    return std::nullopt;
}

std::optional<LiveWarehouse::Action> LiveWarehouse::shipPicked(const NetSuiteStore &store)
{
    const QList<ItemFulfillment> &fulfillments = store.data().itemFulfillments;
    if (fulfillments.isEmpty())
        return std::nullopt;
    const qsizetype start = qsizetype(m_random.bounded(quint32(fulfillments.size())));
    const qsizetype scan = std::min(fulfillments.size(), kScanLimit);
    for (qsizetype k = 0; k < scan; ++k) {
        const ItemFulfillment &f = fulfillments.at((start + k) % fulfillments.size());
        if (f.voided || f.shipStatus == QLatin1String("C") ||
            !isOpen(store.statusOf(f.createdFrom)))
            continue;
        QJsonObject patch{{QStringLiteral("shipStatus"), QStringLiteral("C")}};
        // A packed fulfillment already has its package; a picked one gets it now.
        if (f.packages.isEmpty())
            patch.insert(QStringLiteral("packages"), packages(store.shipMethodName(f.shipMethod)));
        return Action{f.id, patch};
    }
    return std::nullopt;
}

QJsonArray LiveWarehouse::packages(const QString &shipMethodName)
{
    const int draw = int(m_random.bounded(100));
    const int count = draw < 75 ? 1 : (draw < 93 ? 2 : 3);
    QJsonArray list;
    for (int i = 0; i < count; ++i)
        list.append(
            QJsonObject{{QStringLiteral("trackingNumber"),
                         DemoGenerator::trackingNumber(m_random, shipMethodName)},
                        {QStringLiteral("weight"), 0.2 + double(m_random.bounded(40)) / 10.0}});
    return list;
}

} // namespace fulfillsync::sandbox
