#pragma once

#include "sync/engine/syncmessages.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace fulfillsync {

class Database;
class DetailLoader;
struct OrderDetail;
class ThreeWayTable;

// The selected sales order: NetSuite, what was sent and what the channel has side by side
// (ThreeWayTable); its lines, fulfillments with packages, and Explain — every gate that
// decides whether it syncs — with the actions Resync, Dry run and, for a fulfillment flagged
// after it was pushed, Resolve (with a reason, recorded in the history). Its reads run on a
// reader thread (DetailLoader); the newest request wins.
class OrderDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetailPane)

public:
    explicit OrderDetailPane(Database &database, QWidget *parent = nullptr);

    void showOrder(qint64 orderId);
    void refresh(); // the same order again (after a pass, a resync, a resolve)
    void showPlanned(const fulfillsync::PlannedRequest &request);
    qint64 orderId() const { return m_orderId; }
    QString text() const;
    ThreeWayTable *proof() const { return m_proof; }
    void showProofTab();   // NetSuite · sent · channel
    void showExplainTab(); // lines, fulfillments and Explain

Q_SIGNALS:
    void resyncRequested(qint64 orderId);
    void dryRunRequested(qint64 orderId);
    void flagsResolved(qint64 orderId, int count);
    // Read the order from the channel now (a reconciliation of this one order).
    void channelReadRequested(qint64 orderId, const QList<qint64> &connectorIds);
    void shown(qint64 orderId); // the details of this order are on screen

private:
    void accept(const fulfillsync::OrderDetail &detail);

    Database &m_database;
    DetailLoader *m_loader = nullptr;
    qint64 m_orderId = 0;
    QStringList m_planned; // dry-run blocks of this order, kept over refreshes
    QLabel *m_title = nullptr;
    QTabWidget *m_views = nullptr;
    ThreeWayTable *m_proof = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_resync = nullptr;
    QPushButton *m_dryRun = nullptr;
    QPushButton *m_resolve = nullptr;

    void resolveFlags();
};

} // namespace fulfillsync
