#include "sync/alerts/webhookposter.h"

#include <QJsonDocument>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace fulfillsync {

WebhookPoster::WebhookPoster(QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

void WebhookPoster::post(const QString &url, const QJsonObject &body,
                         std::function<void(const QString &)> done)
{
    const QUrl target(url);
    if (!target.isValid() || (target.scheme() != u"https" && target.scheme() != u"http")) {
        done(tr("The webhook address is not an http(s) URL."));
        return;
    }
    QNetworkRequest request(target);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply =
        m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300)
            return done({});
        if (status != 0)
            return done(tr("The webhook answered HTTP %1.").arg(status));
        // errorString() would repeat the address, and with it its token.
        const char *name =
            QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(reply->error());
        done(tr("The webhook could not be reached (%1).")
                 .arg(QString::fromLatin1(name ? name : "unknown error")));
    });
}

} // namespace fulfillsync
