#include "ui/settings/settingsdialog.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "sync/connectiontester.h"
#include "sync/secrets/secretstore.h"
#include "ui/settings/databaseprobe.h"
#include "ui/settings/mailservertab.h"
#include "ui/window/appearance.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <utility>

namespace fulfillsync {

namespace {

const char *const kSecretFields[] = {"consumerKey", "consumerSecret", "tokenId", "tokenSecret"};

QLabel *makeResultLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *makeNote(const QString &text, QWidget *parent)
{
    auto *note = new QLabel(text, parent);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    return note;
}

} // namespace

SettingsDialog::SettingsDialog(Database &database, SecretStore &secrets, QWidget *parent)
    : QDialog(parent)
    , m_database(database)
    , m_store(secrets)
    , m_netSuiteTester(new ConnectionTester(this))
{
    setWindowTitle(tr("Settings"));
    m_keychainWarning = new QLabel(
        tr("No keychain answered. The NetSuite secrets are kept for this run only and must be "
           "entered again at the next start."),
        this);
    m_keychainWarning->setWordWrap(true);
    m_keychainWarning->setAccessibleName(tr("Keychain warning"));
    m_keychainWarning->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; "
                                                    "border: 1px solid #ffe69c; padding: 6px; }"));
    m_keychainWarning->setVisible(false);

    connect(m_netSuiteTester, &ConnectionTester::finished, this,
            [this](const ConnectionTestResult &result) {
                m_netSuiteTest->setEnabled(true);
                showProbeResult(m_netSuiteResult, result.ok, result.summary);
                Q_EMIT netSuiteTestFinished(result.ok);
            });

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(makeNetSuiteTab(), tr("&NetSuite"));
    m_tabs->addTab(makeDatabaseTab(), tr("&Database"));
    m_mailServer = new MailServerTab(database, secrets, this);
    m_tabs->addTab(m_mailServer, tr("Ale&rts"));
    m_tabs->addTab(makeGeneralTab(), tr("&General"));

    m_problem = makeResultLabel(tr("Settings problem"), this);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b;"));
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keychainWarning);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(560, 440);
    load();
}

SettingsDialog::~SettingsDialog()
{
    // A running NetSuite test is a child and goes with the dialog; its reply is aborted then.
}

QWidget *SettingsDialog::makeNetSuiteTab()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_accountId = new QLineEdit(page);
    m_accountId->setAccessibleName(tr("NetSuite account id"));
    m_accountId->setPlaceholderText(tr("e.g. 1234567 or 1234567_SB1"));
    m_baseUrl = new QLineEdit(page);
    m_baseUrl->setAccessibleName(tr("NetSuite REST address"));
    m_baseUrl->setPlaceholderText(tr("empty: derived from the account id"));
    form->addRow(tr("&Account id:"), m_accountId);
    form->addRow(tr("REST &address:"), m_baseUrl);
    const QString labels[] = {tr("&Consumer key:"), tr("Consumer &secret:"), tr("&Token id:"),
                              tr("Token s&ecret:")};
    const QString names[] = {tr("Consumer key"), tr("Consumer secret"), tr("Token id"),
                             tr("Token secret")};
    for (int i = 0; i < 4; ++i) {
        const QByteArray field(kSecretFields[i]);
        auto *edit = new QLineEdit(page);
        edit->setEchoMode(QLineEdit::Password);
        edit->setAccessibleName(names[i]);
        m_secrets.insert(field, edit);
        connect(edit, &QLineEdit::textEdited, this,
                [this, field] { m_secretEdited[field] = true; });
        form->addRow(labels[i], edit);
    }
    form->addRow(QString(), makeNote(tr("The consumer and token secrets are kept in the system "
                                        "keychain, never in the database or the settings."),
                                     page));
    m_netSuiteTest = new QPushButton(tr("Test &connection"), page);
    m_netSuiteTest->setAccessibleName(tr("Test the NetSuite connection"));
    connect(m_netSuiteTest, &QPushButton::clicked, this, &SettingsDialog::testNetSuite);
    m_netSuiteResult = makeResultLabel(tr("NetSuite test result"), page);
    form->addRow(QString(), m_netSuiteTest);
    form->addRow(QString(), m_netSuiteResult);
    return page;
}

QWidget *SettingsDialog::makeDatabaseTab()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_databaseUrl = new QLineEdit(page);
    m_databaseUrl->setAccessibleName(tr("Database address"));
    m_databaseUrl->setPlaceholderText(
        tr("sqlite:///path/to/file.db or postgresql://user@host:5432/name"));
    auto *browse = new QPushButton(tr("&Browse…"), page);
    browse->setAccessibleName(tr("Choose a SQLite file"));
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::chooseSqliteFile);
    auto *row = new QHBoxLayout;
    row->addWidget(m_databaseUrl, 1);
    row->addWidget(browse);
    // A row that is a layout gets no buddy from QFormLayout, and its "&" would show as is.
    auto *urlLabel = new QLabel(tr("Database &URL:"), page);
    urlLabel->setBuddy(m_databaseUrl);
    form->addRow(urlLabel, row);
    m_databaseTest = new QPushButton(tr("&Test"), page);
    m_databaseTest->setAccessibleName(tr("Test the database"));
    connect(m_databaseTest, &QPushButton::clicked, this, &SettingsDialog::testDatabase);
    m_databaseResult = makeResultLabel(tr("Database test result"), page);
    form->addRow(QString(), m_databaseTest);
    form->addRow(QString(), m_databaseResult);
    form->addRow(QString(), makeNote(tr("A changed database is used from the next start on. "
                                        "Its tables are created then."),
                                     page));
    return page;
}

QWidget *SettingsDialog::makeGeneralTab()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_defaultInterval = new QSpinBox(page);
    m_defaultInterval->setAccessibleName(tr("Default sync interval in minutes"));
    m_defaultInterval->setRange(1, 24 * 60);
    m_defaultInterval->setSuffix(tr(" min"));
    form->addRow(tr("New connectors sync &every:"), m_defaultInterval);
    m_theme = new QComboBox(page);
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), themeKey(Theme::System));
    m_theme->addItem(tr("Light"), themeKey(Theme::Light));
    m_theme->addItem(tr("Dark"), themeKey(Theme::Dark));
    form->addRow(tr("T&heme:"), m_theme);
    m_language = new QComboBox(page);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("Follow the system"), QString());
    // Language names in their own language, so they can be found whatever is shown now.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(),
                 makeNote(tr("A changed language is used from the next start on."), page));
    return page;
}

void SettingsDialog::load()
{
    ConnectorRepository repository(m_database.connection());
    const NetSuiteAccount account = repository.account().value_or(NetSuiteAccount{});
    m_accountId->setText(account.accountId);
    m_baseUrl->setText(account.baseUrl);

    const QSettings settings;
    m_databaseUrl->setText(settings.value(SettingsKeys::DatabaseUrl).toString());
    if (m_databaseUrl->text().isEmpty())
        m_databaseUrl->setPlaceholderText(tr("In use: %1").arg(m_database.url().displayString()));
    m_defaultInterval->setValue(defaultIntervalMinutes());
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(themeKey(storedTheme()))));
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(settings.value(SettingsKeys::Language).toString())));

    m_mailServer->load();
    QPointer<SettingsDialog> self(this);
    m_pendingReads = 4;
    for (const char *field : kSecretFields) {
        const QByteArray name(field);
        m_store.read(SecretStore::netSuiteKey(field),
                     [self, name](std::optional<QString> value, const QString &) {
                         if (!self)
                             return;
                         // What the admin typed meanwhile wins over the stored value.
                         if (value && !self->m_secretEdited.value(name))
                             self->m_secrets.value(name)->setText(*value);
                         self->checkKeychain();
                         if (--self->m_pendingReads == 0)
                             Q_EMIT self->secretsLoaded();
                     });
    }
}

bool SettingsDialog::apply()
{
    m_problem->clear();
    const QString accountId = m_accountId->text().trimmed();
    const QString baseUrl = m_baseUrl->text().trimmed();
    if (!baseUrl.isEmpty()) {
        const QUrl url(baseUrl, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != u"https" && url.scheme() != u"http")) {
            m_tabs->setCurrentIndex(0);
            m_problem->setText(tr("The NetSuite REST address is not a web address. Leave it "
                                  "empty to derive it from the account id."));
            return false;
        }
    }
    const QString databaseUrl = m_databaseUrl->text().trimmed();
    const DatabaseUrl parsedDatabase = DatabaseUrl::parse(databaseUrl);
    if (!databaseUrl.isEmpty() && !parsedDatabase.isValid()) {
        m_tabs->setCurrentIndex(1);
        m_problem->setText(parsedDatabase.error);
        return false;
    }
    // The settings file is plain text: a password must not end up there.
    if (!parsedDatabase.password.isEmpty()) {
        m_tabs->setCurrentIndex(1);
        m_problem->setText(tr("Remove the password from the database URL: settings are stored as "
                              "plain text. Put it in the ~/.pgpass file of this user instead "
                              "(PostgreSQL reads it from there)."));
        return false;
    }
    // A database that does not answer would lock the admin out at the next start: a changed
    // one is saved only after its Test passed.
    const bool closeWhenSaved = std::exchange(m_closeWhenSaved, false);
    if (!m_demo && !databaseUrl.isEmpty() &&
        databaseUrl != QSettings().value(SettingsKeys::DatabaseUrl).toString() &&
        databaseUrl != m_verifiedDatabaseUrl) {
        m_tabs->setCurrentIndex(1);
        m_problem->setText(tr("Testing the database before saving…"));
        m_afterTest = closeWhenSaved ? AfterTest::Accept : AfterTest::Apply;
        testDatabase();
        return false;
    }

    if (QString problem; !m_mailServer->apply(&problem)) {
        m_tabs->setCurrentWidget(m_mailServer);
        m_problem->setText(problem);
        return false;
    }

    ConnectorRepository repository(m_database.connection());
    const NetSuiteAccount account{accountId, baseUrl};
    if (!accountId.isEmpty() && repository.account().value_or(NetSuiteAccount{}) != account &&
        !repository.saveAccount(account)) {
        m_problem->setText(
            tr("Could not save the NetSuite account: %1").arg(repository.lastError()));
        return false;
    }

    QSettings settings;
    if (!m_demo) { // the demo's database is its own, whatever is typed here
        if (databaseUrl.isEmpty())
            settings.remove(SettingsKeys::DatabaseUrl);
        else
            settings.setValue(SettingsKeys::DatabaseUrl, databaseUrl);
    }
    settings.setValue(SettingsKeys::DefaultInterval, m_defaultInterval->value());
    const Theme theme = themeFromKey(m_theme->currentData().toString());
    if (theme != storedTheme())
        applyTheme(theme);
    settings.setValue(SettingsKeys::Theme, themeKey(theme));
    settings.setValue(SettingsKeys::Language, m_language->currentData().toString());

    // Only secrets the admin typed are written; the rest stay as the keychain has them.
    QList<QByteArray> edited;
    for (const char *field : kSecretFields)
        if (m_secretEdited.value(QByteArray(field)))
            edited << QByteArray(field);
    if (edited.isEmpty())
        return true;
    QPointer<SettingsDialog> self(this);
    for (const QByteArray &field : edited) {
        const QString value = m_secrets.value(field)->text().trimmed();
        // The store announces the change itself (SecretStore::changed), so the sync gets the
        // new secrets even when the dialog is gone by the time the keychain answers.
        auto done = [self, field](bool ok, const QString &error) {
            if (!self)
                return;
            self->checkKeychain();
            if (!ok)
                self->m_problem->setText(tr("Could not store the %1 in the keychain: %2")
                                             .arg(QString::fromLatin1(field), error));
        };
        if (value.isEmpty())
            m_store.remove(SecretStore::netSuiteKey(field.constData()), done);
        else
            m_store.write(SecretStore::netSuiteKey(field.constData()), value, done);
        m_secretEdited[field] = false;
    }
    return true;
}

void SettingsDialog::accept()
{
    m_closeWhenSaved = true;
    if (apply())
        QDialog::accept();
}

void SettingsDialog::testNetSuite()
{
    if (m_netSuiteTester->isRunning())
        return;
    const QString accountId = m_accountId->text().trimmed();
    const QUrl baseUrl(m_baseUrl->text().trimmed());
    const TbaCredentials credentials{m_secrets.value("consumerKey")->text().trimmed(),
                                     m_secrets.value("consumerSecret")->text().trimmed(),
                                     m_secrets.value("tokenId")->text().trimmed(),
                                     m_secrets.value("tokenSecret")->text().trimmed()};
    if (accountId.isEmpty() || !credentials.isComplete()) {
        showProbeResult(m_netSuiteResult, false,
                        tr("Enter the account id and all four token-based authentication values "
                           "first."));
        Q_EMIT netSuiteTestFinished(false);
        return;
    }
    m_netSuiteTest->setEnabled(false);
    m_netSuiteResult->setStyleSheet(QString());
    m_netSuiteResult->setText(tr("Testing the connection to NetSuite account %1…").arg(accountId));
    m_netSuiteTester->testNetSuite(accountId, baseUrl, credentials);
}

void SettingsDialog::testDatabase()
{
    if (m_databaseTestRunning)
        return;
    const QString text = m_databaseUrl->text().trimmed();
    if (text.isEmpty()) {
        showProbeResult(m_databaseResult, false, tr("Enter a database URL first."));
        Q_EMIT databaseTestFinished(false);
        return;
    }
    m_databaseTestRunning = true;
    m_databaseTest->setEnabled(false);
    showProbeRunning(m_databaseResult);
    probeDatabaseAsync(this, text, [this, text](const DatabaseProbeResult &result) {
        m_databaseTestRunning = false;
        m_databaseTest->setEnabled(true);
        showProbeResult(m_databaseResult, result.ok, result.summary);
        if (result.ok)
            m_verifiedDatabaseUrl = text;
        const AfterTest after = std::exchange(m_afterTest, AfterTest::Nothing);
        Q_EMIT databaseTestFinished(result.ok);
        if (after == AfterTest::Nothing)
            return;
        if (!result.ok) {
            m_problem->setText(
                tr("Not saved: this database did not pass the test. %1").arg(result.summary));
            return;
        }
        m_problem->clear();
        if (after == AfterTest::Accept)
            accept();
        else
            apply();
    });
}

void SettingsDialog::setDemoMode()
{
    m_demo = true;
    setWindowTitle(tr("Settings — Demo"));
    m_databaseUrl->setEnabled(false);
    m_databaseTest->setEnabled(false);
    m_databaseUrl->clear();
    m_databaseUrl->setPlaceholderText(tr("Demo: a database of its own, deleted when it closes"));
    auto *note = new QLabel(tr("Demo: these settings are the demo's own. Nothing set here "
                               "changes the real fulfillsync's settings or database."),
                            this);
    note->setWordWrap(true);
    note->setAccessibleName(tr("Demo note"));
    note->setStyleSheet(QStringLiteral("QLabel { background: #e8f0fe; color: #1a3d7c; "
                                       "border: 1px solid #aac4f0; padding: 6px; }"));
    static_cast<QVBoxLayout *>(layout())->insertWidget(0, note);
}

void SettingsDialog::chooseSqliteFile()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("SQLite database file"), QString(),
                                                      tr("SQLite databases (*.db *.sqlite)"),
                                                      nullptr, QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        m_databaseUrl->setText(QStringLiteral("sqlite://") + file);
}

void SettingsDialog::checkKeychain()
{
    m_keychainWarning->setVisible(m_store.lacksKeychain());
}

} // namespace fulfillsync
