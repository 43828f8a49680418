#include "sandbox/faultinjector.h"

#include <QJsonArray>

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
    if (f.status == 0 && f.delayMs == 0 && !f.hang && !f.drop) {
        *error = QStringLiteral("a fault needs a status, delayMs, hang or drop");
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
        if (--f.remaining <= 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
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
                                {QStringLiteral("probability"), f.probability}});
    return list;
}

} // namespace fulfillsync::sandbox
