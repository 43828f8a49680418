#pragma once

// The only things that cross between the GUI thread and the sync worker thread: values.

#include "models/domain/domain.h"
#include "sync/net/tbasigner.h"

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QString>

namespace fulfillsync {

// Secrets for one run, held in memory only and never written anywhere.
struct SyncCredentials
{
    TbaCredentials netsuite;
    QHash<qint64, QString> channelTokens; // connector id → access token
    QHash<qint64, QString> alertWebhooks; // connector id → webhook address (carries a token)
    QString mailPassword;                 // the alert mail server's
};

struct SyncRequest
{
    qint64 connectorId = 0; // 0: every enabled connector
    SyncTrigger trigger = SyncTrigger::Manual;
    // Where a connector's first pass starts reading NetSuite (later passes use the watermark).
    QDateTime firstPassSince;
    QList<qint64> orderIds; // resync: only these sales orders (NetSuite internal ids)
    // Of those orders' pushed fulfillments, these (NetSuite ids) get NetSuite's tracking numbers
    // sent again even where the ledger has them already: the channel showed others (a
    // reconciliation's "tracking differs"). Sent as the pass sends any tracking update.
    QList<qint64> resendTracking;
    bool dryRun = false;
    int timeoutMs = 0;             // per request; 0: the endpoints' defaults
    qint64 replayAttemptId = 0;    // replay this history row
    bool replayAsRecorded = false; // else rebuilt with today's mappings
    bool operator==(const SyncRequest &) const = default;
};

// A request a dry run would have sent: method, URL and body exactly as they would go.
struct PlannedRequest
{
    qint64 connectorId = 0;
    QString orderTranId;
    QString fulfillmentTranId;
    QString method;
    QString url;
    QString body;
    QString problem; // set when nothing would be sent, and why
    // What the pass would do: send (method, url, body), adopt another tool's fulfillment
    // already in the channel (switching over), or nothing (problem says why).
    enum class Action { Send, Adopt, Nothing };
    Action action = Action::Nothing;
};

struct SyncProgress
{
    qint64 connectorId = 0;
    QString connectorName;
    QString phase; // translated, for the status line
    int done = 0;
    int total = 0;
};

struct SyncRunSummary
{
    qint64 connectorId = 0;
    QString connectorName;
    SyncTrigger trigger = SyncTrigger::Manual; // who asked: a person, or the schedule
    int pushed = 0;          // fulfillments the ledger records as pushed by this pass
    int trackingUpdated = 0; // fulfillments pushed before whose tracking numbers were updated
    int failed = 0;
    int held = 0;
    int alreadyPushed = 0;
    // Recognised in the channel as another tool's and recorded as adopted (a switch-over):
    // nothing was sent for them.
    int adopted = 0;
    int deferred = 0;             // in quarantine, waiting for their next try
    int detectedFulfillments = 0; // changed fulfillments NetSuite reported in this pass
    int channelThrottled = 0;     // answers that said "slow down" (GraphQL THROTTLED)
    int netSuiteRequests = 0;
    int channelRequests = 0;
    bool cancelled = false;
    bool dryRun = false;  // sent and recorded nothing
    bool idle = false;    // NetSuite's probe found nothing new to read
    QStringList warnings; // read, but not everything (unreadable rows: read again next time)
    QString error;        // a run-level failure (could not read NetSuite, database error …)
    // Not run, and not a failure: another worker holds this connector's lease right now.
    QString skipped;
    // Stopped because another worker took the connector's lease over (error says so): it sent
    // and recorded nothing after that, not even its run.
    bool fenced = false;
    qint64 durationMs = 0;
    // What the connector still owes at the pass's end, whatever this pass looked at (an idle
    // pass looks at nothing): in quarantine, unconfirmed or open in the Inbox. -1: unknown.
    int stillOwed = 0;
    // Everything owed reached the channel: this pass failed, held and deferred nothing, it ran
    // (not skipped), and nothing older waits either.
    bool ok() const
    {
        return error.isEmpty() && skipped.isEmpty() && failed == 0 && held == 0 && deferred == 0 &&
               stillOwed == 0 && !cancelled;
    }
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::SyncRequest)
Q_DECLARE_METATYPE(fulfillsync::SyncProgress)
Q_DECLARE_METATYPE(fulfillsync::PlannedRequest)
Q_DECLARE_METATYPE(fulfillsync::SyncRunSummary)
