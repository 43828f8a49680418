#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fulfillsync {

// At start, when the configured database cannot be opened: says why and offers a way on
// instead of an error box that only exits (the admin would be locked out of the app): another
// database, saved only once its Test passed; the last database that opened; or quit.
class DatabaseRecoveryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseRecoveryDialog)

public:
    DatabaseRecoveryDialog(const QString &failedUrl, const QString &error,
                           const QString &lastWorkingUrl, QWidget *parent = nullptr);

    QString chosenUrl() const { return m_chosen; } // once accepted: the database to open

    QLineEdit *urlEdit() const { return m_url; }
    QPushButton *testButton() const { return m_test; }
    QLabel *resultLabel() const { return m_result; }
    QPushButton *useButton() const { return m_use; }
    QPushButton *lastWorkingButton() const { return m_lastWorking; } // hidden when there is none
    QPushButton *quitButton() const { return m_quit; }

public Q_SLOTS:
    void test();

Q_SIGNALS:
    void testFinished(bool ok);

private:
    void chooseSqliteFile();
    void updateUseButton();

    QString m_verified; // the last URL whose Test passed
    QString m_chosen;
    bool m_testing = false;
    QLineEdit *m_url = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_use = nullptr;
    QPushButton *m_lastWorking = nullptr;
    QPushButton *m_quit = nullptr;
};

} // namespace fulfillsync
