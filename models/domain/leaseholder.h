#pragma once

#include <QString>
#include <optional>

namespace fulfillsync {

// Who holds a connector's lease: a worker process, written "host pid N (tag)" (the tag tells
// two runs of one pid apart). One place reads and writes that form: the lease keeper (is the
// holder's process gone?), the Dashboard ("run by host pid N") and the tests.
struct LeaseHolder
{
    QString host;
    qint64 pid = 0;
    QString tag;

    static LeaseHolder thisProcess(); // with a fresh tag
    static std::optional<LeaseHolder> parse(const QString &text);

    QString toString() const;
    QString process() const; // "host pid N", without the tag
    bool isThisProcess() const;
    bool isThisMachine() const;
};

} // namespace fulfillsync
