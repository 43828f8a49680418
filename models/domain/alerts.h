#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace fulfillsync {

// The outgoing mail server alerts go through. Its password is a secret and is not here.
struct MailServer
{
    QString url;      // smtp://host:587 (STARTTLS required) or smtps://host:465
    QString username; // empty: no login
    QString sender;   // the From address
    QString caFile;   // a private CA's certificate; empty: the system's
    bool isSet() const { return !url.isEmpty(); }
    bool operator==(const MailServer &) const = default;
};

// What has been said about one connector: whether it was last seen down (so "down" is sent
// once and "back up" once), and the problems not yet in a digest.
struct AlertState
{
    qint64 connectorId = 0;
    bool down = false;
    QString downReason;
    int failed = 0; // since the last digest
    int held = 0;
    QDateTime pendingSince; // the first of those problems
    QDateTime lastDigestAt;
    QString lastDeliveryError; // the last alert that could not be delivered, and why
    bool operator==(const AlertState &) const = default;
};

} // namespace fulfillsync
