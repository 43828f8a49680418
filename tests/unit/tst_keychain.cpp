// The real OS keychain (gnome-keyring on a private session bus, see scripts/with-keyring.sh),
// and the plain fallback when no keychain answers.

#include "sync/secrets/keychainsecretstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;

namespace {
struct ReadResult
{
    bool done = false;
    std::optional<QString> value;
    QString error;
};
} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

    static bool expectKeychain() { return qEnvironmentVariable("FULFILLSYNC_KEYCHAIN") == u"real"; }

    ReadResult read(SecretStore &store, const QString &key)
    {
        ReadResult result;
        store.read(key, [&](std::optional<QString> value, QString error) {
            result = {true, value, error};
        });
        if (!QTest::qWaitFor([&] { return result.done; }, 10000))
            qWarning("The keychain did not answer within 10 s."); // result.done stays false
        return result;
    }

    bool write(SecretStore &store, const QString &key, const QString &value)
    {
        bool done = false;
        bool ok = false;
        store.write(key, value, [&](bool success, QString) {
            done = true;
            ok = success;
        });
        return QTest::qWaitFor([&] { return done; }, 10000) && ok;
    }

private Q_SLOTS:
    void writeReadRemove()
    {
        KeychainSecretStore store(QStringLiteral("fulfillsync-test"));
        QSignalSpy unavailable(&store, &KeychainSecretStore::keychainUnavailable);
        QSignalSpy changed(&store, &SecretStore::changed);
        const QString key = SecretStore::channelTokenKey(42);
        QVERIFY(write(store, key, QStringLiteral("shpat_test_value")));
        // Whoever built credentials from the store hears of the change (keychain or fallback).
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toString(), key);
        QCOMPARE(read(store, key).value.value_or(QString()), QStringLiteral("shpat_test_value"));
        if (expectKeychain()) {
            QVERIFY2(store.isPersistent(), qPrintable(store.keychainError()));
            QCOMPARE(unavailable.count(), 0);
            // A second store (a later run) finds it: it really is in the keychain.
            KeychainSecretStore later(QStringLiteral("fulfillsync-test"));
            QCOMPARE(read(later, key).value.value_or(QString()),
                     QStringLiteral("shpat_test_value"));
        } else {
            // No keychain: a plain warning, and the secret kept for this run only.
            QVERIFY(!store.isPersistent());
            QCOMPARE(unavailable.count(), 1);
            QVERIFY(
                unavailable.first().first().toString().contains(QStringLiteral("this run only")));
        }
        bool removed = false;
        store.remove(key, [&](bool, QString) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 10000);
        QCOMPARE(changed.count(), 2);
        QVERIFY(!read(store, key).value.has_value());
    }

    void memoryStoreAnswersAsynchronously()
    {
        MemorySecretStore store;
        bool answered = false;
        store.read(QStringLiteral("nope"), [&](std::optional<QString> value, QString) {
            answered = true;
            QVERIFY(!value);
        });
        QVERIFY(!answered); // never inside the call
        QTRY_VERIFY(answered);
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
