#include "ui/settings/databaserecoverydialog.h"

#include "models/storage/databaseurl.h"
#include "ui/settings/databaseprobe.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fulfillsync {

namespace {

QString shown(const QString &url)
{
    const DatabaseUrl parsed = DatabaseUrl::parse(url);
    return parsed.isValid() ? parsed.displayString() : url;
}

} // namespace

DatabaseRecoveryDialog::DatabaseRecoveryDialog(const QString &failedUrl, const QString &error,
                                               const QString &lastWorkingUrl, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("fulfillsync — database"));
    auto *what = new QLabel(tr("<b>The database cannot be opened.</b><br>%1<br><br>%2")
                                .arg(shown(failedUrl).toHtmlEscaped(), error.toHtmlEscaped()),
                            this);
    what->setWordWrap(true);
    what->setTextInteractionFlags(Qt::TextSelectableByMouse);
    what->setAccessibleName(tr("Why the database cannot be opened"));
    auto *hint = new QLabel(tr("Enter another database and test it, or go back to the last "
                               "database that opened. The choice is saved for the next start."),
                            this);
    hint->setWordWrap(true);

    m_url = new QLineEdit(failedUrl, this);
    m_url->setAccessibleName(tr("Database address"));
    m_url->setPlaceholderText(tr("sqlite:///path/to/file.db or postgresql://user@host:5432/name"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setAccessibleName(tr("Choose a SQLite file"));
    m_test = new QPushButton(tr("&Test"), this);
    m_test->setAccessibleName(tr("Test the database"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_url, 1);
    row->addWidget(browse);
    row->addWidget(m_test);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setAccessibleName(tr("Database test result"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *last = new QLabel(tr("Last database that opened: %1").arg(shown(lastWorkingUrl)), this);
    last->setWordWrap(true);
    last->setTextInteractionFlags(Qt::TextSelectableByMouse);
    last->setVisible(!lastWorkingUrl.isEmpty() && lastWorkingUrl != failedUrl);

    auto *buttons = new QDialogButtonBox(this);
    m_use = buttons->addButton(tr("&Use this database"), QDialogButtonBox::AcceptRole);
    m_use->setToolTip(tr("Available once the database passed its test"));
    m_lastWorking = new QPushButton(tr("Use the &last working database"), this);
    m_lastWorking->setToolTip(shown(lastWorkingUrl));
    if (!lastWorkingUrl.isEmpty() && lastWorkingUrl != failedUrl)
        buttons->addButton(m_lastWorking, QDialogButtonBox::ActionRole);
    else
        m_lastWorking->hide(); // none known: no button that leads nowhere
    m_quit = buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);

    connect(browse, &QPushButton::clicked, this, &DatabaseRecoveryDialog::chooseSqliteFile);
    connect(m_test, &QPushButton::clicked, this, &DatabaseRecoveryDialog::test);
    connect(m_url, &QLineEdit::textChanged, this, &DatabaseRecoveryDialog::updateUseButton);
    connect(m_use, &QPushButton::clicked, this, [this] {
        m_chosen = m_url->text().trimmed();
        accept();
    });
    connect(m_lastWorking, &QPushButton::clicked, this, [this, lastWorkingUrl] {
        m_chosen = lastWorkingUrl;
        accept();
    });
    connect(m_quit, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(hint);
    layout->addLayout(row);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(last);
    layout->addWidget(buttons);
    resize(620, 300);
    updateUseButton();
}

void DatabaseRecoveryDialog::test()
{
    const QString text = m_url->text().trimmed();
    if (m_testing || text.isEmpty())
        return;
    m_testing = true;
    m_test->setEnabled(false);
    showProbeRunning(m_result);
    probeDatabaseAsync(this, text, [this, text](const DatabaseProbeResult &result) {
        m_testing = false;
        m_test->setEnabled(true);
        showProbeResult(m_result, result.ok, result.summary);
        if (result.ok)
            m_verified = text;
        updateUseButton();
        Q_EMIT testFinished(result.ok);
    });
}

void DatabaseRecoveryDialog::updateUseButton()
{
    m_use->setEnabled(!m_verified.isEmpty() && m_url->text().trimmed() == m_verified);
}

void DatabaseRecoveryDialog::chooseSqliteFile()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("SQLite database file"), QString(),
                                                      tr("SQLite databases (*.db *.sqlite)"),
                                                      nullptr, QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        m_url->setText(QStringLiteral("sqlite://") + file);
}

} // namespace fulfillsync
