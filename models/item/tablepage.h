#pragma once

#include <QList>
#include <QMetaType>
#include <QVariant>

namespace fulfillsync {

// One keyset page read by a TableReader, handed to the GUI thread by value.
struct TablePage
{
    quint64 generation = 0;
    QList<QVariantList> rows;
    bool atEnd = true;
    QVariantList nextCursor; // sort key and id of the last row; empty on the first page
    QString error;
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::TablePage)
