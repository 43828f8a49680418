// fulfillsync-sandbox: the NetSuite/Shopify stand-in as a process, for demos, manual QA and
// benchmarks.
//   fulfillsync-sandbox --scenario FILE --port N
//   fulfillsync-sandbox --demo N [--seed S] [--live SECONDS] --port N

#include "sandbox/server/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTcpServer>

#include <cstdio>

using fulfillsync::sandbox::SandboxServer;

namespace {

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "fulfillsync-sandbox: %s\n", message.toLocal8Bit().constData());
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fulfillsync-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Local stand-in for NetSuite (SuiteQL, TBA) and Shopify, on 127.0.0.1."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QCoreApplication::translate("main", "Load the fulfillsync-scenario/1 JSON <file>."),
        QStringLiteral("file"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Generate a demo account with <orders> sales orders."),
        QStringLiteral("orders"));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QCoreApplication::translate("main", "Random seed for --demo (default 42)."),
        QStringLiteral("seed"), QStringLiteral("42"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate("main", "Port on 127.0.0.1 (0 picks a free one)."),
        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption live(
        QStringLiteral("live"),
        QCoreApplication::translate("main", "Every <seconds>, ship a few open sales orders (new "
                                            "Shipped fulfillments, or picked ones shipping), "
                                            "reproducibly from --seed."),
        QStringLiteral("seconds"));
    parser.addOptions({scenario, demo, seed, live, port});
    parser.process(app);

    if (parser.isSet(scenario) == parser.isSet(demo))
        return fail(2, QCoreApplication::translate("main", "give exactly one of --scenario FILE "
                                                           "or --demo N"));
    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return fail(2, QCoreApplication::translate("main", "--port: expected 0..65535"));

    const uint seedValue = parser.value(seed).toUInt(&ok);
    if (!ok)
        return fail(2, QCoreApplication::translate("main", "--seed: expected a number"));
    int liveSeconds = 0;
    if (parser.isSet(live)) {
        liveSeconds = parser.value(live).toInt(&ok);
        if (!ok || liveSeconds < 1)
            return fail(2, QCoreApplication::translate(
                               "main", "--live: expected a number of seconds >= 1"));
    }

    SandboxServer server;
    if (parser.isSet(scenario)) {
        QString error;
        if (!server.loadScenarioFile(parser.value(scenario), &error))
            return fail(2, error);
    } else {
        const int orders = parser.value(demo).toInt(&ok);
        if (!ok || orders < 0)
            return fail(2,
                        QCoreApplication::translate("main", "--demo: expected a number of orders"));
        server.loadDemo(orders, seedValue);
    }
    const quint16 bound = server.listen(quint16(portNumber));
    if (bound == 0)
        return fail(3, QCoreApplication::translate("main", "cannot listen on 127.0.0.1:%1 "
                                                           "(is the port in use?)")
                           .arg(portNumber));
    std::printf("fulfillsync-sandbox listening on %s\n",
                server.baseUrl().toString().toUtf8().constData());
    if (liveSeconds > 0) {
        server.startLive(liveSeconds, seedValue);
        std::printf("fulfillsync-sandbox live: shipping every %d s (seed %u)\n", liveSeconds,
                    seedValue);
    }
    std::fflush(stdout);
    return app.exec();
}
