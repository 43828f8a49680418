#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>

namespace fulfillsync {

class Database;

// What the order pane shows, read in one go.
struct OrderDetail
{
    quint64 generation = 0;
    qint64 orderId = 0;
    bool found = false;
    QString title;        // rich text
    QString text;         // lines, fulfillments, Explain
    bool flagged = false; // a fulfillment waits for Resolve
};

// Reads an order's details — lines, fulfillments, every connector's Explain — on its own
// thread with its own connection (like TableReader), so a selection, a refresh during a sync
// or a slow shared database never stalls the window. A request whose generation is no longer
// the latest is skipped before it touches the database.
class OrderDetailReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetailReader)

public:
    explicit OrderDetailReader(Database &database);

    void setLatestGeneration(quint64 generation) { m_latest.store(generation); } // thread-safe
    void load(quint64 generation, qint64 orderId);
    void closeConnection();

    // The reading itself, on whatever thread calls it.
    static OrderDetail read(Database &database, qint64 orderId);

Q_SIGNALS:
    void loaded(const fulfillsync::OrderDetail &detail);

private:
    Database &m_database;
    std::atomic<quint64> m_latest{0};
};

} // namespace fulfillsync

Q_DECLARE_METATYPE(fulfillsync::OrderDetail)
