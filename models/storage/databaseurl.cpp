#include "models/storage/databaseurl.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

namespace fulfillsync {

namespace {
// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUrl)
};
} // namespace

DatabaseUrl DatabaseUrl::parse(const QString &text)
{
    DatabaseUrl result;
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(u"sqlite:")) {
        QString path = trimmed.mid(int(qstrlen("sqlite:")));
        if (path.startsWith(u"//"))
            path = path.mid(2); // sqlite:///abs → /abs
        if (path.isEmpty()) {
            result.error =
                Text::tr("The SQLite URL has no file path (expected sqlite:///path/to/file.db).");
            return result;
        }
        result.engine = Engine::Sqlite;
        result.path = QUrl::fromPercentEncoding(path.toUtf8());
        return result;
    }
    if (trimmed.startsWith(u"postgresql://") || trimmed.startsWith(u"postgres://")) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid()) {
            // Not url.errorString(): it quotes the whole URL, password included.
            result.error = Text::tr("The PostgreSQL URL is not valid (expected "
                                    "postgresql://user:password@host:port/dbname, with %-escapes "
                                    "only as %XX and a numeric port).");
            return result;
        }
        const QUrlQuery query(url);
        result.host = query.hasQueryItem(QStringLiteral("host"))
                          ? query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded)
                          : url.host();
        if (result.host.isEmpty())
            result.host = QStringLiteral("localhost");
        result.port = url.port(5432);
        result.user = url.userName(QUrl::FullyDecoded);
        result.password = url.password(QUrl::FullyDecoded);
        result.databaseName = url.path().mid(1);
        if (result.databaseName.isEmpty()) {
            result.error = Text::tr("The PostgreSQL URL names no database (expected "
                                    "postgresql://user@host:port/dbname).");
            return result;
        }
        result.engine = Engine::Postgres;
        return result;
    }
    result.error = Text::tr("Unknown database URL \"%1\": use sqlite:///path/to/file.db or "
                            "postgresql://user@host:port/dbname.")
                       .arg(trimmed.section(u':', 0, 0));
    return result;
}

QString DatabaseUrl::driverName() const
{
    switch (engine) {
    case Engine::Sqlite:
        return QStringLiteral("QSQLITE");
    case Engine::Postgres:
        return QStringLiteral("QPSQL");
    case Engine::Invalid:
        break;
    }
    return {};
}

QString DatabaseUrl::displayString() const
{
    switch (engine) {
    case Engine::Sqlite:
        return QStringLiteral("sqlite://") + path;
    case Engine::Postgres:
        return QStringLiteral("postgresql://%1@%2:%3/%4")
            .arg(user, host)
            .arg(port)
            .arg(databaseName);
    case Engine::Invalid:
        break;
    }
    return {};
}

} // namespace fulfillsync
