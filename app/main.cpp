// fulfillsync: the desktop administration app. The composition root: builds the database, the
// demo sandbox (when asked), the sync controller and the window, and wires them together.

#include "app/credentialsloader.h"
#include "app/demosetup.h"
#include "app/embeddedsandbox.h"
#include "app/screenshottour.h"
#include "models/item/historytablemodel.h"
#include "models/item/ordertablemodel.h"
#include "models/storage/database.h"
#include "sync/secrets/keychainsecretstore.h"
#include "sync/synccontroller.h"
#include "ui/appearance.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTranslator>

using namespace fulfillsync;

namespace {

// The database the app uses: --database, else the one chosen in the settings (database/url),
// else SQLite in the user's data folder.
QString defaultDatabaseUrl()
{
    const QString chosen = QSettings().value(QStringLiteral("database/url")).toString();
    if (!chosen.isEmpty())
        return chosen;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QStringLiteral("sqlite://") +
           QDir(folder).absoluteFilePath(QStringLiteral("fulfillsync.db"));
}

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
        QStringLiteral("url"), defaultDatabaseUrl());
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main", "Serve N generated demo orders from the built-in sandbox "
                                        "(default 400; 0 = no sandbox)."),
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
    parser.addOptions({databaseOption, demoOption, scenarioOption, screenshotOption});
    parser.process(app);

    const DatabaseUrl url = DatabaseUrl::parse(parser.value(databaseOption));
    if (!url.isValid())
        return fail(QApplication::translate("main", "Database"), url.error);
    Database database(url);
    QString error;
    if (!database.openAndMigrate(&error))
        return fail(QApplication::translate("main", "Database"), error);

    EmbeddedSandbox sandbox;
    SyncRequest syncTemplate;
    SyncCredentials credentials;
    const int demoOrders = parser.value(demoOption).toInt();
    if (demoOrders > 0 || parser.isSet(scenarioOption)) {
        if (!sandbox.start(demoOrders, parser.value(scenarioOption), &error))
            return fail(QApplication::translate("main", "Demo sandbox"), error);
        const qint64 connectorId = configureDemo(database.connection(), sandbox.target(), &error);
        if (connectorId == 0)
            return fail(QApplication::translate("main", "Demo sandbox"), error);
        credentials = demoCredentials(sandbox.target(), connectorId);
        // The sandbox's data is dated around its own clock: read all of it on the first pass.
        syncTemplate.firstPassSince = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    }

    SyncController sync(database);
    sync.setCredentials(credentials);
    // The keychain's secrets arrive asynchronously and again whenever the admin changes them;
    // in demo mode the sandbox's own credentials stay in force.
    KeychainSecretStore secrets;
    CredentialsLoader credentialsLoader(database, secrets);
    if (demoOrders > 0 || parser.isSet(scenarioOption))
        credentialsLoader.setOverride(credentials);
    QObject::connect(&credentialsLoader, &CredentialsLoader::loaded, &sync,
                     &SyncController::setCredentials);
    credentialsLoader.load();
    MainWindow window(database, sync, syncTemplate);
    window.setSecretStore(secrets);
    window.show();

    std::unique_ptr<ScreenshotTour> tour;
    if (parser.isSet(screenshotOption)) {
        tour = std::make_unique<ScreenshotTour>(window, sync, QDir(parser.value(screenshotOption)));
        tour->start();
    }
    return QApplication::exec();
}
