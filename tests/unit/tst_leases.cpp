// Fenced connector leases on real SQLite and real PostgreSQL (the test command starts one and
// sets FULFILLSYNC_TEST_PG_URL); each test function runs once per engine. The epoch is what lets
// a worker paused past its lease find out, before it sends or writes, that another one acts for
// the connector now (issue 27): it must grow on every change of holder and never come back.

#include "models/domain/leaseholder.h"
#include "models/domain/timestamps.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/databaseurl.h"
#include "models/storage/leasefence.h"
#include "models/storage/leaserepository.h"
#include "models/storage/ledgerrepository.h"
#include "sync/engine/leasekeeper.h"
#include "testutils/tempdatabase.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;

namespace {
const QString kA = QStringLiteral("worker-a");
const QString kB = QStringLiteral("worker-b");
const QString kC = QStringLiteral("worker-c");
} // namespace

class TestLeases : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    QList<qint64> m_connectors; // four enabled connectors
    QSqlDatabase db() { return m_temp->database().connection(); }
    bool postgres() const { return !m_temp->database().isSqlite(); }

    LeaseState lease(qint64 connectorId)
    {
        const std::optional<LeaseState> state = LeaseRepository(db()).state(connectorId);
        return state.value_or(LeaseState{QStringLiteral("<error>"), -1, {}, false});
    }

    int rowsIn(const QString &table)
    {
        QSqlQuery q(db());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private Q_SLOTS:
    // The holder's name, one way in and out: the keeper's "is it gone?", the Dashboard's
    // "run by", and the tests all read it through LeaseHolder.
    void aHolderNameReadsBack()
    {
        const LeaseHolder mine = LeaseHolder::thisProcess();
        QVERIFY(mine.isThisProcess());
        const std::optional<LeaseHolder> read = LeaseHolder::parse(mine.toString());
        QVERIFY(read);
        QCOMPARE(read->host, mine.host);
        QCOMPARE(read->pid, mine.pid);
        QCOMPARE(read->tag, mine.tag);
        const auto spaced = LeaseHolder::parse(QStringLiteral("build box 2 pid 4711 (ab12cd34)"));
        QVERIFY(spaced);
        QCOMPARE(spaced->host, QStringLiteral("build box 2"));
        QCOMPARE(spaced->pid, 4711);
        QCOMPARE(spaced->process(), QStringLiteral("build box 2 pid 4711"));
        QVERIFY(!spaced->isThisProcess());
        QVERIFY(LeaseHolder::parse(QStringLiteral("host pid 12")).has_value()); // no tag
        for (const char *bad : {"", "host", "host pid", "host pid -3 (x)", "host pid 12 (a b)"})
            QVERIFY2(!LeaseHolder::parse(QString::fromLatin1(bad)), bad);
    }

    void initTestCase_data()
    {
        QVERIFY2(TempDatabase::addEngineRows(), TempDatabase::kPostgresMissing);
    }

    void init()
    {
        QFETCH_GLOBAL(TempDatabase::Engine, engine);
        m_temp = std::make_unique<TempDatabase>(engine);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_connectors.clear();
        ConnectorRepository connectors(db());
        for (int i = 1; i <= 4; ++i) {
            Connector c;
            c.name = QStringLiteral("store-%1").arg(i);
            c.endpoint = QStringLiteral("https://store-%1.myshopify.com").arg(i);
            QVERIFY(connectors.save(c));
            m_connectors << c.id;
        }
    }

    void cleanup() { m_temp.reset(); }

    void aRenewalKeepsTheEpochAndANewHolderGetsTheNext()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY2(leases.acquire(id, kA, now, 30, nullptr, &epoch), qPrintable(leases.lastError()));
        QCOMPARE(epoch, 1);
        // The holder renews, by acquire or by renew: the same epoch, a later expiry.
        QVERIFY(leases.acquire(id, kA, now.addSecs(10), 30, nullptr, &epoch));
        QCOMPARE(epoch, 1);
        QVERIFY(leases.renew(id, kA, 1, now.addSecs(20), 30));
        QCOMPARE(lease(id).epoch, 1);
        QCOMPARE(lease(id).expiresAt, now.addSecs(50));
        // Another holder is refused while it is valid, and told who holds it.
        QString other;
        epoch = 0;
        QVERIFY(!leases.acquire(id, kB, now.addSecs(49), 30, &other, &epoch));
        QCOMPARE(other, kA);
        QCOMPARE(epoch, 0);
        QVERIFY(leases.lastError().isEmpty());
        // Once it expired, the next holder has the next epoch.
        QVERIFY(leases.acquire(id, kB, now.addSecs(51), 30, &other, &epoch));
        QCOMPARE(epoch, 2);
        QCOMPARE(lease(id).holder, kB);
        // The one that lost it can no longer renew its epoch, even though its name is known.
        QVERIFY(!leases.renew(id, kA, 1, now.addSecs(52), 30));
        QVERIFY(!leases.renew(id, kB, 1, now.addSecs(52), 30)); // nor an older epoch of B's
        QVERIFY(leases.renew(id, kB, 2, now.addSecs(52), 30));
        QCOMPARE(lease(id).holder, kB);
        QCOMPARE(lease(id).epoch, 2);
    }

    // A released lease keeps its row and its epoch: whoever takes it next, even its last
    // holder, gets a greater one. An epoch is never handed out twice.
    void aReleasedLeaseKeepsItsEpoch()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY(leases.acquire(id, kA, now, 30, nullptr, &epoch));
        QCOMPARE(epoch, 1);
        QVERIFY(leases.release(id, kB)); // someone else's release changes nothing
        QCOMPARE(lease(id).holder, kA);
        QVERIFY2(leases.release(id, kA), qPrintable(leases.lastError()));
        QCOMPARE(rowsIn(QStringLiteral("connector_leases")), 1);
        QCOMPARE(lease(id).holder, QString());
        QCOMPARE(lease(id).epoch, 1);
        QVERIFY(!leases.renew(id, kA, 1, now, 30));                // let go is let go
        QVERIFY(leases.acquire(id, kA, now, 30, nullptr, &epoch)); // free at once
        QCOMPARE(epoch, 2);
        QVERIFY(leases.release(id, kA));
        QVERIFY(leases.acquire(id, kB, now, 30, nullptr, &epoch));
        QCOMPARE(epoch, 3);
        QVERIFY(!leases.renew(id, kA, 2, now, 30));
    }

    void aTakeOverBumpsTheEpoch()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        QVERIFY(leases.acquire(id, kA, now, 30));
        qint64 epoch = 0;
        QVERIFY(!leases.takeOver(id, kC, kB, now, 30, &epoch)); // C never held it
        QCOMPARE(lease(id).holder, kA);
        QVERIFY2(leases.takeOver(id, kA, kB, now, 30, &epoch), qPrintable(leases.lastError()));
        QCOMPARE(epoch, 2);
        QCOMPARE(lease(id).holder, kB);
        QCOMPARE(lease(id).epoch, 2);
        QVERIFY(!leases.renew(id, kA, 1, now, 30));
    }

    // A person's run borrows a lease whose holder has no pass under way, never a busy one.
    void onlyAnIdleLeaseIsBorrowed()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY(leases.acquire(id, kA, now, 30, nullptr, &epoch));
        QVERIFY(!leases.setBusy(id, kA, epoch + 1, true)); // not the holder's epoch
        QVERIFY(!lease(id).busy);
        QVERIFY(leases.setBusy(id, kA, epoch, true));
        QVERIFY(lease(id).busy);
        qint64 borrowed = 0;
        QVERIFY(!leases.borrow(id, kA, epoch, kB, now, 30, &borrowed));
        QCOMPARE(lease(id).holder, kA);
        QVERIFY(leases.setBusy(id, kA, epoch, false));
        QVERIFY(!leases.borrow(id, kA, epoch + 5, kB, now, 30, &borrowed)); // changed meanwhile
        QVERIFY2(leases.borrow(id, kA, epoch, kB, now, 30, &borrowed),
                 qPrintable(leases.lastError()));
        QCOMPARE(borrowed, epoch + 1);
        QCOMPARE(lease(id).holder, kB);
        QVERIFY(!lease(id).busy);
        QVERIFY(!leases.renew(id, kA, epoch, now, 30)); // its holder finds it gone
    }

    void liveWorkerLoadsCountOnlyTheLivingAndTheirValidLeases()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(leases.announce(kA, QStringLiteral("host-1"), 11, now, 30),
                 qPrintable(leases.lastError()));
        QVERIFY(leases.announce(kB, QStringLiteral("host-2"), 22, now, 30));
        QVERIFY(leases.announce(kC, QStringLiteral("host-3"), 33, now.addSecs(-100), 30));
        QVERIFY(leases.acquire(m_connectors[0], kA, now, 30));
        QVERIFY(leases.acquire(m_connectors[1], kA, now, 30));
        QVERIFY(leases.acquire(m_connectors[2], kA, now.addSecs(-100), 30)); // expired
        QVERIFY(leases.acquire(m_connectors[3], kC, now, 30)); // of a worker no longer live
        QHash<QString, int> expected{{kA, 2}, {kB, 0}};
        QCOMPARE(leases.liveWorkerLoads(now), expected);
        QCOMPARE(leases.heldBy(kA, now), (QList<qint64>{m_connectors[0], m_connectors[1]}));
        // A's presence renewed keeps it; B leaving takes it off the list.
        QVERIFY(leases.announce(kA, QStringLiteral("host-1"), 11, now.addSecs(25), 30));
        QVERIFY(leases.leave(kB));
        expected = {{kA, 0}}; // at +40 s: A is live, its leases (from now, 30 s) are not
        QCOMPARE(leases.liveWorkerLoads(now.addSecs(40)), expected);
    }

    // Item 4: the run counts a push once, however many passes confirm the same fulfillment.
    void markPushedSaysWhetherItChangedTheRow()
    {
        LedgerRepository ledger(db());
        LedgerEntry e;
        e.connectorId = m_connectors.first();
        e.fulfillmentId = 2001;
        e.orderId = 1001;
        e.channelOrder = QStringLiteral("5001");
        e.leaseEpoch = 3;
        QList<bool> exists;
        QVERIFY2(ledger.insertIntents({e}, &exists), qPrintable(ledger.lastError()));
        // The intent records the epoch that may send it (not read back by entry(): the
        // column is for whoever inspects the outbox).
        QSqlQuery epoch(db());
        QVERIFY(epoch.exec(QStringLiteral("SELECT lease_epoch FROM pushed_fulfillments")));
        QVERIFY(epoch.next());
        QCOMPARE(epoch.value(0).toLongLong(), 3);
        const QDateTime at = QDateTime::currentDateTimeUtc();
        bool changed = false;
        QVERIFY(ledger.markPushed(e.connectorId, 2001, QStringLiteral("4100"), at, &changed));
        QVERIFY(changed);
        QCOMPARE(ledger.entry(e.connectorId, 2001)->state, LedgerState::Pushed);
        QVERIFY(ledger.markPushed(e.connectorId, 2001, QStringLiteral("4100"), at.addSecs(60),
                                  &changed));
        QVERIFY(!changed);
        QCOMPARE(ledger.entry(e.connectorId, 2001)->state, LedgerState::Pushed);
        QCOMPARE(ledger.entry(e.connectorId, 2001)->completedAt, at); // the first confirmation
        QVERIFY(ledger.markPushed(e.connectorId, 2002, QStringLiteral("4101"), at, &changed));
        QVERIFY(!changed); // no such intent
    }

    void aFenceHoldsUntilTheLeaseIsTakenOverAndStaysLost()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY(leases.acquire(id, kA, now, 30, nullptr, &epoch));
        LeaseFence fence(id, kA, epoch, 30);
        QSqlDatabase connection = db();
        QVERIFY(fence.verify(connection));
        QVERIFY(fence.verify(connection));
        QVERIFY(!fence.isLost());
        QVERIFY(leases.takeOver(id, kA, kB, now, 30));
        QVERIFY(!fence.verify(connection));
        QVERIFY(fence.isLost());
        QVERIFY2(fence.lostReason().contains(kB), qPrintable(fence.lostReason()));
        QVERIFY(fence.lostReason().contains(QStringLiteral("epoch 2")));
        // Lost stays lost: even a row that names A at its old epoch again does not revive it
        // (what this pass had in hand may be stale by now).
        QSqlQuery q(connection);
        q.prepare(QStringLiteral("UPDATE connector_leases SET holder = ?, epoch = ? "
                                 "WHERE connector_id = ?"));
        q.addBindValue(kA);
        q.addBindValue(epoch);
        q.addBindValue(id);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(!fence.verify(connection));
        QVERIFY(fence.lostReason().contains(kB));
    }

    void aReleasedLeaseFencesItsHolder()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY(leases.acquire(id, kA, now, 30, nullptr, &epoch));
        LeaseFence fence(id, kA, epoch, 30);
        QVERIFY(leases.release(id, kA));
        QSqlDatabase connection = db();
        QVERIFY(!fence.verify(connection));
        QVERIFY(fence.lostReason().contains(QStringLiteral("released")));
    }

    // A send that follows a check must not outlast the lease: with less than half its time
    // left, the check renews it first.
    void aFenceRenewsALeaseThatIsRunningOut()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY(leases.acquire(id, kA, now.addSecs(-20), 30, nullptr, &epoch)); // 10 s left
        const QDateTime before = lease(id).expiresAt;
        QCOMPARE(before, now.addSecs(10));
        LeaseFence fence(id, kA, epoch, 30);
        QSqlDatabase connection = db();
        QVERIFY(fence.verify(connection));
        QVERIFY2(lease(id).expiresAt >= now.addSecs(30),
                 qPrintable(toStorageTime(lease(id).expiresAt)));
        QCOMPARE(lease(id).epoch, epoch);
        // Even one that expired a moment ago, as long as no one else took it (same epoch).
        QVERIFY(leases.acquire(id, kA, now.addSecs(-40), 30)); // expired 10 s ago
        QVERIFY(fence.verify(connection));
        QVERIFY(lease(id).expiresAt >= now.addSecs(30));
    }

    // A write transaction under a lost fence is not held, and what is written in it anyway is
    // rolled back.
    void aFencedTransactionOnALostFenceWritesNothing()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY(leases.acquire(id, kA, now, 30, nullptr, &epoch));
        LeaseFence fence(id, kA, epoch, 30);
        QSqlDatabase connection = db();
        const auto insertWorker = [&](const QString &holder) {
            QSqlQuery q(connection);
            q.prepare(QStringLiteral("INSERT INTO sync_workers (holder, host, pid, started_at, "
                                     "expires_at) VALUES (?, 'h', 1, '', '')"));
            q.addBindValue(holder);
            return q.exec();
        };
        {
            FencedTransaction held(connection, &fence);
            QVERIFY(held.isHeld());
            QVERIFY(insertWorker(QStringLiteral("written-while-held")));
            QString error;
            QVERIFY2(held.commit(&error), qPrintable(error));
        }
        QCOMPARE(rowsIn(QStringLiteral("sync_workers")), 1);
        QVERIFY(leases.takeOver(id, kA, kB, now, 30));
        {
            FencedTransaction lost(connection, &fence);
            QVERIFY(!lost.isHeld());
            QVERIFY(fence.isLost());
            insertWorker(QStringLiteral("written-after-takeover"));
            QString error;
            QVERIFY(!lost.commit(&error));
        }
        QCOMPARE(rowsIn(QStringLiteral("sync_workers")), 1);
        // No fence (a dry run, a test without leases): held as a plain transaction.
        FencedTransaction unfenced(connection, nullptr);
        QVERIFY(unfenced.isHeld());
    }

    // The check and the write are one: a takeover cannot land between a fenced transaction's
    // check and its commit. PostgreSQL holds the lease row FOR SHARE until the commit; SQLite's
    // fenced transaction holds the database's write lock from its first statement. Either way
    // the takeover from another connection waits (here: gives up at its short lock or busy
    // timeout), the write goes in, and the takeover goes through after the commit.
    void aTakeOverCannotSlipIntoAFencedWrite()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 id = m_connectors.first();
        qint64 epoch = 0;
        QVERIFY(leases.acquire(id, kA, now, 30, nullptr, &epoch));
        LeaseFence fence(id, kA, epoch, 30);
        Database otherWorker(DatabaseUrl::parse(m_temp->url()));
        QString error;
        QVERIFY2(otherWorker.openAndMigrate(&error), qPrintable(error));
        QSqlDatabase other = otherWorker.connection();
        QSqlQuery otherQuery(other);
        QVERIFY(otherQuery.exec(postgres() ? QStringLiteral("SET lock_timeout = '300ms'")
                                           : QStringLiteral("PRAGMA busy_timeout = 300")));
        QSqlDatabase connection = db();
        bool written = false;
        {
            FencedTransaction transaction(connection, &fence);
            QVERIFY(transaction.isHeld());
            LeaseRepository otherLeases(other);
            QVERIFY(!otherLeases.takeOver(id, kA, kB, now, 30));
            QVERIFY2(otherLeases.lastError().contains(QStringLiteral("lock")),
                     qPrintable(otherLeases.lastError()));
            QSqlQuery q(connection);
            written =
                q.exec(QStringLiteral("INSERT INTO sync_workers (holder, host, pid, "
                                      "started_at, expires_at) VALUES ('w', 'h', 1, '', '')"));
            written = written && transaction.commit(&error);
        }
        QVERIFY2(written, qPrintable(error));
        QCOMPARE(rowsIn(QStringLiteral("sync_workers")), 1);
        LeaseRepository otherLeases(other);
        QVERIFY2(otherLeases.takeOver(id, kA, kB, now, 30), qPrintable(otherLeases.lastError()));
        QCOMPARE(lease(id).holder, kB);
        QVERIFY(!fence.verify(connection));
        otherQuery = QSqlQuery();
        other = QSqlDatabase();
        otherWorker.closeThreadConnection();
    }

    // A scheduled pass takes a free connector only where the spread allows; a person's run
    // takes it anyway; a valid lease of another worker is theirs.
    void aBalancedClaimLeavesAFreeConnectorToALessLoadedWorker()
    {
        LeaseKeeper keeper(m_temp->database());
        keeper.start();
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(leases.announce(kB, QStringLiteral("elsewhere"), 4242, now, 60));
        LeaseKeeper::Claim claim = keeper.claim(m_connectors[0], true);
        QCOMPARE(claim.refusal, LeaseKeeper::Refusal::None);
        QVERIFY(claim.fence);
        QCOMPARE(claim.fence->epoch(), 1);
        // A holds one, B none: the next free one is left to B.
        claim = keeper.claim(m_connectors[1], true);
        QCOMPARE(claim.refusal, LeaseKeeper::Refusal::LeftToOthers);
        QVERIFY(!claim.fence);
        QCOMPARE(lease(m_connectors[1]).holder, QString());
        // B holds one too: A may take another.
        QVERIFY(leases.acquire(m_connectors[2], kB, now, 60));
        claim = keeper.claim(m_connectors[1], true);
        QCOMPARE(claim.refusal, LeaseKeeper::Refusal::None);
        QCOMPARE(lease(m_connectors[1]).holder, keeper.holder());
        claim = keeper.claim(m_connectors[3], true); // two against one
        QCOMPARE(claim.refusal, LeaseKeeper::Refusal::LeftToOthers);
        claim = keeper.claim(m_connectors[3], false); // a person's run
        QCOMPARE(claim.refusal, LeaseKeeper::Refusal::None);
        QCOMPARE(lease(m_connectors[3]).holder, keeper.holder());
        claim = keeper.claim(m_connectors[2], true); // B's, and valid
        QCOMPARE(claim.refusal, LeaseKeeper::Refusal::HeldElsewhere);
        QCOMPARE(claim.holder, kB);
        QCOMPARE(lease(m_connectors[2]).holder, kB);
        // A claim of a lease this worker holds is the same fence, not a new epoch.
        const std::shared_ptr<LeaseFence> first = keeper.claim(m_connectors[0], true).fence;
        QVERIFY(first);
        QCOMPARE(first->epoch(), 1);
        QCOMPARE(keeper.heldConnectors().size(), 3);
    }

    // The first worker to start takes every connector; the heartbeats spread them evenly.
    void twoWorkersEndUpWithHalfEach()
    {
        LeaseKeeper first(m_temp->database());
        LeaseKeeper second(m_temp->database());
        QSignalSpy adopted(&second, &LeaseKeeper::adopted);
        first.start();
        for (qint64 id : std::as_const(m_connectors))
            QCOMPARE(first.claim(id, true).refusal, LeaseKeeper::Refusal::None);
        QCOMPARE(first.heldConnectors().size(), 4);
        second.start();
        QCOMPARE(second.claim(m_connectors[0], true).refusal, LeaseKeeper::Refusal::HeldElsewhere);
        for (int beat = 0; beat < 6; ++beat) {
            first.heartbeat();
            second.heartbeat();
        }
        QCOMPARE(first.heldConnectors().size(), 2);
        QCOMPARE(second.heldConnectors().size(), 2);
        QCOMPARE(adopted.count(), 2);
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(leases.heldBy(first.holder(), now).size(), 2);
        QCOMPARE(leases.heldBy(second.holder(), now).size(), 2);
        const QHash<QString, int> expected{{first.holder(), 2}, {second.holder(), 2}};
        QCOMPARE(leases.liveWorkerLoads(now), expected);
        // What moved moved with a new epoch: the first worker's fences of it are lost.
        for (qint64 id : second.heldConnectors())
            QCOMPARE(lease(id).epoch, 2);
    }

    void aTakenOverLeaseIsLostAtTheNextHeartbeat()
    {
        LeaseKeeper keeper(m_temp->database());
        QSignalSpy lost(&keeper, &LeaseKeeper::lost);
        keeper.start();
        const std::shared_ptr<LeaseFence> fence = keeper.claim(m_connectors[0], true).fence;
        const std::shared_ptr<LeaseFence> kept = keeper.claim(m_connectors[1], false).fence;
        QVERIFY(fence && kept);
        keeper.heartbeat();
        QCOMPARE(lost.count(), 0);
        LeaseRepository leases(db());
        QVERIFY(leases.takeOver(m_connectors[0], keeper.holder(), kB,
                                QDateTime::currentDateTimeUtc(), 30));
        QVERIFY(!fence->isLost()); // nothing checked yet
        keeper.heartbeat();
        QCOMPARE(lost.count(), 1);
        QCOMPARE(lost.first().at(0).toLongLong(), m_connectors[0]);
        QVERIFY2(lost.first().at(1).toString().contains(kB),
                 qPrintable(lost.first().at(1).toString()));
        QVERIFY(fence->isLost());
        QVERIFY(!kept->isLost());
        QCOMPARE(keeper.heldConnectors(), QList<qint64>{m_connectors[1]});
        QCOMPARE(lease(m_connectors[0]).holder, kB);
    }

    // A worker that died (its lease expired) hands its connector to a live one at that one's
    // next heartbeat, without waiting for a schedule.
    void anExpiredLeaseIsAdopted()
    {
        LeaseRepository leases(db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(leases.acquire(m_connectors[2], kC, now.addSecs(-120), 30)); // expired
        QVERIFY(leases.acquire(m_connectors[3], kB, now, 60));               // alive
        LeaseKeeper keeper(m_temp->database());
        QSignalSpy adopted(&keeper, &LeaseKeeper::adopted);
        keeper.start();
        keeper.heartbeat();
        QCOMPARE(adopted.count(), 1);
        QCOMPARE(adopted.first().first().toLongLong(), m_connectors[2]);
        QCOMPARE(keeper.heldConnectors(), QList<qint64>{m_connectors[2]});
        QCOMPARE(lease(m_connectors[2]).holder, keeper.holder());
        QCOMPARE(lease(m_connectors[2]).epoch, 2);
        // Never-leased connectors wait for their schedule; a valid lease stays where it is.
        QCOMPARE(lease(m_connectors[0]).epoch, 0);
        QCOMPARE(lease(m_connectors[3]).holder, kB);
        // A claim for a pass of it is the fence the heartbeat took.
        const LeaseKeeper::Claim claim = keeper.claim(m_connectors[2], true);
        QVERIFY(claim.fence);
        QCOMPARE(claim.fence->epoch(), 2);
    }

    void releaseAllLetsEverythingGoAndLeaves()
    {
        LeaseKeeper keeper(m_temp->database());
        keeper.start();
        const std::shared_ptr<LeaseFence> a = keeper.claim(m_connectors[0], false).fence;
        const std::shared_ptr<LeaseFence> b = keeper.claim(m_connectors[1], false).fence;
        QVERIFY(a && b);
        LeaseRepository leases(db());
        QVERIFY(leases.liveWorkerLoads(QDateTime::currentDateTimeUtc()).contains(keeper.holder()));
        keeper.releaseAll();
        QVERIFY(keeper.heldConnectors().isEmpty());
        QVERIFY(a->isLost() && b->isLost());
        for (qint64 id : {m_connectors[0], m_connectors[1]}) {
            QCOMPARE(lease(id).holder, QString());
            QCOMPARE(lease(id).epoch, 1); // kept: the next holder's is greater
        }
        QCOMPARE(rowsIn(QStringLiteral("sync_workers")), 0);
        qint64 epoch = 0;
        QVERIFY(leases.acquire(m_connectors[0], kB, QDateTime::currentDateTimeUtc(), 30, nullptr,
                               &epoch));
        QCOMPARE(epoch, 2);
    }
};

QTEST_GUILESS_MAIN(TestLeases)
#include "tst_leases.moc"
