#include "sync/net/requestgate.h"

#include <algorithm>

namespace fulfillsync {

void RequestGate::acquire(std::function<void()> start)
{
    if (m_inFlight < m_limit) {
        ++m_inFlight;
        m_highWater = std::max(m_highWater, m_inFlight);
        start();
        return;
    }
    m_waiting.append(std::move(start));
}

void RequestGate::release()
{
    if (m_inFlight > 0)
        --m_inFlight;
    if (!m_waiting.isEmpty() && m_inFlight < m_limit) {
        ++m_inFlight;
        m_highWater = std::max(m_highWater, m_inFlight);
        m_waiting.takeFirst()();
    }
}

} // namespace fulfillsync
