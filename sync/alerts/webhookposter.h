#pragma once

#include <QJsonObject>
#include <QObject>
#include <functional>

class QNetworkAccessManager;

namespace fulfillsync {

// Posts an alert as JSON to a webhook (Slack's incoming webhooks read its "text"). The address
// usually carries a token, so it never appears in an error message.
class WebhookPoster final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookPoster)

public:
    explicit WebhookPoster(QNetworkAccessManager &network, QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // done(error): empty when the receiver answered 2xx.
    void post(const QString &url, const QJsonObject &body,
              std::function<void(const QString &error)> done);

private:
    QNetworkAccessManager &m_network;
    int m_timeoutMs = 30000;
};

} // namespace fulfillsync
