#include "sync/channel/shopify/shopifyanswerreader.h"

#include "sync/channel/shopify/shopifygraphql.h"

#include <QCoreApplication>
#include <cmath>

namespace fulfillsync {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ShopifyAnswerReader)
};
} // namespace

void ShopifyAnswerReader::fail(const QString &path, const QString &what)
{
    if (problem.isEmpty())
        problem = Text::tr("%1 %2").arg(path, what);
}

QJsonObject ShopifyAnswerReader::object(const QJsonValue &v, const QString &path)
{
    if (!v.isObject())
        fail(path, Text::tr("is not an object"));
    return v.toObject();
}

QJsonArray ShopifyAnswerReader::array(const QJsonValue &v, const QString &path)
{
    if (!v.isArray())
        fail(path, Text::tr("is not a list"));
    return v.toArray();
}

QString ShopifyAnswerReader::text(const QJsonValue &v, const QString &path, bool nullable)
{
    if (nullable && v.isNull())
        return {};
    if (!v.isString())
        fail(path, Text::tr("is not text"));
    return v.toString();
}

QString ShopifyAnswerReader::gid(const QJsonValue &v, const QString &path, const QString &type)
{
    const QString s = text(v, path);
    const QString id = ShopifyGraphQl::numericId(s);
    if (!ok())
        return id;
    if (type.isEmpty() && id.isEmpty())
        fail(path, Text::tr("is not a Shopify id"));
    else if (!type.isEmpty() &&
             (id.isEmpty() || !s.startsWith(QStringLiteral("gid://shopify/%1/").arg(type))))
        fail(path, Text::tr("is not a Shopify %1 id").arg(type));
    return id;
}

qint64 ShopifyAnswerReader::count(const QJsonValue &v, const QString &path)
{
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d != std::floor(d) || d > 2147483647.0)
        fail(path, Text::tr("is not a whole number"));
    return qint64(d);
}

bool ShopifyAnswerReader::flag(const QJsonValue &v, const QString &path)
{
    if (!v.isBool())
        fail(path, Text::tr("is not true or false"));
    return v.toBool();
}

QString ShopifyAnswerReader::status(const QJsonValue &v, const QString &path,
                                    const QStringList &known)
{
    const QString s = text(v, path);
    if (ok() && !known.contains(s))
        fail(path, Text::tr("has the unknown value \"%1\"").arg(s));
    return s.toLower();
}

} // namespace fulfillsync
