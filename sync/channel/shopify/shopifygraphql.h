#pragma once

#include "sync/channel/channelconnection.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace fulfillsync {

// The Shopify GraphQL Admin API as fulfillment sync uses it: three read shapes and two
// mutations, their requested costs, and strict readers. A reader accepts exactly the shape it
// asked for; a missing field, a wrong type or an unexpected enum makes the answer Unreadable,
// never an empty list.
namespace ShopifyGraphQl {

// Page sizes of the planning read: small enough that nine orders fit one request (Shopify
// refuses queries whose requested cost exceeds 1,000 points), large enough for nearly every
// order; an order with more comes back Incomplete and is read alone with larger pages.
inline constexpr int kGroupsPerOrder = 4;
inline constexpr int kLinesPerGroup = 10;
inline constexpr int kGroupsAlone = 8;
inline constexpr int kLinesAlone = 50;
inline constexpr int kFulfillmentsRead = 25; // a read-back sees at most this many
inline constexpr int kTrackingPerFulfillment = 5;
inline constexpr int kLinesPerFulfillment = 10;
inline constexpr double kMaxQueryCost = 1000;
// The cost bucket a connector starts with, until Shopify's first answer tells the shop's own
// (throttleStatus): Standard's 1,000 points restoring 50 a second, 20 kept in hand.
inline constexpr double kStandardRestorePerSecond = 50.0;
inline constexpr int kStandardBucketPoints = 1000;
inline constexpr int kCostHeadroom = 20;
inline constexpr double kMutationCost = 10;

// The requested cost of reading `orders` orders in one planning request (Shopify's rules:
// object 1, connection 2 + first × node, list first × item, scalars and enums 0).
double planningReadCost(int orders);

// A GraphQL request's body: {query, variables}.
QByteArray requestBody(const QString &query, const QJsonObject &variables);
// An answer's data object, or why there is none (not JSON, top-level errors, no data); every
// read of the pass and the reconciliation goes through it.
std::optional<QJsonObject> dataOf(const QByteArray &body, QString *problem);
int ordersPerPlanningRead(); // as many as fit kMaxQueryCost
double singleReadCost(bool withFulfillments);

QByteArray planningReadBody(const QStringList &orderIds);
QByteArray singleReadBody(const QString &orderId, bool withFulfillments);
QString orderGid(const QString &orderId);

// Reads a planning answer (nodes) for these ids, or a single-order answer (order).
QHash<QString, ChannelRead> readPlanningAnswer(const QByteArray &body, const QStringList &ids);
ChannelRead readSingleAnswer(const QByteArray &body, const QString &orderId, bool withFulfillments);

// THROTTLED (not executed): how long until the bucket holds what the request asked for.
std::optional<int> throttledWaitMs(const QByteArray &body);
struct ThrottleStatus
{
    double maximumAvailable = 0;
    double currentlyAvailable = 0;
    double restoreRate = 0;
};
std::optional<ThrottleStatus> throttleStatus(const QByteArray &body);

// A mutation's answer: Confirmed only with the fulfillment's id, Refused only with userErrors
// and no fulfillment; anything else (top-level errors, unreadable JSON, missing payload) is
// Ambiguous.
ChannelAnswer readMutationAnswer(const QByteArray &body, const QString &mutation);

// The numeric tail of a global id ("gid://shopify/Fulfillment/123" → "123"); empty when the
// value is not such an id.
QString numericId(const QString &gid);

} // namespace ShopifyGraphQl

} // namespace fulfillsync
