#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QTcpServer>

namespace fulfillsync::test {

// A mail server on a local address for alert tests: EHLO, STARTTLS with the test certificate
// (tests/data/loopback-tls.crt), AUTH PLAIN, MAIL/RCPT/DATA. It keeps what it was sent.
class LoopbackSmtpServer final : public QTcpServer
{
    Q_OBJECT

public:
    struct Mail
    {
        QString from;
        QStringList to;
        QByteArray data; // headers and body, as sent
        bool encrypted = false;
        QString user;
        QString password;
        QString subject() const;
        QString bodyText() const; // the base64 body, decoded
    };

    explicit LoopbackSmtpServer(bool offerStartTls = true, QObject *parent = nullptr);
    bool start(const QHostAddress &address = QHostAddress::LocalHost);
    QString url() const;
    void setAccount(const QString &user, const QString &password);
    static QString caFile();

    QList<Mail> mails;
    int refusedLogins = 0;
    int plainSessions = 0; // sessions that never turned on TLS

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool m_offerStartTls = true;
    QString m_user;
    QString m_password;
};

// An HTTP endpoint that takes webhook posts and answers with a chosen status.
class LoopbackWebhookReceiver final : public QTcpServer
{
    Q_OBJECT

public:
    explicit LoopbackWebhookReceiver(QObject *parent = nullptr);
    bool start();
    QString url(const QString &path = QStringLiteral("/hooks/T000/B000/secret-token")) const;
    void setStatus(int status) { m_status = status; }

    QList<QJsonObject> posts;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    int m_status = 200;
};

} // namespace fulfillsync::test
