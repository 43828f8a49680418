#include "sync/alerts/reconcilealert.h"

#include "models/storage/alertrepository.h"
#include "models/storage/database.h"
#include "sync/alerts/mailsender.h"
#include "sync/alerts/webhookposter.h"

#include <QCoreApplication>
#include <memory>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ReconcileAlert)
};
} // namespace

AlertMessage reconciliationAlert(const Connector &connector, const ReconciliationRunRecord &run)
{
    AlertMessage message;
    message.kind = QStringLiteral("reconciliation");
    message.subject =
        Text::tr("fulfillsync: reconciliation %1 of %2 found %n item fulfillment(s) not matching",
                 nullptr, run.notMatched())
            .arg(run.id)
            .arg(connector.name);
    message.text =
        Text::tr("Reconciliation run %1 of %2 (shipped %3 to %4, %5 order(s)): %6 matched, %7 "
                 "missing in the channel, %8 quantity differs, %9 tracking differs, %10 extra in "
                 "the channel, %11 order cancelled or closed, %12 could not be read.\nSee "
                 "`fulfillsync-worker reconcile` or the reconciliation view for each one.")
            .arg(run.id)
            .arg(connector.name, run.since.toString(Qt::ISODate), run.until.toString(Qt::ISODate))
            .arg(run.ordersDone)
            .arg(run.matched)
            .arg(run.missing)
            .arg(run.quantityDiffers)
            .arg(run.trackingDiffers)
            .arg(run.extra)
            .arg(run.orderCancelled)
            .arg(run.unknown);
    message.fields = {
        {QStringLiteral("connector"), connector.name},
        {QStringLiteral("channel"), connector.channel},
        {QStringLiteral("kind"), message.kind},
        {QStringLiteral("run"), run.id},
        {QStringLiteral("since"), run.since.toString(Qt::ISODate)},
        {QStringLiteral("until"), run.until.toString(Qt::ISODate)},
    };
    const QJsonObject totals = run.totalsJson();
    for (auto it = totals.begin(); it != totals.end(); ++it)
        message.fields.insert(it.key(), it.value());
    return message;
}

ReconcileAlert::ReconcileAlert(QNetworkAccessManager &network, Database &database, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_database(database)
{}

void ReconcileAlert::send(const Connector &connector, const ReconciliationRunRecord &run,
                          const Routes &routes, Done done)
{
    const bool mail = !connector.alertEmails.isEmpty();
    if (run.state != u"finished" || run.notMatched() == 0 || (routes.webhook.isEmpty() && !mail))
        return done(false, {});
    // Claimed before sending, as AlertNotifier saves its state first: a crash loses this alert
    // rather than repeating it, and two workers never both send it.
    ReconciliationRepository runs(m_database.connection());
    if (!runs.claimAlert(run.id, QDateTime::currentDateTimeUtc()))
        return done(false, runs.lastError());
    const AlertMessage message = reconciliationAlert(connector, run);
    struct Pending
    {
        int open = 0;
        QStringList errors;
        Done done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    pending->open = (routes.webhook.isEmpty() ? 0 : 1) + (mail ? 1 : 0);
    auto settle = [this, pending, connectorId = connector.id](const QString &error) {
        if (!error.isEmpty())
            pending->errors << error;
        if (--pending->open > 0)
            return;
        // Like the sync alerts: the last delivery failure is kept for the Alerts settings.
        AlertRepository alerts(m_database.connection());
        AlertState state = alerts.state(connectorId);
        const QString last = pending->errors.join(u"; ");
        if (state.lastDeliveryError != last) {
            state.lastDeliveryError = last;
            alerts.saveState(state);
        }
        pending->done(true, last);
    };
    if (!routes.webhook.isEmpty()) {
        if (!m_webhooks)
            m_webhooks = new WebhookPoster(m_network, this);
        m_webhooks->post(routes.webhook, message.webhookBody(), settle);
    }
    if (!mail)
        return;
    const std::optional<MailServer> server = AlertRepository(m_database.connection()).mailServer();
    if (!server)
        return settle(tr("No mail server is set up (Settings › Alerts)."));
    if (!m_mail)
        m_mail = new MailSender(this);
    m_mail->send(
        {*server, routes.mailPassword, connector.alertEmails, message.subject, message.text},
        settle);
}

} // namespace fulfillsync
