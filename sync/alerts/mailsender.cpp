#include "sync/alerts/mailsender.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHostAddress>
#include <QPromise>
#include <QThreadPool>
#include <QUrl>
#include <QUuid>
#include <cstring>
#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace fulfillsync {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MailSender)
};

QByteArray encodedHeader(const QString &text)
{
    bool ascii = true;
    for (QChar c : text)
        ascii = ascii && c.unicode() >= 0x20 && c.unicode() < 0x7f;
    return ascii ? text.toLatin1() : "=?UTF-8?B?" + text.toUtf8().toBase64() + "?=";
}

// Header values come from settings a person typed: a line break there must not start a header.
QString oneLine(QString text)
{
    text.replace(u'\r', u' ');
    text.replace(u'\n', u' ');
    return text;
}

struct Upload
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t readPayload(char *buffer, size_t size, size_t count, void *userData)
{
    auto *upload = static_cast<Upload *>(userData);
    const qsizetype room = qsizetype(size * count);
    const qsizetype chunk = std::min(room, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.constData() + upload->offset, size_t(chunk));
    upload->offset += chunk;
    return size_t(chunk);
}

bool isLoopback(const QUrl &url)
{
    const QHostAddress address(url.host());
    return url.host() == QLatin1String("localhost") || address.isLoopback();
}

} // namespace

MailSender::MailSender(QObject *parent)
    : QObject(parent)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

QByteArray MailSender::compose(const OutgoingMail &mail, const QDateTime &date)
{
    QByteArray message;
    message += "Date: " + date.toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    message += "From: <" + oneLine(mail.server.sender).toUtf8() + ">\r\n";
    QByteArrayList to;
    for (const QString &address : mail.to)
        to << "<" + oneLine(address).toUtf8() + ">";
    message += "To: " + to.join(", ") + "\r\n";
    message += "Subject: " + encodedHeader(oneLine(mail.subject)) + "\r\n";
    message += "Message-ID: <" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1() +
               "@fulfillsync>\r\n";
    message += "MIME-Version: 1.0\r\n";
    message += "Content-Type: text/plain; charset=UTF-8\r\n";
    message += "Content-Transfer-Encoding: base64\r\n\r\n";
    const QByteArray body = mail.text.toUtf8().toBase64();
    for (qsizetype i = 0; i < body.size(); i += 76)
        message += body.mid(i, 76) + "\r\n";
    return message;
}

QString MailSender::sendNow(const OutgoingMail &mail)
{
    const QUrl url(mail.server.url);
    if (!url.isValid() || (url.scheme() != u"smtp" && url.scheme() != u"smtps"))
        return Text::tr("The mail server address must look like smtp://host:587 or "
                        "smtps://host:465.");
    if (mail.to.isEmpty())
        return Text::tr("No recipients.");
    if (mail.server.sender.isEmpty())
        return Text::tr("The mail server settings have no sender address.");

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        return Text::tr("Could not start the mail client.");
    CURL *h = curl.get();
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray urlText = url.toString(QUrl::FullyEncoded).toUtf8();
    const QByteArray user = mail.server.username.toUtf8();
    const QByteArray password = mail.password.toUtf8();
    const QByteArray from = "<" + oneLine(mail.server.sender).toUtf8() + ">";
    const QByteArray caFile = mail.server.caFile.toUtf8();
    curl_slist *recipients = nullptr;
    for (const QString &address : mail.to) {
        const QByteArray recipient = "<" + oneLine(address).toUtf8() + ">";
        recipients = curl_slist_append(recipients, recipient.constData());
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipientList(recipients,
                                                                              curl_slist_free_all);
    Upload upload{compose(mail, QDateTime::currentDateTime()), 0};

    curl_easy_setopt(h, CURLOPT_URL, urlText.constData());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L); // on a pool thread: no SIGALRM for timeouts
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
    // A password never travels in the clear: STARTTLS is required unless the relay is on this
    // machine (a local Postfix, say, often offers no TLS).
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     isLoopback(url) ? long(CURLUSESSL_TRY) : long(CURLUSESSL_ALL));
    if (!caFile.isEmpty())
        curl_easy_setopt(h, CURLOPT_CAINFO, caFile.constData());
    if (!user.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(h, CURLOPT_PASSWORD, password.constData());
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, readPayload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    const CURLcode result = curl_easy_perform(h);
    if (result == CURLE_OK)
        return {};
    const QString detail = errorBuffer[0] ? QString::fromUtf8(errorBuffer).trimmed()
                                          : QString::fromUtf8(curl_easy_strerror(result));
    return Text::tr("The mail server %1 did not take the mail: %2").arg(url.host(), detail);
}

void MailSender::send(const OutgoingMail &mail, std::function<void(const QString &)> done)
{
    auto promise = std::make_shared<QPromise<QString>>();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done = std::move(done)] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, mail] {
        promise->start();
        promise->addResult(sendNow(mail));
        promise->finish();
    });
}

} // namespace fulfillsync
