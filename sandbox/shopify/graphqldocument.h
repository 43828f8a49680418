#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <memory>

namespace fulfillsync::sandbox {

// A GraphQL operation parsed far enough to execute queries against the sandbox's stores:
// fields with arguments (variables resolved), aliases, nested selections and inline fragments.
// Not a full GraphQL implementation: named fragments, directives and multiple operations are
// refused with a message, as a server would refuse a document it cannot run.
struct GraphQlField
{
    QString name;
    QString alias;         // empty: the name is the response key
    QJsonObject arguments; // literal values and resolved variables
    QString onType;        // set for the fields of an inline fragment ("... on Order")
    QList<GraphQlField> selection;
    QString responseKey() const { return alias.isEmpty() ? name : alias; }
};

struct GraphQlDocument
{
    QString operation; // query or mutation
    QString operationName;
    QList<GraphQlField> selection;

    // Parses `text` with `variables`; on failure returns false with a message.
    static bool parse(const QString &text, const QJsonObject &variables, GraphQlDocument *out,
                      QString *error);
};

} // namespace fulfillsync::sandbox
