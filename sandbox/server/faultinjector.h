#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace fulfillsync::sandbox {

// Faults for the next matching requests (POST /_sandbox/faults). `match` is an endpoint name
// such as "netsuite.suiteql" or "shopify.graphql.fulfillmentCreate", a prefix ending in ".*",
// or "*". With `probability` (0 < p ≤ 1) a fault hits each matching request only with that
// chance, up to `count` times — a steady rate of failures for soak tests, reproducible from
// `seed`.
class FaultInjector final
{
public:
    struct Fault
    {
        int id = 0;
        QString match;
        int remaining = 1;
        int status = 0;  // 0 = answer normally (after delay/commit)
        QJsonValue body; // object or string; default depends on status
        int delayMs = 0;
        bool hang = false;           // never answer
        bool drop = false;           // close the connection without answering
        bool commitThenFail = false; // apply the request, then answer `status` (default 502)
        // Apply the request, then damage the answer: its body (truncate, html, types, huge, utf8,
        // numbers: every number nonsense — "nan", "1e309", "-0", "0x1A", 0), or its headers
        // (headers: Retry-After, Date and the rate-limit headers nonsense), or random (one of
        // them); with `status` also the status line.
        QString corrupt;
        double probability = 1.0;
    };

    // The damage a `corrupt` fault does (deterministic for the injector's seed): "random"
    // picks one kind, then the body and the headers are damaged as that kind says.
    QString damageKind(const QString &requested);
    QByteArray corrupted(const QString &kind, const QByteArray &body);
    void damageHeaders(const QString &kind, QList<QPair<QByteArray, QByteArray>> *headers);

    bool add(const QJsonObject &json, QString *error, int *id);
    std::optional<Fault> take(const QString &endpoint);
    void clear() { m_faults.clear(); }
    int injected() const { return m_injected; } // faults applied since the sandbox started
    QJsonArray toJson() const;

private:
    QJsonValue damageTypes(const QJsonValue &value, int depth);
    QJsonValue damageNumbers(const QJsonValue &value);
    QByteArray nonsenseNumber();

    QList<Fault> m_faults;
    int m_nextId = 1;
    int m_injected = 0;
    QRandomGenerator m_random{1};
};

} // namespace fulfillsync::sandbox
