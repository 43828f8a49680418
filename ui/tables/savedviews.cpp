#include "ui/tables/savedviews.h"

#include <QSettings>

namespace fulfillsync {

namespace {

QVariantMap toMap(const SavedView &view)
{
    QVariantList hidden;
    for (int column : view.hiddenColumns)
        hidden << column;
    return {{QStringLiteral("name"), view.name},
            {QStringLiteral("text"), view.query.text},
            {QStringLiteral("state"), view.query.state},
            {QStringLiteral("status"), view.query.status},
            {QStringLiteral("connector"), view.query.connector},
            {QStringLiteral("from"), view.query.from.toString(Qt::ISODate)},
            {QStringLiteral("to"), view.query.to.toString(Qt::ISODate)},
            {QStringLiteral("sortColumn"), view.query.sortColumn},
            {QStringLiteral("ascending"), view.query.ascending},
            {QStringLiteral("hidden"), hidden}};
}

SavedView fromMap(TablePageQuery::Table table, const QVariantMap &map)
{
    SavedView view;
    view.name = map.value(QStringLiteral("name")).toString();
    view.query.table = table;
    view.query.text = map.value(QStringLiteral("text")).toString();
    view.query.state = map.value(QStringLiteral("state")).toString();
    view.query.status = map.value(QStringLiteral("status")).toString();
    view.query.connector = map.value(QStringLiteral("connector")).toString();
    view.query.from = QDate::fromString(map.value(QStringLiteral("from")).toString(), Qt::ISODate);
    view.query.to = QDate::fromString(map.value(QStringLiteral("to")).toString(), Qt::ISODate);
    const int sort = map.value(QStringLiteral("sortColumn"), -1).toInt();
    view.query.sortColumn = view.query.isSortable(sort) ? sort : -1; // settings are input too
    view.query.ascending = map.value(QStringLiteral("ascending")).toBool();
    const QVariantList hidden = map.value(QStringLiteral("hidden")).toList();
    for (const QVariant &column : hidden)
        view.hiddenColumns << column.toInt();
    return view;
}

} // namespace

SavedViewStore::SavedViewStore(TablePageQuery::Table table)
    : m_table(table)
{}

QString SavedViewStore::key(const char *what) const
{
    return QStringLiteral("tables/%1/%2")
        .arg(m_table == TablePageQuery::Table::Orders           ? QStringLiteral("orders")
             : m_table == TablePageQuery::Table::Inbox          ? QStringLiteral("inbox")
             : m_table == TablePageQuery::Table::Reconciliation ? QStringLiteral("reconciliation")
                                                                : QStringLiteral("history"),
             QString::fromLatin1(what));
}

QStringList SavedViewStore::names() const
{
    QStringList names;
    const QVariantList views = QSettings().value(key("views")).toList();
    for (const QVariant &view : views)
        names << view.toMap().value(QStringLiteral("name")).toString();
    return names;
}

std::optional<SavedView> SavedViewStore::view(const QString &name) const
{
    const QVariantList views = QSettings().value(key("views")).toList();
    for (const QVariant &view : views)
        if (view.toMap().value(QStringLiteral("name")).toString() == name)
            return fromMap(m_table, view.toMap());
    return std::nullopt;
}

void SavedViewStore::save(const SavedView &view)
{
    QSettings settings;
    QVariantList views = settings.value(key("views")).toList();
    const QVariantMap map = toMap(view);
    bool replaced = false;
    for (QVariant &existing : views) {
        if (existing.toMap().value(QStringLiteral("name")).toString() == view.name) {
            existing = map;
            replaced = true;
        }
    }
    if (!replaced)
        views << map;
    settings.setValue(key("views"), views);
}

void SavedViewStore::remove(const QString &name)
{
    QSettings settings;
    QVariantList views = settings.value(key("views")).toList();
    views.removeIf([&](const QVariant &view) {
        return view.toMap().value(QStringLiteral("name")).toString() == name;
    });
    settings.setValue(key("views"), views);
}

std::optional<SavedView> SavedViewStore::lastLayout() const
{
    const QVariant last = QSettings().value(key("last"));
    if (!last.isValid())
        return std::nullopt;
    return fromMap(m_table, last.toMap());
}

void SavedViewStore::saveLastLayout(const SavedView &view)
{
    QSettings().setValue(key("last"), toMap(view));
}

} // namespace fulfillsync
