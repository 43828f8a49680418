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
    QTest::qWaitFor([&] { return answered; }, 5000);
    return result;
}

} // namespace fulfillsync::test
