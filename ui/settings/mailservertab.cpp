#include "ui/settings/mailservertab.h"

#include "models/storage/alertrepository.h"
#include "models/storage/database.h"
#include "sync/connectiontester.h"
#include "sync/secrets/secretstore.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QUrl>

namespace fulfillsync {

MailServerTab::MailServerTab(Database &database, SecretStore &secrets, QWidget *parent)
    : QWidget(parent)
    , m_database(database)
    , m_secrets(secrets)
{
    auto *form = new QFormLayout(this);
    m_url = new QLineEdit(this);
    m_url->setAccessibleName(tr("Mail server address"));
    m_url->setPlaceholderText(QStringLiteral("smtp://mail.example.com:587"));
    m_username = new QLineEdit(this);
    m_username->setAccessibleName(tr("Mail server user name"));
    m_password = new QLineEdit(this);
    m_password->setAccessibleName(tr("Mail server password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_sender = new QLineEdit(this);
    m_sender->setAccessibleName(tr("Alert sender address"));
    m_sender->setPlaceholderText(tr("fulfillsync@example.com"));
    m_caFile = new QLineEdit(this);
    m_caFile->setAccessibleName(tr("Mail server CA certificate file"));
    m_caFile->setPlaceholderText(tr("empty: the system's certificates"));
    form->addRow(tr("Mail &server:"), m_url);
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&From:"), m_sender);
    form->addRow(tr("&CA certificate:"), m_caFile);
    m_testRecipient = new QLineEdit(this);
    m_testRecipient->setAccessibleName(tr("Test mail recipient"));
    m_testRecipient->setPlaceholderText(tr("you@example.com"));
    m_test = new QPushButton(tr("Send &test mail"), this);
    m_test->setAccessibleName(tr("Send a test mail"));
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testRecipient, 1);
    testRow->addWidget(m_test);
    auto *testLabel = new QLabel(tr("Test &to:"), this); // a layout's row gets no buddy
    testLabel->setBuddy(m_testRecipient);
    form->addRow(testLabel, testRow);
    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setAccessibleName(tr("Test mail result"));
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QString(), m_testResult);
    m_tester = new ConnectionTester(this);
    connect(m_test, &QPushButton::clicked, this, &MailServerTab::sendTestMail);
    connect(m_tester, &ConnectionTester::finished, this,
            [this](const ConnectionTestResult &result) {
                m_test->setEnabled(true);
                m_testResult->setStyleSheet(result.ok ? QStringLiteral("color: #1e7e34;")
                                                      : QStringLiteral("color: #c0392b;"));
                m_testResult->setText(result.summary);
                Q_EMIT testFinished(result.ok);
            });
    auto *note = new QLabel(
        tr("Alerts are set per connector (Connectors › Alerts): who gets a digest of failed and "
           "held work, and a message when a connector stops or syncs again. smtp:// requires "
           "STARTTLS unless the server is on this computer; the password is kept in the system "
           "keychain."),
        this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), note);
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_passwordEdited = true; });
}

void MailServerTab::load()
{
    const MailServer server =
        AlertRepository(m_database.connection()).mailServer().value_or(MailServer{});
    m_url->setText(server.url);
    m_username->setText(server.username);
    m_sender->setText(server.sender);
    m_caFile->setText(server.caFile);
    QPointer<MailServerTab> self(this);
    m_secrets.read(SecretStore::mailPasswordKey(),
                   [self](std::optional<QString> value, const QString &) {
                       if (self && value && !self->m_passwordEdited)
                           self->m_password->setText(*value);
                   });
}

MailServer MailServerTab::fields() const
{
    return {m_url->text().trimmed(), m_username->text().trimmed(), m_sender->text().trimmed(),
            m_caFile->text().trimmed()};
}

void MailServerTab::sendTestMail()
{
    const QString to = m_testRecipient->text().trimmed();
    if (!to.contains(u'@') || fields().url.isEmpty()) {
        m_testResult->setStyleSheet(QStringLiteral("color: #c0392b;"));
        m_testResult->setText(tr("Enter the mail server and an address to send the test to."));
        Q_EMIT testFinished(false);
        return;
    }
    m_test->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Sending a test mail to %1…").arg(to));
    m_tester->sendTestMail(fields(), m_password->text(), to);
}

bool MailServerTab::apply(QString *problem)
{
    const MailServer server = fields();
    if (server.isSet()) {
        const QUrl url(server.url, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != u"smtp" && url.scheme() != u"smtps")) {
            *problem = tr("The mail server address must look like smtp://host:587 or "
                          "smtps://host:465.");
            return false;
        }
        if (!server.sender.contains(u'@')) {
            *problem = tr("Enter the address alerts are sent from.");
            return false;
        }
    }
    AlertRepository alerts(m_database.connection());
    if (alerts.mailServer().value_or(MailServer{}) != server && !alerts.saveMailServer(server)) {
        *problem = tr("Could not save the mail server: %1").arg(alerts.lastError());
        return false;
    }
    if (!m_passwordEdited)
        return true;
    m_passwordEdited = false;
    const QString password = m_password->text();
    QPointer<MailServerTab> self(this);
    auto done = [self](bool ok, const QString &error) {
        if (self && !ok)
            self->m_password->setToolTip(
                tr("Could not store the password in the keychain: %1").arg(error));
    };
    if (password.isEmpty())
        m_secrets.remove(SecretStore::mailPasswordKey(), done);
    else
        m_secrets.write(SecretStore::mailPasswordKey(), password, done);
    return true;
}

} // namespace fulfillsync
