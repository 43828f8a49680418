#include "sync/synccontroller.h"

#include "sync/alerts/alertnotifier.h"
#include "sync/engine/reconcilescheduler.h"
#include "sync/engine/syncscheduler.h"
#include "sync/engine/syncworker.h"

namespace fulfillsync {

SyncController::SyncController(Database &database, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("sync"));
    m_worker = new SyncWorker(database);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &SyncController::requestRun, m_worker, &SyncWorker::run, Qt::QueuedConnection);
    connect(this, &SyncController::requestCredentials, m_worker, &SyncWorker::setCredentials,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::progressed, this, &SyncController::progressed,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::passFinished, this, &SyncController::passFinished,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::historyAdvanced, this, &SyncController::historyAdvanced,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::failedToStart, this, &SyncController::failedToStart,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::requestPlanned, this, &SyncController::requestPlanned,
            Qt::QueuedConnection);
    connect(
        m_worker, &SyncWorker::idle, this,
        [this] {
            m_busy = false;
            Q_EMIT busyChanged(false);
        },
        Qt::QueuedConnection);
    m_alerts = new AlertNotifier(database);
    m_alerts->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_alerts, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::passFinished, m_alerts, &AlertNotifier::passFinished);
    connect(this, &SyncController::requestCredentials, m_alerts, &AlertNotifier::setCredentials,
            Qt::QueuedConnection);
    connect(
        m_alerts, &AlertNotifier::deliveryFailed, this,
        [this](qint64, const QString &message) { Q_EMIT alertNotDelivered(message); },
        Qt::QueuedConnection);
    m_scheduler = new SyncScheduler(database, *m_worker);
    m_scheduler->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_scheduler, &QObject::deleteLater);
    connect(
        m_scheduler, &SyncScheduler::triggered, this,
        [this](const SyncRequest &request) {
            markBusy();
            Q_EMIT runRequested(request);
        },
        Qt::QueuedConnection);
    connect(m_scheduler, &SyncScheduler::nextRunChanged, this, &SyncController::nextRunChanged,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::reconcileProgressed, this, &SyncController::reconcileProgressed,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::reconcileFinished, this, &SyncController::reconcileFinished,
            Qt::QueuedConnection);
    // The nightly reconciliation claims its nights under the same name as the worker's leases.
    m_reconcileScheduler = new ReconcileScheduler(database, m_worker->leases().holder());
    m_reconcileScheduler->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_reconcileScheduler, &QObject::deleteLater);
    // Announced before the worker starts it, so the window hears of the run before its first
    // progress (a run with nothing to read ends inside reconcile()).
    connect(m_reconcileScheduler, &ReconcileScheduler::triggered, this,
            &SyncController::reconcileStarted, Qt::QueuedConnection);
    connect(m_reconcileScheduler, &ReconcileScheduler::triggered, m_worker, &SyncWorker::reconcile);
    m_thread.start();
}

SyncController::~SyncController()
{
    QMetaObject::invokeMethod(m_scheduler, &SyncScheduler::stop, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_reconcileScheduler, &ReconcileScheduler::stop,
                              Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_worker, &SyncWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SyncController::setCredentials(const SyncCredentials &credentials)
{
    Q_EMIT requestCredentials(credentials);
}

void SyncController::runNow(const SyncRequest &request)
{
    markBusy();
    Q_EMIT runRequested(request);
    Q_EMIT requestRun(request);
}

void SyncController::markBusy()
{
    if (!m_busy) {
        m_busy = true;
        Q_EMIT busyChanged(true);
    }
}

void SyncController::startSchedule()
{
    m_scheduling = true;
    QMetaObject::invokeMethod(m_scheduler, &SyncScheduler::start, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_reconcileScheduler, &ReconcileScheduler::start,
                              Qt::QueuedConnection);
}

void SyncController::reconcile(const ReconcileRequest &request)
{
    Q_EMIT reconcileStarted(request);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request] { worker->reconcile(request); },
        Qt::QueuedConnection);
}

void SyncController::cancelReconcile(qint64 connectorId)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, connectorId] { worker->cancelReconcile(connectorId); },
        Qt::QueuedConnection);
}

void SyncController::reloadSchedule()
{
    if (!m_scheduling)
        return; // a window that does not sync by itself (tests, screenshots) stays that way
    QMetaObject::invokeMethod(m_scheduler, &SyncScheduler::reload, Qt::QueuedConnection);
}

void SyncController::cancel()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::cancel, Qt::QueuedConnection);
}

void SyncController::cancelConnector(qint64 connectorId)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, connectorId] { worker->cancelConnector(connectorId); },
        Qt::QueuedConnection);
}

} // namespace fulfillsync
