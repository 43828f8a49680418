#pragma once

#include "models/domain/alerts.h"

#include <QObject>
#include <functional>

namespace fulfillsync {

struct OutgoingMail
{
    MailServer server;
    QString password; // the mail server's, from the keychain or the credentials file
    QStringList to;
    QString subject;
    QString text;
};

// Sends mail through libcurl's SMTP client: STARTTLS (required, except to a relay on this
// machine), login, certificate checks. libcurl's easy interface blocks, so each mail goes out on
// a pool thread; the answer comes back on this object's thread.
class MailSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailSender)

public:
    explicit MailSender(QObject *parent = nullptr);

    // done(error): an empty error means the server accepted the mail.
    void send(const OutgoingMail &mail, std::function<void(const QString &error)> done);

    // The message as it goes on the wire (headers and a base64 body), for tests.
    static QByteArray compose(const OutgoingMail &mail, const QDateTime &date);
    // Blocks; for the pool thread and for tests.
    static QString sendNow(const OutgoingMail &mail);
};

} // namespace fulfillsync
