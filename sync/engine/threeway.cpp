#include "sync/engine/threeway.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>

namespace fulfillsync::ThreeWay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ThreeWay)
};

QSet<QString> asSet(const QStringList &list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

QString listed(const QStringList &list)
{
    return list.isEmpty() ? Text::tr("none") : list.join(QStringLiteral(", "));
}

// What the ledger says of a shipped fulfillment, when that is not "sent as NetSuite has it".
void judgeSent(Row &row)
{
    if (!row.sent || *row.sent == LedgerState::Pending) {
        row.disagreements << Text::tr("shipped in NetSuite, not sent yet");
        row.sentDiffers = true;
        return;
    }
    switch (*row.sent) {
    case LedgerState::Ambiguous:
        row.disagreements << Text::tr("sent, the channel's answer is unknown: the next pass "
                                      "reads it back before anything is sent again");
        row.sentDiffers = true;
        return;
    case LedgerState::Attention:
        row.disagreements << Text::tr("changed in NetSuite after it was pushed: flagged");
        row.sentDiffers = true;
        return;
    case LedgerState::Pushed:
    case LedgerState::Adopted:
        if (asSet(row.sentTracking) != asSet(row.netSuiteTracking)) {
            row.disagreements << Text::tr("tracking changed in NetSuite after it was sent (%1)")
                                     .arg(listed(row.sentTracking));
            row.sentDiffers = true;
        }
        return;
    case LedgerState::Pending:
    case LedgerState::Resolved:
        return;
    }
}

void judgeChannel(Row &row, const ReconciliationReading &reading)
{
    if (reading.verdict == u"missing") {
        row.disagreements << Text::tr("not in the channel");
        row.channelDiffers = true;
        return;
    }
    if (reading.verdict == u"order_cancelled") {
        row.disagreements << Text::tr("the channel order is cancelled");
        row.channelDiffers = true;
        return;
    }
    if (!row.channelQuantity ||
        !qFuzzyCompare(1.0 + *row.channelQuantity, 1.0 + row.netSuiteQuantity)) {
        row.disagreements << (row.channelQuantity
                                  ? Text::tr("the channel has %1").arg(*row.channelQuantity)
                                  : Text::tr("the channel's fulfillment lacks this line"));
        row.channelDiffers = true;
    }
    if (asSet(row.channelTracking) != asSet(row.netSuiteTracking)) {
        row.disagreements
            << Text::tr("tracking in the channel: %1").arg(listed(row.channelTracking));
        row.channelDiffers = true;
    }
}

} // namespace

View build(const Input &input)
{
    View view;
    view.live = input.live;
    view.channelRead = !input.channel.isEmpty();
    if (view.channelRead)
        view.channelAsOf = input.channel.first().checkedAt;
    QHash<qint64, const ReconciliationReading *> readingOf;
    for (const ReconciliationReading &r : input.channel)
        if (r.fulfillmentId != 0)
            readingOf.insert(r.fulfillmentId, &r);

    for (const ItemFulfillment &f : input.fulfillments) {
        if (f.voided || f.shipStatus != ShipStatus::Shipped)
            continue;
        Row base;
        base.fulfillmentId = f.id;
        base.fulfillmentTranId = f.tranId;
        base.netSuiteTracking = f.trackingNumbers;
        for (const LedgerEntry &e : input.ledger)
            if (e.fulfillmentId == f.id) {
                base.sent = e.state;
                base.channelFulfillmentId = e.channelFulfillmentId;
                base.sentTracking = e.trackingNumbers;
                base.sentAt = e.completedAt.isValid() ? e.completedAt : e.createdAt;
            }
        const HistoryRepository::FulfillmentAttempts tries = input.attempts.value(f.id);
        base.attempts = tries.count;
        base.lastAttemptId = tries.lastAttemptId;
        const ReconciliationReading *reading = readingOf.value(f.id);
        if (reading) {
            base.channelRead = true;
            base.channelTracking = reading->channelTracking;
            if (!reading->channelFulfillmentId.isEmpty())
                base.channelFulfillmentId = reading->channelFulfillmentId;
        }

        // One row per channel SKU (kit members and repeated items summed as the channel sees
        // them); without mapped lines, the NetSuite items by name with the mapping's problem.
        const MappingResult mapping = input.mapper.map(f, input.order);
        QList<Row> rows;
        if (!mapping.mapped.lines.isEmpty()) {
            for (const MappedFulfillment::Line &line : mapping.mapped.lines) {
                const auto same = std::find_if(rows.begin(), rows.end(),
                                               [&](const Row &r) { return r.sku == line.sku; });
                if (same != rows.end()) {
                    same->netSuiteQuantity += line.quantity;
                    continue;
                }
                Row row = base;
                row.sku = line.sku;
                row.itemName = line.netSuiteItemName;
                row.netSuiteQuantity = line.quantity;
                rows << row;
            }
        } else {
            for (const ItemFulfillmentLine &line : f.lines) {
                Row row = base;
                row.itemName = line.itemName;
                row.netSuiteQuantity = line.quantity;
                row.disagreements << mapping.problems.value(0);
                row.netSuiteDiffers = true;
                rows << row;
            }
        }
        if (reading) // a line only the channel's fulfillment has
            for (auto it = reading->channelQuantityBySku.cbegin();
                 it != reading->channelQuantityBySku.cend(); ++it)
                if (std::none_of(rows.cbegin(), rows.cend(),
                                 [&](const Row &r) { return r.sku == it.key(); })) {
                    Row row = base;
                    row.sku = it.key();
                    rows << row;
                }
        for (Row &row : rows) {
            if (reading && reading->channelQuantityBySku.contains(row.sku))
                row.channelQuantity = reading->channelQuantityBySku.value(row.sku);
            judgeSent(row);
            if (reading)
                judgeChannel(row, *reading);
        }
        view.rows << rows;
    }

    for (const ReconciliationReading &extra : input.channel) {
        if (extra.fulfillmentId != 0)
            continue;
        Row base;
        base.channelRead = true;
        base.channelFulfillmentId = extra.channelFulfillmentId;
        base.channelTracking = extra.channelTracking;
        base.disagreements << Text::tr("in the channel, but no item fulfillment explains it "
                                       "(made by hand, by another tool, or a duplicate)");
        base.channelDiffers = true;
        if (extra.channelQuantityBySku.isEmpty())
            view.rows << base;
        for (auto it = extra.channelQuantityBySku.cbegin(); it != extra.channelQuantityBySku.cend();
             ++it) {
            Row row = base;
            row.sku = it.key();
            row.channelQuantity = it.value();
            view.rows << row;
        }
    }
    return view;
}

QString View::text() const
{
    const QString asOf =
        !channelRead ? Text::tr("The channel was not read yet: run a reconciliation.")
        : live       ? Text::tr("The channel as read just now (%1).")
                     .arg(QLocale().toString(channelAsOf.toLocalTime(), QLocale::ShortFormat))
               : Text::tr("The channel as of the last reconciliation (%1).")
                     .arg(QLocale().toString(channelAsOf.toLocalTime(), QLocale::ShortFormat));
    QList<QStringList> cells{{Text::tr("Item fulfillment"), Text::tr("SKU"), Text::tr("NetSuite"),
                              Text::tr("Tracking"), Text::tr("Sent"), Text::tr("Channel"),
                              Text::tr("Channel tracking"), Text::tr("Disagreement")}};
    for (const Row &r : rows) {
        const QString sent =
            !r.sent ? Text::tr("not sent")
                    : QStringLiteral("%1 %2").arg(ledgerStateKey(*r.sent), r.channelFulfillmentId);
        const QString channel = !r.channelRead      ? Text::tr("not read")
                                : r.channelQuantity ? QString::number(*r.channelQuantity)
                                                    : QStringLiteral("-");
        cells << QStringList{
            r.fulfillmentTranId.isEmpty() ? Text::tr("(extra)") : r.fulfillmentTranId,
            r.sku.isEmpty() ? r.itemName : r.sku,
            r.fulfillmentId ? QString::number(r.netSuiteQuantity) : QStringLiteral("-"),
            r.netSuiteTracking.join(u','),
            sent.trimmed(),
            channel,
            r.channelTracking.join(u','),
            r.disagreements.isEmpty()
                ? QStringLiteral("ok")
                : QStringLiteral("!! ") + r.disagreements.join(QStringLiteral("; "))};
    }
    QList<qsizetype> widths(cells.first().size(), 0);
    for (const QStringList &line : std::as_const(cells))
        for (qsizetype c = 0; c + 1 < line.size(); ++c)
            widths[c] = std::max(widths[c], line.at(c).size());
    QStringList lines{asOf};
    for (const QStringList &line : std::as_const(cells)) {
        QString text;
        for (qsizetype c = 0; c < line.size(); ++c)
            text += c + 1 < line.size() ? line.at(c).leftJustified(widths[c] + 2) : line.at(c);
        lines << QStringLiteral("  ") + text;
    }
    return lines.join(u'\n');
}

} // namespace fulfillsync::ThreeWay
