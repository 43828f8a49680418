#pragma once

#include "sandbox/httpexchange.h"
#include "sandbox/oauthverifier.h"

#include <QDateTime>

namespace fulfillsync::sandbox {

class NetSuiteStore;

// NetSuite's REST web services as the connector sees them: TBA on every request, the account's
// concurrency gate, and SuiteQL with NetSuite's paging envelope and value quirks (apis.md §1.2,
// §1.3, §1.5, §1.6). Errors carry NetSuite's RFC 7807-like body.
class NetSuiteService final
{
public:
    static constexpr int kMaxRows = 100000; // SuiteQL's ceiling without SuiteAnalytics Connect

    void setStore(NetSuiteStore *store);
    OAuthVerifier &verifier() { return m_verifier; }

    static QString endpointOf(const HttpRequest &request); // netsuite.suiteql, netsuite.other

    // False (and a 401 in `reply`) when the request is not correctly signed.
    bool authenticate(const HttpRequest &request, qint64 realNowSecs, HttpReply *reply);
    // The account's concurrency slots; a refused request gets `reply` (429).
    bool acquireSlot(HttpReply *reply);
    void releaseSlot();
    int inFlight() const { return m_inFlight; }

    HttpReply handle(const HttpRequest &request, const QDateTime &clockNow);

    static HttpReply error(int status, const QString &code, const QString &detail);

private:
    HttpReply suiteQl(const HttpRequest &request, const QDateTime &clockNow);

    NetSuiteStore *m_store = nullptr;
    OAuthVerifier m_verifier;
    int m_inFlight = 0;
};

} // namespace fulfillsync::sandbox
