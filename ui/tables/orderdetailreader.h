#pragma once

#include "sync/engine/threeway.h"

#include <QMetaType>
#include <QString>

namespace fulfillsync {

class Database;

// What the order pane shows, read in one go.
struct OrderDetail
{
    qint64 orderId = 0;
    bool found = false;
    QString title;        // rich text
    QString text;         // lines, fulfillments, Explain
    bool flagged = false; // a fulfillment waits for Resolve
    // Per channel connector of the order: NetSuite, what was sent and what the channel has.
    struct ChannelProof
    {
        qint64 connectorId = 0;
        QString connectorName;
        ThreeWay::View view;
    };
    QList<ChannelProof> proofs;
};

// An order's lines, fulfillments, every connector's Explain and three-way view, read in one go. Runs on the
// pane's DetailLoader thread; it touches no widget.
OrderDetail readOrderDetail(Database &database, qint64 orderId);

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::OrderDetail)
