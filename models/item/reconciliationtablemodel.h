#pragma once

#include "models/item/pagedtablemodel.h"

namespace fulfillsync {

// The Reconciliation tab's table: every stored reading (one row per item fulfillment, or per
// channel fulfillment no item fulfillment explains) of the last reconciliation of each order,
// newest first, with what a person decided about it.
class ReconciliationTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column {
        Checked,
        Connector,
        Order,
        ChannelOrder,
        Customer,
        Fulfillment,
        ChannelFulfillment,
        Verdict,
        Detail,
        Resolution,
        ColumnCount
    };
    // Row values past the shown columns (see TablePageQuery's reconciliation spec).
    enum Hidden {
        ResolutionState = ColumnCount + 1,
        ResolvedBy,
        ResolvedDbUser,
        ResolvedAt,
        OrderId,
        ConnectorId,
        FulfillmentId
    };

    explicit ReconciliationTableModel(Database &database, QObject *parent = nullptr);

    // The verdict keys Reconciliation::verdictKey makes, in the order a person reads them.
    static QStringList verdictKeys();
    static QString verdictName(const QString &key);
    static QString resolutionStateName(const QString &key); // flagged, resolved
    // "Resolved: reason — alice (database user ledger), 2026-12-08 01:02"; empty: none.
    static QString resolutionText(const QVariantList &row);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QString columnTitle(int column) const override;
    QVariant displayValue(const QVariantList &row, int column) const override;
};

} // namespace fulfillsync
