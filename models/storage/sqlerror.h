#pragma once

#include <QString>
#include <QVariantList>

class QSqlQuery;
class QSqlDatabase;

namespace fulfillsync {

// Small helpers so every repository reports failures the same way: the statement's own
// error text (never its bound values, which may hold customer data).
// Executes a prepared query; null QString bind values are stored as empty text.
bool execOrReport(QSqlQuery &query, QString *error);
bool prepareOrReport(QSqlQuery &query, const QString &sql, QString *error);
// Prepares sql, binds values in order and executes it; rows, if any, are then ready to read.
bool runQuery(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error);
QString describeSqlError(const QSqlQuery &query);

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
    bool commit(QString *error);

private:
    QSqlDatabase &m_db;
    int m_depth = 0;
    bool m_active = false;
};

} // namespace fulfillsync
