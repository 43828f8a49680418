#pragma once

#include "sync/engine/syncmessages.h"

#include <QObject>

class QNetworkAccessManager;

namespace fulfillsync {

class Database;
class MailSender;
class WebhookPoster;
struct AlertMessage;

// Tells a person when a connector stops or starts working again and, at most every so many
// minutes, what failed or was held: by webhook and by mail, per connector, without the app
// open. Listens to finished passes in the thread that runs them (the window's sync thread or
// the worker's), decides with decideAlerts() and keeps what it has said in the database.
class AlertNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertNotifier)

public:
    explicit AlertNotifier(Database &database, QObject *parent = nullptr);
    ~AlertNotifier() override;

    void setCredentials(const fulfillsync::SyncCredentials &credentials);
    void passFinished(const fulfillsync::SyncRunSummary &pass);
    int deliveriesInFlight() const { return m_inFlight; }

Q_SIGNALS:
    void delivered(qint64 connectorId, const QString &kind, const QString &route);
    void deliveryFailed(qint64 connectorId, const QString &message);
    void settled(); // nothing in flight any more

private:
    void deliver(qint64 connectorId, const QString &webhook, const QStringList &emails,
                 const AlertMessage &message);
    void finishDelivery(qint64 connectorId, const QString &kind, const QString &route,
                        const QString &error);

    Database &m_database;
    QNetworkAccessManager *m_network = nullptr; // made in the thread this object works in
    WebhookPoster *m_webhooks = nullptr;
    MailSender *m_mail = nullptr;
    QHash<qint64, QString> m_webhookUrls;
    QString m_mailPassword;
    int m_inFlight = 0;
};

} // namespace fulfillsync
