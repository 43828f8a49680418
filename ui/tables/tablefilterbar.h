#pragma once

#include "models/item/tablepagequery.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;

namespace fulfillsync {

// The filters above a big table: free text, state, status, connector and a date range. Typing
// is debounced (300 ms, or Enter at once); the bar only edits the filter part of a query, the
// model runs it in SQL.
class TableFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableFilterBar)

public:
    explicit TableFilterBar(TablePageQuery::Table table, QWidget *parent = nullptr);

    void setConnectors(const QStringList &names);
    // Copies the bar's filters into `query`, keeping its table and sort.
    void applyTo(TablePageQuery &query) const;
    void showFilters(const TablePageQuery &query); // without emitting filtersChanged
    QLineEdit *textEdit() const { return m_text; }
    QComboBox *stateBox() const { return m_state; }
    QComboBox *statusBox() const { return m_status; }
    QComboBox *connectorBox() const { return m_connector; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    void applyNow(); // skips the debounce

Q_SIGNALS:
    void filtersChanged();

private:
    QComboBox *makeChoice(const QString &accessibleName,
                          const QList<std::pair<QString, QString>> &choices);
    QDateEdit *makeDate(const QString &accessibleName);

    TablePageQuery::Table m_table;
    QLineEdit *m_text = nullptr;
    QComboBox *m_state = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_connector = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QTimer *m_delay = nullptr;
    bool m_silent = false;
};

} // namespace fulfillsync
