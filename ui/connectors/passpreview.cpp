#include "ui/connectors/passpreview.h"

#include "sync/synccontroller.h"

namespace fulfillsync {

PassPreview::PassPreview(SyncController &sync, QObject *parent)
    : QObject(parent)
    , m_sync(sync)
{
    connect(&m_sync, &SyncController::requestPlanned, this, [this](const PlannedRequest &r) {
        if (m_connectorId == 0 || r.connectorId != m_connectorId)
            return;
        const QString name = tr("%1 / %2").arg(r.orderTranId, r.fulfillmentTranId);
        switch (r.action) {
        case PlannedRequest::Action::Send:
            m_result.push << name;
            break;
        case PlannedRequest::Action::Adopt:
            m_result.adopt << name + QStringLiteral(": ") + r.problem;
            break;
        case PlannedRequest::Action::Nothing:
            m_result.nothing << name + QStringLiteral(": ") + r.problem;
            break;
        }
    });
    // Refused before it ran (no credentials, no such connector): said, never left waiting.
    connect(&m_sync, &SyncController::failedToStart, this, [this](const QString &why) {
        if (m_connectorId == 0)
            return;
        m_connectorId = 0;
        m_result.nothing << tr("The dry run could not start: %1").arg(why);
        Q_EMIT finished(m_result);
    });
    connect(&m_sync, &SyncController::busyChanged, this, [this](bool busy) {
        if (m_connectorId == 0)
            return;
        if (busy) {
            m_started = true;
            return;
        }
        if (!m_started)
            return;
        m_connectorId = 0;
        Q_EMIT finished(m_result);
    });
}

void PassPreview::start(const SyncRequest &request)
{
    m_connectorId = request.connectorId;
    m_started = m_sync.isBusy(); // queued behind a running pass: it counts once that ends
    m_result = {};
    SyncRequest dryRun = request;
    dryRun.dryRun = true;
    m_sync.runNow(dryRun);
}

QString PassPreview::Result::summary() const
{
    return tr("The next pass would push %1 fulfillment(s), adopt %2 another tool already put "
              "in the channel, and send nothing for %3.")
        .arg(push.size())
        .arg(adopt.size())
        .arg(nothing.size());
}

QString PassPreview::Result::details() const
{
    QStringList lines;
    const auto group = [&](const QString &title, const QStringList &names) {
        if (names.isEmpty())
            return;
        lines << title;
        for (const QString &name : names)
            lines << QStringLiteral("  ") + name;
        lines << QString();
    };
    group(tr("Would push:"), push);
    group(tr("Would adopt (already in the channel, never sent again):"), adopt);
    group(tr("Would send nothing:"), nothing);
    return lines.join(u'\n').trimmed();
}

} // namespace fulfillsync
