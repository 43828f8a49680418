#include "sandbox/netsuite/netsuiteservice.h"

#include "sandbox/netsuite/netsuiterecords.h"
#include "sandbox/netsuite/netsuitestore.h"
#include "sandbox/netsuite/netsuitetransform.h"
#include "sandbox/netsuite/suiteqltranslator.h"
#include "sandbox/server/sandboxlogging.h"

#include <QJsonArray>

namespace fulfillsync::sandbox {

namespace {

const QString kSuiteQlPath = QStringLiteral("/services/rest/query/v1/suiteql");

QString typeUrl(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1");
    case 401:
        return QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2");
    case 404:
        return QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5");
    case 405:
        return QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.6");
    case 415:
        return QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.16");
    case 429:
        return QStringLiteral("https://tools.ietf.org/html/rfc6585#section-4");
    default:
        return QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1");
    }
}

QString title(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 429:
        return QStringLiteral("Too Many Requests");
    default:
        return QStringLiteral("Internal Server Error");
    }
}

QString searchError(const QString &reason)
{
    return QStringLiteral("Invalid search query. Detailed unprocessed description follows. "
                          "Search error occurred: ") +
           reason;
}

// SQLite's complaint in NetSuite's words, keeping the name that was wrong.
QString describeSqliteError(const QString &message)
{
    if (message.startsWith(QLatin1String("no such column: ")))
        return QStringLiteral("Field '%1' was not found. Reason: NOT_EXPOSED - Not available for "
                              "channel SEARCH.")
            .arg(message.mid(16));
    if (message.startsWith(QLatin1String("no such table: ")))
        return QStringLiteral("Record '%1' was not found.").arg(message.mid(15));
    return QStringLiteral("Invalid or unsupported search. (%1)").arg(message);
}

} // namespace

void NetSuiteService::setStore(NetSuiteStore *store)
{
    m_store = store;
    if (!store)
        return;
    const NetSuiteScenario &a = store->data();
    m_verifier.setCredentials(
        {a.accountId, a.consumerKey, a.consumerSecret, a.tokenId, a.tokenSecret});
    m_verifier.setTimestampCheck(a.checkTimestamp, a.timestampSkewSeconds);
}

QString NetSuiteService::endpointOf(const HttpRequest &request)
{
    if (request.path == kSuiteQlPath)
        return QStringLiteral("netsuite.suiteql");
    if (NetSuiteTransform::isTransformPath(request.path))
        return QStringLiteral("netsuite.record.transform");
    if (request.method == QLatin1String("GET") && NetSuiteRecords::isRecordPath(request.path))
        return QStringLiteral("netsuite.record.get");
    return QStringLiteral("netsuite.other");
}

HttpReply NetSuiteService::error(int status, const QString &code, const QString &detail)
{
    return HttpReply::json(
        status, QJsonObject{{QStringLiteral("type"), typeUrl(status)},
                            {QStringLiteral("title"), title(status)},
                            {QStringLiteral("status"), status},
                            {QStringLiteral("o:errorDetails"),
                             QJsonArray{QJsonObject{{QStringLiteral("detail"), detail},
                                                    {QStringLiteral("o:errorCode"), code}}}}});
}

bool NetSuiteService::authenticate(const HttpRequest &request, qint64 realNowSecs, HttpReply *reply)
{
    QString detail;
    const OAuthVerifier::Result result = m_verifier.verify(
        request.method, request.url, request.header("authorization"), realNowSecs, &detail);
    if (result == OAuthVerifier::Result::Ok)
        return true;
    qCDebug(lcSandbox) << "netsuite: login refused:" << OAuthVerifier::reasonName(result) << detail;
    *reply = invalidLogin();
    return false;
}

HttpReply NetSuiteService::invalidLogin()
{
    return error(401, QStringLiteral("INVALID_LOGIN"),
                 QStringLiteral("Invalid login attempt. For more details, see the Login Audit "
                                "Trail in the NetSuite UI at Setup > Users/Roles > User "
                                "Management > View Login Audit Trail."));
}

bool NetSuiteService::acquireSlot(HttpReply *reply)
{
    const int limit = m_store ? m_store->data().concurrencyLimit : 5;
    if (m_inFlight >= limit) {
        if (m_store && m_store->data().concurrencyRejection == 401) {
            // Indistinguishable from a bad signature on the wire; only the trail tells.
            m_verifier.refuseLastLogin(
                QStringLiteral("ConcurrencyLimit"),
                QStringLiteral("%1 requests in flight, limit %2").arg(m_inFlight).arg(limit));
            *reply = invalidLogin();
        } else {
            *reply = error(429, QStringLiteral("CONCURRENCY_LIMIT_EXCEEDED"),
                           QStringLiteral("Concurrent request limit exceeded. Request blocked."));
        }
        return false;
    }
    ++m_inFlight;
    return true;
}

void NetSuiteService::releaseSlot()
{
    if (m_inFlight > 0)
        --m_inFlight;
}

HttpReply NetSuiteService::handle(const HttpRequest &request, const QDateTime &clockNow)
{
    if (request.path == kSuiteQlPath) {
        if (request.method != QLatin1String("POST"))
            return error(405, QStringLiteral("INVALID_METHOD"),
                         QStringLiteral("The %1 method is not supported for this resource.")
                             .arg(request.method));
        return suiteQl(request, clockNow);
    }
    if (NetSuiteTransform::isTransformPath(request.path))
        return NetSuiteTransform::handle(request, *m_store, clockNow);
    if (NetSuiteRecords::isRecordPath(request.path))
        return NetSuiteRecords::handle(request, *m_store);
    return error(404, QStringLiteral("NONEXISTENT_ID"),
                 QStringLiteral("The requested resource %1 does not exist in this sandbox.")
                     .arg(request.path));
}

HttpReply NetSuiteService::suiteQl(const HttpRequest &request, const QDateTime &clockNow)
{
    if (!request.header("content-type").toLower().startsWith("application/json"))
        return error(415, QStringLiteral("INVALID_CONTENT_TYPE"),
                     QStringLiteral("Invalid content type. You can only use application/json "
                                    "with this request."));
    auto intParam = [&](const char *name, int fallback, bool *ok) {
        const QString text = request.query.queryItemValue(QLatin1String(name));
        if (text.isEmpty()) {
            *ok = true;
            return fallback;
        }
        return text.toInt(ok);
    };
    bool ok = false;
    const int limit = intParam("limit", 1000, &ok);
    if (!ok || limit < 1 || limit > 1000)
        return error(400, QStringLiteral("INVALID_PARAMETER"),
                     QStringLiteral("Invalid value for the resource or sub-resource field 'limit'. "
                                    "The value must be an integer between 1 and 1000."));
    const int offset = intParam("offset", 0, &ok);
    if (!ok || offset < 0)
        return error(400, QStringLiteral("INVALID_PARAMETER"),
                     QStringLiteral("Invalid value for the resource or sub-resource field "
                                    "'offset'. The value must be a non-negative integer."));
    if (m_store->data().offsetMustBeMultipleOfLimit && offset % limit != 0)
        return error(400, QStringLiteral("INVALID_PARAMETER"),
                     QStringLiteral("Invalid value for the resource or sub-resource field "
                                    "'offset'. The offset must be a multiple of the limit."));
    if (offset >= kMaxRows)
        return error(400, QStringLiteral("INVALID_PARAMETER"),
                     QStringLiteral("The query result exceeds the maximum of %1 rows that can be "
                                    "paged through. Narrow the query (for example by a date or id "
                                    "window) instead of paging beyond offset %1.")
                         .arg(kMaxRows));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    const QJsonValue q = doc.object().value(QStringLiteral("q"));
    if (pe.error != QJsonParseError::NoError || !doc.isObject() || !q.isString())
        return error(400, QStringLiteral("INVALID_CONTENT"),
                     QStringLiteral("The request body must be a JSON object with a string field "
                                    "'q' holding the SuiteQL query."));

    QString sql, reason;
    if (!SuiteQlTranslator(clockNow).translate(q.toString(), &sql, &reason))
        return error(400, QStringLiteral("INVALID_PARAMETER"), searchError(reason));

    SqliteDatabase &db = m_store->database();
    db.setQueryOnly(true);
    SqliteStatement count =
        db.prepare(QStringLiteral("SELECT COUNT(*) FROM (") + sql + QStringLiteral("\n)"));
    SqliteStatement page =
        db.prepare(sql + QStringLiteral("\nLIMIT %1 OFFSET %2").arg(limit).arg(offset));
    qint64 total = 0;
    QJsonArray items;
    QString failure =
        !page.isValid() ? page.error() : (!count.isValid() ? count.error() : QString());
    if (failure.isEmpty()) {
        if (count.step())
            total = count.int64(0);
        QStringList names;
        for (int c = 0; c < page.columnCount(); ++c)
            names << page.columnName(c).toLower();
        while (page.step()) {
            QJsonObject item{{QStringLiteral("links"), QJsonArray()}};
            for (int c = 0; c < names.size(); ++c)
                if (!page.isNull(c)) // NetSuite leaves NULL columns out of the item
                    item.insert(names[c], page.suiteQlText(c));
            items.append(item);
        }
        failure = page.error().isEmpty() ? count.error() : page.error();
    }
    db.setQueryOnly(false);
    if (!failure.isEmpty()) {
        qCDebug(lcSandbox) << "suiteql failed:" << failure << "sql:" << sql;
        return error(400, QStringLiteral("INVALID_PARAMETER"),
                     searchError(describeSqliteError(failure)));
    }

    auto link = [&](const char *rel, qint64 at) {
        QUrl url = request.url;
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("limit"));
        query.removeAllQueryItems(QStringLiteral("offset"));
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
        query.addQueryItem(QStringLiteral("offset"), QString::number(at));
        url.setQuery(query);
        return QJsonObject{{QStringLiteral("rel"), QLatin1String(rel)},
                           {QStringLiteral("href"), url.toString()}};
    };
    const bool hasMore = offset + items.size() < total;
    QJsonArray links;
    if (offset > 0) {
        links.append(link("previous", std::max(0, offset - limit)));
        links.append(link("first", 0));
    }
    if (hasMore) {
        links.append(link("next", offset + limit));
        links.append(link("last", total > 0 ? ((total - 1) / limit) * limit : 0));
    }
    links.append(link("self", offset));
    return HttpReply::json(200, QJsonObject{{QStringLiteral("links"), links},
                                            {QStringLiteral("count"), items.size()},
                                            {QStringLiteral("hasMore"), hasMore},
                                            {QStringLiteral("offset"), offset},
                                            {QStringLiteral("totalResults"), total},
                                            {QStringLiteral("items"), items}});
}

} // namespace fulfillsync::sandbox
