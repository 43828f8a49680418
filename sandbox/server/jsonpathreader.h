#pragma once

#include "sandbox/scenario/scenario.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace fulfillsync::sandbox {

// Reads typed fields out of JSON objects for the scenario loader, remembering the first error
// together with the JSON path it happened at ("netsuite.salesOrders[2].lines[0].quantity").
class JsonPathReader final
{
public:
    QString error;

    bool fail(const QString &path, const QString &message);
    static QString join(const QString &path, const QString &key);
    static QString index(const QString &path, qsizetype i);
    bool object(const QJsonValue &v, const QString &path, QJsonObject *out);
    // Rejects keys outside `allowed`; "x-" keys are comments and always allowed.
    bool onlyKeys(const QJsonObject &o, const QString &path, const QStringList &allowed);
    bool string(const QJsonObject &o, const QString &key, const QString &path, QString *out,
                bool required);
    bool number(const QJsonObject &o, const QString &key, const QString &path, double *out,
                bool required, bool *present = nullptr);
    bool positive(const QJsonObject &o, const QString &key, const QString &path, double *out);
    bool integer(const QJsonObject &o, const QString &key, const QString &path, qint64 *out,
                 bool required);
    bool id(const QJsonObject &o, const QString &key, const QString &path, qint64 *out,
            bool required);
    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool *out);
    bool array(const QJsonObject &o, const QString &key, const QString &path, QJsonArray *out,
               bool required, bool nonEmpty = false);
    bool date(const QJsonObject &o, const QString &key, const QString &path, QDate *out,
              bool required);
    bool dateTime(const QJsonObject &o, const QString &key, const QString &path, QDateTime *out,
                  bool required);
    bool oneOf(const QString &value, const QStringList &allowed, const QString &path);
    bool namedRecords(const QJsonObject &o, const QString &key, const QString &path,
                      QList<NamedRecord> *out, QHash<qint64, int> *lookup);
};

} // namespace fulfillsync::sandbox
