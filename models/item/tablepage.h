#pragma once

#include <QList>
#include <QMetaType>
#include <QVariant>

namespace fulfillsync {

// One page read by a TableReader, handed to the GUI thread by value.
struct TablePage
{
    quint64 generation = 0;
    int index = 0;            // page number: rows [index * page size, ...) in view order
    QList<QVariantList> rows; // in view order, whatever direction the query scanned
    bool atEnd = true;        // fewer rows than asked for: nothing after this page
    QString error;
};

// Keys of every `stride`-th row, so a jump to any row seeks from a nearby key.
struct TableAnchors
{
    quint64 generation = 0;
    int stride = 0;
    QList<QVariantList> keys; // keys[i] = {sort value, id} of row i * stride
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::TablePage)
Q_DECLARE_METATYPE(fulfillsync::TableAnchors)
