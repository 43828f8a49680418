#pragma once

#include <QSqlDatabase>

namespace fulfillsync {

class MainWindow;

// The first start on a real database: nothing to sync yet. Offers to set up the NetSuite account
// and a connector, or to try the demo (in its own database and window).
namespace FirstStart {

// True while no NetSuite account and no connector are stored.
bool isNeeded(QSqlDatabase db);
// Opens the offer over the window (not blocking; the box is a child named "firstStart").
void offer(MainWindow &window);

} // namespace FirstStart

} // namespace fulfillsync
