#include "sync/engine/netsuitereader.h"

#include "models/storage/orderrepository.h"
#include "sync/net/suiteqlquery.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReader, "fulfillsync.sync.netsuite", QtInfoMsg)

namespace fulfillsync {

namespace {
// Marks the stored digest as the local copy's (earlier versions stored their own reads').
const QString kProbeFormat = QStringLiteral("local:");
// NetSuite stamps lastmodifieddate to the second, when it writes the record: a change is
// settled — no later edit can carry its time — once its second is over and a write begun in
// it has had time to commit.
constexpr int kSettleSeconds = 1 + 2;

QDateTime later(const QDateTime &a, const QDateTime &b)
{
    return !a.isValid() || (b.isValid() && b > a) ? b : a;
}

// The newest change a row reader has seen, short of any row it could not read: a query that
// continues from before it reads everything it has not stored.
template<typename RowReader> QDateTime readTo(const RowReader &reader)
{
    return reader.unreadable().cap(reader.newestModification(), {});
}
} // namespace

NetSuiteReader::NetSuiteReader(QNetworkAccessManager &network, OrderRepository &orders,
                               Config config, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_orders(orders)
    , m_config(std::move(config))
{
    m_result.credentialsProven = m_config.credentialsProven;
}

NetSuiteReader::~NetSuiteReader() = default;

QDateTime NetSuiteReader::windowStart(const QDateTime &watermark) const
{
    return watermark.addSecs(-m_config.overlapSeconds);
}

void NetSuiteReader::start()
{
    if (!m_config.onlyOrders.isEmpty()) {
        m_since = QDateTime::fromSecsSinceEpoch(0, Qt::UTC); // a resync reads these orders whole
        m_ordersSince = m_fulfillmentsSince = m_since;
        return readOrders();
    }
    if (m_config.resume.isValid()) {
        // A pass cut short stored part of its window: go on from there.
        m_since = m_config.resume.evaluateFrom;
        m_ordersSince = m_config.resume.ordersFrom;
        m_fulfillmentsSince = m_config.resume.fulfillmentsFrom;
        qCInfo(lcReader) << "continuing a read cut short: orders from" << m_ordersSince
                         << "fulfillments from" << m_fulfillmentsSince;
        return readOrders();
    }
    if (!m_config.watermark.isValid())
        m_since = m_config.firstPassSince.isValid() ? m_config.firstPassSince
                                                    : QDateTime::currentDateTimeUtc().addDays(-30);
    else
        m_since = windowStart(m_config.watermark);
    m_ordersSince = m_fulfillmentsSince = m_since;
    if (!m_config.watermark.isValid() || m_config.storedProbe.isEmpty())
        return readOrders(); // the first pass, or the last one could not read everything
    announce(tr("Asking NetSuite what changed"));
    qCDebug(lcReader) << "probing from" << m_since << "read to" << m_config.watermark;
    probe(m_since, m_config.watermark);
}

std::optional<QHash<QString, DetectionQueries::ChangeCount>>
NetSuiteReader::storedCounts(const QDateTime &from, const QDateTime &readTo)
{
    OrderRepository::StoredChanges orders;
    OrderRepository::StoredChanges fulfillments;
    // No upper bound: everything stored from `from` on.
    const QDateTime to =
        readTo.isValid() ? readTo : QDateTime(QDate(9999, 12, 31), QTime(), Qt::UTC);
    if (!m_orders.storedChanges(from, to, &orders, &fulfillments)) {
        qCWarning(lcReader) << "cannot count the stored changes:" << m_orders.lastError();
        return std::nullopt;
    }
    return QHash<QString, DetectionQueries::ChangeCount>{
        {QStringLiteral("SalesOrd"), {orders.count, orders.idSum, orders.newest}},
        {QStringLiteral("ItemShip"),
         {fulfillments.count, fulfillments.idSum, fulfillments.newest}}};
}

// Rows of the window that change again while the pass reads leave the local copy's count of
// it, though NetSuite's probe still counted them there: they are noted (their stored time is
// where the probe saw them) and counted back in when the window is checked.
void NetSuiteReader::noteMoved(const QString &type,
                               const QList<std::pair<qint64, QDateTime>> &records)
{
    if (!m_windowCheck || records.isEmpty())
        return;
    QList<qint64> ids;
    for (const auto &record : records)
        ids << record.first;
    const auto stored = m_orders.storedModified(type == u"ItemShip", ids);
    if (!stored) {
        m_movedUnknown = true; // the check fails, and the window is read whole
        return;
    }
    for (const auto &[id, modified] : records) {
        const QDateTime before = stored->value(id);
        if (before.isValid() && before >= m_since && before < m_config.watermark &&
            modified > m_probeNewest)
            DetectionQueries::add(m_movedAfterProbe[type], {1, id, before});
    }
}

void NetSuiteReader::onProbe(const DetectionQueries::ProbeAnswer &answer)
{
    const auto upTo = storedCounts(m_since, m_config.watermark);
    const auto from = storedCounts(m_config.watermark, {});
    if (!answer.readable || !upTo || !from)
        return readOrders(); // unknown is never "nothing changed": the whole window
    // Another connector's pass may have stored changes here since this one's last pass: they are
    // this connector's to evaluate too.
    m_evaluateWindow =
        kProbeFormat + DetectionQueries::digest(DetectionQueries::added(*upTo, *from)) !=
        m_config.storedProbe;
    m_probeNewest = answer.newest.isValid() ? answer.newest : m_config.watermark;
    m_seenNewest = m_probeNewest;
    const QString netsuite = DetectionQueries::digest(answer.upTo);
    auto unchangedFrom = [&](const QString &type) {
        return DetectionQueries::digest({{type, answer.from.value(type)}}) ==
               DetectionQueries::digest({{type, from->value(type)}});
    };
    // What NetSuite holds from the watermark on is read whenever there is any: a digest never
    // proves a change there absent (a record changed again within the second it was read keeps
    // its count, id and time). The watermark stays where every change before it had settled
    // when read (closeWindow), so on an account with nothing new this part is empty and the
    // pass is still one request.
    auto nothingFrom = [&](const QString &type) {
        return answer.from.value(type).count == 0 && unchangedFrom(type);
    };
    m_skipOrders = nothingFrom(QStringLiteral("SalesOrd"));
    m_skipFulfillments = nothingFrom(QStringLiteral("ItemShip"));
    m_windowCheck = netsuite;
    if (m_skipOrders && m_skipFulfillments && netsuite == DetectionQueries::digest(*upTo)) {
        if (!m_evaluateWindow) {
            m_result.idle = true;
            return finish();
        }
        return checkWindow();
    }
    // Only what changed from the watermark's second on is read (a type NetSuite has no more of
    // than the local copy is skipped). Then the window before it is compared again: what changed
    // once more has left it for the part read, and any other difference is a change committed
    // late with an earlier time, found by reading the whole window after all.
    qCDebug(lcReader) << "reading what changed from" << m_config.watermark;
    m_ordersSince = m_fulfillmentsSince = m_config.watermark;
    readOrders();
}

void NetSuiteReader::checkWindow()
{
    const QString netsuite = *std::exchange(m_windowCheck, std::nullopt);
    const auto counts = storedCounts(m_since, m_config.watermark);
    const std::optional<QString> stored =
        counts ? std::optional(
                     DetectionQueries::digest(DetectionQueries::added(*counts, m_movedAfterProbe)))
               : std::nullopt;
    if (!stored || m_movedUnknown || *stored != netsuite) {
        qCInfo(lcReader) << "the window before the watermark is not what was read; reading it "
                            "whole. NetSuite:"
                         << netsuite << "stored:" << stored.value_or(QStringLiteral("(unknown)"));
        m_ordersSince = m_fulfillmentsSince = m_since;
        m_skipOrders = m_skipFulfillments = m_evaluateWindow = false;
        return readOrders();
    }
    if (m_evaluateWindow) {
        bool ok = false;
        const QList<qint64> ids = m_orders.orderIdsChangedSince(m_since, &ok);
        if (!ok)
            return finish(tr("Could not read the stored orders: %1").arg(m_orders.lastError()));
        m_result.touchedOrders.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
    }
    readKitMembers();
}

void NetSuiteReader::noteServerStart(const QDateTime &start)
{
    m_serverClockUnknown |= !start.isValid();
    if (start.isValid() && (!m_earliestServerStart.isValid() || start < m_earliestServerStart))
        m_earliestServerStart = start;
}

QDateTime NetSuiteReader::settledHorizon() const
{
    if (m_serverClockUnknown || !m_earliestServerStart.isValid())
        return {};
    const QDateTime settled = m_earliestServerStart.addSecs(-kSettleSeconds);
    // A clock far ahead of ours (a damaged Date, 2100) would move the watermark past changes
    // still to come; ahead by less than the overlap, the window before the watermark still
    // finds them. Unknown, then: the watermark is the newest change read.
    if (settled > QDateTime::currentDateTimeUtc().addSecs(m_config.overlapSeconds)) {
        qCWarning(lcReader) << "NetSuite's clock reads" << m_earliestServerStart
                            << "far ahead of this machine's; not used";
        return {};
    }
    return QDateTime::fromSecsSinceEpoch(settled.toSecsSinceEpoch(), Qt::UTC); // whole seconds
}

QDateTime NetSuiteReader::continueFrom(const QDateTime &since, const QDateTime &newestRead) const
{
    // From the window before the newest change read, as a next pass would from a watermark
    // there: changes committed late with an earlier time are still found.
    return newestRead.isValid() ? std::max(since, windowStart(newestRead)) : since;
}

ReadResume NetSuiteReader::resumePoint() const
{
    // An incremental read whose window was not checked yet starts over from its probe.
    if (!m_config.onlyOrders.isEmpty() || m_result.idle || m_windowCheck)
        return {};
    if (!m_ordersReadTo.isValid() && !m_fulfillmentsReadTo.isValid() && !m_config.resume.isValid())
        return {}; // nothing stored: the next pass starts where this one did, probe included
    return {continueFrom(m_ordersSince, m_ordersReadTo),
            continueFrom(m_fulfillmentsSince, m_fulfillmentsReadTo), m_since};
}

QString NetSuiteReader::progressText(const QString &phase, qint64 read, qint64 total,
                                     qint64 elapsedMs)
{
    if (total < read)
        return tr("%1: %L2 rows read").arg(phase).arg(read);
    const QString counts = tr("%1: %L2 of %L3 rows read").arg(phase).arg(read).arg(total);
    if (read == total || read == 0 || elapsedMs < 2000)
        return counts; // done, or too early to know the pace
    const qint64 leftMs = elapsedMs * (total - read) / read;
    if (leftMs < 60 * 1000)
        return tr("%1, less than a minute left").arg(counts);
    return tr("%1, about %n minute(s) left", nullptr, int((leftMs + 30 * 1000) / 60000))
        .arg(counts);
}

void NetSuiteReader::cancel()
{
    m_cancelled = true;
    if (m_query)
        m_query->abort();
    else
        finish();
}

void NetSuiteReader::announce(const QString &phase)
{
    m_phase = phase;
    m_rowsRead = 0;
    m_rowsBeforeWindow = 0;
    m_phaseClock.start();
    Q_EMIT progressed(phase);
}

void NetSuiteReader::run(std::function<QString(const QDateTime &)> build, const QDateTime &since,
                         RowSink sink, std::function<QDateTime()> newest,
                         std::function<void()> done, std::function<void(const QString &)> failed)
{
    m_rowsBeforeWindow = m_rowsRead;
    m_query = new SuiteQlQuery(m_network, m_config.endpoint, build(since), this);
    m_query->setCredentialsProven(m_result.credentialsProven);
    m_query->setGate(m_config.gate);
    m_query->setRetryPolicy(m_config.retryPolicy);
    connect(m_query, &SuiteQlQuery::pageReceived, this, sink);
    connect(m_query, &SuiteQlQuery::pageReceived, this, [this](const QList<QJsonObject> &rows) {
        // A first pass over a big account reads for minutes: the count shows it moving.
        m_rowsRead += rows.size();
        const qint64 total = m_query->totalResults();
        Q_EMIT progressed(progressText(m_phase, m_rowsRead,
                                       total < 0 ? -1 : m_rowsBeforeWindow + total,
                                       m_phaseClock.elapsed()));
    });
    connect(m_query, &SuiteQlQuery::finished, this,
            [=, this](const NetSuiteError &error, bool reachedCeiling) {
                m_result.requests += m_query->requestsSent();
                noteServerStart(m_query->earliestServerStart());
                m_result.credentialsProven |= m_query->credentialsProven();
                m_query->deleteLater();
                m_query = nullptr;
                if (m_cancelled)
                    return finish();
                if (!error.isOk())
                    return failed ? failed(error.message) : finish(error.message);
                if (reachedCeiling) {
                    // Keyset window: continue from the newest change seen. Rows at exactly that
                    // instant are read again and fold away by id.
                    const QDateTime next = newest();
                    if (!next.isValid() || next <= since)
                        return finish(tr("More than 100,000 NetSuite rows changed at %1; SuiteQL "
                                         "cannot page past that. Narrow the first pass with a "
                                         "later start date.")
                                          .arg(since.toString(Qt::ISODate)));
                    qCInfo(lcReader) << "100,000-row window full; continuing from" << next;
                    return run(build, next, sink, newest, done, failed);
                }
                done();
            });
    m_query->start();
}

void NetSuiteReader::probe(const QDateTime &since, const QDateTime &readTo)
{
    auto rows = std::make_shared<QList<QJsonObject>>();
    run([readTo](const QDateTime &from) { return DetectionQueries::probeSince(from, readTo); },
        since, [rows](const QList<QJsonObject> &page) { *rows << page; },
        [] { return QDateTime(); }, [this, rows] { onProbe(DetectionQueries::readProbe(*rows)); },
        [this](const QString &problem) {
            // A probe NetSuite would not answer (its SQL refused, say) is no reason to stop:
            // the window is read whole, as if the probe had found a change.
            qCWarning(lcReader) << "the probe failed:" << problem;
            m_result.warnings << tr("NetSuite did not answer the check for changes (%1); the "
                                    "whole window was read.")
                                     .arg(problem);
            readOrders();
        });
}

void NetSuiteReader::readOrders()
{
    if (std::exchange(m_skipOrders, false)) {
        // The probe found the local copy complete: up to the newest change it saw.
        m_ordersComplete = later(m_ordersComplete, m_seenNewest);
        return readFulfillments();
    }
    const QDateTime startedAfter = m_seenNewest;
    announce(tr("Reading sales orders from NetSuite"));
    auto reader = std::make_shared<OrderRowReader>();
    auto store = [this](const QList<SalesOrder> &orders) {
        if (orders.isEmpty())
            return true;
        if (!mayStore())
            return false;
        QList<std::pair<qint64, QDateTime>> records;
        for (const SalesOrder &order : orders)
            records.append({order.id, order.lastModified});
        noteMoved(QStringLiteral("SalesOrd"), records);
        if (!m_orders.upsertOrders(orders)) {
            finish(tr("Could not store sales orders: %1").arg(m_orders.lastError()));
            return false;
        }
        for (const SalesOrder &order : orders)
            m_result.touchedOrders.insert(order.id);
        return true;
    };
    run([ids = m_config.onlyOrders](
            const QDateTime &since) { return DetectionQueries::ordersSince(since, ids); },
        m_ordersSince,
        [this, reader, store](const QList<QJsonObject> &rows) {
            reader->add(rows);
            if (store(reader->takeComplete()))
                m_ordersReadTo = readTo(*reader);
        },
        [reader] { return reader->newestModification(); },
        [this, reader, store, startedAfter] {
            if (!store(reader->takeAll()))
                return;
            m_ordersReadTo = readTo(*reader);
            m_ordersComplete =
                later(m_ordersComplete, later(startedAfter, reader->newestModification()));
            m_seenNewest = later(m_seenNewest, reader->newestModification());
            m_unreadable.merge(reader->unreadable());
            readFulfillments();
        });
}

bool NetSuiteReader::mayStore()
{
    if (!m_config.mayWrite || m_config.mayWrite())
        return true;
    finish(tr("This worker no longer holds the connector's lease; what it read was not stored."));
    return false;
}

void NetSuiteReader::readFulfillments()
{
    if (std::exchange(m_skipFulfillments, false)) {
        m_fulfillmentsComplete = later(m_fulfillmentsComplete, m_seenNewest);
        return afterReading();
    }
    const QDateTime startedAfter = m_seenNewest;
    announce(tr("Reading item fulfillments from NetSuite"));
    auto reader = std::make_shared<FulfillmentRowReader>();
    auto store = [this, reader](const QList<ItemFulfillment> &fulfillments) {
        if (fulfillments.isEmpty())
            return true;
        if (!mayStore())
            return false;
        QList<std::pair<qint64, QDateTime>> records;
        for (const ItemFulfillment &f : fulfillments)
            records.append({f.id, f.lastModified});
        noteMoved(QStringLiteral("ItemShip"), records);
        if (!m_orders.upsertOrderHeaders(reader->takeOrderHeaders()) ||
            !m_orders.upsertFulfillments(fulfillments)) {
            finish(tr("Could not store fulfillments: %1").arg(m_orders.lastError()));
            return false;
        }
        for (const ItemFulfillment &f : fulfillments) {
            m_result.touchedOrders.insert(f.orderId);
            if (m_config.readKitMembers)
                for (const ItemFulfillmentLine &line : f.lines)
                    if (line.isKit())
                        m_kits.insert(line.itemId);
        }
        m_result.detectedFulfillments += int(fulfillments.size());
        return true;
    };
    run([ids = m_config.onlyOrders](
            const QDateTime &since) { return DetectionQueries::fulfillmentsSince(since, ids); },
        m_fulfillmentsSince,
        [this, reader, store](const QList<QJsonObject> &rows) {
            reader->add(rows);
            if (store(reader->takeComplete()))
                m_fulfillmentsReadTo = readTo(*reader);
        },
        [reader] { return reader->newestModification(); },
        [this, reader, store, startedAfter] {
            if (!store(reader->takeAll()))
                return;
            m_fulfillmentsReadTo = readTo(*reader);
            m_fulfillmentsComplete =
                later(m_fulfillmentsComplete, later(startedAfter, reader->newestModification()));
            m_seenNewest = later(m_seenNewest, reader->newestModification());
            m_unreadable.merge(reader->unreadable());
            afterReading();
        });
}

void NetSuiteReader::afterReading()
{
    if (m_windowCheck)
        return checkWindow();
    readKitMembers();
}

void NetSuiteReader::readKitMembers()
{
    // Kit definitions rarely change: read the kits not known yet (a resync reads its kits
    // again).
    if (m_config.resume.isValid() && m_config.readKitMembers) {
        // The kits on what the pass cut short stored, which it may not have asked about yet.
        const QList<qint64> stored = m_orders.kitItemsChangedSince(m_since);
        m_kits.unite(QSet<qint64>(stored.cbegin(), stored.cend()));
    }
    QList<qint64> ids;
    const QHash<qint64, QList<KitMember>> known =
        m_config.onlyOrders.isEmpty() ? m_orders.kitMembers() : QHash<qint64, QList<KitMember>>();
    for (qint64 kit : std::as_const(m_kits))
        if (!known.contains(kit))
            ids << kit;
    if (ids.isEmpty() || m_config.detectOnly)
        return closeWindow();
    announce(tr("Reading kit members from NetSuite"));
    std::sort(ids.begin(), ids.end());
    auto rows = std::make_shared<QList<QJsonObject>>();
    run([ids](const QDateTime &) { return DetectionQueries::kitMembers(ids); }, m_since,
        [rows](const QList<QJsonObject> &page) { *rows << page; }, [] { return QDateTime(); },
        [this, ids, rows] {
            if (!m_orders.replaceKitMembers(ids, DetectionQueries::readKitMembers(*rows)))
                return finish(tr("Could not store kit members: %1").arg(m_orders.lastError()));
            closeWindow();
        });
}

void NetSuiteReader::closeWindow()
{
    if (!m_config.onlyOrders.isEmpty())
        return finish(); // a resync moves no watermark
    // Each type is complete up to its own point (the newest change seen before or by its query):
    // the watermark is the earlier of the two, so the next pass's window before it holds
    // nothing either query could have missed but a late commit.
    const QDateTime current = m_config.watermark;
    QDateTime next = !m_ordersComplete.isValid() ? m_fulfillmentsComplete
                     : !m_fulfillmentsComplete.isValid()
                         ? m_ordersComplete
                         : std::min(m_ordersComplete, m_fulfillmentsComplete);
    // Not past what had settled when NetSuite began answering this pass (and up to there on a
    // quiet account, past the newest change): a change after it may be edited again within its
    // second, so the next pass reads from here, never only compares. Without NetSuite's clock
    // (no Date), the newest change read: its second is then read again by every pass.
    if (const QDateTime settled = settledHorizon(); settled.isValid())
        next = settled;
    next = later(current, next); // never back
    if (!next.isValid() && m_config.resume.isValid())
        next = std::min(m_ordersSince, m_fulfillmentsSince); // read to here, found nothing new
    if (m_unreadable.count > 0) {
        next = m_unreadable.cap(next, current);
        m_result.warnings << tr("%n NetSuite row(s) could not be read (%1); the watermark stays at "
                                "%2 so they are read again on the next run.",
                                nullptr, m_unreadable.count)
                                 .arg(m_unreadable.firstProblem, next.isValid()
                                                                     ? next.toString(Qt::ISODate)
                                                                     : tr("the start"));
        m_result.newWatermark = next;
        return finish(); // no probe: the next pass must read in full
    }
    m_result.newWatermark = next;
    if (!next.isValid())
        return finish();
    // What the local copy holds of the next pass's window as this pass leaves it: when it is
    // still that at the next pass (no other connector's pass stored anything there) and
    // NetSuite's probe agrees with it, nothing changed — an idle pass, one request. Never empty
    // when known; empty (unreadable) makes the next pass read its window whole.
    const auto window = storedCounts(windowStart(next), {});
    m_result.newProbe = window ? kProbeFormat + DetectionQueries::digest(*window) : QString();
    finish();
}

void NetSuiteReader::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.resume = resumePoint();
    if (m_cancelled && error.isEmpty())
        m_result.error = tr("Cancelled");
    else
        m_result.error = error;
    if (!m_result.error.isEmpty()) {
        m_result.newWatermark = {};
        m_result.newProbe.clear();
    }
    Q_EMIT finished(m_result);
}

} // namespace fulfillsync
