#include "sandbox/server/requeststats.h"

namespace fulfillsync::sandbox {

void RequestStats::record(const QString &endpoint, int status)
{
    const QString key = status > 0 ? QString::number(status) : QStringLiteral("none");
    Counter &c = m_byEndpoint[endpoint];
    ++c.total;
    ++c.byStatus[key];
    ++m_byStatus[key];
    ++m_total;
}

void RequestStats::clear()
{
    m_byEndpoint.clear();
    m_byStatus.clear();
    m_total = 0;
}

int RequestStats::count(const QString &endpoint) const
{
    return m_byEndpoint.value(endpoint).total;
}

QJsonObject RequestStats::toJson() const
{
    QJsonObject byEndpoint;
    for (auto it = m_byEndpoint.cbegin(); it != m_byEndpoint.cend(); ++it) {
        QJsonObject statuses;
        for (auto s = it->byStatus.cbegin(); s != it->byStatus.cend(); ++s)
            statuses.insert(s.key(), s.value());
        byEndpoint.insert(it.key(), QJsonObject{{QStringLiteral("total"), it->total},
                                                {QStringLiteral("byStatus"), statuses}});
    }
    QJsonObject byStatus;
    for (auto s = m_byStatus.cbegin(); s != m_byStatus.cend(); ++s)
        byStatus.insert(s.key(), s.value());
    return QJsonObject{{QStringLiteral("total"), m_total},
                       {QStringLiteral("byEndpoint"), byEndpoint},
                       {QStringLiteral("byStatus"), byStatus}};
}

} // namespace fulfillsync::sandbox
