// NetSuite error bodies → classes and plain words; the retry decision table.

#include "sync/net/httpresult.h"
#include "sync/net/netsuiteerror.h"

#include <QTest>

using namespace fulfillsync;

Q_DECLARE_METATYPE(fulfillsync::ErrorClass)

class TestNetSuiteErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorClass>("expected");
        QTest::newRow("401 invalid login")
            << 401
            << QByteArray(
                   R"({"type":"x","title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt.","o:errorCode":"INVALID_LOGIN"}]})")
            << ErrorClass::Auth;
        QTest::newRow("429 concurrency")
            << 429
            << QByteArray(
                   R"({"o:errorDetails":[{"detail":"busy","o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"}]})")
            << ErrorClass::RateLimit;
        QTest::newRow("400 with concurrency code")
            << 400
            << QByteArray(
                   R"({"o:errorDetails":[{"detail":"x","o:errorCode":"SSS_REQUEST_LIMIT_EXCEEDED"}]})")
            << ErrorClass::RateLimit;
        QTest::newRow("403 permission") << 403 << QByteArray("{}") << ErrorClass::Permission;
        QTest::newRow("400 bad query")
            << 400
            << QByteArray(
                   R"({"o:errorDetails":[{"detail":"Invalid search query.","o:errorCode":"INVALID_PARAMETER","o:errorPath":"q"}]})")
            << ErrorClass::Validation;
        QTest::newRow("503 html page")
            << 503 << QByteArray("<html><body>Maintenance</body></html>") << ErrorClass::Server;
        QTest::newRow("no answer") << 0 << QByteArray() << ErrorClass::Transient;
    }
    void classes()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(ErrorClass, expected);
        HttpResult result;
        result.status = status;
        result.body = body;
        const NetSuiteError error = NetSuiteError::fromResult(result);
        QCOMPARE(error.errorClass, expected);
        QVERIFY(!error.message.isEmpty());
    }

    void detailAndPathAreKept()
    {
        HttpResult result;
        result.status = 400;
        result.body =
            R"({"o:errorDetails":[{"detail":"Invalid Field Value 9999","o:errorCode":"INVALID_CONTENT","o:errorPath":"item.items[0].item"}]})";
        const NetSuiteError error = NetSuiteError::fromResult(result);
        QCOMPARE(error.code, QStringLiteral("INVALID_CONTENT"));
        QCOMPARE(error.path, QStringLiteral("item.items[0].item"));
        QVERIFY(error.message.contains(QStringLiteral("Invalid Field Value 9999")));
    }

    void retryDecisions_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<bool>("idempotent");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<bool>("retry");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("429 honours Retry-After")
            << 429 << QByteArray("2.0") << false << false << 1 << true << 2000;
        QTest::newRow("429 without header backs off")
            << 429 << QByteArray() << false << false << 2 << true << -1;
        QTest::newRow("503 read retried")
            << 503 << QByteArray() << false << true << 1 << true << -1;
        QTest::newRow("503 write not retried")
            << 503 << QByteArray() << false << false << 1 << false << 0;
        QTest::newRow("timeout read retried")
            << 0 << QByteArray() << true << true << 1 << true << -1;
        QTest::newRow("timeout write not retried")
            << 0 << QByteArray() << true << false << 1 << false << 0;
        QTest::newRow("400 never") << 400 << QByteArray() << false << true << 1 << false << 0;
        QTest::newRow("503 gives up at the limit")
            << 503 << QByteArray() << false << true << 5 << false << 0;
        QTest::newRow("429 gives up at its own limit")
            << 429 << QByteArray() << false << true << 20 << false << 0;
    }
    void retryDecisions()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, retryAfter);
        QFETCH(bool, timedOut);
        QFETCH(bool, idempotent);
        QFETCH(int, attempt);
        QFETCH(bool, retry);
        QFETCH(int, delayMs);
        HttpResult result;
        result.status = status;
        result.timedOut = timedOut;
        if (!retryAfter.isEmpty())
            result.headers.append({"Retry-After", retryAfter});
        RetryPolicy policy;
        const RetryDecision low = policy.decide(result, attempt, idempotent, 0.0);
        const RetryDecision high = policy.decide(result, attempt, idempotent, 0.999);
        QCOMPARE(low.retry, retry);
        if (delayMs >= 0 && retry)
            QCOMPARE(low.delayMs, delayMs);
        if (delayMs < 0) { // jittered: within [ceiling/2, ceiling)
            const int ceiling =
                std::min(policy.maxDelayMs, policy.baseDelayMs * (1 << (attempt - 1)));
            QCOMPARE(low.delayMs, ceiling / 2);
            QVERIFY(high.delayMs > low.delayMs && high.delayMs <= ceiling);
        }
    }

    void unauthorizedIsBusyOnlyAfterTheCredentialsWorked()
    {
        HttpResult result;
        result.status = 401;
        RetryPolicy policy;
        QVERIFY(!policy.decide(result, 1, true, 0.5).retry); // wrong credentials: do not hammer
        policy.unauthorizedMeansBusy = true;
        QVERIFY(policy.decide(result, 1, true, 0.5).retry);
        QVERIFY(policy.decide(result, 1, false, 0.5).retry); // never reached the application
    }

    // Only an answer that proves nothing ran is a "no"; a 4xx or 5xx after a commit is not.
    void onlyTooManyRequestsProvesNothingRan_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("proves");
        QTest::newRow("429") << 429 << true;
        for (int status : {0, 400, 401, 403, 404, 422, 500, 502, 503, 504, 599})
            QTest::newRow(qPrintable(QString::number(status))) << status << false;
    }
    void onlyTooManyRequestsProvesNothingRan()
    {
        QFETCH(int, status);
        QFETCH(bool, proves);
        HttpResult r;
        r.status = status;
        QCOMPARE(r.provesNotExecuted(), proves);
    }

    void throttledAnswersMayBeRepeatedMoreOftenThanFailures()
    {
        RetryPolicy policy;
        HttpResult limited;
        limited.status = 429;
        HttpResult failed;
        failed.status = 503;
        QVERIFY(policy.decide(limited, policy.maxAttempts + 3, false, 0.5).retry);
        QVERIFY(!policy.decide(limited, policy.maxThrottledAttempts, false, 0.5).retry);
        QVERIFY(!policy.decide(failed, policy.maxAttempts, true, 0.5).retry);
        QVERIFY(!policy.decide(failed, 1, false, 0.5).retry); // a create is never repeated
    }
};

QTEST_APPLESS_MAIN(TestNetSuiteErrors)
#include "tst_netsuiteerrors.moc"
