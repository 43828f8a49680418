#include "models/storage/mappingfile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace fulfillsync {

namespace {

// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MappingFile)
};

const QStringList &columnNames()
{
    static const QStringList names = {QStringLiteral("kind"), QStringLiteral("source"),
                                      QStringLiteral("sourceName"), QStringLiteral("target"),
                                      QStringLiteral("extra")};
    return names;
}

QString kindList()
{
    QStringList keys;
    for (MappingKind kind : allMappingKinds())
        keys << mappingKindKey(kind);
    return keys.join(QStringLiteral(", "));
}

// Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection), and NetSuite
// names come from many hands: such values are written with a leading apostrophe, which
// spreadsheets show as plain text and fromCsv() removes again.
bool needsFormulaGuard(const QString &value)
{
    static const QString starts = QStringLiteral("=+-@\t\r'");
    return !value.isEmpty() && starts.contains(value.front()) &&
           (value.front() != u'\'' || (value.size() > 1 && starts.contains(value.at(1))));
}

QString fromCsvValue(const QString &value)
{
    return value.size() > 1 && value.front() == u'\'' && needsFormulaGuard(value.mid(1))
               ? value.mid(1)
               : value;
}

QString csvField(const QString &raw)
{
    const QString value = needsFormulaGuard(raw) ? u'\'' + raw : raw;
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') &&
        !value.contains(u'\r'))
        return value;
    return u'"' + QString(value).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
}

struct CsvRecord
{
    int line = 0; // where the record starts, 1-based
    QStringList fields;
};

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
std::optional<QList<CsvRecord>> parseCsv(const QString &text, QString *error)
{
    QList<CsvRecord> records;
    CsvRecord record{1, {}};
    QString field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field was quoted (only a separator may follow)
    bool pending = false;   // the record has content
    int line = 1;
    int quoteLine = 0;
    auto endField = [&] {
        record.fields << field;
        field.clear();
        wasQuoted = false;
    };
    auto endRecord = [&] {
        if (pending) {
            endField();
            records << record;
        }
        record = CsvRecord{line, {}};
        pending = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                    wasQuoted = true;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'\r')
            continue;
        if (c == u'\n') {
            ++line;
            endRecord();
            continue;
        }
        pending = true;
        if (c == u',') {
            endField();
        } else if (wasQuoted) {
            *error =
                Text::tr("Line %1: after a closing quote only a comma or the end of the line may "
                         "follow; write a quote inside a quoted value as \"\".")
                    .arg(line);
            return std::nullopt;
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
            quoteLine = line;
        } else if (c == u'"') {
            *error =
                Text::tr("Line %1: a value with a quote in it must be quoted as a whole, with the "
                         "quote doubled (\"\").")
                    .arg(line);
            return std::nullopt;
        } else {
            field += c;
        }
    }
    if (quoted) {
        *error = Text::tr("Line %1: a quoted value is never closed; add the closing quote.")
                     .arg(quoteLine);
        return std::nullopt;
    }
    endRecord();
    return records;
}

struct JsonReader
{
    QString error;
    QString text(const QJsonObject &o, const QString &path, const char *key, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(path + u'.' + QLatin1String(key), Text::tr("required"));
            return {};
        }
        if (!v.isString()) {
            fail(path + u'.' + QLatin1String(key), Text::tr("expected text"));
            return {};
        }
        if (required && v.toString().isEmpty())
            fail(path + u'.' + QLatin1String(key), Text::tr("must not be empty"));
        return v.toString();
    }
    void fail(const QString &path, const QString &message)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: %2").arg(path, message);
    }
};

} // namespace

QByteArray MappingFile::toCsv(const QList<MappingRule> &rules)
{
    QString out = columnNames().join(u',') + QStringLiteral("\r\n");
    for (const MappingRule &rule : rules) {
        out += QStringList{mappingKindKey(rule.kind), csvField(rule.sourceKey),
                           csvField(rule.sourceName), csvField(rule.target), csvField(rule.extra)}
                   .join(u',') +
               QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QByteArray MappingFile::toJson(const QList<MappingRule> &rules)
{
    QJsonArray array;
    for (const MappingRule &rule : rules)
        array.append(QJsonObject{{QStringLiteral("kind"), mappingKindKey(rule.kind)},
                                 {QStringLiteral("source"), rule.sourceKey},
                                 {QStringLiteral("sourceName"), rule.sourceName},
                                 {QStringLiteral("target"), rule.target},
                                 {QStringLiteral("extra"), rule.extra}});
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

std::optional<QList<MappingRule>> MappingFile::fromCsv(const QByteArray &data, QString *error)
{
    QByteArray bytes = data;
    if (bytes.startsWith("\xEF\xBB\xBF")) // spreadsheets write a UTF-8 byte order mark
        bytes.remove(0, 3);
    const auto records = parseCsv(QString::fromUtf8(bytes), error);
    if (!records)
        return std::nullopt;
    if (records->isEmpty()) {
        *error = Text::tr("The file is empty: the first line must name the columns (%1).")
                     .arg(columnNames().join(u','));
        return std::nullopt;
    }
    const CsvRecord &header = records->first();
    QHash<QString, int> column;
    for (int i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed();
        const auto known =
            std::find_if(columnNames().cbegin(), columnNames().cend(), [&](const QString &c) {
                return c.compare(name, Qt::CaseInsensitive) == 0;
            });
        if (known == columnNames().cend()) {
            *error = Text::tr("Line %1: unknown column \"%2\"; the columns are %3.")
                         .arg(header.line)
                         .arg(name, columnNames().join(QStringLiteral(", ")));
            return std::nullopt;
        }
        if (column.contains(*known)) {
            *error =
                Text::tr("Line %1: the column \"%2\" appears twice.").arg(header.line).arg(*known);
            return std::nullopt;
        }
        column.insert(*known, i);
    }
    for (const char *required : {"kind", "source", "target"}) {
        if (!column.contains(QLatin1String(required))) {
            *error = Text::tr("Line %1: the column \"%2\" is missing (the first line must name the "
                              "columns: %3).")
                         .arg(header.line)
                         .arg(QLatin1String(required), columnNames().join(u','));
            return std::nullopt;
        }
    }
    QList<MappingRule> rules;
    for (qsizetype r = 1; r < records->size(); ++r) {
        const CsvRecord &record = records->at(r);
        if (record.fields.size() != header.fields.size()) {
            *error =
                Text::tr("Line %1: %2 values, but the header names %3 columns; quote values that "
                         "contain commas.")
                    .arg(record.line)
                    .arg(record.fields.size())
                    .arg(header.fields.size());
            return std::nullopt;
        }
        auto value = [&](const char *name) {
            const int i = column.value(QLatin1String(name), -1);
            return i < 0 ? QString() : fromCsvValue(record.fields.at(i));
        };
        const auto kind = mappingKindFromKey(value("kind").trimmed());
        if (!kind) {
            *error = Text::tr("Line %1: unknown kind \"%2\"; expected %3.")
                         .arg(record.line)
                         .arg(value("kind"), kindList());
            return std::nullopt;
        }
        if (value("source").isEmpty()) {
            *error = Text::tr("Line %1: the source is empty.").arg(record.line);
            return std::nullopt;
        }
        rules << MappingRule{*kind, value("source"), value("sourceName"), value("target"),
                             value("extra")};
    }
    return rules;
}

std::optional<QList<MappingRule>> MappingFile::fromJson(const QByteArray &data, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = int(data.left(parseError.offset).count('\n')) + 1;
        *error = Text::tr("Line %1: this is not valid JSON (%2).")
                     .arg(line)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    QJsonArray array;
    QString prefix;
    if (doc.isArray()) {
        array = doc.array();
    } else if (doc.object().value(QLatin1String("mappings")).isArray()) {
        array = doc.object().value(QLatin1String("mappings")).toArray();
        prefix = QStringLiteral("mappings");
    } else if (doc.object().contains(QLatin1String("connectors"))) {
        *error =
            Text::tr("This is a whole configuration file (fulfillsync-config): import it as the "
                     "configuration, or export the mappings from the Mappings screen.");
        return std::nullopt;
    } else {
        *error = Text::tr("Expected an array of mappings, or an object with a \"mappings\" array.");
        return std::nullopt;
    }
    JsonReader read;
    QList<MappingRule> rules;
    for (qsizetype i = 0; i < array.size() && read.error.isEmpty(); ++i) {
        const QString path = prefix + QStringLiteral("[%1]").arg(i);
        if (!array.at(i).isObject()) {
            read.fail(path, Text::tr("expected an object"));
            break;
        }
        const QJsonObject o = array.at(i).toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!columnNames().contains(it.key()) && !it.key().startsWith(QLatin1String("x-")))
                read.fail(path + u'.' + it.key(),
                          Text::tr("unknown key (expected %1)").arg(columnNames().join(u',')));
        const QString kindKey = read.text(o, path, "kind", true);
        const auto kind = mappingKindFromKey(kindKey);
        if (!kind && !kindKey.isEmpty())
            read.fail(path + QStringLiteral(".kind"), Text::tr("expected %1").arg(kindList()));
        MappingRule rule{kind.value_or(MappingKind::ShipMethod), read.text(o, path, "source", true),
                         read.text(o, path, "sourceName", false),
                         read.text(o, path, "target", false), read.text(o, path, "extra", false)};
        rules << rule;
    }
    if (!read.error.isEmpty()) {
        *error = read.error;
        return std::nullopt;
    }
    return rules;
}

} // namespace fulfillsync
