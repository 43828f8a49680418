#include "sync/secrets/keychainsecretstore.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace fulfillsync {

namespace {

// Runs a keychain job with a deadline; finish(ok, error) is called exactly once.
template<typename JobType>
void runWithTimeout(JobType *job, int timeoutMs,
                    std::function<void(JobType *, bool, QString)> finish)
{
    auto settled = std::make_shared<bool>(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, job, [job, settled, finish] {
        if (*settled)
            return;
        *settled = true;
        finish(job, false,
               QCoreApplication::translate("KeychainSecretStore",
                                           "The keychain did not answer (is it locked?)."));
        job->deleteLater();
    });
    QObject::connect(job, &QKeychain::Job::finished, job, [job, settled, finish](QKeychain::Job *) {
        if (*settled)
            return;
        *settled = true;
        finish(job, job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound,
               job->errorString());
    });
    job->setAutoDelete(true);
    timer->start(timeoutMs);
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{}

void KeychainSecretStore::fallBack(const QString &error)
{
    if (!m_keychainWorks)
        return;
    m_keychainWorks = false;
    m_keychainError = error;
    Q_EMIT keychainUnavailable(
        tr("No keychain answered (%1). Secrets are kept for this run only and must be entered "
           "again next time.")
            .arg(error));
}

void KeychainSecretStore::read(const QString &key, ReadCallback done)
{
    if (!m_keychainWorks)
        return m_memory.read(key, std::move(done));
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    QPointer<KeychainSecretStore> self(this);
    runWithTimeout<QKeychain::ReadPasswordJob>(
        job, m_timeoutMs,
        [self, key, done](QKeychain::ReadPasswordJob *j, bool ok, const QString &error) {
            if (!self)
                return;
            if (ok && j->error() == QKeychain::NoError)
                return done(j->textData(), QString());
            if (ok) // not found
                return done(std::nullopt, QString());
            self->fallBack(error);
            self->m_memory.read(key, done);
        });
}

SecretStore::WriteCallback KeychainSecretStore::announcing(const QString &key, WriteCallback done)
{
    QPointer<KeychainSecretStore> self(this);
    return [self, key, done = std::move(done)](bool ok, const QString &error) {
        if (ok && self)
            Q_EMIT self->changed(key);
        done(ok, error);
    };
}

void KeychainSecretStore::write(const QString &key, const QString &value, WriteCallback done)
{
    done = announcing(key, std::move(done));
    if (!m_keychainWorks)
        return m_memory.write(key, value, std::move(done));
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(value);
    QPointer<KeychainSecretStore> self(this);
    runWithTimeout<QKeychain::WritePasswordJob>(
        job, m_timeoutMs,
        [self, key, value, done](QKeychain::WritePasswordJob *, bool ok, const QString &error) {
            if (!self)
                return;
            if (ok)
                return done(true, QString());
            self->fallBack(error);
            self->m_memory.write(key, value, done);
        });
}

void KeychainSecretStore::remove(const QString &key, WriteCallback done)
{
    done = announcing(key, std::move(done));
    m_memory.remove(key, [](bool, const QString &) {});
    if (!m_keychainWorks)
        return m_memory.remove(key, std::move(done));
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    runWithTimeout<QKeychain::DeletePasswordJob>(
        job, m_timeoutMs,
        [done](QKeychain::DeletePasswordJob *, bool ok, const QString &error) { done(ok, error); });
}

} // namespace fulfillsync
