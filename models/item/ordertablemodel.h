#pragma once

#include "models/item/pagedtablemodel.h"

namespace fulfillsync {

// Sales orders, newest first, with the sync state the engine derived.
class OrderTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column {
        Number,
        Date,
        Customer,
        Channel,
        ChannelOrder,
        Status,
        Ordered,
        Shipped,
        Pushed,
        SyncState,
        LastAttempt,
        Message,
        ColumnCount
    };

    explicit OrderTableModel(Database &database, QObject *parent = nullptr);

    static QString syncStateName(const QString &key);

protected:
    QString columnTitle(int column) const override;
    QVariant displayValue(const QVariantList &row, int column) const override;
    bool isNumeric(int column) const override;
};

} // namespace fulfillsync
