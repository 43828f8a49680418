#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace fulfillsync {

class Database;

// The selected history row: what was sent and what came back (secrets were never stored), with
// Replay — rebuilt with today's mappings, or as recorded — both after a live duplicate check.
class AttemptDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptDetailPane)

public:
    explicit AttemptDetailPane(Database &database, QWidget *parent = nullptr);

    void showAttempt(qint64 attemptId);
    qint64 attemptId() const { return m_attemptId; }
    QString text() const;

Q_SIGNALS:
    void replayRequested(qint64 attemptId, bool asRecorded);

private:
    Database &m_database;
    qint64 m_attemptId = 0;
    QLabel *m_title = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_replay = nullptr;
    QPushButton *m_replayAsRecorded = nullptr;
};

} // namespace fulfillsync
