#pragma once

#include <QString>
#include <optional>

namespace fulfillsync {
class SecretStore;
}

namespace fulfillsync::test {

// The store's answer for one key, waiting (up to 5 s) for its asynchronous reply.
std::optional<QString> readSecret(SecretStore &store, const QString &key);

} // namespace fulfillsync::test
