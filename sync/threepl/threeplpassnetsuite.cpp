// ThreePlPass, the NetSuite side of the second leg: settling intents whose outcome is unknown
// (read back by external id, in batches) and the transforms, one at a time, each read back
// before it counts unless NetSuite's 204 proves it. The 3PL side, planning and bookkeeping are
// in threeplpass.cpp.

#include "sync/threepl/threeplpass.h"

#include "models/storage/database.h"
#include "models/storage/threeplrepository.h"
#include "sync/net/httpcall.h"
#include "sync/net/netsuiteerror.h"
#include "sync/net/netsuiterecords.h"
#include "sync/net/requestgate.h"
#include "sync/net/suiteql.h"
#include "sync/net/suiteqlquery.h"

#include <QLoggingCategory>
#include <QTimer>
#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcThreePl)

namespace fulfillsync {

namespace {

constexpr int kReadBacksPerQuery = 200; // external ids in one SuiteQL IN list

// A 404 only counts as "no such record" when NetSuite itself says so; a proxy's 404 page
// proves nothing.
bool provesAbsent(const HttpResult &result)
{
    return result.status == 404 &&
           NetSuiteError::fromResult(result).code == QLatin1String("NONEXISTENT_ID");
}

// A 4xx in NetSuite's error shape: most likely a refusal, confirmed by reading back.
bool looksRefused(const HttpResult &result)
{
    return result.status >= 400 && result.status < 500 && result.status != 429 &&
           !NetSuiteError::fromResult(result).code.isEmpty();
}

} // namespace

void ThreePlPass::settleStart()
{
    QList<ThreePlShipmentEntry> open = ThreePlRepository(m_database.connection())
                                           .unsettled(m_config.connector.id, m_config.clock());
    open.removeIf([this](const ThreePlShipmentEntry &e) { return !inScope(e.salesOrderId); });
    if (m_config.dryRun) {
        // Settling writes what it finds; a dry run only says a real run starts there.
        if (!open.isEmpty())
            m_summary.warnings << tr("%n shipment(s) whose item fulfillment NetSuite has not "
                                     "confirmed are read back first by a real run.",
                                     nullptr, int(open.size()));
    } else {
        // The oldest first; the rest wait for the next pass, which is not "all synced".
        const qsizetype now =
            std::min<qsizetype>(open.size(), std::max(1, m_config.readBacksPerPass));
        m_unsettled.assign(open.begin(), open.begin() + now);
        if (open.size() > now) {
            m_summary.deferred += int(open.size() - now);
            m_summary.warnings << tr("%n shipment(s) whose item fulfillment NetSuite has not "
                                     "confirmed are read back by the next run.",
                                     nullptr, int(open.size() - now));
        }
    }
    settleNext();
}

// 1. Intents from earlier passes whose outcome is not known (a lost answer, or a process killed
// between storing the intent and recording the answer), read back by their external ids in
// batches: one SuiteQL query per kReadBacksPerQuery rows, at most readBacksPerPass rows a
// pass, so however many a string of kills left behind, every pass goes on to new shipments.
void ThreePlPass::settleNext()
{
    if (m_cancelled)
        return finish();
    if (m_unsettled.empty())
        return readShipmentsSinceWatermark();
    progress(tr("Checking earlier item fulfillments in NetSuite"), 0, int(m_unsettled.size()));
    QList<ThreePlShipmentEntry> batch;
    QStringList literals;
    while (!m_unsettled.empty() && batch.size() < kReadBacksPerQuery) {
        const ThreePlShipmentEntry &entry = m_unsettled.front();
        // Our own external ids are letters, digits, '-' and '_'; anything else never becomes
        // query text (it is read back with the next pass's, and stays unknown until then).
        const QString literal = SuiteQl::stringLiteral(entry.externalId);
        if (literal.isEmpty() || entry.externalId.isEmpty())
            ++m_summary.deferred;
        else {
            batch << entry;
            literals << literal;
        }
        m_unsettled.pop_front();
    }
    if (batch.isEmpty())
        return settleNext();
    auto found = std::make_shared<QHash<QString, qint64>>(); // external id -> item fulfillment
    auto unreadable = std::make_shared<bool>(false);
    auto *query = new SuiteQlQuery(
        m_network, m_config.netsuite,
        QStringLiteral("SELECT t.id AS id, t.externalid AS externalid FROM transaction t WHERE "
                       "t.type = 'ItemShip' AND t.externalid IN (") +
            literals.join(QStringLiteral(", ")) + QStringLiteral(") ORDER BY t.id"),
        this);
    query->setGate(m_config.netSuiteGate);
    query->setRetryPolicy(m_config.netSuiteRetry);
    connect(query, &SuiteQlQuery::pageReceived, this,
            [found, unreadable](const QList<QJsonObject> &rows) {
                for (const QJsonObject &row : rows) {
                    bool ok = false;
                    const qint64 id = SuiteQlValue::integer(row, "id", &ok);
                    const QString externalId = SuiteQlValue::text(row, "externalid");
                    if (!ok || id <= 0 || externalId.isEmpty() || !SuiteQlValue::wellTyped(row))
                        *unreadable = true; // unknown is never "not there"
                    else
                        found->insert(externalId, id);
                }
            });
    connect(query, &SuiteQlQuery::finished, this,
            [this, query, batch, found, unreadable](const NetSuiteError &error, bool) {
                m_summary.netSuiteRequests += query->requestsSent();
                query->deleteLater();
                if (m_cancelled || !mayAct())
                    return finish();
                if (!error.isOk() || *unreadable) {
                    // Not known for any of them: each waits for a later pass, and this one goes
                    // on with what is new.
                    const QString why = error.isOk()
                                            ? tr("NetSuite sent rows that could not be read")
                                            : error.message;
                    QDateTime next;
                    for (const ThreePlShipmentEntry &entry : batch)
                        next = postpone(entry);
                    m_summary.deferred += int(batch.size() + m_unsettled.size());
                    m_summary.warnings
                        << tr("%n shipment(s): whether NetSuite created their item fulfillments "
                              "is still unknown (%1); they are checked again from %2.",
                              nullptr, int(batch.size() + m_unsettled.size()))
                               .arg(why, next.toLocalTime().toString(Qt::ISODate));
                    m_unsettled.clear();
                    return settleNext();
                }
                // A complete answer that does not list an external id proves its record absent.
                for (const ThreePlShipmentEntry &entry : batch) {
                    const qint64 id = found->value(entry.externalId);
                    if (id > 0)
                        confirmCreated(entry, id,
                                       tr("NetSuite has item fulfillment %1 for shipment %2 (read "
                                          "back by its external id %3).")
                                           .arg(id)
                                           .arg(entry.shipmentId, entry.externalId),
                                       {}, 0);
                    else
                        m_sends.push_back(entry); // never arrived: send it again
                }
                settleNext();
            });
    query->start();
}

// A shipment's item fulfillment in NetSuite, by its external id: `id` is 0 when not found
// (or not readable; the answer tells which).
void ThreePlPass::lookUp(const ThreePlShipmentEntry &entry,
                         std::function<void(const HttpResult &, qint64 id)> done)
{
    netSuiteCall(
        NetSuiteRecords::getByExternalId(m_network, m_config.netsuite,
                                         QStringLiteral("itemFulfillment"), entry.externalId, false,
                                         this),
        [done](const HttpResult &result) { done(result, NetSuiteRecords::idOfRecord(result)); });
}

void ThreePlPass::confirmCreated(const ThreePlShipmentEntry &entry, qint64 id,
                                 const QString &message, const QByteArray &response,
                                 qint64 elapsedMs)
{
    ThreePlShipmentEntry created = entry;
    created.fulfillmentId = id;
    // Not kept (a lost lease, a failed write): the next pass reads it back by its external id.
    if (recordShipment(
            [&] {
                return ThreePlRepository(m_database.connection())
                    .markCreated(entry.connectorId, entry.shipmentId, id, m_config.clock());
            },
            created, SyncOutcome::Pushed, ErrorClass::None, message, response, elapsedMs))
        ++m_summary.pushed;
}

bool ThreePlPass::recordShipment(const std::function<bool()> &outboxChange,
                                 const ThreePlShipmentEntry &entry, SyncOutcome outcome,
                                 ErrorClass errorClass, const QString &message,
                                 const QByteArray &response, qint64 elapsedMs)
{
    // One commit that proves the lease: a crash or a failed write between the row and its line
    // can never leave a held or flagged row without its open Inbox item, or the reverse. Failed,
    // nothing of it is kept, and the pass keeps its watermark so the next one sees the shipment
    // again.
    QSqlDatabase db = m_database.connection();
    FencedTransaction transaction(db, m_config.fence.get());
    if (!transaction.isHeld() && fenceLost())
        return false;
    QString error;
    const bool kept =
        transaction.isHeld() && outboxChange() &&
        m_recorder.shipment(entry, outcome, errorClass, message, response, elapsedMs) &&
        transaction.commit(&error);
    if (!kept && !fenceLost()) {
        if (error.isEmpty())
            error = ThreePlRepository(db).lastError();
        m_recordError = tr("Could not keep what happened to shipment %1 (%2); nothing of it was "
                           "kept, and the next pass reads it again.")
                            .arg(entry.shipmentId, error.isEmpty() ? tr("a write failed") : error);
        qCWarning(lcThreePl) << m_recordError;
    }
    return kept;
}

// 4b. One transform at a time.
void ThreePlPass::sendNext()
{
    if (m_cancelled)
        return finish();
    if (m_sends.empty())
        return finish();
    progress(tr("Creating item fulfillments in NetSuite"), m_sendTotal - int(m_sends.size()),
             m_sendTotal);
    const ThreePlShipmentEntry entry = m_sends.front();
    m_sends.pop_front();
    transform(entry);
}

void ThreePlPass::transform(const ThreePlShipmentEntry &entry)
{
    QElapsedTimer clock;
    clock.start();
    netSuiteCall(NetSuiteRecords::transformToFulfillment(m_network, m_config.netsuite,
                                                         entry.salesOrderId, entry.request.toUtf8(),
                                                         entry.externalId, this),
                 [this, entry, clock](const HttpResult &result) {
                     onTransformed(entry, result, clock.elapsed());
                 });
}

void ThreePlPass::onTransformed(const ThreePlShipmentEntry &entry, const HttpResult &result,
                                qint64 elapsedMs)
{
    const qint64 id = result.status == 204 ? NetSuiteRecords::idFromLocation(result) : 0;
    if (id > 0) {
        confirmCreated(entry, id,
                       tr("Item fulfillment %1 created in NetSuite from shipment %2 (tracking %3).")
                           .arg(id)
                           .arg(entry.shipmentId, entry.trackingNumber),
                       result.body, elapsedMs);
        return sendNext();
    }
    // Not proven: a lost answer, a 5xx, a timeout, a refusal. Read back before it counts.
    ThreePlRepository(m_database.connection()).markUnknown(entry.connectorId, entry.shipmentId);
    if (m_cancelled)
        return finish();
    const bool refused = looksRefused(result);
    QTimer::singleShot(
        refused ? 0 : m_config.readBackDelayMs, this,
        [this, entry, result, elapsedMs, refused] { readBack(entry, result, elapsedMs, refused); });
}

void ThreePlPass::readBack(const ThreePlShipmentEntry &entry, const HttpResult &answer,
                           qint64 elapsedMs, bool refused)
{
    if (m_cancelled)
        return finish();
    lookUp(entry, [this, entry, answer, elapsedMs, refused](const HttpResult &result, qint64 id) {
        const QString said = NetSuiteError::fromResult(answer).message;
        if (id > 0) {
            confirmCreated(entry, id,
                           tr("NetSuite created item fulfillment %1 from shipment %2, although "
                              "its answer said otherwise (%3); read back by external id.")
                               .arg(id)
                               .arg(entry.shipmentId, answer.failureText()),
                           answer.body, elapsedMs);
        } else if (refused && provesAbsent(result)) {
            ++m_summary.held;
            recordShipment(
                [&] {
                    return ThreePlRepository(m_database.connection())
                        .markHeld(entry.connectorId, entry.shipmentId, said, m_config.clock());
                },
                entry, SyncOutcome::Held, ErrorClass::Validation,
                tr("NetSuite refused the item fulfillment for shipment %1: %2")
                    .arg(entry.shipmentId, said),
                answer.body, elapsedMs);
        } else {
            // Absent after an unsure answer may still be on its way; present or absent is
            // settled again by a later run, and only then sent again.
            ++m_summary.failed;
            const QDateTime next = nextTry(entry);
            recordShipment(
                [&] {
                    return ThreePlRepository(m_database.connection())
                        .postpone(entry.connectorId, entry.shipmentId, next);
                },
                entry, SyncOutcome::Failed, ErrorClass::Transient,
                tr("NetSuite did not confirm the item fulfillment for shipment %1 (%2). The "
                   "first run after %3 reads it back and sends it only if NetSuite does not "
                   "have it.")
                    .arg(entry.shipmentId, answer.failureText(),
                         next.toLocalTime().toString(Qt::ISODate)),
                answer.body, elapsedMs);
        }
        sendNext();
    });
}

// Still unknown: each read-back that proves nothing waits longer for the next, like the
// channel's quarantine. Retry in the Inbox (or Replay) cuts the wait.
QDateTime ThreePlPass::nextTry(const ThreePlShipmentEntry &entry) const
{
    return m_config.clock().addSecs(
        m_config.policy.delaySeconds(entry.tries + 1, ErrorClass::Transient));
}

QDateTime ThreePlPass::postpone(const ThreePlShipmentEntry &entry)
{
    const QDateTime until = nextTry(entry);
    ThreePlRepository(m_database.connection()).postpone(entry.connectorId, entry.shipmentId, until);
    return until;
}

} // namespace fulfillsync
