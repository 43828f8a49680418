#pragma once

#include "models/domain/domain.h"

namespace fulfillsync {

// The columns of a mapping row an issue points at (for CustomField rows: channel field,
// NetSuite field, transform, argument; see domain.h).
enum class MappingField { Source, SourceName, Target, Extra };

struct MappingIssue
{
    int row = 0; // index into the rows given to checkMappingRows()
    MappingField field = MappingField::Source;
    QString text; // for an admin: what is wrong and what to do
    bool operator==(const MappingIssue &) const = default;
};

// A row of a ship method, item or location table with no target yet: an unmapped value the
// admin has not decided on. It is shown (with the orders it holds) but never saved.
bool isUnmappedPlaceholder(const MappingRule &rule);

// Checks one kind's rows as they are edited, before anything is saved or sent: required
// values, carriers Shopify does not know without a tracking URL template, malformed templates
// and location ids, custom field rules (CustomFieldMapping::validate), duplicate source keys,
// and ambiguous rows (one keyed by id, another by the same value's name, with different targets).
// Whose values the targets are: a channel's (Shopify carriers and locations) or a 3PL's
// ("carrierCode/serviceCode" services and numeric warehouse ids).
enum class MappingTarget { Channel, ThreePl };
MappingTarget mappingTargetOf(const Connector &connector);
QList<MappingIssue> checkMappingRows(MappingKind kind, const QList<MappingRule> &rows,
                                     MappingTarget target = MappingTarget::Channel);

} // namespace fulfillsync
