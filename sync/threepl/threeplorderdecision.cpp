#include "sync/threepl/threeplorderdecision.h"

#include "models/domain/domain.h"

#include <QCoreApplication>
#include <QStringList>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ThreePlOrderDecision)
};
} // namespace

bool ThreePlOrderDecision::isReleased(const QString &status)
{
    // Pending Fulfillment, Partially Fulfilled, Pending Billing/Partially Fulfilled.
    return status == u"B" || status == u"D" || status == u"E";
}

bool ThreePlOrderDecision::isWithdrawn(const QString &status)
{
    return status == u"C" || status == u"H"; // Cancelled, Closed
}

QStringList ThreePlOrderDecision::statusesActedOn()
{
    return {QStringLiteral("B"), QStringLiteral("D"), QStringLiteral("E"), QStringLiteral("C"),
            QStringLiteral("H")};
}

ThreePlOrderDecision ThreePlOrderDecision::decide(const QString &status, const QString &sentState)
{
    const QString shown = SalesOrderStatus::displayName(status);
    if (sentState == u"sent") {
        if (isWithdrawn(status))
            return {Action::Cancel,
                    Text::tr("%1 in NetSuite after it was sent: it is cancelled in the 3PL.")
                        .arg(shown)};
        return {Action::Leave, Text::tr("Sent to the 3PL, which ships it from there.")};
    }
    if (sentState == u"shipped")
        return {Action::Leave, Text::tr("Shipped by the 3PL before NetSuite withdrew it; the 3PL "
                                        "cannot cancel a shipped order, so nothing more is sent.")};
    if (sentState == u"cancelled")
        return {Action::Leave, Text::tr("Sent, then cancelled in the 3PL when NetSuite withdrew "
                                        "it.")};
    if (sentState == u"settled")
        return {Action::Leave, Text::tr("Refused by the 3PL, then no longer released in "
                                        "NetSuite: not sent any more.")};
    const bool refused = sentState == u"refused";
    if (!isReleased(status)) {
        if (refused)
            return {Action::Settle,
                    Text::tr("Refused by the 3PL, and now %1 in NetSuite: nothing left to send.")
                        .arg(shown)};
        return {Action::Leave,
                Text::tr("Not released for fulfillment in NetSuite (%1): not sent to the 3PL.")
                    .arg(shown)};
    }
    if (refused)
        return {Action::Send, Text::tr("Refused by the 3PL before; %1 in NetSuite, so it is sent "
                                       "again on every run until the 3PL takes it.")
                                  .arg(shown)};
    return {Action::Send,
            Text::tr("%1 in NetSuite and not in the 3PL yet: sent on the next run (only the "
                     "lines at mapped locations, and only what no item fulfillment took).")
                .arg(shown)};
}

} // namespace fulfillsync
