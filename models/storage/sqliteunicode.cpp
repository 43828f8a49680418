#include "models/storage/sqliteunicode.h"

#include <QSqlDriver>
#include <QString>
#include <QVariant>
#include <sqlite3.h>

namespace fulfillsync {

namespace {

void unicodeLower(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto *text = sqlite3_value_text(argv[0]);
    const int size = sqlite3_value_bytes(argv[0]);
    bool ascii = true;
    for (int i = 0; i < size && ascii; ++i)
        ascii = text[i] < 0x80;
    if (ascii) {
        QByteArray lowered(reinterpret_cast<const char *>(text), size);
        for (char &c : lowered)
            if (c >= 'A' && c <= 'Z')
                c = char(c - 'A' + 'a');
        sqlite3_result_text(context, lowered.constData(), int(lowered.size()), SQLITE_TRANSIENT);
        return;
    }
    const QByteArray lowered =
        QString::fromUtf8(reinterpret_cast<const char *>(text), size).toLower().toUtf8();
    sqlite3_result_text(context, lowered.constData(), int(lowered.size()), SQLITE_TRANSIENT);
}

} // namespace

bool installUnicodeLower(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return false;
    auto *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection)
        return false;
    return sqlite3_create_function_v2(
               connection, "lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
               nullptr, unicodeLower, nullptr, nullptr, nullptr) == SQLITE_OK;
}

} // namespace fulfillsync
