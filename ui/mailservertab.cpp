#include "ui/mailservertab.h"

#include "models/storage/alertrepository.h"
#include "models/storage/database.h"
#include "sync/secrets/secretstore.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
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

bool MailServerTab::apply(QString *problem)
{
    const MailServer server{m_url->text().trimmed(), m_username->text().trimmed(),
                            m_sender->text().trimmed(), m_caFile->text().trimmed()};
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
