#include "sync/threepl/threeplordersender.h"

#include "models/storage/database.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/threeplrepository.h"
#include "models/storage/watermarkrepository.h"
#include "sync/net/httpcall.h"
#include "sync/net/leakybucketpacer.h"
#include "sync/net/netsuiteerror.h"
#include "sync/net/suiteql.h"
#include "sync/net/suiteqlquery.h"
#include "sync/threepl/shipmentplanner.h"
#include "sync/threepl/threeplorderdecision.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcOrdersOut, "fulfillsync.threepl.orders")

namespace fulfillsync {

namespace {

constexpr int kOrdersPerQuery = 900; // ids in one SuiteQL IN list

// `so.id IN (...)`, in lists SuiteQL takes (at most kOrdersPerQuery each), joined by OR.
QString orderIdsIn(const QList<qint64> &orderIds)
{
    QStringList lists;
    for (qsizetype from = 0; from < orderIds.size(); from += kOrdersPerQuery) {
        QStringList ids;
        for (qint64 id : orderIds.mid(from, kOrdersPerQuery))
            ids << SuiteQl::integerLiteral(id);
        lists << QStringLiteral("so.id IN (") + ids.join(QStringLiteral(", ")) + u')';
    }
    return lists.join(QStringLiteral(" OR "));
}

// Orders changed since `since`, and `retry`: the ones the 3PL refused before and those open in
// the Inbox (read on every run), or a resync's orders (with no `since`).
// Every status: the watermark follows every change, so the overlap does not keep re-reading
// the newest released orders; rows of statuses the first leg never acts on are dropped as they
// arrive.
QString releasedOrdersSince(const QDateTime &since, const QList<qint64> &retry)
{
    QString where;
    if (since.isValid())
        where = QStringLiteral("so.lastmodifieddate >= ") + SuiteQl::timestampLiteral(since);
    if (!retry.isEmpty())
        where += (where.isEmpty() ? QString() : QStringLiteral(" OR ")) + orderIdsIn(retry);
    return QStringLiteral("SELECT so.id AS so_id, so.tranid AS so_tranid, so.status AS so_status, "
                          "TO_CHAR(so.trandate, 'YYYY-MM-DD') AS so_date, "
                          "TO_CHAR(so.lastmodifieddate, 'YYYY-MM-DD\"T\"HH24:MI:SS') AS so_lmd, "
                          "so.shipmethod AS ship_method_id, BUILTIN.DF(so.shipmethod) AS "
                          "ship_method, sl.id AS so_line, sl.item AS item, BUILTIN.DF(sl.item) AS "
                          "item_name, ABS(sl.quantity) AS quantity, sl.location AS location, "
                          "BUILTIN.DF(sl.location) AS location_name, "
                          "BUILTIN.DF(so.entity) AS customer_name, c.email AS customer_email, "
                          "c.phone AS customer_phone, "
                          "sa.addressee AS ship_addressee, sa.attention AS ship_attention, "
                          "sa.addr1 AS ship_addr1, sa.addr2 AS ship_addr2, sa.city AS ship_city, "
                          "sa.state AS ship_state, sa.zip AS ship_zip, sa.country AS "
                          "ship_country, sa.addrphone AS ship_phone, "
                          "ba.addressee AS bill_addressee, ba.attention AS bill_attention, "
                          "ba.addr1 AS bill_addr1, ba.addr2 AS bill_addr2, ba.city AS bill_city, "
                          "ba.state AS bill_state, ba.zip AS bill_zip, ba.country AS "
                          "bill_country, ba.addrphone AS bill_phone "
                          "FROM transaction so "
                          "JOIN transactionline sl ON sl.transaction = so.id AND sl.mainline = 'F' "
                          "AND sl.kitcomponent = 'F' "
                          "LEFT JOIN customer c ON c.id = so.entity "
                          "LEFT JOIN TransactionShippingAddress sa ON sa.nkey = so.shippingaddress "
                          "LEFT JOIN TransactionBillingAddress ba ON ba.nkey = so.billingaddress "
                          "WHERE so.type = 'SalesOrd' AND (") +
           where + QStringLiteral(") ORDER BY so.lastmodifieddate, so.id, sl.id");
}

QString fulfilledQuantities(const QList<qint64> &orderIds)
{
    QStringList ids;
    for (qint64 id : orderIds)
        ids << SuiteQl::integerLiteral(id);
    return QStringLiteral("SELECT ntll.previousdoc AS so_id, ntll.previousline AS so_line, "
                          "SUM(ABS(fl.quantity)) AS quantity FROM NextTransactionLineLink ntll "
                          "JOIN transaction f ON f.id = ntll.nextdoc AND f.type = 'ItemShip' "
                          "AND f.void = 'F' "
                          "JOIN transactionline fl ON fl.transaction = f.id AND fl.id = "
                          "ntll.nextline "
                          "WHERE ntll.linktype = 'ShipRcpt' AND ntll.previousdoc IN (") +
           ids.join(QStringLiteral(", ")) +
           QStringLiteral(") GROUP BY ntll.previousdoc, ntll.previousline "
                          "ORDER BY ntll.previousdoc, ntll.previousline");
}

// ShipStation's Address model from the `prefix` ("ship" or "bill") columns of a released-orders
// row: NetSuite's attention is the person, its addressee then the company. Empty fields are
// left out (unknown is not "none": no residential flag either).
QJsonObject addressOf(const QJsonObject &row, const char *prefix)
{
    const auto column = [&row, prefix](const char *name) {
        const QByteArray key = QByteArray(prefix) + '_' + name;
        return SuiteQlValue::text(row, key.constData()).trimmed();
    };
    const QString addressee = column("addressee");
    const QString attention = column("attention");
    QJsonObject address;
    const auto put = [&address](const char *key, const QString &value) {
        if (!value.isEmpty())
            address.insert(QLatin1String(key), value);
    };
    put("name", attention.isEmpty() ? addressee : attention);
    put("company", attention.isEmpty() ? QString() : addressee);
    put("street1", column("addr1"));
    put("street2", column("addr2"));
    put("city", column("city"));
    put("state", column("state"));
    put("postalCode", column("zip"));
    put("country", column("country"));
    put("phone", column("phone"));
    return address;
}

// Countries whose addresses have no postal code (the Universal Postal Union's list, less a few
// that introduced one since): an order there is not held for lacking one.
bool usesPostalCodes(const QString &country)
{
    static const QSet<QString> none = {
        QStringLiteral("AE"), QStringLiteral("AG"), QStringLiteral("AO"), QStringLiteral("AW"),
        QStringLiteral("BF"), QStringLiteral("BI"), QStringLiteral("BJ"), QStringLiteral("BO"),
        QStringLiteral("BS"), QStringLiteral("BW"), QStringLiteral("BZ"), QStringLiteral("CD"),
        QStringLiteral("CF"), QStringLiteral("CG"), QStringLiteral("CI"), QStringLiteral("CK"),
        QStringLiteral("CM"), QStringLiteral("DJ"), QStringLiteral("DM"), QStringLiteral("ER"),
        QStringLiteral("FJ"), QStringLiteral("GD"), QStringLiteral("GH"), QStringLiteral("GM"),
        QStringLiteral("GQ"), QStringLiteral("GY"), QStringLiteral("HK"), QStringLiteral("KI"),
        QStringLiteral("KM"), QStringLiteral("KN"), QStringLiteral("KP"), QStringLiteral("LC"),
        QStringLiteral("ML"), QStringLiteral("MO"), QStringLiteral("MR"), QStringLiteral("MW"),
        QStringLiteral("NR"), QStringLiteral("NU"), QStringLiteral("QA"), QStringLiteral("RW"),
        QStringLiteral("SB"), QStringLiteral("SC"), QStringLiteral("SL"), QStringLiteral("SR"),
        QStringLiteral("ST"), QStringLiteral("SY"), QStringLiteral("TD"), QStringLiteral("TG"),
        QStringLiteral("TK"), QStringLiteral("TL"), QStringLiteral("TO"), QStringLiteral("TT"),
        QStringLiteral("TV"), QStringLiteral("UG"), QStringLiteral("VU"), QStringLiteral("YE"),
        QStringLiteral("ZW")};
    return !none.contains(country);
}

// What a warehouse cannot buy a label without, missing from a ship-to address.
QStringList missingForLabel(const QJsonObject &shipTo)
{
    const QString country = shipTo.value(QLatin1String("country")).toString();
    QStringList missing;
    for (const char *key : {"name", "street1", "city", "postalCode"})
        if (!shipTo.contains(QLatin1String(key)) &&
            (qstrcmp(key, "postalCode") != 0 || usesPostalCodes(country)))
            missing << QLatin1String(key);
    if (country.size() != 2 || !country.at(0).isUpper() || !country.at(1).isUpper())
        missing << QStringLiteral("country (two-letter code)");
    return missing;
}

} // namespace

ThreePlOrderSender::ThreePlOrderSender(QNetworkAccessManager &network, Database &database,
                                       Config config, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_database(database)
    , m_config(std::move(config))
{}

void ThreePlOrderSender::start()
{
    const QDateTime mark =
        WatermarkRepository(m_database.connection()).value(m_config.connectorId, watermarkStream());
    const QDateTime since = mark.isValid() ? mark.addSecs(-m_config.overlapSeconds)
                            : m_config.firstPassSince.isValid() ? m_config.firstPassSince
                                                                : m_config.clock().addDays(-30);
    m_newest = mark;
    Q_EMIT progressed(tr("Reading released orders from NetSuite"), 0, 0);
    QList<qint64> refused = ThreePlRepository(m_database.connection())
                                .ordersInState(m_config.connectorId, QStringLiteral("refused"));
    refused = refused.mid(0, kOrdersPerQuery);
    m_refused = QSet<qint64>(refused.cbegin(), refused.cend());
    for (const QString &key : InboxRepository(m_database.connection())
                                  .openKeys(m_config.connectorId, InboxSubject::ThreePlOrder))
        m_inInbox.insert(key.toLongLong());
    // Orders open in the Inbox are read again too, changed or not: what keeps one there (a
    // refused cancel, a hold) is settled by the run that finds it settled, not left open for
    // ever once the order falls out of the overlap.
    QList<qint64> waiting(m_inInbox.cbegin(), m_inInbox.cend());
    std::sort(waiting.begin(), waiting.end());
    QList<qint64> retry = refused;
    for (qint64 id : std::as_const(waiting))
        if (!m_refused.contains(id) && retry.size() < kOrdersPerQuery)
            retry << id;
    // A resync reads its orders only, whenever they changed: the others wait for a whole run.
    const QString query = m_config.onlyOrders.isEmpty()
                              ? releasedOrdersSince(since, retry)
                              : releasedOrdersSince(QDateTime(), m_config.onlyOrders);
    m_query = new SuiteQlQuery(m_network, m_config.netsuite, query, this);
    m_query->setGate(m_config.netSuiteGate);
    m_query->setRetryPolicy(m_config.netSuiteRetry);
    connect(m_query, &SuiteQlQuery::pageReceived, this, &ThreePlOrderSender::onRows);
    connect(m_query, &SuiteQlQuery::finished, this, [this](const NetSuiteError &error, bool) {
        m_result.netSuiteRequests += m_query->requestsSent();
        m_query->deleteLater();
        onOrdersRead(error.isOk(), error.message);
    });
    m_query->start();
}

void ThreePlOrderSender::abort()
{
    if (m_query)
        m_query->abort();
    if (m_call)
        m_call->abort();
    finish(tr("Cancelled."));
}

// Each page as it arrives: the watermark follows every row, but only the rows the first leg
// may act on are kept, so a large account's billed history never fills the run's memory.
void ThreePlOrderSender::onRows(const QList<QJsonObject> &rows)
{
    static const QStringList actedOn = ThreePlOrderDecision::statusesActedOn();
    for (const QJsonObject &row : rows) {
        if (!m_rowProblem.isEmpty())
            return;
        // Unknown is never "nothing left": an order is sent whole or not at all, and the
        // watermark stays before a row that cannot be read.
        m_rowProblem = unreadableOrderRow(row);
        if (!m_rowProblem.isEmpty())
            return;
        const QDateTime modified = SuiteQlValue::timestamp(row, "so_lmd");
        if (!m_newest.isValid() || modified > m_newest)
            m_newest = modified;
        const qint64 order = SuiteQlValue::integer(row, "so_id");
        if (actedOn.contains(SuiteQlValue::text(row, "so_status")) || m_refused.contains(order) ||
            m_inInbox.contains(order))
            m_rows << row;
    }
}

QString ThreePlOrderSender::unreadableOrderRow(const QJsonObject &row)
{
    bool idOk = false, lineOk = false, quantityOk = false;
    SuiteQlValue::integer(row, "so_id", &idOk);
    SuiteQlValue::integer(row, "so_line", &lineOk);
    SuiteQlValue::number(row, "quantity", &quantityOk);
    if (!SuiteQlValue::wellTyped(row) || !idOk || !lineOk || !quantityOk ||
        !SuiteQlValue::timestamp(row, "so_lmd").isValid())
        return tr("NetSuite sent a sales order row that could not be read (order %1, line %2); "
                  "nothing of it was sent to the 3PL.")
            .arg(SuiteQlValue::text(row, "so_tranid"), SuiteQlValue::text(row, "so_line"));
    return {};
}

bool ThreePlOrderSender::stillHolds()
{
    if (m_done)
        return false;
    if (!m_config.mayAct || m_config.mayAct())
        return true;
    finish(tr("This worker no longer holds the connector's lease; it stopped without sending or "
              "recording more."));
    return false;
}

void ThreePlOrderSender::onOrdersRead(bool ok, const QString &problem)
{
    if (m_done || !stillHolds())
        return;
    if (!ok)
        return finish(tr("Could not read the released orders from NetSuite: %1").arg(problem));
    if (!m_rowProblem.isEmpty())
        return finish(m_rowProblem);
    // Rows of one order are contiguous (ordered by change time, then order).
    QList<OrderRows> orders;
    for (const QJsonObject &row : std::as_const(m_rows)) {
        const qint64 id = SuiteQlValue::integer(row, "so_id");
        if (orders.isEmpty() || orders.last().id != id)
            orders.append({id,
                           SuiteQlValue::text(row, "so_tranid"),
                           SuiteQlValue::text(row, "so_status"),
                           SuiteQlValue::text(row, "so_date"),
                           false,
                           {}});
        orders.last().lines << row;
    }
    m_rows.clear();

    // Released and not sent yet: send; withdrawn after it was sent: cancel there.
    QList<qint64> ids;
    for (const OrderRows &o : std::as_const(orders))
        ids << o.id;
    const QHash<qint64, QString> sent =
        ThreePlRepository(m_database.connection()).sentOrders(m_config.connectorId, ids);
    QList<qint64> toSend;
    for (OrderRows &o : orders) {
        const ThreePlOrderDecision decision =
            ThreePlOrderDecision::decide(o.status, sent.value(o.id));
        o.cancel = decision.action == ThreePlOrderDecision::Action::Cancel;
        if (decision.action == ThreePlOrderDecision::Action::Settle && !m_config.dryRun) {
            // Cancelled, closed or fulfilled in NetSuite meanwhile: nothing left to send, and
            // nothing left for a person.
            QSqlDatabase db = m_database.connection();
            Transaction transaction(db);
            ThreePlRepository(db).markOrder(
                m_config.connectorId, o.id,
                ShipmentPlanner::orderKeyFor(m_config.netsuite.accountId, o.id), QString(),
                QStringLiteral("settled"), m_config.clock());
            InboxRepository(db).autoResolve(
                m_config.connectorId, InboxSubject::ThreePlOrder, QString::number(o.id),
                tr("No longer to be sent: NetSuite cancelled, closed or fulfilled it."),
                m_config.clock());
            QString error;
            if (!transaction.commit(&error))
                qCWarning(lcOrdersOut) << "could not settle order" << o.id << error;
            continue;
        }
        if (decision.action == ThreePlOrderDecision::Action::Leave && m_inInbox.contains(o.id) &&
            !m_config.dryRun) {
            // Held (it could not be sent as it was), then cancelled, closed or fulfilled in
            // NetSuite: nothing is left for a person either.
            InboxRepository inbox(m_database.connection());
            if (!inbox.autoResolve(m_config.connectorId, InboxSubject::ThreePlOrder,
                                   QString::number(o.id), decision.reason, m_config.clock()))
                qCWarning(lcOrdersOut) << "could not settle order" << o.id << inbox.lastError();
        }
        if (o.cancel || decision.action == ThreePlOrderDecision::Action::Send) {
            m_candidates << o;
            if (!o.cancel)
                toSend << o.id;
        }
    }
    readFulfilled(toSend, 0);
}

// What item fulfillments of any stage (picked and packed too) already took from the lines of
// the orders to send: the 3PL gets only the rest, so nothing is shipped twice.
void ThreePlOrderSender::readFulfilled(const QList<qint64> &orderIds, qsizetype from)
{
    if (m_done)
        return;
    if (from >= orderIds.size())
        return buildOutgoing();
    m_query = new SuiteQlQuery(m_network, m_config.netsuite,
                               fulfilledQuantities(orderIds.mid(from, kOrdersPerQuery)), this);
    m_query->setGate(m_config.netSuiteGate);
    m_query->setRetryPolicy(m_config.netSuiteRetry);
    connect(m_query, &SuiteQlQuery::pageReceived, this, [this](const QList<QJsonObject> &rows) {
        for (const QJsonObject &row : rows) {
            bool orderOk = false, lineOk = false, quantityOk = false;
            const qint64 order = SuiteQlValue::integer(row, "so_id", &orderOk);
            const qint64 line = SuiteQlValue::integer(row, "so_line", &lineOk);
            const double quantity = SuiteQlValue::number(row, "quantity", &quantityOk);
            if (!orderOk || !lineOk || !quantityOk)
                m_unreadableTaken = true; // unknown is never "nothing taken"
            else
                m_taken[{order, line}] += quantity;
        }
    });
    connect(m_query, &SuiteQlQuery::finished, this,
            [this, orderIds, from](const NetSuiteError &error, bool) {
                m_result.netSuiteRequests += m_query->requestsSent();
                m_query->deleteLater();
                if (!error.isOk())
                    return finish(
                        tr("Could not read what is fulfilled already: %1").arg(error.message));
                if (m_unreadableTaken)
                    return finish(tr("NetSuite sent fulfillment rows that could not be read."));
                readFulfilled(orderIds, from + kOrdersPerQuery);
            });
    m_query->start();
}

void ThreePlOrderSender::buildOutgoing()
{
    // The connector's mappings: location -> warehouse id, ship method -> "carrierCode/
    // serviceCode", item -> the 3PL's SKU. Each keyed by NetSuite's internal id or by its name,
    // as Mappings stores them, and matched as the channel connectors match (id first).
    QHash<QString, QString> warehouses, services, skus;
    for (const MappingRule &r : std::as_const(m_config.rules)) {
        if (r.target.isEmpty())
            continue;
        if (r.kind == MappingKind::Location)
            warehouses.insert(r.sourceKey, r.target);
        else if (r.kind == MappingKind::ShipMethod)
            services.insert(r.sourceKey, r.target);
        else if (r.kind == MappingKind::Item)
            skus.insert(r.sourceKey, r.target);
    }
    const auto mapped = [](const QHash<QString, QString> &rules, const QJsonObject &row,
                           const char *idColumn, const char *nameColumn) -> std::optional<QString> {
        for (const char *column : {idColumn, nameColumn}) {
            const QString key = SuiteQlValue::text(row, column);
            if (!key.isEmpty() && rules.contains(key))
                return rules.value(key);
        }
        return std::nullopt;
    };
    for (const OrderRows &o : std::as_const(m_candidates)) {
        QJsonArray items;
        QString warehouse;
        QString problem;
        for (const QJsonObject &row : o.lines) {
            const std::optional<QString> lineWarehouse =
                mapped(warehouses, row, "location", "location_name");
            if (!warehouses.isEmpty() && !lineWarehouse)
                continue; // another warehouse ships this line
            if (warehouse.isEmpty())
                warehouse = lineWarehouse.value_or(QString());
            const double quantity = SuiteQlValue::number(row, "quantity"); // read above
            const qint64 line = SuiteQlValue::integer(row, "so_line");
            const double left = quantity - m_taken.value({o.id, line});
            if (left <= 0)
                continue;
            if (std::floor(left) != left) {
                problem = tr("%1: the 3PL takes whole quantities only; line %2 has %3 left.")
                              .arg(o.tranId)
                              .arg(line)
                              .arg(left);
                break;
            }
            const QString itemName = SuiteQlValue::text(row, "item_name");
            items.append(QJsonObject{
                {QStringLiteral("lineItemKey"), QString::number(line)},
                {QStringLiteral("sku"), mapped(skus, row, "item", "item_name").value_or(itemName)},
                {QStringLiteral("name"), itemName},
                {QStringLiteral("quantity"), left}});
        }
        if (items.isEmpty() && !o.cancel && problem.isEmpty())
            continue; // nothing for this warehouse, or nothing left
        // Where it goes and who pays, as NetSuite has them on the sales order (the customer's
        // name, e-mail and phone where the address lacks them). A cancel carries what there is.
        const QJsonObject &head = o.lines.first();
        const QString customer = SuiteQlValue::text(head, "customer_name");
        const QString customerPhone = SuiteQlValue::text(head, "customer_phone");
        QJsonObject shipTo = addressOf(head, "ship");
        QJsonObject billTo = addressOf(head, "bill");
        for (QJsonObject *address : {&shipTo, &billTo}) {
            if (!address->isEmpty() && !address->contains(QLatin1String("phone")) &&
                !customerPhone.isEmpty())
                address->insert(QStringLiteral("phone"), customerPhone);
            if (!address->contains(QLatin1String("name")) && !customer.isEmpty())
                address->insert(QStringLiteral("name"), customer);
        }
        const QStringList missing = missingForLabel(shipTo);
        if (problem.isEmpty() && !o.cancel && !missing.isEmpty())
            problem = shipTo.size() <= 1
                          ? tr("%1: NetSuite has no ship-to address for it, so the 3PL could not "
                               "ship it. It is sent once the sales order has one.")
                                .arg(o.tranId)
                          : tr("%1: its ship-to address in NetSuite lacks %2, so the 3PL could "
                               "not ship it. It is sent once the sales order has them.")
                                .arg(o.tranId, missing.join(QStringLiteral(", ")));
        if (!problem.isEmpty()) {
            m_result.unsendable << OrderOutcome{o.id, o.tranId, false, {}, {}, problem};
            continue;
        }
        QJsonObject order{
            {QStringLiteral("orderNumber"), o.tranId},
            {QStringLiteral("orderKey"),
             ShipmentPlanner::orderKeyFor(m_config.netsuite.accountId, o.id)},
            {QStringLiteral("orderDate"), QString(o.date + QStringLiteral("T00:00:00"))},
            {QStringLiteral("orderStatus"),
             o.cancel ? QStringLiteral("cancelled") : QStringLiteral("awaiting_shipment")},
            {QStringLiteral("shipTo"), shipTo},
            {QStringLiteral("billTo"), billTo},
            {QStringLiteral("items"), items}};
        const QString email = SuiteQlValue::text(head, "customer_email").trimmed();
        if (!email.isEmpty())
            order.insert(QStringLiteral("customerEmail"), email);
        // Unmapped: the 3PL picks the service (its own rules or defaults).
        const QString service =
            mapped(services, head, "ship_method_id", "ship_method").value_or(QString());
        if (!service.isEmpty()) {
            order.insert(QStringLiteral("carrierCode"), service.section(u'/', 0, 0));
            order.insert(QStringLiteral("serviceCode"), service.section(u'/', 1));
        }
        if (!warehouse.isEmpty())
            order.insert(QStringLiteral("advancedOptions"),
                         QJsonObject{{QStringLiteral("warehouseId"), warehouse.toLongLong()}});
        m_outgoing.push_back({o.id, o.tranId, o.cancel, order,
                              o.cancel ? ThreePlRepository(m_database.connection())
                                             .remoteOrderId(m_config.connectorId, o.id)
                                       : QString()});
    }
    m_candidates.clear();
    m_total = int(m_outgoing.size());
    sendNextBatch();
}

void ThreePlOrderSender::sendNextBatch()
{
    if (m_done)
        return;
    if (m_outgoing.empty())
        return checkRefusedCancel();
    if (m_config.dryRun) {
        for (const Outgoing &o : m_outgoing)
            m_result.planned << OrderOutcome{
                o.salesOrderId,
                o.tranId,
                false,
                QString::fromUtf8(QJsonDocument(o.order).toJson(QJsonDocument::Indented)),
                {},
                {}};
        m_outgoing.clear();
        return finish();
    }
    Q_EMIT progressed(tr("Sending orders to the 3PL"), m_total - int(m_outgoing.size()), m_total);
    QList<Outgoing> batch;
    QJsonArray orders;
    while (!m_outgoing.empty() && batch.size() < kOrdersPerRequest) {
        batch << m_outgoing.front();
        orders.append(m_outgoing.front().order);
        m_outgoing.pop_front();
    }
    if (!stillHolds())
        return;
    HttpCall *call = ShipStationApi::createOrders(m_network, m_config.threePl, orders, this);
    m_call = call;
    ShipStationApi::pace(*call, m_config.threePlPacer);
    call->setSendGuard(m_config.mayAct); // again when it leaves, after the pacer's wait
    connect(call, &HttpCall::finished, this, [this, call, batch](const HttpResult &result) {
        ++m_result.threePlRequests;
        m_result.throttled += result.throttledAnswers;
        call->deleteLater();
        m_call = nullptr;
        onBatchAnswered(batch, result);
    });
    call->start();
}

void ThreePlOrderSender::onBatchAnswered(const QList<Outgoing> &batch, const HttpResult &result)
{
    if (m_done || !stillHolds())
        return;
    if (!result.isSuccess())
        return finish(tr("Could not send orders to the 3PL: %1").arg(result.failureText()));
    const auto answers = ShipStationApi::readCreateOrdersAnswer(result.body);
    // Unreadable: not known which were taken. Sending the batch again is an update, so the
    // leg stops here and the next run sends them again.
    if (!answers)
        return finish(tr("The 3PL's answer to sending orders could not be read."));
    ThreePlRepository ledger(m_database.connection());
    for (const Outgoing &o : batch) {
        const QString key = o.order.value(QLatin1String("orderKey")).toString();
        const auto answer = answers->constFind(key);
        const bool taken = answer != answers->cend() && answer->success;
        OrderOutcome outcome{
            o.salesOrderId,
            o.tranId,
            taken,
            QString::fromUtf8(QJsonDocument(o.order).toJson(QJsonDocument::Indented)),
            QString::fromUtf8(result.body.left(4000)),
            QString()};
        if (!taken) {
            // Tried again on every run (by id) until the 3PL takes it or a person changes it.
            ++m_result.refused;
            outcome.message =
                tr("The 3PL did not take %1: %2. It is sent again on the next run.")
                    .arg(o.tranId, answer == answers->cend() ? tr("it was missing from the answer")
                                                             : answer->errorMessage);
            if (!o.cancel)
                ledger.markOrder(m_config.connectorId, o.salesOrderId, key, QString(),
                                 QStringLiteral("refused"), m_config.clock());
            // A refused cancel may be final (the 3PL shipped it): the order itself says.
            if (o.cancel && !o.remoteOrderId.isEmpty())
                m_refusedCancels.push_back({o, outcome});
            else
                m_result.orders << outcome;
            continue;
        }
        const QString state = o.cancel ? QStringLiteral("cancelled") : QStringLiteral("sent");
        if (!ledger.markOrder(m_config.connectorId, o.salesOrderId, key, answer->orderId, state,
                              m_config.clock()))
            return finish(tr("Could not record the orders sent: %1").arg(ledger.lastError()));
        outcome.message =
            o.cancel ? tr("%1 cancelled in the 3PL (its order %2): NetSuite "
                          "cancelled or closed it.")
                           .arg(o.tranId, answer->orderId)
                     : tr("%1 sent to the 3PL as its order %2.").arg(o.tranId, answer->orderId);
        m_result.orders << outcome;
        ++(o.cancel ? m_result.cancelled : m_result.sent);
    }
    sendNextBatch();
}

// A cancel the 3PL refused: ShipStation refuses any update of a shipped or cancelled order,
// which no retry changes. The order as the 3PL has it now tells that apart from a refusal that
// may pass: one request, once, and then never sent again.
void ThreePlOrderSender::checkRefusedCancel()
{
    if (m_done)
        return;
    if (m_refusedCancels.empty())
        return finish();
    const Outgoing cancel = m_refusedCancels.front().first;
    const OrderOutcome outcome = m_refusedCancels.front().second;
    m_refusedCancels.pop_front();
    HttpCall *call =
        ShipStationApi::getOrder(m_network, m_config.threePl, cancel.remoteOrderId, this);
    if (!call) {
        m_result.orders << outcome;
        return checkRefusedCancel();
    }
    m_call = call;
    ShipStationApi::pace(*call, m_config.threePlPacer);
    connect(call, &HttpCall::finished, this,
            [this, call, cancel, outcome](const HttpResult &result) {
                ++m_result.threePlRequests;
                m_result.throttled += result.throttledAnswers;
                call->deleteLater();
                m_call = nullptr;
                onRefusedCancelRead(cancel, outcome, result);
            });
    call->start();
}

void ThreePlOrderSender::onRefusedCancelRead(const Outgoing &cancel, OrderOutcome outcome,
                                             const HttpResult &read)
{
    if (m_done || !stillHolds())
        return;
    const std::optional<QString> status =
        read.isSuccess() ? ShipStationApi::readOrderStatus(read.body) : std::nullopt;
    // Unreadable or still open: the refusal may pass, so it stays as it was (tried again).
    if (status == u"shipped" || status == u"cancelled") {
        const bool shipped = status == u"shipped";
        const QString key = cancel.order.value(QLatin1String("orderKey")).toString();
        ThreePlRepository ledger(m_database.connection());
        if (!ledger.markOrder(m_config.connectorId, cancel.salesOrderId, key, cancel.remoteOrderId,
                              shipped ? QStringLiteral("shipped") : QStringLiteral("cancelled"),
                              m_config.clock()))
            return finish(tr("Could not record the orders sent: %1").arg(ledger.lastError()));
        --m_result.refused;
        outcome.response = QString::fromUtf8(read.body.left(4000));
        if (shipped) {
            outcome.settled = true;
            outcome.message =
                tr("NetSuite cancelled or closed %1 after the 3PL had shipped it (its order %2); "
                   "the 3PL cannot cancel a shipped order, so nothing was changed there and the "
                   "cancel is not sent again. Check the shipment against NetSuite.")
                    .arg(cancel.tranId, cancel.remoteOrderId);
        } else {
            outcome.taken = true;
            outcome.message =
                tr("%1 was cancelled in the 3PL already (its order %2): nothing left to cancel.")
                    .arg(cancel.tranId, cancel.remoteOrderId);
            ++m_result.cancelled;
        }
    }
    m_result.orders << outcome;
    checkRefusedCancel();
}

void ThreePlOrderSender::finish(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_result.error = error;
    // Every order read was sent, refused (then retried by id) or is not for the 3PL: the next
    // run starts after them. A resync of some orders read no others: the mark stays.
    if (error.isEmpty() && m_newest.isValid() && !m_config.dryRun &&
        m_config.onlyOrders.isEmpty() && (!m_config.mayAct || m_config.mayAct()))
        WatermarkRepository(m_database.connection())
            .setValue(m_config.connectorId, watermarkStream(), m_newest, QString());
    Q_EMIT finished(m_result);
}

} // namespace fulfillsync
