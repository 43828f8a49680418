#include "models/storage/sqlerror.h"

#include <QHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

Q_LOGGING_CATEGORY(lcStorage, "fulfillsync.storage", QtInfoMsg)

namespace fulfillsync {

namespace {
// The connections of this thread (by driver, one per connection) on which a statement lost a
// conflict since their outermost runTransaction began. The statement helpers note it here, so
// runTransaction can tell a deadlock from any other failure without every repository passing
// the QSqlError up (connections are per thread, so per thread is enough).
thread_local QSet<const QSqlDriver *> t_lostConflict;

void noteFailure(const QSqlDriver *driver, const QSqlError &error)
{
    if (driver && isTransientConflict(error))
        t_lostConflict.insert(driver);
}
} // namespace

bool isTransientConflict(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == u"40P01" || code == u"40001";
}

QString describeSqlError(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text.isEmpty() ? error.text() : text;
}

bool execOrReport(QSqlQuery &query, QString *error)
{
    // Every text column is NOT NULL with '' as "no value": a null QString means empty here.
    const QVariantList values = query.boundValues();
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.bindValue(i, QStringLiteral(""));
    }
    if (query.exec())
        return true;
    noteFailure(query.driver(), query.lastError());
    if (error)
        *error = describeSqlError(query);
    return false;
}

bool runQuery(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error)
{
    if (!prepareOrReport(query, sql, error))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return execOrReport(query, error);
}

bool prepareOrReport(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.prepare(sql))
        return true;
    noteFailure(query.driver(), query.lastError());
    if (error)
        *error = describeSqlError(query);
    return false;
}

StatementCache::Statement::~Statement()
{
    if (m_query)
        m_query->finish();
}

StatementCache::Statement StatementCache::prepare(const QString &sql, QString *error)
{
    std::shared_ptr<QSqlQuery> &query = m_queries[sql];
    if (!query) {
        auto fresh = std::make_shared<QSqlQuery>(m_db);
        fresh->setForwardOnly(true);
        if (!prepareOrReport(*fresh, sql, error)) {
            m_queries.remove(sql);
            return Statement(nullptr);
        }
        query = std::move(fresh);
    }
    return Statement(query.get());
}

StatementCache::Statement StatementCache::run(const QString &sql, const QVariantList &values,
                                              QString *error)
{
    Statement statement = prepare(sql, error);
    if (!statement)
        return statement;
    for (const QVariant &value : values)
        statement.query().addBindValue(value);
    if (!execOrReport(statement.query(), error))
        return Statement(nullptr);
    return statement;
}

namespace {
// Nesting depth per connection (connections are per thread, so per thread is enough).
thread_local QHash<QString, int> t_depth;
} // namespace

Transaction::Transaction(QSqlDatabase &db)
    : m_db(db)
    , m_depth(t_depth.value(db.connectionName()))
{
    if (m_depth == 0) {
        m_active = db.transaction();
    } else {
        // Nested: a savepoint, so an inner unit of work can fail without ending the outer one.
        QSqlQuery q(db);
        m_active = q.exec(QStringLiteral("SAVEPOINT fs_%1").arg(m_depth));
    }
    if (m_active)
        t_depth[db.connectionName()] = m_depth + 1;
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (m_depth == 0) {
        m_db.rollback();
    } else {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT fs_%1").arg(m_depth));
        q.exec(QStringLiteral("RELEASE SAVEPOINT fs_%1").arg(m_depth));
    }
    t_depth[m_db.connectionName()] = m_depth;
}

bool Transaction::commit(QString *error)
{
    if (!m_active) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    m_active = false;
    t_depth[m_db.connectionName()] = m_depth;
    if (m_depth > 0) {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("RELEASE SAVEPOINT fs_%1").arg(m_depth)))
            return true;
        if (error)
            *error = describeSqlError(q);
        q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT fs_%1").arg(m_depth));
        return false;
    }
    if (m_db.commit())
        return true;
    noteFailure(m_db.driver(), m_db.lastError());
    if (error)
        *error = m_db.lastError().text();
    m_db.rollback();
    return false;
}

bool runTransaction(QSqlDatabase &db, const std::function<bool()> &work, QString *error)
{
    const auto once = [&] {
        Transaction transaction(db);
        return work() && transaction.commit(error);
    };
    if (t_depth.value(db.connectionName()) > 0)
        return once(); // a savepoint: the outermost transaction is the one to run again
    const QSqlDriver *driver = db.driver();
    for (int attempt = 1;; ++attempt) {
        t_lostConflict.remove(driver);
        if (once())
            return true;
        if (!t_lostConflict.remove(driver) || attempt == kTransactionAttempts)
            return false;
        // A deadlock's loser has already waited out the server's deadlock_timeout (1 s by
        // default) before it was told; a pause of a few tens of milliseconds more lets the winner
        // commit before the rerun meets it again, and its randomness keeps two losers apart.
        // Sleeping blocks this connection's thread (a worker's whole event loop), which is why it
        // stays this short: 5–20 ms after the first loss, growing to at most 200 ms over all
        // attempts.
        const int pauseMs = int(QRandomGenerator::global()->bounded(5, 21)) * attempt;
        qCInfo(lcStorage).nospace() << "a transaction lost a conflict with a concurrent one ("
                                    << "attempt " << attempt << " of " << kTransactionAttempts
                                    << "); running it again in " << pauseMs << " ms";
        QThread::msleep(pauseMs);
    }
}

DurableWrites::DurableWrites(QSqlDatabase &db)
    : m_db(db)
    , m_sqlite(db.driverName() == u"QSQLITE")
{
    if (m_sqlite)
        QSqlQuery(db).exec(QStringLiteral("PRAGMA synchronous=FULL"));
}

DurableWrites::~DurableWrites()
{
    if (m_sqlite)
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
}

} // namespace fulfillsync
