#include "models/domain/mappingimport.h"

#include <QSet>

namespace fulfillsync {

namespace {
using Key = std::pair<MappingKind, QString>;
Key keyOf(const MappingRule &rule)
{
    return {rule.kind, rule.sourceKey};
}
} // namespace

MappingImportPlan MappingImportPlan::make(const QList<MappingRule> &current,
                                          const QList<MappingRule> &incoming, Mode mode)
{
    MappingImportPlan plan;
    plan.mode = mode;
    QSet<MappingKind> kindsInFile;
    QHash<QString, MappingRule> fromFile; // key text → the file's last rule for it
    QList<Key> fileOrder;
    const auto text = [](const Key &key) -> QString { // not auto: a QStringBuilder would dangle
        return QString::number(int(key.first)) + u'\x1f' + key.second;
    };
    for (const MappingRule &rule : incoming) {
        kindsInFile.insert(rule.kind);
        if (!fromFile.contains(text(keyOf(rule))))
            fileOrder << keyOf(rule);
        fromFile.insert(text(keyOf(rule)), rule);
    }
    QSet<QString> seen;
    for (const MappingRule &rule : current) {
        const QString key = text(keyOf(rule));
        seen.insert(key);
        if (fromFile.contains(key)) {
            const MappingRule &after = fromFile.value(key);
            if (after == rule)
                ++plan.unchanged;
            else
                plan.changed << Change{rule, after};
            plan.result << after;
        } else if (mode == Mode::Replace && kindsInFile.contains(rule.kind)) {
            plan.removed << rule;
        } else {
            plan.result << rule;
        }
    }
    for (const Key &key : std::as_const(fileOrder)) {
        if (seen.contains(text(key)))
            continue;
        plan.added << fromFile.value(text(key));
        plan.result << fromFile.value(text(key));
    }
    return plan;
}

} // namespace fulfillsync
