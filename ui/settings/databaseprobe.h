#pragma once

#include <QString>

#include <functional>

class QLabel;
class QObject;

namespace fulfillsync {

// "Does this database URL work?" Opens its own connection, asks SELECT 1 and closes it again.
// Blocking (a PostgreSQL host may take seconds to refuse): call it off the GUI thread.
struct DatabaseProbeResult
{
    bool ok = false;
    QString summary; // plain words for the admin
};
DatabaseProbeResult probeDatabase(const QString &urlText);
// The same on a worker thread; `done` runs on `context`'s thread (not at all once it is gone).
void probeDatabaseAsync(QObject *context, const QString &urlText,
                        std::function<void(const DatabaseProbeResult &)> done);
// "Testing…" while it runs, then the answer in green or red.
void showProbeRunning(QLabel *label);
void showProbeResult(QLabel *label, bool ok, const QString &text);

} // namespace fulfillsync
