#pragma once

// Test-side HTTP helpers for the sandbox tests: a blocking request over real loopback HTTP
// (the server runs in the same thread, so waiting spins the event loop) and a small TBA signer
// written for the tests, independent of both the sandbox's verifier and the client in sync/.

#include "sandbox/server/sandboxserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QUrlQuery>

#include <algorithm>

namespace sandboxtest {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    bool finished = false;
};

inline QByteArray rfc3986(const QString &s)
{
    return s.toUtf8().toPercentEncoding();
}

// OAuth 1.0a HMAC-SHA256 Authorization header as NetSuite expects it (apis.md §1.2).
inline QByteArray tbaHeader(const QByteArray &method, const QUrl &url, const QString &realm,
                            const QString &consumerKey, const QString &consumerSecret,
                            const QString &token, const QString &tokenSecret, const QString &nonce,
                            qint64 timestamp,
                            const QString &signatureMethod = QStringLiteral("HMAC-SHA256"))
{
    QList<QPair<QByteArray, QByteArray>> params = {
        {"oauth_consumer_key", rfc3986(consumerKey)},
        {"oauth_nonce", rfc3986(nonce)},
        {"oauth_signature_method", rfc3986(signatureMethod)},
        {"oauth_timestamp", QByteArray::number(timestamp)},
        {"oauth_token", rfc3986(token)},
        {"oauth_version", "1.0"}};
    for (const auto &item : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        params.append({rfc3986(item.first), rfc3986(item.second)});
    std::sort(params.begin(), params.end());
    QByteArray normalized;
    for (const auto &p : params)
        normalized += (normalized.isEmpty() ? "" : "&") + p.first + '=' + p.second;
    QString base = url.scheme().toLower() + QStringLiteral("://") + url.host().toLower();
    if (url.port() != -1)
        base += QLatin1Char(':') + QString::number(url.port());
    base += url.path();
    const QByteArray baseString =
        method + '&' + rfc3986(base) + '&' + rfc3986(QString::fromLatin1(normalized));
    const QByteArray key = rfc3986(consumerSecret) + '&' + rfc3986(tokenSecret);
    const QByteArray signature =
        QMessageAuthenticationCode::hash(baseString, key, QCryptographicHash::Sha256).toBase64();
    return "OAuth realm=\"" + realm.toUtf8() + "\", oauth_consumer_key=\"" + rfc3986(consumerKey) +
           "\", oauth_token=\"" + rfc3986(token) + "\", oauth_nonce=\"" + rfc3986(nonce) +
           "\", oauth_timestamp=\"" + QByteArray::number(timestamp) +
           "\", oauth_signature_method=\"" + signatureMethod.toUtf8() +
           "\", oauth_version=\"1.0\", oauth_signature=\"" +
           rfc3986(QString::fromLatin1(signature)) + "\"";
}

inline QString randomNonce()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString s;
    for (int i = 0; i < 20; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return s;
}

class Client
{
public:
    QNetworkAccessManager network;

    Reply request(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
                  const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 10000)
    {
        QNetworkRequest req(url);
        req.setTransferTimeout(timeoutMs);
        for (const auto &h : headers)
            req.setRawHeader(h.first, h.second);
        QNetworkReply *reply = network.sendCustomRequest(req, verb, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        Reply r;
        r.finished = reply->isFinished() || done.wait(timeoutMs + 2000);
        if (!r.finished)
            reply->abort();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        if (r.finished)
            r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        for (const auto &h : reply->rawHeaderPairs())
            r.headers.insert(h.first.toLower(), h.second);
        reply->deleteLater();
        return r;
    }

    Reply json(const QByteArray &verb, const QUrl &url, const QJsonObject &body,
               QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return request(verb, url, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }

    // POST .../suiteql signed with the sandbox's own credentials.
    Reply suiteQl(const fulfillsync::sandbox::SandboxServer &server, const QString &query,
                  const QString &paging = QStringLiteral("limit=1000&offset=0"),
                  QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        const auto c = server.credentials();
        QUrl url = server.netSuiteBaseUrl();
        url.setPath(QStringLiteral("/services/rest/query/v1/suiteql"));
        url.setQuery(paging);
        headers.append(qMakePair(QByteArray("Authorization"),
                                 tbaHeader("POST", url, c.accountId, c.consumerKey,
                                           c.consumerSecret, c.tokenId, c.tokenSecret,
                                           randomNonce(), QDateTime::currentSecsSinceEpoch())));
        headers.append(qMakePair(QByteArray("Prefer"), QByteArray("transient")));
        return json("POST", url, QJsonObject{{QStringLiteral("q"), query}}, headers);
    }

    // GET signed with the sandbox's NetSuite credentials. `signedUrl` is the URL the signature
    // covers, `url` by default (a test may sign one URL and send another).
    Reply netSuiteGet(const fulfillsync::sandbox::SandboxServer &server, const QUrl &url,
                      const QUrl &signedUrl = QUrl())
    {
        const auto c = server.credentials();
        const QByteArray authorization =
            tbaHeader("GET", signedUrl.isEmpty() ? url : signedUrl, c.accountId, c.consumerKey,
                      c.consumerSecret, c.tokenId, c.tokenSecret, randomNonce(),
                      QDateTime::currentSecsSinceEpoch());
        return request("GET", url, {}, {{"Authorization", authorization}});
    }

    // A JSON POST signed with the sandbox's NetSuite credentials (a record transform).
    Reply netSuitePost(const fulfillsync::sandbox::SandboxServer &server, const QUrl &url,
                       const QJsonObject &body, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        const auto c = server.credentials();
        headers.append(qMakePair(QByteArray("Authorization"),
                                 tbaHeader("POST", url, c.accountId, c.consumerKey,
                                           c.consumerSecret, c.tokenId, c.tokenSecret,
                                           randomNonce(), QDateTime::currentSecsSinceEpoch())));
        return json("POST", url, body, headers);
    }

    QJsonObject state(const fulfillsync::sandbox::SandboxServer &server)
    {
        return request("GET", server.baseUrl().resolved(QUrl(QStringLiteral("/_sandbox/state"))))
            .json;
    }
};

inline QJsonObject basicScenario()
{
    QString root = qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR");
    if (root.isEmpty())
        root = QStringLiteral(SANDBOX_TEST_SOURCE_DIR);
    QFile file(root + QStringLiteral("/sandbox/scenarios/basic.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace sandboxtest
