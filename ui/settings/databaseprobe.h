#pragma once

#include <QString>

namespace fulfillsync {

// "Does this database URL work?" Opens its own connection, asks SELECT 1 and closes it again.
// Blocking (a PostgreSQL host may take seconds to refuse): call it off the GUI thread.
struct DatabaseProbeResult
{
    bool ok = false;
    QString summary; // plain words for the admin
};
DatabaseProbeResult probeDatabase(const QString &urlText);

} // namespace fulfillsync
