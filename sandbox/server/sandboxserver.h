#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

QT_BEGIN_NAMESPACE
class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTimer;
QT_END_NAMESPACE

namespace fulfillsync::sandbox {

class FaultInjector;
class LiveWarehouse;
class NetSuiteService;
class NetSuiteStore;
class RequestStats;
class SandboxClock;
class ShipStationService;
class ShopifyService;
class ShopifyStore;
struct HttpReply;
struct HttpRequest;
struct Scenario;

// What a client needs to talk to this sandbox (demo/test wiring).
struct SandboxCredentials
{
    QString accountId; // e.g. "1234567_SB1"
    QString consumerKey, consumerSecret, tokenId, tokenSecret;
    struct Shop
    {
        QString name;
        QString shop;
        QString accessToken;
        QString channel; // the custbody_fa_channel value of its orders, e.g. "Shopify"
    };
    QList<Shop> shops;
    // NetSuite's items (internal id, name): the demo's channels use the names as SKUs.
    QList<QPair<qint64, QString>> items;
    QString threePlKey, threePlSecret; // the ShipStation-style 3PL's Basic auth
};

// A local stand-in for NetSuite and Shopify speaking their REST protocols over real HTTP on
// 127.0.0.1 (demo mode, test peer, benchmark target). Everything lives in this object and is
// used from the thread it lives in; several instances can run side by side.
//
//   /services/rest/...                     NetSuite (TBA, SuiteQL, Record API reads)
//   /shopify/{shop}/admin/api/{version}/...  Shopify Admin API (REST + GraphQL)
//   /shipstation/...                       a ShipStation-style 3PL (orders, shipments)
//   /_sandbox/...                          control endpoints (scenario-format.md)
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    bool loadScenario(const QJsonObject &scenario, QString *error); // validates fully first
    bool loadScenarioFile(const QString &path, QString *error);     // parse errors name line
    // Generated, reproducible. storePlan: the shops' plan instead of the demo's Plus.
    void loadDemo(int orderCount, quint32 seed, const QString &storePlan = {});

    quint16 listen(quint16 port = 0);               // 127.0.0.1 only; the bound port, 0 on failure
    QUrl baseUrl() const;                           // http://127.0.0.1:PORT
    QUrl netSuiteBaseUrl() const;                   // same as baseUrl()
    QUrl shopifyBaseUrl(const QString &shop) const; // baseUrl() + "/shopify/" + shop
    QUrl threePlBaseUrl() const;                    // baseUrl() + "/shipstation"

    SandboxCredentials credentials() const;
    QJsonObject state() const; // same as GET /_sandbox/state

    // Live demo: every interval a few not yet fully shipped sales orders ship, or a picked
    // fulfillment does (LiveWarehouse), through the same code as the fulfillment control
    // endpoints. The same seed on the same data gives the same fulfillments. Restarts when
    // called again; keeps running across scenario loads.
    void startLive(int intervalSeconds, quint32 seed);
    void startLive(std::chrono::milliseconds interval, quint32 seed);
    // Only the 3PL's warehouse at work: it ships one of its orders every interval (the app's
    // demo, where NetSuite's own warehouse stays still).
    void startThreePlWarehouse(std::chrono::milliseconds interval);
    void stopLive();
    bool isLive() const;

Q_SIGNALS:
    // After each live interval; `changes` = fulfillments added or shipped in it.
    void liveTicked(int changes);

private:
    void install(Scenario scenario);
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    HttpReply serve(const HttpRequest &request, const QString &endpoint, bool netsuite,
                    bool *holdsSlot);
    HttpReply faultReply(int status, const QJsonValue &body, bool netsuite) const;
    HttpReply handleControl(const HttpRequest &request);
    HttpReply controlFulfillments(const HttpRequest &request);
    HttpReply controlClock(const HttpRequest &request);
    HttpReply controlFaults(const HttpRequest &request);
    HttpReply controlSettings(const HttpRequest &request);
    HttpReply createFulfillment(const QJsonObject &body);
    HttpReply patchFulfillment(qint64 id, const QJsonObject &patch);
    void liveTick();

    QHttpServer *m_http = nullptr;
    quint16 m_port = 0;
    std::unique_ptr<SandboxClock> m_clock;
    std::unique_ptr<NetSuiteStore> m_netsuiteStore;
    std::unique_ptr<ShopifyStore> m_shopifyStore;
    std::unique_ptr<NetSuiteService> m_netsuite;
    std::unique_ptr<ShopifyService> m_shopify;
    std::unique_ptr<ShipStationService> m_shipstation;
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<RequestStats> m_stats;
    std::vector<std::shared_ptr<QHttpServerResponder>> m_hung; // kept open, never answered
    QTimer *m_liveTimer = nullptr;
    QTimer *m_threePlTimer = nullptr;
    std::unique_ptr<LiveWarehouse> m_live;
    struct LiveStats
    {
        int ticks = 0, changes = 0, rejected = 0;
    } m_liveStats;
};

} // namespace fulfillsync::sandbox
