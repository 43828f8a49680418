#include "sandbox/netsuite/suiteqltranslator.h"

#include <QSet>

namespace fulfillsync::sandbox {

namespace {

using Token = SuiteQlTranslator::Token;
using Kind = Token::Kind;

const QSet<QString> &keywords()
{
    static const QSet<QString> set = {
        QStringLiteral("SELECT"),    QStringLiteral("FROM"),     QStringLiteral("WHERE"),
        QStringLiteral("AND"),       QStringLiteral("OR"),       QStringLiteral("NOT"),
        QStringLiteral("JOIN"),      QStringLiteral("LEFT"),     QStringLiteral("RIGHT"),
        QStringLiteral("INNER"),     QStringLiteral("OUTER"),    QStringLiteral("FULL"),
        QStringLiteral("CROSS"),     QStringLiteral("ON"),       QStringLiteral("AS"),
        QStringLiteral("ORDER"),     QStringLiteral("BY"),       QStringLiteral("GROUP"),
        QStringLiteral("HAVING"),    QStringLiteral("ASC"),      QStringLiteral("DESC"),
        QStringLiteral("IN"),        QStringLiteral("IS"),       QStringLiteral("NULL"),
        QStringLiteral("LIKE"),      QStringLiteral("BETWEEN"),  QStringLiteral("CASE"),
        QStringLiteral("WHEN"),      QStringLiteral("THEN"),     QStringLiteral("ELSE"),
        QStringLiteral("END"),       QStringLiteral("DISTINCT"), QStringLiteral("UNION"),
        QStringLiteral("ALL"),       QStringLiteral("EXISTS"),   QStringLiteral("ESCAPE"),
        QStringLiteral("NULLS"),     QStringLiteral("FIRST"),    QStringLiteral("LAST"),
        QStringLiteral("INTERSECT"), QStringLiteral("MINUS"),    QStringLiteral("WITH"),
    };
    return set;
}

const QSet<QString> &forbidden()
{
    static const QSet<QString> set = {
        QStringLiteral("INSERT"),  QStringLiteral("UPDATE"),   QStringLiteral("DELETE"),
        QStringLiteral("DROP"),    QStringLiteral("CREATE"),   QStringLiteral("ALTER"),
        QStringLiteral("ATTACH"),  QStringLiteral("DETACH"),   QStringLiteral("PRAGMA"),
        QStringLiteral("VACUUM"),  QStringLiteral("LIMIT"),    QStringLiteral("REINDEX"),
        QStringLiteral("ANALYZE"), QStringLiteral("TRUNCATE"), QStringLiteral("MERGE"),
        QStringLiteral("GRANT"),   QStringLiteral("OFFSET"),   QStringLiteral("FETCH"),
    };
    return set;
}

// SuiteQL functions SQLite has under the same name and with the same meaning.
const QSet<QString> &passThroughFunctions()
{
    static const QSet<QString> set = {
        QStringLiteral("ABS"),     QStringLiteral("COALESCE"), QStringLiteral("COUNT"),
        QStringLiteral("SUM"),     QStringLiteral("MIN"),      QStringLiteral("MAX"),
        QStringLiteral("AVG"),     QStringLiteral("UPPER"),    QStringLiteral("LOWER"),
        QStringLiteral("LENGTH"),  QStringLiteral("SUBSTR"),   QStringLiteral("ROUND"),
        QStringLiteral("TRIM"),    QStringLiteral("LTRIM"),    QStringLiteral("RTRIM"),
        QStringLiteral("REPLACE"), QStringLiteral("INSTR"),
    };
    return set;
}

QString quoteName(const QString &name)
{
    return QLatin1Char('"') + name.toLower() + QLatin1Char('"');
}

QString quoteString(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString unquoteString(const QString &raw)
{
    QString inner = raw.mid(1, raw.size() - 2);
    inner.replace(QLatin1String("''"), QLatin1String("'"));
    return inner;
}

// Oracle datetime format -> strftime and QDateTime formats.
bool convertFormat(const QString &oracle, QString *strftime, QString *qtFormat, QString *error)
{
    struct Element
    {
        const char *oracle;
        const char *strftime;
        const char *qt;
    };
    static const Element elements[] = {
        {"YYYY", "%Y", "yyyy"}, {"HH24", "%H", "HH"}, {"HH12", "%H", "HH"}, {"HH", "%H", "HH"},
        {"MM", "%m", "MM"},     {"DD", "%d", "dd"},   {"MI", "%M", "mm"},   {"SS", "%S", "ss"}};
    auto literal = [&](const QString &text) {
        QString s = text;
        s.replace(QLatin1Char('%'), QLatin1String("%%"));
        *strftime += s;
        QString q = text;
        q.replace(QLatin1Char('\''), QLatin1String("''"));
        *qtFormat += QLatin1Char('\'') + q + QLatin1Char('\'');
    };
    int i = 0;
    while (i < oracle.size()) {
        const QChar c = oracle.at(i);
        if (c == QLatin1Char('"')) {
            const int end = oracle.indexOf(QLatin1Char('"'), i + 1);
            if (end < 0) {
                *error = QStringLiteral("unterminated quoted text in date format '%1'").arg(oracle);
                return false;
            }
            literal(oracle.mid(i + 1, end - i - 1));
            i = end + 1;
            continue;
        }
        if (QStringLiteral(" -/:,.;").contains(c)) {
            literal(QString(c));
            ++i;
            continue;
        }
        bool matched = false;
        for (const Element &e : elements) {
            const QLatin1String token(e.oracle);
            if (oracle.mid(i, token.size()).compare(token, Qt::CaseInsensitive) == 0) {
                *strftime += QLatin1String(e.strftime);
                *qtFormat += QLatin1String(e.qt);
                i += int(token.size());
                matched = true;
                break;
            }
        }
        if (!matched) {
            *error = QStringLiteral("unsupported date format element at '%1'").arg(oracle.mid(i));
            return false;
        }
    }
    return true;
}

} // namespace

SuiteQlTranslator::SuiteQlTranslator(const QDateTime &now)
    : m_now(now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc())
{}

bool SuiteQlTranslator::tokenize(const QString &s, QList<Token> *tokens, QString *error) const
{
    int i = 0;
    const int n = int(s.size());
    auto fail = [&](const QString &message) {
        *error = message + QStringLiteral(" at position %1").arg(i);
        return false;
    };
    while (i < n) {
        const QChar c = s.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < n && s.at(i + 1) == QLatin1Char('-')) {
            while (i < n && s.at(i) != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && i + 1 < n && s.at(i + 1) == QLatin1Char('*')) {
            const int end = int(s.indexOf(QLatin1String("*/"), i + 2));
            if (end < 0)
                return fail(QStringLiteral("unterminated comment"));
            i = end + 2;
        } else if (c.isLetter() || c == QLatin1Char('_')) {
            const int start = i;
            while (i < n && (s.at(i).isLetterOrNumber() || s.at(i) == QLatin1Char('_') ||
                             s.at(i) == QLatin1Char('$') || s.at(i) == QLatin1Char('#')))
                ++i;
            tokens->append({Kind::Word, s.mid(start, i - start)});
        } else if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && s.at(i + 1).isDigit())) {
            const int start = i;
            while (i < n && (s.at(i).isDigit() || s.at(i) == QLatin1Char('.')))
                ++i;
            if (i < n && (s.at(i) == QLatin1Char('e') || s.at(i) == QLatin1Char('E'))) {
                ++i;
                if (i < n && (s.at(i) == QLatin1Char('+') || s.at(i) == QLatin1Char('-')))
                    ++i;
                while (i < n && s.at(i).isDigit())
                    ++i;
            }
            tokens->append({Kind::Number, s.mid(start, i - start)});
        } else if (c == QLatin1Char('\'')) {
            const int start = i++;
            while (true) {
                if (i >= n)
                    return fail(QStringLiteral("unterminated string literal"));
                if (s.at(i) == QLatin1Char('\'')) {
                    if (i + 1 < n && s.at(i + 1) == QLatin1Char('\'')) {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            tokens->append({Kind::String, s.mid(start, i - start)});
        } else if (c == QLatin1Char('"')) {
            const int end = int(s.indexOf(QLatin1Char('"'), i + 1));
            if (end < 0)
                return fail(QStringLiteral("unterminated quoted name"));
            tokens->append({Kind::QuotedName, s.mid(i + 1, end - i - 1)});
            i = end + 1;
        } else {
            static const QStringList twoChar = {QStringLiteral("<="), QStringLiteral(">="),
                                                QStringLiteral("<>"), QStringLiteral("!="),
                                                QStringLiteral("||")};
            const QString two = s.mid(i, 2);
            if (twoChar.contains(two)) {
                tokens->append({Kind::Symbol, two});
                i += 2;
            } else if (QStringLiteral("(),.*=<>+-/%").contains(c)) {
                tokens->append({Kind::Symbol, QString(c)});
                ++i;
            } else if (c == QLatin1Char(';')) {
                return fail(QStringLiteral("only one statement is allowed; unexpected ';'"));
            } else {
                return fail(QStringLiteral("unexpected character '%1'").arg(c));
            }
        }
    }
    return true;
}

int SuiteQlTranslator::matchingParen(const QList<Token> &t, int open) const
{
    int depth = 0;
    for (int i = open; i < t.size(); ++i) {
        if (t[i].kind != Kind::Symbol)
            continue;
        if (t[i].text == QLatin1String("("))
            ++depth;
        else if (t[i].text == QLatin1String(")") && --depth == 0)
            return i;
    }
    return -1;
}

QList<QPair<int, int>> SuiteQlTranslator::splitArguments(const QList<Token> &t, int open,
                                                         int close) const
{
    QList<QPair<int, int>> args;
    int depth = 0;
    int start = open + 1;
    for (int i = open + 1; i < close; ++i) {
        if (t[i].kind != Kind::Symbol)
            continue;
        if (t[i].text == QLatin1String("("))
            ++depth;
        else if (t[i].text == QLatin1String(")"))
            --depth;
        else if (t[i].text == QLatin1String(",") && depth == 0) {
            args.append({start, i});
            start = i + 1;
        }
    }
    if (start < close || !args.isEmpty())
        args.append({start, close});
    return args;
}

bool SuiteQlTranslator::translate(const QString &suiteQl, QString *sql, QString *error) const
{
    QList<Token> tokens;
    if (!tokenize(suiteQl, &tokens, error))
        return false;
    if (tokens.isEmpty()) {
        *error = QStringLiteral("the query is empty");
        return false;
    }
    const QString first = tokens.first().text.toUpper();
    if (tokens.first().kind != Kind::Word ||
        (first != QLatin1String("SELECT") && first != QLatin1String("WITH"))) {
        *error = QStringLiteral("SuiteQL is read-only: the query must start with SELECT");
        return false;
    }
    QString out;
    if (!translateRange(tokens, 0, int(tokens.size()), &out, error))
        return false;
    *sql = out;
    return true;
}

bool SuiteQlTranslator::translateRange(const QList<Token> &t, int begin, int end, QString *out,
                                       QString *error) const
{
    auto put = [out](const QString &piece) {
        if (!out->isEmpty() && !out->endsWith(QLatin1Char('.')) &&
            !out->endsWith(QLatin1Char('(')) && piece != QLatin1String(".") &&
            piece != QLatin1String(")") && piece != QLatin1String(","))
            out->append(QLatin1Char(' '));
        out->append(piece);
    };
    for (int i = begin; i < end; ++i) {
        const Token &tok = t[i];
        const bool callFollows =
            i + 1 < end && t[i + 1].kind == Kind::Symbol && t[i + 1].text == QLatin1String("(");
        switch (tok.kind) {
        case Kind::String:
        case Kind::Number:
            put(tok.text);
            break;
        case Kind::QuotedName:
            if (tok.text.startsWith(QLatin1String("_sbx"), Qt::CaseInsensitive) ||
                tok.text.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive)) {
                *error = QStringLiteral("unknown identifier '%1'").arg(tok.text);
                return false;
            }
            put(quoteName(tok.text));
            break;
        case Kind::Symbol:
            if (tok.text == QLatin1String("!="))
                put(QStringLiteral("<>"));
            else
                put(tok.text);
            break;
        case Kind::Word: {
            const QString upper = tok.text.toUpper();
            if (upper == QLatin1String("BUILTIN") && i + 4 < end &&
                t[i + 1].text == QLatin1String(".") && t[i + 2].kind == Kind::Word &&
                t[i + 3].text == QLatin1String("(")) {
                const int close = matchingParen(t, i + 3);
                if (close < 0 || close >= end) {
                    *error = QStringLiteral("missing ')' after BUILTIN.%1(").arg(t[i + 2].text);
                    return false;
                }
                QString piece;
                if (!translateBuiltin(t, t[i + 2].text.toUpper(), i + 3, close, &piece, error))
                    return false;
                put(piece);
                i = close;
            } else if (forbidden().contains(upper) &&
                       !(upper == QLatin1String("REPLACE") && callFollows)) {
                *error = QStringLiteral("'%1' is not supported by SuiteQL").arg(tok.text);
                return false;
            } else if (keywords().contains(upper)) {
                put(upper == QLatin1String("MINUS") ? QStringLiteral("EXCEPT") : upper);
            } else if (callFollows) {
                const int close = matchingParen(t, i + 1);
                if (close < 0 || close >= end) {
                    *error = QStringLiteral("missing ')' after %1(").arg(tok.text);
                    return false;
                }
                QString piece;
                if (!translateFunction(t, upper, i + 1, close, &piece, error))
                    return false;
                put(piece);
                i = close;
            } else if (upper == QLatin1String("SYSDATE") ||
                       upper == QLatin1String("CURRENT_DATE") ||
                       upper == QLatin1String("CURRENT_TIMESTAMP")) {
                put(quoteString(m_now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
            } else if (upper.startsWith(QLatin1String("_SBX")) ||
                       upper.startsWith(QLatin1String("SQLITE_"))) {
                *error = QStringLiteral("unknown identifier '%1'").arg(tok.text);
                return false;
            } else {
                put(quoteName(tok.text));
            }
            break;
        }
        }
    }
    return true;
}

bool SuiteQlTranslator::translateFunction(const QList<Token> &t, const QString &name, int open,
                                          int close, QString *out, QString *error) const
{
    const QList<QPair<int, int>> args = splitArguments(t, open, close);
    QStringList parts;
    for (const auto &a : args) {
        QString piece;
        if (!translateRange(t, a.first, a.second, &piece, error))
            return false;
        parts << piece;
    }
    auto arity = [&](int min, int max) {
        if (parts.size() >= min && parts.size() <= max)
            return true;
        *error = QStringLiteral("wrong number of arguments to %1").arg(name);
        return false;
    };
    auto literalArg = [&](int index) -> const Token * {
        const auto &a = args[index];
        return a.second - a.first == 1 && t[a.first].kind == Kind::String ? &t[a.first] : nullptr;
    };

    if (passThroughFunctions().contains(name)) {
        *out = name + QLatin1Char('(') + parts.join(QLatin1String(", ")) + QLatin1Char(')');
        return true;
    }
    if (name == QLatin1String("NVL")) {
        if (!arity(2, 2))
            return false;
        *out = QStringLiteral("IFNULL(%1, %2)").arg(parts[0], parts[1]);
        return true;
    }
    if (name == QLatin1String("NVL2")) {
        if (!arity(3, 3))
            return false;
        *out = QStringLiteral("(CASE WHEN %1 IS NOT NULL THEN %2 ELSE %3 END)")
                   .arg(parts[0], parts[1], parts[2]);
        return true;
    }
    if (name == QLatin1String("CONCAT")) {
        if (!arity(2, 2))
            return false;
        *out = QStringLiteral("(%1 || %2)").arg(parts[0], parts[1]);
        return true;
    }
    if (name == QLatin1String("DECODE")) {
        if (parts.size() < 3) {
            *error = QStringLiteral("wrong number of arguments to DECODE");
            return false;
        }
        QString s = QStringLiteral("(CASE ") + parts[0];
        int k = 1;
        for (; k + 1 < parts.size(); k += 2)
            s += QStringLiteral(" WHEN ") + parts[k] + QStringLiteral(" THEN ") + parts[k + 1];
        if (k < parts.size())
            s += QStringLiteral(" ELSE ") + parts[k];
        *out = s + QStringLiteral(" END)");
        return true;
    }
    if (name == QLatin1String("TO_NUMBER")) {
        if (!arity(1, 1))
            return false;
        *out = QStringLiteral("CAST(%1 AS NUMERIC)").arg(parts[0]);
        return true;
    }
    if (name == QLatin1String("TO_CHAR")) {
        if (!arity(1, 2))
            return false;
        if (parts.size() == 1) {
            *out = QStringLiteral("CAST(%1 AS TEXT)").arg(parts[0]);
            return true;
        }
        const Token *format = literalArg(1);
        if (!format) {
            *error = QStringLiteral("TO_CHAR needs a literal format");
            return false;
        }
        QString strftime, qtFormat;
        if (!convertFormat(unquoteString(format->text), &strftime, &qtFormat, error))
            return false;
        *out = QStringLiteral("strftime(%1, %2)").arg(quoteString(strftime), parts[0]);
        return true;
    }
    if (name == QLatin1String("TO_DATE") || name == QLatin1String("TO_TIMESTAMP")) {
        if (!arity(1, 2))
            return false;
        const Token *value = literalArg(0);
        if (!value) {
            *out = QStringLiteral("datetime(%1)").arg(parts[0]);
            return true;
        }
        const QString text = unquoteString(value->text);
        QDateTime parsed;
        if (parts.size() == 2) {
            const Token *format = literalArg(1);
            QString strftime, qtFormat;
            if (!format) {
                *error = QStringLiteral("%1 needs a literal format").arg(name);
                return false;
            }
            if (!convertFormat(unquoteString(format->text), &strftime, &qtFormat, error))
                return false;
            parsed = QDateTime::fromString(text, qtFormat);
        } else {
            parsed = QDateTime::fromString(text, Qt::ISODate);
        }
        if (!parsed.isValid()) {
            *error = QStringLiteral("%1: '%2' does not match its format").arg(name, text);
            return false;
        }
        parsed.setTimeSpec(Qt::UTC);
        *out = quoteString(parsed.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        return true;
    }
    *error = QStringLiteral("unknown function %1").arg(name);
    return false;
}

bool SuiteQlTranslator::translateBuiltin(const QList<Token> &t, const QString &name, int open,
                                         int close, QString *out, QString *error) const
{
    if (name != QLatin1String("DF") && name != QLatin1String("CF")) {
        *error = QStringLiteral("unknown function BUILTIN.%1").arg(name);
        return false;
    }
    const QList<QPair<int, int>> args = splitArguments(t, open, close);
    if (args.size() != 1) {
        *error = QStringLiteral("BUILTIN.%1 takes one argument").arg(name);
        return false;
    }
    const int a = args[0].first, b = args[0].second;
    QString ref;
    if (!translateRange(t, a, b, &ref, error))
        return false;
    // Only a plain column reference has a display/compound value; anything else is itself.
    QString alias, column;
    if (b - a == 1 && t[a].kind == Kind::Word) {
        column = t[a].text.toLower();
    } else if (b - a == 3 && t[a].kind == Kind::Word && t[a + 1].text == QLatin1String(".") &&
               (t[a + 2].kind == Kind::Word || t[a + 2].kind == Kind::QuotedName)) {
        alias = quoteName(t[a].text);
        column = t[a + 2].text.toLower();
    } else {
        *out = ref;
        return true;
    }
    const QString type =
        alias.isEmpty() ? QStringLiteral("\"type\"") : alias + QLatin1String(".\"type\"");
    auto label = [](const QString &code) {
        return QStringLiteral(
                   "(SELECT sbx_l.sbx_label FROM _sbx_label sbx_l WHERE sbx_l.sbx_code = %1)")
            .arg(code);
    };
    if (name == QLatin1String("CF")) {
        *out = column == QLatin1String("status")
                   ? QStringLiteral("(%1 || ':' || %2)").arg(type, ref)
                   : ref;
        return true;
    }
    auto lookup = [&](const char *table, const char *display) {
        return QStringLiteral("(SELECT sbx_t.\"%1\" FROM \"%2\" sbx_t WHERE sbx_t.\"id\" = %3)")
            .arg(QLatin1String(display), QLatin1String(table), ref);
    };
    if (column == QLatin1String("item"))
        *out = lookup("item", "itemid");
    else if (column == QLatin1String("entity") || column == QLatin1String("customer"))
        *out = lookup("customer", "entityid");
    else if (column == QLatin1String("location"))
        *out = lookup("location", "name");
    else if (column == QLatin1String("shipmethod") || column == QLatin1String("shippingmethod"))
        *out = lookup("shipitem", "itemid");
    else if (column == QLatin1String("status"))
        *out = label(QStringLiteral("%1 || ':' || %2").arg(type, ref));
    else if (column == QLatin1String("type"))
        *out = label(QStringLiteral("'type:' || %1").arg(ref));
    else if (column == QLatin1String("createdfrom") || column == QLatin1String("previousdoc") ||
             column == QLatin1String("nextdoc") || column == QLatin1String("doc") ||
             column == QLatin1String("transaction"))
        *out = QStringLiteral("(SELECT %1 || ' #' || sbx_t.\"tranid\" FROM \"transaction\" sbx_t "
                              "WHERE sbx_t.\"id\" = %2)")
                   .arg(label(QStringLiteral("'type:' || sbx_t.\"type\"")), ref);
    else
        *out = ref;
    return true;
}

} // namespace fulfillsync::sandbox
