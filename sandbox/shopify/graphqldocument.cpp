#include "sandbox/shopify/graphqldocument.h"

#include <QJsonArray>

namespace fulfillsync::sandbox {

namespace {

class Parser
{
public:
    Parser(const QString &text, const QJsonObject &variables)
        : m_text(text)
        , m_variables(variables)
    {}

    bool document(GraphQlDocument *out)
    {
        skip();
        if (peek() == u'{') {
            out->operation = QStringLiteral("query");
        } else {
            out->operation = name();
            if (out->operation != u"query" && out->operation != u"mutation")
                return fail(QStringLiteral("expected query, mutation or {"));
            skip();
            if (isNameStart(peek()))
                out->operationName = name();
            skip();
            if (peek() == u'(' && !skipVariableDefinitions())
                return false;
        }
        if (!selectionSet(&out->selection, {}))
            return false;
        skip();
        if (m_pos < m_text.size())
            return fail(QStringLiteral("only one operation per document is supported"));
        return true;
    }

    QString error;

private:
    static bool isNameStart(QChar c) { return c.isLetter() || c == u'_'; }
    static bool isNameChar(QChar c) { return c.isLetterOrNumber() || c == u'_'; }

    QChar peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : QChar(); }

    void skip()
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c.isSpace() || c == u',') {
                ++m_pos;
            } else if (c == u'#') {
                while (m_pos < m_text.size() && m_text.at(m_pos) != u'\n')
                    ++m_pos;
            } else {
                break;
            }
        }
    }

    bool fail(const QString &what)
    {
        if (error.isEmpty())
            error = QStringLiteral("Parse error at %1: %2").arg(m_pos).arg(what);
        return false;
    }

    bool expect(QChar c)
    {
        skip();
        if (peek() != c)
            return fail(QStringLiteral("expected '%1'").arg(c));
        ++m_pos;
        return true;
    }

    QString name()
    {
        skip();
        const qsizetype start = m_pos;
        if (!isNameStart(peek()))
            return {};
        while (m_pos < m_text.size() && isNameChar(m_text.at(m_pos)))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    bool skipVariableDefinitions()
    {
        int depth = 0;
        do {
            const QChar c = peek();
            if (c.isNull())
                return fail(QStringLiteral("unterminated variable definitions"));
            if (c == u'(')
                ++depth;
            else if (c == u')')
                --depth;
            ++m_pos;
        } while (depth > 0);
        return true;
    }

    bool value(QJsonValue *out)
    {
        skip();
        const QChar c = peek();
        if (c == u'$') {
            ++m_pos;
            const QString variable = name();
            if (variable.isEmpty())
                return fail(QStringLiteral("expected a variable name"));
            *out = m_variables.value(variable);
            if (out->isUndefined())
                *out = QJsonValue::Null;
            return true;
        }
        if (c == u'"') {
            ++m_pos;
            QString s;
            while (m_pos < m_text.size() && m_text.at(m_pos) != u'"') {
                if (m_text.at(m_pos) == u'\\' && m_pos + 1 < m_text.size())
                    ++m_pos;
                s += m_text.at(m_pos++);
            }
            if (m_pos >= m_text.size())
                return fail(QStringLiteral("unterminated string"));
            ++m_pos;
            *out = s;
            return true;
        }
        if (c == u'[') {
            ++m_pos;
            QJsonArray list;
            skip();
            while (peek() != u']') {
                QJsonValue item;
                if (peek().isNull() || !value(&item))
                    return fail(QStringLiteral("unterminated list"));
                list.append(item);
                skip();
            }
            ++m_pos;
            *out = list;
            return true;
        }
        if (c == u'{') {
            ++m_pos;
            QJsonObject object;
            skip();
            while (peek() != u'}') {
                const QString key = name();
                QJsonValue item;
                if (key.isEmpty() || !expect(u':') || !value(&item))
                    return fail(QStringLiteral("bad object value"));
                object.insert(key, item);
                skip();
            }
            ++m_pos;
            *out = object;
            return true;
        }
        if (c == u'-' || c.isDigit()) {
            const qsizetype start = m_pos++;
            while (m_pos < m_text.size() &&
                   (m_text.at(m_pos).isDigit() || m_text.at(m_pos) == u'.' ||
                    m_text.at(m_pos) == u'e' || m_text.at(m_pos) == u'E'))
                ++m_pos;
            bool ok = false;
            const double number = m_text.mid(start, m_pos - start).toDouble(&ok);
            if (!ok)
                return fail(QStringLiteral("bad number"));
            *out = number;
            return true;
        }
        const QString word = name();
        if (word.isEmpty())
            return fail(QStringLiteral("expected a value"));
        if (word == u"true" || word == u"false")
            *out = word == u"true";
        else if (word == u"null")
            *out = QJsonValue::Null;
        else
            *out = word; // an enum value
        return true;
    }

    bool selectionSet(QList<GraphQlField> *out, const QString &onType)
    {
        if (!expect(u'{'))
            return false;
        for (;;) {
            skip();
            if (peek() == u'}') {
                ++m_pos;
                return true;
            }
            if (peek().isNull())
                return fail(QStringLiteral("unterminated selection"));
            if (m_text.mid(m_pos, 3) == u"...") {
                m_pos += 3;
                if (name() != u"on")
                    return fail(QStringLiteral("named fragments are not supported"));
                const QString type = name();
                if (type.isEmpty() || !selectionSet(out, type))
                    return fail(QStringLiteral("bad inline fragment"));
                continue;
            }
            GraphQlField field;
            field.onType = onType;
            field.name = name();
            if (field.name.isEmpty())
                return fail(QStringLiteral("expected a field"));
            skip();
            if (peek() == u':') {
                ++m_pos;
                field.alias = field.name;
                field.name = name();
                if (field.name.isEmpty())
                    return fail(QStringLiteral("expected a field after the alias"));
                skip();
            }
            if (peek() == u'(') {
                ++m_pos;
                skip();
                while (peek() != u')') {
                    const QString argument = name();
                    QJsonValue v;
                    if (argument.isEmpty() || !expect(u':') || !value(&v))
                        return fail(QStringLiteral("bad argument"));
                    field.arguments.insert(argument, v);
                    skip();
                }
                ++m_pos;
                skip();
            }
            if (peek() == u'@')
                return fail(QStringLiteral("directives are not supported"));
            if (peek() == u'{' && !selectionSet(&field.selection, {}))
                return false;
            out->append(field);
        }
    }

    const QString &m_text;
    const QJsonObject &m_variables;
    qsizetype m_pos = 0;
};

} // namespace

bool GraphQlDocument::parse(const QString &text, const QJsonObject &variables, GraphQlDocument *out,
                            QString *error)
{
    Parser parser(text, variables);
    if (!parser.document(out)) {
        *error = parser.error;
        return false;
    }
    return true;
}

} // namespace fulfillsync::sandbox
