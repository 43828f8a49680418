#pragma once

#include "models/storage/watermarkrepository.h"
#include "sync/engine/detectionqueries.h"
#include "sync/net/httpresult.h"
#include "sync/net/netsuiteendpoint.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace fulfillsync {

class OrderRepository;
class RequestGate;
class SuiteQlQuery;

// The NetSuite half of a pass: finds what changed since the connector's watermark and stores it
// in the local copy, page by page (a pass never holds more than a page of rows).
//   1. A probe (one request) counts, per record type, NetSuite's changes in the overlap window
//      up to the watermark and those after it. When the window is what the local copy holds
//      (and held at this connector's last pass) and nothing came after, nothing is read: an
//      idle pass costs that one request. The watermark is where every change before it had
//      settled when NetSuite answered (its Date, less a few seconds): lastmodifieddate has
//      one-second resolution, so a digest never proves a change after it absent (a record
//      changed again within the second it was read keeps its count, id and time).
//   2. Otherwise sales orders, then item fulfillments changed from the watermark on are read (a
//      type with none there is not asked for), in keyset windows of at most 100,000 rows. Then the
//      window up to the watermark is compared again: a difference is a change committed late
//      with an earlier time, and the whole window is read. So a busy pass reads each change
//      once, not once per pass while it is in the overlap.
//   3. The first pass, and one after rows that could not be read, read the whole window.
//   4. A pass cut short (cancelled, an error) leaves where each query got to: the next pass
//      continues there instead of reading everything again, and evaluates what was stored.
// A row that cannot be read is never skipped silently: its fulfillment is held, and the
// watermark stops at it so the next pass reads it again.
class NetSuiteReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetSuiteReader)

public:
    struct Config
    {
        NetSuiteEndpoint endpoint;
        RequestGate *gate = nullptr;
        RetryPolicy retryPolicy;
        QDateTime watermark; // invalid: never synced
        QString storedProbe; // the local copy's digest of the window at the last pass's end
        ReadResume resume;   // where a pass cut short stopped: continue there, no probe
        QDateTime firstPassSince;
        int overlapSeconds = 600;
        QList<qint64> onlyOrders;    // a resync: only these orders, read whole, no watermark
        bool readKitMembers = false; // the connector pushes kit members
        bool detectOnly = false;
        bool credentialsProven = false;
        // Asked before each store of what was read: false when the pass's lease is lost (see
        // LeaseFence). The reader then stores nothing more and ends.
        std::function<bool()> mayWrite;
    };
    struct Result
    {
        QString error;
        QSet<qint64> touchedOrders;
        int detectedFulfillments = 0;
        int requests = 0;
        bool idle = false; // the probe found nothing new
        bool credentialsProven = false;
        QStringList warnings;
        // To store once the pass has done its work (never earlier: a pass cut short reads the
        // same changes again). Invalid: leave the watermark where it is.
        QDateTime newWatermark;
        QString newProbe;
        // Where a following pass continues if this one ends short of storing the watermark
        // (cancelled, an error, while reading or pushing). Invalid: nothing was read.
        ReadResume resume;
    };

    NetSuiteReader(QNetworkAccessManager &network, OrderRepository &orders, Config config,
                   QObject *parent = nullptr);
    ~NetSuiteReader() override;

    void start();
    void cancel();

    // "Reading …: 12,000 of 200,000 rows read, about 3 minutes left". total < 0: not known;
    // the time left is estimated from the pace so far, once there is a pace to go by.
    static QString progressText(const QString &phase, qint64 read, qint64 total, qint64 elapsedMs);

Q_SIGNALS:
    void progressed(const QString &phase);
    void finished(const fulfillsync::NetSuiteReader::Result &result);

private:
    void announce(const QString &phase); // a new phase: its rows are counted from 0
    using RowSink = std::function<void(const QList<QJsonObject> &rows)>;
    // Runs a query page by page; past 100,000 rows continues from `newest()` (a keyset window).
    void run(std::function<QString(const QDateTime &since)> build, const QDateTime &since,
             RowSink sink, std::function<QDateTime()> newest, std::function<void()> done,
             std::function<void(const QString &problem)> failed = {}); // default: finish()
    void probe(const QDateTime &since, const QDateTime &readTo);
    void onProbe(const DetectionQueries::ProbeAnswer &answer);
    // The local copy's counts of [from, readTo) (readTo invalid: no end); nullopt when they
    // cannot be counted.
    std::optional<QHash<QString, DetectionQueries::ChangeCount>>
    storedCounts(const QDateTime &from, const QDateTime &readTo);
    void noteMoved(const QString &type, const QList<std::pair<qint64, QDateTime>> &records);
    void readOrders();
    void readFulfillments();
    bool mayStore(); // Config::mayWrite, ending the read when it says no
    void afterReading();
    // The window up to the watermark against NetSuite's digest of it: equal, the read is done;
    // otherwise it is read whole.
    void checkWindow();
    void readKitMembers();
    void closeWindow(); // the new watermark and the digest of what was read
    void noteServerStart(const QDateTime &start);
    // Before this every change NetSuite showed this pass had settled (see kSettleSeconds);
    // invalid when an answer did not tell NetSuite's clock.
    QDateTime settledHorizon() const;
    void finish(const QString &error = {});
    QDateTime windowStart(const QDateTime &watermark) const;
    // Where a query that started at `since` continues, having read up to `readTo`.
    QDateTime continueFrom(const QDateTime &since, const QDateTime &newestRead) const;
    ReadResume resumePoint() const;

    QNetworkAccessManager &m_network;
    OrderRepository &m_orders;
    Config m_config;
    Result m_result;
    QDateTime m_since;       // the window's start: changes from here on are evaluated
    QDateTime m_ordersSince; // where each query starts (past m_since when continuing)
    QDateTime m_fulfillmentsSince;
    QDateTime m_ordersReadTo; // the newest change each query has read in full so far
    QDateTime m_fulfillmentsReadTo;
    QDateTime m_seenNewest;     // the newest change any answer of this pass has shown so far
    QDateTime m_ordersComplete; // each type is stored whole up to here (see closeWindow)
    QDateTime m_fulfillmentsComplete;
    // NetSuite's digest of the window up to the watermark, while the read has yet to check it.
    std::optional<QString> m_windowCheck;
    bool m_skipOrders = false; // the probe found none changed after the watermark
    bool m_skipFulfillments = false;
    bool m_evaluateWindow = false;   // others stored changes in the window: evaluate all of it
    QDateTime m_probeNewest;         // the newest change NetSuite had when the probe was answered
    QDateTime m_earliestServerStart; // NetSuite's clock as it began on this pass's first answer
    bool m_serverClockUnknown = false;
    QHash<QString, DetectionQueries::ChangeCount> m_movedAfterProbe; // see noteMoved()
    bool m_movedUnknown = false;
    UnreadableRows m_unreadable;
    QSet<qint64> m_kits; // kit items seen on fulfillments (kit rule "members")
    QPointer<SuiteQlQuery> m_query;
    QString m_phase;
    qint64 m_rowsRead = 0;
    qint64 m_rowsBeforeWindow = 0; // of this phase, read in earlier keyset windows
    QElapsedTimer m_phaseClock;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::NetSuiteReader::Result)
