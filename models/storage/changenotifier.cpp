#include "models/storage/changenotifier.h"

#include <QSqlDriver>
#include <QSqlQuery>

namespace fulfillsync {

namespace {
bool supportsNotifications(const QSqlDatabase &db)
{
    return db.isOpen() && db.driver()->hasFeature(QSqlDriver::EventNotifications) &&
           db.driverName() == QLatin1String("QPSQL");
}
} // namespace

ChangeNotifier::ChangeNotifier(QSqlDatabase db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
{
    if (!supportsNotifications(m_db))
        return;
    QSqlDriver *driver = m_db.driver();
    m_listening = driver->subscribeToNotification(QLatin1String(kChannel));
    if (m_listening)
        connect(driver, &QSqlDriver::notification, this, [this](const QString &name) {
            if (name == QLatin1String(kChannel))
                Q_EMIT changed();
        });
}

ChangeNotifier::~ChangeNotifier()
{
    if (m_listening && m_db.isOpen())
        m_db.driver()->unsubscribeFromNotification(QLatin1String(kChannel));
}

void ChangeNotifier::announce(QSqlDatabase db)
{
    if (!supportsNotifications(db))
        return;
    QSqlQuery q(db);
    q.exec(QStringLiteral("NOTIFY ") + QLatin1String(kChannel)); // a fixed name, never input
}

} // namespace fulfillsync
