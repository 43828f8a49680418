#pragma once

#include "models/domain/domain.h"

namespace fulfillsync {

// What importing a mappings file would do to the rows on screen, before anything changes: the
// merged (or replaced) rules and the difference an admin confirms. A rule is identified by its
// kind and NetSuite value.
struct MappingImportPlan
{
    enum class Mode {
        Merge,   // the file's rules are added or change their row; every other row stays
        Replace, // the tables of the kinds the file holds become the file's rows
    };
    struct Change
    {
        MappingRule before;
        MappingRule after;
    };

    Mode mode = Mode::Merge;
    QList<MappingRule> result;
    QList<MappingRule> added;
    QList<Change> changed;
    QList<MappingRule> removed;
    int unchanged = 0;

    static MappingImportPlan make(const QList<MappingRule> &current,
                                  const QList<MappingRule> &incoming, Mode mode);
    bool changesAnything() const
    {
        return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
    }
};

} // namespace fulfillsync
