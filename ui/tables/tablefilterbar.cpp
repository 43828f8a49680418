#include "ui/tables/tablefilterbar.h"

#include "models/domain/domain.h"
#include "models/domain/inbox.h"
#include "models/item/historytablemodel.h"
#include "models/item/inboxtablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/item/reconciliationtablemodel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTimer>

namespace fulfillsync {

namespace {

// The earliest date of the pickers stands for "no bound" and shows as "Any".
const QDate kNoDate(2000, 1, 1);

QString choiceOf(const QComboBox *box)
{
    return box->currentData().toString();
}

void selectChoice(QComboBox *box, const QString &key)
{
    const int index = box->findData(key);
    box->setCurrentIndex(std::max(index, 0));
}

} // namespace

TableFilterBar::TableFilterBar(TablePageQuery::Table table, QWidget *parent)
    : QWidget(parent)
    , m_table(table)
{
    QList<std::pair<QString, QString>> states;
    QList<std::pair<QString, QString>> statuses;
    QString textHint, textName, stateName, statusName, connectorName, anyConnector;
    switch (table) {
    case TablePageQuery::Table::Orders:
        textHint = tr("Order, customer, channel order or tracking (Ctrl+F)");
        textName = tr("Filter sales orders");
        stateName = tr("Sync state");
        statusName = tr("NetSuite status");
        connectorName = tr("Channel");
        anyConnector = tr("Any channel");
        states.append({tr("Any state"), QString()});
        for (OrderSyncState state : allOrderSyncStates()) {
            const QString key = orderSyncStateKey(state);
            states.append({OrderTableModel::syncStateName(key), key});
        }
        statuses.append({tr("Any NetSuite status"), QString()});
        for (char letter = 'A'; letter <= 'H'; ++letter)
            statuses.append({SalesOrderStatus::displayName(QString(QChar::fromLatin1(letter))),
                             QString(QChar::fromLatin1(letter))});
        break;
    case TablePageQuery::Table::History:
        textHint = tr("Order, fulfillment, message or tracking (Ctrl+F)");
        textName = tr("Filter sync history");
        stateName = tr("Outcome");
        statusName = tr("Trigger");
        connectorName = tr("Connector");
        anyConnector = tr("Any connector");
        states.append({tr("Any outcome"), QString()});
        for (SyncOutcome outcome : allSyncOutcomes()) {
            const QString key = syncOutcomeKey(outcome);
            states.append({HistoryTableModel::outcomeName(key), key});
        }
        statuses.append({tr("Any trigger"), QString()});
        for (SyncTrigger trigger : allSyncTriggers()) {
            const QString key = syncTriggerKey(trigger);
            statuses.append({HistoryTableModel::triggerName(key), key});
        }
        break;
    case TablePageQuery::Table::Inbox:
        textHint = tr("Order, fulfillment, message or resolution (Ctrl+F)");
        textName = tr("Filter the inbox");
        stateName = tr("Inbox state");
        statusName = tr("Problem");
        connectorName = tr("Connector");
        anyConnector = tr("Any connector");
        states.append({tr("Any state"), QString()});
        for (InboxState state : allInboxStates()) {
            const QString key = inboxStateKey(state);
            states.append({InboxTableModel::stateName(key), key});
        }
        statuses.append({tr("Any problem"), QString()});
        for (InboxProblem problem : allInboxProblems()) {
            const QString key = inboxProblemKey(problem);
            statuses.append({InboxTableModel::problemName(key), key});
        }
        break;
    case TablePageQuery::Table::Reconciliation:
        textHint = tr("Order, channel order, customer, fulfillment or detail (Ctrl+F)");
        textName = tr("Filter the reconciliation");
        stateName = tr("Verdict");
        connectorName = tr("Connector");
        anyConnector = tr("Any connector");
        states.append({tr("Any verdict"), QString()});
        states.append({tr("Not matched"), QStringLiteral("!matched")});
        for (const QString &key : ReconciliationTableModel::verdictKeys())
            states.append({ReconciliationTableModel::verdictName(key), key});
        break;
    }
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(textHint);
    m_text->setAccessibleName(textName);
    m_text->setClearButtonEnabled(true);
    m_state = makeChoice(stateName, states);
    m_status = makeChoice(statusName, statuses);
    if (statuses.isEmpty())
        m_status->hide(); // the reconciliation has one choice, the verdict
    // Editable: any channel or connector name can be typed, the known ones are listed.
    m_connector = makeChoice(connectorName, {{QString(), QString()}});
    m_connector->setEditable(true);
    m_connector->setInsertPolicy(QComboBox::NoInsert);
    m_connector->lineEdit()->setPlaceholderText(anyConnector);
    m_from = makeDate(tr("From date"));
    m_to = makeDate(tr("To date"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 3);
    layout->addWidget(m_state, 1);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_connector, 1);
    // The underlined mnemonic is drawn without the kerning its width was measured with ("To"
    // lost the end of its "o"): a few pixels to the right keep every glyph whole.
    const auto addLabel = [this, layout](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        label->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
        label->setMinimumWidth(label->sizeHint().width() +
                               label->fontMetrics().averageCharWidth() / 2 + 1);
        layout->addSpacing(4);
        layout->addWidget(label);
    };
    addLabel(tr("&From"), m_from);
    layout->addWidget(m_from);
    addLabel(tr("&To"), m_to);
    layout->addWidget(m_to);
    setTabOrder(m_text, m_state);
    setTabOrder(m_state, m_status);
    setTabOrder(m_status, m_connector);
    setTabOrder(m_connector, m_from);
    setTabOrder(m_from, m_to);

    m_delay = new QTimer(this);
    m_delay->setSingleShot(true);
    m_delay->setInterval(300);
    connect(m_delay, &QTimer::timeout, this, &TableFilterBar::applyNow);
    const auto later = [this] {
        if (!m_silent)
            m_delay->start();
    };
    connect(m_text, &QLineEdit::textChanged, this, later);
    connect(m_text, &QLineEdit::returnPressed, this, &TableFilterBar::applyNow);
    for (QComboBox *box : {m_state, m_status})
        connect(box, &QComboBox::currentIndexChanged, this, later);
    connect(m_connector, &QComboBox::currentTextChanged, this, later);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, later);
}

QComboBox *TableFilterBar::makeChoice(const QString &accessibleName,
                                      const QList<std::pair<QString, QString>> &choices)
{
    auto *box = new QComboBox(this);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(14);
    box->setAccessibleName(accessibleName);
    box->setToolTip(accessibleName);
    for (const auto &[title, key] : choices)
        box->addItem(title, key);
    return box;
}

namespace {

// Tab leaves the date for the next control. QDateEdit's own Tab walks its year, month and day
// sections first, so a keyboard user seemed stuck there; the arrow keys still move between them.
class FilterDateEdit final : public QDateEdit
{
public:
    using QDateEdit::QDateEdit;

protected:
    bool focusNextPrevChild(bool next) override { return QWidget::focusNextPrevChild(next); }
};

} // namespace

QDateEdit *TableFilterBar::makeDate(const QString &accessibleName)
{
    auto *edit = new FilterDateEdit(this);
    edit->setAccessibleName(accessibleName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kNoDate);
    edit->setSpecialValueText(tr("Any"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setDate(kNoDate);
    return edit;
}

void TableFilterBar::setConnectors(const QStringList &names)
{
    const QString current = m_connector->currentText();
    const QSignalBlocker blocker(m_connector);
    while (m_connector->count() > 1)
        m_connector->removeItem(1);
    for (const QString &name : names)
        m_connector->addItem(name, name);
    m_connector->setCurrentText(current);
}

void TableFilterBar::applyTo(TablePageQuery &query) const
{
    query.text = m_text->text();
    query.state = choiceOf(m_state);
    query.status = choiceOf(m_status);
    query.connector = m_connector->currentText().trimmed();
    query.from = m_from->date() == kNoDate ? QDate() : m_from->date();
    query.to = m_to->date() == kNoDate ? QDate() : m_to->date();
}

void TableFilterBar::showFilters(const TablePageQuery &query)
{
    m_silent = true;
    m_text->setText(query.text);
    selectChoice(m_state, query.state);
    selectChoice(m_status, query.status);
    m_connector->setCurrentText(query.connector);
    m_from->setDate(query.from.isValid() ? query.from : kNoDate);
    m_to->setDate(query.to.isValid() ? query.to : kNoDate);
    m_silent = false;
    m_delay->stop();
}

void TableFilterBar::applyNow()
{
    m_delay->stop();
    Q_EMIT filtersChanged();
}

} // namespace fulfillsync
