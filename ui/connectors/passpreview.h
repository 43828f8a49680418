#pragma once

#include "sync/engine/syncmessages.h"

#include <QMap>
#include <QObject>
#include <QStringList>

namespace fulfillsync {

class SyncController;

// A connector's next pass told, nothing sent (switching over: what it would push and what it
// would adopt from the tool before). Collects the dry run's planned requests of that
// connector until the sync thread is idle again, then reports them grouped by action.
class PassPreview final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PassPreview)

public:
    explicit PassPreview(SyncController &sync, QObject *parent = nullptr);

    void start(const fulfillsync::SyncRequest &request); // request.connectorId: the connector
    bool isRunning() const { return m_connectorId != 0; }

    struct Result
    {
        QStringList push, adopt, nothing; // "SO1001 / IF2001", with the reason for nothing
        QString summary() const;          // one sentence with the counts
        QString details() const;          // every fulfillment, grouped
    };

Q_SIGNALS:
    void finished(const fulfillsync::PassPreview::Result &result);

private:
    SyncController &m_sync;
    qint64 m_connectorId = 0;
    bool m_started = false; // the sync thread took the request (busy once)
    Result m_result;
};

} // namespace fulfillsync
