#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace fulfillsync {

struct TbaCredentials
{
    QString consumerKey;
    QString consumerSecret;
    QString tokenId;
    QString tokenSecret;
    bool isComplete() const
    {
        return !consumerKey.isEmpty() && !consumerSecret.isEmpty() && !tokenId.isEmpty() &&
               !tokenSecret.isEmpty();
    }
};

// OAuth 1.0a signing as NetSuite's token-based authentication wants it (apis.md §1.2):
// query parameters are signed, JSON bodies are not, RFC 3986 encoding, HMAC-SHA256.
// The generic pieces (encoding, base string, HMAC-SHA1) are public so the RFC 5849 vectors can
// test them directly.
class TbaSigner final
{
public:
    using Params = QList<QPair<QByteArray, QByteArray>>; // decoded names and values

    enum class Method { HmacSha256, HmacSha1 };

    static QByteArray percentEncode(const QByteArray &value);
    // METHOD&enc(base URI)&enc(normalized params); extraParams are form-body parameters (the
    // RFC examples), never a JSON body.
    static QByteArray baseString(const QByteArray &httpMethod, const QUrl &url,
                                 const Params &oauthParams, const Params &extraParams = {});
    static QByteArray sign(const QByteArray &baseString, const QString &consumerSecret,
                           const QString &tokenSecret, Method method = Method::HmacSha256);

    // The complete Authorization header value for one request.
    static QByteArray authorizationHeader(const QByteArray &httpMethod, const QUrl &url,
                                          const QString &realm, const TbaCredentials &credentials,
                                          const QByteArray &nonce, qint64 timestamp);
    // 20 random alphanumerics, as Oracle's examples use.
    static QByteArray newNonce();
};

// NetSuite account ids: the realm is upper case with '_' ("1234567_SB1"), host names use lower
// case with '-' ("1234567-sb1.suitetalk.api.netsuite.com").
namespace NetSuiteAccountId {
QString realmOf(const QString &accountId);
QString hostLabelOf(const QString &accountId);
QUrl defaultRestBaseUrl(const QString &accountId); // https://<label>.suitetalk.api.netsuite.com
} // namespace NetSuiteAccountId

} // namespace fulfillsync
