// Alerts reach a person: real HTTP to a loopback webhook, real SMTP with STARTTLS and a login to
// a loopback mail server, state kept in a real database between notifier objects.

#include "models/storage/alertrepository.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/inboxrepository.h"
#include "sync/alerts/alertnotifier.h"
#include "sync/alerts/mailsender.h"
#include "testutils/loopbackreceivers.h"
#include "testutils/tempdatabase.h"

#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTest>

using namespace fulfillsync;
using namespace fulfillsync::test;

namespace {

const QString kPassword = QStringLiteral("mail-pass-7c1e");

SyncRunSummary pass(qint64 connectorId, int failed, int held, const QString &error = {})
{
    SyncRunSummary summary;
    summary.connectorId = connectorId;
    summary.trigger = SyncTrigger::Schedule;
    summary.failed = failed;
    summary.held = held;
    summary.error = error;
    return summary;
}

} // namespace

class TestAlerts : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_db;
    Connector m_connector;
    LoopbackWebhookReceiver *m_hook = nullptr;
    LoopbackSmtpServer *m_smtp = nullptr;
    SyncCredentials m_credentials;

    std::unique_ptr<AlertNotifier> notifier()
    {
        auto alerts = std::make_unique<AlertNotifier>(m_db->database());
        alerts->setCredentials(m_credentials);
        return alerts;
    }
    static void waitSettled(AlertNotifier &alerts)
    {
        if (alerts.deliveriesInFlight() > 0) {
            QSignalSpy settled(&alerts, &AlertNotifier::settled);
            QVERIFY(settled.wait(30000));
        }
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        m_hook = new LoopbackWebhookReceiver(this);
        QVERIFY(m_hook->start());
        m_smtp = new LoopbackSmtpServer(true, this);
        m_smtp->setAccount(QStringLiteral("alerts"), kPassword);
        QVERIFY(m_smtp->start());

        ConnectorRepository connectors(m_db->database().connection());
        m_connector = Connector{};
        m_connector.name = QStringLiteral("main-store");
        m_connector.channel = QStringLiteral("Shopify");
        m_connector.endpoint = QStringLiteral("https://acme.myshopify.com");
        m_connector.alertEmails = {QStringLiteral("ops@example.com"),
                                   QStringLiteral("lead@example.com")};
        m_connector.alertEveryMinutes = 30;
        QVERIFY(connectors.save(m_connector));
        QVERIFY(AlertRepository(m_db->database().connection())
                    .saveMailServer({m_smtp->url(), QStringLiteral("alerts"),
                                     QStringLiteral("fulfillsync@example.com"),
                                     LoopbackSmtpServer::caFile()}));
        m_credentials = {};
        m_credentials.alertWebhooks.insert(m_connector.id, m_hook->url());
        m_credentials.mailPassword = kPassword;

        // What the digest lists: the connector's open inbox items.
        InboxItem held;
        held.connectorId = m_connector.id;
        held.connectorName = m_connector.name;
        held.fulfillmentId = 601;
        held.orderId = 501;
        held.orderTranId = QStringLiteral("SO501");
        held.fulfillmentTranId = QStringLiteral("IF601");
        held.problem = InboxProblem::Held;
        held.message = QStringLiteral("Item WIDGET-9 has no Shopify SKU");
        QVERIFY(InboxRepository(m_db->database().connection())
                    .open(held, QDateTime::currentDateTimeUtc()));
    }
    void cleanup()
    {
        delete m_hook;
        delete m_smtp;
        m_db.reset();
    }

    void aDigestGoesByWebhookAndByMailOverTls()
    {
        auto alerts = notifier();
        QSignalSpy failed(alerts.get(), &AlertNotifier::deliveryFailed);
        alerts->passFinished(pass(m_connector.id, 2, 1));
        waitSettled(*alerts);
        QCOMPARE(failed.count(), 0);

        QCOMPARE(m_hook->posts.size(), 1);
        const QJsonObject post = m_hook->posts.first();
        QCOMPARE(post.value(QLatin1String("kind")).toString(), QStringLiteral("digest"));
        QCOMPARE(post.value(QLatin1String("failed")).toInt(), 2);
        QCOMPARE(post.value(QLatin1String("held")).toInt(), 1);
        const QString text = post.value(QLatin1String("text")).toString(); // what Slack shows
        QVERIFY2(text.contains(QLatin1String("SO501")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Item WIDGET-9 has no Shopify SKU")));

        QCOMPARE(m_smtp->mails.size(), 1);
        const LoopbackSmtpServer::Mail mail = m_smtp->mails.first();
        QVERIFY2(mail.encrypted, "the mail went without STARTTLS");
        QCOMPARE(mail.user, QStringLiteral("alerts"));
        QCOMPARE(mail.to, (QStringList{QStringLiteral("<ops@example.com>"),
                                       QStringLiteral("<lead@example.com>")}));
        QCOMPARE(mail.from, QStringLiteral("<fulfillsync@example.com>"));
        QVERIFY2(mail.subject().contains(QLatin1String("main-store")), qPrintable(mail.subject()));
        QVERIFY(mail.bodyText().contains(QLatin1String("SO501")));
        QVERIFY(!mail.data.contains(kPassword.toUtf8()));
    }

    void digestsComeAtMostEveryIntervalAndRestartsRememberIt()
    {
        {
            auto alerts = notifier();
            alerts->passFinished(pass(m_connector.id, 1, 0));
            waitSettled(*alerts);
            alerts->passFinished(pass(m_connector.id, 4, 0)); // minutes later: collected
            waitSettled(*alerts);
        }
        QCOMPARE(m_hook->posts.size(), 1);
        // A restarted worker neither repeats the digest nor forgets the four waiting.
        auto restarted = notifier();
        restarted->passFinished(pass(m_connector.id, 0, 0));
        waitSettled(*restarted);
        QCOMPARE(m_hook->posts.size(), 1);
        const AlertState state =
            AlertRepository(m_db->database().connection()).state(m_connector.id);
        QCOMPARE(state.failed, 4);
        QVERIFY(state.pendingSince.isValid());
    }

    void downIsSentOnceAndBackUpOnce()
    {
        auto alerts = notifier();
        for (int i = 0; i < 3; ++i) {
            alerts->passFinished(
                pass(m_connector.id, 0, 0, QStringLiteral("NetSuite did not answer (timeout)")));
            waitSettled(*alerts);
        }
        QCOMPARE(m_hook->posts.size(), 1);
        QCOMPARE(m_hook->posts.at(0).value(QLatin1String("kind")).toString(),
                 QStringLiteral("down"));
        QVERIFY(m_hook->posts.at(0)
                    .value(QLatin1String("text"))
                    .toString()
                    .contains(QLatin1String("timeout")));
        auto restarted = notifier(); // the daemon restarted while NetSuite was down
        restarted->passFinished(pass(m_connector.id, 0, 0));
        waitSettled(*restarted);
        restarted->passFinished(pass(m_connector.id, 0, 0));
        waitSettled(*restarted);
        QCOMPARE(m_hook->posts.size(), 2);
        QCOMPARE(m_hook->posts.at(1).value(QLatin1String("kind")).toString(), QStringLiteral("up"));
        QCOMPARE(m_smtp->mails.size(), 2);
    }

    void aFailedDeliveryIsReportedWithoutItsSecrets()
    {
        m_hook->setStatus(500);
        m_credentials.mailPassword = QStringLiteral("wrong-password-42");
        auto alerts = notifier();
        QSignalSpy failed(alerts.get(), &AlertNotifier::deliveryFailed);
        alerts->passFinished(pass(m_connector.id, 1, 0));
        waitSettled(*alerts);
        QCOMPARE(failed.count(), 2);
        QStringList messages;
        for (const QList<QVariant> &args : failed)
            messages << args.at(1).toString();
        QVERIFY2(messages.join(u'\n').contains(QLatin1String("HTTP 500")),
                 qPrintable(messages.join(u'\n')));
        QCOMPARE(m_smtp->refusedLogins, 1);
        for (const QString &message : messages) {
            QVERIFY2(!message.contains(QLatin1String("secret-token")), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1String("wrong-password-42")), qPrintable(message));
        }
        const AlertState state =
            AlertRepository(m_db->database().connection()).state(m_connector.id);
        QVERIFY(!state.lastDeliveryError.isEmpty());
    }

    void aMissingMailServerIsSaidNotSkipped()
    {
        QVERIFY(AlertRepository(m_db->database().connection()).removeMailServer());
        auto alerts = notifier();
        QSignalSpy failed(alerts.get(), &AlertNotifier::deliveryFailed);
        alerts->passFinished(pass(m_connector.id, 1, 0));
        waitSettled(*alerts);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(1).toString().contains(QLatin1String("mail server")));
        QCOMPARE(m_hook->posts.size(), 1); // the webhook still went
    }

    void aRemoteServerWithoutStartTlsIsRefused()
    {
        // A relay on this machine may speak plain SMTP; any other host must offer STARTTLS.
        QHostAddress lanAddress;
        for (const QHostAddress &address : QNetworkInterface::allAddresses())
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
                lanAddress = address;
        QVERIFY2(!lanAddress.isNull(), "this machine has no non-loopback IPv4 address");
        LoopbackSmtpServer plain(false);
        plain.setAccount(QStringLiteral("alerts"), kPassword);
        QVERIFY(plain.start(lanAddress));
        OutgoingMail mail{
            {plain.url(), QStringLiteral("alerts"), QStringLiteral("fulfillsync@example.com"), {}},
            kPassword,
            {QStringLiteral("ops@example.com")},
            QStringLiteral("s"),
            QStringLiteral("t")};
        QString error;
        QThread *sender = QThread::create([&] { error = MailSender::sendNow(mail); });
        sender->start();
        QTRY_VERIFY_WITH_TIMEOUT(sender->isFinished(), 30000);
        delete sender;
        QVERIFY2(!error.isEmpty(), "a password went over plain SMTP to another host");
        QVERIFY(plain.mails.isEmpty());

        LoopbackSmtpServer localRelay(false);
        QVERIFY(localRelay.start());
        mail.server.url = localRelay.url();
        mail.server.username.clear();
        sender = QThread::create([&] { error = MailSender::sendNow(mail); });
        sender->start();
        QTRY_VERIFY_WITH_TIMEOUT(sender->isFinished(), 30000);
        delete sender;
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(localRelay.mails.size(), 1);
    }

    void headerInjectionIsFlattened()
    {
        OutgoingMail mail;
        mail.server.sender = QStringLiteral("a@example.com");
        mail.to = {QStringLiteral("b@example.com")};
        mail.subject = QStringLiteral("hello\r\nBcc: victim@example.com");
        mail.text = QStringLiteral("Grüße");
        const QByteArray wire = MailSender::compose(mail, QDateTime::currentDateTime());
        QVERIFY(!wire.contains("\r\nBcc:"));
        QVERIFY(wire.contains("Content-Transfer-Encoding: base64"));
    }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
