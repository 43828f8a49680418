#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>
#include <functional>
#include <memory>

class QSqlError;
class QSqlQuery;

namespace fulfillsync {

// Small helpers so every repository reports failures the same way: the statement's own
// error text (never its bound values, which may hold customer data).
// Executes a prepared query; null QString bind values are stored as empty text.
bool execOrReport(QSqlQuery &query, QString *error);
bool prepareOrReport(QSqlQuery &query, const QString &sql, QString *error);
// Prepares sql, binds values in order and executes it; rows, if any, are then ready to read.
bool runQuery(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error);
QString describeSqlError(const QSqlQuery &query);
// Whether the database ended the statement's transaction to settle a conflict with a concurrent
// one: PostgreSQL's deadlock_detected (40P01) or serialization_failure (40001), which QPSQL
// gives as the native error code. The same transaction run again from its start may well
// succeed; any other error would only fail again.
bool isTransientConflict(const QSqlError &error);

// Statements prepared once and reused for the life of a repository object: a sync pass keeps
// its repositories, so its thousands of lookups skip the parse and plan (measured: preparing
// was a third of a pass's CPU time). A Statement hands one out and finishes it when it goes out
// of scope, so no read stays open on the connection.
class StatementCache final
{
public:
    explicit StatementCache(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    class Statement final
    {
    public:
        explicit operator bool() const { return m_query != nullptr; }
        QSqlQuery &query() const { return *m_query; }
        Statement(Statement &&other) noexcept
            : m_query(std::exchange(other.m_query, nullptr))
        {}
        Statement(const Statement &) = delete;
        Statement &operator=(const Statement &) = delete;
        Statement &operator=(Statement &&) = delete;
        ~Statement();

    private:
        friend class StatementCache;
        explicit Statement(QSqlQuery *query)
            : m_query(query)
        {}
        QSqlQuery *m_query = nullptr;
    };

    // A prepared statement with no bound values; empty (error set) when sql does not prepare.
    Statement prepare(const QString &sql, QString *error);
    // Prepared, bound in order and executed (like runQuery); empty (error set) on failure.
    Statement run(const QString &sql, const QVariantList &values, QString *error);

private:
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_queries;
};

// RAII transaction: commits only when commit() is called, rolls back otherwise. Nests: an inner
// Transaction on the same connection becomes a savepoint of the outer one.
class Transaction final
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool isActive() const { return m_active; }
    bool isNested() const { return m_depth > 0; }
    bool commit(QString *error);

private:
    QSqlDatabase &m_db;
    int m_depth = 0;
    bool m_active = false;
};

// Runs `work` in a Transaction and commits it. A transaction the database ended for losing a
// conflict with a concurrent one (isTransientConflict, as seen by execOrReport, runQuery,
// StatementCache and the commit) is rolled back and run again from the start, a few times,
// after a short random pause; any other failure ends it at once. `work` returns false on
// failure and sets the caller's error; runTransaction sets *error for the commit's own failure.
// Inside an outer transaction it runs once, as a savepoint: a deadlock victim's locks are all
// gone only when the outermost transaction ends, so only that one can be run again.
bool runTransaction(QSqlDatabase &db, const std::function<bool()> &work, QString *error);
// How many times runTransaction runs a transaction that keeps losing conflicts.
inline constexpr int kTransactionAttempts = 5;

// A write that must survive a power cut the moment it returns (the outbox intent, committed
// before its request leaves). SQLite runs WAL with synchronous=NORMAL, which survives a crashed
// process but may lose the last commits on power loss; for this scope the WAL is synced at
// commit (FULL). PostgreSQL commits are durable already (synchronous_commit=on).
class DurableWrites final
{
public:
    explicit DurableWrites(QSqlDatabase &db);
    ~DurableWrites();
    DurableWrites(const DurableWrites &) = delete;
    DurableWrites &operator=(const DurableWrites &) = delete;

private:
    QSqlDatabase &m_db;
    bool m_sqlite = false;
};

} // namespace fulfillsync
