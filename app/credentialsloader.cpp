#include "app/credentialsloader.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "sync/secrets/secretstore.h"

#include <QPointer>
#include <memory>

namespace fulfillsync {

CredentialsLoader::CredentialsLoader(Database &database, SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_secrets(secrets)
{
    connect(&m_secrets, &SecretStore::changed, this, &CredentialsLoader::load);
}

void CredentialsLoader::load()
{
    struct Pending
    {
        SyncCredentials credentials;
        int waiting = 0;
    };
    auto pending = std::make_shared<Pending>();
    const quint64 generation = ++m_generation;
    QPointer<CredentialsLoader> self(this);
    auto finishOne = [self, pending, generation] {
        if (--pending->waiting > 0 || !self || generation != self->m_generation)
            return;
        SyncCredentials result = pending->credentials;
        if (self->m_override) {
            result.netsuite = self->m_override->netsuite;
            for (auto it = self->m_override->channelTokens.cbegin();
                 it != self->m_override->channelTokens.cend(); ++it)
                result.channelTokens.insert(it.key(), it.value());
        }
        Q_EMIT self->loaded(result);
    };

    const QList<Connector> connectors = ConnectorRepository(m_database.connection()).all();
    pending->waiting = 5 + 2 * int(connectors.size());
    const std::pair<const char *, QString TbaCredentials::*> fields[] = {
        {"consumerKey", &TbaCredentials::consumerKey},
        {"consumerSecret", &TbaCredentials::consumerSecret},
        {"tokenId", &TbaCredentials::tokenId},
        {"tokenSecret", &TbaCredentials::tokenSecret}};
    for (const auto &[name, member] : fields) {
        m_secrets.read(
            SecretStore::netSuiteKey(name),
            [pending, finishOne, member = member](std::optional<QString> value, const QString &) {
                if (value)
                    pending->credentials.netsuite.*member = *value;
                finishOne();
            });
    }
    for (const Connector &connector : connectors) {
        const qint64 id = connector.id;
        m_secrets.read(SecretStore::channelTokenKey(id),
                       [pending, finishOne, id](std::optional<QString> value, const QString &) {
                           if (value)
                               pending->credentials.channelTokens.insert(id, *value);
                           finishOne();
                       });
        m_secrets.read(SecretStore::alertWebhookKey(id),
                       [pending, finishOne, id](std::optional<QString> value, const QString &) {
                           if (value && !value->isEmpty())
                               pending->credentials.alertWebhooks.insert(id, *value);
                           finishOne();
                       });
    }
    m_secrets.read(SecretStore::mailPasswordKey(),
                   [pending, finishOne](std::optional<QString> value, const QString &) {
                       if (value)
                           pending->credentials.mailPassword = *value;
                       finishOne();
                   });
}

} // namespace fulfillsync
