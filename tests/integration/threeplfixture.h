#pragma once

// What the 3PL connector's integration tests share: a database (SQLite or PostgreSQL, from the
// global data row), the sandbox with its NetSuite, Shopify store and ShipStation-style 3PL over
// loopback, the demo's Shopify connector beside a 3PL connector with its mappings, and the
// calls the tests make on them. A test class derives from it and calls setUp() in init().

#include "app/demosetup.h"
#include "models/domain/inbox.h"
#include "sandbox/server/sandboxserver.h"
#include "sync/engine/syncmessages.h"
#include "sync/threepl/threeplpass.h"
#include "testutils/tempdatabase.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <functional>
#include <memory>
#include <optional>

class ThreePlFixture : public QObject
{
public:
    explicit ThreePlFixture(QObject *parent = nullptr);
    ~ThreePlFixture() override;

protected:
    struct Answer
    {
        int status = 0;
        QJsonObject json;
    };

    // The database and the sandbox, both connectors, and a first run that sends the released
    // orders to the 3PL. Fails the current test when any of it fails.
    void setUp();
    void tearDown();

    // The sandbox.
    Answer send(const QByteArray &verb, const QString &path, const QJsonObject &body,
                const QByteArray &authorization = {});
    QJsonObject state();
    static QJsonObject item(const char *lineKey, const char *sku, double quantity);
    void ship(qint64 salesOrderId, const QString &tracking, const QJsonArray &items,
              const QString &carrier = QStringLiteral("stamps_com"),
              const QString &service = QString());
    Answer fulfilByHand(int quantity);
    void fault(const QJsonObject &fault);
    QList<QJsonObject> fulfillmentsOf(qint64 salesOrderId);
    QList<QJsonObject> channelFulfillmentsOf(qint64 channelOrderId);
    // `fields` replace the order's own (say "shipTo": null for an order without an address).
    bool addReleasedOrder(double quantity, const QJsonObject &fields = {});
    // As many as `fieldsOfEach` at once, each SO1010 with its fields (say another id).
    bool addReleasedOrders(double quantity, const QList<QJsonObject> &fieldsOfEach);
    bool threePlHasOrder(const QString &tranId);

    // The worker.
    QList<fulfillsync::SyncRunSummary> run(qint64 connectorId, qint64 replayAttemptId = 0);
    QList<fulfillsync::SyncRunSummary> run(fulfillsync::SyncRequest request);
    fulfillsync::SyncRunSummary runThreePl();
    // One 3PL pass as the worker builds it, with what `adjust` changes in its configuration.
    fulfillsync::SyncRunSummary
    runThreePlPass(const std::function<void(fulfillsync::ThreePlPass::Config &)> &adjust);
    fulfillsync::SyncRunSummary retry(const QList<qint64> &itemIds);
    qint64 addSecondThreePl();

    // What the window shows.
    QString explainThreePl(qint64 orderId);
    QList<fulfillsync::InboxItem> openInboxItems(qint64 connectorId);
    std::optional<fulfillsync::InboxItem> inboxItem(qint64 id);

    std::unique_ptr<fulfillsync::test::TempDatabase> m_temp;
    std::unique_ptr<fulfillsync::sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_network;
    fulfillsync::DemoTarget m_target;
    fulfillsync::SyncCredentials m_credentials;
    QList<fulfillsync::PlannedRequest> m_planned; // the last run's, when it was a dry run
    qint64 m_shopifyId = 0;
    qint64 m_threePlId = 0;
};
