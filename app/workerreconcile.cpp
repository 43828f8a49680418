// fulfillsync-worker reconcile: what NetSuite shipped, what was sent and what the channel has,
// compared per item fulfillment over a date range (issue 23). Reads only.

#include "app/workercli.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/channel/shopify/shopifygraphql.h"
#include "sync/engine/reconcilerun.h"
#include "sync/net/leakybucketpacer.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace fulfillsync {

namespace {

QJsonObject rowJson(const Connector &connector, const ReconcileRun::OrderResult &order,
                    const Reconciliation::Row *row)
{
    QJsonObject json{{QStringLiteral("connector"), connector.name},
                     {QStringLiteral("order"), order.orderTranId},
                     {QStringLiteral("channelOrder"), order.channelOrder}};
    if (!row) {
        json.insert(QStringLiteral("verdict"), QStringLiteral("unreadable"));
        json.insert(QStringLiteral("detail"), order.problem);
        return json;
    }
    json.insert(QStringLiteral("verdict"), Reconciliation::verdictKey(row->verdict));
    json.insert(QStringLiteral("fulfillment"), row->tranId);
    json.insert(QStringLiteral("channelFulfillment"), row->channelFulfillmentId);
    if (row->ledger)
        json.insert(QStringLiteral("ledger"), ledgerStateKey(*row->ledger));
    json.insert(QStringLiteral("detail"), row->detail);
    return json;
}

} // namespace

int WorkerCli::reconcileCommand(Database &database, const QCommandLineParser &parser)
{
    qint64 resumeRunId = 0;
    std::optional<ReconciliationRunRecord> resumed;
    if (parser.isSet(QStringLiteral("resume"))) {
        resumeRunId = parser.value(QStringLiteral("resume")).toLongLong();
        ReconciliationRepository runs(database.connection());
        resumed = resumeRunId > 0 ? runs.run(resumeRunId) : std::nullopt;
        if (!resumed)
            return fail(ExitCannotStart, tr("There is no reconciliation run %1.")
                                             .arg(parser.value(QStringLiteral("resume"))));
    }
    const QDate since = resumed
                            ? resumed->since
                            : QDate::fromString(parser.value(QStringLiteral("since")), Qt::ISODate);
    const QDate until = resumed ? resumed->until
                        : parser.isSet(QStringLiteral("until"))
                            ? QDate::fromString(parser.value(QStringLiteral("until")), Qt::ISODate)
                            : QDateTime::currentDateTimeUtc().date();
    if (!since.isValid() || !until.isValid() || until < since)
        return fail(ExitCannotStart, tr("reconcile needs --since DATE (and --until DATE, not "
                                        "before it), as ISO dates such as 2026-11-01, or "
                                        "--resume RUN."));
    int bulkThreshold = 2000;
    if (parser.isSet(QStringLiteral("bulk-threshold"))) {
        bool ok = false;
        bulkThreshold = parser.value(QStringLiteral("bulk-threshold")).toInt(&ok);
        if (!ok || bulkThreshold < 0)
            return fail(ExitCannotStart, tr("--bulk-threshold needs a number of orders."));
    }
    QList<Connector> connectors;
    ConnectorRepository repository(database.connection());
    if (resumed) {
        const auto owner = repository.byId(resumed->connectorId);
        if (!owner)
            return fail(ExitCannotStart,
                        tr("The connector of reconciliation run %1 is gone.").arg(resumeRunId));
        connectors << *owner;
    } else if (parser.isSet(QStringLiteral("connector"))) {
        const auto named = repository.byName(parser.value(QStringLiteral("connector")));
        if (!named)
            return fail(
                ExitCannotStart,
                tr("No connector named %1.").arg(parser.value(QStringLiteral("connector"))));
        connectors << *named;
    } else {
        connectors = repository.all();
    }
    connectors.removeIf([](const Connector &c) { return c.isThreePl(); }); // no channel to read
    SyncCredentials credentials;
    QString error;
    if (!loadCredentials(database, parser.value(QStringLiteral("credentials")), &credentials,
                         &error))
        return fail(ExitCannotStart, error);

    const bool json = parser.isSet(QStringLiteral("json"));
    QNetworkAccessManager network;
    int matched = 0, differing = 0, unreadable = 0;
    for (const Connector &connector : std::as_const(connectors)) {
        const QString token = credentials.channelTokens.value(connector.id);
        if (token.isEmpty()) {
            err() << "fulfillsync-worker: "
                  << tr("The access token of connector %1 is missing.").arg(connector.name)
                  << Qt::endl;
            ++unreadable;
            continue;
        }
        LeakyBucketPacer bucket(ShopifyGraphQl::kStandardRestorePerSecond,
                                ShopifyGraphQl::kStandardBucketPoints,
                                ShopifyGraphQl::kCostHeadroom);
        ReconcileRun::Config config;
        config.connector = connector;
        config.rules = MappingRepository(database.connection()).rules(connector.id);
        config.shopify.baseUrl = QUrl(connector.endpoint);
        config.shopify.accessToken = token;
        config.costBucket = &bucket;
        config.since = since;
        config.until = until;
        config.resumeRunId = resumeRunId;
        config.bulkThreshold = bulkThreshold;
        config.alertWebhook = credentials.alertWebhooks.value(connector.id);
        config.alertMailPassword = credentials.mailPassword;
        ReconcileRun run(network, database, config);
        QList<ReconcileRun::OrderResult> results;
        QString runError;
        QEventLoop loop;
        QObject::connect(&run, &ReconcileRun::runStarted, &loop, [&](qint64 id) {
            // First, so that a run stopped half-way can be resumed by its number.
            const ReconciliationRunRecord record = run.record();
            (json ? err() : out())
                << tr("%1: reconciliation run %2 (%3 to %4): %5 order(s) to "
                      "read, %6 already done, reading %7.")
                       .arg(connector.name)
                       .arg(id)
                       .arg(record.since.toString(Qt::ISODate), record.until.toString(Qt::ISODate))
                       .arg(record.ordersTotal - record.ordersDone)
                       .arg(record.ordersDone)
                       .arg(record.readMode)
                << Qt::endl;
        });
        QObject::connect(&run, &ReconcileRun::finished, &loop,
                         [&](const QList<ReconcileRun::OrderResult> &r, const QString &e) {
                             results = r;
                             runError = e;
                             loop.quit();
                         });
        QMetaObject::invokeMethod(&run, &ReconcileRun::start, Qt::QueuedConnection);
        loop.exec();
        if (!runError.isEmpty()) {
            err() << "fulfillsync-worker: " << connector.name << ": " << runError << Qt::endl;
            ++unreadable;
            continue;
        }
        for (const ReconcileRun::OrderResult &order : std::as_const(results)) {
            if (!order.storeProblem.isEmpty())
                err() << "fulfillsync-worker: "
                      << tr("%1: the reading of %2 could not be kept for Explain: %3")
                             .arg(connector.name, order.orderTranId, order.storeProblem)
                      << Qt::endl;
            if (!order.problem.isEmpty()) {
                if (json)
                    out() << QJsonDocument(rowJson(connector, order, nullptr))
                                 .toJson(QJsonDocument::Compact)
                          << Qt::endl;
                else
                    out() << tr("%1 %2: could not read the channel's order %3: %4")
                                 .arg(connector.name, order.orderTranId, order.channelOrder,
                                      order.problem)
                          << Qt::endl;
                continue;
            }
            for (const Reconciliation::Row &row : order.rows) {
                const bool ok = row.verdict == Reconciliation::Verdict::Matched;
                if (json)
                    out() << QJsonDocument(rowJson(connector, order, &row))
                                 .toJson(QJsonDocument::Compact)
                          << Qt::endl;
                else if (!ok)
                    out() << QStringLiteral("%1 %2 %3 %4: %5")
                                 .arg(connector.name, order.orderTranId, row.tranId,
                                      Reconciliation::verdictKey(row.verdict), row.detail)
                          << Qt::endl;
            }
        }
        // The run's totals, a resumed run's earlier part included.
        const ReconciliationRunRecord record = run.record();
        matched += record.matched;
        differing += record.notMatched() - record.unknown;
        unreadable += record.unknown;
        if (!run.alertProblem().isEmpty())
            err() << "fulfillsync-worker: "
                  << tr("%1: the reconciliation alert could not be delivered: %2")
                         .arg(connector.name, run.alertProblem())
                  << Qt::endl;
        if (json) {
            out() << QJsonDocument(
                         QJsonObject{{QStringLiteral("run"), record.id},
                                     {QStringLiteral("connector"), connector.name},
                                     {QStringLiteral("state"), record.state},
                                     {QStringLiteral("readMode"), record.readMode},
                                     {QStringLiteral("since"), record.since.toString(Qt::ISODate)},
                                     {QStringLiteral("until"), record.until.toString(Qt::ISODate)},
                                     {QStringLiteral("orders"), record.ordersDone},
                                     {QStringLiteral("totals"), record.totalsJson()},
                                     {QStringLiteral("channelRequests"), record.channelRequests},
                                     {QStringLiteral("costRequested"), record.costRequested},
                                     {QStringLiteral("costActual"), record.costActual}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
        } else {
            out() << tr("%1: %2 order(s) shipped %3 to %4, %5 item fulfillment(s) matched in the "
                        "channel.")
                         .arg(connector.name)
                         .arg(record.ordersDone)
                         .arg(since.toString(Qt::ISODate), until.toString(Qt::ISODate))
                         .arg(record.matched)
                  << Qt::endl;
            out() << tr("%1: run %2 %3: %4 matched, %5 missing, %6 quantity differs, %7 tracking "
                        "differs, %8 extra, %9 order cancelled or closed, %10 unknown; %11 "
                        "channel request(s).")
                         .arg(connector.name)
                         .arg(record.id)
                         .arg(record.state)
                         .arg(record.matched)
                         .arg(record.missing)
                         .arg(record.quantityDiffers)
                         .arg(record.trackingDiffers)
                         .arg(record.extra)
                         .arg(record.orderCancelled)
                         .arg(record.unknown)
                         .arg(record.channelRequests)
                  << Qt::endl;
        }
    }
    if (!json)
        out() << tr("NetSuite as of the last sync: %1 matched, %2 not matching, %3 not readable.")
                     .arg(matched)
                     .arg(differing)
                     .arg(unreadable)
              << Qt::endl;
    // Unknown is not "matched": anything unread makes the exit code say so too.
    return differing > 0 || unreadable > 0 ? ExitSomeFailed : ExitSynced;
}

} // namespace fulfillsync
