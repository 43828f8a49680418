#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace fulfillsync {

// A strict walk over a Shopify answer: every accessor checks the type it expects and records
// the first mismatch with its path, so "unreadable" always says where. Shared by the pass's
// reads and the reconciliation's: both must refuse the same damaged answers.
class ShopifyAnswerReader
{
public:
    QString problem;
    bool ok() const { return problem.isEmpty(); }

    void fail(const QString &path, const QString &what);
    QJsonObject object(const QJsonValue &v, const QString &path);
    QJsonArray array(const QJsonValue &v, const QString &path);
    QString text(const QJsonValue &v, const QString &path, bool nullable = false);
    // A Shopify gid's number; with a type, only a gid of that type ("Order", "Fulfillment").
    QString gid(const QJsonValue &v, const QString &path, const QString &type = {});
    qint64 count(const QJsonValue &v, const QString &path); // a whole number, 0 to 2^31 - 1
    bool flag(const QJsonValue &v, const QString &path);
    // One of the known upper-case values, lower-cased.
    QString status(const QJsonValue &v, const QString &path, const QStringList &known);
};

} // namespace fulfillsync
