#include "testutils/fakenetworkaccessmanager.h"

#include <QBuffer>
#include <QTimer>

namespace fulfillsync::test {

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{}

void FakeNetworkAccessManager::route(const QByteArray &verb, const QString &pathPattern,
                                     Handler handler)
{
    m_routes.prepend({verb, QRegularExpression(pathPattern), std::move(handler)}); // later wins
}

int FakeNetworkAccessManager::count(const QByteArray &verb, const QString &pathPattern) const
{
    const QRegularExpression pattern(pathPattern);
    return int(std::count_if(m_journal.cbegin(), m_journal.cend(), [&](const FakeRequest &r) {
        return r.verb == verb && pattern.match(r.url.path()).hasMatch();
    }));
}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                                       QIODevice *outgoingData)
{
    FakeRequest fake;
    fake.verb = op == CustomOperation
                    ? request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray()
                : op == GetOperation  ? QByteArray("GET")
                : op == PostOperation ? QByteArray("POST")
                : op == PutOperation  ? QByteArray("PUT")
                                      : QByteArray("DELETE");
    fake.url = request.url();
    for (const QByteArray &name : request.rawHeaderList())
        fake.headers.append({name, request.rawHeader(name)});
    if (outgoingData)
        fake.body = outgoingData->readAll();
    if (m_journalEnabled)
        m_journal.append(fake);

    FakeResponse response{404, QByteArrayLiteral("{\"errors\":\"Not Found\"}"), {}, false};
    for (const Route &route : std::as_const(m_routes)) {
        if (route.verb == fake.verb && route.path.match(fake.url.path()).hasMatch()) {
            response = route.handler(fake);
            break;
        }
    }
    return new FakeReply(op, request, response, this);
}

FakeReply::FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
                     const FakeResponse &response, QObject *parent)
    : QNetworkReply(parent)
    , m_response(response)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(op);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    if (!m_response.hang) {
        // Never answer inside createRequest(): callers must see real asynchronous behaviour.
        QMetaObject::invokeMethod(this, &FakeReply::respond, Qt::QueuedConnection);
    } else if (request.transferTimeout() > 0) {
        QTimer::singleShot(request.transferTimeout(), this, [this] {
            fail(OperationCanceledError, QStringLiteral("Operation canceled"));
        });
    }
}

void FakeReply::respond()
{
    if (isFinished())
        return;
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
    for (const auto &[name, value] : std::as_const(m_response.headers))
        setRawHeader(name, value);
    setHeader(QNetworkRequest::ContentLengthHeader, m_response.body.size());
    if (m_response.status >= 400) {
        const NetworkError error = m_response.status == 401   ? AuthenticationRequiredError
                                   : m_response.status == 404 ? ContentNotFoundError
                                   : m_response.status >= 500 ? InternalServerError
                                                              : UnknownContentError;
        setError(error, QStringLiteral("HTTP %1").arg(m_response.status));
    }
    Q_EMIT metaDataChanged();
    Q_EMIT readyRead();
    setFinished(true);
    if (m_response.status >= 400)
        Q_EMIT errorOccurred(error());
    Q_EMIT finished();
}

void FakeReply::fail(NetworkError code, const QString &text)
{
    if (isFinished())
        return;
    setError(code, text);
    setFinished(true);
    Q_EMIT errorOccurred(code);
    Q_EMIT finished();
}

void FakeReply::abort()
{
    fail(OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 FakeReply::bytesAvailable() const
{
    return m_response.body.size() - m_position + QIODevice::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, qint64(m_response.body.size()) - m_position);
    if (n <= 0)
        return isFinished() ? -1 : 0;
    memcpy(data, m_response.body.constData() + m_position, size_t(n));
    m_position += n;
    return n;
}

} // namespace fulfillsync::test
