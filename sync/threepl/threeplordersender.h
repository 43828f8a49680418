#pragma once

#include "models/domain/domain.h"
#include "sync/net/httpresult.h"
#include "sync/net/netsuiteendpoint.h"
#include "sync/net/shipstationapi.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <deque>
#include <functional>

class QNetworkAccessManager;

namespace fulfillsync {

class Database;
class HttpCall;
class LeakyBucketPacer;
class RequestGate;
class SuiteQlQuery;

// The 3PL connector's first leg: NetSuite sales orders released for fulfilment (Pending
// Fulfillment or Partially Fulfilled) go to the 3PL as orders, in batches of up to 100; an
// order cancelled or closed in NetSuite after it was sent is cancelled there.
//  * Which orders: those with a line at a location mapped to a 3PL warehouse (Location
//    mappings of the 3PL connector); with no location mapping, every released order.
//  * Ship Method mappings give the 3PL's "carrierCode/serviceCode" for a NetSuite ship method,
//    Item mappings the 3PL's SKU for a NetSuite item (else the item's name).
//  * Each order is sent once, with what no item fulfillment took yet (of any stage: picked
//    and packed ones too, so nothing ships twice); later edits in NetSuite are not
//    sent again (the 3PL may be picking it). Its key, ns-<account>-<order>, makes ShipStation's
//    createorders an update when repeated, so a lost answer is simply sent again.
//  * Each line's lineItemKey is the NetSuite order line, so shipments map back exactly.
//  * The order carries the sales order's ship-to and bill-to addresses and the customer's
//    e-mail (ShipStation requires both addresses); one whose ship-to NetSuite lacks, or lacks
//    what a label needs, is held in the Inbox with the reason instead.
class ThreePlOrderSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreePlOrderSender)

public:
    struct Config
    {
        qint64 connectorId = 0;
        NetSuiteEndpoint netsuite;
        ThreePlEndpoint threePl;
        RequestGate *netSuiteGate = nullptr;
        LeakyBucketPacer *threePlPacer = nullptr;
        RetryPolicy netSuiteRetry;
        QList<MappingRule> rules; // Location, Ship Method and Item mappings (see above)
        QDateTime firstPassSince;
        int overlapSeconds = 600;
        std::function<QDateTime()> clock;
        bool dryRun = false; // read, plan and list; send and write nothing
        // A resync of these sales orders: only they are read (changed or not), and the
        // watermark stays where it is, for the next whole run.
        QList<qint64> onlyOrders;
        // Asked before each send and before acting on each answer: false when the pass's
        // lease is lost (see LeaseFence); the sender then ends at once, writing nothing more.
        std::function<bool()> mayAct;
    };
    // One order sent (or cancelled, or refused), for the history.
    struct OrderOutcome
    {
        qint64 salesOrderId = 0;
        QString tranId;
        bool taken = false;
        QString request;  // the order as sent
        QString response; // the 3PL's answer to its batch
        QString message;
        // Not taken, and never will be (a cancel of an order the 3PL shipped): recorded once,
        // settled, not sent again.
        bool settled = false;
    };
    struct Result
    {
        QList<OrderOutcome> orders;
        int sent = 0;
        int cancelled = 0;
        int refused = 0;
        int netSuiteRequests = 0;
        int threePlRequests = 0;
        int throttled = 0;
        // Orders that cannot be sent as they are (fractional quantities, no usable ship-to
        // address), for the Inbox.
        QList<OrderOutcome> unsendable;
        QList<OrderOutcome> planned; // a dry run's orders, as they would go
        QString error;               // the leg could not finish; its watermark stays
    };

    ThreePlOrderSender(QNetworkAccessManager &network, Database &database, Config config,
                       QObject *parent = nullptr);
    void start();
    void abort();

    static QString watermarkStream() { return QStringLiteral("threepl.orders"); }
    // Why a row of the released-orders query cannot be used (its order, line, quantity or
    // time unreadable); empty when it can.
    static QString unreadableOrderRow(const QJsonObject &row);
    static constexpr int kOrdersPerRequest = 100;

Q_SIGNALS:
    void progressed(const QString &phase, int done, int total);
    void finished(const fulfillsync::ThreePlOrderSender::Result &result);

private:
    struct Outgoing
    {
        qint64 salesOrderId = 0;
        QString tranId;
        bool cancel = false;
        QJsonObject order;     // as createorders takes it
        QString remoteOrderId; // a cancel's: the 3PL's id of the order
    };

    struct OrderRows
    {
        qint64 id = 0;
        QString tranId;
        QString status;
        QString date;
        bool cancel = false; // withdrawn in NetSuite after it was sent
        QList<QJsonObject> lines;
    };

    void onRows(const QList<QJsonObject> &rows);
    void onOrdersRead(bool ok, const QString &problem);
    void readFulfilled(const QList<qint64> &orderIds, qsizetype from);
    void buildOutgoing();
    void sendNextBatch();
    void onBatchAnswered(const QList<Outgoing> &batch, const HttpResult &result);
    void checkRefusedCancel();
    void onRefusedCancelRead(const Outgoing &cancel, OrderOutcome outcome, const HttpResult &read);
    void finish(const QString &error = QString());
    bool stillHolds(); // Config::mayAct; ends the sender when it says no

    QNetworkAccessManager &m_network;
    Database &m_database;
    Config m_config;
    Result m_result;
    QPointer<SuiteQlQuery> m_query;
    QPointer<HttpCall> m_call;
    QList<QJsonObject> m_rows; // of orders the first leg may act on (statusesActedOn, refused)
    QSet<qint64> m_refused;
    QSet<qint64> m_inInbox; // orders with an open Inbox item: settled once nothing is left to do
    QString m_rowProblem;   // a row that could not be read: the leg stops, its watermark stays
    QList<OrderRows> m_candidates;                // to send or to cancel
    QHash<QPair<qint64, qint64>, double> m_taken; // (order, line) -> in fulfillments already
    bool m_unreadableTaken = false;
    QDateTime m_newest;
    std::deque<Outgoing> m_outgoing;
    std::deque<std::pair<Outgoing, OrderOutcome>> m_refusedCancels; // read back before recorded
    int m_total = 0;
    bool m_done = false;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::ThreePlOrderSender::Result)
