#pragma once

#include "sandbox/netsuite/oauthverifier.h"
#include "sandbox/server/httpexchange.h"

#include <QDateTime>

namespace fulfillsync::sandbox {

class NetSuiteStore;

// NetSuite's REST web services as the connector sees them: TBA on every request, the account's
// concurrency gate, SuiteQL with NetSuite's paging envelope and value quirks, and Record API
// reads (apis.md §1.2-§1.6; the records are rendered by NetSuiteRecords). Errors carry
// NetSuite's RFC 7807-like body.
class NetSuiteService final
{
public:
    static constexpr int kMaxRows = 100000; // SuiteQL's ceiling without SuiteAnalytics Connect

    void setStore(NetSuiteStore *store);
    OAuthVerifier &verifier() { return m_verifier; }

    // netsuite.suiteql, netsuite.record.get, netsuite.other
    static QString endpointOf(const HttpRequest &request);

    // False (and a 401 in `reply`) when the request is not correctly signed.
    bool authenticate(const HttpRequest &request, qint64 realNowSecs, HttpReply *reply);
    // The account's concurrency slots; a refused request gets `reply`: 429
    // CONCURRENCY_LIMIT_EXCEEDED, or with concurrencyRejection 401 the INVALID_LOGIN answer
    // field reports describe under load (its login audit entry then says ConcurrencyLimit).
    bool acquireSlot(HttpReply *reply);
    void releaseSlot();
    int inFlight() const { return m_inFlight; }

    HttpReply handle(const HttpRequest &request, const QDateTime &clockNow);

    static HttpReply error(int status, const QString &code, const QString &detail);
    static HttpReply invalidLogin(); // 401 INVALID_LOGIN, NetSuite's exact body

private:
    HttpReply suiteQl(const HttpRequest &request, const QDateTime &clockNow);

    NetSuiteStore *m_store = nullptr;
    OAuthVerifier m_verifier;
    int m_inFlight = 0;
};

} // namespace fulfillsync::sandbox
