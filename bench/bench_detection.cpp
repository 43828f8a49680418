// NetSuite requests needed to detect shipped fulfillments, ours (batched SuiteQL with keyset
// windows) against a naive record-by-record detector (list changed ids, then GET each
// fulfillment and its sales order with expandSubResources), and our detection time for
// ~10,000 and ~100,000 changed fulfillments.
//   bench_detection [orders...]     default: 8000 80000

#include "bench/benchsupport.h"
#include "sync/engine/detectionqueries.h"
#include "sync/net/httpcall.h"
#include "sync/net/netsuiterecords.h"
#include "sync/net/suiteql.h"
#include "sync/net/suiteqlquery.h"
#include "testutils/scenariobuilder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <cstdio>

using namespace fulfillsync;

namespace {

struct NaiveResult
{
    int fulfillments = 0;
    int requests = 0;
    int failures = 0;
    qint64 ms = 0;
};

// The way many integrations detect changes: ids first, then one record at a time.
NaiveResult naiveDetect(const NetSuiteEndpoint &endpoint, int sample)
{
    NaiveResult result;
    QNetworkAccessManager network;
    QElapsedTimer clock;
    clock.start();
    QList<qint64> ids;
    {
        SuiteQlQuery query(
            network, endpoint,
            QStringLiteral("SELECT id FROM transaction WHERE type = 'ItemShip' AND "
                           "lastmodifieddate >= ") +
                SuiteQl::timestampLiteral(QDateTime::fromSecsSinceEpoch(0, Qt::UTC)) +
                QStringLiteral(" ORDER BY id"));
        QEventLoop loop;
        QObject::connect(&query, &SuiteQlQuery::pageReceived, [&](const QList<QJsonObject> &rows) {
            for (const QJsonObject &row : rows)
                if (ids.size() < sample)
                    ids << SuiteQlValue::integer(row, "id");
            if (ids.size() >= sample)
                query.abort();
        });
        QObject::connect(&query, &SuiteQlQuery::finished, &loop, &QEventLoop::quit);
        query.start();
        loop.exec();
        result.requests += query.requestsSent();
    }
    auto get = [&](const QString &type, qint64 id) {
        HttpCall *call = NetSuiteRecords::get(network, endpoint, type, id, true, nullptr);
        QJsonObject record;
        QEventLoop loop;
        QObject::connect(call, &HttpCall::finished, &loop, [&](const HttpResult &r) {
            result.requests += r.attempts;
            if (r.isSuccess())
                record = QJsonDocument::fromJson(r.body).object();
            else
                ++result.failures;
            loop.quit();
        });
        call->start();
        loop.exec();
        delete call;
        return record;
    };
    for (qint64 id : std::as_const(ids)) {
        QString problem;
        const auto fulfillment = NetSuiteRecords::fulfillmentFromRecord(
            get(QStringLiteral("itemFulfillment"), id), &problem);
        if (!fulfillment)
            continue;
        get(QStringLiteral("salesOrder"), fulfillment->orderId);
        ++result.fulfillments;
    }
    result.ms = clock.elapsed();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QString::fromLocal8Bit(argv[i]).toInt();
    if (sizes.isEmpty())
        sizes = {8000, 80000};
    bool baselineDone = false;
    for (int orders : sizes) {
        int expected = 0;
        const QJsonObject scenario =
            test::shippedOrdersScenario(orders, QStringLiteral("unlimited"), &expected);
        bench::SandboxProcess sandbox;
        bench::BenchDatabase db;
        QString error;
        if (!sandbox.start(scenario, &error) || !db.open(scenario, sandbox.baseUrl(), &error)) {
            std::printf("detection %d: cannot start: %s\n", orders, qPrintable(error));
            continue;
        }
        const bench::PassResult ours =
            db.runPass([](SyncPass::Config &config) { config.detectOnly = true; });
        const double perThousand =
            1000.0 * ours.summary.netSuiteRequests / std::max(1, ours.summary.detectedFulfillments);
        std::printf(
            "ours: %d changed fulfillments detected in %.2f s with %d NetSuite requests = %.2f "
            "requests per 1,000 fulfillments%s\n",
            ours.summary.detectedFulfillments, ours.wallMs / 1000.0, ours.summary.netSuiteRequests,
            perThousand,
            ours.summary.error.isEmpty()
                ? ""
                : qPrintable(QStringLiteral(" (error: ") + ours.summary.error + u')'));
        std::fflush(stdout);
        if (!baselineDone) {
            baselineDone = true;
            NetSuiteEndpoint endpoint;
            endpoint.accountId = db.target().accountId;
            endpoint.baseUrl = db.target().netSuiteUrl;
            endpoint.credentials = db.target().netsuite;
            const NaiveResult naive = naiveDetect(endpoint, 1000);
            if (naive.fulfillments == 0) {
                std::printf("naive record-by-record: not measured, the Record API did not answer "
                            "(%d of %d requests failed)\n",
                            naive.failures, naive.requests);
                std::fflush(stdout);
                continue;
            }
            const double naivePerThousand =
                1000.0 * naive.requests / std::max(1, naive.fulfillments);
            std::printf(
                "naive record-by-record: %d fulfillments with %d requests (%d failed) in %.2f s = "
                "%.0f requests per 1,000 fulfillments; ours needs %.0fx fewer\n",
                naive.fulfillments, naive.requests, naive.failures, naive.ms / 1000.0,
                naivePerThousand, naivePerThousand / std::max(perThousand, 0.001));
            std::fflush(stdout);
        }
    }
    return 0;
}
