#include "ui/inbox/inboxpage.h"

#include "models/item/inboxtablemodel.h"
#include "models/storage/database.h"
#include "models/storage/inboxrepository.h"
#include "sync/engine/inboxactions.h"
#include "ui/tables/tablefilterbar.h"
#include "ui/tables/tablepanel.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace fulfillsync {

namespace {
enum Scope { Selected, WholeFilter };
} // namespace

InboxPage::InboxPage(Database &database, QWidget *parent)
    : QWidget(parent)
    , m_database(database)
{
    m_model = new InboxTableModel(database, this);
    m_panel = new TablePanel(database, m_model, this);
    m_panel->view()->setAccessibleName(tr("Inbox"));
    m_panel->view()->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_panel->filterBar()->showFilters(m_model->query()); // opens on what is still open

    m_scope = new QComboBox(this);
    m_scope->setAccessibleName(tr("Apply to"));
    m_scope->addItem(tr("The selected rows"), Selected);
    m_scope->addItem(tr("Every row of this filter"), WholeFilter);
    m_retry = new QPushButton(tr("Re&try now"), this);
    m_retry->setToolTip(tr("Resync the orders of these items now (held ones whose mapping was "
                           "fixed, failed ones without waiting for their next try; a 3PL "
                           "connector's held shipments are read and planned again)"));
    m_resolve = new QPushButton(tr("Re&solve…"), this);
    m_resolve->setToolTip(tr("Close these items with a reason. A flag is closed for good; a "
                             "failed or held fulfillment is still retried and opens again if it "
                             "fails again. A 3PL connector's held shipment stays held."));
    m_adopt = new QPushButton(tr("&Adopt…"), this);
    m_adopt->setToolTip(tr("Switching over: this held fulfillment is one another tool already put "
                           "in the channel. Choose which, from the order's channel fulfillments "
                           "that nothing explains in its last reading; it is recorded as adopted "
                           "and never sent."));
    auto *open = new QPushButton(tr("&Open order"), this);
    open->setToolTip(tr("Show the order in Sales Orders (Enter)"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Inbox message"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Apply to:"), this));
    actions->addWidget(m_scope);
    actions->addWidget(m_retry);
    actions->addWidget(m_resolve);
    actions->addWidget(m_adopt);
    actions->addStretch(1);
    actions->addWidget(open);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_panel, 1);
    layout->addLayout(actions);
    layout->addWidget(m_message);

    m_askReason = [this](int count) {
        return QInputDialog::getText(
            this, tr("Resolve"),
            tr("Why are these %n item(s) resolved? The reason is kept in the inbox and the "
               "history.",
               nullptr, count));
    };
    connect(m_retry, &QPushButton::clicked, this, &InboxPage::retry);
    connect(m_resolve, &QPushButton::clicked, this, &InboxPage::resolve);
    connect(m_adopt, &QPushButton::clicked, this, &InboxPage::adopt);
    m_chooseAdoption =
        [this](const QString &fulfillment,
               const QList<ReconciliationReading> &candidates) -> std::optional<Adoption> {
        QStringList labels;
        for (const ReconciliationReading &c : candidates)
            labels << tr("%1 — tracking %2 — %3")
                          .arg(c.channelFulfillmentId,
                               c.channelTracking.isEmpty()
                                   ? tr("none")
                                   : c.channelTracking.join(QStringLiteral(", ")),
                               c.detail);
        bool ok = false;
        const QString label = QInputDialog::getItem(
            this, tr("Adopt"),
            tr("Which channel fulfillment is %1's? (As the order's last reading shows them.)")
                .arg(fulfillment),
            labels, 0, false, &ok);
        if (!ok)
            return std::nullopt;
        const QString reason =
            QInputDialog::getText(this, tr("Adopt"),
                                  tr("Why is it this one? The reason is kept in the history."),
                                  QLineEdit::Normal, {}, &ok)
                .trimmed();
        if (!ok)
            return std::nullopt;
        return Adoption{candidates.at(labels.indexOf(label)).channelFulfillmentId, reason};
    };
    connect(open, &QPushButton::clicked, this, &InboxPage::openCurrentOrder);
    connect(m_panel, &TablePanel::rowActivated, this, &InboxPage::openCurrentOrder);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &InboxPage::updateButtons);
    connect(m_panel->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InboxPage::updateButtons);
    connect(m_model, &PagedTableModel::totalCountChanged, this, &InboxPage::updateButtons);
    updateButtons();
}

void InboxPage::setConnectors(const QStringList &names)
{
    m_panel->filterBar()->setConnectors(names);
}

void InboxPage::refresh()
{
    m_model->refresh();
}

QList<qint64> InboxPage::targetIds()
{
    if (m_scope->currentData().toInt() == WholeFilter) {
        QString error;
        const QList<qint64> ids =
            InboxActions::idsMatching(m_database.connection(), m_model->query(), &error);
        if (!error.isEmpty())
            showMessage(tr("Could not read the inbox: %1").arg(error), true);
        return ids;
    }
    QList<qint64> ids;
    for (const QModelIndex &index : m_panel->view()->selectionModel()->selectedRows()) {
        const qint64 id = m_model->rowId(index.row());
        if (id != 0)
            ids << id;
    }
    return ids;
}

void InboxPage::retry()
{
    const QList<qint64> ids = targetIds();
    const QList<SyncRequest> requests = InboxActions::retryRequests(m_database.connection(), ids);
    if (requests.isEmpty()) {
        showMessage(tr("Nothing to retry: flags wait for a person, and settled items need "
                       "nothing."));
        return;
    }
    int orders = 0;
    for (const SyncRequest &request : requests) {
        orders += int(request.orderIds.size());
        Q_EMIT retryRequested(request);
    }
    showMessage(
        tr("Retrying %n order(s) now; the inbox follows as the results come in.", nullptr, orders));
}

void InboxPage::resolve()
{
    const QList<qint64> ids = targetIds();
    if (ids.isEmpty()) {
        showMessage(tr("Select the items to resolve, or apply to every row of this filter."));
        return;
    }
    const QString reason = m_askReason(int(ids.size())).trimmed();
    if (reason.isEmpty())
        return;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const InboxActions::Outcome outcome = InboxActions::resolve(
        m_database.connection(), ids, reason, qEnvironmentVariable("USER", tr("the app's user")));
    QGuiApplication::restoreOverrideCursor();
    if (!outcome.error.isEmpty())
        showMessage(tr("Resolved %1, then stopped: %2").arg(outcome.resolved).arg(outcome.error),
                    true);
    else
        showMessage(
            tr("Resolved %n item(s); the reason is in the history.", nullptr, outcome.resolved) +
            (outcome.skipped
                 ? QLatin1Char(' ') + tr("%n were settled already.", nullptr, outcome.skipped)
                 : QString()));
    m_model->refresh();
    Q_EMIT resolved(outcome.resolved);
}

void InboxPage::adopt()
{
    const qint64 id = m_model->rowId(m_panel->view()->currentIndex().row());
    QSqlDatabase db = m_database.connection();
    const QList<InboxItem> items = InboxRepository(db).items({id});
    if (items.isEmpty())
        return;
    const QList<ReconciliationReading> candidates = InboxActions::adoptionCandidates(db, id);
    if (candidates.isEmpty()) {
        showMessage(tr("Nothing of order %1 in the channel is unexplained as last read. Read the "
                       "channel first: open the order and press Read the channel now.")
                        .arg(items.first().orderTranId),
                    true);
        return;
    }
    const std::optional<Adoption> chosen =
        m_chooseAdoption(items.first().fulfillmentTranId, candidates);
    if (!chosen)
        return;
    const QString refused =
        InboxActions::adopt(db, id, chosen->channelFulfillmentId, chosen->reason,
                            qEnvironmentVariable("USER", tr("the app's user")));
    if (!refused.isEmpty()) {
        showMessage(refused, true);
        return;
    }
    showMessage(tr("%1 adopted as channel fulfillment %2; nothing was sent. The order's other "
                   "held fulfillments are tried again at the next pass.")
                    .arg(items.first().fulfillmentTranId, chosen->channelFulfillmentId));
    m_model->refresh();
    Q_EMIT resolved(1);
}

void InboxPage::openCurrentOrder()
{
    const qint64 id = m_model->rowId(m_panel->view()->currentIndex().row());
    if (id == 0)
        return; // still loading
    const QList<InboxItem> items = InboxRepository(m_database.connection()).items({id});
    if (!items.isEmpty())
        Q_EMIT orderRequested(items.first().orderId, items.first().orderTranId);
}

void InboxPage::showMessage(const QString &text, bool problem)
{
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c0392b;") : QString());
    m_message->setText(text);
}

void InboxPage::updateButtons()
{
    const bool any = m_scope->currentData().toInt() == WholeFilter
                         ? m_model->totalCount().value_or(0) > 0
                         : m_panel->view()->selectionModel()->hasSelection();
    m_retry->setEnabled(any);
    m_resolve->setEnabled(any);
    // One item at a time: a person says which channel fulfillment it is.
    m_adopt->setEnabled(m_panel->view()->selectionModel()->selectedRows().size() == 1);
}

} // namespace fulfillsync
