#pragma once

#include "models/domain/domain.h"
#include "sync/net/netsuiteendpoint.h"
#include "sync/net/netsuiteerror.h"

#include <QJsonObject>
#include <QObject>
#include <optional>

class QNetworkAccessManager;

namespace fulfillsync {

class HttpCall;
struct HttpResult;

// NetSuite's Record API, for one order's detail and for repair paths, never for bulk detection
// (that is SuiteQL's job): GET record/v1/{type}/{id}?expandSubResources=true.
namespace NetSuiteRecords {
HttpCall *get(QNetworkAccessManager &network, const NetSuiteEndpoint &endpoint,
              const QString &recordType, qint64 id, bool expandSubResources, QObject *parent);
// GET record/v1/{type}/eid:{externalId}: the record an integration created with that id.
HttpCall *getByExternalId(QNetworkAccessManager &network, const NetSuiteEndpoint &endpoint,
                          const QString &recordType, const QString &externalId,
                          bool expandSubResources, QObject *parent);
// POST record/v1/salesOrder/{id}/!transform/itemFulfillment. Not idempotent: only an answer
// that proves nothing ran (429) is retried; anything else unsure is settled by reading back by
// external id.
HttpCall *transformToFulfillment(QNetworkAccessManager &network, const NetSuiteEndpoint &endpoint,
                                 qint64 salesOrderId, const QByteArray &body,
                                 const QString &externalId, QObject *parent);
// Where that transform goes (for a dry run's list).
QUrl transformUrl(const NetSuiteEndpoint &endpoint, qint64 salesOrderId);
// The new record's id from a 204's Location header; 0 when there is none to read.
qint64 idFromLocation(const HttpResult &result);
// The id of the record a 200 answer holds (a string or a number); 0 for anything else,
// unreadable bodies included: the caller decides what "not found" needs as proof.
qint64 idOfRecord(const HttpResult &result);

// Reads an expanded itemFulfillment record. Tracking numbers come from every package sublist
// NetSuite may use: package, packageUps, packageFedex, packageUsps.
std::optional<ItemFulfillment> fulfillmentFromRecord(const QJsonObject &record, QString *problem);
std::optional<SalesOrder> salesOrderFromRecord(const QJsonObject &record, QString *problem);
} // namespace NetSuiteRecords

// "Test connection": does the host answer, are the credentials accepted, may the role read
// transactions? One SuiteQL call answers all three; the result is in plain words.
class NetSuiteConnectionTest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetSuiteConnectionTest)

public:
    struct Result
    {
        bool hostAnswers = false;
        bool credentialsAccepted = false;
        bool canReadTransactions = false;
        QString summary; // one or two sentences for the admin
        bool ok() const { return hostAnswers && credentialsAccepted && canReadTransactions; }
    };

    NetSuiteConnectionTest(QNetworkAccessManager &network, NetSuiteEndpoint endpoint,
                           QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(const fulfillsync::NetSuiteConnectionTest::Result &result);

private:
    QNetworkAccessManager &m_network;
    NetSuiteEndpoint m_endpoint;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::NetSuiteConnectionTest::Result)
