// The Connectors tab as an admin uses it: add a connector through the form, see that its token
// went to the secret store only, test the connection against a real loopback sandbox, run it,
// delete it. Offscreen, with the real sync controller.

#include "app/credentialsloader.h"
#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "models/storage/connectorrepository.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/secrets/secretstore.h"
#include "sync/synccontroller.h"
#include "testutils/secretwait.h"
#include "testutils/tempdatabase.h"
#include "ui/connectors/connectorform.h"
#include "ui/connectors/connectorlistmodel.h"
#include "ui/connectors/connectorspage.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::readSecret;
using fulfillsync::test::TempDatabase;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestConnectors : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<SyncController> m_sync;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ConnectorsPage> m_page;
    DemoTarget m_target;
    QStringList m_questions;
    bool m_answer = true;

    // Fills the form for a new connector the way an admin types it.
    void typeNewConnector(const QString &name, const QString &url, const QString &token)
    {
        QTest::mouseClick(m_page->addButton(), Qt::LeftButton);
        ConnectorForm *form = m_page->form();
        QTest::keyClicks(form->nameEdit(), name);
        form->channelEdit()->clear();
        QTest::keyClicks(form->channelEdit(), m_target.channel);
        QTest::keyClicks(form->storeUrlEdit(), url);
        QTest::keyClicks(form->tokenEdit(), token);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fulfillsync-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectors"));
        QSettings().clear();
    }

    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        m_sandbox->loadDemo(20, 7);
        QVERIFY(m_sandbox->listen(0) != 0);
        m_target = demoTargetOf(*m_sandbox);
        m_sync = std::make_unique<SyncController>(m_temp->database());
        m_secrets = std::make_unique<MemorySecretStore>();
        m_page = std::make_unique<ConnectorsPage>(m_temp->database(), *m_sync, *m_secrets);
        new QAbstractItemModelTester(m_page->model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_page->model());
        m_questions.clear();
        m_answer = true;
        m_page->setConfirm([this](const QString &question) {
            m_questions << question;
            return m_answer;
        });
        m_page->resize(1100, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup()
    {
        m_page.reset();
        m_sync.reset();
        m_secrets.reset();
        m_sandbox.reset();
        m_temp.reset();
    }

    void addingAConnectorKeepsTheTokenOutOfTheDatabase()
    {
        const QString token = QStringLiteral("shpat_secret_4f9a2c71e0");
        typeNewConnector(QStringLiteral("Outlet store"),
                         QStringLiteral("https://outlet.myshopify.com"), token);
        QVERIFY2(m_page->form()->isValid(), qPrintable(m_page->form()->problem()));
        QVERIFY(m_page->saveButton()->isEnabled());
        QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);

        ConnectorRepository repository(m_temp->database().connection());
        const std::optional<Connector> saved = repository.byName(QStringLiteral("Outlet store"));
        QVERIFY(saved.has_value());
        QCOMPARE(saved->endpoint, QStringLiteral("https://outlet.myshopify.com"));
        QCOMPARE(saved->channel, m_target.channel);
        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(m_page->model()->index(0, ConnectorListModel::Name).data().toString(),
                 QStringLiteral("Outlet store"));
        QCOMPARE(m_page->currentId(), saved->id);
        QCOMPARE(m_page->model()->index(0, ConnectorListModel::Schedule).data().toString(),
                 QStringLiteral("Every 5 minutes"));

        // The token is in the secret store under the connector's key …
        QCOMPARE(readSecret(*m_secrets, SecretStore::channelTokenKey(saved->id)),
                 std::optional<QString>(token));
        // … and nowhere in the database file (nor its write-ahead log) or the settings.
        const QString path = DatabaseUrl::parse(m_temp->url()).path;
        QVERIFY(!fileBytes(path).isEmpty());
        QVERIFY(fileBytes(path).contains("Outlet store") ||
                fileBytes(path + QStringLiteral("-wal")).contains("Outlet store"));
        for (const QString &file : QStringList{path, path + QStringLiteral("-wal")})
            QVERIFY2(!fileBytes(file).contains(token.toUtf8()), qPrintable(file));
        QSettings settings;
        settings.sync();
        for (const QString &key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(token));
        QVERIFY(!fileBytes(settings.fileName()).contains(token.toUtf8()));

        // A memory store keeps secrets for this run only, and the page says so.
        QTRY_VERIFY(m_page->keychainWarning()->isVisible());
        QVERIFY(m_page->keychainWarning()->text().contains(QStringLiteral("this run only")));
    }

    void aSecondConnectorCannotTakeAChannelValue()
    {
        typeNewConnector(QStringLiteral("Main"), QStringLiteral("https://main.myshopify.com"),
                         QStringLiteral("shpat_1"));
        QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
        typeNewConnector(QStringLiteral("Outlet"), QStringLiteral("https://outlet.myshopify.com"),
                         QStringLiteral("shpat_2"));
        QVERIFY(!m_page->form()->isValid());
        QVERIFY2(m_page->form()->problem().contains(QStringLiteral("\"Main\"")),
                 qPrintable(m_page->form()->problem()));
        QVERIFY(!m_page->saveButton()->isEnabled());
        m_page->form()->channelEdit()->clear();
        QTest::keyClicks(m_page->form()->channelEdit(), QStringLiteral("Outlet"));
        QVERIFY2(m_page->form()->isValid(), qPrintable(m_page->form()->problem()));
    }

    void alertSettingsAreSavedAndTheWebhookIsASecret()
    {
        const QString webhook = QStringLiteral("https://hooks.slack.com/services/T1/B2/tok3n9");
        typeNewConnector(QStringLiteral("Outlet store"),
                         QStringLiteral("https://outlet.myshopify.com"), QStringLiteral("shpat_x"));
        ConnectorForm *form = m_page->form();
        QTest::keyClicks(form->alertEmailsEdit(),
                         QStringLiteral("ops@example.com, not-an-address"));
        QVERIFY(!form->isValid());
        QVERIFY2(form->problem().contains(QStringLiteral("not-an-address")),
                 qPrintable(form->problem()));
        form->alertEmailsEdit()->clear();
        QTest::keyClicks(form->alertEmailsEdit(),
                         QStringLiteral("ops@example.com, lead@example.com"));
        QTest::keyClicks(form->webhookEdit(), QStringLiteral("http://hooks.example.com/x"));
        QVERIFY2(form->problem().contains(QStringLiteral("https://")), qPrintable(form->problem()));
        form->webhookEdit()->clear();
        QTest::keyClicks(form->webhookEdit(), webhook);
        form->alertEveryBox()->setValue(15);
        QVERIFY2(form->isValid(), qPrintable(form->problem()));
        QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);

        const auto saved = ConnectorRepository(m_temp->database().connection())
                               .byName(QStringLiteral("Outlet store"));
        QVERIFY(saved);
        QCOMPARE(saved->alertEmails, (QStringList{QStringLiteral("ops@example.com"),
                                                  QStringLiteral("lead@example.com")}));
        QCOMPARE(saved->alertEveryMinutes, 15);
        QCOMPARE(readSecret(*m_secrets, SecretStore::alertWebhookKey(saved->id)),
                 std::optional<QString>(webhook));
        const QString path = DatabaseUrl::parse(m_temp->url()).path;
        for (const QString &file : QStringList{path, path + QStringLiteral("-wal")})
            QVERIFY2(!fileBytes(file).contains("tok3n9"), qPrintable(file));

        // Shown again from the keychain; emptied and saved, it is removed from there.
        m_page->revert();
        QTRY_COMPARE(form->webhookEdit()->text(), webhook);
        form->webhookEdit()->selectAll();
        QTest::keyClick(form->webhookEdit(), Qt::Key_Delete);
        QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
        QTRY_COMPARE(readSecret(*m_secrets, SecretStore::alertWebhookKey(saved->id)),
                     std::optional<QString>());
    }

    // Switching over: the day another connector's work ends is kept with the connector, and
    // taken away again by unticking it.
    void theTakeOverDayIsSavedAndCleared()
    {
        typeNewConnector(QStringLiteral("Switched store"),
                         QStringLiteral("https://switched.myshopify.com"),
                         QStringLiteral("shpat_y"));
        ConnectorForm *form = m_page->form();
        QCheckBox *takingOver = nullptr;
        for (QCheckBox *box : form->findChildren<QCheckBox *>())
            if (box->accessibleName() == ConnectorForm::tr("Switching over from another connector"))
                takingOver = box;
        auto *day = form->findChild<QDateEdit *>();
        QVERIFY(takingOver && day);
        QVERIFY(!takingOver->isChecked());
        QVERIFY(!day->isEnabled()); // no day without the switch
        takingOver->setChecked(true);
        QVERIFY(day->isEnabled());
        day->setDate(QDate(2026, 12, 1));
        QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
        auto saved = ConnectorRepository(m_temp->database().connection())
                         .byName(QStringLiteral("Switched store"));
        QVERIFY(saved);
        QCOMPARE(saved->takeOverFrom, QDate(2026, 12, 1));
        takingOver->setChecked(false);
        QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
        saved = ConnectorRepository(m_temp->database().connection())
                    .byName(QStringLiteral("Switched store"));
        QVERIFY(saved && !saved->takeOverFrom.isValid());
    }

    // The demo keeps its secrets in memory on purpose: no warning about a missing keychain.
    void theDemoDoesNotClaimAMissingKeychain()
    {
        MemorySecretStore demoSecrets;
        demoSecrets.setInMemoryOnPurpose();
        ConnectorsPage page(m_temp->database(), *m_sync, demoSecrets);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::qWait(50);
        QVERIFY(!page.keychainWarning()->isVisible());
    }

    void validationBlocksSaveWithABadUrl()
    {
        typeNewConnector(QStringLiteral("Broken"), QStringLiteral("outlet store"),
                         QStringLiteral("shpat_x"));
        QVERIFY(!m_page->form()->isValid());
        QVERIFY(!m_page->saveButton()->isEnabled());
        QVERIFY(m_page->form()->problemLabel()->isVisible());
        QVERIFY(m_page->form()->problemLabel()->text().contains(QStringLiteral("address")));
        QVERIFY(!m_page->save());
        // Plain http is refused for a real store …
        m_page->form()->storeUrlEdit()->clear();
        QTest::keyClicks(m_page->form()->storeUrlEdit(),
                         QStringLiteral("http://outlet.myshopify.com"));
        QVERIFY(!m_page->saveButton()->isEnabled());
        QVERIFY(m_page->form()->problem().contains(QStringLiteral("https://")));
        // … and fixing the address as you type makes Save available.
        m_page->form()->storeUrlEdit()->clear();
        QTest::keyClicks(m_page->form()->storeUrlEdit(),
                         QStringLiteral("https://outlet.myshopify.com"));
        QVERIFY(m_page->saveButton()->isEnabled());
        QVERIFY(m_page->form()->problemLabel()->isHidden());
        QVERIFY(ConnectorRepository(m_temp->database().connection()).all().isEmpty());
    }

    void validationNeedsACarrierForTheDefaultPolicy()
    {
        typeNewConnector(QStringLiteral("Carrier"), QStringLiteral("https://c.myshopify.com"),
                         QStringLiteral("shpat_x"));
        QVERIFY(m_page->saveButton()->isEnabled());
        QVERIFY(!m_page->form()->defaultCarrierEdit()->isEnabled());
        m_page->form()->unmappedPolicyBox()->setCurrentIndex(1);
        QVERIFY(m_page->form()->defaultCarrierEdit()->isEnabled());
        QVERIFY(!m_page->saveButton()->isEnabled());
        QTest::keyClicks(m_page->form()->defaultCarrierEdit(), QStringLiteral("UPS"));
        QVERIFY(m_page->saveButton()->isEnabled());
        // No trigger status at all cannot be saved either.
        for (const char *letter : {"D", "E", "F", "G"})
            m_page->form()->triggerBox(QString::fromLatin1(letter))->setChecked(false);
        QVERIFY(!m_page->saveButton()->isEnabled());
        m_page->form()->triggerBox(QStringLiteral("B"))->setChecked(true);
        QVERIFY(m_page->save());
        const auto saved =
            ConnectorRepository(m_temp->database().connection()).byName(QStringLiteral("Carrier"));
        QVERIFY(saved.has_value());
        QCOMPARE(saved->unmappedPolicy, UnmappedPolicy::UseDefault);
        QCOMPARE(saved->defaultCarrier, QStringLiteral("UPS"));
        QCOMPARE(saved->triggerStatuses, QStringList{QStringLiteral("B")});
    }

    void deleteAsksAndRemoves()
    {
        typeNewConnector(QStringLiteral("Doomed"), QStringLiteral("https://doomed.myshopify.com"),
                         QStringLiteral("shpat_doomed"));
        QVERIFY(m_page->save());
        const qint64 id = m_page->currentId();
        QVERIFY(id > 0);
        QVERIFY(readSecret(*m_secrets, SecretStore::channelTokenKey(id)).has_value());

        m_answer = false;
        QTest::mouseClick(m_page->deleteButton(), Qt::LeftButton);
        QCOMPARE(m_questions.size(), 1);
        QVERIFY(m_questions.first().contains(QStringLiteral("Doomed")));
        QVERIFY(ConnectorRepository(m_temp->database().connection()).byId(id).has_value());

        m_answer = true;
        QTest::mouseClick(m_page->deleteButton(), Qt::LeftButton);
        QCOMPARE(m_questions.size(), 2);
        QVERIFY(!ConnectorRepository(m_temp->database().connection()).byId(id).has_value());
        QCOMPARE(m_page->model()->rowCount(), 0);
        QTRY_VERIFY(!readSecret(*m_secrets, SecretStore::channelTokenKey(id)).has_value());
    }

    void enableToggleSavesAtOnce()
    {
        typeNewConnector(QStringLiteral("Pausable"), QStringLiteral("https://p.myshopify.com"),
                         QStringLiteral("shpat_p"));
        QVERIFY(m_page->save());
        const qint64 id = m_page->currentId();
        QTest::mouseClick(m_page->toggleButton(), Qt::LeftButton);
        QVERIFY(!ConnectorRepository(m_temp->database().connection()).byId(id)->enabled);
        QCOMPARE(m_page->model()->index(0, ConnectorListModel::Enabled).data(Qt::CheckStateRole),
                 QVariant(Qt::Unchecked));
        QVERIFY(!m_page->runButton()->isEnabled());
        QTest::mouseClick(m_page->toggleButton(), Qt::LeftButton);
        QVERIFY(ConnectorRepository(m_temp->database().connection()).byId(id)->enabled);
    }

    // A 3PL connector: no channel value or push rules, an API address, key and secret; the
    // secret pair goes to the keychain only, and Test connection reads the 3PL's shipments.
    void a3plConnectorIsConfiguredAndTested()
    {
        QTest::mouseClick(m_page->addButton(), Qt::LeftButton);
        ConnectorForm *form = m_page->form();
        QTest::keyClicks(form->nameEdit(), QStringLiteral("Warehouse 3PL"));
        form->kindBox()->setCurrentIndex(form->kindBox()->findData(QStringLiteral("shipstation")));
        QVERIFY(!form->channelEdit()->isVisible());
        QVERIFY(!form->storeUrlEdit()->isVisible());
        QVERIFY(!form->triggerBox(QStringLiteral("F"))->isVisible());
        QVERIFY(form->apiKeyEdit()->isVisible());
        QVERIFY(!form->isValid());
        QTest::keyClicks(form->threePlUrlEdit(), m_sandbox->threePlBaseUrl().toString());
        const auto c = m_sandbox->credentials();
        QTest::keyClicks(form->apiKeyEdit(), c.threePlKey);
        QVERIFY2(form->problem().contains(QStringLiteral("API key and API secret")),
                 qPrintable(form->problem()));
        QTest::keyClicks(form->apiSecretEdit(), c.threePlSecret);
        QVERIFY2(form->isValid(), qPrintable(form->problem()));

        QSignalSpy finished(m_page.get(), &ConnectorsPage::testFinished);
        QTest::mouseClick(m_page->testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(m_page->testResultLabel()->text()));
        form->apiSecretEdit()->clear();
        QTest::keyClicks(form->apiSecretEdit(), QStringLiteral("wrong"));
        QTest::mouseClick(m_page->testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY2(m_page->testResultLabel()->text().contains(QStringLiteral("refused the API key")),
                 qPrintable(m_page->testResultLabel()->text()));

        form->apiSecretEdit()->clear();
        QTest::keyClicks(form->apiSecretEdit(), c.threePlSecret);
        QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
        const std::optional<Connector> saved = ConnectorRepository(m_temp->database().connection())
                                                   .byName(QStringLiteral("Warehouse 3PL"));
        QVERIFY(saved.has_value());
        QCOMPARE(saved->kind, QStringLiteral("shipstation"));
        QCOMPARE(saved->channel, QString());
        QCOMPARE(saved->endpoint, m_sandbox->threePlBaseUrl().toString());
        QTRY_COMPARE(readSecret(*m_secrets, SecretStore::channelTokenKey(saved->id)),
                     std::optional<QString>(c.threePlKey + u':' + c.threePlSecret));
        QVERIFY(
            !fileBytes(DatabaseUrl::parse(m_temp->url()).path).contains(c.threePlSecret.toUtf8()));
    }

    void testConnectionAgainstTheSandbox()
    {
        typeNewConnector(QStringLiteral("Sandbox"), m_target.shopUrl.toString(),
                         m_target.accessToken);
        QSignalSpy finished(m_page.get(), &ConnectorsPage::testFinished);
        QTest::mouseClick(m_page->testButton(), Qt::LeftButton);
        // Asynchronous: the window answers while the test runs.
        QVERIFY(!m_page->testButton()->isEnabled());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY2(m_page->testResultLabel()->text().contains(QStringLiteral("Connected")),
                 qPrintable(m_page->testResultLabel()->text()));
        QVERIFY(m_page->testResultLabel()->text().contains(QStringLiteral("access token works")));

        // The same store with a wrong token: a plain refusal.
        m_page->form()->tokenEdit()->clear();
        QTest::keyClicks(m_page->form()->tokenEdit(), QStringLiteral("shpat_wrong"));
        QTest::mouseClick(m_page->testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY2(
            m_page->testResultLabel()->text().contains(QStringLiteral("refused the access token")),
            qPrintable(m_page->testResultLabel()->text()));

        // And a store address where nothing answers.
        m_page->form()->storeUrlEdit()->clear();
        QTest::keyClicks(m_page->form()->storeUrlEdit(), QStringLiteral("http://127.0.0.1:1"));
        QTest::mouseClick(m_page->testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY2(m_page->testResultLabel()->text().contains(QStringLiteral("cannot be reached")),
                 qPrintable(m_page->testResultLabel()->text()));
    }

    void runNowRunsThisConnector()
    {
        ConnectorRepository(m_temp->database().connection())
            .saveAccount({m_target.accountId, m_target.netSuiteUrl.toString()});
        typeNewConnector(QStringLiteral("Runner"), m_target.shopUrl.toString(),
                         m_target.accessToken);
        QVERIFY(m_page->save());
        const qint64 id = m_page->currentId();
        m_sync->setCredentials(demoCredentials(m_target, id));
        SyncRequest from;
        from.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        m_page->setRunTemplate(from);

        QVERIFY(m_page->runButton()->isEnabled());
        QSignalSpy finished(m_sync.get(), &SyncController::passFinished);
        QTest::mouseClick(m_page->runButton(), Qt::LeftButton);
        QTRY_VERIFY(!m_page->runButton()->isEnabled()); // busy
        QVERIFY(finished.wait(60000));
        const auto summary = finished.first().first().value<SyncRunSummary>();
        QCOMPARE(summary.connectorId, id);
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QVERIFY(summary.detectedFulfillments > 0);
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral("Run finished")));
        // What waits is said, not only this run's counts (the demo holds an unmapped order).
        QVERIFY2(summary.stillOwed > 0, "the demo's run leaves nothing waiting");
        QVERIFY2(m_page->messageLabel()->text().contains(
                     QStringLiteral("%1 still waiting").arg(summary.stillOwed)),
                 qPrintable(m_page->messageLabel()->text()));
        QTRY_VERIFY(m_page->runButton()->isEnabled());
    }

    // Switching over: the Dry run button tells what the next pass would push and what it would
    // adopt from the tool before, and sends nothing (the store pre-filled by "another tool").
    void dryRunTellsWhatTheNextPassWouldPushAndAdopt()
    {
        QString error;
        QVERIFY2(
            m_sandbox->loadScenarioFile(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
                                            QStringLiteral("/sandbox/scenarios/switchover.json"),
                                        &error),
            qPrintable(error));
        m_target = demoTargetOf(*m_sandbox);
        const qint64 id = configureDemo(m_temp->database().connection(), m_target, &error);
        QVERIFY2(id != 0, qPrintable(error));
        m_sync->setCredentials(demoCredentials(m_target, id));
        SyncRequest from;
        from.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        m_page->setRunTemplate(from);
        m_page->reload();
        m_page->view()->selectRow(0);
        QCOMPARE(m_page->currentId(), id);
        QTRY_VERIFY(m_page->dryRunButton()->isEnabled());
        QTest::mouseClick(m_page->dryRunButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->message().contains(QStringLiteral("would push")), 60000);
        QVERIFY2(m_page->message().contains(QStringLiteral("push 2 fulfillment(s), adopt 3")),
                 qPrintable(m_page->message()));
        auto *box = m_page->findChild<QMessageBox *>(QStringLiteral("dryRunResult"));
        QVERIFY(box);
        QVERIFY2(box->detailedText().contains(QStringLiteral("SO1102 / IF2102")) &&
                     box->detailedText().contains(QStringLiteral("Would adopt")),
                 qPrintable(box->detailedText()));
        box->close();
        // Nothing went to the store: the other tool's five fulfillments only.
        int fulfillments = 0;
        for (const QJsonValue &order :
             m_sandbox->state()[QStringLiteral("channels")][0][QStringLiteral("orders")].toArray())
            fulfillments += int(order[QStringLiteral("fulfillments")].toArray().size());
        QCOMPARE(fulfillments, 5);
    }

    void credentialsFollowTheSecretStore()
    {
        CredentialsLoader loader(m_temp->database(), *m_secrets);
        QSignalSpy loaded(&loader, &CredentialsLoader::loaded);
        loader.load();
        QVERIFY(loaded.wait(5000));
        QVERIFY(loaded.last().first().value<SyncCredentials>().channelTokens.isEmpty());

        // Saving a connector with a token reloads the credentials by itself.
        typeNewConnector(QStringLiteral("Loaded"), QStringLiteral("https://l.myshopify.com"),
                         QStringLiteral("shpat_loaded"));
        QVERIFY(m_page->save());
        const qint64 id = m_page->currentId();
        QTRY_VERIFY(!loaded.isEmpty() &&
                    loaded.last().first().value<SyncCredentials>().channelTokens.value(id) ==
                        QStringLiteral("shpat_loaded"));

        // Demo mode: the sandbox's credentials win, the store's other tokens stay.
        SyncCredentials demo;
        demo.netsuite.consumerKey = QStringLiteral("demo-ck");
        demo.channelTokens.insert(999, QStringLiteral("demo-token"));
        loader.setOverride(demo);
        loaded.clear();
        loader.load();
        QVERIFY(loaded.wait(5000));
        const auto merged = loaded.last().first().value<SyncCredentials>();
        QCOMPARE(merged.netsuite.consumerKey, QStringLiteral("demo-ck"));
        QCOMPARE(merged.channelTokens.value(999), QStringLiteral("demo-token"));
        QCOMPARE(merged.channelTokens.value(id), QStringLiteral("shpat_loaded"));

        // Deleting the connector takes its token out again.
        QTest::mouseClick(m_page->deleteButton(), Qt::LeftButton);
        QTRY_VERIFY(!loaded.last().first().value<SyncCredentials>().channelTokens.contains(id));
    }

    void mainWindowHasTheTabAndTheSettingsAction()
    {
        MainWindow window(m_temp->database(), *m_sync, SyncRequest{});
        QVERIFY(!window.connectorsPage());
        window.setSecretStore(*m_secrets);
        QVERIFY(window.connectorsPage());
        QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(window.connectorsPage())),
                 QStringLiteral("Connectors"));
        QVERIFY(window.settingsAction());
        QCOMPARE(window.settingsAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));
        QVERIFY(window.menuBar()->actions().size() >= 1);
        new QAbstractItemModelTester(window.connectorsPage()->model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     window.connectorsPage()->model());
    }

    void editingAndRevertingRestoresTheStoredValues()
    {
        typeNewConnector(QStringLiteral("Editable"), QStringLiteral("https://e.myshopify.com"),
                         QStringLiteral("shpat_e"));
        QVERIFY(m_page->save());
        // The token is read back from the store into the form.
        QTRY_COMPARE(m_page->form()->tokenEdit()->text(), QStringLiteral("shpat_e"));
        QTest::keyClicks(m_page->form()->nameEdit(), QStringLiteral(" 2"));
        QVERIFY(m_page->form()->isModified());
        QVERIFY(!m_page->runButton()->isEnabled()); // save first
        QTest::mouseClick(m_page->revertButton(), Qt::LeftButton);
        QCOMPARE(m_page->form()->nameEdit()->text(), QStringLiteral("Editable"));
        QVERIFY(!m_page->form()->isModified());
    }
};

QTEST_MAIN(TestConnectors)
#include "tst_connectors.moc"
