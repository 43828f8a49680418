#pragma once

#include "models/item/pagedtablemodel.h"

namespace fulfillsync {

// The inbox: what needed a person, latest change first.
class InboxTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column {
        Updated,
        Connector,
        Order,
        Fulfillment,
        Problem,
        State,
        Message,
        Opened,
        Resolution,
        ColumnCount
    };

    explicit InboxTableModel(Database &database, QObject *parent = nullptr);

    static QString problemName(const QString &key);
    static QString stateName(const QString &key);

protected:
    QString columnTitle(int column) const override;
    QVariant displayValue(const QVariantList &row, int column) const override;
};

} // namespace fulfillsync
