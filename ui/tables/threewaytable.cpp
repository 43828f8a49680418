#include "ui/tables/threewaytable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fulfillsync {

namespace {

// Readable in light and dark palettes alike.
const QColor kDisagreement(220, 50, 50, 70);

QString number(double value)
{
    return QLocale().toString(value, 'g', 12);
}

} // namespace

ThreeWayTable::ThreeWayTable(QWidget *parent)
    : QWidget(parent)
{
    m_asOf = new QLabel(this);
    m_asOf->setWordWrap(true);
    m_read = new QPushButton(tr("Read the &channel now"), this);
    m_read->setToolTip(tr("Read this order's fulfillments from the channel now and compare "
                          "them, as a reconciliation does (one request, nothing is sent)"));
    connect(m_read, &QPushButton::clicked, this, [this] {
        m_read->setEnabled(false);
        m_read->setText(tr("Reading…"));
        Q_EMIT readRequested(m_connectorIds);
    });
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setAccessibleName(tr("NetSuite, sent and the channel"));
    m_table->setHorizontalHeaderLabels({tr("Connector"), tr("Item fulfillment"), tr("SKU"),
                                        tr("Item"), tr("Shipped"), tr("Tracking"), tr("Sent"),
                                        tr("Sent at"), tr("Attempts"), tr("In the channel"),
                                        tr("Channel tracking"), tr("Disagreement")});
    m_table->horizontalHeaderItem(NetSuiteQuantityColumn)
        ->setToolTip(tr("The quantity shipped in NetSuite's item fulfillment"));
    m_table->horizontalHeaderItem(SentColumn)
        ->setToolTip(tr("What the connector's ledger records: pushed by us, adopted from "
                        "another tool, waiting, flagged, or an answer not known yet"));
    m_table->horizontalHeaderItem(ChannelQuantityColumn)
        ->setToolTip(tr("What the channel's fulfillment holds, as last read"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_asOf, 1);
    top->addWidget(m_read);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    clear();
}

QString ThreeWayTable::asOfText() const
{
    return m_asOf->text();
}

void ThreeWayTable::clear()
{
    m_table->setRowCount(0);
    m_connectorIds.clear();
    m_read->setText(tr("Read the &channel now"));
    m_read->setEnabled(false);
    m_asOf->setText(tr("No channel connector serves this order's channel."));
}

void ThreeWayTable::setProofs(const QList<OrderDetail::ChannelProof> &proofs)
{
    clear();
    if (proofs.isEmpty())
        return;
    QStringList asOf;
    int disagreeing = 0;
    for (const OrderDetail::ChannelProof &proof : proofs) {
        m_connectorIds << proof.connectorId;
        const ThreeWay::View &view = proof.view;
        const QString when =
            QLocale().toString(view.channelAsOf.toLocalTime(), QLocale::ShortFormat);
        asOf << (!view.channelRead ? tr("%1: the channel was not read yet — a reconciliation "
                                        "reads it.")
                                         .arg(proof.connectorName)
                 : view.live
                     ? tr("%1: the channel as read just now (%2).").arg(proof.connectorName, when)
                     : tr("%1: the channel as of the last reconciliation (%2).")
                           .arg(proof.connectorName, when));
        for (const ThreeWay::Row &r : view.rows) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            const auto put = [&](int column, const QString &text, bool differs) {
                auto *item = new QTableWidgetItem(text);
                if (differs)
                    item->setBackground(kDisagreement);
                m_table->setItem(row, column, item);
                return item;
            };
            const bool isExtra = r.fulfillmentId == 0;
            put(ConnectorColumn, proof.connectorName, false);
            put(FulfillmentColumn, isExtra ? tr("none") : r.fulfillmentTranId, isExtra);
            put(SkuColumn, r.sku, false);
            put(ItemColumn, r.itemName, false);
            put(NetSuiteQuantityColumn, isExtra ? QString() : number(r.netSuiteQuantity),
                r.netSuiteDiffers);
            put(NetSuiteTrackingColumn, r.netSuiteTracking.join(QStringLiteral(", ")),
                r.netSuiteDiffers);
            QString sent = tr("not sent");
            if (isExtra)
                sent = tr("not by this connector");
            else if (r.sent)
                switch (*r.sent) {
                case LedgerState::Pending:
                    sent = tr("waiting to be sent");
                    break;
                case LedgerState::Pushed:
                    sent = tr("pushed as %1").arg(r.channelFulfillmentId);
                    break;
                case LedgerState::Ambiguous:
                    sent = tr("sent, answer unknown");
                    break;
                case LedgerState::Attention:
                    sent = tr("pushed as %1, flagged").arg(r.channelFulfillmentId);
                    break;
                case LedgerState::Resolved:
                    sent = tr("resolved by a person");
                    break;
                case LedgerState::Adopted:
                    sent = tr("adopted: %1 (another tool's)").arg(r.channelFulfillmentId);
                    break;
                }
            put(SentColumn, sent, r.sentDiffers)
                ->setToolTip(
                    r.sentTracking.isEmpty()
                        ? QString()
                        : tr("Tracking sent: %1").arg(r.sentTracking.join(QStringLiteral(", "))));
            put(SentAtColumn,
                r.sentAt.isValid()
                    ? QLocale().toString(r.sentAt.toLocalTime(), QLocale::ShortFormat)
                    : QString(),
                false);
            put(AttemptsColumn, r.attempts ? QString::number(r.attempts) : QString(), false)
                ->setToolTip(
                    r.lastAttemptId
                        ? tr("The last attempt is #%1 in Sync History").arg(r.lastAttemptId)
                        : QString());
            put(ChannelQuantityColumn,
                !r.channelRead      ? tr("not read")
                : r.channelQuantity ? number(*r.channelQuantity)
                                    : tr("missing"),
                r.channelDiffers);
            put(ChannelTrackingColumn, r.channelTracking.join(QStringLiteral(", ")),
                r.channelDiffers);
            QTableWidgetItem *disagreement =
                put(DisagreementColumn,
                    r.disagreements.isEmpty() ? (r.channelRead ? tr("agree") : QString())
                                              : r.disagreements.join(QStringLiteral("; ")),
                    !r.disagreements.isEmpty());
            disagreement->setToolTip(disagreement->text());
            disagreeing += r.disagreements.isEmpty() ? 0 : 1;
        }
    }
    if (disagreeing > 0)
        asOf << tr("%n line(s) disagree.", nullptr, disagreeing);
    m_asOf->setText(asOf.join(u' '));
    m_table->setColumnHidden(ConnectorColumn, proofs.size() < 2);
    m_read->setEnabled(true);
    m_table->resizeColumnsToContents();
}

} // namespace fulfillsync
