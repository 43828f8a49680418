#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace fulfillsync {

class Database;
class MailServerTab;
class ConnectionTester;
class SecretStore;

// Settings…: the NetSuite account (id and URL in the database, token-based-auth secrets in the
// SecretStore), the database URL (QSettings, used at the next start), the default schedule, the
// theme and the language. Changes are written on OK / Apply only.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(Database &database, SecretStore &secrets, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *accountIdEdit() const { return m_accountId; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QLineEdit *secretEdit(const char *field) const { return m_secrets.value(QByteArray(field)); }
    QPushButton *netSuiteTestButton() const { return m_netSuiteTest; }
    QLabel *netSuiteResultLabel() const { return m_netSuiteResult; }
    QLineEdit *databaseUrlEdit() const { return m_databaseUrl; }
    QPushButton *databaseTestButton() const { return m_databaseTest; }
    QLabel *databaseResultLabel() const { return m_databaseResult; }
    QSpinBox *defaultIntervalBox() const { return m_defaultInterval; }
    QComboBox *themeBox() const { return m_theme; }
    QComboBox *languageBox() const { return m_language; }
    QLabel *keychainWarning() const { return m_keychainWarning; }
    QLabel *problemLabel() const { return m_problem; }
    MailServerTab *mailServerTab() const { return m_mailServer; }
    // The demo's Settings: marked as the demo's, and its database is the demo's own (fixed).
    void setDemoMode();

public Q_SLOTS:
    // Writes everything; false (and says why) when something is invalid. A changed database
    // is saved only once its Test passed: an untested one is tested first, and saved (and the
    // dialog closed, for OK) when it passes.
    bool apply();
    void accept() override;
    void testNetSuite();
    void testDatabase();

Q_SIGNALS:
    void databaseTestFinished(bool ok);
    void netSuiteTestFinished(bool ok);
    void secretsLoaded();

private:
    QWidget *makeNetSuiteTab();
    QWidget *makeDatabaseTab();
    QWidget *makeGeneralTab();
    void load();
    void chooseSqliteFile();
    void checkKeychain();

    Database &m_database;
    SecretStore &m_store;
    ConnectionTester *m_netSuiteTester = nullptr;
    QHash<QByteArray, QLineEdit *> m_secrets; // field name → edit
    QHash<QByteArray, bool> m_secretEdited;
    int m_pendingReads = 0;
    bool m_databaseTestRunning = false;
    QString m_verifiedDatabaseUrl; // the last URL whose Test passed
    enum class AfterTest { Nothing, Apply, Accept };
    AfterTest m_afterTest = AfterTest::Nothing; // what waits for the running Test
    bool m_closeWhenSaved = false;              // apply() runs for OK
    bool m_demo = false;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_keychainWarning = nullptr;
    QLabel *m_problem = nullptr;
    QLineEdit *m_accountId = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QPushButton *m_netSuiteTest = nullptr;
    QLabel *m_netSuiteResult = nullptr;
    QLineEdit *m_databaseUrl = nullptr;
    QPushButton *m_databaseTest = nullptr;
    QLabel *m_databaseResult = nullptr;
    QSpinBox *m_defaultInterval = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
    MailServerTab *m_mailServer = nullptr;
};

} // namespace fulfillsync
