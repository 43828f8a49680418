#include "testutils/secretwait.h"

#include "sync/secrets/secretstore.h"

#include <QTest>

namespace fulfillsync::test {

std::optional<QString> readSecret(SecretStore &store, const QString &key)
{
    bool answered = false;
    std::optional<QString> result;
    store.read(key, [&](std::optional<QString> value, const QString &) {
        result = value;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 5000))
        qWarning("The secret store did not answer within 5 s.");
    return result;
}

} // namespace fulfillsync::test
