#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace fulfillsync::sandbox {

// One HTTP request as the simulated services see it, detached from QHttpServer so that the
// services are plain objects (testable without sockets, usable with any transport).
struct HttpRequest
{
    QString method; // upper-case: GET, POST, PATCH, DELETE
    QUrl url;       // as the client addressed it: http://<Host header><path>?<query>
    QString path;   // decoded path
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const char *lowerCaseName) const
    {
        return headers.value(QByteArray(lowerCaseName));
    }
};

struct HttpReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray contentType = "application/json; charset=UTF-8";

    static HttpReply json(int status, const QJsonObject &object)
    {
        HttpReply r;
        r.status = status;
        r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        return r;
    }
    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }
};

} // namespace fulfillsync::sandbox
