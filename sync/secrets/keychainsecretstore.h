#pragma once

#include "sync/secrets/secretstore.h"

namespace fulfillsync {

// The OS keychain through QtKeychain (Secret Service on Linux). QtKeychain 0.13 cannot say
// whether a keychain exists and may never answer (a locked keyring prompting on a display no
// one sees), so every job has a timeout. When the keychain fails, the store says so
// (keychainError(), isPersistent() == false) and keeps secrets in memory for this run only —
// it never writes them to disk in its place.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QString service = QStringLiteral("fulfillsync"),
                                 QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;
    bool isPersistent() const override { return m_keychainWorks; }
    QString keychainError() const { return m_keychainError; }

Q_SIGNALS:
    void keychainUnavailable(const QString &message);

private:
    void fallBack(const QString &error);
    // Wraps a callback so a success is announced through changed() first.
    WriteCallback announcing(const QString &key, WriteCallback done);

    QString m_service;
    int m_timeoutMs = 5000;
    bool m_keychainWorks = true;
    QString m_keychainError;
    MemorySecretStore m_memory;
};

} // namespace fulfillsync
