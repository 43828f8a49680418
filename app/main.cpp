// fulfillsync: the desktop administration app. The composition root: builds the database, the
// demo sandbox (when asked), the sync controller and the window, and wires them together.

#include "app/credentialsloader.h"
#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "app/screenshottour.h"
#include "app/startupdatabase.h"
#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/database.h"
#include "sync/secrets/keychainsecretstore.h"
#include "sync/synccontroller.h"
#include "ui/settings/databaserecoverydialog.h"
#include "ui/window/appearance.h"
#include "ui/window/firststart.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>

using namespace fulfillsync;

namespace {

int fail(const QString &title, const QString &message)
{
    QMessageBox::critical(nullptr, title, message);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("fulfillsync"));
    QApplication::setApplicationName(QStringLiteral("fulfillsync"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/fulfillsync.svg")));
    // Before the demo leaves the real settings: the real database, to keep the demo out of it.
    const QString realDatabaseUrl = configuredDatabaseUrl();
    const bool demoRun = isDemoRun(QCoreApplication::arguments());
    if (demoRun)
        enterDemoSettingsScope({SettingsKeys::Theme, SettingsKeys::Language});

    QTranslator translator;
    QTranslator qtTranslator;
    installTranslations(translator, qtTranslator);
    applyStoredTheme();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Watch and run NetSuite fulfillment sync to your sales channels."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        QApplication::translate(
            "main", "Database URL: sqlite:///path/file.db or postgresql://user@host:port/db."),
        QStringLiteral("url"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main", "Try fulfillsync on generated orders served by the "
                                        "built-in sandbox, in a database of the demo's own."));
    const QCommandLineOption demoOrdersOption(
        QStringLiteral("demo-orders"),
        QApplication::translate("main", "How many orders the demo generates (default 400)."),
        QStringLiteral("n"), QStringLiteral("400"));
    const QCommandLineOption scenarioOption(
        QStringLiteral("scenario"),
        QApplication::translate("main", "Serve this fulfillsync-scenario/1 file from the built-in "
                                        "sandbox instead of demo data."),
        QStringLiteral("file"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate(
            "main", "Sync once, save a screenshot of every screen into FOLDER and quit."),
        QStringLiteral("folder"));
    parser.addOptions(
        {databaseOption, demoOption, demoOrdersOption, scenarioOption, screenshotOption});
    parser.process(app);

    const bool demo = parser.isSet(demoOption) || parser.isSet(scenarioOption);
    if (demo && !demoRun) // spelled in a way isDemoRun missed: still never the real settings
        enterDemoSettingsScope({SettingsKeys::Theme, SettingsKeys::Language});
    const int demoOrders = demo && !parser.isSet(scenarioOption)
                               ? std::max(1, parser.value(demoOrdersOption).toInt())
                               : 0;
    QTemporaryDir demoFolder; // the demo's database lives and dies with this run
    const StartupDatabase chosen = chooseStartupDatabase(demo, parser.value(databaseOption),
                                                         realDatabaseUrl, demoFolder.path());
    if (!chosen.error.isEmpty())
        return fail(QApplication::translate("main", "Database"), chosen.error);
    // The configured database may not open (a server gone, a setting that never worked): the
    // admin chooses another one, or the last that opened, instead of an error and an exit. A
    // database given with --database or the demo's own gets the plain error.
    const bool configured = !demo && parser.value(databaseOption).isEmpty();
    AskForDatabase ask;
    if (configured)
        ask = [](const QString &failedUrl, const QString &why) {
            DatabaseRecoveryDialog dialog(
                failedUrl, why, QSettings().value(SettingsKeys::LastWorkingDatabase).toString());
            return dialog.exec() == QDialog::Accepted ? dialog.chosenUrl() : QString();
        };
    QString openedUrl;
    QString error;
    const std::unique_ptr<Database> opened =
        openStartupDatabase(chosen.url, ask, &openedUrl, &error);
    if (!opened)
        return configured ? 1 : fail(QApplication::translate("main", "Database"), error);
    if (!demo) {
        QSettings settings;
        settings.setValue(SettingsKeys::LastWorkingDatabase, openedUrl);
        if (configured && openedUrl != chosen.url) // chosen in the dialog: kept for next time
            settings.setValue(SettingsKeys::DatabaseUrl, openedUrl);
    }
    Database &database = *opened;

    EmbeddedSandbox sandbox;
    SyncRequest syncTemplate;
    if (demo) // the sandbox's data is dated around its own clock: read all of it at first
        syncTemplate.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);

    SyncController sync(database);
    // The keychain's secrets arrive asynchronously and again whenever the admin changes them.
    // The demo keeps its secrets in memory: its connector ids would otherwise name the real
    // connectors' keychain entries.
    std::unique_ptr<SecretStore> secrets;
    if (demo) {
        auto memory = std::make_unique<MemorySecretStore>();
        memory->setInMemoryOnPurpose();
        secrets = std::move(memory);
    } else
        secrets = std::make_unique<KeychainSecretStore>();
    CredentialsLoader credentialsLoader(database, *secrets);
    QObject::connect(&credentialsLoader, &CredentialsLoader::loaded, &sync,
                     &SyncController::setCredentials);
    MainWindow window(database, sync, syncTemplate);
    window.setSecretStore(*secrets);
    std::unique_ptr<ScreenshotTour> tour;
    if (parser.isSet(screenshotOption))
        tour = std::make_unique<ScreenshotTour>(window, sync, QDir(parser.value(screenshotOption)));
    if (demo) {
        window.setWindowTitle(QApplication::translate("main", "fulfillsync — demo"));
        window.markAsDemo();
    }
    window.show();
    // The window syncs by itself, as the daemon does; the connector lease keeps the two apart.
    sync.startSchedule();

    if (demo) {
        // The window first: a big demo takes a while to generate, and says so meanwhile.
        window.showStatus(QApplication::translate("main",
                                                  "Preparing the demo: generating %Ln "
                                                  "order(s) in the built-in sandbox…",
                                                  nullptr, demoOrders));
        // The tour's two syncs are a few seconds apart: its 3PL ships faster than the demo's.
        const auto threePlEvery = tour ? std::chrono::milliseconds(500) : std::chrono::seconds(20);
        sandbox.startInBackground(
            demoOrders, parser.value(scenarioOption), threePlEvery, &window,
            [&](const QString &sandboxError) {
                QString error = sandboxError;
                const qint64 connectorId =
                    error.isEmpty() ? configureDemo(database.connection(), sandbox.target(), &error)
                                    : 0;
                if (connectorId == 0) {
                    QMessageBox::critical(&window, QApplication::translate("main", "Demo sandbox"),
                                          error);
                    QApplication::exit(1);
                    return;
                }
                SyncCredentials credentials = demoCredentials(sandbox.target(), connectorId);
                if (configureDemoThreePl(database.connection(), sandbox.target(), &credentials,
                                         &error) == 0)
                    window.showStatus(error); // the demo runs on without its 3PL
                credentialsLoader.setOverride(credentials);
                // The demo's in-memory store holds them too, so Connectors shows them.
                for (auto it = credentials.channelTokens.cbegin();
                     it != credentials.channelTokens.cend(); ++it)
                    secrets->write(SecretStore::channelTokenKey(it.key()), it.value(),
                                   [](bool, const QString &) {});
                credentialsLoader.load();
                window.connectorsChanged();
                window.showStatus(QApplication::translate("main", "The demo is ready."));
                if (tour)
                    tour->start();
            });
    } else {
        credentialsLoader.load();
        if (tour)
            tour->start();
        else if (FirstStart::isNeeded(database.connection()))
            QTimer::singleShot(0, &window, [&window] { FirstStart::offer(window); });
    }
    return QApplication::exec();
}
