// The Shopify leaky-bucket pacer: a model of the bucket corrected by every response header.

#include "sync/net/httpresult.h"
#include "sync/net/leakybucketpacer.h"

#include <QTest>

using namespace fulfillsync;

namespace {
fulfillsync::HttpResult withHeader(const QByteArray &callLimit)
{
    fulfillsync::HttpResult result;
    result.status = 200;
    result.headers = {{"X-Shopify-Shop-Api-Call-Limit", callLimit}};
    return result;
}
} // namespace

class TestPacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenSteadyRate()
    {
        LeakyBucketPacer pacer(2.0, 40, 2);
        qint64 now = 0;
        int immediate = 0;
        while (pacer.delayBeforeNextMs(now) == 0) {
            pacer.noteSent(now);
            ++immediate;
        }
        QCOMPARE(immediate, 38); // the burst, keeping two calls of headroom
        // Then one request per 500 ms.
        const int wait = pacer.delayBeforeNextMs(now);
        QVERIFY2(wait > 0 && wait <= 500, qPrintable(QString::number(wait)));
        now += wait;
        QCOMPARE(pacer.delayBeforeNextMs(now), 0);
        pacer.noteSent(now);
        QVERIFY(pacer.delayBeforeNextMs(now) >= 450);
    }

    void headerCorrectsTheModelAndRevealsThePlan()
    {
        LeakyBucketPacer pacer;
        HttpResult result;
        result.status = 200;
        result.headers = {{"X-Shopify-Shop-Api-Call-Limit", "39/40"}};
        pacer.observe(result, 1000);
        QCOMPARE(pacer.estimatedUsed(1000), 39.0);
        QVERIFY(pacer.delayBeforeNextMs(1000) > 0);
        QCOMPARE(pacer.estimatedUsed(2000), 37.0); // leaked 2 in a second

        result.headers = {{"X-Shopify-Shop-Api-Call-Limit", "10/80"}};
        pacer.observe(result, 3000);
        QCOMPARE(pacer.bucketSize(), 80);
        QCOMPARE(pacer.leakPerSecond(), 4.0);
    }

    void reservationsSpaceOutRequestsInFlight()
    {
        LeakyBucketPacer pacer(2.0, 40, 2);
        pacer.observe(withHeader("38/40"), 0); // at the limit
        // Three jobs ask at the same moment: each waits half a second longer than the last.
        QCOMPARE(pacer.reserve(0), 500);
        QCOMPARE(pacer.reserve(0), 1000);
        QCOMPARE(pacer.reserve(0), 1500);
        // An answer's header cannot count the two requests still in flight: they stay counted.
        pacer.answered();
        pacer.observe(withHeader("37/40"), 1000);
        QCOMPARE(pacer.estimatedUsed(1000), 39.0);
        pacer.answered();
        pacer.answered();
        pacer.answered(); // one too many never makes the count negative
        pacer.observe(withHeader("37/40"), 2000);
        QCOMPARE(pacer.estimatedUsed(2000), 37.0);
    }

    void tooManyRequestsMeansFull()
    {
        LeakyBucketPacer pacer;
        HttpResult result;
        result.status = 429;
        result.headers = {{"X-Shopify-Shop-Api-Call-Limit", "3/40"}};
        pacer.observe(result, 0);
        QCOMPARE(pacer.estimatedUsed(0), 40.0);
        QVERIFY(pacer.delayBeforeNextMs(0) >= 1000);
    }

    // A bare 429 on a 1,000-point cost bucket waits what it says (or Shopify's 2 s), not the
    // 20 s that "full" would mean at 50 points/s; and never less than the model already had.
    void retryAfterWaitsWhatItSays()
    {
        LeakyBucketPacer pacer(50.0, 1000, 20);
        pacer.observeRetryAfter(0, 2000);
        const int delay = pacer.delayBeforeNextMs(0, 10);
        QVERIFY2(delay >= 1900 && delay <= 2300, qPrintable(QString::number(delay)));
        QCOMPARE(pacer.delayBeforeNextMs(2300, 10), 0);
        pacer.observeLevel(1000, 1000, 50.0, 0); // full: 600 ms for 10 points above headroom
        pacer.observeRetryAfter(0, 100);
        QCOMPARE(pacer.delayBeforeNextMs(0, 10), 600);
    }

    void costBucketFromThrottleStatus()
    {
        LeakyBucketPacer pacer(50.0, 1000, 20);
        pacer.observeLevel(985, 1000, 50.0, 0);      // 15 points left
        QVERIFY(pacer.delayBeforeNextMs(0, 10) > 0); // a mutation (10) would dip into the headroom
        QCOMPARE(pacer.delayBeforeNextMs(1000, 10), 0); // 50 points restored a second later
        pacer.observeLevel(0, 2000, 100.0, 0);
        QCOMPARE(pacer.bucketSize(), 2000);
        QCOMPARE(pacer.leakPerSecond(), 100.0);
    }

    void garbageHeadersAreIgnored()
    {
        LeakyBucketPacer pacer;
        HttpResult result;
        for (const char *value : {"", "abc", "5/", "/40", "5/0", "x/y"}) {
            result.headers = {{"X-Shopify-Shop-Api-Call-Limit", value}};
            pacer.observe(result, 0);
        }
        QCOMPARE(pacer.estimatedUsed(0), 0.0);
        QCOMPARE(pacer.bucketSize(), 40);
    }
};

QTEST_APPLESS_MAIN(TestPacer)
#include "tst_pacer.moc"
