#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <functional>

namespace fulfillsync::test {

struct FakeRequest
{
    QByteArray verb;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool hang = false; // never answers; the request's transfer timeout still applies
};

// An in-process network for fast engine tests (nextcloud's FakeQNAM): routes by verb and path
// pattern, records every request, and answers asynchronously like a real reply.
class FakeNetworkAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT

public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);

    // A later route for the same request wins, so a test can change one answer mid-way.
    void route(const QByteArray &verb, const QString &pathPattern, Handler handler);
    const QList<FakeRequest> &journal() const { return m_journal; }
    void clearJournal() { m_journal.clear(); }
    // Benchmarks: a million requests kept would be the harness's memory, not the engine's.
    void setJournalEnabled(bool enabled) { m_journalEnabled = enabled; }
    int count(const QByteArray &verb, const QString &pathPattern) const;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    struct Route
    {
        QByteArray verb;
        QRegularExpression path;
        Handler handler;
    };
    QList<Route> m_routes;
    QList<FakeRequest> m_journal;
    bool m_journalEnabled = true;
};

class FakeReply final : public QNetworkReply
{
    Q_OBJECT

public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
              const FakeResponse &response, QObject *parent);
    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void respond();
    void fail(NetworkError error, const QString &text);

    FakeResponse m_response;
    qint64 m_position = 0;
};

} // namespace fulfillsync::test
