#pragma once

#include "models/item/pagedtablemodel.h"

namespace fulfillsync {

// Sync history, newest first.
class HistoryTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column {
        Time,
        Connector,
        Order,
        Fulfillment,
        Trigger,
        Outcome,
        ErrorClass,
        Duration,
        Message,
        Tracking,
        ColumnCount
    };

    explicit HistoryTableModel(Database &database, QObject *parent = nullptr);

    static QString outcomeName(const QString &key);
    static QString triggerName(const QString &key);

protected:
    QString columnTitle(int column) const override;
    QVariant displayValue(const QVariantList &row, int column) const override;
    bool isNumeric(int column) const override { return column == Duration; }
};

} // namespace fulfillsync
