#pragma once

#include "sync/engine/syncmessages.h"

#include <QPointer>
#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace fulfillsync {

class ConnectorForm;
class ConnectorListModel;
class Database;
class SecretStore;
class ConnectionTester;
struct ConnectionTestResult;
class PassPreview;
class SyncController;

// The Connectors tab: the list of connectors and the editor of the selected one. Settings go to
// the database, the access token only to the SecretStore (key connector/<id>/accessToken).
class ConnectorsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectorsPage)

public:
    ConnectorsPage(Database &database, SyncController &sync, SecretStore &secrets,
                   QWidget *parent = nullptr);
    ~ConnectorsPage() override;

    // Asks before deleting or discarding; tests answer without a dialog.
    using Confirm = std::function<bool(const QString &question)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // What Run now starts from (e.g. where a first pass reads from).
    void setRunTemplate(const SyncRequest &request) { m_runTemplate = request; }

    void reload(); // reads the connectors again, keeping the selection
    qint64 currentId() const { return m_currentId; }
    bool selectConnector(qint64 id);

    ConnectorListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    ConnectorForm *form() const { return m_form; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *toggleButton() const { return m_toggle; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *revertButton() const { return m_revert; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *dryRunButton() const { return m_dryRun; }
    QString message() const;
    QLabel *testResultLabel() const { return m_testResult; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *keychainWarning() const { return m_keychainWarning; }

public Q_SLOTS:
    void addConnector();
    bool save();
    void revert();
    void deleteCurrent();
    void toggleEnabled();
    void testConnection();
    void runNow();

Q_SIGNALS:
    void testFinished(bool ok);

private:
    void showConnector(const Connector &connector);
    void onCurrentRowChanged(int row);
    void loadToken(qint64 id);
    void checkKeychain();
    void showMessage(const QString &text, bool problem = false);
    void updateButtons();
    void showTestResult(const fulfillsync::ConnectionTestResult &result);

    Database &m_database;
    SyncController &m_sync;
    SecretStore &m_secrets;
    Confirm m_confirm;
    SyncRequest m_runTemplate;
    qint64 m_currentId = 0;
    quint64 m_tokenRead = 0; // answers of older token reads are ignored
    bool m_switching = false;
    ConnectionTester *m_tester = nullptr;

    ConnectorListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    ConnectorForm *m_form = nullptr;
    QLabel *m_keychainWarning = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_testResult = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_dryRun = nullptr;
    PassPreview *m_preview = nullptr;
};

} // namespace fulfillsync
