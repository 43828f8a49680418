#pragma once

#include "models/domain/domain.h"
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

// A reconciliation of one channel connector over a date range: every sales order of its channel
// with an item fulfillment shipped in the range (as the local copy of NetSuite has it, i.e. as
// of the last sync) is read back from the channel, one order after the other through the
// channel's pacer, and compared three ways (Reconciliation::classify). Nothing is sent; each
// order's reading replaces its last one (ReconciliationRepository), for Explain. An order the
// channel could not be read for is a problem, never "matched".
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

Q_SIGNALS:
    void progressed(int done, int total);
    // error: the run could not be made at all (the local copy unreadable).
    void finished(const QList<fulfillsync::ReconcileRun::OrderResult> &results,
                  const QString &error);

private:
    void readNext();

    QNetworkAccessManager &m_network;
    Database &m_database;
    Config m_config;
    QList<OrderResult> m_results; // to read, then read
    qsizetype m_next = 0;
    QHash<qint64, QList<Reconciliation::Shipped>> m_shipped; // by order
    bool m_cancelled = false;
    std::unique_ptr<ChannelConnection> m_channel;
};

} // namespace fulfillsync
