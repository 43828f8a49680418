#pragma once

#include <QWidget>

class QLineEdit;

namespace fulfillsync {

class Database;
class SecretStore;

// Settings › Alerts: the mail server alert digests go through. Its password goes to the
// keychain; the rest is stored in the database, so a worker on the same database uses it too.
class MailServerTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailServerTab)

public:
    MailServerTab(Database &database, SecretStore &secrets, QWidget *parent = nullptr);

    void load();
    // Saves what was changed; false with the reason when a field is wrong.
    bool apply(QString *problem);

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *senderEdit() const { return m_sender; }
    QLineEdit *caFileEdit() const { return m_caFile; }

private:
    Database &m_database;
    SecretStore &m_secrets;
    bool m_passwordEdited = false;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_sender = nullptr;
    QLineEdit *m_caFile = nullptr;
};

} // namespace fulfillsync
