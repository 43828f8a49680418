#pragma once

#include "sandbox/server/httpexchange.h"

#include <QDateTime>

namespace fulfillsync::sandbox {

class NetSuiteStore;

// POST /services/rest/record/v1/salesOrder/{id}/!transform/itemFulfillment (apis.md §1.4,
// docs/3pl-connector-brief.md): creates an item fulfillment from the order and answers 204 with
// the new record's Location. The body sets fields of the new record:
//   externalId, shipStatus ("C" or {"id":"C"}), tranDate, shipMethod ({"id"}),
//   item.items[] {orderLine, quantity, itemReceive, location}, and the package sublist that
//   the ship method uses (package, packageUps, packageFedex, packageUsps) with its
//   packageTrackingNumber…/packageWeight… fields.
// Rules, each a documented fact or a marked choice where NetSuite's behaviour is unsure:
//  * like the form it stands for, the new record starts with every open line received in full:
//    a line the body leaves out is fulfilled too, unless the body says itemReceive:false for it
//    or the query has replace=item [unsure: Oracle's example switches unwanted lines off];
//  * no line may exceed what is left of the order line after earlier fulfillments of any
//    status (USER_ERROR) [wording unsure]; no line at all is VALID_LINE_ITEM_REQD;
//  * external ids are unique across transactions: a repeat is refused with DUP_RCRD [unsure
//    for REST]; only letters, digits, '_' and '-' are allowed;
//  * X-NetSuite-Idempotency-Key is documented for asynchronous requests only; a synchronous
//    transform ignores it here, so a client must not rely on it.
namespace NetSuiteTransform {
bool isTransformPath(const QString &path);
HttpReply handle(const HttpRequest &request, NetSuiteStore &store, const QDateTime &now);
} // namespace NetSuiteTransform

} // namespace fulfillsync::sandbox
