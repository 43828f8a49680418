#include "testutils/loopbackreceivers.h"

#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <memory>

namespace fulfillsync::test {

QString LoopbackSmtpServer::caFile()
{
    return QStringLiteral(FULFILLSYNC_TEST_DATA_DIR "/loopback-tls.crt");
}

QString LoopbackSmtpServer::Mail::subject() const
{
    for (const QByteArray &line : data.split('\n'))
        if (line.startsWith("Subject: "))
            return QString::fromUtf8(line.mid(9).trimmed());
    return {};
}

QString LoopbackSmtpServer::Mail::bodyText() const
{
    const qsizetype split = data.indexOf("\r\n\r\n");
    QByteArray body = data.mid(split + 4);
    body.replace("\r\n", "");
    return QString::fromUtf8(QByteArray::fromBase64(body));
}

LoopbackSmtpServer::LoopbackSmtpServer(bool offerStartTls, QObject *parent)
    : QTcpServer(parent)
    , m_offerStartTls(offerStartTls)
{}

bool LoopbackSmtpServer::start(const QHostAddress &address)
{
    return listen(address, 0);
}

QString LoopbackSmtpServer::url() const
{
    QString host = serverAddress().toString();
    if (serverAddress().protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return QStringLiteral("smtp://%1:%2").arg(host).arg(serverPort());
}

void LoopbackSmtpServer::setAccount(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
}

void LoopbackSmtpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    socket->setSocketDescriptor(descriptor);
    QFile certFile(caFile());
    QFile keyFile(QStringLiteral(FULFILLSYNC_TEST_DATA_DIR "/loopback-tls.key"));
    certFile.open(QIODevice::ReadOnly);
    keyFile.open(QIODevice::ReadOnly);
    socket->setLocalCertificate(QSslCertificate(certFile.readAll()));
    socket->setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));

    struct Session
    {
        Mail mail;
        bool inData = false;
        bool awaitingAuth = false;
        bool tls = false;
    };
    auto session = std::make_shared<Session>();
    auto reply = [socket](const QByteArray &line) {
        socket->write(line + "\r\n");
    };
    auto login = [this, session, reply](const QByteArray &encoded) {
        const QList<QByteArray> parts = QByteArray::fromBase64(encoded).split('\0');
        const QString user = QString::fromUtf8(parts.value(1));
        const QString password = QString::fromUtf8(parts.value(2));
        if (user == m_user && password == m_password) {
            session->mail.user = user;
            session->mail.password = password;
            reply("235 2.7.0 Authentication successful");
        } else {
            ++refusedLogins;
            reply("535 5.7.8 Authentication credentials invalid");
        }
    };
    connect(socket, &QSslSocket::readyRead, this, [=, this] {
        while (socket->canReadLine()) {
            const QByteArray line = socket->readLine();
            const QByteArray command = line.trimmed();
            if (session->inData) {
                if (command == ".") {
                    session->inData = false;
                    session->mail.encrypted = session->tls;
                    mails << session->mail;
                    session->mail.data.clear();
                    reply("250 2.0.0 queued");
                } else {
                    session->mail.data += line.startsWith("..") ? line.mid(1) : line;
                }
                continue;
            }
            if (session->awaitingAuth) {
                session->awaitingAuth = false;
                login(command);
                continue;
            }
            const QByteArray verb = command.split(' ').constFirst().toUpper();
            if (verb == "EHLO" || verb == "HELO") {
                socket->write("250-localhost\r\n");
                if (m_offerStartTls && !session->tls)
                    socket->write("250-STARTTLS\r\n");
                reply("250 AUTH PLAIN");
            } else if (verb == "STARTTLS") {
                reply("220 2.0.0 Ready to start TLS");
                socket->flush();
                session->tls = true;
                socket->startServerEncryption();
            } else if (verb == "AUTH") {
                const QList<QByteArray> words = command.split(' ');
                if (words.size() >= 3) {
                    login(words.at(2));
                } else {
                    session->awaitingAuth = true;
                    reply("334 ");
                }
            } else if (verb == "MAIL") {
                session->mail.from = QString::fromUtf8(command.mid(command.indexOf(':') + 1));
                reply("250 2.1.0 Ok");
            } else if (verb == "RCPT") {
                session->mail.to << QString::fromUtf8(command.mid(command.indexOf(':') + 1));
                reply("250 2.1.5 Ok");
            } else if (verb == "DATA") {
                session->inData = true;
                reply("354 End data with <CR><LF>.<CR><LF>");
            } else if (verb == "QUIT") {
                reply("221 2.0.0 Bye");
                socket->disconnectFromHost();
            } else {
                reply("250 Ok");
            }
        }
    });
    connect(socket, &QSslSocket::disconnected, this, [this, socket, session] {
        if (!session->tls)
            ++plainSessions;
        socket->deleteLater();
    });
    reply("220 localhost ESMTP loopback");
}

LoopbackWebhookReceiver::LoopbackWebhookReceiver(QObject *parent)
    : QTcpServer(parent)
{}

bool LoopbackWebhookReceiver::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

QString LoopbackWebhookReceiver::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path);
}

void LoopbackWebhookReceiver::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer->left(headerEnd).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer->size() < headerEnd + 4 + length)
            return;
        posts << QJsonDocument::fromJson(buffer->mid(headerEnd + 4, length)).object();
        socket->write(QStringLiteral("HTTP/1.1 %1 X\r\nContent-Length: 2\r\nConnection: "
                                     "close\r\n\r\nok")
                          .arg(m_status)
                          .toLatin1());
        socket->disconnectFromHost();
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace fulfillsync::test
