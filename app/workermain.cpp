// fulfillsync-worker: the same engine without a window, for servers and scripts.
//   fulfillsync-worker --database URL sync --once [--connector NAME] [--since ISO-DATE]
//   fulfillsync-worker --database URL setup-sandbox URL   (point the database at a running sandbox)
// Secrets come from the environment (FULFILLSYNC_NS_CONSUMER_KEY, …_CONSUMER_SECRET,
// …_TOKEN_ID, …_TOKEN_SECRET, FULFILLSYNC_CHANNEL_TOKEN_<CONNECTOR>) or from --credentials FILE,
// a JSON file that must not be readable by group or others.

#include "app/workercommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("fulfillsync"));
    QCoreApplication::setApplicationName(QStringLiteral("fulfillsync-worker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    return fulfillsync::runWorkerCommand(app.arguments());
}
