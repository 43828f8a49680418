// The Settings dialog: database test on a worker thread with a plain answer, NetSuite account
// and secrets kept apart (database vs. secret store), theme applied at once, language stored.

#include "app/embeddedsandbox.h"
#include "models/storage/alertrepository.h"
#include "models/storage/connectorrepository.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/secrets/secretstore.h"
#include "testutils/loopbackreceivers.h"
#include "testutils/secretwait.h"
#include "testutils/tempdatabase.h"
#include "ui/settings/databaserecoverydialog.h"
#include "ui/settings/mailservertab.h"
#include "ui/settings/settingsdialog.h"
#include "ui/window/appearance.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace fulfillsync;
using fulfillsync::test::readSecret;
using fulfillsync::test::TempDatabase;

class TestSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<SettingsDialog> m_dialog;
    std::unique_ptr<QTemporaryDir> m_sqliteDir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fulfillsync-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settings"));
    }

    void init()
    {
        QSettings().clear();
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_secrets = std::make_unique<MemorySecretStore>();
        m_dialog = std::make_unique<SettingsDialog>(m_temp->database(), *m_secrets);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup()
    {
        m_dialog.reset();
        m_secrets.reset();
        m_temp.reset();
        applyTheme(Theme::System);
    }

    void databaseTestReportsFailureForABadUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("words");
        QTest::newRow("not a url") << QStringLiteral("mysql://x/y") << QString();
        QTest::newRow("nobody listens") << QStringLiteral("postgresql://nobody@127.0.0.1:1/none")
                                        << QStringLiteral("Cannot open");
    }

    void databaseTestReportsFailureForABadUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, words);
        m_dialog->databaseUrlEdit()->setText(url);
        QSignalSpy finished(m_dialog.get(), &SettingsDialog::databaseTestFinished);
        QTest::mouseClick(m_dialog->databaseTestButton(), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), false);
        const QString text = m_dialog->databaseResultLabel()->text();
        QVERIFY(!text.isEmpty());
        QVERIFY2(text.contains(words), qPrintable(text));
        QVERIFY(m_dialog->databaseTestButton()->isEnabled());
        // An invalid URL is not stored.
        if (!DatabaseUrl::parse(url).isValid()) {
            QVERIFY(!m_dialog->apply());
            QVERIFY(!QSettings().contains(SettingsKeys::DatabaseUrl));
        }
    }

    // Every engine this run can reach: SQLite always, PostgreSQL when the test command
    // started a server (FULFILLSYNC_TEST_PG_URL).
    void databaseTestSucceeds_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("words");
        m_sqliteDir = std::make_unique<QTemporaryDir>();
        QTest::newRow("sqlite") << QStringLiteral("sqlite://") +
                                       m_sqliteDir->filePath(QStringLiteral("new.db"))
                                << QStringLiteral("can be used");
        if (TempDatabase::postgresAvailable())
            QTest::newRow("postgresql")
                << qEnvironmentVariable("FULFILLSYNC_TEST_PG_URL") << QStringLiteral("PostgreSQL");
    }

    void databaseTestSucceeds()
    {
        QFETCH(QString, url);
        QFETCH(QString, words);
        QTest::keyClicks(m_dialog->databaseUrlEdit(), url);
        QSignalSpy finished(m_dialog.get(), &SettingsDialog::databaseTestFinished);
        QTest::mouseClick(m_dialog->databaseTestButton(), Qt::LeftButton);
        QVERIFY(!m_dialog->databaseTestButton()->isEnabled()); // runs off the GUI thread
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY2(m_dialog->databaseResultLabel()->text().contains(words),
                 qPrintable(m_dialog->databaseResultLabel()->text()));
        // Stored for the next start, which app/main.cpp reads.
        QVERIFY(m_dialog->apply());
        QCOMPARE(QSettings().value(SettingsKeys::DatabaseUrl).toString(), url);
    }

    // A database that fails its test is never saved (the next start would not open it); OK
    // tests an untested one first, and saves and closes only when it passes.
    void aDatabaseIsSavedOnlyOnceItsTestPassed()
    {
        QTemporaryDir folder;
        // Nobody listens there: PostgreSQL refuses at once.
        const QString broken = QStringLiteral("postgresql://nobody@127.0.0.1:1/none");
        m_dialog->databaseUrlEdit()->setText(broken);
        QSignalSpy finished(m_dialog.get(), &SettingsDialog::databaseTestFinished);
        m_dialog->accept();
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(m_dialog->isVisible());
        QVERIFY(!QSettings().contains(SettingsKeys::DatabaseUrl));
        QVERIFY2(m_dialog->problemLabel()->text().contains(QStringLiteral("Not saved")),
                 qPrintable(m_dialog->problemLabel()->text()));
        QVERIFY(!m_dialog->apply()); // Apply too: tested again, refused again
        QVERIFY(finished.wait(15000));
        QVERIFY(!QSettings().contains(SettingsKeys::DatabaseUrl));

        const QString working =
            QStringLiteral("sqlite://") + folder.filePath(QStringLiteral("fs.db"));
        m_dialog->databaseUrlEdit()->setText(working);
        finished.clear();
        m_dialog->accept();
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), true);
        QTRY_VERIFY(!m_dialog->isVisible());
        QCOMPARE(QSettings().value(SettingsKeys::DatabaseUrl).toString(), working);
    }

    // At start, a database that does not open offers another one (tested first) or the last
    // one that opened, and Quit; never only an error box.
    void aStartThatCannotOpenTheDatabaseOffersAWayOn()
    {
        QTemporaryDir folder;
        // Nobody listens there: PostgreSQL refuses at once.
        const QString broken = QStringLiteral("postgresql://nobody@127.0.0.1:1/none");
        const QString last = QStringLiteral("sqlite://") + folder.filePath(QStringLiteral("a.db"));
        {
            DatabaseRecoveryDialog dialog(broken, QStringLiteral("unable to open database file"),
                                          last);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.lastWorkingButton()->isVisible());
            QVERIFY(dialog.quitButton()->isVisible());
            QVERIFY(!dialog.useButton()->isEnabled()); // the broken one, untested
            QTest::mouseClick(dialog.lastWorkingButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QCOMPARE(dialog.chosenUrl(), last);
        }
        DatabaseRecoveryDialog dialog(broken, QStringLiteral("unable to open database file"),
                                      QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.lastWorkingButton()->isVisible()); // none known
        QSignalSpy tested(&dialog, &DatabaseRecoveryDialog::testFinished);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(tested.wait(15000));
        QCOMPARE(tested.first().first().toBool(), false);
        QVERIFY(!dialog.useButton()->isEnabled());
        const QString working =
            QStringLiteral("sqlite://") + folder.filePath(QStringLiteral("new.db"));
        dialog.urlEdit()->setText(working);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(tested.wait(15000));
        QCOMPARE(tested.last().first().toBool(), true);
        QVERIFY(dialog.useButton()->isEnabled());
        QTest::keyClick(dialog.urlEdit(), Qt::Key_X); // edited after its test: test again
        QVERIFY(!dialog.useButton()->isEnabled());
        QTest::keyClick(dialog.urlEdit(), Qt::Key_Backspace);
        QVERIFY(dialog.useButton()->isEnabled());
        QTest::mouseClick(dialog.useButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.chosenUrl(), working);
    }

    // The demo's Settings say so and never set a database: the demo's is its own.
    void theDemosSettingsSayDemoAndKeepItsDatabase()
    {
        m_dialog->setDemoMode();
        QVERIFY(m_dialog->windowTitle().contains(QStringLiteral("Demo")));
        QVERIFY(!m_dialog->databaseUrlEdit()->isEnabled());
        QVERIFY(!m_dialog->databaseTestButton()->isEnabled());
        m_dialog->databaseUrlEdit()->setText(QStringLiteral("sqlite:///tmp/elsewhere.db"));
        QVERIFY(m_dialog->apply());
        QVERIFY(!QSettings().contains(SettingsKeys::DatabaseUrl));
        const auto noted = [this] {
            for (QLabel *label : m_dialog->findChildren<QLabel *>())
                if (label->isVisible() && label->text().startsWith(u"Demo:"))
                    return true;
            return false;
        };
        QTRY_VERIFY(noted());
    }

    void databasePasswordIsNeverStored()
    {
        m_dialog->databaseUrlEdit()->setText(
            QStringLiteral("postgresql://app:hunter2@127.0.0.1:5432/fulfillsync"));
        QVERIFY(!m_dialog->apply());
        QVERIFY(m_dialog->problemLabel()->text().contains(QStringLiteral("pgpass")));
        QVERIFY(!QSettings().contains(SettingsKeys::DatabaseUrl));
        QVERIFY(!m_dialog->isHidden()); // OK keeps the dialog open
        m_dialog->accept();
        QVERIFY(m_dialog->isVisible());
    }

    void themeChangeAppliesADarkPalette()
    {
        const int dark = m_dialog->themeBox()->findData(QStringLiteral("dark"));
        QVERIFY(dark >= 0);
        m_dialog->themeBox()->setCurrentIndex(dark);
        QVERIFY(m_dialog->apply());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        QCOMPARE(QSettings().value(SettingsKeys::Theme).toString(), QStringLiteral("dark"));
        // The open dialog itself follows.
        QTRY_VERIFY(m_dialog->palette().color(QPalette::Window).lightness() < 80);

        m_dialog->themeBox()->setCurrentIndex(
            m_dialog->themeBox()->findData(QStringLiteral("light")));
        QVERIFY(m_dialog->apply());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        QCOMPARE(storedTheme(), Theme::Light);
    }

    void languageSettingIsStored()
    {
        const int german = m_dialog->languageBox()->findData(QStringLiteral("de"));
        QVERIFY(german >= 0);
        m_dialog->languageBox()->setCurrentIndex(german);
        QVERIFY(m_dialog->apply());
        QCOMPARE(QSettings().value(SettingsKeys::Language).toString(), QStringLiteral("de"));
        // A new dialog shows what is stored.
        SettingsDialog again(m_temp->database(), *m_secrets);
        QCOMPARE(again.languageBox()->currentData().toString(), QStringLiteral("de"));
    }

    // The stored language wins over the system locale, and the German catalogue is complete
    // enough that the dialog speaks German.
    void storedLanguageTranslatesTheWindow()
    {
        const QLocale before;
        QSettings().setValue(SettingsKeys::Language, QStringLiteral("de"));
        QTranslator own;
        QTranslator qt;
        QCOMPARE(installTranslations(own, qt).left(2), QStringLiteral("de"));
        QVERIFY(!own.isEmpty());
        SettingsDialog german(m_temp->database(), *m_secrets);
        QCOMPARE(german.windowTitle(), QStringLiteral("Einstellungen"));
        QCOMPARE(german.tabs()->tabText(1), QStringLiteral("&Datenbank"));
        QCOMPARE(german.themeBox()->itemText(2), QStringLiteral("Dunkel"));
        QCoreApplication::removeTranslator(&own);
        QCoreApplication::removeTranslator(&qt);
        QLocale::setDefault(before);

        // English chosen explicitly: no catalogue is needed and none is installed.
        QSettings().setValue(SettingsKeys::Language, QStringLiteral("en"));
        QTranslator english;
        QTranslator qtEnglish;
        installTranslations(english, qtEnglish);
        QVERIFY(english.isEmpty());
        QCOMPARE(SettingsDialog(m_temp->database(), *m_secrets).windowTitle(),
                 QStringLiteral("Settings"));
        QCoreApplication::removeTranslator(&qtEnglish);
        QLocale::setDefault(before);
    }

    // Every label with a mnemonic has a buddy: without one the "&" shows ("&URL") and the key
    // does nothing.
    void everyMnemonicReachesItsField()
    {
        for (QLabel *label : m_dialog->findChildren<QLabel *>()) {
            const QString text = label->text();
            if (!text.contains(u'&') || text.contains(QStringLiteral("&&")) ||
                label->textFormat() == Qt::RichText || text.startsWith(u'<'))
                continue;
            QVERIFY2(label->buddy(), qPrintable(text));
        }
    }

    void defaultIntervalIsStored()
    {
        m_dialog->defaultIntervalBox()->setValue(17);
        QVERIFY(m_dialog->apply());
        QCOMPARE(defaultIntervalMinutes(), 17);
    }

    void netSuiteAccountGoesToTheDatabaseAndSecretsToTheStore()
    {
        QTest::keyClicks(m_dialog->accountIdEdit(), QStringLiteral("1234567_SB1"));
        QTest::keyClicks(m_dialog->secretEdit("consumerKey"), QStringLiteral("ck-1"));
        QTest::keyClicks(m_dialog->secretEdit("tokenSecret"), QStringLiteral("ts-secret-99"));
        QSignalSpy changed(m_secrets.get(), &SecretStore::changed);
        QVERIFY(m_dialog->apply());
        QTRY_COMPARE(changed.size(), 2);
        const auto account = ConnectorRepository(m_temp->database().connection()).account();
        QVERIFY(account.has_value());
        QCOMPARE(account->accountId, QStringLiteral("1234567_SB1"));
        QCOMPARE(readSecret(*m_secrets, SecretStore::netSuiteKey("consumerKey")),
                 std::optional<QString>(QStringLiteral("ck-1")));
        QCOMPARE(readSecret(*m_secrets, SecretStore::netSuiteKey("tokenSecret")),
                 std::optional<QString>(QStringLiteral("ts-secret-99")));
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(QStringLiteral("ts-secret-99")));
        QTRY_VERIFY(m_dialog->keychainWarning()->isVisible());

        // Opened again, the dialog shows the stored secrets.
        SettingsDialog again(m_temp->database(), *m_secrets);
        QSignalSpy loaded(&again, &SettingsDialog::secretsLoaded);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(again.secretEdit("tokenSecret")->text(), QStringLiteral("ts-secret-99"));
        QCOMPARE(again.accountIdEdit()->text(), QStringLiteral("1234567_SB1"));
    }

    void mailServerGoesToTheDatabaseAndItsPasswordToTheStore()
    {
        MailServerTab *tab = m_dialog->mailServerTab();
        m_dialog->tabs()->setCurrentWidget(tab);
        QTest::keyClicks(tab->urlEdit(), QStringLiteral("mail.example.com"));
        QTest::keyClicks(tab->senderEdit(), QStringLiteral("fs@example.com"));
        QVERIFY(!m_dialog->apply()); // not an smtp:// address
        QVERIFY2(m_dialog->problemLabel()->text().contains(QStringLiteral("smtp://")),
                 qPrintable(m_dialog->problemLabel()->text()));
        tab->urlEdit()->setText(QStringLiteral("smtp://mail.example.com:587"));
        QTest::keyClicks(tab->usernameEdit(), QStringLiteral("alerts"));
        QTest::keyClicks(tab->passwordEdit(), QStringLiteral("mail-secret-31"));
        QSignalSpy changed(m_secrets.get(), &SecretStore::changed);
        QVERIFY(m_dialog->apply());
        QTRY_COMPARE(changed.size(), 1);
        const auto server = AlertRepository(m_temp->database().connection()).mailServer();
        QVERIFY(server);
        QCOMPARE(server->url, QStringLiteral("smtp://mail.example.com:587"));
        QCOMPARE(server->username, QStringLiteral("alerts"));
        QCOMPARE(readSecret(*m_secrets, SecretStore::mailPasswordKey()),
                 std::optional<QString>(QStringLiteral("mail-secret-31")));

        SettingsDialog again(m_temp->database(), *m_secrets);
        QTRY_COMPARE(again.mailServerTab()->passwordEdit()->text(),
                     QStringLiteral("mail-secret-31"));
        QCOMPARE(again.mailServerTab()->senderEdit()->text(), QStringLiteral("fs@example.com"));
    }

    void testMailGoesThroughTheFieldsAsTyped()
    {
        test::LoopbackSmtpServer smtp;
        smtp.setAccount(QStringLiteral("alerts"), QStringLiteral("pw-5"));
        QVERIFY(smtp.start());
        MailServerTab *tab = m_dialog->mailServerTab();
        QTest::keyClicks(tab->urlEdit(), smtp.url());
        QTest::keyClicks(tab->usernameEdit(), QStringLiteral("alerts"));
        QTest::keyClicks(tab->passwordEdit(), QStringLiteral("wrong"));
        QTest::keyClicks(tab->senderEdit(), QStringLiteral("fs@example.com"));
        tab->caFileEdit()->setText(test::LoopbackSmtpServer::caFile());
        QTest::keyClicks(tab->testRecipientEdit(), QStringLiteral("me@example.com"));
        QSignalSpy finished(tab, &MailServerTab::testFinished);
        QTest::mouseClick(tab->testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QVERIFY2(!tab->testResultLabel()->text().contains(QStringLiteral("wrong")),
                 qPrintable(tab->testResultLabel()->text()));
        tab->passwordEdit()->setText(QStringLiteral("pw-5"));
        QTest::mouseClick(tab->testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(tab->testResultLabel()->text()));
        QCOMPARE(smtp.mails.size(), 1);
        QVERIFY(smtp.mails.first().encrypted);
        QVERIFY(tab->testResultLabel()->text().contains(QStringLiteral("me@example.com")));
    }

    void netSuiteTestAgainstTheSandbox()
    {
        sandbox::SandboxServer server;
        server.loadDemo(5, 7);
        QVERIFY(server.listen(0) != 0);
        const DemoTarget target = demoTargetOf(server);
        QTest::keyClicks(m_dialog->accountIdEdit(), target.accountId);
        QTest::keyClicks(m_dialog->baseUrlEdit(), target.netSuiteUrl.toString());
        QTest::keyClicks(m_dialog->secretEdit("consumerKey"), target.netsuite.consumerKey);
        QTest::keyClicks(m_dialog->secretEdit("consumerSecret"), target.netsuite.consumerSecret);
        QTest::keyClicks(m_dialog->secretEdit("tokenId"), target.netsuite.tokenId);
        QTest::keyClicks(m_dialog->secretEdit("tokenSecret"), target.netsuite.tokenSecret);
        QSignalSpy finished(m_dialog.get(), &SettingsDialog::netSuiteTestFinished);
        QTest::mouseClick(m_dialog->netSuiteTestButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().first().toBool(),
                 qPrintable(m_dialog->netSuiteResultLabel()->text()));
        QVERIFY(m_dialog->netSuiteResultLabel()->text().contains(QStringLiteral("Connected")));

        m_dialog->secretEdit("tokenSecret")->setText(QStringLiteral("wrong"));
        QTest::mouseClick(m_dialog->netSuiteTestButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY2(m_dialog->netSuiteResultLabel()->text().contains(QStringLiteral("refused")),
                 qPrintable(m_dialog->netSuiteResultLabel()->text()));
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
