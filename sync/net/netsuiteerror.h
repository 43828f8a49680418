#pragma once

#include "models/domain/domain.h"
#include "sync/net/httpresult.h"

#include <QString>

namespace fulfillsync {

// NetSuite's error body (o:errorDetails[].detail / o:errorCode / o:errorPath, apis.md §1.5)
// turned into a class and a sentence an admin can act on.
struct NetSuiteError
{
    ErrorClass errorClass = ErrorClass::None;
    int httpStatus = 0;
    QString code;
    QString detail;
    QString path;
    QString message; // plain words, with the next step

    bool isOk() const { return errorClass == ErrorClass::None; }
    static NetSuiteError fromResult(const HttpResult &result);
    static NetSuiteError malformed(const QString &what);
};

} // namespace fulfillsync
