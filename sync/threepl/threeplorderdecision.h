#pragma once

#include <QString>

namespace fulfillsync {

// What the 3PL connector's first leg does with one sales order, from its NetSuite status and
// what became of it in the 3PL so far. The one rule: the sender acts on it, Explain shows it.
struct ThreePlOrderDecision
{
    enum class Action {
        Send,   // released and not in the 3PL yet (or refused there before): send it
        Cancel, // sent, then cancelled or closed in NetSuite: cancel it in the 3PL
        Settle, // refused by the 3PL, then no longer released: stop trying
        Leave,  // nothing to do
    };
    Action action = Action::Leave;
    QString reason; // in words for the admin

    // status: NetSuite's one-letter sales order status. sentState: "" (never sent), "sent",
    // "cancelled", "refused", "settled" or "shipped" (threepl_orders).
    static ThreePlOrderDecision decide(const QString &status, const QString &sentState);
    static bool isReleased(const QString &status);
    static bool isWithdrawn(const QString &status);
    // Every status an order can be sent or cancelled in: orders out keeps only rows of these
    // (and of the refused orders, whatever their status), so a large account's billed history
    // never fills a run's memory.
    static QStringList statusesActedOn();
};

} // namespace fulfillsync
