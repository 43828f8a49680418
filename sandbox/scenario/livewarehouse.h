#pragma once

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>

#include <functional>
#include <optional>

namespace fulfillsync::sandbox {

class NetSuiteStore;

// The warehouse of the live demo: decides what happens next in a running account. Either a
// sales order that is not yet fully fulfilled gets a new Shipped item fulfillment (the rest of
// the order, or about half of it; packages with tracking numbers in the carrier's format;
// sometimes from a 3PL), or a Picked/Packed fulfillment ships. It only proposes the bodies of
// the fulfillment control endpoints; SandboxServer applies them through the same code as
// POST/PATCH /_sandbox/netsuite/itemFulfillments, so order statuses and last-modified times
// move as for any other change. Same seed and same account data -> same actions.
class LiveWarehouse final
{
public:
    struct Action
    {
        qint64 fulfillmentId = 0; // 0 = create a fulfillment; otherwise patch this one
        QJsonObject body;
    };

    explicit LiveWarehouse(quint32 seed);

    int actionsPerTick(); // a few: 1 to 3
    // Orders another party ships (the 3PL has them): never fulfilled here.
    void setHandledElsewhere(std::function<bool(qint64 salesOrderId)> handled)
    {
        m_handledElsewhere = std::move(handled);
    }
    // The next action against the account as it is now; none when nothing is left to ship.
    std::optional<Action> next(const NetSuiteStore &store, const QDate &today);

private:
    std::optional<Action> shipOpenOrder(const NetSuiteStore &store, const QDate &today);
    std::optional<Action> shipPicked(const NetSuiteStore &store);
    QJsonArray packages(const QString &shipMethodName);

    QRandomGenerator m_random;
    std::function<bool(qint64)> m_handledElsewhere;
};

} // namespace fulfillsync::sandbox
