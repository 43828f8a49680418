#pragma once

#include "sandbox/scenario/scenario.h"
#include "sandbox/server/sqlitedatabase.h"

#include <QHash>
#include <QJsonObject>

#include <memory>

namespace fulfillsync::sandbox {

// The NetSuite account: the scenario's records plus their SuiteQL rendering in SQLite, shaped
// like NetSuite's tables (apis.md §1.7). The records are the truth; every change rewrites the
// affected transactions' rows, so SuiteQL always sees NetSuite's derived fields (status,
// quantityshiprecv, lastmodifieddate, link rows, tracking maps).
//
// Sales order status rule (apis.md §1.8; documented choice where NetSuite's rule is unsure):
//  * an explicit scenario status is shown as given, until a control endpoint changes the
//    order's fulfillments; then it is derived again, except Cancelled (C) and Closed (H), which
//    are terminal and stay;
//  * derived from the quantity counted per line, where only Shipped (C) fulfillments count
//    unless features.pickedCountsTowardStatus also counts Picked/Packed ones:
//      nothing counted                 -> B Pending Fulfillment
//      some, not every line complete   -> D Partially Fulfilled
//      every line complete             -> F Pending Billing with advancedShipping (billing is
//                                         not modelled, so E/G never arise from shipping), and
//                                         G Billed without it (NetSuite invoices at fulfilment
//                                         time then, so a fully shipped order is billed).
class NetSuiteStore final
{
public:
    NetSuiteStore(NetSuiteScenario data, const QDateTime &now);
    ~NetSuiteStore();
    NetSuiteStore(const NetSuiteStore &) = delete;
    NetSuiteStore &operator=(const NetSuiteStore &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    const NetSuiteScenario &data() const { return m_data; }
    SqliteDatabase &database() { return m_db; }

    QString statusOf(qint64 salesOrderId) const;
    QDateTime lastModifiedOf(qint64 salesOrderId) const;
    double quantityShipped(qint64 salesOrderId, int line) const; // Shipped (C) fulfillments
    const ItemFulfillment *fulfillment(qint64 id) const;
    // External ids are unique across transactions (NetSuite's record-group rule).
    const ItemFulfillment *fulfillmentByExternalId(const QString &externalId) const;
    // What fulfillments of any status (not voided ones) already took from an order line: the
    // ceiling a new fulfillment must stay under.
    double quantityFulfilled(qint64 salesOrderId, int line) const;
    const SalesOrder *salesOrder(qint64 id) const;
    const ScenarioItem *item(qint64 id) const;
    QList<const ItemFulfillment *> fulfillmentsOf(qint64 salesOrderId) const; // voided included
    QString customerName(qint64 id) const;
    QString shipMethodName(qint64 id) const;
    QString locationName(qint64 id) const;

    // A fulfillment's lines as NetSuite numbers them: each fulfilled order line, then the
    // members of a kit right below it (no order line, kitMemberOf = the kit's line). SuiteQL
    // and the Record API both show this numbering.
    struct ExpandedLine
    {
        qint64 line = 0;
        int orderLine = 0; // 0 for kit members
        qint64 item = 0;
        QString itemType;
        double quantity = 0;
        qint64 location = 0;
        qint64 kitMemberOf = 0; // 0 = not a kit member
    };
    QList<ExpandedLine> expandedLines(const ItemFulfillment &fulfillment) const;

    // Run-time governance switches (POST /_sandbox/netsuite/settings).
    void setGovernance(int concurrencyLimit, int concurrencyRejection, int latencyMs);

    // Control endpoints: the warehouse acts. `now` is the sandbox clock; the fulfillment's and
    // its sales order's lastmodifieddate move to it.
    qint64 addFulfillment(ItemFulfillment fulfillment, const QDateTime &now);
    void replaceFulfillment(ItemFulfillment fulfillment, const QDateTime &now);
    bool voidFulfillment(qint64 id, const QDateTime &now);
    // Someone cancels (C) or closes (H) the order in NetSuite.
    bool withdrawOrder(qint64 salesOrderId, const QString &status, const QDateTime &now);

    QJsonObject stateJson() const;
    static QString statusText(const QString &type, const QString &status);

private:
    struct OrderDerived
    {
        QString status;
        QDateTime lastModified;
        QHash<int, double> shipped; // order line -> shipped (C) quantity
        bool explicitStatus = false;
    };

    void createSchema();
    void prepareStatements();
    void writeReferenceData();
    void deriveOrder(const SalesOrder &order, const QList<int> &fulfillmentIndexes);
    void writeSalesOrder(const SalesOrder &order);
    void writeFulfillment(const ItemFulfillment &fulfillment);
    void deleteTransaction(qint64 id);
    void refreshOrder(qint64 salesOrderId, const QDateTime &now);
    bool exec(const QString &sql);

    NetSuiteScenario m_data;
    SqliteDatabase m_db;
    QString m_error;
    QHash<qint64, int> m_orderIndex;       // sales order id -> m_data.salesOrders index
    QHash<qint64, int> m_fulfillmentIndex; // fulfillment id -> m_data.itemFulfillments index
    QHash<qint64, QList<int>> m_byOrder;   // sales order id -> its fulfillments' indexes
    QHash<QString, qint64> m_byExternalId; // external id -> fulfillment id
    QHash<qint64, int> m_itemIndex;
    QHash<qint64, QString> m_customerNames, m_shipMethodNames, m_locationNames;
    QHash<qint64, OrderDerived> m_derived;
    qint64 m_nextTrackingId = 1;
    qint64 m_nextTransactionId = 1;

    struct Statements;
    std::unique_ptr<Statements> m_stmt;
};

} // namespace fulfillsync::sandbox
