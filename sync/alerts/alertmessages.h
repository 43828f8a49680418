#pragma once

#include "models/domain/alerts.h"
#include "models/domain/domain.h"
#include "models/domain/inbox.h"
#include "sync/alerts/alertpolicy.h"

#include <QJsonObject>

namespace fulfillsync {

// One alert, as a webhook and a mail carry it: the text is what a person reads (Slack shows
// the "text" field), the fields let a receiving script act without parsing prose.
struct AlertMessage
{
    QString kind; // "down", "up" or "digest"
    QString subject;
    QString text;
    QJsonObject webhookBody() const;
    QJsonObject fields;
};

AlertMessage downAlert(const Connector &connector, const QString &reason, const QDateTime &now);
AlertMessage upAlert(const Connector &connector, const QString &wasDownFor, const QDateTime &now);
// open: the connector's newest open inbox items; openTotal: how many are open in all.
AlertMessage digestAlert(const Connector &connector, const AlertDecision &decision,
                         const QList<InboxItem> &open, int openTotal);

} // namespace fulfillsync
