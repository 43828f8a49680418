#pragma once

#include <QMetaType>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace fulfillsync {

class Database;
class DetailLoader;

// What the attempt pane shows, read in one go on the loader's thread.
struct AttemptDetail
{
    qint64 attemptId = 0;
    QString title; // rich text
    QString text;  // message, request, response
    bool canReplay = false;
    bool canReplayAsRecorded = false;
};

// The selected history row: what was sent and what came back (secrets were never stored), with
// Replay — rebuilt with today's mappings, or as recorded — both after a live duplicate check.
// Its reads run on a reader thread (DetailLoader): a recorded answer can be large.
class AttemptDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptDetailPane)

public:
    explicit AttemptDetailPane(Database &database, QWidget *parent = nullptr);

    void showAttempt(qint64 attemptId);
    qint64 attemptId() const { return m_attemptId; }
    QString text() const;
    // What the pane shows and allows for one attempt; runs on the loader's thread.
    static AttemptDetail read(Database &database, qint64 attemptId);

Q_SIGNALS:
    void replayRequested(qint64 attemptId, bool asRecorded);
    void shown(qint64 attemptId); // the details of this attempt are on screen

private:
    void accept(const AttemptDetail &detail);

    DetailLoader *m_loader = nullptr;
    qint64 m_attemptId = 0;
    QLabel *m_title = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_replay = nullptr;
    QPushButton *m_replayAsRecorded = nullptr;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::AttemptDetail)
