#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

namespace fulfillsync::sandbox {

// Verifies NetSuite Token-Based Authentication (OAuth 1.0a, HMAC-SHA256; apis.md §1.2) the way
// the server does, independently of the client in sync/. Every failure has a Login-Audit-Trail
// style reason; the HTTP layer answers all of them with the same 401 INVALID_LOGIN body, as
// NetSuite does, so only the trail tells them apart.
class OAuthVerifier final
{
public:
    enum class Result {
        Ok,
        MissingHeader,
        MalformedHeader,
        MissingTokenPassportRequiredFields,
        InvalidAccount,             // realm is not this account
        UnsupportedSignatureMethod, // anything but HMAC-SHA256 (SHA1 ended in 2023.1)
        UnknownConsumer,            // consumer_key_unknown
        UnknownToken,
        StaleTimestamp,
        NonceReused,
        InvalidSignature,
    };

    struct Credentials
    {
        QString accountId;
        QString consumerKey, consumerSecret, tokenId, tokenSecret;
    };

    struct AuditEntry
    {
        QDateTime time;
        QString reason;
        QString detail;
    };

    void setCredentials(const Credentials &credentials) { m_credentials = credentials; }
    void setTimestampCheck(bool enabled, int skewSeconds = 300);

    // `url` is the request URL as the client addressed it (scheme, Host header, path, query);
    // `nowSecs` the real wall clock, because the client signs with real time.
    Result verify(const QString &method, const QUrl &url, const QByteArray &authorization,
                  qint64 nowSecs, QString *detail = nullptr);

    static QString reasonName(Result result);
    static QByteArray percentEncode(const QString &text); // RFC 3986, upper-case hex
    static QByteArray baseString(const QString &method, const QUrl &url,
                                 const QList<QPair<QString, QString>> &oauthParams);
    static QByteArray sign(const QByteArray &baseString, const QString &consumerSecret,
                           const QString &tokenSecret); // base64

    const QList<AuditEntry> &auditTrail() const { return m_audit; }
    // The login just verified is refused after all, for a reason outside the signature (the
    // 401-under-load variant of the concurrency gate): its "Success" entry is replaced.
    void refuseLastLogin(const QString &reason, const QString &detail);

private:
    Result record(Result result, const QString &detail, QString *detailOut);

    Credentials m_credentials;
    bool m_checkTimestamp = true;
    int m_skewSeconds = 300;
    QHash<QString, qint64> m_nonces; // consumer|token|nonce -> timestamp, pruned by window
    QList<AuditEntry> m_audit;
};

} // namespace fulfillsync::sandbox
