#include "models/storage/textindex.h"

#include "models/storage/sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace fulfillsync {

bool TextIndex::catchUp(QSqlDatabase db, QString *error)
{
    if (db.driverName() != u"QSQLITE")
        return true;
    Transaction transaction(db);
    QSqlQuery q(db);
    const auto run = [&](const char *sql) {
        return runQuery(q, QString::fromLatin1(sql), {}, error);
    };
    // The first statement writes, which takes the write lock: nothing is appended between
    // indexing and the bookkeeping.
    return run("INSERT INTO sync_attempts_text (rowid, order_tran_id, fulfillment_tran_id, "
               "message, tracking_numbers) SELECT id, order_tran_id, fulfillment_tran_id, "
               "message, tracking_numbers FROM sync_attempts WHERE id > (SELECT CAST(value AS "
               "INTEGER) FROM meta WHERE key = 'history_text_indexed_to')") &&
           run("UPDATE meta SET value = (SELECT CAST(COALESCE(MAX(id), 0) AS TEXT) FROM "
               "sync_attempts) WHERE key = 'history_text_indexed_to'") &&
           run("DELETE FROM sales_orders_text WHERE rowid IN (SELECT order_id FROM "
               "order_text_pending)") &&
           run("INSERT INTO sales_orders_text (rowid, tran_id, customer, channel_order, "
               "tracking_numbers) SELECT o.id, o.tran_id, o.customer, o.channel_order, (SELECT "
               "group_concat(p.tracking_number, char(10)) FROM item_fulfillments f JOIN "
               "packages p ON p.fulfillment_id = f.id WHERE f.order_id = o.id) FROM "
               "order_text_pending q JOIN sales_orders o ON o.id = q.order_id") &&
           run("DELETE FROM order_text_pending") && transaction.commit(error);
}

} // namespace fulfillsync
