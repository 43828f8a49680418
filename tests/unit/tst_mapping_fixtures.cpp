// JSON fixtures for tst_mapping.cpp, in their own file because moc cannot parse raw strings.

const char *fixture(int index)
{
    static const char *const fixtures[] = {
        R"({"order":{"id":5005,"line_items":[ {"id":9007,"sku":"TSHIRT-RED-M","quantity":1},{"id":9008,"sku":"CAP-BLACK","quantity":2}]}})",
        R"({"fulfillment_orders":[{"id":801,"status":"open","assigned_location_id":7001, "line_items":[{"id":901,"line_item_id":9007,"quantity":1,"fulfillable_quantity":1}, {"id":902,"line_item_id":9008,"quantity":2,"fulfillable_quantity":2}]}]})",
        R"({"fulfillment_orders":[ {"id":801,"status":"closed","assigned_location_id":7001,"line_items":[{"id":901,"line_item_id":9007,"quantity":1,"fulfillable_quantity":0}]}, {"id":802,"status":"open","assigned_location_id":7001,"line_items":[{"id":903,"line_item_id":9008,"quantity":2,"fulfillable_quantity":2}]}]})",
        R"({"fulfillment_orders":[{"id":801,"status":"closed","line_items":[]}]})",
        R"({"fulfillments":[ {"id":111,"status":"success","tracking_numbers":["9999"],"line_items":[]}, {"id":112,"status":"success","tracking_numbers":["1Z6","1Z5"],"line_items":[]}]})",
        R"({"fulfillments":[]})",
        R"({"data":{"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/77"},"userErrors":[]}}})",
        R"({"data":{"fulfillmentCreate":{"fulfillment":null,"userErrors":[{"field":["x"],"message":"closed"}]}}})",
        R"({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],"extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":4,"restoreRate":50.0}}}})",
        // 9: the order's lines at two locations (FO 801 at 7001, FO 802 at 7002)
        R"({"fulfillment_orders":[{"id":801,"status":"open","assigned_location_id":7001, "line_items":[{"id":901,"line_item_id":9007,"quantity":1,"fulfillable_quantity":1}]}, {"id":802,"status":"open","assigned_location_id":7002,"line_items":[{"id":902,"line_item_id":9008,"quantity":2,"fulfillable_quantity":2}]}]})",
    };
    return fixtures[index];
}
