#pragma once

#include "ui/tables/orderdetailreader.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace fulfillsync {

// The order pane's proof (issue 23): per shipped item fulfillment and channel SKU, what NetSuite
// shipped, what the connector sent and what the channel has, with every disagreement marked on
// the side it is on and named in the last column.
class ThreeWayTable final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreeWayTable)

public:
    enum Column {
        ConnectorColumn,
        FulfillmentColumn,
        SkuColumn,
        ItemColumn,
        NetSuiteQuantityColumn,
        NetSuiteTrackingColumn,
        SentColumn,
        SentAtColumn,
        AttemptsColumn,
        ChannelQuantityColumn,
        ChannelTrackingColumn,
        DisagreementColumn,
        ColumnCount
    };

    explicit ThreeWayTable(QWidget *parent = nullptr);

    void setProofs(const QList<fulfillsync::OrderDetail::ChannelProof> &proofs);
    void clear();
    QTableWidget *table() const { return m_table; }
    QString asOfText() const;
    QPushButton *readButton() const { return m_read; }

Q_SIGNALS:
    // Read the order from these channel connectors now (a reconciliation of this order).
    void readRequested(const QList<qint64> &connectorIds);

private:
    QLabel *m_asOf = nullptr;
    QPushButton *m_read = nullptr;
    QList<qint64> m_connectorIds;
    QTableWidget *m_table = nullptr;
};

} // namespace fulfillsync
