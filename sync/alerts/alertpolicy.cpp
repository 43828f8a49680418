#include "sync/alerts/alertpolicy.h"

namespace fulfillsync {

AlertDecision decideAlerts(const AlertState &before, const SyncRunSummary &pass, int everyMinutes,
                           const QDateTime &now)
{
    AlertDecision decision;
    decision.next = before;
    const bool counts =
        !pass.dryRun && !pass.cancelled && pass.skipped.isEmpty() &&
        (pass.trigger == SyncTrigger::Schedule || pass.trigger == SyncTrigger::Manual);
    if (!counts)
        return decision;

    AlertState &next = decision.next;
    if (!pass.error.isEmpty()) {
        decision.sendDown = !before.down;
        next.down = true;
        next.downReason = pass.error;
    } else if (before.down) {
        decision.sendUp = true;
        next.down = false;
        next.downReason.clear();
    }

    if (pass.failed > 0 || pass.held > 0) {
        next.failed += pass.failed;
        next.held += pass.held;
        if (!next.pendingSince.isValid())
            next.pendingSince = now;
    }
    const bool waiting = next.failed > 0 || next.held > 0;
    const bool intervalOver = !before.lastDigestAt.isValid() ||
                              before.lastDigestAt.secsTo(now) >= qint64(everyMinutes) * 60;
    if (waiting && intervalOver) {
        decision.sendDigest = true;
        decision.digestFailed = next.failed;
        decision.digestHeld = next.held;
        decision.digestSince = next.pendingSince;
        next.failed = 0;
        next.held = 0;
        next.pendingSince = {};
        next.lastDigestAt = now;
    }
    return decision;
}

} // namespace fulfillsync
