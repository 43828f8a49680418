#pragma once

#include "models/domain/alerts.h"
#include "sync/engine/syncmessages.h"

namespace fulfillsync {

// What one finished pass means for a connector's alerts. Pure, so every rule has a test that
// never waits for a clock.
struct AlertDecision
{
    AlertState next;
    bool sendDown = false;   // the connector just stopped working
    bool sendUp = false;     // it works again
    bool sendDigest = false; // problems are waiting and the last digest is old enough
    // What the digest reports (next starts counting afresh when one is sent).
    int digestFailed = 0;
    int digestHeld = 0;
    QDateTime digestSince;
};

// Only passes that ran unattended or by a plain "sync" count: a dry run, a resync or a replay
// is a person watching already, and a skipped or cancelled pass says nothing about the
// connector. "Down" is a pass that could not run at all (NetSuite or the channel unreachable,
// credentials refused, the database failing); it is said once, and "back up" once. Failed and
// held fulfillments collect until a digest is due: at most one per everyMinutes.
AlertDecision decideAlerts(const AlertState &before, const SyncRunSummary &pass, int everyMinutes,
                           const QDateTime &now);

} // namespace fulfillsync
