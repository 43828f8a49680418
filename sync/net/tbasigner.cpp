#include "sync/net/tbasigner.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <algorithm>

namespace fulfillsync {

QByteArray TbaSigner::percentEncode(const QByteArray &value)
{
    // RFC 3986 unreserved characters stay, everything else is %XX with upper-case hex.
    return value.toPercentEncoding();
}

QByteArray TbaSigner::baseString(const QByteArray &httpMethod, const QUrl &url,
                                 const Params &oauthParams, const Params &extraParams)
{
    Params all = oauthParams + extraParams;
    const QUrlQuery query(url);
    for (const auto &item : query.queryItems(QUrl::FullyDecoded))
        all.append({item.first.toUtf8(), item.second.toUtf8()});

    QList<QPair<QByteArray, QByteArray>> encoded;
    encoded.reserve(all.size());
    for (const auto &[name, value] : all) {
        if (name == "oauth_signature" || name == "realm")
            continue;
        encoded.append({percentEncode(name), percentEncode(value)});
    }
    std::sort(encoded.begin(), encoded.end());
    QByteArray normalized;
    for (const auto &[name, value] : encoded) {
        if (!normalized.isEmpty())
            normalized += '&';
        normalized += name + '=' + value;
    }

    QUrl base = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    base.setScheme(base.scheme().toLower());
    base.setHost(base.host().toLower());
    const bool defaultPort = (base.scheme() == u"http" && base.port() == 80) ||
                             (base.scheme() == u"https" && base.port() == 443);
    if (defaultPort)
        base.setPort(-1);
    return httpMethod.toUpper() + '&' + percentEncode(base.toEncoded()) + '&' +
           percentEncode(normalized);
}

QByteArray TbaSigner::sign(const QByteArray &baseString, const QString &consumerSecret,
                           const QString &tokenSecret, Method method)
{
    const QByteArray key =
        percentEncode(consumerSecret.toUtf8()) + '&' + percentEncode(tokenSecret.toUtf8());
    const auto algorithm =
        method == Method::HmacSha256 ? QCryptographicHash::Sha256 : QCryptographicHash::Sha1;
    return QMessageAuthenticationCode::hash(baseString, key, algorithm).toBase64();
}

QByteArray TbaSigner::authorizationHeader(const QByteArray &httpMethod, const QUrl &url,
                                          const QString &realm, const TbaCredentials &credentials,
                                          const QByteArray &nonce, qint64 timestamp)
{
    const Params oauth = {
        {"oauth_consumer_key", credentials.consumerKey.toUtf8()},
        {"oauth_nonce", nonce},
        {"oauth_signature_method", "HMAC-SHA256"},
        {"oauth_timestamp", QByteArray::number(timestamp)},
        {"oauth_token", credentials.tokenId.toUtf8()},
        {"oauth_version", "1.0"},
    };
    const QByteArray signature = sign(baseString(httpMethod, url, oauth),
                                      credentials.consumerSecret, credentials.tokenSecret);
    QByteArray header = "OAuth realm=\"" + realm.toUtf8() + '"';
    for (const auto &[name, value] : oauth)
        header += ", " + name + "=\"" + percentEncode(value) + '"';
    header += ", oauth_signature=\"" + percentEncode(signature) + '"';
    return header;
}

QByteArray TbaSigner::newNonce()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray nonce(20, Qt::Uninitialized);
    for (char &c : nonce)
        c = alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))];
    return nonce;
}

QString NetSuiteAccountId::realmOf(const QString &accountId)
{
    return accountId.trimmed().toUpper().replace(u'-', u'_');
}

QString NetSuiteAccountId::hostLabelOf(const QString &accountId)
{
    return accountId.trimmed().toLower().replace(u'_', u'-');
}

QUrl NetSuiteAccountId::defaultRestBaseUrl(const QString &accountId)
{
    return QUrl(
        QStringLiteral("https://%1.suitetalk.api.netsuite.com").arg(hostLabelOf(accountId)));
}

} // namespace fulfillsync
