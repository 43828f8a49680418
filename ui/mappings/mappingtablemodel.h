#pragma once

#include "models/domain/mappingcheck.h"
#include "models/storage/mappingdiscovery.h"

#include <QAbstractTableModel>

namespace fulfillsync {

// One connector's mapping rows of one kind, as the admin edits them before Save. Each edit
// re-checks every row (checkMappingRows): a cell with a problem is red with the problem as its
// tooltip. Discovered values annotate the rows with the number of orders they appear on; the
// unmapped ones are added as rows without a target (amber), which are shown but never saved.
class MappingTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingTableModel)

public:
    // What a column shows. CustomField rows use Source/SourceName/Target/Extra as channel field,
    // NetSuite field, transform and argument, and have no Orders column.
    enum class Field { Source, SourceName, Target, Extra, Orders };
    // The values a cell offers in a combo box (QStringList), and whether other text is allowed.
    static constexpr int ChoicesRole = Qt::UserRole + 1;
    static constexpr int FreeTextRole = Qt::UserRole + 2;

    explicit MappingTableModel(MappingKind kind, QObject *parent = nullptr);

    MappingKind kind() const { return m_kind; }
    int columnOf(Field field) const { return int(m_columns.indexOf(field)); }
    Field fieldAt(int column) const { return m_columns.at(column); }

    void setRules(const QList<MappingRule> &rules);
    // Whose codes the targets are (a channel's or a 3PL's): decides what is checked.
    void setTarget(MappingTarget target)
    {
        m_target = target;
        recheck();
    }
    QList<MappingRule> rules() const;        // every row, in table order
    QList<MappingRule> savableRules() const; // without the unmapped placeholders
    // Annotates rows with order counts and appends rows for unmapped values; returns how many
    // rows it added.
    int applyDiscovery(const QList<DiscoveredValue> &values);

    // What the sync does with a value of this kind that has no mapping, in an admin's words.
    static QString unmappedConsequence(MappingKind kind);

    int addRow();
    const QList<MappingIssue> &issues() const { return m_issues; }
    // A problem to fix, or no target yet.
    bool needsAttention(int row) const;
    int unmappedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

Q_SIGNALS:
    // After any change of the rows: edits, added/removed rows, a reset.
    void rowsEdited();

private:
    struct Row
    {
        MappingRule rule;
        qint64 orders = -1; // -1: not discovered
        QString exampleOrder;
    };
    static QString &fieldOf(MappingRule &rule, Field field);
    static const QString &fieldOf(const MappingRule &rule, Field field);
    QString problemAt(int row, Field field) const;
    void recheck();

    const MappingKind m_kind;
    MappingTarget m_target = MappingTarget::Channel;
    QList<Field> m_columns;
    QList<Row> m_rows;
    QList<MappingIssue> m_issues;
    QHash<QPair<int, int>, QString> m_problemByCell; // (row, field) → text
};

} // namespace fulfillsync
