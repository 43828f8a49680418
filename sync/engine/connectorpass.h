#pragma once

#include "sync/engine/syncmessages.h"

#include <QObject>

namespace fulfillsync {

// One pass of one connector, whatever its kind: what the worker starts, cancels and hears from.
// SyncPass moves NetSuite's fulfillments to a channel; ThreePlPass moves a 3PL's shipments into
// NetSuite. Each runs on its own, so one kind never waits for the other.
class ConnectorPass : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectorPass)

public:
    using QObject::QObject;
    virtual void start() = 0;
    virtual void cancel() = 0;

Q_SIGNALS:
    void progressed(const fulfillsync::SyncProgress &progress);
    void historyAdvanced(qint64 newestAttemptId);
    void finished(const fulfillsync::SyncRunSummary &summary);
    // Dry run: the exact request the pass would send, or why nothing would go.
    void requestPlanned(const fulfillsync::PlannedRequest &request);
};

} // namespace fulfillsync
