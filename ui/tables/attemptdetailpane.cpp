#include "ui/tables/attemptdetailpane.h"

#include "ui/tables/detailloader.h"

#include "models/item/historytablemodel.h"
#include "models/storage/connectorrepository.h"
#include "models/storage/database.h"
#include "models/storage/historyrepository.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fulfillsync {

AttemptDetailPane::AttemptDetailPane(Database &database, QWidget *parent)
    : QWidget(parent)
{
    m_title = new QLabel(tr("Select an attempt to see the request and the answer."), this);
    m_title->setWordWrap(true);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Attempt details"));
    m_replay = new QPushButton(tr("Re&play"), this);
    m_replay->setToolTip(tr("Build the request again with today's mappings and send it, after "
                            "checking the channel for an existing fulfillment"));
    m_replayAsRecorded = new QPushButton(tr("Replay &as recorded"), this);
    m_replayAsRecorded->setToolTip(tr("Send the recorded request unchanged, after checking the "
                                      "channel for an existing fulfillment"));
    m_replay->setEnabled(false);
    m_replayAsRecorded->setEnabled(false);
    connect(m_replay, &QPushButton::clicked, this,
            [this] { Q_EMIT replayRequested(m_attemptId, false); });
    connect(m_replayAsRecorded, &QPushButton::clicked, this,
            [this] { Q_EMIT replayRequested(m_attemptId, true); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_replay);
    buttons->addWidget(m_replayAsRecorded);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(buttons);
    layout->addWidget(m_text, 1);

    m_loader = new DetailLoader(
        database,
        [](Database &db, qint64 attemptId) { return QVariant::fromValue(read(db, attemptId)); },
        this);
    connect(m_loader, &DetailLoader::loaded, this,
            [this](const QVariant &detail) { accept(detail.value<AttemptDetail>()); });
}

QString AttemptDetailPane::text() const
{
    return m_text->toPlainText();
}

void AttemptDetailPane::showAttempt(qint64 attemptId)
{
    if (attemptId != m_attemptId) { // until its details arrive, Replay would be the last one's
        m_replay->setEnabled(false);
        m_replayAsRecorded->setEnabled(false);
    }
    m_attemptId = attemptId;
    if (attemptId == 0) { // nothing highlighted (a new filter): nothing to act on either
        m_title->setText(tr("Select an attempt to see the request and the answer."));
        m_text->clear();
        m_replay->setEnabled(false);
        m_replayAsRecorded->setEnabled(false);
        m_loader->forget();
        return;
    }
    m_loader->load(attemptId);
}

void AttemptDetailPane::accept(const AttemptDetail &detail)
{
    m_title->setText(detail.title);
    m_text->setPlainText(detail.text);
    m_replay->setEnabled(detail.canReplay);
    m_replayAsRecorded->setEnabled(detail.canReplayAsRecorded);
    Q_EMIT shown(detail.attemptId);
}

AttemptDetail AttemptDetailPane::read(Database &database, qint64 attemptId)
{
    AttemptDetail detail;
    detail.attemptId = attemptId;
    const std::optional<SyncAttempt> a = HistoryRepository(database.connection()).byId(attemptId);
    if (!a) {
        detail.title = tr("This attempt is not in the history.");
        return detail;
    }
    // A 3PL connector's replay tries the order's held shipments again (they have no item
    // fulfillment yet); there is no recorded request it would send unchanged.
    const std::optional<Connector> connector =
        ConnectorRepository(database.connection()).byId(a->connectorId);
    if (connector && connector->isThreePl()) {
        detail.canReplay = a->outcome == SyncOutcome::Held;
    } else {
        detail.canReplay = a->fulfillmentId != 0;
        detail.canReplayAsRecorded = a->fulfillmentId != 0 && !a->request.trimmed().isEmpty();
    }
    detail.title = tr("<b>%1</b> · %2 / %3 · %4 · %5")
                       .arg(HistoryTableModel::outcomeName(syncOutcomeKey(a->outcome)),
                            a->orderTranId.toHtmlEscaped(), a->fulfillmentTranId.toHtmlEscaped(),
                            a->connectorName.toHtmlEscaped(),
                            QLocale().toString(a->occurredAt.toLocalTime(), QLocale::ShortFormat));
    QStringList text;
    text << a->message;
    if (!errorClassKey(a->errorClass).isEmpty())
        text << tr("Error class: %1").arg(errorClassKey(a->errorClass));
    text << tr("Mapping version: %1 (see Mappings › History)").arg(a->mappingVersion);
    auto readable = [](const QString &stored) {
        const QJsonDocument document = QJsonDocument::fromJson(stored.toUtf8());
        return document.isNull() ? stored
                                 : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    };
    text << QString() << tr("Request")
         << (a->request.isEmpty() ? tr("(nothing was sent)") : readable(a->request));
    text << QString() << tr("Response")
         << (a->response.isEmpty() ? tr("(none)") : readable(a->response));
    detail.text = text.join(u'\n');
    return detail;
}

} // namespace fulfillsync
