#pragma once

#include "sync/engine/syncmessages.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace fulfillsync {

class Database;

// The selected sales order: its lines, fulfillments with packages, and Explain — every gate that
// decides whether it syncs — with the actions Resync, Dry run and, for a fulfillment flagged
// after it was pushed, Resolve (with a reason, recorded in the history). Reads a handful of rows
// through the GUI thread's connection when the selection changes.
class OrderDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetailPane)

public:
    explicit OrderDetailPane(Database &database, QWidget *parent = nullptr);

    void showOrder(qint64 orderId);
    void showPlanned(const fulfillsync::PlannedRequest &request);
    qint64 orderId() const { return m_orderId; }
    QString text() const;

Q_SIGNALS:
    void resyncRequested(qint64 orderId);
    void dryRunRequested(qint64 orderId);
    void flagsResolved(qint64 orderId, int count);

private:
    Database &m_database;
    qint64 m_orderId = 0;
    QLabel *m_title = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_resync = nullptr;
    QPushButton *m_dryRun = nullptr;
    QPushButton *m_resolve = nullptr;

    void resolveFlags();
};

} // namespace fulfillsync
