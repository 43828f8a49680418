#pragma once

#include <QDir>
#include <QObject>
#include <functional>

namespace fulfillsync {

class MainWindow;
class SyncController;

// `fulfillsync --screenshot FOLDER`: syncs the demo data twice, then visits every screen
// (each tab, the order and attempt detail panes, Settings) and saves one PNG per screen, then
// quits. The pictures in docs/screenshots/ come from here (scripts/screenshot.sh).
class ScreenshotTour final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)

public:
    ScreenshotTour(MainWindow &window, SyncController &sync, const QDir &folder,
                   QObject *parent = nullptr);

    void start(); // triggers the sync; the tour begins once it has finished

private:
    struct Stop
    {
        QString file;
        std::function<void()> prepare; // shows the screen; the picture is taken a moment later
    };
    QList<Stop> stops();
    void next();
    void save(QWidget *widget, const QString &file);
    QString latestThreePlOrder() const;

    MainWindow &m_window;
    SyncController &m_sync;
    QDir m_folder;
    QList<Stop> m_stops;
    bool m_started = false;
    int m_syncs = 0;
};

} // namespace fulfillsync
