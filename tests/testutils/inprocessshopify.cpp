#include "testutils/inprocessshopify.h"

namespace fulfillsync::test {

namespace {
const QDateTime kNow(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

sandbox::HttpRequest toSandbox(const FakeRequest &r)
{
    sandbox::HttpRequest request;
    request.method = QString::fromLatin1(r.verb);
    request.url = r.url;
    request.path = r.url.path();
    request.query = QUrlQuery(r.url);
    for (const auto &[name, value] : r.headers)
        request.headers.insert(name.toLower(), value);
    request.body = r.body;
    return request;
}
} // namespace

InProcessShopify::InProcessShopify(const QList<sandbox::ChannelOrder> &orders, const QString &plan,
                                   const QString &shop)
    : m_shopName(shop)
{
    sandbox::Channel channel;
    channel.kind = QStringLiteral("shopify");
    channel.name = QStringLiteral("main-store");
    channel.shop = shop;
    channel.accessToken = accessToken();
    channel.channel = QStringLiteral("Shopify");
    channel.plan = plan;
    channel.locations = {{7001, QStringLiteral("Main Warehouse")},
                         {7002, QStringLiteral("East Coast 3PL")}};
    channel.orders = orders;
    m_store = std::make_unique<sandbox::ShopifyStore>(QList<sandbox::Channel>{channel}, kNow);
    m_service.setStore(m_store.get());
}

InProcessShopify::~InProcessShopify() = default;

QUrl InProcessShopify::baseUrl(const QString &shop)
{
    return QUrl(QStringLiteral("http://shop.test/shopify/") + shop);
}

QString InProcessShopify::accessToken()
{
    return QStringLiteral("shpat_secret");
}

void InProcessShopify::mount(FakeNetworkAccessManager &network)
{
    const QString path = QStringLiteral("^/shopify/%1/").arg(m_shopName);
    network.route("POST", path, [this](const FakeRequest &r) { return serve(r); });
    network.route("GET", path, [this](const FakeRequest &r) { return serve(r); });
}

FakeResponse InProcessShopify::serve(const FakeRequest &request)
{
    const sandbox::HttpRequest r = toSandbox(request);
    const auto normal = [this, r] {
        m_clockMs += 10;
        const sandbox::HttpReply reply = m_service.handle(r, m_clockMs, kNow);
        FakeResponse response{reply.status, reply.body, {}};
        for (const auto &header : reply.headers)
            response.headers.append(header);
        return response;
    };
    if (m_interceptor)
        return m_interceptor(request, sandbox::ShopifyService::endpointOf(r), normal);
    return normal();
}

sandbox::ShopifyStore::Shop &InProcessShopify::shop()
{
    return *m_store->shop(m_shopName);
}

QList<sandbox::ShopifyStore::Fulfillment> InProcessShopify::fulfillments(qint64 orderId)
{
    const sandbox::ShopifyStore::Order *order = m_store->order(shop(), orderId);
    return order ? order->fulfillments : QList<sandbox::ShopifyStore::Fulfillment>{};
}

int InProcessShopify::fulfillmentCount()
{
    int count = 0;
    for (const sandbox::ShopifyStore::Order &order : shop().orders)
        count += int(order.fulfillments.size());
    return count;
}

} // namespace fulfillsync::test
