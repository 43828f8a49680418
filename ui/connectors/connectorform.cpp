#include "ui/connectors/connectorform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace fulfillsync {

namespace {

const char *const kStatusLetters[] = {"A", "B", "C", "D", "E", "F", "G", "H"};

} // namespace

ConnectorForm::ConnectorForm(QWidget *parent)
    : QWidget(parent)
{
    auto *general = new QGroupBox(tr("Connector"), this);
    auto *generalForm = new QFormLayout(general);
    m_name = new QLineEdit(general);
    m_name->setAccessibleName(tr("Connector name"));
    m_name->setPlaceholderText(tr("e.g. Main Shopify store"));
    m_kindBox = new QComboBox(general);
    m_kindBox->setAccessibleName(tr("Connector kind"));
    m_kindBox->addItem(tr("Shopify"), QStringLiteral("shopify"));
    m_kindBox->addItem(tr("ShipStation (3PL warehouse)"), Connector::threePlKind());
    m_channel = new QLineEdit(general);
    m_channel->setAccessibleName(tr("NetSuite channel value"));
    m_channel->setToolTip(tr("Sales orders whose channel field (custbody_fa_channel) has this "
                             "value are synced through this connector."));
    m_enabled = new QCheckBox(tr("&Enabled"), general);
    m_enabled->setAccessibleName(tr("Connector enabled"));
    generalForm->addRow(tr("&Name:"), m_name);
    generalForm->addRow(tr("&Kind:"), m_kindBox);
    generalForm->addRow(tr("&Channel value in NetSuite:"), m_channel);
    generalForm->addRow(QString(), m_enabled);
    m_generalForm = generalForm;

    m_shopifyGroup = new QGroupBox(tr("Shopify store"), this);
    auto *shopForm = new QFormLayout(m_shopifyGroup);
    m_storeUrl = new QLineEdit(m_shopifyGroup);
    m_storeUrl->setAccessibleName(tr("Store address"));
    m_storeUrl->setPlaceholderText(QStringLiteral("https://your-store.myshopify.com"));
    m_token = new QLineEdit(m_shopifyGroup);
    m_token->setAccessibleName(tr("Admin API access token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("shpat_… (kept in the system keychain)"));
    shopForm->addRow(tr("Store &address:"), m_storeUrl);
    shopForm->addRow(tr("Access &token:"), m_token);

    m_threePlGroup = new QGroupBox(tr("3PL account (ShipStation API)"), this);
    auto *threePlForm = new QFormLayout(m_threePlGroup);
    m_threePlUrl = new QLineEdit(m_threePlGroup);
    m_threePlUrl->setAccessibleName(tr("3PL API address"));
    m_threePlUrl->setPlaceholderText(QStringLiteral("https://ssapi.shipstation.com"));
    m_apiKey = new QLineEdit(m_threePlGroup);
    m_apiKey->setAccessibleName(tr("3PL API key"));
    m_apiSecret = new QLineEdit(m_threePlGroup);
    m_apiSecret->setAccessibleName(tr("3PL API secret"));
    m_apiSecret->setEchoMode(QLineEdit::Password);
    m_apiSecret->setPlaceholderText(tr("kept in the system keychain"));
    auto *threePlNote = new QLabel(
        tr("Released sales orders are sent to the 3PL; its shipments come back as Shipped item "
           "fulfillments, which your channel connectors then push. Map NetSuite locations to "
           "3PL warehouses under Mappings to send only some."),
        m_threePlGroup);
    threePlNote->setWordWrap(true);
    threePlForm->addRow(tr("API &address:"), m_threePlUrl);
    threePlForm->addRow(tr("API &key:"), m_apiKey);
    threePlForm->addRow(tr("API &secret:"), m_apiSecret);
    threePlForm->addRow(threePlNote);

    auto *rules = new QGroupBox(tr("When and how to sync"), this);
    auto *rulesForm = new QFormLayout(rules);
    m_rulesForm = rulesForm;
    m_interval = new QSpinBox(rules);
    m_interval->setAccessibleName(tr("Sync interval in minutes"));
    m_interval->setRange(1, 24 * 60);
    m_interval->setSuffix(tr(" min"));
    rulesForm->addRow(tr("Sync &every:"), m_interval);
    auto *triggers = new QWidget(rules);
    auto *triggerGrid = new QGridLayout(triggers);
    triggerGrid->setContentsMargins(0, 0, 0, 0);
    int cell = 0;
    for (const char *letter : kStatusLetters) {
        const QString key = QString::fromLatin1(letter);
        auto *box = new QCheckBox(SalesOrderStatus::displayName(key), triggers);
        box->setAccessibleName(tr("Sync orders in status %1").arg(box->text()));
        m_triggers.insert(key, box);
        triggerGrid->addWidget(box, cell / 2, cell % 2);
        ++cell;
        connect(box, &QCheckBox::toggled, this, &ConnectorForm::onEdited);
    }
    rulesForm->addRow(tr("Sync orders in status:"), triggers);
    m_notifyCustomer = new QCheckBox(tr("&Notify the customer when a shipment is pushed"), rules);
    m_notifyCustomer->setAccessibleName(tr("Notify customer"));
    rulesForm->addRow(QString(), m_notifyCustomer);
    m_updateTracking = new QCheckBox(tr("Send &tracking changes made in NetSuite later"), rules);
    m_updateTracking->setAccessibleName(tr("Update tracking"));
    rulesForm->addRow(QString(), m_updateTracking);
    m_unmappedPolicy = new QComboBox(rules);
    m_unmappedPolicy->setAccessibleName(tr("Unmapped ship method policy"));
    m_unmappedPolicy->addItem(tr("Hold the fulfillment until it is mapped"),
                              int(UnmappedPolicy::Hold));
    m_unmappedPolicy->addItem(tr("Use the default carrier"), int(UnmappedPolicy::UseDefault));
    rulesForm->addRow(tr("&Unmapped ship method:"), m_unmappedPolicy);
    m_defaultCarrier = new QLineEdit(rules);
    m_defaultCarrier->setAccessibleName(tr("Default carrier"));
    m_defaultCarrier->setPlaceholderText(tr("e.g. UPS"));
    rulesForm->addRow(tr("&Default carrier:"), m_defaultCarrier);
    m_kitRule = new QComboBox(rules);
    m_kitRule->setAccessibleName(tr("Kit rule"));
    m_kitRule->addItem(tr("As the kit's own line"), kitRuleKey(KitRule::KitLine));
    m_kitRule->addItem(tr("As its member items"), kitRuleKey(KitRule::Members));
    rulesForm->addRow(tr("Send &kits:"), m_kitRule);
    // Switching over: the store holds what another connector pushed. The first pass reads
    // NetSuite from this day; fulfillments found in the channel are adopted, not sent again.
    auto *takeOver = new QWidget(rules);
    auto *takeOverRow = new QHBoxLayout(takeOver);
    takeOverRow->setContentsMargins(0, 0, 0, 0);
    m_takingOver = new QCheckBox(tr("Take &over from another connector on"), takeOver);
    m_takingOver->setAccessibleName(tr("Switching over from another connector"));
    m_takingOver->setToolTip(
        tr("The store already holds fulfillments another connector pushed. The first sync "
           "reads NetSuite from this day; a fulfillment already in the store (same tracking "
           "numbers and lines, or, without tracking, the only one with the same lines) is "
           "recorded as adopted and never sent again; one that could be either of two waits "
           "in the Inbox. Run a Dry run of the first sync to see what it would push and adopt."));
    m_takeOverFrom = new QDateEdit(QDate::currentDate(), takeOver);
    m_takeOverFrom->setAccessibleName(tr("Take over from"));
    m_takeOverFrom->setCalendarPopup(true);
    m_takeOverFrom->setEnabled(false);
    takeOverRow->addWidget(m_takingOver);
    takeOverRow->addWidget(m_takeOverFrom);
    takeOverRow->addStretch();
    connect(m_takingOver, &QCheckBox::toggled, m_takeOverFrom, &QWidget::setEnabled);
    connect(m_takeOverFrom, &QDateEdit::dateChanged, this, &ConnectorForm::onEdited);
    rulesForm->addRow(tr("Switching over:"), takeOver);

    auto *alerts = new QGroupBox(tr("Alerts"), this);
    auto *alertsForm = new QFormLayout(alerts);
    m_alertEmails = new QLineEdit(alerts);
    m_alertEmails->setAccessibleName(tr("Alert e-mail recipients"));
    m_alertEmails->setPlaceholderText(tr("ops@example.com, you@example.com"));
    m_alertEmails->setToolTip(tr("Who gets the digest of failed and held fulfillments, and a "
                                 "message when this connector stops or starts syncing again. "
                                 "The mail server is set in Settings."));
    alertsForm->addRow(tr("E-&mail to:"), m_alertEmails);
    m_webhook = new QLineEdit(alerts);
    m_webhook->setAccessibleName(tr("Alert webhook address"));
    m_webhook->setEchoMode(QLineEdit::Password);
    m_webhook->setPlaceholderText(tr("https://hooks.slack.com/… (kept in the system keychain)"));
    alertsForm->addRow(tr("&Webhook:"), m_webhook);
    m_alertEvery = new QSpinBox(alerts);
    m_alertEvery->setAccessibleName(tr("Alert digest interval in minutes"));
    m_alertEvery->setRange(1, 7 * 24 * 60);
    m_alertEvery->setSuffix(tr(" min"));
    alertsForm->addRow(tr("Digest at most e&very:"), m_alertEvery);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setAccessibleName(tr("Form problem"));
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(general);
    layout->addWidget(m_shopifyGroup);
    layout->addWidget(m_threePlGroup);
    layout->addWidget(rules);
    layout->addWidget(alerts);
    layout->addWidget(m_problemLabel);
    layout->addStretch(1);

    for (QLineEdit *edit :
         {m_name, m_channel, m_storeUrl, m_threePlUrl, m_defaultCarrier, m_alertEmails})
        connect(edit, &QLineEdit::textEdited, this, &ConnectorForm::onEdited);
    for (QLineEdit *edit : {m_apiKey, m_apiSecret})
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_tokenEdited = true;
            onEdited();
        });
    connect(m_webhook, &QLineEdit::textEdited, this, [this] {
        m_webhookEdited = true;
        onEdited();
    });
    connect(m_alertEvery, &QSpinBox::valueChanged, this, &ConnectorForm::onEdited);
    connect(m_token, &QLineEdit::textEdited, this, [this] {
        m_tokenEdited = true;
        onEdited();
    });
    for (QCheckBox *box : {m_enabled, m_notifyCustomer, m_updateTracking, m_takingOver})
        connect(box, &QCheckBox::toggled, this, &ConnectorForm::onEdited);
    for (QComboBox *box : {m_kindBox, m_unmappedPolicy, m_kitRule})
        connect(box, &QComboBox::currentIndexChanged, this, &ConnectorForm::onEdited);
    connect(m_interval, &QSpinBox::valueChanged, this, &ConnectorForm::onEdited);

    setTabOrder(m_name, m_kindBox);
    setTabOrder(m_kindBox, m_channel);
    setTabOrder(m_channel, m_enabled);
    setTabOrder(m_enabled, m_storeUrl);
    setTabOrder(m_storeUrl, m_token);
    setTabOrder(m_token, m_interval);
    setConnector(Connector{});
}

void ConnectorForm::setConnector(const Connector &c)
{
    m_loading = true;
    m_id = c.id;
    m_kind = c.kind;
    m_name->setText(c.name);
    m_kindBox->setCurrentIndex(std::max(0, m_kindBox->findData(c.kind)));
    m_channel->setText(c.channel);
    m_enabled->setChecked(c.enabled);
    const bool threePl = c.isThreePl();
    m_storeUrl->setText(threePl ? QString() : c.endpoint);
    m_threePlUrl->setText(threePl ? c.endpoint : QString());
    m_token->clear();
    m_apiKey->clear();
    m_apiSecret->clear();
    m_interval->setValue(c.intervalMinutes);
    for (auto it = m_triggers.cbegin(); it != m_triggers.cend(); ++it)
        it.value()->setChecked(c.triggerStatuses.contains(it.key()));
    m_notifyCustomer->setChecked(c.notifyCustomer);
    m_updateTracking->setChecked(c.updateTracking);
    m_unmappedPolicy->setCurrentIndex(m_unmappedPolicy->findData(int(c.unmappedPolicy)));
    m_defaultCarrier->setText(c.defaultCarrier);
    m_kitRule->setCurrentIndex(m_kitRule->findData(kitRuleKey(c.kitRule)));
    m_takingOver->setChecked(c.takeOverFrom.isValid());
    m_takeOverFrom->setDate(c.takeOverFrom.isValid() ? c.takeOverFrom : QDate::currentDate());
    m_alertEmails->setText(c.alertEmails.join(QStringLiteral(", ")));
    m_alertEvery->setValue(c.alertEveryMinutes);
    m_webhook->clear();
    m_loading = false;
    m_modified = false;
    m_tokenEdited = false;
    m_webhookEdited = false;
    updateKindFields();
    validate();
}

Connector ConnectorForm::connector() const
{
    Connector c;
    c.id = m_id;
    c.name = m_name->text().trimmed();
    c.kind = m_kindBox->currentData().toString();
    const bool threePl = c.isThreePl();
    // A 3PL connector routes no channel's orders: its orders are chosen by location.
    c.channel = threePl ? QString() : m_channel->text().trimmed();
    c.endpoint = (threePl ? m_threePlUrl : m_storeUrl)->text().trimmed();
    while (c.endpoint.endsWith(u'/'))
        c.endpoint.chop(1);
    c.enabled = m_enabled->isChecked();
    c.intervalMinutes = m_interval->value();
    c.triggerStatuses.clear();
    for (const char *letter : kStatusLetters)
        if (m_triggers.value(QString::fromLatin1(letter))->isChecked())
            c.triggerStatuses << QString::fromLatin1(letter);
    c.notifyCustomer = m_notifyCustomer->isChecked();
    c.updateTracking = m_updateTracking->isChecked();
    c.unmappedPolicy = UnmappedPolicy(m_unmappedPolicy->currentData().toInt());
    c.defaultCarrier = m_defaultCarrier->text().trimmed();
    c.kitRule = kitRuleFromKey(m_kitRule->currentData().toString());
    if (m_takingOver->isChecked())
        c.takeOverFrom = m_takeOverFrom->date();
    c.alertEmails.clear();
    for (const QString &address : m_alertEmails->text().split(u',', Qt::SkipEmptyParts))
        if (!address.trimmed().isEmpty())
            c.alertEmails << address.trimmed();
    c.alertEveryMinutes = m_alertEvery->value();
    return c;
}

void ConnectorForm::setWebhook(const QString &url)
{
    if (m_webhookEdited)
        return;
    m_webhook->setText(url);
    validate();
}

QString ConnectorForm::webhook() const
{
    return m_webhook->text().trimmed();
}

QString ConnectorForm::alertProblem(const QStringList &emails, const QString &webhook)
{
    for (const QString &address : emails) {
        const qsizetype at = address.indexOf(u'@');
        if (at <= 0 || at == address.size() - 1 || address.contains(u' ') ||
            address.contains(u'<') || address.contains(u'>'))
            return tr("\"%1\" is not an e-mail address.").arg(address);
    }
    if (webhook.isEmpty())
        return {};
    const QUrl url(webhook, QUrl::StrictMode);
    const bool loopback = url.host() == u"localhost" || QHostAddress(url.host()).isLoopback();
    if (!url.isValid() || url.host().isEmpty() ||
        !(url.scheme() == u"https" || (url.scheme() == u"http" && loopback)))
        return tr("The webhook address must start with https://.");
    return {};
}

void ConnectorForm::setToken(const QString &token)
{
    if (m_tokenEdited)
        return; // the admin typed one meanwhile: theirs wins
    m_token->setText(token);
    // A 3PL's secret is stored as "API key:API secret".
    m_apiKey->setText(token.section(u':', 0, 0));
    m_apiSecret->setText(token.section(u':', 1));
    validate();
}

QString ConnectorForm::token() const
{
    if (m_kindBox->currentData().toString() != Connector::threePlKind())
        return m_token->text().trimmed();
    const QString key = m_apiKey->text().trimmed();
    const QString secret = m_apiSecret->text().trimmed();
    return key.isEmpty() && secret.isEmpty() ? QString() : key + u':' + secret;
}

QString ConnectorForm::storeUrlProblem(const QString &text)
{
    if (text.trimmed().isEmpty())
        return tr("Enter the store address, e.g. https://your-store.myshopify.com.");
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return tr("The store address is not a web address. Use the form "
                  "https://your-store.myshopify.com.");
    // Plain http only for a store on this computer (the sandbox); tokens never travel unencrypted.
    const bool loopback = url.host() == u"localhost" || QHostAddress(url.host()).isLoopback();
    if (url.scheme() != u"https" && !(url.scheme() == u"http" && loopback))
        return tr("The store address must start with https://.");
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return tr("The store address must not contain a query, a fragment or a user name.");
    return {};
}

QString ConnectorForm::threePlUrlProblem(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const bool loopback = url.host() == u"localhost" || QHostAddress(url.host()).isLoopback();
    if (text.trimmed().isEmpty() || !url.isValid() || url.host().isEmpty() ||
        !(url.scheme() == u"https" || (url.scheme() == u"http" && loopback)) || url.hasQuery() ||
        !url.userInfo().isEmpty())
        return tr("Enter the 3PL's API address, e.g. https://ssapi.shipstation.com.");
    return {};
}

void ConnectorForm::onEdited()
{
    if (m_loading)
        return;
    m_modified = true;
    updateKindFields();
    validate();
    Q_EMIT edited();
}

void ConnectorForm::updateKindFields()
{
    const bool threePl = m_kindBox->currentData().toString() == Connector::threePlKind();
    m_shopifyGroup->setVisible(!threePl);
    m_threePlGroup->setVisible(threePl);
    // What only a channel connector has: the channel value and the rules of pushing.
    m_generalForm->setRowVisible(m_channel, !threePl);
    for (QWidget *field :
         {static_cast<QWidget *>(m_triggers.value(QStringLiteral("A"))->parentWidget()),
          static_cast<QWidget *>(m_notifyCustomer), static_cast<QWidget *>(m_updateTracking),
          static_cast<QWidget *>(m_unmappedPolicy), static_cast<QWidget *>(m_defaultCarrier),
          static_cast<QWidget *>(m_kitRule)})
        m_rulesForm->setRowVisible(field, !threePl);
    m_defaultCarrier->setEnabled(UnmappedPolicy(m_unmappedPolicy->currentData().toInt()) ==
                                 UnmappedPolicy::UseDefault);
}

void ConnectorForm::validate()
{
    const Connector c = connector();
    QString problem;
    if (c.name.isEmpty())
        problem = tr("Give the connector a name.");
    else if (m_takenNames.contains(c.name, Qt::CaseInsensitive))
        problem =
            tr("Another connector is already called \"%1\". Choose another name.").arg(c.name);
    else if (c.isThreePl() && !threePlUrlProblem(c.endpoint).isEmpty())
        problem = threePlUrlProblem(c.endpoint);
    else if (c.isThreePl() && (m_id == 0 || m_tokenEdited) &&
             (m_apiKey->text().trimmed().isEmpty() || m_apiSecret->text().trimmed().isEmpty() ||
              m_apiKey->text().contains(u':')))
        problem = tr("Enter the 3PL's API key and API secret.");
    else if (c.isThreePl())
        problem = alertProblem(c.alertEmails, webhook());
    else if (c.channel.isEmpty())
        problem = tr("Enter the channel value NetSuite orders of this store carry.");
    else if (m_takenChannels.contains(c.channel))
        problem = tr("Connector \"%1\" already syncs the orders with channel value \"%2\". Each "
                     "channel value belongs to one connector.")
                      .arg(m_takenChannels.value(c.channel), c.channel);
    else if (c.kind == u"shopify" && !storeUrlProblem(c.endpoint).isEmpty())
        problem = storeUrlProblem(c.endpoint);
    else if (c.kind == u"shopify" && m_id == 0 && token().isEmpty())
        problem = tr("Enter the store's Admin API access token.");
    else if (c.triggerStatuses.isEmpty())
        problem = tr("Pick at least one sales order status to sync.");
    else if (c.unmappedPolicy == UnmappedPolicy::UseDefault && c.defaultCarrier.isEmpty())
        problem = tr("Enter the default carrier, or hold unmapped ship methods.");
    else if (!alertProblem(c.alertEmails, webhook()).isEmpty())
        problem = alertProblem(c.alertEmails, webhook());
    const bool wasValid = m_problem.isEmpty();
    m_problem = problem;
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    if (wasValid != problem.isEmpty())
        Q_EMIT validityChanged(problem.isEmpty());
}

} // namespace fulfillsync
