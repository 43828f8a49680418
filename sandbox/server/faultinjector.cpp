#include "sandbox/server/faultinjector.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fulfillsync::sandbox {

bool FaultInjector::add(const QJsonObject &json, QString *error, int *id)
{
    Fault f;
    f.match = json.value(QStringLiteral("match")).toString();
    if (f.match.isEmpty()) {
        *error = QStringLiteral("match: is required");
        return false;
    }
    f.remaining = json.value(QStringLiteral("count")).toInt(1);
    f.status = json.value(QStringLiteral("status")).toInt(0);
    f.body = json.value(QStringLiteral("body"));
    f.delayMs = json.value(QStringLiteral("delayMs")).toInt(0);
    f.hang = json.value(QStringLiteral("hang")).toBool();
    f.drop = json.value(QStringLiteral("drop")).toBool();
    f.commitThenFail = json.value(QStringLiteral("commitThenFail")).toBool();
    f.corrupt = json.value(QStringLiteral("corrupt")).toString();
    static const QStringList kinds = {QStringLiteral("truncate"), QStringLiteral("html"),
                                      QStringLiteral("types"),    QStringLiteral("huge"),
                                      QStringLiteral("utf8"),     QStringLiteral("random")};
    if (!f.corrupt.isEmpty() && !kinds.contains(f.corrupt)) {
        *error = QStringLiteral("corrupt: one of %1").arg(kinds.join(QStringLiteral(", ")));
        return false;
    }
    f.probability = json.value(QStringLiteral("probability")).toDouble(1.0);
    if (json.contains(QStringLiteral("seed")))
        m_random.seed(quint32(json.value(QStringLiteral("seed")).toInteger()));
    if (f.probability <= 0 || f.probability > 1) {
        *error = QStringLiteral("probability must be in (0, 1]");
        return false;
    }
    if (f.remaining < 1 || f.delayMs < 0 || (f.status != 0 && (f.status < 100 || f.status > 599))) {
        *error = QStringLiteral("count must be >= 1, delayMs >= 0 and status 100..599");
        return false;
    }
    if (f.commitThenFail && f.status == 0)
        f.status = 502;
    if (f.status == 0 && f.delayMs == 0 && !f.hang && !f.drop && f.corrupt.isEmpty()) {
        *error = QStringLiteral("a fault needs a status, delayMs, hang, drop or corrupt");
        return false;
    }
    f.id = m_nextId++;
    *id = f.id;
    m_faults.append(f);
    return true;
}

std::optional<FaultInjector::Fault> FaultInjector::take(const QString &endpoint)
{
    for (int i = 0; i < m_faults.size(); ++i) {
        Fault &f = m_faults[i];
        const bool matches =
            f.match == QLatin1String("*") || f.match == endpoint ||
            (f.match.endsWith(QLatin1String(".*")) && endpoint.startsWith(f.match.chopped(1)));
        if (!matches)
            continue;
        if (f.probability < 1.0 && m_random.generateDouble() >= f.probability)
            continue;
        Fault taken = f;
        ++m_injected;
        if (--f.remaining <= 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

QJsonValue FaultInjector::damageTypes(const QJsonValue &value, int depth)
{
    // Each scalar has a chance to become a value of another JSON type; containers are walked.
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = damageTypes(it.value(), depth + 1);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = damageTypes(array.at(i), depth + 1);
        return array;
    }
    if (m_random.generateDouble() >= 0.15)
        return value;
    if (value.isString())
        return m_random.bounded(2) ? QJsonValue(QJsonArray{}) : QJsonValue(QJsonObject{});
    if (value.isDouble())
        return QStringLiteral("x%1").arg(value.toDouble());
    if (value.isBool())
        return 7;
    return QJsonObject{}; // null
}

// Numbers no strict reader may take for a value: NaN, infinities, overflow, hex, signs, blanks.
// (A plausible wrong value — 7 for 2 — is no damage a reader can see: TLS keeps it out.)
QByteArray FaultInjector::nonsenseNumber()
{
    static const QList<QByteArray> nonsense = {"nan", "NaN",  "inf", "-inf",  "1e309",
                                               "-0",  "0x1A", "+5",  "1e300", ""};
    return nonsense.at(m_random.bounded(int(nonsense.size())));
}

// Every number, and every string that reads as one, has a chance to become such nonsense.
QJsonValue FaultInjector::damageNumbers(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = damageNumbers(it.value());
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = damageNumbers(array.at(i));
        return array;
    }
    bool numeric = value.isDouble();
    if (value.isString())
        value.toString().toDouble(&numeric);
    if (!numeric || m_random.generateDouble() >= 0.3)
        return value;
    const QByteArray text = nonsenseNumber();
    if (text == "1e300" && m_random.bounded(2)) // JSON can carry this one as a number
        return 1e300;
    return QString::fromLatin1(text);
}

QString FaultInjector::damageKind(const QString &requested)
{
    static const QStringList kinds = {QStringLiteral("truncate"), QStringLiteral("html"),
                                      QStringLiteral("types"),    QStringLiteral("huge"),
                                      QStringLiteral("utf8"),     QStringLiteral("numbers"),
                                      QStringLiteral("headers")};
    return requested == QLatin1String("random") ? kinds.at(m_random.bounded(int(kinds.size())))
                                                : requested;
}

void FaultInjector::damageHeaders(const QString &kind,
                                  QList<QPair<QByteArray, QByteArray>> *headers)
{
    if (kind != QLatin1String("headers"))
        return;
    static const QList<QByteArray> dates = {"nan", "Thu, 01 Jan 1970 00:00:00 GMT",
                                            "Fri, 31 Dec 2100 23:59:59 GMT", "yesterday",
                                            "Mon, 32 Dec 2026 25:61:61 GMT"};
    headers->append({"Retry-After", nonsenseNumber()});
    headers->append({"Date", dates.at(m_random.bounded(int(dates.size())))});
    headers->append({"X-Shopify-Shop-Api-Call-Limit", nonsenseNumber() + '/' + nonsenseNumber()});
    headers->append({"X-Rate-Limit-Limit", nonsenseNumber()});
    headers->append({"X-Rate-Limit-Remaining", nonsenseNumber()});
    headers->append({"X-Rate-Limit-Reset", nonsenseNumber()});
}

QByteArray FaultInjector::corrupted(const QString &kind, const QByteArray &body)
{
    if (kind == QLatin1String("headers"))
        return body;
    if (kind == QLatin1String("numbers")) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (document.isNull())
            return body;
        const QJsonValue damaged = damageNumbers(
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()));
        return damaged.isObject() ? QJsonDocument(damaged.toObject()).toJson(QJsonDocument::Compact)
                                  : QJsonDocument(damaged.toArray()).toJson(QJsonDocument::Compact);
    }
    if (kind == QLatin1String("truncate"))
        return body.left(body.isEmpty() ? 0 : m_random.bounded(int(body.size())));
    if (kind == QLatin1String("html"))
        return "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad "
               "Gateway</h1><p>The proxy server received an invalid response.</p></body></html>";
    if (kind == QLatin1String("types")) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (document.isNull())
            return body.left(body.size() / 2);
        const QJsonValue damaged = damageTypes(
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()), 0);
        return damaged.isObject() ? QJsonDocument(damaged.toObject()).toJson(QJsonDocument::Compact)
                                  : QJsonDocument(damaged.toArray()).toJson(QJsonDocument::Compact);
    }
    if (kind == QLatin1String("huge")) {
        // Valid JSON with a 4 MB field nobody asked for, or 4 MB of nothing readable.
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (document.isObject() && m_random.bounded(2)) {
            QJsonObject object = document.object();
            object.insert(QStringLiteral("padding"), QString(4 * 1024 * 1024, u'x'));
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
        return QByteArray(4 * 1024 * 1024, '{');
    }
    // utf8: bytes that are not UTF-8 in the middle of the text
    QByteArray damaged = body;
    for (int i = 0; i < 3 && !damaged.isEmpty(); ++i)
        damaged.insert(m_random.bounded(int(damaged.size())), "\xff\xc3\x28");
    return damaged;
}

QJsonArray FaultInjector::toJson() const
{
    QJsonArray list;
    for (const Fault &f : m_faults)
        list.append(QJsonObject{{QStringLiteral("id"), f.id},
                                {QStringLiteral("match"), f.match},
                                {QStringLiteral("count"), f.remaining},
                                {QStringLiteral("status"), f.status},
                                {QStringLiteral("delayMs"), f.delayMs},
                                {QStringLiteral("hang"), f.hang},
                                {QStringLiteral("drop"), f.drop},
                                {QStringLiteral("commitThenFail"), f.commitThenFail},
                                {QStringLiteral("corrupt"), f.corrupt},
                                {QStringLiteral("probability"), f.probability}});
    return list;
}

} // namespace fulfillsync::sandbox
