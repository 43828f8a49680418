#pragma once

#include "sync/net/httpresult.h"
#include "sync/net/netsuiteendpoint.h"
#include "sync/net/netsuiteerror.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

class QNetworkAccessManager;

namespace fulfillsync {

class HttpCall;
class RequestGate;

// Runs one SuiteQL query page by page (POST …/query/v1/suiteql?limit&offset, Prefer: transient)
// and hands each page's rows over as they arrive. Stops before NetSuite's 100,000-row ceiling and
// says so with reachedCeiling(), so the caller can continue with a keyset window.
class SuiteQlQuery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuiteQlQuery)

public:
    static constexpr int MaxPageSize = 1000;
    static constexpr int RowCeiling = 100000;

    SuiteQlQuery(QNetworkAccessManager &network, NetSuiteEndpoint endpoint, QString query,
                 QObject *parent = nullptr);

    // Optional: every page waits for a slot of this account's gate.
    void setGate(RequestGate *gate) { m_gate = gate; }
    void setPageSize(int rows) { m_pageSize = qBound(1, rows, MaxPageSize); }
    // Set when these credentials were accepted earlier in the run: a later 401 is then treated
    // as NetSuite's "busy" variant and retried with backoff.
    ~SuiteQlQuery() override;
    void setCredentialsProven(bool proven) { m_credentialsProven = proven; }
    // Attempts and backoff for failed pages (tests shorten the delays).
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    bool credentialsProven() const { return m_credentialsProven; }
    void start();
    void abort();
    int requestsSent() const { return m_requests; }
    // The rows the query matches, as NetSuite's last page said (totalResults); -1: not said.
    qint64 totalResults() const { return m_totalResults; }
    // NetSuite's clock when it began on the earliest page answered (see
    // HttpResult::serverStartedBy); invalid when an answer carried no readable Date.
    QDateTime earliestServerStart() const { return m_dateless ? QDateTime() : m_earliestStart; }

Q_SIGNALS:
    void pageReceived(const QList<QJsonObject> &rows);
    // error.isOk() on success; reachedCeiling: more rows exist beyond the 100,000-row window.
    void finished(const fulfillsync::NetSuiteError &error, bool reachedCeiling);

private:
    void requestPage();
    void sendPage();
    void releaseSlot();
    void onPage(const fulfillsync::HttpResult &result);
    // Hands a readable page over (and asks for the next); else says what is unreadable.
    QString readPage(const QByteArray &body);

    QNetworkAccessManager &m_network;
    qint64 m_totalResults = -1;
    QDateTime m_earliestStart;
    bool m_dateless = false;
    NetSuiteEndpoint m_endpoint;
    QString m_query;
    int m_pageSize = MaxPageSize;
    int m_offset = 0;
    int m_requests = 0;
    bool m_credentialsProven = false;
    RetryPolicy m_policy;
    int m_unreadablePages = 0; // in a row, for the current page
    HttpCall *m_call = nullptr;
    RequestGate *m_gate = nullptr;
    bool m_holdsSlot = false;
    bool m_aborted = false;
};

} // namespace fulfillsync
