#pragma once

#include "models/domain/alerts.h"
#include "models/domain/domain.h"
#include "sync/net/tbasigner.h"

#include <QMetaType>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace fulfillsync {

class MailSender;

struct ConnectionTestResult
{
    bool ok = false;
    QString summary; // one or two sentences for the admin
};

// ui/'s one door to "Test connection" and "Send test mail": the NetSuite account, a
// connector's store (by its kind, so the next channel is a case here, not a new include in a
// page) and the alert mail server. The network clients stay behind it in sync/.
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    bool isRunning() const { return m_running; }
    // Each answers once with finished(); a test started while one runs is ignored.
    void testNetSuite(const QString &accountId, const QUrl &baseUrl,
                      const TbaCredentials &credentials);
    void testChannel(const Connector &connector, const QString &accessToken);
    void sendTestMail(const MailServer &server, const QString &password, const QString &to);

Q_SIGNALS:
    void finished(const fulfillsync::ConnectionTestResult &result);

private:
    bool begin();
    void testThreePl(const Connector &connector, const QString &keyAndSecret);
    void finish(bool ok, const QString &summary);

    QNetworkAccessManager *m_network = nullptr;
    MailSender *m_mail = nullptr;
    QPointer<QObject> m_test; // the client at work, deleted when it answers
    bool m_running = false;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::ConnectionTestResult)
