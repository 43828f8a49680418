#include "sync/engine/netsuitereader.h"

#include "models/storage/orderrepository.h"
#include "sync/net/suiteqlquery.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReader, "fulfillsync.sync.netsuite", QtInfoMsg)

namespace fulfillsync {

namespace {
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
    , m_recent(m_config.overlapSeconds + 60)
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
        return readOrders();
    announce(tr("Asking NetSuite what changed"));
    probe(m_since, [this](const QString &digest) {
        if (!digest.isEmpty() && digest == m_config.storedProbe) {
            m_result.idle = true;
            return finish();
        }
        readOrders();
    });
}

QDateTime NetSuiteReader::continueFrom(const QDateTime &since, const QDateTime &newestRead) const
{
    // From the window before the newest change read, as a next pass would from a watermark
    // there: changes committed late with an earlier time are still found.
    return newestRead.isValid() ? std::max(since, windowStart(newestRead)) : since;
}

ReadResume NetSuiteReader::resumePoint() const
{
    if (!m_config.onlyOrders.isEmpty() || m_result.idle)
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
                         std::function<void()> done)
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
                m_result.credentialsProven |= m_query->credentialsProven();
                m_query->deleteLater();
                m_query = nullptr;
                if (m_cancelled)
                    return finish();
                if (!error.isOk())
                    return finish(error.message);
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
                    return run(build, next, sink, newest, done);
                }
                done();
            });
    m_query->start();
}

void NetSuiteReader::probe(const QDateTime &since, std::function<void(const QString &)> done)
{
    auto rows = std::make_shared<QList<QJsonObject>>();
    run([](const QDateTime &from) { return DetectionQueries::probeSince(from); }, since,
        [rows](const QList<QJsonObject> &page) { *rows << page; }, [] { return QDateTime(); },
        [rows, done = std::move(done)] { done(DetectionQueries::probeDigest(*rows)); });
}

void NetSuiteReader::readOrders()
{
    announce(tr("Reading sales orders from NetSuite"));
    auto reader = std::make_shared<OrderRowReader>();
    reader->setRecentChanges(&m_recent);
    auto store = [this](const QList<SalesOrder> &orders) {
        if (orders.isEmpty())
            return true;
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
        [this, reader, store] {
            if (!store(reader->takeAll()))
                return;
            m_ordersReadTo = readTo(*reader);
            if (reader->newestModification() > m_newest)
                m_newest = reader->newestModification();
            m_unreadable.merge(reader->unreadable());
            readFulfillments();
        });
}

void NetSuiteReader::readFulfillments()
{
    announce(tr("Reading item fulfillments from NetSuite"));
    auto reader = std::make_shared<FulfillmentRowReader>();
    reader->setRecentChanges(&m_recent);
    auto store = [this, reader](const QList<ItemFulfillment> &fulfillments) {
        if (fulfillments.isEmpty())
            return true;
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
        [this, reader, store] {
            if (!store(reader->takeAll()))
                return;
            m_fulfillmentsReadTo = readTo(*reader);
            if (reader->newestModification() > m_newest)
                m_newest = reader->newestModification();
            m_unreadable.merge(reader->unreadable());
            readKitMembers();
        });
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
    const QDateTime current = m_config.watermark;
    QDateTime next =
        m_newest.isValid() && (!current.isValid() || m_newest > current) ? m_newest : current;
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
    // What was read of the next pass's window, in the probe's form. The next pass's probe
    // compares NetSuite's digest with it: equal means nothing changed. No closing probe: when
    // a change arrived meanwhile, or the read does not see every row the probe does, the digests
    // differ and the next pass reads the window once more, as a failed closing probe would
    // have made it do. A pass that read something costs one request less.
    m_result.newProbe = m_recent.digestSince(windowStart(next));
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
