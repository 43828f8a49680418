#pragma once

#include "app/demosetup.h"

#include <QThread>
#include <chrono>
#include <functional>

namespace fulfillsync {

namespace sandbox {
class SandboxServer;
}

// The sandbox running inside the app on a loopback port, on its own thread so serving the
// demo never competes with the window.
class EmbeddedSandbox final
{
public:
    EmbeddedSandbox();
    ~EmbeddedSandbox();
    EmbeddedSandbox(const EmbeddedSandbox &) = delete;
    EmbeddedSandbox &operator=(const EmbeddedSandbox &) = delete;

    // Generates demoOrders orders (or loads scenarioFile when given) and starts listening, on
    // the sandbox's thread: a big demo takes half a minute, and the window is up meanwhile.
    // done(error) runs on receiver's thread; an empty error means the sandbox listens.
    // threePlEvery: how often the demo's 3PL ships one of its orders.
    void startInBackground(int demoOrders, const QString &scenarioFile,
                           std::chrono::milliseconds threePlEvery, QObject *receiver,
                           std::function<void(const QString &error)> done);
    DemoTarget target() const { return m_target; }

private:
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread: where the server is made and deleted
    sandbox::SandboxServer *m_server = nullptr;
    DemoTarget m_target;
};

// The connector/credentials a sandbox describes (first shop).
DemoTarget demoTargetOf(const sandbox::SandboxServer &server);

} // namespace fulfillsync
