#pragma once

#include "models/domain/alerts.h"
#include "models/domain/domain.h"
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
// open: the newest of the orders that need a person now; openTotal: how many in all.
AlertMessage digestAlert(const Connector &connector, const AlertDecision &decision,
                         const QList<OpenProblem> &open, int openTotal);

} // namespace fulfillsync
