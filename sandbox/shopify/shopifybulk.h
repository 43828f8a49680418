#pragma once

#include "sandbox/server/httpexchange.h"
#include "sandbox/shopify/shopifystore.h"

namespace fulfillsync::sandbox {

// Shopify's bulk query operations (bulkOperationRunQuery): the query is checked as Shopify
// documents it (one top-level connection, no node/nodes at the top, at most five connections,
// nested at most two levels deep), run at once against the shop (its data as of the start),
// and its JSONL result — one line per object, a nested connection's nodes on lines of their
// own after their parent, each with __parentId — is kept for the download address the
// operation names when it completes. One bulk query runs at a time per shop; a second is
// refused with OPERATION_IN_PROGRESS. The mutation costs 10 points like any other.
//
// Not from Shopify's documents, so chosen here: an object holding a nested connection must
// select its id (its children name it); a run takes objectCount / bulkObjectsPerSecond of the
// shop's clock; a failure armed with failNext (POST /shopify/{shop}/_sandbox/bulk) ends the
// operation FAILED with that errorCode (INTERNAL_SERVER_ERROR and TIMEOUT keep the first half
// of the lines at partialDataUrl, ACCESS_DENIED none).
namespace ShopifyBulk {

// The mutation. baseUrl: scheme and host the client reached (the download address is built
// on it, as Shopify's lives on its storage host).
QJsonObject runQuery(ShopifyStore &store, ShopifyStore::Shop &shop, const QString &query,
                     qint64 clockMs, const QDateTime &now, const QUrl &baseUrl);
// GET /shopify/{shop}/bulk/{id}.jsonl?signature=…: no access token (a signed address), no
// rate limit. partial: the partial-data file.
HttpReply download(const ShopifyStore::Shop &shop, qint64 operationId, bool partial,
                   const QByteArray &signature, qint64 clockMs);

} // namespace ShopifyBulk

} // namespace fulfillsync::sandbox
