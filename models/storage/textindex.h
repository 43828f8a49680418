#pragma once

#include <QSqlDatabase>
#include <QString>

namespace fulfillsync {

// The free-text indexes of the big tables on SQLite (FTS5 trigram, migration 0016) are kept in
// bulk: after each pass, what was written since the last catch-up is indexed in one transaction.
// Searches read what is not indexed yet the LIKE way (TablePageQuery), so a late catch-up costs
// speed, never results. PostgreSQL's pg_trgm indexes are kept by PostgreSQL: nothing to do.
class TextIndex final
{
public:
    static bool catchUp(QSqlDatabase db, QString *error = nullptr);
};

} // namespace fulfillsync
