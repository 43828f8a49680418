#include "sync/alerts/alertmessages.h"

#include <QCoreApplication>

namespace fulfillsync {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(AlertMessages)
};

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QJsonObject baseFields(const Connector &connector, const QString &kind)
{
    return {{QStringLiteral("connector"), connector.name},
            {QStringLiteral("channel"), connector.channel},
            {QStringLiteral("kind"), kind}};
}

} // namespace

QJsonObject AlertMessage::webhookBody() const
{
    QJsonObject body = fields;
    body.insert(QStringLiteral("text"), text);
    return body;
}

AlertMessage downAlert(const Connector &connector, const QString &reason, const QDateTime &now)
{
    AlertMessage message;
    message.kind = QStringLiteral("down");
    message.subject = Text::tr("fulfillsync: %1 stopped syncing").arg(connector.name);
    message.text = Text::tr("%1 could not sync at %2: %3\nNothing is pushed for it until this is "
                            "fixed; you will hear when it works again.")
                       .arg(connector.name, utc(now), reason);
    message.fields = baseFields(connector, message.kind);
    message.fields.insert(QStringLiteral("reason"), reason);
    return message;
}

AlertMessage upAlert(const Connector &connector, const QString &wasDownFor, const QDateTime &now)
{
    AlertMessage message;
    message.kind = QStringLiteral("up");
    message.subject = Text::tr("fulfillsync: %1 syncs again").arg(connector.name);
    message.text = Text::tr("%1 synced again at %2 (it had stopped: %3).")
                       .arg(connector.name, utc(now), wasDownFor);
    message.fields = baseFields(connector, message.kind);
    return message;
}

AlertMessage digestAlert(const Connector &connector, const AlertDecision &decision,
                         const QList<InboxItem> &open, int openTotal)
{
    AlertMessage message;
    message.kind = QStringLiteral("digest");
    message.subject = Text::tr("fulfillsync: %1 needs attention (%2 failed, %3 held)")
                          .arg(connector.name)
                          .arg(decision.digestFailed)
                          .arg(decision.digestHeld);
    QStringList lines;
    lines << Text::tr("%1: %2 fulfillment(s) failed and %3 were held since %4.")
                 .arg(connector.name)
                 .arg(decision.digestFailed)
                 .arg(decision.digestHeld)
                 .arg(utc(decision.digestSince));
    if (openTotal > 0) {
        lines << Text::tr("%1 item(s) in the inbox need a person now:").arg(openTotal);
        for (const InboxItem &item : open)
            lines << QStringLiteral("  %1 / %2 (%3): %4")
                         .arg(item.orderTranId, item.fulfillmentTranId,
                              inboxProblemKey(item.problem), item.message);
        if (openTotal > open.size())
            lines << Text::tr("  … and %1 more.").arg(openTotal - open.size());
    }
    lines << Text::tr("Open fulfillsync's Inbox (or run fulfillsync-worker inbox) to retry or "
                      "resolve them.");
    message.text = lines.join(u'\n');
    message.fields = baseFields(connector, message.kind);
    message.fields.insert(QStringLiteral("failed"), decision.digestFailed);
    message.fields.insert(QStringLiteral("held"), decision.digestHeld);
    message.fields.insert(QStringLiteral("openItems"), openTotal);
    return message;
}

} // namespace fulfillsync
