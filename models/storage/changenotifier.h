#pragma once

#include <QObject>
#include <QSqlDatabase>

namespace fulfillsync {

// Live refresh for teams on PostgreSQL: whoever writes sync results (a window's worker thread,
// a fulfillsync-worker on another machine) announces it with NOTIFY, and every window listening
// on the shared database refreshes its tables. On SQLite both calls do nothing: there the
// window's own worker is the writer and tells the window directly.
class ChangeNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeNotifier)

public:
    static constexpr const char *kChannel = "fulfillsync_changes";

    // Listens on db (a connection of this thread, kept open by its owner).
    explicit ChangeNotifier(QSqlDatabase db, QObject *parent = nullptr);
    ~ChangeNotifier() override;

    bool isListening() const { return m_listening; }

    // Announces a change on db's database (PostgreSQL only; delivered when the writer's
    // transaction commits).
    static void announce(QSqlDatabase db);

Q_SIGNALS:
    void changed();

private:
    QSqlDatabase m_db;
    bool m_listening = false;
};

} // namespace fulfillsync
