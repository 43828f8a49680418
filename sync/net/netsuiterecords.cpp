#include "sync/net/netsuiterecords.h"

#include "sync/net/httpcall.h"
#include "sync/net/suiteqlquery.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

namespace fulfillsync {

namespace {

// Reference fields are {"id": "12", "refName": "UPS Ground"}; ids may be strings or numbers.
qint64 refId(const QJsonValue &value)
{
    const QJsonValue id = value.isObject() ? value.toObject().value(QLatin1String("id")) : value;
    if (id.isDouble())
        return qint64(id.toDouble());
    return id.toString().toLongLong();
}

QString refName(const QJsonValue &value)
{
    return value.isObject() ? value.toObject().value(QLatin1String("refName")).toString()
                            : value.toString();
}

QJsonArray sublist(const QJsonObject &record, const char *name)
{
    return record.value(QLatin1String(name)).toObject().value(QLatin1String("items")).toArray();
}

QDateTime isoTime(const QJsonValue &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace

namespace {

QUrl recordUrl(const NetSuiteEndpoint &endpoint, const QString &path)
{
    QUrl url = endpoint.restBase();
    url.setPath(url.path() + QStringLiteral("/services/rest/record/v1/") + path);
    return url;
}

QString transformPath(qint64 salesOrderId)
{
    return QStringLiteral("salesOrder/%1/!transform/itemFulfillment").arg(salesOrderId);
}

// A signed Record API call; the signature is made anew for every attempt.
HttpCall *recordCall(QNetworkAccessManager &network, const NetSuiteEndpoint &endpoint,
                     const QString &path, const QUrlQuery &query, const QByteArray &verb,
                     const QByteArray &body, const QByteArray &idempotencyKey, QObject *parent)
{
    QUrl url = recordUrl(endpoint, path);
    if (!query.isEmpty())
        url.setQuery(query);
    auto factory = [url, endpoint, verb, body, idempotencyKey] {
        HttpCall::Prepared prepared;
        prepared.request.setUrl(url);
        prepared.request.setRawHeader("Accept", "application/json");
        prepared.request.setRawHeader(
            "Authorization", TbaSigner::authorizationHeader(
                                 verb, url, endpoint.realm(), endpoint.credentials,
                                 TbaSigner::newNonce(), QDateTime::currentSecsSinceEpoch()));
        if (!body.isEmpty())
            prepared.request.setHeader(QNetworkRequest::ContentTypeHeader,
                                       QByteArray("application/json"));
        if (!idempotencyKey.isEmpty())
            prepared.request.setRawHeader("X-NetSuite-Idempotency-Key", idempotencyKey);
        prepared.verb = verb;
        prepared.body = body;
        return prepared;
    };
    auto *call = new HttpCall(network, factory, verb == "GET", parent);
    call->setTimeoutMs(endpoint.timeoutMs);
    return call;
}

QUrlQuery expanded(bool expandSubResources)
{
    return expandSubResources
               ? QUrlQuery{{QStringLiteral("expandSubResources"), QStringLiteral("true")}}
               : QUrlQuery();
}

} // namespace

HttpCall *NetSuiteRecords::get(QNetworkAccessManager &network, const NetSuiteEndpoint &endpoint,
                               const QString &recordType, qint64 id, bool expandSubResources,
                               QObject *parent)
{
    return recordCall(network, endpoint, recordType + u'/' + QString::number(id),
                      expanded(expandSubResources), "GET", {}, {}, parent);
}

HttpCall *NetSuiteRecords::getByExternalId(QNetworkAccessManager &network,
                                           const NetSuiteEndpoint &endpoint,
                                           const QString &recordType, const QString &externalId,
                                           bool expandSubResources, QObject *parent)
{
    return recordCall(network, endpoint, recordType + QStringLiteral("/eid:") + externalId,
                      expanded(expandSubResources), "GET", {}, {}, parent);
}

HttpCall *NetSuiteRecords::transformToFulfillment(QNetworkAccessManager &network,
                                                  const NetSuiteEndpoint &endpoint,
                                                  qint64 salesOrderId, const QByteArray &body,
                                                  const QString &externalId, QObject *parent)
{
    // The same key for every send of one external id. NetSuite documents the header for
    // asynchronous requests only; it is sent in case it helps, never relied on.
    static const QUuid keySpace(QStringLiteral("{5b1c7e0a-3f1d-4b7e-9a59-2d1f0c3e6a11}"));
    const QByteArray key =
        QUuid::createUuidV5(keySpace, externalId).toByteArray(QUuid::WithoutBraces);
    return recordCall(network, endpoint, transformPath(salesOrderId), {}, "POST", body, key,
                      parent);
}

QUrl NetSuiteRecords::transformUrl(const NetSuiteEndpoint &endpoint, qint64 salesOrderId)
{
    return recordUrl(endpoint, transformPath(salesOrderId));
}

qint64 NetSuiteRecords::idOfRecord(const HttpResult &result)
{
    if (result.status != 200)
        return 0;
    return refId(QJsonDocument::fromJson(result.body).object().value(QLatin1String("id")));
}

qint64 NetSuiteRecords::idFromLocation(const HttpResult &result)
{
    const QByteArray location = result.header("Location");
    bool ok = false;
    const qint64 id = location.mid(location.lastIndexOf('/') + 1).toLongLong(&ok);
    return ok ? id : 0;
}

std::optional<ItemFulfillment> NetSuiteRecords::fulfillmentFromRecord(const QJsonObject &record,
                                                                      QString *problem)
{
    ItemFulfillment f;
    f.id = refId(record.value(QLatin1String("id")));
    f.orderId = refId(record.value(QLatin1String("createdFrom")));
    if (f.id == 0 || f.orderId == 0) {
        *problem = QCoreApplication::translate(
            "NetSuiteRecords", "The item fulfillment record has no id or no createdFrom order.");
        return std::nullopt;
    }
    f.tranId = record.value(QLatin1String("tranId")).toString();
    f.tranDate = record.value(QLatin1String("tranDate")).toString();
    const QJsonValue status = record.value(QLatin1String("shipStatus"));
    f.shipStatus = status.isObject() ? status.toObject().value(QLatin1String("id")).toString()
                                     : status.toString();
    f.shipMethodId = refId(record.value(QLatin1String("shipMethod")));
    f.shipMethodName = refName(record.value(QLatin1String("shipMethod")));
    f.lastModified = isoTime(record.value(QLatin1String("lastModifiedDate")));
    for (const QJsonValue &value : sublist(record, "item")) {
        const QJsonObject line = value.toObject();
        if (line.contains(QLatin1String("kitMemberOf")))
            continue; // kit components have no order line of their own
        ItemFulfillmentLine l;
        l.lineId = refId(line.value(QLatin1String("line")));
        l.orderLine = refId(line.value(QLatin1String("orderLine")));
        l.itemId = refId(line.value(QLatin1String("item")));
        l.itemName = refName(line.value(QLatin1String("item")));
        l.quantity = line.value(QLatin1String("quantity")).toDouble();
        l.locationId = refId(line.value(QLatin1String("location")));
        l.locationName = refName(line.value(QLatin1String("location")));
        f.lines << l;
    }
    static const std::pair<const char *, const char *> packageLists[] = {
        {"package", "packageTrackingNumber"},
        {"packageUps", "packageTrackingNumberUps"},
        {"packageFedex", "packageTrackingNumberFedEx"},
        {"packageUsps", "packageTrackingNumberUsps"},
    };
    for (const auto &[list, field] : packageLists) {
        for (const QJsonValue &value : sublist(record, list)) {
            const QString number =
                value.toObject().value(QLatin1String(field)).toString().trimmed();
            if (!number.isEmpty() && !f.trackingNumbers.contains(number))
                f.trackingNumbers << number;
        }
    }
    return f;
}

std::optional<SalesOrder> NetSuiteRecords::salesOrderFromRecord(const QJsonObject &record,
                                                                QString *problem)
{
    SalesOrder o;
    o.id = refId(record.value(QLatin1String("id")));
    if (o.id == 0) {
        *problem =
            QCoreApplication::translate("NetSuiteRecords", "The sales order record has no id.");
        return std::nullopt;
    }
    o.tranId = record.value(QLatin1String("tranId")).toString();
    o.tranDate = record.value(QLatin1String("tranDate")).toString();
    const QJsonValue status = record.value(QLatin1String("status"));
    o.status = status.isObject() ? status.toObject().value(QLatin1String("id")).toString()
                                 : status.toString();
    o.customer = refName(record.value(QLatin1String("entity")));
    o.channel = record.value(QLatin1String("custbody_fa_channel")).toString();
    o.channelOrder = record.value(QLatin1String("custbody_fa_channel_order")).toString();
    if (o.channelOrder.isEmpty())
        o.channelOrder = record.value(QLatin1String("otherRefNum")).toString();
    o.lastModified = isoTime(record.value(QLatin1String("lastModifiedDate")));
    for (const QJsonValue &value : sublist(record, "item")) {
        const QJsonObject line = value.toObject();
        o.lines << SalesOrderLine{refId(line.value(QLatin1String("line"))),
                                  refId(line.value(QLatin1String("item"))),
                                  refName(line.value(QLatin1String("item"))),
                                  line.value(QLatin1String("quantity")).toDouble(),
                                  line.value(QLatin1String("quantityFulfilled")).toDouble()};
    }
    return o;
}

NetSuiteConnectionTest::NetSuiteConnectionTest(QNetworkAccessManager &network,
                                               NetSuiteEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
{}

void NetSuiteConnectionTest::start()
{
    auto *query = new SuiteQlQuery(
        m_network, m_endpoint,
        QStringLiteral("SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd'"), this);
    query->setPageSize(1);
    connect(query, &SuiteQlQuery::finished, this, [this, query](const NetSuiteError &error, bool) {
        query->deleteLater();
        Result result;
        const QString host = m_endpoint.restBase().host();
        if (error.isOk()) {
            result.hostAnswers = result.credentialsAccepted = result.canReadTransactions = true;
            result.summary = tr("Connected to %1: the credentials work and the role can read "
                                "sales orders.")
                                 .arg(host);
        } else if (error.httpStatus == 0) {
            result.summary = tr("%1 does not answer. %2").arg(host, error.message);
        } else if (error.errorClass == ErrorClass::Auth) {
            result.hostAnswers = true;
            result.summary = tr("%1 answers, but refused the login. %2").arg(host, error.message);
        } else {
            result.hostAnswers = result.credentialsAccepted = true;
            result.summary = tr("%1 accepted the login, but reading transactions failed. %2")
                                 .arg(host, error.message);
        }
        Q_EMIT finished(result);
    });
    query->start();
}

} // namespace fulfillsync
