#pragma once

#include "models/domain/domain.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/engine/reconciliation.h"
#include "sync/net/shopifyapi.h"

#include <QDate>
#include <QObject>
#include <memory>

class QNetworkAccessManager;

namespace fulfillsync {

class ChannelConnection;
class Database;
class LeakyBucketPacer;
class ReconcileAlert;

// A reconciliation of one channel connector over a date range: every sales order of its channel
// with an item fulfillment shipped in the range (as the local copy of NetSuite has it, i.e. as
// of the last sync: the run itself asks NetSuite nothing) is read back from the channel and
// compared three ways (Reconciliation::classify). Orders are read in ascending id, in batches
// (ChannelConnection::readForReconciliation, many orders a request) or, for a range of more
// than Config::bulkThreshold orders, in one bulk export; one order a request is the baseline.
// Nothing is sent. Each order's reading replaces its last one (ReconciliationRepository), and
// the run itself is a row of reconciliation_runs, updated after every batch in the same commit
// as the batch's readings: a cancelled or killed run resumes after its cursor
// (Config::resumeRunId). An order the channel could not be read for is a problem ("unknown"),
// never "matched". A finished run with anything not matched raises one alert (ReconcileAlert).
class ReconcileRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconcileRun)

public:
    struct Config
    {
        Connector connector;
        QList<MappingRule> rules;
        ShopifyEndpoint shopify;
        LeakyBucketPacer *costBucket = nullptr;
        QDate since;
        QDate until; // inclusive
        // Only these sales orders (of the connector's channel), whatever their ship dates.
        QList<qint64> onlyOrders;
        // Continue this run (a cancelled, failed or killed one of the same connector) after its
        // cursor; since and until are the run's own then.
        qint64 resumeRunId = 0;
        // More orders to read than this: one bulk export where the channel has one (0: never).
        int bulkThreshold = 2000;
        // Orders a read carries: 0 = as many as the channel's reconciliation read does, 1 = one
        // order a request (the sync pass's read-back; the benchmarks' baseline).
        int ordersPerRequest = 0;
        int bulkPollMs = 1000;
        // The alert for a finished run with anything not matched: the connector's webhook
        // (empty: none) and the mail server's password (mail goes to connector.alertEmails).
        QString alertWebhook;
        QString alertMailPassword;
    };
    struct OrderResult
    {
        qint64 orderId = 0;
        QString orderTranId;
        QString channelOrder;
        QList<Reconciliation::Row> rows;
        QString problem;      // the channel's order could not be read: unknown
        QString storeProblem; // read and compared, but the reading could not be kept
    };

    ReconcileRun(QNetworkAccessManager &network, Database &database, Config config,
                 QObject *parent = nullptr);
    ~ReconcileRun() override;

    void start();
    void cancel();

    // The run's row (id 0 until started): state, cursor, counts per verdict, channel cost.
    qint64 runId() const { return m_record.id; }
    ReconciliationRunRecord record() const { return m_record; }
    // The last alert's delivery problem (empty: none, or no alert was due).
    QString alertProblem() const { return m_alertProblem; }
    // "Slow down" answers (429, THROTTLED) the channel gave this session's reads.
    int channelThrottled() const;

Q_SIGNALS:
    // The run's row exists (a new one, or the resumed one): its id, for --resume.
    void runStarted(qint64 runId);
    void progressed(int done, int total);
    // results: the orders read in this session (a resumed run: those after the cursor).
    // error: the run could not be made at all (the local copy unreadable, no such run).
    void finished(const QList<fulfillsync::ReconcileRun::OrderResult> &results,
                  const QString &error);

private:
    bool prepare(QString *error);
    void readNextBatch();
    void readBulk();
    void classifyBulkStep();
    void classifyStep(const QHash<QString, ChannelRead> &reads, qsizetype count);
    void applyRead(OrderResult &result, const ChannelRead &read, const QDateTime &now);
    void finish(const QString &state, const QString &error);
    void saveRecord();

    QNetworkAccessManager &m_network;
    Database &m_database;
    Config m_config;
    QList<OrderResult> m_results; // to read, then read
    qsizetype m_next = 0;
    QHash<qint64, QList<Reconciliation::Shipped>> m_shipped; // by order
    bool m_cancelled = false;
    bool m_done = false;
    QHash<QString, ChannelRead> m_bulkReads;
    std::unique_ptr<ChannelConnection> m_channel;
    ReconciliationRunRecord m_record;
    int m_requestsBefore = 0; // a resumed run's, before this session
    double m_requestedBefore = 0;
    double m_actualBefore = 0;
    ReconcileAlert *m_alert = nullptr;
    QString m_alertProblem;
};

} // namespace fulfillsync
