#pragma once

#include <QLoggingCategory>

// The sandbox's one logging category: QT_LOGGING_RULES="fulfillsync.sandbox.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
