// fulfillsync-worker: the commands about single orders and the records (explain, resolve,
// quarantine, history).

#include "app/workercli.h"
#include "models/domain/timestamps.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/historyrepository.h"
#include "models/storage/inboxrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "models/storage/threeplrepository.h"
#include "sync/engine/explainer.h"
#include "sync/engine/flagresolution.h"
#include "sync/engine/inboxactions.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fulfillsync {

using namespace WorkerCli;

int WorkerCli::explainCommand(Database &database, const QStringList &args)
{
    if (args.size() != 1)
        return fail(ExitCannotStart, tr("explain needs one ORDER"));
    QSqlDatabase db = database.connection();
    OrderRepository orders(db);
    std::optional<SalesOrder> order = orders.orderByTranId(args.first());
    bool isId = false;
    const qint64 id = args.first().toLongLong(&isId);
    if (!order && isId)
        order = orders.order(id);
    if (!order)
        return fail(ExitCannotStart,
                    tr("Order %1 is not in the local copy; run a sync first.").arg(args.first()));
    int shown = 0;
    const QList<ItemFulfillment> fulfillments = orders.fulfillmentsOfOrder(order->id);
    for (const ConnectorExplanation &e : Explainer::explainStored(db, *order, fulfillments)) {
        out() << tr("%1 for connector %2").arg(order->tranId, e.connector.name) << Qt::endl
              << e.toText() << Qt::endl;
        ++shown;
    }
    if (shown == 0)
        out() << tr("%1 came from \"%2\"; no connector syncs that channel.")
                     .arg(order->tranId, order->channel)
              << Qt::endl;
    return ExitSynced;
}

int WorkerCli::resolveCommand(Database &database, const QCommandLineParser &parser,
                              const QStringList &args)
{
    if (args.size() != 1 || !parser.isSet(QStringLiteral("reason")))
        return fail(ExitCannotStart, tr("use: resolve ORDER --reason TEXT"));
    QSqlDatabase db = database.connection();
    OrderRepository orders(db);
    std::optional<SalesOrder> order = orders.orderByTranId(args.first());
    bool isId = false;
    const qint64 id = args.first().toLongLong(&isId);
    if (!order && isId)
        order = orders.order(id);
    if (!order)
        return fail(ExitCannotStart,
                    tr("Order %1 is not in the local copy; run a sync first.").arg(args.first()));
    const QString who = qEnvironmentVariable("USER", QStringLiteral("fulfillsync-worker"));
    QString error;
    const int resolved = FlagResolution::resolveOrder(
        db, *order, parser.value(QStringLiteral("reason")), who, &error);
    if (resolved == 0)
        return fail(ExitCannotStart, error);
    out() << tr("Resolved %n flagged fulfillment(s) of %1.", resolved).arg(order->tranId)
          << Qt::endl;
    return ExitSynced;
}

int WorkerCli::quarantineCommand(Database &database, const QCommandLineParser &parser,
                                 const QStringList &args)
{
    QSqlDatabase db = database.connection();
    QList<Connector> connectors = ConnectorRepository(db).all();
    if (parser.isSet(QStringLiteral("connector"))) {
        const QString name = parser.value(QStringLiteral("connector"));
        connectors.removeIf([&](const Connector &c) { return c.name != name; });
        if (connectors.isEmpty())
            return fail(ExitCannotStart, tr("No connector named %1.").arg(name));
    }
    QuarantineRepository quarantine(db);
    ThreePlRepository outbox(db);
    const QString action = args.value(0);
    if (action == u"list" && args.size() == 1) {
        for (const Connector &c : connectors) {
            // A 3PL connector's: shipments whose item fulfillment NetSuite has not confirmed.
            for (const ThreePlShipmentEntry &e : outbox.waiting(c.id))
                out() << tr("%1: shipment %2 (order %3) unconfirmed after %4 read-back(s), next "
                            "read-back after %5")
                             .arg(c.name, e.shipmentId, e.orderNumber)
                             .arg(e.tries)
                             .arg(e.nextTryAt.toLocalTime().toString(Qt::ISODate))
                      << Qt::endl;
            for (const QuarantineEntry &q : quarantine.entries(c.id)) {
                out()
                    << tr("%1: fulfillment %2 (order %3) failed %4 time(s), next try after %5: %6")
                           .arg(c.name)
                           .arg(q.fulfillmentId)
                           .arg(q.orderId)
                           .arg(q.retryCount)
                           .arg(q.ignoreUntil.toLocalTime().toString(Qt::ISODate), q.lastError)
                    << Qt::endl;
            }
        }
        return ExitSynced;
    }
    if (action == u"clear" && args.size() == 1) {
        for (const Connector &c : connectors) {
            if (!quarantine.retryAllNow(c.id))
                return fail(ExitCannotStart, quarantine.lastError());
            if (!outbox.retryAllNow(c.id))
                return fail(ExitCannotStart, outbox.lastError());
        }
        out() << tr("Quarantine cleared: the next run tries those fulfillments again.") << Qt::endl;
        return ExitSynced;
    }
    return fail(ExitCannotStart, tr("use: quarantine list | quarantine clear"));
}

int WorkerCli::historyCommand(Database &database, const QCommandLineParser &parser)
{
    bool ok = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1)
        return fail(ExitCannotStart, tr("--limit wants a positive number"));
    HistoryRepository history(database.connection());
    const QList<SyncAttempt> attempts = history.latest(limit);
    if (!history.lastError().isEmpty())
        return fail(ExitCannotStart, history.lastError());
    const bool json = parser.isSet(QStringLiteral("json"));
    for (const SyncAttempt &a : attempts) {
        if (json) {
            const QJsonObject o{{QStringLiteral("id"), a.id},
                                {QStringLiteral("time"), toStorageTime(a.occurredAt)},
                                {QStringLiteral("connector"), a.connectorName},
                                {QStringLiteral("order"), a.orderTranId},
                                {QStringLiteral("fulfillment"), a.fulfillmentTranId},
                                {QStringLiteral("trigger"), syncTriggerKey(a.trigger)},
                                {QStringLiteral("outcome"), syncOutcomeKey(a.outcome)},
                                {QStringLiteral("errorClass"), errorClassKey(a.errorClass)},
                                {QStringLiteral("durationMs"), a.durationMs},
                                {QStringLiteral("message"), a.message},
                                {QStringLiteral("mappingVersion"), a.mappingVersion}};
            out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << Qt::endl;
        } else {
            out() << QStringLiteral("%1  %2  %3  %4 %5  %6  %7")
                         .arg(a.id, 6)
                         .arg(a.occurredAt.toLocalTime().toString(
                                  QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                              a.connectorName, a.orderTranId, a.fulfillmentTranId,
                              syncOutcomeKey(a.outcome), a.message)
                  << Qt::endl;
        }
    }
    return ExitSynced;
}

int WorkerCli::inboxCommand(Database &database, const QCommandLineParser &parser,
                            const QStringList &args)
{
    const QString action = args.value(0, QStringLiteral("list"));
    QSqlDatabase db = database.connection();
    if (action == u"resolve") {
        QList<qint64> ids;
        for (const QString &arg : args.mid(1)) {
            bool ok = false;
            ids << arg.toLongLong(&ok);
            if (!ok)
                return fail(ExitCannotStart, tr("inbox resolve wants item ids (see inbox list)"));
        }
        if (ids.isEmpty())
            return fail(ExitCannotStart, tr("inbox resolve needs at least one ID"));
        const InboxActions::Outcome outcome = InboxActions::resolve(
            db, ids, parser.value(QStringLiteral("reason")),
            qEnvironmentVariable("USER", QStringLiteral("fulfillsync-worker")));
        if (!outcome.error.isEmpty())
            return fail(ExitCannotStart, outcome.error);
        out() << tr("Resolved %1 item(s); %2 were settled already.")
                     .arg(outcome.resolved)
                     .arg(outcome.skipped)
              << Qt::endl;
        return ExitSynced;
    }
    if (action == u"adopt") {
        bool ok = false;
        const qint64 id = args.value(1).toLongLong(&ok);
        if (!ok)
            return fail(ExitCannotStart,
                        tr("use: inbox adopt ID [CHANNEL_FULFILLMENT --reason TEXT]"));
        if (args.size() < 3) { // which ones it could be, as the last reading shows them
            const QList<ReconciliationReading> candidates =
                InboxActions::adoptionCandidates(db, id);
            if (candidates.isEmpty())
                return fail(ExitSomeFailed,
                            tr("Nothing to adopt for item %1: the order's last reading shows no "
                               "channel fulfillment that nothing explains (reconcile it first).")
                                .arg(id));
            for (const ReconciliationReading &r : candidates)
                out() << r.channelFulfillmentId << u'\t' << r.channelTracking.join(u',') << u'\t'
                      << r.detail << Qt::endl;
            return ExitSynced;
        }
        const QString refused =
            InboxActions::adopt(db, id, args.at(2), parser.value(QStringLiteral("reason")),
                                qEnvironmentVariable("USER", QStringLiteral("fulfillsync-worker")));
        if (!refused.isEmpty())
            return fail(ExitCannotStart, refused);
        out() << tr("Adopted %1 for item %2; nothing was sent.").arg(args.at(2)).arg(id)
              << Qt::endl;
        return ExitSynced;
    }
    if (action != u"list")
        return fail(ExitCannotStart, tr("inbox wants list, resolve or adopt"));
    TablePageQuery filter{TablePageQuery::Table::Inbox, {}, {}};
    if (!parser.isSet(QStringLiteral("all")))
        filter.state = inboxStateKey(InboxState::Open);
    QString error;
    const QList<qint64> ids = InboxActions::idsMatching(db, filter, &error);
    if (!error.isEmpty())
        return fail(ExitCannotStart, error);
    const bool json = parser.isSet(QStringLiteral("json"));
    for (const InboxItem &item : InboxRepository(db).items(ids)) {
        if (json) {
            const QJsonObject o{{QStringLiteral("id"), item.id},
                                {QStringLiteral("connector"), item.connectorName},
                                {QStringLiteral("order"), item.orderTranId},
                                {QStringLiteral("fulfillment"), item.fulfillmentTranId},
                                {QStringLiteral("problem"), inboxProblemKey(item.problem)},
                                {QStringLiteral("state"), inboxStateKey(item.state)},
                                {QStringLiteral("message"), item.message},
                                {QStringLiteral("opened"), toStorageTime(item.openedAt)},
                                {QStringLiteral("updated"), toStorageTime(item.updatedAt)},
                                {QStringLiteral("resolution"), item.resolution}};
            out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << Qt::endl;
        } else {
            out() << QStringLiteral("%1  %2  %3 %4  %5  %6  %7")
                         .arg(item.id, 6)
                         .arg(item.connectorName, item.orderTranId, item.fulfillmentTranId,
                              inboxProblemKey(item.problem), inboxStateKey(item.state),
                              item.message)
                  << Qt::endl;
        }
    }
    return ExitSynced;
}

} // namespace fulfillsync
