#pragma once

// What crosses between the window and the sync thread for a reconciliation: values only.

#include "models/domain/domain.h"

#include <QDate>
#include <QHash>
#include <QMetaType>
#include <QString>

namespace fulfillsync {

struct ReconcileRequest
{
    qint64 connectorId = 0;
    QDate since;
    QDate until;                               // inclusive
    SyncTrigger trigger = SyncTrigger::Manual; // a person, or the nightly schedule
    // Only these sales orders of the connector's channel, whatever their ship dates (the order
    // pane's "Read the channel now"); empty: every order shipped in the range.
    QList<qint64> orderIds;
    // Continue this run (cancelled or failed) after its cursor; since and until are its own.
    qint64 resumeRunId = 0;
    bool operator==(const ReconcileRequest &) const = default;
};

struct ReconcileSummary
{
    qint64 connectorId = 0;
    QString connectorName;
    SyncTrigger trigger = SyncTrigger::Manual;
    QDate since;
    QDate until;
    int orders = 0;           // read and compared
    int unreadable = 0;       // the channel's order could not be read: unknown, not matched
    int notKept = 0;          // compared, but the reading could not be stored
    QHash<QString, int> rows; // verdict key → item (or channel) fulfillments
    bool cancelled = false;
    QString error;        // the run could not be made (no token, the local copy unreadable …)
    QString alertProblem; // the alert about what did not match could not be delivered
    qint64 durationMs = 0;

    int notMatched() const
    {
        int n = 0;
        for (auto it = rows.cbegin(); it != rows.cend(); ++it)
            if (it.key() != u"matched")
                n += it.value();
        return n;
    }
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::ReconcileRequest)
Q_DECLARE_METATYPE(fulfillsync::ReconcileSummary)
