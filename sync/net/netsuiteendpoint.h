#pragma once

#include "sync/net/tbasigner.h"

#include <QUrl>

namespace fulfillsync {

// Where and how to reach one NetSuite account. Held in memory only (it carries secrets).
struct NetSuiteEndpoint
{
    QString accountId;
    QUrl baseUrl; // empty: derived from the account id
    TbaCredentials credentials;
    int timeoutMs = 120000;

    QUrl restBase() const
    {
        return baseUrl.isEmpty() ? NetSuiteAccountId::defaultRestBaseUrl(accountId) : baseUrl;
    }
    QString realm() const { return NetSuiteAccountId::realmOf(accountId); }
};

} // namespace fulfillsync
