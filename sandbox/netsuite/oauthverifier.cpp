#include "sandbox/netsuite/oauthverifier.h"

#include <QMessageAuthenticationCode>

#include <algorithm>
#include <cstdlib>

namespace fulfillsync::sandbox {

namespace {

constexpr int kAuditLimit = 500;

QString decode(const QByteArray &encoded, bool plusIsSpace)
{
    QByteArray bytes = encoded;
    if (plusIsSpace)
        bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

// Authorization: OAuth realm="…", oauth_consumer_key="…", … (values percent-encoded).
bool parseHeader(const QByteArray &header, QList<QPair<QString, QString>> *params)
{
    const QByteArray trimmed = header.trimmed();
    if (!trimmed.startsWith("OAuth ") && !trimmed.startsWith("oauth "))
        return false;
    int i = 6;
    const int n = int(trimmed.size());
    while (i < n) {
        while (i < n && (trimmed[i] == ' ' || trimmed[i] == ',' || trimmed[i] == '\t'))
            ++i;
        if (i >= n)
            break;
        const int eq = int(trimmed.indexOf('=', i));
        if (eq < 0)
            return false;
        const QByteArray name = trimmed.mid(i, eq - i).trimmed();
        i = eq + 1;
        QByteArray value;
        if (i < n && trimmed[i] == '"') {
            const int end = int(trimmed.indexOf('"', i + 1));
            if (end < 0)
                return false;
            value = trimmed.mid(i + 1, end - i - 1);
            i = end + 1;
        } else {
            const int end = int(trimmed.indexOf(',', i));
            value = trimmed.mid(i, (end < 0 ? n : end) - i).trimmed();
            i = end < 0 ? n : end;
        }
        if (name.isEmpty())
            return false;
        params->append({QString::fromUtf8(name), decode(value, false)});
    }
    return true;
}

} // namespace

void OAuthVerifier::setTimestampCheck(bool enabled, int skewSeconds)
{
    m_checkTimestamp = enabled;
    m_skewSeconds = std::max(1, skewSeconds);
}

QByteArray OAuthVerifier::percentEncode(const QString &text)
{
    // QByteArray::toPercentEncoding keeps exactly RFC 3986's unreserved set and writes
    // upper-case hex, which is what RFC 5849 §3.6 requires.
    return text.toUtf8().toPercentEncoding();
}

QByteArray OAuthVerifier::baseString(const QString &method, const QUrl &url,
                                     const QList<QPair<QString, QString>> &oauthParams)
{
    const QString scheme = url.scheme().toLower();
    QString authority = url.host().toLower();
    const int port = url.port();
    if (port != -1 && !((scheme == QLatin1String("http") && port == 80) ||
                        (scheme == QLatin1String("https") && port == 443)))
        authority += QLatin1Char(':') + QString::number(port);
    QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty())
        path = QStringLiteral("/");
    const QByteArray baseUri = scheme.toUtf8() + "://" + authority.toUtf8() + path.toUtf8();

    QList<QPair<QByteArray, QByteArray>> encoded;
    const QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const int eq = int(pair.indexOf('='));
        const QString name = decode(eq < 0 ? pair : pair.left(eq), true);
        const QString value = eq < 0 ? QString() : decode(pair.mid(eq + 1), true);
        encoded.append({percentEncode(name), percentEncode(value)});
    }
    for (const auto &p : oauthParams) {
        if (p.first == QLatin1String("realm") || p.first == QLatin1String("oauth_signature"))
            continue;
        encoded.append({percentEncode(p.first), percentEncode(p.second)});
    }
    std::sort(encoded.begin(), encoded.end());
    QByteArray normalized;
    for (const auto &p : encoded) {
        if (!normalized.isEmpty())
            normalized += '&';
        normalized += p.first + '=' + p.second;
    }
    return method.toUpper().toUtf8() + '&' + percentEncode(QString::fromUtf8(baseUri)) + '&' +
           percentEncode(QString::fromUtf8(normalized));
}

QByteArray OAuthVerifier::sign(const QByteArray &baseString, const QString &consumerSecret,
                               const QString &tokenSecret)
{
    const QByteArray key = percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret);
    return QMessageAuthenticationCode::hash(baseString, key, QCryptographicHash::Sha256).toBase64();
}

QString OAuthVerifier::reasonName(Result result)
{
    switch (result) {
    case Result::Ok:
        return QStringLiteral("Success");
    case Result::MissingHeader:
        return QStringLiteral("MissingAuthorizationHeader");
    case Result::MalformedHeader:
        return QStringLiteral("MalformedAuthorizationHeader");
    case Result::MissingTokenPassportRequiredFields:
        return QStringLiteral("MissingTokenPassportRequiredFields");
    case Result::InvalidAccount:
        return QStringLiteral("InvalidAccount");
    case Result::UnsupportedSignatureMethod:
        return QStringLiteral("UnsupportedSignatureMethod");
    case Result::UnknownConsumer:
        return QStringLiteral("UnknownConsumer");
    case Result::UnknownToken:
        return QStringLiteral("InvalidToken");
    case Result::StaleTimestamp:
        return QStringLiteral("StaleTimestamp");
    case Result::NonceReused:
        return QStringLiteral("NonceReused");
    case Result::InvalidSignature:
        return QStringLiteral("InvalidSignature");
    }
    return QString();
}

OAuthVerifier::Result OAuthVerifier::record(Result result, const QString &detail,
                                            QString *detailOut)
{
    m_audit.append({QDateTime::currentDateTimeUtc(), reasonName(result), detail});
    if (m_audit.size() > kAuditLimit)
        m_audit.remove(0, m_audit.size() - kAuditLimit);
    if (detailOut)
        *detailOut = detail;
    return result;
}

void OAuthVerifier::refuseLastLogin(const QString &reason, const QString &detail)
{
    if (!m_audit.isEmpty() && m_audit.last().reason == reasonName(Result::Ok))
        m_audit.removeLast();
    m_audit.append({QDateTime::currentDateTimeUtc(), reason, detail});
    if (m_audit.size() > kAuditLimit)
        m_audit.remove(0, m_audit.size() - kAuditLimit);
}

OAuthVerifier::Result OAuthVerifier::verify(const QString &method, const QUrl &url,
                                            const QByteArray &authorization, qint64 nowSecs,
                                            QString *detail)
{
    if (authorization.trimmed().isEmpty())
        return record(Result::MissingHeader, QStringLiteral("no Authorization header"), detail);
    QList<QPair<QString, QString>> params;
    if (!parseHeader(authorization, &params))
        return record(Result::MalformedHeader, QStringLiteral("not an OAuth header"), detail);
    QHash<QString, QString> p;
    for (const auto &kv : std::as_const(params))
        p.insert(kv.first, kv.second);
    for (const char *required : {"oauth_consumer_key", "oauth_token", "oauth_signature_method",
                                 "oauth_timestamp", "oauth_nonce", "oauth_signature"}) {
        if (p.value(QLatin1String(required)).isEmpty())
            return record(Result::MissingTokenPassportRequiredFields,
                          QStringLiteral("missing %1").arg(QLatin1String(required)), detail);
    }
    if (p.value(QStringLiteral("realm")) != m_credentials.accountId)
        return record(Result::InvalidAccount,
                      QStringLiteral("realm '%1' is not account '%2'")
                          .arg(p.value(QStringLiteral("realm")), m_credentials.accountId),
                      detail);
    if (p.contains(QStringLiteral("oauth_version")) &&
        p.value(QStringLiteral("oauth_version")) != QLatin1String("1.0"))
        return record(Result::MalformedHeader, QStringLiteral("oauth_version must be 1.0"), detail);
    if (p.value(QStringLiteral("oauth_signature_method")) != QLatin1String("HMAC-SHA256"))
        return record(Result::UnsupportedSignatureMethod,
                      p.value(QStringLiteral("oauth_signature_method")), detail);
    if (p.value(QStringLiteral("oauth_consumer_key")) != m_credentials.consumerKey)
        return record(Result::UnknownConsumer, QStringLiteral("consumer_key_unknown"), detail);
    if (p.value(QStringLiteral("oauth_token")) != m_credentials.tokenId)
        return record(Result::UnknownToken, QStringLiteral("token unknown or revoked"), detail);
    bool numeric = false;
    const qint64 timestamp = p.value(QStringLiteral("oauth_timestamp")).toLongLong(&numeric);
    if (!numeric)
        return record(Result::StaleTimestamp, QStringLiteral("timestamp is not a number"), detail);
    if (m_checkTimestamp && std::abs(nowSecs - timestamp) > m_skewSeconds)
        return record(Result::StaleTimestamp,
                      QStringLiteral("timestamp %1 is %2 s from the server clock")
                          .arg(timestamp)
                          .arg(nowSecs - timestamp),
                      detail);
    const QByteArray expected = sign(baseString(method, url, params), m_credentials.consumerSecret,
                                     m_credentials.tokenSecret);
    if (expected != p.value(QStringLiteral("oauth_signature")).toLatin1())
        return record(Result::InvalidSignature, QStringLiteral("signature does not match"), detail);
    // Nonces are remembered for twice the timestamp window: anything older is refused as
    // stale anyway. With the clock check off they are kept for a day.
    const qint64 window = m_checkTimestamp ? 2 * qint64(m_skewSeconds) : 86400;
    if (m_nonces.size() > 10000) {
        for (auto it = m_nonces.begin(); it != m_nonces.end();)
            it = nowSecs - it.value() > window ? m_nonces.erase(it) : std::next(it);
    }
    const QString nonceKey = p.value(QStringLiteral("oauth_consumer_key")) + QLatin1Char('|') +
                             p.value(QStringLiteral("oauth_token")) + QLatin1Char('|') +
                             p.value(QStringLiteral("oauth_nonce"));
    const auto seen = m_nonces.constFind(nonceKey);
    if (seen != m_nonces.cend() && std::abs(nowSecs - seen.value()) <= window)
        return record(
            Result::NonceReused,
            QStringLiteral("nonce %1 was already used").arg(p.value(QStringLiteral("oauth_nonce"))),
            detail);
    m_nonces.insert(nonceKey, nowSecs);
    return record(Result::Ok, QString(), detail);
}

} // namespace fulfillsync::sandbox
