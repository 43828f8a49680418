#include "ui/mappings/mappingtablemodel.h"

#include "models/domain/channelcarriers.h"
#include "models/domain/customfield.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QStyle>

namespace fulfillsync {

namespace {

const QColor kProblem(255, 205, 205);
const QColor kUnmapped(255, 236, 179);
const QColor kTextOnWarning(33, 33, 33);

} // namespace

MappingTableModel::MappingTableModel(MappingKind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
{
    switch (kind) {
    case MappingKind::ShipMethod:
        m_columns = {Field::Source, Field::SourceName, Field::Target, Field::Extra, Field::Orders};
        break;
    case MappingKind::Item:
    case MappingKind::Location:
        m_columns = {Field::Source, Field::SourceName, Field::Target, Field::Orders};
        break;
    case MappingKind::CustomField:
        m_columns = {Field::Source, Field::SourceName, Field::Target, Field::Extra};
        break;
    }
}

QString &MappingTableModel::fieldOf(MappingRule &rule, Field field)
{
    switch (field) {
    case Field::Source:
        return rule.sourceKey;
    case Field::SourceName:
        return rule.sourceName;
    case Field::Target:
        return rule.target;
    case Field::Extra:
    case Field::Orders:
        break;
    }
    return rule.extra;
}

const QString &MappingTableModel::fieldOf(const MappingRule &rule, Field field)
{
    return fieldOf(const_cast<MappingRule &>(rule), field);
}

void MappingTableModel::setRules(const QList<MappingRule> &rules)
{
    beginResetModel();
    m_rows.clear();
    for (const MappingRule &rule : rules)
        if (rule.kind == m_kind)
            m_rows << Row{rule, -1, {}};
    recheck();
    endResetModel();
    Q_EMIT rowsEdited();
}

QList<MappingRule> MappingTableModel::rules() const
{
    QList<MappingRule> result;
    for (const Row &row : m_rows)
        result << row.rule;
    return result;
}

QList<MappingRule> MappingTableModel::savableRules() const
{
    QList<MappingRule> result;
    for (const Row &row : m_rows)
        if (!isUnmappedPlaceholder(row.rule))
            result << row.rule;
    return result;
}

int MappingTableModel::applyDiscovery(const QList<DiscoveredValue> &values)
{
    if (m_kind == MappingKind::CustomField)
        return 0;
    // Thousands of items: look rows up by key instead of scanning them per value.
    QHash<QString, QList<int>> rowsByKey;
    for (int r = 0; r < m_rows.size(); ++r)
        rowsByKey[m_rows.at(r).rule.sourceKey] << r;
    QList<Row> added;
    for (const DiscoveredValue &value : values) {
        if (value.kind != m_kind)
            continue;
        QList<int> matches;
        if (value.netsuiteId != 0)
            matches << rowsByKey.value(QString::number(value.netsuiteId));
        if (!value.name.isEmpty())
            matches << rowsByKey.value(value.name);
        for (int r : std::as_const(matches)) {
            Row &row = m_rows[r];
            row.orders = value.orderCount;
            row.exampleOrder = value.exampleOrder;
            if (row.rule.sourceName.isEmpty() && row.rule.sourceKey != value.name)
                row.rule.sourceName = value.name;
        }
        if (matches.isEmpty())
            added << Row{MappingRule{m_kind, value.sourceKey(), value.name, {}, {}},
                         value.orderCount, value.exampleOrder};
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    if (!added.isEmpty()) {
        beginInsertRows({}, rowCount(), rowCount() + int(added.size()) - 1);
        m_rows << added;
        endInsertRows();
    }
    recheck();
    Q_EMIT rowsEdited();
    return int(added.size());
}

QString MappingTableModel::unmappedConsequence(MappingKind kind)
{
    // As the sync engine does it (sync/engine/fulfillmentmapper.cpp).
    switch (kind) {
    case MappingKind::ShipMethod:
        return tr("An unmapped ship method holds its fulfillments, unless the connector sends "
                  "its default carrier instead.");
    case MappingKind::Item:
        return tr("An unmapped item is sent with its NetSuite name as the SKU.");
    case MappingKind::Location:
        return tr("Once any location is mapped, an unmapped location holds its fulfillments, "
                  "unless the connector uses its defaults (the channel then picks the "
                  "location).");
    case MappingKind::CustomField:
        break;
    }
    return {};
}

int MappingTableModel::addRow()
{
    MappingRule rule;
    rule.kind = m_kind;
    if (m_kind == MappingKind::CustomField)
        rule.target = CustomFieldMapping::transformKey(CustomFieldMapping::Transform::Copy);
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rows << Row{rule, -1, {}};
    endInsertRows();
    recheck();
    Q_EMIT rowsEdited();
    return row;
}

bool MappingTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    recheck();
    Q_EMIT rowsEdited();
    return true;
}

bool MappingTableModel::needsAttention(int row) const
{
    if (row < 0 || row >= rowCount())
        return false;
    if (isUnmappedPlaceholder(m_rows.at(row).rule))
        return true;
    return std::any_of(m_issues.cbegin(), m_issues.cend(),
                       [row](const MappingIssue &issue) { return issue.row == row; });
}

int MappingTableModel::unmappedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &row) {
        return isUnmappedPlaceholder(row.rule) && row.orders > 0;
    }));
}

void MappingTableModel::recheck()
{
    m_issues = checkMappingRows(m_kind, rules(), m_target);
    m_problemByCell.clear();
    for (const MappingIssue &issue : std::as_const(m_issues)) {
        QString &text = m_problemByCell[{issue.row, int(issue.field)}];
        text = text.isEmpty() ? issue.text : text + u'\n' + issue.text;
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::BackgroundRole, Qt::ForegroundRole, Qt::ToolTipRole,
                            Qt::AccessibleDescriptionRole});
}

QString MappingTableModel::problemAt(int row, Field field) const
{
    return m_problemByCell.value({row, int(field)});
}

int MappingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MappingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant MappingTableModel::data(const QModelIndex &index, int role) const
{
    if ((!index.isValid() || index.model() != this || index.row() >= rowCount() ||
         index.column() >= columnCount()))
        return {};
    const Row &row = m_rows.at(index.row());
    const Field field = m_columns.at(index.column());
    const bool unmapped = isUnmappedPlaceholder(row.rule);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (field == Field::Orders)
            return row.orders < 0 ? QVariant() : QVariant(row.orders);
        return fieldOf(row.rule, field);
    case Qt::TextAlignmentRole:
        if (field == Field::Orders)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DecorationRole:
        // The red background disappears under the selection; the icon does not.
        if (!problemAt(index.row(), field).isEmpty())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::BackgroundRole:
        if (!problemAt(index.row(), field).isEmpty())
            return QBrush(kProblem);
        if (unmapped)
            return QBrush(kUnmapped);
        return {};
    case Qt::ForegroundRole:
        // The light warning backgrounds carry dark text in every theme (a dark theme's light
        // text on them was unreadable).
        if (!problemAt(index.row(), field).isEmpty() || unmapped)
            return QBrush(kTextOnWarning);
        return {};
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole: {
        const QString problem = problemAt(index.row(), field);
        if (!problem.isEmpty())
            return problem;
        if (unmapped && row.orders >= 0)
            return tr("Not mapped: NetSuite used it on %n order(s) (for example %1). %2 Enter "
                      "the target to map it; rows left without a target are not saved.",
                      nullptr, int(row.orders))
                .arg(row.exampleOrder, unmappedConsequence(m_kind));
        if (unmapped)
            return tr("No target yet: this row is not saved until it has one.");
        if (field == Field::Orders && row.orders >= 0)
            return tr("Used on %n order(s) of this connector, for example %1.", nullptr,
                      int(row.orders))
                .arg(row.exampleOrder);
        return {};
    }
    case ChoicesRole:
        if (m_kind == MappingKind::CustomField) {
            if (field == Field::Source)
                return CustomFieldMapping::channelFields();
            if (field == Field::SourceName)
                return CustomFieldMapping::netsuiteFields();
            if (field == Field::Target)
                return CustomFieldMapping::transformKeys();
        } else if (m_kind == MappingKind::ShipMethod && field == Field::Target) {
            return ChannelCarriers::shopify();
        }
        return {};
    case FreeTextRole:
        return m_kind == MappingKind::ShipMethod;
    default:
        return {};
    }
}

bool MappingTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || (!index.isValid() || index.model() != this ||
                                 index.row() >= rowCount() || index.column() >= columnCount()))
        return false;
    const Field field = m_columns.at(index.column());
    if (field == Field::Orders)
        return false;
    QString &text = fieldOf(m_rows[index.row()].rule, field);
    if (text == value.toString())
        return true;
    text = value.toString();
    Q_EMIT dataChanged(index, index);
    recheck();
    Q_EMIT rowsEdited();
    return true;
}

Qt::ItemFlags MappingTableModel::flags(const QModelIndex &index) const
{
    if ((!index.isValid() || index.model() != this || index.row() >= rowCount() ||
         index.column() >= columnCount()))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_columns.at(index.column()) != Field::Orders)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant MappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    const Field field = m_columns.at(section);
    if (m_kind == MappingKind::CustomField) {
        switch (field) {
        case Field::Source:
            return tr("Channel field");
        case Field::SourceName:
            return tr("NetSuite field");
        case Field::Target:
            return tr("Transform");
        case Field::Extra:
            return tr("Argument");
        case Field::Orders:
            break;
        }
        return {};
    }
    switch (field) {
    case Field::Source:
        return tr("NetSuite id or name");
    case Field::SourceName:
        return tr("NetSuite name");
    case Field::Target:
        switch (m_kind) {
        case MappingKind::ShipMethod:
            return tr("Carrier");
        case MappingKind::Item:
            return tr("Channel SKU");
        default:
            return tr("Channel location id");
        }
    case Field::Extra:
        return tr("Tracking URL template");
    case Field::Orders:
        return tr("Orders");
    }
    return {};
}

} // namespace fulfillsync
