#include "sync/engine/explainer.h"

#include "models/storage/connectorrepository.h"
#include "models/storage/historyrepository.h"
#include "models/storage/ledgerrepository.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/orderrepository.h"
#include "models/storage/quarantinerepository.h"
#include "sync/channel/channelfactory.h"
#include "sync/threepl/threeplexplainer.h"

#include <QCoreApplication>

namespace fulfillsync {

namespace {
// The translation context of this file, the same for lupdate and at run time (a plain
// tr() helper here would be filed under whatever class or namespace surrounds the call).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Explainer)
};
} // namespace

QString OrderExplanation::toText() const
{
    QStringList lines;
    for (const FulfillmentExplanation &f : fulfillments) {
        if (!lines.isEmpty())
            lines << QString();
        lines << f.fulfillmentTranId;
        for (const Gate &gate : f.decision.gates)
            lines << QStringLiteral("  [%1] %2: %3")
                         .arg(gate.passed ? QStringLiteral("ok") : QStringLiteral("--"), gate.name,
                              gate.detail);
        lines << QStringLiteral("  => ") + f.verdict();
    }
    if (fulfillments.isEmpty())
        lines << Text::tr("The order has no item fulfillments in NetSuite yet.");
    return lines.join(u'\n');
}

QString ConnectorExplanation::toText() const
{
    if (connector.isThreePl())
        return threePl;
    return explanation.toText() + u'\n' + Text::tr("NetSuite, sent and the channel:") + u'\n' +
           threeWay.text();
}

QList<ConnectorExplanation> Explainer::explainStored(QSqlDatabase db, const SalesOrder &order,
                                                     const QList<ItemFulfillment> &fulfillments)
{
    QList<ConnectorExplanation> result;
    const auto kits = OrderRepository(db).kitMembersOf(fulfillments);
    for (const Connector &c : ConnectorRepository(db).all()) {
        if (c.isThreePl()) {
            result << ConnectorExplanation{c, {}, ThreePlExplainer::explainStored(db, c, order)};
            continue;
        }
        if (c.channel.compare(order.channel, Qt::CaseInsensitive) != 0)
            continue;
        const FulfillmentMapper mapper(c, MappingRepository(db).rules(c.id), kits);
        const ExplainInput input{c, mapper, ChannelFactory::quantityRule(c.kind)};
        const QList<LedgerEntry> ledger = LedgerRepository(db).entriesOfOrder(c.id, order.id);
        const auto attempts = HistoryRepository(db).attemptsOfOrder(c.id, order.id);
        const QList<ReconciliationReading> reading =
            ReconciliationRepository(db).ofOrder(c.id, order.id);
        result << ConnectorExplanation{
            c,
            explain(input, order, fulfillments, ledger,
                    QuarantineRepository(db).entriesOfOrder(c.id, order.id)),
            {},
            ThreeWay::build({mapper, order, fulfillments, ledger, attempts, reading})};
    }
    return result;
}

OrderExplanation Explainer::explain(const ExplainInput &input, const SalesOrder &order,
                                    const QList<ItemFulfillment> &fulfillments,
                                    const QList<LedgerEntry> &ledger,
                                    const QList<QuarantineEntry> &quarantine)
{
    OrderExplanation result;
    for (const ItemFulfillment &f : fulfillments) {
        DecisionInput decision{input.connector, order, f};
        for (const LedgerEntry &e : ledger)
            if (e.fulfillmentId == f.id)
                decision.ledger = e;
        for (const QuarantineEntry &q : quarantine)
            if (q.fulfillmentId == f.id)
                decision.quarantine = q;
        decision.mapping =
            SyncDecisions::mapForChannel(input.mapper, f, order, input.channelQuantityProblems);
        decision.now = input.now;
        result.fulfillments << FulfillmentExplanation{f.id, f.tranId,
                                                      SyncDecisions::decide(decision)};
    }
    return result;
}

} // namespace fulfillsync
