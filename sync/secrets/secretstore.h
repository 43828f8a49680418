#pragma once

#include <QHash>
#include <QObject>
#include <functional>
#include <optional>

namespace fulfillsync {

// Where secrets live (token secrets, channel access tokens): never the database, the settings,
// the logs or an export. Asynchronous, because the OS keychain is.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using ReadCallback = std::function<void(std::optional<QString> value, QString error)>;
    using WriteCallback = std::function<void(bool ok, QString error)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    virtual void read(const QString &key, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &value, WriteCallback done) = 0;
    virtual void remove(const QString &key, WriteCallback done) = 0;
    // False when secrets cannot be kept beyond this run (no keychain answered).
    virtual bool isPersistent() const = 0;
    // The admin should be told: secrets are kept for this run only because no keychain
    // answered (not because this run, the demo, keeps them in memory on purpose).
    virtual bool lacksKeychain() const { return !isPersistent(); }

    static QString netSuiteKey(const char *field); // "netsuite/consumerKey" …
    static QString channelTokenKey(qint64 connectorId);
    static QString alertWebhookKey(qint64 connectorId);
    static QString mailPasswordKey();

Q_SIGNALS:
    // A write or remove succeeded (before its callback runs): whoever holds credentials built
    // from the store reads them again.
    void changed(const QString &key);
};

// Secrets for this process only: tests, and the fallback when no keychain answers.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;
    bool isPersistent() const override { return false; }
    bool lacksKeychain() const override { return !m_onPurpose; }
    void setInMemoryOnPurpose() { m_onPurpose = true; } // the demo: the keychain is not wanted

private:
    QHash<QString, QString> m_values;
    bool m_onPurpose = false;
};

} // namespace fulfillsync
