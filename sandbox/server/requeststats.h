#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace fulfillsync::sandbox {

// What each simulated service received: counts by endpoint and by HTTP status, rejected
// requests included (401, 429, injected faults). A request that never got an answer (hang,
// dropped connection) is counted under status "none".
class RequestStats final
{
public:
    void record(const QString &endpoint, int status);
    void clear();
    int count(const QString &endpoint) const;
    QJsonObject toJson() const;

private:
    struct Counter
    {
        int total = 0;
        QMap<QString, int> byStatus;
    };
    QMap<QString, Counter> m_byEndpoint;
    QMap<QString, int> m_byStatus;
    int m_total = 0;
};

} // namespace fulfillsync::sandbox
