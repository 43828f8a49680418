#include "sync/secrets/secretstore.h"

#include <QTimer>

namespace fulfillsync {

QString SecretStore::netSuiteKey(const char *field)
{
    return QStringLiteral("netsuite/") + QLatin1String(field);
}

QString SecretStore::channelTokenKey(qint64 connectorId)
{
    return QStringLiteral("connector/%1/accessToken").arg(connectorId);
}

QString SecretStore::alertWebhookKey(qint64 connectorId)
{
    return QStringLiteral("connector/%1/alertWebhook").arg(connectorId);
}

QString SecretStore::mailPasswordKey()
{
    return QStringLiteral("mail/password");
}

// Answers are delivered on the next event-loop turn, like the keychain's, so callers never
// depend on a synchronous answer by accident.
void MemorySecretStore::read(const QString &key, ReadCallback done)
{
    const auto it = m_values.constFind(key);
    const std::optional<QString> value =
        it == m_values.constEnd() ? std::nullopt : std::optional<QString>(*it);
    QTimer::singleShot(0, this, [done = std::move(done), value] { done(value, QString()); });
}

void MemorySecretStore::write(const QString &key, const QString &value, WriteCallback done)
{
    m_values.insert(key, value);
    QTimer::singleShot(0, this, [this, key, done = std::move(done)] {
        Q_EMIT changed(key);
        done(true, QString());
    });
}

void MemorySecretStore::remove(const QString &key, WriteCallback done)
{
    m_values.remove(key);
    QTimer::singleShot(0, this, [this, key, done = std::move(done)] {
        Q_EMIT changed(key);
        done(true, QString());
    });
}

} // namespace fulfillsync
