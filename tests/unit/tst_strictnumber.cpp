// Numbers from outside read strictly: a server's NaN, inf, 1e309, hex or "-0" is no number, so
// it can never become a wait of INT_MIN ms (a timer Qt refuses, a pass that never ends), a
// negative quantity or a bucket that takes years to drain.

#include "sync/channel/shopify/shopifygraphql.h"
#include "sync/net/httpresult.h"
#include "sync/net/leakybucketpacer.h"
#include "sync/net/shipstationapi.h"
#include "sync/net/strictnumber.h"
#include "sync/net/suiteql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fulfillsync;

namespace {
HttpResult answer(int status, QList<QNetworkReply::RawHeaderPair> headers)
{
    HttpResult result;
    result.status = status;
    result.headers = std::move(headers);
    return result;
}

const QStringList kNonsense = {
    QStringLiteral("nan"),   QStringLiteral("NaN"),  QStringLiteral("-nan"),
    QStringLiteral("inf"),   QStringLiteral("-inf"), QStringLiteral("Infinity"),
    QStringLiteral("1e309"), QStringLiteral("1e3"),  QStringLiteral("0x1A"),
    QStringLiteral("+5"),    QStringLiteral("-0"),   QStringLiteral("-0.0"),
    QStringLiteral(""),      QStringLiteral(" "),    QStringLiteral("1 2"),
    QStringLiteral("5s"),    QStringLiteral("."),    QStringLiteral("1."),
    QStringLiteral("--1"),
    QStringLiteral("１２"), // full-width digits
    QString(200, u'9')};
} // namespace

class TestStrictNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainDecimalsAreNumbers()
    {
        QCOMPARE(StrictNumber::integer(QStringView(u"42"), 0, 100), std::optional<qint64>(42));
        QCOMPARE(StrictNumber::integer(QStringView(u"-7"), -10, 10), std::optional<qint64>(-7));
        QCOMPARE(StrictNumber::integer(QByteArrayView("0"), 0, 1), std::optional<qint64>(0));
        QCOMPARE(StrictNumber::decimal(QStringView(u"2.5"), 0, 10), std::optional<double>(2.5));
        QCOMPARE(StrictNumber::decimal(QStringView(u".5"), 0, 10), std::optional<double>(0.5));
        QCOMPARE(StrictNumber::decimal(QStringView(u"-1.25"), -2, 0), std::optional<double>(-1.25));
    }

    void nonsenseIsNoNumber()
    {
        for (const QString &text : kNonsense) {
            QVERIFY2(!StrictNumber::decimal(text, -1e300, 1e300), qPrintable(text));
            QVERIFY2(!StrictNumber::integer(QStringView(text), -1000000, 1000000),
                     qPrintable(text));
        }
    }

    void outOfRangeIsNoNumber()
    {
        QVERIFY(!StrictNumber::integer(QStringView(u"101"), 0, 100));
        QVERIFY(!StrictNumber::integer(QStringView(u"99999999999999999999999"), 0,
                                       std::numeric_limits<qint64>::max()));
        QVERIFY(!StrictNumber::decimal(QStringView(u"86400.5"), 0, 86400));
        QVERIFY(!StrictNumber::jsonNumber(QJsonValue(QStringLiteral("5")), 0, 10));
        QCOMPARE(StrictNumber::jsonNumber(QJsonValue(5.0), 0, 10), std::optional<double>(5));
    }

    void retryAfterIsSecondsOrADate()
    {
        QCOMPARE(answer(429, {{"Retry-After", "2"}}).retryAfterMs(), std::optional<int>(2000));
        QCOMPARE(answer(429, {{"Retry-After", " 1.5 "}}).retryAfterMs(), std::optional<int>(1500));
        const QDateTime now(QDate(2026, 12, 7), QTime(16, 0, 0), Qt::UTC);
        QCOMPARE(answer(503, {{"Retry-After", "Mon, 07 Dec 2026 16:00:30 GMT"}}).retryAfterMs(now),
                 std::optional<int>(30000));
        // A date already past: no wait beyond now.
        QCOMPARE(answer(503, {{"Retry-After", "Mon, 07 Dec 2026 15:00:00 GMT"}}).retryAfterMs(now),
                 std::optional<int>(0));
    }

    void retryAfterNonsenseIsNoWait()
    {
        for (const QString &text : kNonsense)
            QVERIFY2(!answer(429, {{"Retry-After", text.toUtf8()}}).retryAfterMs(),
                     qPrintable(text));
        QVERIFY(!answer(429, {{"Retry-After", "86401"}}).retryAfterMs());
        QVERIFY(!answer(429, {{"Retry-After", "Fri, 31 Dec 2100 23:59:59 GMT"}}).retryAfterMs());
    }

    // The hang itself: a 429 with Retry-After: nan used to give a delay of INT_MIN ms.
    void aNonsenseRetryAfterStillBacksOffBoundedly()
    {
        RetryPolicy policy;
        for (const char *value : {"nan", "inf", "-inf", "1e309", "-0", "0x10"}) {
            const RetryDecision d =
                policy.decide(answer(429, {{"Retry-After", value}}), 1, false, 0.5);
            QVERIFY2(d.retry, value);
            QVERIFY2(d.delayMs >= 0 && d.delayMs <= policy.maxDelayMs, value);
        }
    }

    void suiteQlNumbersAreStrict()
    {
        for (const QString &text : kNonsense) {
            bool ok = true;
            SuiteQlValue::number(QJsonObject{{QStringLiteral("q"), text}}, "q", &ok);
            QVERIFY2(!ok, qPrintable(text));
            ok = true;
            SuiteQlValue::integer(QJsonObject{{QStringLiteral("q"), text}}, "q", &ok);
            QVERIFY2(!ok, qPrintable(text));
        }
        bool ok = false;
        QCOMPARE(SuiteQlValue::number(QJsonObject{{QStringLiteral("q"), QStringLiteral(" 3.5")}},
                                      "q", &ok),
                 3.5);
        QVERIFY(ok);
        QCOMPARE(SuiteQlValue::integer(QJsonObject{{QStringLiteral("q"), 1e300}}, "q", &ok), 0);
        QVERIFY(!ok);
    }

    void shopifyThrottleStatusOutOfAnyPlanIsUnread()
    {
        const auto withStatus = [](double maximum, double available, double rate) {
            const QJsonObject throttle{{QStringLiteral("maximumAvailable"), maximum},
                                       {QStringLiteral("currentlyAvailable"), available},
                                       {QStringLiteral("restoreRate"), rate}};
            const QJsonObject cost{{QStringLiteral("requestedQueryCost"), 10},
                                   {QStringLiteral("throttleStatus"), throttle}};
            return QJsonDocument(QJsonObject{{QStringLiteral("extensions"),
                                              QJsonObject{{QStringLiteral("cost"), cost}}},
                                             {QStringLiteral("errors"),
                                              QJsonArray{QJsonObject{
                                                  {QStringLiteral("extensions"),
                                                   QJsonObject{{QStringLiteral("code"),
                                                                QStringLiteral("THROTTLED")}}}}}}})
                .toJson();
        };
        QVERIFY(ShopifyGraphQl::throttleStatus(withStatus(1000, 500, 50)));
        QVERIFY(!ShopifyGraphQl::throttleStatus(withStatus(1e300, 0, 1e-300)));
        QVERIFY(!ShopifyGraphQl::throttleStatus(withStatus(1000, 0, 0.0001)));
        // The wait a damaged bucket reading gives stays a wait a person would accept.
        const std::optional<int> wait =
            ShopifyGraphQl::throttledWaitMs(withStatus(1e300, 0, 1e-300));
        QVERIFY(wait && *wait > 0 && *wait <= 60 * 1000);
    }

    void shipStationWindowHeadersAreStrict()
    {
        for (const QByteArray &reset :
             {QByteArray("nan"), QByteArray("-5"), QByteArray("1e9"), QByteArray("99999999999")}) {
            LeakyBucketPacer pacer = ShipStationApi::makePacer();
            ShipStationApi::observeRateLimit(pacer,
                                             answer(429, {{"X-Rate-Limit-Limit", "40"},
                                                          {"X-Rate-Limit-Remaining", "0"},
                                                          {"X-Rate-Limit-Reset", reset}}),
                                             0);
            const int wait = pacer.delayBeforeNextMs(0);
            QVERIFY2(wait >= 0 && wait <= 3600 * 1000, reset.constData());
        }
    }

    void aBucketToldNonsenseStillAnswersWithinAnHour()
    {
        LeakyBucketPacer pacer(2.0, 40, 2);
        pacer.observeLevel(1e12, 2000000000, 1e-12, 0);
        const int wait = pacer.delayBeforeNextMs(0);
        QVERIFY(wait > 0 && wait <= 3600 * 1000);
    }

    void serverClockFromDate()
    {
        HttpResult result = answer(200, {{"Date", "Mon, 07 Dec 2026 16:00:30 GMT"}});
        result.elapsedMs = 1500;
        QCOMPARE(result.serverStartedBy(),
                 QDateTime(QDate(2026, 12, 7), QTime(16, 0, 28, 500), Qt::UTC));
        QVERIFY(!answer(200, {{"Date", "nan"}}).serverStartedBy().isValid());
        QVERIFY(!answer(200, {}).serverStartedBy().isValid());
    }
};

QTEST_GUILESS_MAIN(TestStrictNumber)
#include "tst_strictnumber.moc"
