#include "sync/alerts/alertnotifier.h"

#include "models/storage/alertrepository.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/inboxrepository.h"
#include "sync/alerts/alertmessages.h"
#include "sync/alerts/alertpolicy.h"
#include "sync/alerts/mailsender.h"
#include "sync/alerts/webhookposter.h"

#include <QNetworkAccessManager>

namespace fulfillsync {

namespace {
constexpr int kDigestOrders = 20;
} // namespace

AlertNotifier::AlertNotifier(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::setCredentials(const SyncCredentials &credentials)
{
    m_webhookUrls = credentials.alertWebhooks;
    m_mailPassword = credentials.mailPassword;
}

void AlertNotifier::passFinished(const SyncRunSummary &pass)
{
    QSqlDatabase db = m_database.connection();
    const std::optional<Connector> connector = ConnectorRepository(db).byId(pass.connectorId);
    if (!connector)
        return;
    AlertRepository alerts(db);
    const AlertState before = alerts.state(connector->id);
    if (!alerts.lastError().isEmpty()) {
        Q_EMIT deliveryFailed(
            connector->id,
            tr("Alerts for %1 are off: %2").arg(connector->name, alerts.lastError()));
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const AlertDecision decision = decideAlerts(before, pass, connector->alertEveryMinutes, now);
    if (decision.next == before)
        return;
    // Saved before sending: a crash after this point loses an alert rather than repeating
    // one every pass, and a second worker on the same database never sends the same one.
    if (!alerts.saveState(decision.next)) {
        Q_EMIT deliveryFailed(
            connector->id,
            tr("Alerts for %1 are off: %2").arg(connector->name, alerts.lastError()));
        return;
    }
    QList<AlertMessage> messages;
    if (decision.sendDown)
        messages << downAlert(*connector, decision.next.downReason, now);
    if (decision.sendUp)
        messages << upAlert(*connector, before.downReason, now);
    if (decision.sendDigest) {
        int openTotal = 0;
        const QList<InboxItem> open =
            InboxRepository(db).openItems(connector->id, kDigestOrders, &openTotal);
        messages << digestAlert(*connector, decision, open, openTotal);
    }
    const QString webhook = m_webhookUrls.value(connector->id);
    for (const AlertMessage &message : std::as_const(messages))
        deliver(connector->id, webhook, connector->alertEmails, message);
}

void AlertNotifier::deliver(qint64 connectorId, const QString &webhook, const QStringList &emails,
                            const AlertMessage &message)
{
    if (!webhook.isEmpty()) {
        if (!m_network) {
            m_network = new QNetworkAccessManager(this);
            m_webhooks = new WebhookPoster(*m_network, this);
        }
        ++m_inFlight;
        m_webhooks->post(webhook, message.webhookBody(),
                         [this, connectorId, kind = message.kind](const QString &error) {
                             finishDelivery(connectorId, kind, QStringLiteral("webhook"), error);
                         });
    }
    if (emails.isEmpty())
        return;
    const std::optional<MailServer> server = AlertRepository(m_database.connection()).mailServer();
    if (!server) {
        ++m_inFlight;
        finishDelivery(connectorId, message.kind, QStringLiteral("mail"),
                       tr("No mail server is set up (Settings › Alerts)."));
        return;
    }
    if (!m_mail)
        m_mail = new MailSender(this);
    ++m_inFlight;
    m_mail->send({*server, m_mailPassword, emails, message.subject, message.text},
                 [this, connectorId, kind = message.kind](const QString &error) {
                     finishDelivery(connectorId, kind, QStringLiteral("mail"), error);
                 });
}

void AlertNotifier::finishDelivery(qint64 connectorId, const QString &kind, const QString &route,
                                   const QString &error)
{
    AlertRepository alerts(m_database.connection());
    AlertState state = alerts.state(connectorId);
    if (state.lastDeliveryError != error) {
        state.lastDeliveryError = error;
        alerts.saveState(state);
    }
    if (error.isEmpty())
        Q_EMIT delivered(connectorId, kind, route);
    else
        Q_EMIT deliveryFailed(connectorId, error);
    if (--m_inFlight == 0)
        Q_EMIT settled();
}

} // namespace fulfillsync
