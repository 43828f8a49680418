#include "ui/tables/orderdetailpane.h"

#include "ui/tables/detailloader.h"
#include "ui/tables/orderdetailreader.h"
#include "ui/tables/threewaytable.h"

#include "models/storage/database.h"
#include "models/storage/orderrepository.h"
#include "sync/engine/flagresolution.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
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
    m_proof = new ThreeWayTable(this);
    connect(m_proof, &ThreeWayTable::readRequested, this,
            [this](const QList<qint64> &connectorIds) {
                Q_EMIT channelReadRequested(m_orderId, connectorIds);
            });
    m_views = new QTabWidget(this);
    m_views->setDocumentMode(true);
    m_views->addTab(m_proof, tr("NetSuite · sent · channel"));
    m_views->addTab(m_text, tr("Lines and Explain"));
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
    layout->addWidget(m_views, 1);

    m_loader = new DetailLoader(
        database,
        [](Database &db, qint64 orderId) {
            return QVariant::fromValue(readOrderDetail(db, orderId));
        },
        this);
    connect(m_loader, &DetailLoader::loaded, this,
            [this](const QVariant &detail) { accept(detail.value<OrderDetail>()); });
}

QString OrderDetailPane::text() const
{
    return m_text->toPlainText();
}

void OrderDetailPane::showProofTab()
{
    m_views->setCurrentWidget(m_proof);
}

void OrderDetailPane::showExplainTab()
{
    m_views->setCurrentWidget(m_text);
}

void OrderDetailPane::showOrder(qint64 orderId)
{
    if (orderId != m_orderId) {
        m_planned.clear(); // dry-run answers belong to the order they were asked for
        // Until this order's details arrive, the buttons would speak for the one before.
        for (QPushButton *button : {m_resync, m_dryRun, m_resolve})
            button->setEnabled(false);
    }
    m_orderId = orderId;
    if (orderId == 0) { // nothing highlighted (a new filter): nothing to act on either
        m_title->setText(
            tr("Select an order to see its lines, fulfillments and why it syncs or not."));
        m_text->clear();
        m_proof->clear();
        for (QPushButton *button : {m_resync, m_dryRun, m_resolve})
            button->setEnabled(false);
        m_loader->forget();
        return;
    }
    m_loader->load(orderId);
}

void OrderDetailPane::refresh()
{
    if (m_orderId != 0)
        showOrder(m_orderId);
}

void OrderDetailPane::accept(const OrderDetail &detail)
{
    m_title->setText(detail.title);
    m_text->setPlainText(detail.text);
    m_proof->setProofs(detail.proofs);
    for (const QString &block : std::as_const(m_planned))
        m_text->appendPlainText(block);
    m_resync->setEnabled(detail.found);
    m_dryRun->setEnabled(detail.found);
    m_resolve->setEnabled(detail.flagged);
    Q_EMIT shown(detail.orderId);
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
    m_planned << block;
    m_text->appendPlainText(block);
    m_views->setCurrentWidget(m_text); // the answer to what was just asked
}

} // namespace fulfillsync
