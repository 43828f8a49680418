#pragma once

#include "models/domain/alerts.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fulfillsync {

class ConnectionTester;
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
    QLineEdit *testRecipientEdit() const { return m_testRecipient; }
    QPushButton *testButton() const { return m_test; }
    QLabel *testResultLabel() const { return m_testResult; }

    // Sends a test mail with the fields as they are now (saved or not).
    void sendTestMail();

Q_SIGNALS:
    void testFinished(bool ok);

private:
    Database &m_database;
    SecretStore &m_secrets;
    bool m_passwordEdited = false;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_sender = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_testRecipient = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    ConnectionTester *m_tester = nullptr;
    MailServer fields() const;
};

} // namespace fulfillsync
