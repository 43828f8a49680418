#include "ui/window/firststart.h"

#include "models/storage/connectorrepository.h"
#include "ui/connectors/connectorspage.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>

namespace fulfillsync {

bool FirstStart::isNeeded(QSqlDatabase db)
{
    ConnectorRepository connectors(db);
    // An unreadable answer is not "nothing configured": no offer then.
    if (connectors.account().has_value() || !connectors.lastError().isEmpty())
        return false;
    const bool none = connectors.all().isEmpty();
    return none && connectors.lastError().isEmpty();
}

void FirstStart::offer(MainWindow &window)
{
    auto *box = new QMessageBox(&window);
    box->setObjectName(QStringLiteral("firstStart"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Information);
    box->setWindowTitle(MainWindow::tr("Welcome to fulfillsync"));
    box->setText(MainWindow::tr("fulfillsync is not connected to NetSuite yet."));
    box->setInformativeText(
        MainWindow::tr("Enter your NetSuite account and its token in Settings, then add a "
                       "connector for each store under Connectors. Switching over from another "
                       "connector? Tick \"Take over from\" on the connector: what the other tool "
                       "already put in the store is adopted, never sent twice, and Dry run shows "
                       "the first pass before it runs. To look around first, try "
                       "the demo: it opens in a window of its own, with generated orders in a "
                       "database of its own, and changes nothing here."));
    QPushButton *setUp =
        box->addButton(MainWindow::tr("Set up NetSuite…"), QMessageBox::AcceptRole);
    setUp->setObjectName(QStringLiteral("setUp"));
    QPushButton *demo = box->addButton(MainWindow::tr("Try the demo"), QMessageBox::ActionRole);
    demo->setObjectName(QStringLiteral("tryDemo"));
    box->addButton(MainWindow::tr("Later"), QMessageBox::RejectRole);
    box->setDefaultButton(setUp);
    QObject::connect(box, &QMessageBox::buttonClicked, &window,
                     [&window, setUp, demo](QAbstractButton *clicked) {
                         if (clicked == setUp) {
                             if (window.connectorsPage())
                                 window.tabs()->setCurrentWidget(window.connectorsPage());
                             if (window.settingsAction())
                                 window.settingsAction()->trigger();
                         } else if (clicked == demo) {
                             window.openDemoAction()->trigger();
                         }
                     });
    box->open();
}

} // namespace fulfillsync
