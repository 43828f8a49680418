#include "ui/tables/orderdetailpane.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/engine/explainer.h"
#include "sync/engine/flagresolution.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fulfillsync {

OrderDetailPane::OrderDetailPane(Database &database, QWidget *parent)
    : QWidget(parent)
    , m_database(database)
{
    m_title = new QLabel(
        tr("Select an order to see its lines, fulfillments and why it syncs or not."), this);
    m_title->setWordWrap(true);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Order details"));
    m_resync = new QPushButton(tr("&Resync"), this);
    m_resync->setToolTip(tr("Read this order from NetSuite again and push whatever is missing"));
    m_dryRun = new QPushButton(tr("&Dry run"), this);
    m_dryRun->setToolTip(tr("Show the exact requests a sync would send now, without sending them"));
    m_resolve = new QPushButton(tr("Resol&ve…"), this);
    m_resolve->setToolTip(tr("Close the flag of a fulfillment changed in NetSuite after it was "
                             "pushed, with a reason kept in the history. Nothing is sent."));
    m_resync->setEnabled(false);
    m_dryRun->setEnabled(false);
    m_resolve->setEnabled(false);
    connect(m_resolve, &QPushButton::clicked, this, &OrderDetailPane::resolveFlags);
    connect(m_resync, &QPushButton::clicked, this, [this] { Q_EMIT resyncRequested(m_orderId); });
    connect(m_dryRun, &QPushButton::clicked, this, [this] { Q_EMIT dryRunRequested(m_orderId); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_resync);
    buttons->addWidget(m_dryRun);
    buttons->addWidget(m_resolve);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(buttons);
    layout->addWidget(m_text, 1);
}

QString OrderDetailPane::text() const
{
    return m_text->toPlainText();
}

void OrderDetailPane::showOrder(qint64 orderId)
{
    m_orderId = orderId;
    QSqlDatabase db = m_database.connection();
    OrderRepository orders(db);
    const std::optional<SalesOrder> order = orders.order(orderId);
    m_resync->setEnabled(order.has_value());
    m_dryRun->setEnabled(order.has_value());
    m_resolve->setEnabled(false);
    if (!order) {
        m_title->setText(tr("This order is not in the local copy any more."));
        m_text->clear();
        return;
    }
    m_title->setText(tr("<b>%1</b> · %2 · %3 · %4 order %5")
                         .arg(order->tranId.toHtmlEscaped(), order->customer.toHtmlEscaped(),
                              SalesOrderStatus::displayName(order->status),
                              order->channel.toHtmlEscaped(), order->channelOrder.toHtmlEscaped()));
    QStringList lines;
    lines << tr("Lines (ordered / shipped)");
    for (const SalesOrderLine &l : order->lines)
        lines << QStringLiteral("  %1  %2 / %3")
                     .arg(l.itemName, -24)
                     .arg(l.quantity)
                     .arg(l.quantityShipped);
    const QList<ItemFulfillment> fulfillments = orders.fulfillmentsOfOrder(orderId);
    lines << QString() << tr("Item fulfillments");
    for (const ItemFulfillment &f : fulfillments) {
        lines << QStringLiteral("  %1  %2%3  %4  %5")
                     .arg(f.tranId, ShipStatus::displayName(f.shipStatus),
                          f.voided ? tr(" (voided)") : QString(), f.shipMethodName,
                          f.trackingNumbers.join(QStringLiteral(", ")));
        for (const ItemFulfillmentLine &l : f.lines)
            lines << QStringLiteral("      %1 × %2").arg(l.quantity).arg(l.itemName);
    }
    if (fulfillments.isEmpty())
        lines << tr("  none yet");
    LedgerRepository ledger(db);
    for (const ConnectorExplanation &e : Explainer::explainStored(db, *order, fulfillments)) {
        lines << QString() << tr("Explain — connector %1").arg(e.connector.name)
              << e.explanation.toText();
        for (const LedgerEntry &entry : ledger.entriesOfOrder(e.connector.id, orderId))
            if (entry.state == LedgerState::Attention)
                m_resolve->setEnabled(true);
    }
    m_text->setPlainText(lines.join(u'\n'));
}

void OrderDetailPane::resolveFlags()
{
    bool ok = false;
    const QString reason =
        QInputDialog::getText(this, tr("Resolve flagged fulfillments"),
                              tr("Why is this settled? (For example: \"refunded in Shopify by "
                                 "hand\".) The reason is kept in the history."),
                              QLineEdit::Normal, {}, &ok)
            .trimmed();
    if (!ok)
        return;
    QSqlDatabase db = m_database.connection();
    const std::optional<SalesOrder> order = OrderRepository(db).order(m_orderId);
    if (!order)
        return;
    const QString who = qEnvironmentVariable("USER", tr("the app's user"));
    QString error;
    const int resolved = FlagResolution::resolveOrder(db, *order, reason, who, &error);
    if (resolved == 0) {
        QMessageBox::warning(this, tr("Resolve"), error);
        return;
    }
    showOrder(m_orderId);
    Q_EMIT flagsResolved(m_orderId, resolved);
}

void OrderDetailPane::showPlanned(const PlannedRequest &request)
{
    const QString what =
        request.fulfillmentTranId.isEmpty()
            ? tr("Dry run")
            : tr("Dry run — %1 / %2").arg(request.orderTranId, request.fulfillmentTranId);
    QString block = QStringLiteral("\n") + what + u'\n';
    if (!request.problem.isEmpty())
        block += tr("Nothing would be sent: %1").arg(request.problem);
    else
        block += QStringLiteral("%1 %2\n%3").arg(request.method, request.url, request.body);
    m_text->appendPlainText(block);
}

} // namespace fulfillsync
