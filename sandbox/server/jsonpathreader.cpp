#include "sandbox/server/jsonpathreader.h"

#include <cmath>

namespace fulfillsync::sandbox {

bool JsonPathReader::fail(const QString &path, const QString &message)
{
    if (error.isEmpty())
        error = path + QLatin1String(": ") + message;
    return false;
}

QString JsonPathReader::join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString JsonPathReader::index(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

bool JsonPathReader::object(const QJsonValue &v, const QString &path, QJsonObject *out)
{
    if (!v.isObject())
        return fail(path, QStringLiteral("expected an object"));
    *out = v.toObject();
    return true;
}

bool JsonPathReader::onlyKeys(const QJsonObject &o, const QString &path, const QStringList &allowed)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key().startsWith(QLatin1String("x-")) || allowed.contains(it.key()))
            continue;
        return fail(join(path, it.key()), QStringLiteral("unknown key"));
    }
    return true;
}

bool JsonPathReader::string(const QJsonObject &o, const QString &key, const QString &path,
                            QString *out, bool required)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return required ? fail(join(path, key), QStringLiteral("is required")) : true;
    if (!v.isString())
        return fail(join(path, key), QStringLiteral("expected a string"));
    *out = v.toString();
    if (required && out->isEmpty())
        return fail(join(path, key), QStringLiteral("must not be empty"));
    return true;
}

bool JsonPathReader::number(const QJsonObject &o, const QString &key, const QString &path,
                            double *out, bool required, bool *present)
{
    const QJsonValue v = o.value(key);
    if (present)
        *present = false;
    if (v.isUndefined() || v.isNull())
        return required ? fail(join(path, key), QStringLiteral("is required")) : true;
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return fail(join(path, key), QStringLiteral("expected a number"));
    *out = v.toDouble();
    if (present)
        *present = true;
    return true;
}

bool JsonPathReader::positive(const QJsonObject &o, const QString &key, const QString &path,
                              double *out)
{
    if (!number(o, key, path, out, true))
        return false;
    if (*out <= 0)
        return fail(join(path, key), QStringLiteral("must be greater than 0"));
    return true;
}

bool JsonPathReader::integer(const QJsonObject &o, const QString &key, const QString &path,
                             qint64 *out, bool required)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return required ? fail(join(path, key), QStringLiteral("is required")) : true;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::floor(d) != d || std::abs(d) > 9007199254740991.0)
        return fail(join(path, key), QStringLiteral("expected an integer"));
    *out = qint64(d);
    return true;
}

bool JsonPathReader::id(const QJsonObject &o, const QString &key, const QString &path, qint64 *out,
                        bool required)
{
    if (!integer(o, key, path, out, required))
        return false;
    if (o.contains(key) && *out <= 0)
        return fail(join(path, key), QStringLiteral("must be a positive id"));
    return true;
}

bool JsonPathReader::boolean(const QJsonObject &o, const QString &key, const QString &path,
                             bool *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isBool())
        return fail(join(path, key), QStringLiteral("expected true or false"));
    *out = v.toBool();
    return true;
}

bool JsonPathReader::array(const QJsonObject &o, const QString &key, const QString &path,
                           QJsonArray *out, bool required, bool nonEmpty)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return required ? fail(join(path, key), QStringLiteral("is required")) : true;
    if (!v.isArray())
        return fail(join(path, key), QStringLiteral("expected an array"));
    *out = v.toArray();
    if (nonEmpty && out->isEmpty())
        return fail(join(path, key), QStringLiteral("must not be empty"));
    return true;
}

bool JsonPathReader::date(const QJsonObject &o, const QString &key, const QString &path, QDate *out,
                          bool required)
{
    QString text;
    if (!string(o, key, path, &text, required))
        return false;
    if (text.isEmpty())
        return true;
    *out = QDate::fromString(text.left(10), Qt::ISODate);
    if (!out->isValid())
        return fail(join(path, key), QStringLiteral("expected a date like 2026-11-20"));
    return true;
}

bool JsonPathReader::dateTime(const QJsonObject &o, const QString &key, const QString &path,
                              QDateTime *out, bool required)
{
    QString text;
    if (!string(o, key, path, &text, required))
        return false;
    if (text.isEmpty())
        return true;
    *out = QDateTime::fromString(text, Qt::ISODate);
    if (!out->isValid())
        return fail(join(path, key),
                    QStringLiteral("expected an ISO-8601 time like 2026-11-20T12:00:00Z"));
    *out = out->toUTC();
    return true;
}

bool JsonPathReader::oneOf(const QString &value, const QStringList &allowed, const QString &path)
{
    if (allowed.contains(value))
        return true;
    return fail(path, QStringLiteral("must be one of ") + allowed.join(QLatin1String(", ")));
}

bool JsonPathReader::namedRecords(const QJsonObject &o, const QString &key, const QString &path,
                                  QList<NamedRecord> *out, QHash<qint64, int> *lookup)
{
    QJsonArray arr;
    if (!array(o, key, path, &arr, false))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = index(join(path, key), i);
        QJsonObject r;
        NamedRecord rec;
        if (!object(arr.at(i), p, &r) || !id(r, QStringLiteral("id"), p, &rec.id, true) ||
            !string(r, QStringLiteral("name"), p, &rec.name, true))
            return false;
        if (lookup->contains(rec.id))
            return fail(join(p, QStringLiteral("id")),
                        QStringLiteral("duplicate id %1").arg(rec.id));
        lookup->insert(rec.id, int(out->size()));
        out->append(rec);
    }
    return true;
}

} // namespace fulfillsync::sandbox
