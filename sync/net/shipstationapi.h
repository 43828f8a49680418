#pragma once

#include "models/domain/threepl.h"

#include <QHash>
#include <QJsonArray>
#include <QUrl>
#include <optional>

class QNetworkAccessManager;
class QObject;

namespace fulfillsync {

class HttpCall;
class LeakyBucketPacer;
struct HttpResult;

// Where and how to reach one ShipStation-style 3PL account. Held in memory only (it carries the
// API secret).
struct ThreePlEndpoint
{
    QUrl baseUrl; // https://ssapi.shipstation.com, or the sandbox's /shipstation
    QString apiKey;
    QString apiSecret;
    int timeoutMs = 60000;
};

// ShipStation API v1 (docs/3pl-connector-brief.md): HTTP Basic auth, 40 requests a minute per
// key in fixed windows, told by X-Rate-Limit-Limit/-Remaining/-Reset on every answer.
namespace ShipStationApi {
constexpr int kPageSize = 500; // the most GET /shipments returns per page
constexpr int kRequestsPerMinute = 40;

// GET /shipments created (or, with `voids`, voided) since `since`, oldest first, with their
// items. Read-only: retried.
HttpCall *listShipments(QNetworkAccessManager &network, const ThreePlEndpoint &endpoint,
                        const QDateTime &since, int page, QObject *parent, bool voids = false);

// POST /orders/createorders with up to 100 orders. An order with a known orderKey is updated,
// so sending a batch again after a lost answer changes nothing: retried like a read.
HttpCall *createOrders(QNetworkAccessManager &network, const ThreePlEndpoint &endpoint,
                       const QJsonArray &orders, QObject *parent);
QUrl createOrdersUrl(const ThreePlEndpoint &endpoint); // for a dry run's list
struct OrderResult
{
    bool success = false;
    QString orderId;
    QString errorMessage;
};
// The per-order results by orderKey; nothing when the answer cannot be read.
std::optional<QHash<QString, OrderResult>> readCreateOrdersAnswer(const QByteArray &body);

// GET /orders/{orderId}: the order as the 3PL has it now. Read-only: retried. orderId is the
// 3PL's numeric id (anything else is never put in a path: nullptr).
HttpCall *getOrder(QNetworkAccessManager &network, const ThreePlEndpoint &endpoint,
                   const QString &orderId, QObject *parent);
// Its orderStatus (awaiting_shipment, shipped, cancelled, ...); nothing when unreadable.
std::optional<QString> readOrderStatus(const QByteArray &body);

struct ShipmentPage
{
    QList<ThreePlShipment> shipments;
    int page = 0;
    int pages = 0;
};
// A page, or nothing with the reason when any part of it cannot be read: an unreadable page is
// unknown, never empty.
std::optional<ShipmentPage> readShipmentPage(const QByteArray &body, QString *problem);

// The pacer a key's requests share: 40 a minute, corrected by every answer's headers (other
// apps on the same key use the same quota).
LeakyBucketPacer makePacer();
void observeRateLimit(LeakyBucketPacer &pacer, const HttpResult &result, qint64 nowMs);
// Books every attempt of `call` in the key's pacer (none: unpaced) and corrects it from the
// answers' headers.
void pace(HttpCall &call, LeakyBucketPacer *pacer);
} // namespace ShipStationApi

} // namespace fulfillsync
