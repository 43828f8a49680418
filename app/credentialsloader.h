#pragma once

#include "sync/engine/syncmessages.h"

#include <QObject>
#include <optional>

namespace fulfillsync {

class Database;
class SecretStore;

// Builds the sync's credentials from the secret store: the NetSuite token-based-auth values and
// every connector's access token. Asynchronous (the keychain is); reads again whenever the
// store reports a change, and emits loaded() with the complete set each time.
class CredentialsLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialsLoader)

public:
    CredentialsLoader(Database &database, SecretStore &secrets, QObject *parent = nullptr);

    // Demo mode: these win over what the store holds (the sandbox has its own keys).
    void setOverride(const SyncCredentials &credentials) { m_override = credentials; }
    void load();

Q_SIGNALS:
    void loaded(const fulfillsync::SyncCredentials &credentials);

private:
    Database &m_database;
    SecretStore &m_secrets;
    std::optional<SyncCredentials> m_override;
    quint64 m_generation = 0; // a newer load makes older answers stale
};

} // namespace fulfillsync
