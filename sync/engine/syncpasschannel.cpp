// SyncPass, the channel side: each channel order's jobs run one after the other against one
// snapshot of the order, read in batches; creates are written to the ledger first and every
// unconfirmed answer is read back. The NetSuite side, evaluation and bookkeeping are in
// syncpass.cpp.

#include "sync/engine/syncpass.h"

#include "sync/engine/adoption.h"

#include "models/storage/database.h"
#include "models/storage/leasefence.h"
#include "models/storage/sqlerror.h"

#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcPass)

namespace fulfillsync {

namespace {
// Reads in flight at once, read-backs and planning reads together. Few, so that each one is
// paced with what the last answer said about the cost bucket: a timer booked before the first
// answer cannot know the plan (a second 833-point read-back waited 14 s on the default
// 50/s model).
constexpr int kReadsInFlight = 2;
} // namespace

int SyncPass::window() const
{
    // Enough orders under way to fill the batched reads and keep the sends busy.
    return std::max(3 * m_channel->ordersPerRead(), 2 * std::max(1, m_config.maxJobsInFlight));
}

void SyncPass::pump()
{
    if (m_finished)
        return;
    if (!m_cancelled) {
        while (int(m_work.size()) < window() && m_nextOrder < m_orderIds.size())
            evaluateOrder(m_orderIds.at(m_nextOrder++));
        const QList<WorkPtr> fresh = std::exchange(m_fresh, {});
        for (const WorkPtr &work : fresh)
            advance(work);
        storeIntents();
        // A part-filled read goes only when nothing else can fill it: every order is under way
        // and no send is in flight (a send that completes may need a read of its own order).
        const bool flush =
            (m_nextOrder >= m_orderIds.size() || int(m_work.size()) >= window()) && m_sending == 0;
        issueReads(flush);
        wakeForSlot();
    }
    const bool evaluated = m_cancelled || m_nextOrder >= m_orderIds.size();
    if (evaluated && m_readsInFlight == 0 && m_sending == 0 && m_delays == 0 &&
        (m_cancelled || (m_work.isEmpty() && m_staged.isEmpty())))
        finish();
}

SyncPass::Need SyncPass::needOf(const OrderWork &work) const
{
    switch (work.jobs.front().kind) {
    case Job::Kind::Push:
        return work.jobs.front().adoptionRead ? Need::ReadBack : Need::Plan;
    case Job::Kind::ReadBack:
    case Job::Kind::Replay:
        return Need::ReadBack;
    case Job::Kind::UpdateTracking:
        break;
    }
    return Need::Nothing;
}

void SyncPass::advance(const WorkPtr &work)
{
    if (work->busy || m_cancelled || m_finished)
        return;
    if (work->jobs.empty())
        return jobDone(work);
    Job &job = work->jobs.front();
    if (!job.subject.clock.isValid())
        job.subject.clock.start();
    const std::optional<ChannelOrderSnapshot> &snapshot = work->snapshot;
    const bool fresh = snapshot && !snapshot->stale;
    if (!job.outbound) {
        switch (needOf(*work)) {
        case Need::Plan:
            if (!fresh) {
                work->busy = true;
                m_planReads << work;
                return;
            }
            return runPush(work); // planned now; its intent is written with others, then sent
        case Need::ReadBack:
            if (job.kind == Job::Kind::Push && job.adoptionReadDone && fresh)
                return runPush(work); // read: recognised (or found unreadable), then planned
            if (!fresh || !snapshot->fulfillmentsKnown) {
                work->busy = true;
                m_readBacks << work;
                return;
            }
            return runReadBack(work); // a read decides; a replay's send is staged there
        case Need::Nothing:
            break;
        }
    }
    if (m_sending >= std::max(1, m_config.maxJobsInFlight)) {
        work->busy = true;
        m_waitingForSlot << work;
        return;
    }
    if (job.outbound)
        send(work, *std::exchange(job.outbound, std::nullopt)); // sent once, never again
    else
        runUpdate(work);
}

void SyncPass::wakeForSlot()
{
    while (!m_waitingForSlot.isEmpty() && m_sending < std::max(1, m_config.maxJobsInFlight)) {
        const WorkPtr work = m_waitingForSlot.takeFirst();
        work->busy = false;
        advance(work);
    }
}

void SyncPass::issueReads(bool flush)
{
    while (m_readsInFlight < kReadsInFlight && !m_readBacks.isEmpty()) {
        const WorkPtr work = m_readBacks.takeFirst();
        ++m_readsInFlight;
        m_channel->readOrders({work->channelOrder}, true,
                              [this, work](const QHash<QString, ChannelRead> &reads) {
                                  onReads({work}, true, reads);
                              });
    }
    const int perRead = m_channel->ordersPerRead();
    while (m_readsInFlight < kReadsInFlight &&
           (m_planReads.size() >= perRead || (flush && !m_planReads.isEmpty()))) {
        const QList<WorkPtr> batch = m_planReads.mid(0, perRead);
        m_planReads.remove(0, batch.size());
        QStringList ids;
        for (const WorkPtr &work : batch)
            ids << work->channelOrder;
        ++m_readsInFlight;
        m_channel->readOrders(ids, false, [this, batch](const QHash<QString, ChannelRead> &reads) {
            onReads(batch, false, reads);
        });
    }
}

void SyncPass::onReads(const QList<WorkPtr> &works, bool readBack,
                       const QHash<QString, ChannelRead> &reads)
{
    --m_readsInFlight;
    for (const WorkPtr &work : works) {
        work->busy = false;
        const ChannelRead read = reads.value(work->channelOrder);
        if (readBack && !work->jobs.empty() && work->jobs.front().adoptionRead)
            work->jobs.front().adoptionReadDone = true;
        if (read.state == ChannelRead::State::Read) {
            work->snapshot = read.snapshot;
            work->snapshot->fulfillmentsKnown = readBack && read.snapshot.fulfillmentsKnown;
        } else {
            failChannelJobs(work, read);
        }
        advance(work);
    }
    pump();
}

void SyncPass::failChannelJobs(const WorkPtr &work, const ChannelRead &read)
{
    using State = ChannelRead::State;
    const ErrorClass errorClass = read.state == State::Failed       ? read.errorClass
                                  : read.state == State::Unreadable ? ErrorClass::Server
                                                                    : ErrorClass::Conflict;
    std::deque<Job> kept;
    for (Job &job : work->jobs) {
        if (job.kind == Job::Kind::UpdateTracking) {
            kept.push_back(std::move(job));
            continue;
        }
        QString message;
        if (!job.unconfirmed.isEmpty())
            message = tr("Shopify answered the create with %1, and reading it back failed: %2. "
                         "Nothing more was sent; it is read back again on the next run.")
                          .arg(job.unconfirmed, read.problem);
        else if (job.kind == Job::Kind::Push && m_cancelled) {
            // The admin's cancel is not the order's failure: no backoff, no inbox item; the
            // next run evaluates it again (see NetSuiteReader's resume point).
            record(job, SyncOutcome::Skipped, ErrorClass::None,
                   m_config.onlyOrders.isEmpty()
                       ? tr("Cancelled before anything was sent; the next run takes it up again.")
                       : tr("Cancelled before anything was sent."),
                   {}, AttemptRecorder::Quarantine::Leave);
            continue;
        } else if (job.kind == Job::Kind::Push)
            message =
                tr("Could not read the order in Shopify: %1. Nothing was sent.").arg(read.problem);
        else
            message = tr("Could not check Shopify for an earlier unconfirmed push: %1. Nothing "
                         "was sent; it is checked again on the next run.")
                          .arg(read.problem);
        record(job, SyncOutcome::Failed, errorClass, message, read.response,
               AttemptRecorder::Quarantine::Grow);
    }
    work->jobs = std::move(kept);
    work->snapshot.reset();
}

void SyncPass::runPush(const WorkPtr &work)
{
    Job &job = work->jobs.front();
    const ChannelPlan plan = m_channel->plan(job.mapping.mapped, *work->snapshot);
    if (adoptFirst(work, plan))
        return;
    if (!plan.problem.isEmpty()) {
        record(job, SyncOutcome::Failed, plan.problemClass, plan.problem, {},
               AttemptRecorder::Quarantine::Grow);
        return jobDone(work);
    }
    job.subject.request = readableJson(plan.body);
    if (m_config.dryRun) {
        planned(job, QString::fromUtf8(plan.body));
        return jobDone(work);
    }
    stageIntent(work, plan);
}

bool SyncPass::adoptFirst(const WorkPtr &work, const ChannelPlan &plan)
{
    Job &job = work->jobs.front();
    if (job.adoptionChecked)
        return false;
    const Connector &connector = m_config.connector;
    const ItemFulfillment &f = job.subject.fulfillment;
    const ChannelOrderSnapshot &snapshot = *work->snapshot;
    QStringList claimed;
    QSet<qint64> inLedger;
    double explained = 0; // units the ledger knows to be in the channel
    for (const LedgerEntry &e : m_ledger->entriesOfOrder(connector.id, job.subject.order.id)) {
        inLedger.insert(e.fulfillmentId);
        if (!e.channelFulfillmentId.isEmpty())
            claimed << e.channelFulfillmentId;
        if (e.state == LedgerState::Pushed || e.state == LedgerState::Adopted ||
            e.state == LedgerState::Attention || e.state == LedgerState::Resolved)
            explained += e.quantity;
    }
    if (!snapshot.fulfillmentsKnown && job.adoptionReadDone) {
        // Unknown is not "another tool made none": nothing is sent until it can be told.
        record(job, SyncOutcome::Failed, ErrorClass::Transient,
               tr("Shopify shows %1 fulfilled in part or whole, and not all of the order's "
                  "fulfillments could be read to tell whether another tool made it. Nothing was "
                  "sent; it is tried again on the next run.")
                   .arg(f.tranId),
               {}, AttemptRecorder::Quarantine::Grow);
        jobDone(work);
        return true;
    }
    if (!snapshot.fulfillmentsKnown) {
        // Worth a read of the order's fulfillments only when the channel shows something
        // fulfilled that this connector's ledger does not explain: more units than its entries
        // hold (nothing of the order in it yet, or another tool's fulfillment beside ours), or
        // every line of this fulfillment is fulfilled already.
        const bool unexplained = inLedger.isEmpty()
                                     ? Adoption::showsFulfilled(snapshot)
                                     : Adoption::showsMoreFulfilledThan(snapshot, explained);
        if (!unexplained && !plan.fulfilledElsewhere)
            return false;
        job.adoptionRead = true;
        advance(work); // to the read-back queue; planned again once the read is in
        return true;
    }
    job.adoptionChecked = true;
    QList<MappedFulfillment> others;
    const auto order = work->orders.constFind(job.subject.order.id);
    if (order != work->orders.cend())
        for (const ItemFulfillment &other : order->second)
            if (other.id != f.id && !inLedger.contains(other.id) && !other.voided &&
                other.shipStatus == ShipStatus::Shipped)
                others << m_mapper->map(other, order->first).mapped;
    const AdoptionMatch match = Adoption::recognise(job.mapping.mapped, others, snapshot, claimed);
    switch (match.kind) {
    case AdoptionMatch::Kind::None:
        return false;
    case AdoptionMatch::Kind::Ambiguous: {
        const QString message =
            tr("%1 may already be in Shopify, made by another tool: fulfillments %2 could each "
               "be it. Nothing was sent. Read the channel (order pane: Read the channel now) "
               "and choose which one it is in the Inbox (Adopt…), or resolve it.")
                .arg(f.tranId, match.candidates.join(QStringLiteral(", ")));
        record(job, SyncOutcome::Held, ErrorClass::Conflict, message, {},
               AttemptRecorder::Quarantine::Hold);
        jobDone(work);
        return true;
    }
    case AdoptionMatch::Kind::Adopt:
        break;
    }
    const QString tracking = match.trackingNumbers.isEmpty()
                                 ? tr("no tracking; recognised by its lines and quantities")
                                 : tr("tracking %1").arg(match.trackingNumbers.join(u", "));
    const QString message = tr("Adopted Shopify fulfillment %1 made by another tool (%2); "
                               "nothing sent.")
                                .arg(match.channelFulfillmentId, tracking);
    if (m_config.dryRun) {
        planned(job, {},
                tr("Would adopt Shopify fulfillment %1 made by another tool (%2); nothing would "
                   "be sent.")
                    .arg(match.channelFulfillmentId, tracking),
                PlannedRequest::Action::Adopt);
        jobDone(work);
        return true;
    }
    const bool written = write([&] {
        LedgerEntry adopted;
        adopted.connectorId = connector.id;
        adopted.fulfillmentId = f.id;
        adopted.orderId = job.subject.order.id;
        adopted.channelOrder = job.subject.order.channelOrder;
        adopted.channelFulfillmentId = match.channelFulfillmentId;
        adopted.trackingNumbers = job.mapping.mapped.trackingNumbers;
        adopted.quantity = f.totalQuantity();
        adopted.leaseEpoch = m_config.fence ? m_config.fence->epoch() : 0;
        bool exists = false;
        if (m_ledger->insertAdopted(adopted, QDateTime::currentDateTimeUtc(), &exists)) {
            ++m_summary.adopted;
            record(job, SyncOutcome::Skipped, ErrorClass::None, message, {},
                   AttemptRecorder::Quarantine::Clear);
        } else {
            record(job, SyncOutcome::Failed, exists ? ErrorClass::Conflict : ErrorClass::Storage,
                   exists ? tr("Another worker is recording this fulfillment right now.")
                          : tr("Could not record the adopted fulfillment: %1. Nothing was sent.")
                                .arg(m_ledger->lastError()),
                   {}, AttemptRecorder::Quarantine::Grow);
        }
    });
    if (!written)
        return true; // fenced: the pass has ended
    jobDone(work);
    return true;
}

void SyncPass::runUpdate(const WorkPtr &work)
{
    Job &job = work->jobs.front();
    const ChannelPlan plan =
        m_channel->trackingUpdate(job.channelFulfillmentId, job.mapping.mapped);
    job.subject.request = readableJson(plan.body);
    if (m_config.dryRun) {
        planned(job, QString::fromUtf8(plan.body));
        return jobDone(work);
    }
    send(work, plan);
}

void SyncPass::runReadBack(const WorkPtr &work)
{
    Job &job = work->jobs.front();
    const Connector &connector = m_config.connector;
    const ItemFulfillment &f = job.subject.fulfillment;
    QStringList claimed;
    for (const LedgerEntry &e : m_ledger->entriesOfOrder(connector.id, job.subject.order.id))
        if (e.fulfillmentId != f.id && !e.channelFulfillmentId.isEmpty())
            claimed << e.channelFulfillmentId;
    const ExistingFulfillment existing =
        m_channel->findExisting(job.mapping.mapped, *work->snapshot, claimed);

    if (existing.found == ExistingFulfillment::Found::Unknown) {
        record(job, SyncOutcome::Failed, ErrorClass::Transient,
               tr("Could not tell whether %1 reached Shopify: %2. Nothing was sent; it is read "
                  "back again on the next run.")
                   .arg(f.tranId, existing.why),
               {}, AttemptRecorder::Quarantine::Grow);
        return jobDone(work);
    }
    if (existing.found == ExistingFulfillment::Found::Yes) {
        const QString id = existing.channelFulfillmentId;
        QString message;
        if (!job.unconfirmed.isEmpty())
            message = tr("Created Shopify fulfillment %1: Shopify answered %2, and reading back "
                         "shows it there.")
                          .arg(id, job.unconfirmed);
        else if (job.kind == Job::Kind::Replay)
            message = tr("Already in Shopify as fulfillment %1 (checked live before the "
                         "replay); nothing sent.")
                          .arg(id);
        else
            message = tr("Already in Shopify as fulfillment %1 (found by reading back after an "
                         "unconfirmed earlier attempt); nothing sent.")
                          .arg(id);
        if (m_config.dryRun) {
            planned(job, {}, message);
            return jobDone(work);
        }
        const bool written = write([&] {
            if (!m_ledger->entry(connector.id, f.id)) {
                LedgerEntry found;
                found.connectorId = connector.id;
                found.fulfillmentId = f.id;
                found.orderId = job.subject.order.id;
                found.channelOrder = job.subject.order.channelOrder;
                found.trackingNumbers = job.mapping.mapped.trackingNumbers;
                found.quantity = f.totalQuantity();
                found.leaseEpoch = m_config.fence ? m_config.fence->epoch() : 0;
                m_ledger->insertPending(found);
            }
            bool changed = false;
            m_ledger->markPushed(connector.id, f.id, id, QDateTime::currentDateTimeUtc(), &changed);
            m_summary.pushed += changed ? 1 : 0;
            // A replay that found it sent nothing and says so; a read-back that confirms an
            // earlier unanswered create is that create's push.
            const bool sentNothingEver = job.kind == Job::Kind::Replay && job.unconfirmed.isEmpty();
            if (sentNothingEver)
                ++m_summary.alreadyPushed;
            record(job, sentNothingEver ? SyncOutcome::Skipped : SyncOutcome::Pushed,
                   ErrorClass::None, message, {}, AttemptRecorder::Quarantine::Clear);
        });
        if (!written)
            return; // fenced: the pass has ended
        return jobDone(work);
    }

    // Not there, as far as a complete read-back can tell.
    if (!job.unconfirmed.isEmpty()) {
        // This pass's own create, a moment ago: the channel may not show it yet. The intent
        // stays unconfirmed; the next run reads back again before anything is sent.
        record(job, SyncOutcome::Failed, ErrorClass::Transient,
               tr("Shopify answered the create with %1 and does not show the fulfillment yet. "
                  "Nothing more was sent; the next run reads back again before sending.")
                   .arg(job.unconfirmed),
               {}, AttemptRecorder::Quarantine::Grow);
        return jobDone(work);
    }
    if (job.kind == Job::Kind::Replay) {
        if (!m_config.dryRun && !write([&] { m_ledger->removeAny(connector.id, f.id); }))
            return;
        const ChannelPlan plan = m_config.replayBody.isEmpty()
                                     ? m_channel->plan(job.mapping.mapped, *work->snapshot)
                                     : m_channel->recorded(m_config.replayBody);
        if (!plan.problem.isEmpty()) {
            record(job, SyncOutcome::Failed, plan.problemClass, plan.problem, {},
                   AttemptRecorder::Quarantine::Grow);
            return jobDone(work);
        }
        job.subject.request = readableJson(plan.body);
        if (m_config.dryRun) {
            planned(job, QString::fromUtf8(plan.body));
            return jobDone(work);
        }
        return stageIntent(work, plan);
    }
    // An earlier pass's intent that never reached the channel: gone, and decided afresh.
    if (!m_config.dryRun && !write([&] { m_ledger->removeUnconfirmed(connector.id, f.id); }))
        return;
    DecisionInput input{connector, job.subject.order, f};
    input.quarantine = job.quarantine;
    input.mapping = job.mapping;
    input.now = m_config.clock();
    input.skipWaiting = m_config.trigger == SyncTrigger::Resync || !m_config.onlyOrders.isEmpty();
    const SyncDecision decision = SyncDecisions::decide(input);
    switch (decision.action) {
    case SyncDecision::Action::Push:
        job.kind = Job::Kind::Push;
        return advance(work); // the snapshot just read plans it
    case SyncDecision::Action::Hold:
        record(job, SyncOutcome::Held, decision.errorClass, decision.reason, {},
               AttemptRecorder::Quarantine::Hold);
        break;
    case SyncDecision::Action::Wait:
        if (m_config.dryRun)
            planned(job, {}, decision.reason);
        else
            m_recorder->noteWaiting(job.subject.order.id, decision.reason);
        break;
    default:
        break; // no longer eligible (voided, status): nothing is owed
    }
    jobDone(work);
}

void SyncPass::stageIntent(const WorkPtr &work, const ChannelPlan &plan)
{
    work->jobs.front().outbound = plan;
    work->busy = true;
    if (m_staged.isEmpty()) // whatever staged it, a pump follows and writes the batch
        QMetaObject::invokeMethod(this, &SyncPass::pump, Qt::QueuedConnection);
    m_staged << work;
}

void SyncPass::storeIntents()
{
    // The outbox: every intent is on disk before its request leaves. The creates planned since
    // the last pump (a whole planning read's worth) share one synced commit.
    if (m_staged.isEmpty())
        return;
    const QList<WorkPtr> staged = std::exchange(m_staged, {});
    QList<LedgerEntry> intents;
    for (const WorkPtr &work : staged) {
        const Job &job = work->jobs.front();
        LedgerEntry intent;
        intent.connectorId = m_config.connector.id;
        intent.fulfillmentId = job.subject.fulfillment.id;
        intent.orderId = job.subject.order.id;
        intent.channelOrder = job.subject.order.channelOrder;
        intent.payload = QString::fromUtf8(job.outbound->body);
        intent.trackingNumbers = job.mapping.mapped.trackingNumbers;
        intent.quantity = job.subject.fulfillment.totalQuantity();
        intent.leaseEpoch = m_config.fence ? m_config.fence->epoch() : 0; // who may send it
        intents << intent;
    }
    QList<bool> exists;
    bool stored = false;
    QString error;
    {
        // The lease is proven in the intents' own commit: a worker that lost it writes none.
        QSqlDatabase db = m_database.connection();
        const DurableWrites durable(db); // the outer commit is the synced one
        FencedTransaction transaction(db, m_config.fence.get());
        if (!transaction.isHeld() && fenceLost())
            return stopFenced();
        stored = m_ledger->insertIntents(intents, &exists);
        error = m_ledger->lastError();
        if (stored && transaction.isHeld() && !transaction.commit(&error))
            stored = false;
    }
    for (qsizetype i = 0; i < staged.size(); ++i) {
        const WorkPtr &work = staged.at(i);
        work->busy = false;
        if (stored && !exists.at(i)) {
            advance(work); // to a send slot
            continue;
        }
        Job &job = work->jobs.front();
        job.outbound.reset();
        record(
            job, SyncOutcome::Failed, stored ? ErrorClass::Conflict : ErrorClass::Storage,
            stored
                ? tr("Another worker is pushing this fulfillment right now.")
                : tr("Could not record the push before sending: %1. Nothing was sent.").arg(error),
            {}, AttemptRecorder::Quarantine::Grow);
        jobDone(work);
    }
}

void SyncPass::dropUnsentIntents()
{
    // A cancelled pass: a create planned and written down but never sent is no unknown.
    write([this] {
        for (const WorkPtr &work : std::as_const(m_work))
            if (!work->jobs.empty() && work->jobs.front().outbound && !m_staged.contains(work))
                m_ledger->removeUnconfirmed(m_config.connector.id,
                                            work->jobs.front().subject.fulfillment.id);
    });
}

void SyncPass::send(const WorkPtr &work, const ChannelPlan &plan)
{
    if (!mayAct())
        return; // another worker holds the connector now: nothing more leaves this one
    const Job &job = work->jobs.front();
    emitProgress(tr("Pushing %1").arg(job.subject.fulfillment.tranId));
    ++m_sending;
    work->busy = true;
    m_channel->send(
        plan, [this, work, plan](const ChannelAnswer &answer) { onSent(work, plan, answer); });
}

void SyncPass::onSent(const WorkPtr &work, const ChannelPlan &plan, const ChannelAnswer &answer)
{
    --m_sending;
    work->busy = false;
    Job &job = work->jobs.front();
    const qint64 connectorId = m_config.connector.id;
    const qint64 fulfillmentId = job.subject.fulfillment.id;
    if (work->snapshot)
        m_channel->applySent(*work->snapshot, plan, answer, job.mapping.mapped);
    using Kind = ChannelAnswer::Kind;
    if (plan.isTrackingUpdate) {
        if (answer.kind == Kind::Confirmed) {
            const bool written = write([&] {
                m_ledger->updateTrackingNumbers(connectorId, fulfillmentId,
                                                job.mapping.mapped.trackingNumbers);
                ++m_summary.trackingUpdated;
                record(job, SyncOutcome::Pushed, ErrorClass::None,
                       tr("Updated the tracking numbers of Shopify fulfillment %1 to %2.")
                           .arg(job.channelFulfillmentId,
                                job.mapping.mapped.trackingNumbers.join(QStringLiteral(", "))),
                       answer.response, AttemptRecorder::Quarantine::Clear);
            });
            if (!written)
                return;
        } else {
            // Safe to repeat, so an unconfirmed update is simply tried again later.
            record(job, SyncOutcome::Failed, answer.errorClass,
                   answer.kind == Kind::Refused
                       ? tr("Shopify refused the tracking update: %1").arg(answer.message)
                       : tr("Shopify did not confirm the tracking update (%1); it is sent again "
                            "on a later run.")
                             .arg(answer.message),
                   answer.response, AttemptRecorder::Quarantine::Grow);
        }
        jobDone(work);
        return pump();
    }
    switch (answer.kind) {
    case Kind::Confirmed: {
        // Confirmed and recorded in one commit. Should it fail, the intent stays Pending and
        // the next pass finds the fulfillment by reading back.
        const bool written = write([&] {
            bool changed = false;
            m_ledger->markPushed(connectorId, fulfillmentId, answer.channelFulfillmentId,
                                 QDateTime::currentDateTimeUtc(), &changed);
            m_summary.pushed += changed ? 1 : 0;
            record(job, SyncOutcome::Pushed, ErrorClass::None,
                   tr("Created Shopify fulfillment %1 with %n tracking number(s).", nullptr,
                      int(job.mapping.mapped.trackingNumbers.size()))
                       .arg(answer.channelFulfillmentId),
                   answer.response, AttemptRecorder::Quarantine::Clear);
        });
        if (!written)
            return; // fenced: the new holder reads the intent back and finds it
        jobDone(work);
        break;
    }
    case Kind::Refused: {
        const bool written = write([&] {
            m_ledger->removeUnconfirmed(connectorId, fulfillmentId);
            record(job, SyncOutcome::Failed, answer.errorClass,
                   tr("Shopify refused the fulfillment: %1").arg(answer.message), answer.response,
                   AttemptRecorder::Quarantine::Grow);
        });
        if (!written)
            return;
        jobDone(work);
        break;
    }
    case Kind::Ambiguous:
        // It may have been created. The intent stays; the channel is read back before anything
        // else happens to this fulfillment — in a moment, and on every later pass until known.
        if (!write([&] { m_ledger->markAmbiguous(connectorId, fulfillmentId); }))
            return;
        job.kind = Job::Kind::ReadBack;
        job.unconfirmed = answer.message;
        if (m_cancelled) {
            record(job, SyncOutcome::Failed, ErrorClass::Transient,
                   tr("Cancelled before Shopify confirmed the fulfillment; the next run reads "
                      "back before anything is sent again."),
                   answer.response, AttemptRecorder::Quarantine::Grow);
            jobDone(work);
            break;
        }
        work->busy = true;
        ++m_delays;
        QTimer::singleShot(m_config.readBackDelayMs, this, [this, work] {
            --m_delays;
            work->busy = false;
            if (m_cancelled && !work->jobs.empty()) {
                const Job &job = work->jobs.front();
                record(job, SyncOutcome::Failed, ErrorClass::Transient,
                       tr("Shopify answered the create with %1; cancelled before it was read "
                          "back. The next run reads back before anything is sent again.")
                           .arg(job.unconfirmed),
                       {}, AttemptRecorder::Quarantine::Grow);
            }
            advance(work);
            pump();
        });
        break;
    }
    wakeForSlot();
    pump();
}

void SyncPass::jobDone(const WorkPtr &work)
{
    if (!work->jobs.empty())
        work->jobs.pop_front();
    if (!work->jobs.empty())
        return advance(work);
    if (m_work.value(work->channelOrder) == work) {
        m_work.remove(work->channelOrder);
        for (const auto &[order, fulfillments] : std::as_const(work->orders))
            orderDone(order, fulfillments);
    }
    QMetaObject::invokeMethod(this, &SyncPass::pump, Qt::QueuedConnection);
}

} // namespace fulfillsync
