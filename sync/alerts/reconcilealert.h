#pragma once

#include "models/domain/domain.h"
#include "models/storage/reconciliationrepository.h"
#include "sync/alerts/alertmessages.h"

#include <QObject>
#include <functional>

class QNetworkAccessManager;

namespace fulfillsync {

class Database;
class MailSender;
class WebhookPoster;

// The alert for a finished reconciliation run that found anything not matched (issue 23): one
// per run (claimed in reconciliation_runs.alerted_at, so a second worker or a repeated call
// sends nothing), by the connector's webhook and mail like the sync alerts (AlertNotifier),
// naming the run and its item fulfillments per verdict.
AlertMessage reconciliationAlert(const Connector &connector, const ReconciliationRunRecord &run);

class ReconcileAlert final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconcileAlert)

public:
    struct Routes
    {
        QString webhook;      // carries a token: never in a message
        QString mailPassword; // the mail server's
    };
    ReconcileAlert(QNetworkAccessManager &network, Database &database, QObject *parent = nullptr);

    // done(sent, error): sent is false when nothing needed saying, the run's alert went out
    // already, or no route is set; error names a delivery that failed.
    using Done = std::function<void(bool sent, const QString &error)>;
    void send(const Connector &connector, const ReconciliationRunRecord &run, const Routes &routes,
              Done done);

private:
    QNetworkAccessManager &m_network;
    Database &m_database;
    WebhookPoster *m_webhooks = nullptr;
    MailSender *m_mail = nullptr;
};

} // namespace fulfillsync
