#include "ui/connectors/connectorspage.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "sync/connectiontester.h"
#include "sync/secrets/secretstore.h"
#include "sync/synccontroller.h"
#include "ui/connectors/connectorform.h"
#include "ui/connectors/connectorlistmodel.h"
#include "ui/connectors/passpreview.h"
#include "ui/window/appearance.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace fulfillsync {

namespace {

QPushButton *makeButton(const QString &text, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setAccessibleName(accessibleName);
    return button;
}

} // namespace

ConnectorsPage::ConnectorsPage(Database &database, SyncController &sync, SecretStore &secrets,
                               QWidget *parent)
    : QWidget(parent)
    , m_database(database)
    , m_sync(sync)
    , m_secrets(secrets)
    , m_tester(new ConnectionTester(this))
{
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Connectors"), question) == QMessageBox::Yes;
    };

    m_keychainWarning = new QLabel(
        tr("No keychain answered. Access tokens are kept for this run only and must be entered "
           "again at the next start. Unlock or install a keychain (e.g. GNOME Keyring or KWallet) "
           "to keep them."),
        this);
    m_keychainWarning->setWordWrap(true);
    m_keychainWarning->setAccessibleName(tr("Keychain warning"));
    m_keychainWarning->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; "
                                                    "border: 1px solid #ffe69c; padding: 6px; }"));
    m_keychainWarning->setVisible(false);

    m_model = new ConnectorListModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Connectors"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    connect(m_model, &QAbstractItemModel::modelReset, m_view,
            [this] { m_view->resizeColumnsToContents(); });

    m_add = makeButton(tr("&Add"), tr("Add a connector"), this);
    m_add->setShortcut(QKeySequence::New);
    m_add->setToolTip(tr("Add a connector (%1)")
                          .arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
    m_delete = makeButton(tr("&Delete…"), tr("Delete the connector"), this);
    m_toggle = makeButton(tr("D&isable"), tr("Enable or disable the connector"), this);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_toggle);
    listButtons->addWidget(m_delete);
    listButtons->addStretch(1);
    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_view);
    listLayout->addLayout(listButtons);

    m_form = new ConnectorForm(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_save = makeButton(tr("&Save"), tr("Save the connector"), this);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setDefault(true);
    m_revert = makeButton(tr("Re&vert"), tr("Revert the changes"), this);
    m_test = makeButton(tr("&Test connection"), tr("Test the connection to the store"), this);
    m_run = makeButton(tr("R&un now"), tr("Run this connector now"), this);
    m_dryRun = makeButton(tr("Dr&y run"),
                          tr("Tell what the next pass would push, and what it would adopt from "
                             "the tool before (switching over); nothing is sent"),
                          this);
    m_preview = new PassPreview(m_sync, this);
    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setAccessibleName(tr("Connection test result"));
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Connector message"));
    auto *editButtons = new QHBoxLayout;
    editButtons->addWidget(m_save);
    editButtons->addWidget(m_revert);
    editButtons->addStretch(1);
    editButtons->addWidget(m_test);
    editButtons->addWidget(m_dryRun);
    editButtons->addWidget(m_run);
    auto *editSide = new QWidget(this);
    auto *editLayout = new QVBoxLayout(editSide);
    editLayout->setContentsMargins(0, 0, 0, 0);
    editLayout->addWidget(scroll, 1);
    editLayout->addWidget(m_testResult);
    editLayout->addWidget(m_message);
    editLayout->addLayout(editButtons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listSide);
    splitter->addWidget(editSide);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keychainWarning);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current.row()); });
    connect(m_add, &QPushButton::clicked, this, &ConnectorsPage::addConnector);
    connect(m_delete, &QPushButton::clicked, this, &ConnectorsPage::deleteCurrent);
    connect(m_toggle, &QPushButton::clicked, this, &ConnectorsPage::toggleEnabled);
    connect(m_save, &QPushButton::clicked, this, &ConnectorsPage::save);
    connect(m_revert, &QPushButton::clicked, this, &ConnectorsPage::revert);
    connect(m_test, &QPushButton::clicked, this, &ConnectorsPage::testConnection);
    connect(m_run, &QPushButton::clicked, this, &ConnectorsPage::runNow);
    connect(m_dryRun, &QPushButton::clicked, this, [this] {
        if (m_currentId == 0)
            return;
        SyncRequest request = m_runTemplate;
        request.connectorId = m_currentId;
        request.trigger = SyncTrigger::Manual;
        showMessage(tr("Dry run of \"%1\": reading NetSuite and the channel, sending nothing…")
                        .arg(m_form->connector().name));
        m_preview->start(request);
        updateButtons();
    });
    connect(m_preview, &PassPreview::finished, this, [this](const PassPreview::Result &result) {
        showMessage(result.summary());
        auto *box = new QMessageBox(QMessageBox::Information, tr("Dry run"), result.summary(),
                                    QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("dryRunResult"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setDetailedText(result.details());
        box->open();
        updateButtons();
    });
    connect(m_tester, &ConnectionTester::finished, this, &ConnectorsPage::showTestResult);
    connect(m_form, &ConnectorForm::edited, this, &ConnectorsPage::updateButtons);
    connect(m_form, &ConnectorForm::validityChanged, this, &ConnectorsPage::updateButtons);
    connect(&m_sync, &SyncController::busyChanged, this, &ConnectorsPage::updateButtons);
    connect(&m_sync, &SyncController::passFinished, this, [this](const SyncRunSummary &summary) {
        if (summary.connectorId == 0 || summary.connectorId != m_currentId)
            return;
        QString message = summary.error;
        if (message.isEmpty()) {
            message = tr("Run finished: %1 pushed, %2 failed, %3 held.")
                          .arg(summary.pushed)
                          .arg(summary.failed)
                          .arg(summary.held);
            // Why a run with nothing failed is still no "all synced": what waits from before.
            if (summary.stillOwed > 0)
                message += u' ' + tr("%n still waiting (Inbox, quarantine or unconfirmed).",
                                     nullptr, summary.stillOwed);
        }
        showMessage(message, !summary.ok());
    });
    connect(&m_sync, &SyncController::failedToStart, this,
            [this](const QString &message) { showMessage(message, true); });

    reload();
    if (m_model->rowCount() > 0)
        selectConnector(m_model->connectorAt(0).id);
    else
        addConnector();
}

ConnectorsPage::~ConnectorsPage() = default; // a running test goes with its tester

void ConnectorsPage::reload()
{
    m_sync.reloadSchedule(); // connectors were saved, removed, enabled or disabled
    ConnectorRepository repository(m_database.connection());
    const qint64 keep = m_currentId;
    m_switching = true;
    m_model->setConnectors(repository.all());
    if (!repository.lastError().isEmpty())
        showMessage(tr("Could not read the connectors: %1").arg(repository.lastError()), true);
    const int row = m_model->rowOf(keep);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
    m_switching = false;
    QStringList taken;
    for (const Connector &c : m_model->connectors())
        if (c.id != m_currentId)
            taken << c.name;
    m_form->setTakenNames(taken);
    updateButtons();
}

bool ConnectorsPage::selectConnector(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_view->setCurrentIndex(m_model->index(row, 0));
    return m_currentId == id;
}

void ConnectorsPage::onCurrentRowChanged(int row)
{
    if (m_switching || row < 0)
        return;
    const Connector next = m_model->connectorAt(row);
    if (next.id == m_currentId)
        return;
    if (m_form->isModified() &&
        !m_confirm(tr("Discard the unsaved changes to \"%1\"?").arg(m_form->connector().name))) {
        // Stay on the connector being edited.
        m_switching = true;
        const int back = m_model->rowOf(m_currentId);
        if (back >= 0)
            m_view->setCurrentIndex(m_model->index(back, 0));
        else
            m_view->clearSelection();
        m_switching = false;
        return;
    }
    showConnector(next);
}

void ConnectorsPage::showConnector(const Connector &connector)
{
    m_currentId = connector.id;
    m_form->setConnector(connector);
    QStringList taken;
    QHash<QString, QString> channels;
    for (const Connector &c : m_model->connectors()) {
        if (c.id == connector.id)
            continue;
        taken << c.name;
        channels.insert(c.channel, c.name);
    }
    m_form->setTakenNames(taken);
    m_form->setTakenChannels(channels);
    m_testResult->clear();
    m_message->clear();
    if (connector.id != 0)
        loadToken(connector.id);
    updateButtons();
}

void ConnectorsPage::loadToken(qint64 id)
{
    const quint64 ticket = ++m_tokenRead;
    QPointer<ConnectorsPage> self(this);
    m_secrets.read(SecretStore::channelTokenKey(id),
                   [self, ticket, id](std::optional<QString> value, const QString &error) {
                       if (!self || ticket != self->m_tokenRead || id != self->m_currentId)
                           return;
                       self->checkKeychain();
                       if (value)
                           self->m_form->setToken(*value);
                       else if (!error.isEmpty())
                           self->showMessage(tr("Could not read the access token: %1").arg(error),
                                             true);
                       else
                           self->showMessage(tr("No access token is stored for this connector "
                                                "yet: enter it and save."));
                   });
    m_secrets.read(SecretStore::alertWebhookKey(id),
                   [self, ticket, id](std::optional<QString> value, const QString &) {
                       if (self && ticket == self->m_tokenRead && id == self->m_currentId && value)
                           self->m_form->setWebhook(*value);
                   });
}

void ConnectorsPage::addConnector()
{
    if (m_form->isModified() &&
        !m_confirm(tr("Discard the unsaved changes to \"%1\"?").arg(m_form->connector().name)))
        return;
    Connector fresh;
    fresh.intervalMinutes = defaultIntervalMinutes();
    m_switching = true;
    m_view->clearSelection();
    m_view->setCurrentIndex(QModelIndex());
    m_switching = false;
    showConnector(fresh);
    m_form->nameEdit()->setFocus();
}

bool ConnectorsPage::save()
{
    if (!m_form->isValid()) {
        showMessage(m_form->problem(), true);
        return false;
    }
    Connector connector = m_form->connector();
    ConnectorRepository repository(m_database.connection());
    if (!repository.save(connector)) {
        showMessage(tr("Could not save the connector: %1").arg(repository.lastError()), true);
        return false;
    }
    const bool writeToken = m_form->tokenEdited() && !m_form->token().isEmpty();
    const QString token = m_form->token();
    const bool writeWebhook = m_form->webhookEdited();
    const QString webhook = m_form->webhook();
    m_currentId = connector.id;
    reload();
    selectConnector(connector.id);
    showConnector(connector);
    if (writeToken) {
        // The field keeps what was typed; a token read still under way would only blank it.
        ++m_tokenRead;
        m_form->setToken(token);
        QPointer<ConnectorsPage> self(this);
        m_secrets.write(
            SecretStore::channelTokenKey(connector.id), token,
            [self](bool ok, const QString &error) {
                if (!self)
                    return;
                self->checkKeychain();
                if (!ok)
                    self->showMessage(
                        tr("Saved, but the access token could not be stored: %1").arg(error), true);
            });
    }
    if (writeWebhook) {
        ++m_tokenRead;
        m_form->setWebhook(webhook);
        QPointer<ConnectorsPage> self(this);
        auto written = [self](bool ok, const QString &error) {
            if (self && !ok)
                self->showMessage(
                    tr("Saved, but the webhook address could not be stored: %1").arg(error), true);
        };
        if (webhook.isEmpty())
            m_secrets.remove(SecretStore::alertWebhookKey(connector.id), written);
        else
            m_secrets.write(SecretStore::alertWebhookKey(connector.id), webhook, written);
    }
    showMessage(tr("Saved \"%1\".").arg(connector.name));
    return true;
}

void ConnectorsPage::revert()
{
    ConnectorRepository repository(m_database.connection());
    const std::optional<Connector> stored =
        m_currentId ? repository.byId(m_currentId) : std::nullopt;
    Connector fresh;
    fresh.intervalMinutes = defaultIntervalMinutes();
    showConnector(stored.value_or(fresh));
}

void ConnectorsPage::deleteCurrent()
{
    if (m_currentId == 0)
        return;
    const Connector c = m_model->connectorAt(m_model->rowOf(m_currentId));
    if (!m_confirm(tr("Delete the connector \"%1\"?\n\nIts mappings and its record of what was "
                      "already pushed are deleted too; its access token is removed from the "
                      "keychain. The sync history stays.")
                       .arg(c.name)))
        return;
    ConnectorRepository repository(m_database.connection());
    if (!repository.remove(c.id)) {
        showMessage(tr("Could not delete the connector: %1").arg(repository.lastError()), true);
        return;
    }
    QPointer<ConnectorsPage> self(this);
    m_secrets.remove(SecretStore::channelTokenKey(c.id), [self](bool, const QString &) {
        if (self)
            self->checkKeychain();
    });
    m_secrets.remove(SecretStore::alertWebhookKey(c.id), [](bool, const QString &) {});
    m_currentId = 0;
    m_form->setConnector(Connector{}); // forget the edits of what no longer exists
    reload();
    if (m_model->rowCount() > 0)
        selectConnector(m_model->connectorAt(0).id);
    else
        addConnector();
    showMessage(tr("Deleted \"%1\".").arg(c.name));
}

void ConnectorsPage::toggleEnabled()
{
    if (m_currentId == 0)
        return;
    ConnectorRepository repository(m_database.connection());
    std::optional<Connector> stored = repository.byId(m_currentId);
    if (!stored)
        return;
    stored->enabled = !stored->enabled;
    if (!repository.save(*stored)) {
        showMessage(tr("Could not save the connector: %1").arg(repository.lastError()), true);
        return;
    }
    reload();
    // Keep the admin's unsaved edits; only the checkbox follows.
    const bool modified = m_form->isModified();
    if (!modified)
        showConnector(*stored);
    else
        m_form->enabledBox()->setChecked(stored->enabled);
    showMessage(
        stored->enabled
            ? tr("\"%1\" is enabled.").arg(stored->name)
            : tr("\"%1\" is disabled: it will not sync until enabled again.").arg(stored->name));
}

void ConnectorsPage::testConnection()
{
    if (m_tester->isRunning())
        return;
    const Connector c = m_form->connector();
    const bool threePl = c.isThreePl();
    const QString urlProblem = threePl ? ConnectorForm::threePlUrlProblem(c.endpoint)
                                       : ConnectorForm::storeUrlProblem(c.endpoint);
    if (!urlProblem.isEmpty() || m_form->token().isEmpty()) {
        m_testResult->setText(!urlProblem.isEmpty() ? urlProblem
                              : threePl             ? tr("Enter the API key and secret first.")
                                                    : tr("Enter the access token first."));
        Q_EMIT testFinished(false);
        return;
    }
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Testing the connection to %1…").arg(QUrl(c.endpoint).host()));
    m_tester->testChannel(c, m_form->token());
    updateButtons();
}

void ConnectorsPage::showTestResult(const ConnectionTestResult &result)
{
    m_testResult->setStyleSheet(result.ok ? QStringLiteral("color: #1e7e34;")
                                          : QStringLiteral("color: #c0392b;"));
    m_testResult->setText(result.summary);
    updateButtons();
    Q_EMIT testFinished(result.ok);
}

void ConnectorsPage::runNow()
{
    if (m_currentId == 0)
        return;
    SyncRequest request = m_runTemplate;
    request.connectorId = m_currentId;
    request.trigger = SyncTrigger::Manual;
    showMessage(tr("Running \"%1\"…").arg(m_form->connector().name));
    m_sync.runNow(request);
}

QString ConnectorsPage::message() const
{
    return m_message->text();
}

void ConnectorsPage::checkKeychain()
{
    m_keychainWarning->setVisible(m_secrets.lacksKeychain());
}

void ConnectorsPage::showMessage(const QString &text, bool problem)
{
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c0392b;") : QString());
    m_message->setText(text);
}

void ConnectorsPage::updateButtons()
{
    const bool stored = m_currentId != 0;
    const Connector current = m_model->connectorAt(m_model->rowOf(m_currentId));
    m_save->setEnabled(m_form->isValid() && (m_form->isModified() || !stored));
    m_revert->setEnabled(m_form->isModified());
    m_delete->setEnabled(stored);
    m_toggle->setEnabled(stored);
    m_toggle->setText(stored && !current.enabled ? tr("En&able") : tr("D&isable"));
    m_test->setEnabled(!m_tester->isRunning());
    m_run->setEnabled(stored && current.enabled && !m_form->isModified() && !m_sync.isBusy());
    m_run->setToolTip(m_form->isModified() ? tr("Save the changes first.")
                      : !current.enabled   ? tr("The connector is disabled.")
                      : m_sync.isBusy()    ? tr("A sync is already running.")
                                           : tr("Sync this connector now."));
    // A dry run sends nothing, so a disabled connector may be told too (before switching it on).
    m_dryRun->setEnabled(stored && !m_form->isModified() && !m_sync.isBusy() &&
                         !m_preview->isRunning());
    m_dryRun->setToolTip(m_form->isModified()
                             ? tr("Save the changes first.")
                             : tr("Tell what the next pass would push, and what it would adopt "
                                  "from the tool before (switching over); nothing is sent."));
}

} // namespace fulfillsync
