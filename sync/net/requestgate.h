#pragma once

#include <QList>
#include <functional>

namespace fulfillsync {

// Keeps the number of concurrent requests to one service under a limit (qBittorrent's
// registerSequentialService, generalised). NetSuite governs concurrent requests per account,
// shared with every other integration, so all passes of a worker share one gate per account.
// Single-threaded: used only from the thread that runs the passes.
class RequestGate final
{
public:
    explicit RequestGate(int limit = 2)
        : m_limit(limit)
    {}

    // Runs start now if a slot is free, else when one is released. The started work must call
    // release() exactly once when its request is over.
    void acquire(std::function<void()> start);
    void release();

    int limit() const { return m_limit; }
    int inFlight() const { return m_inFlight; }
    int highWater() const { return m_highWater; }

private:
    int m_limit;
    int m_inFlight = 0;
    int m_highWater = 0;
    QList<std::function<void()>> m_waiting;
};

} // namespace fulfillsync
