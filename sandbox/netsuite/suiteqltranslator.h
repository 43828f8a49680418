#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace fulfillsync::sandbox {

// Translates SuiteQL (NetSuite's Oracle-flavoured, read-only SQL) into SQLite SQL over the
// sandbox's NetSuite-shaped tables. It tokenises the whole statement, so it works for any
// query built from the supported pieces, not for a fixed list of texts:
//  * SELECT / WITH only; JOIN, LEFT/RIGHT/INNER/OUTER/CROSS JOIN, WHERE, GROUP BY, HAVING,
//    ORDER BY, UNION/INTERSECT/MINUS, sub-selects, CASE, IN, BETWEEN, LIKE, IS NULL, ||;
//  * names are case-insensitive (every identifier is quoted lower-case, so `transaction`, a
//    SQLite keyword, works as a table and column name);
//  * BUILTIN.DF(col): display text of item, entity/customer, location, shipmethod/
//    shippingmethod, status ("Sales Order : Pending Fulfillment"), type, and transaction
//    references (createdfrom, previousdoc, nextdoc, doc, transaction); other columns as is;
//  * BUILTIN.CF(x.status): 'SalesOrd:B' / 'ItemShip:C' from the row's type;
//  * TO_CHAR(date, fmt), TO_DATE / TO_TIMESTAMP(literal, fmt) with YYYY MM DD HH24 MI SS and
//    "quoted" text; NVL, NVL2, DECODE, COALESCE, ABS, ROUND, UPPER, LOWER, LENGTH, SUBSTR,
//    INSTR, TRIM, REPLACE, CONCAT, COUNT/SUM/MIN/MAX/AVG; SYSDATE / CURRENT_DATE as the
//    sandbox clock's now.
// Anything else (statements that write, LIMIT, `;`, unknown functions, internal tables) is
// rejected with a message; unknown tables and columns are reported by SQLite when prepared.
class SuiteQlTranslator final
{
public:
    explicit SuiteQlTranslator(const QDateTime &now = QDateTime());

    bool translate(const QString &suiteQl, QString *sql, QString *error) const;

    struct Token
    {
        enum class Kind { Word, QuotedName, String, Number, Symbol };
        Kind kind = Kind::Symbol;
        QString text;
    };

private:
    bool tokenize(const QString &text, QList<Token> *tokens, QString *error) const;
    bool translateRange(const QList<Token> &t, int begin, int end, QString *out,
                        QString *error) const;
    bool translateFunction(const QList<Token> &t, const QString &name, int open, int close,
                           QString *out, QString *error) const;
    bool translateBuiltin(const QList<Token> &t, const QString &name, int open, int close,
                          QString *out, QString *error) const;
    QList<QPair<int, int>> splitArguments(const QList<Token> &t, int open, int close) const;
    int matchingParen(const QList<Token> &t, int open) const;

    QDateTime m_now;
};

} // namespace fulfillsync::sandbox
