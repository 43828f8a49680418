#pragma once

#include "models/item/tablepagequery.h"

#include <QList>
#include <QString>
#include <optional>

namespace fulfillsync {

// A named table layout: filters, sort and hidden columns. Lives in QSettings (UI preferences,
// never secrets or connector configuration).
struct SavedView
{
    QString name;
    TablePageQuery query; // table, filters and sort
    QList<int> hiddenColumns;
};

// The saved views of one table, plus its last layout so a restart looks the same.
class SavedViewStore final
{
public:
    explicit SavedViewStore(TablePageQuery::Table table);

    QStringList names() const;
    std::optional<SavedView> view(const QString &name) const;
    void save(const SavedView &view); // replaces a view of the same name
    void remove(const QString &name);
    std::optional<SavedView> lastLayout() const;
    void saveLastLayout(const SavedView &view);

private:
    QString key(const char *what) const;

    TablePageQuery::Table m_table;
};

} // namespace fulfillsync
