#include "sync/net/netsuiteerror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fulfillsync {

namespace {
// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(NetSuiteError)
};
} // namespace

NetSuiteError NetSuiteError::malformed(const QString &what)
{
    NetSuiteError error;
    error.errorClass = ErrorClass::Server;
    error.message =
        Text::tr("NetSuite sent an answer this program cannot read (%1). Try again later; if "
                 "it persists, check the REST base URL.")
            .arg(what);
    return error;
}

NetSuiteError NetSuiteError::fromResult(const HttpResult &result)
{
    NetSuiteError error;
    error.httpStatus = result.status;
    if (result.isSuccess())
        return error;

    if (result.cancelled) {
        error.errorClass = ErrorClass::Transient;
        error.message = Text::tr("The request to NetSuite was cancelled.");
        return error;
    }
    if (!result.hasHttpAnswer()) {
        error.errorClass = ErrorClass::Transient;
        error.message =
            result.timedOut
                ? Text::tr("NetSuite did not answer in time. The run will try again later.")
                : Text::tr("NetSuite cannot be reached (%1). Check the network and the REST "
                           "base URL.")
                      .arg(result.networkErrorText);
        return error;
    }

    const QJsonDocument document = QJsonDocument::fromJson(result.body);
    const QJsonArray details = document.object().value(QLatin1String("o:errorDetails")).toArray();
    if (!details.isEmpty()) {
        const QJsonObject first = details.first().toObject();
        error.detail = first.value(QLatin1String("detail")).toString();
        error.code = first.value(QLatin1String("o:errorCode")).toString();
        error.path = first.value(QLatin1String("o:errorPath")).toString();
    }

    const int status = result.status;
    if (status == 429 || error.code == u"CONCURRENCY_LIMIT_EXCEEDED" ||
        error.code == u"SSS_REQUEST_LIMIT_EXCEEDED") {
        error.errorClass = ErrorClass::RateLimit;
        error.message =
            Text::tr("NetSuite is busy: the account's concurrent request limit is reached. "
                     "The run waits and tries again.");
    } else if (status == 401) {
        error.errorClass = ErrorClass::Auth;
        error.message =
            Text::tr("NetSuite refused the login. Check the account id and the token "
                     "credentials; NetSuite's Login Audit Trail shows the exact reason.");
    } else if (status == 403 || error.code == u"INSUFFICIENT_PERMISSION") {
        error.errorClass = ErrorClass::Permission;
        error.message =
            Text::tr("The NetSuite role of this token may not read transactions. Give the "
                     "role the Transactions and SuiteAnalytics Workbook permissions.");
    } else if (status >= 500) {
        error.errorClass = ErrorClass::Server;
        error.message =
            Text::tr("NetSuite had an internal error (HTTP %1). The run will try again later.")
                .arg(status);
    } else {
        error.errorClass = ErrorClass::Validation;
        error.message =
            Text::tr("NetSuite rejected the request: %1")
                .arg(error.detail.isEmpty() ? Text::tr("HTTP %1").arg(status) : error.detail);
    }
    if (document.isNull() && status != 0 && error.detail.isEmpty()) {
        // An HTML error page from a proxy or maintenance window.
        error.message +=
            u' ' + Text::tr("(The answer was not NetSuite's JSON; a proxy or maintenance "
                            "page may be in the way.)");
    }
    return error;
}

} // namespace fulfillsync
